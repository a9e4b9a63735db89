"""A burst the staff chat cannot absorb: 100 clients in one minute each hand a question to staff
(a post to the staff chat, as a lead card is), through the production rate limiter, on a clock
that jumps over every wait. The staff chat takes 20 posts a minute (the fake Bot API answers
429 past that): a post that cannot go now waits in the outbox for the scheduler, never in the
update, so each client's reply still comes at once; every post arrives once, within the
limit; and staff are told of the backlog rather than left to watch a trickle."""

from __future__ import annotations

import asyncio

from bot.clock import FixedClock
from bot.config import Settings
from bot.content import Content
from bot.devtools.fake_api import FakeBotApi
from bot.devtools.sandbox import Sandbox
from bot.telegram.limiter import PriorityGate, PriorityRateLimiter
from tests.chat import Texts
from tests.virtual_time import most_within

CLIENTS = 100
APART = 0.6  # seconds between two clients: 100 in a minute


class JumpingTime:
    """A clock that every wait moves forward at once: the updates here run one after another,
    so a wait is the time its caller would have lost."""

    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)
        await asyncio.sleep(0)


async def test_a_hundred_posts_in_a_minute_wait_in_the_outbox_and_each_arrives_once(
        settings: Settings, clock: FixedClock, content: Content) -> None:
    t = Texts(content, "en")
    time = JumpingTime()
    api = FakeBotApi(clock=time.clock, group_limit=20)
    gate = PriorityGate(max_rate=30, headroom=1, clock=time.clock, sleep=time.sleep)
    limiter = PriorityRateLimiter(gate, max_retries=0, clock=time.clock)
    bot = await Sandbox.start(settings, clock, api, rate_limiter=limiter)
    staff = settings.staff_chat_id
    replies: list[float] = []
    next_run = 30.0
    try:
        for n in range(CLIENTS):
            time.now = max(time.now, n * APART)
            while time.now >= next_run:  # the scheduler's runs, every 30 s
                await bot.run_scheduler()
                next_run += 30.0
            client = bot.user(7000 + n, f"Client{n}")
            await client.send(f"Is there wifi in the waiting room for guest {n}?")
            asked = time.now
            await client.press(t.label("faq.forward.yes"))
            replies.append(time.now - asked)
        for _ in range(12):  # five more minutes
            time.now = max(time.now, next_run)
            await bot.run_scheduler()
            next_run += 30.0
    finally:
        await bot.stop()
    assert bot.errors == [] and api.too_many == 0
    assert max(replies) < 0.5
    posts = [m.text for m in bot.staff_chat()]
    for n in range(CLIENTS):
        assert sum(f"guest {n}?" in text for text in posts) == 1, n
    assert most_within(api.arrivals[staff], 60.0) <= 20
    summary = [i for i, text in enumerate(posts) if text.startswith("⏳")]
    assert len(summary) == 1 and summary[0] < len(posts) - 20
