"""A burst the staff chat cannot absorb: `--clients` clients in one minute each hand a question
to staff (a post to the staff chat, as a lead card is), through the production rate limiter,
with the scheduler running every 30 s.

    .venv/bin/python bench/staff_burst.py [--clients 100]

Time is virtual: the updates run one after another and every wait (for the bot's, a chat's or
the group's slot) moves the clock forward by its length, so a client's reply time is what the
limiter made it wait, and the figures do not depend on the machine. The fake Bot API answers
429 past 20 posts a minute in a group. Printed: the clients' reply time (p50, p99, max), the
posts that reached the staff chat and how many of them twice, the most in any 60 s, when the
backlog summary came and when the last post did.
"""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter

from common import emit, percentile, temp_settings

from bot.clock import Clock
from bot.devtools.fake_api import FakeBotApi
from bot.devtools.sandbox import Sandbox
from bot.telegram.limiter import PriorityGate, PriorityRateLimiter

APART_MINUTE = 60.0


class JumpingTime:
    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)
        await asyncio.sleep(0)


def most_within(times: list[float], seconds: float) -> int:
    ordered = sorted(times)
    return max((sum(1 for u in ordered[k:] if u < t + seconds) for k, t in enumerate(ordered)),
               default=0)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=100)
    args = parser.parse_args()
    settings, tmp = temp_settings("staff-burst")
    time = JumpingTime()
    api = FakeBotApi(clock=time.clock, group_limit=20)
    gate = PriorityGate(max_rate=30, headroom=1, clock=time.clock, sleep=time.sleep)
    bot = await Sandbox.start(settings, Clock(), api,
                              rate_limiter=PriorityRateLimiter(gate, clock=time.clock))
    content = bot.app.bot_data["content"]
    forward = content.tr_button_label("en", "faq.forward.yes")
    replies: list[float] = []
    next_run = 30.0
    try:
        for n in range(args.clients):
            time.now = max(time.now, n * APART_MINUTE / args.clients)
            while time.now >= next_run:
                await bot.run_scheduler()
                next_run += 30.0
            client = bot.user(7000 + n, f"Client{n}")
            await client.send(f"Is there wifi in the waiting room for guest {n}?")
            asked = time.now
            await client.press(forward)
            replies.append(time.now - asked)
        while await bot.app.bot_data["services"].stores.outbox.staff_waiting():
            time.now = max(time.now, next_run)
            await bot.run_scheduler()
            next_run += 30.0
    finally:
        await bot.stop()
        tmp.cleanup()
    staff = bot.staff_chat()
    arrived = api.arrivals[settings.staff_chat_id]
    posts = Counter(n for m in staff for n in range(args.clients) if f"guest {n}?" in m.text)
    summary = [t for m, t in zip(staff, arrived, strict=False) if m.text.startswith("⏳")]
    emit("clients", args.clients, "in one minute")
    emit("client_reply_p50", percentile(replies, 50) * 1000, "ms (virtual)")
    emit("client_reply_p99", percentile(replies, 99) * 1000, "ms (virtual)")
    emit("client_reply_max", max(replies) * 1000, "ms (virtual)")
    emit("posts_arrived", len(posts), "of " + str(args.clients))
    emit("posts_twice", sum(1 for c in posts.values() if c > 1), "posts")
    emit("most_in_60_s", most_within(arrived, 60.0), "posts (limit 20)")
    emit("answered_429", api.too_many, "times")
    emit("summary_at", summary[0] if summary else -1, "s")
    emit("last_post_at", max(arrived), "s")
    if bot.errors:
        raise SystemExit(f"handlers raised: {bot.errors[:3]!r}")


if __name__ == "__main__":
    asyncio.run(main())
