"""Telegram's limits are the bot's and each chat's, whichever instance sends: two Applications
on one PostgreSQL database, with the production rate limiter, post to a fake Bot API that
answers 429 where Telegram would (30 messages a second for the bot, 20 a minute for a group,
a short burst and then one a second for a private chat). Time is virtual: a minute of sending
runs in well under a second."""

from __future__ import annotations

import pytest

from bot.clock import FixedClock
from bot.config import Settings
from bot.devtools.fake_api import FakeBotApi
from bot.devtools.sandbox import Sandbox
from bot.telegram.limiter import HANDLING_UPDATE, PriorityGate, PriorityRateLimiter
from tests.virtual_time import VirtualTime, most_within

pytestmark = pytest.mark.engines("postgresql")


async def instance(settings: Settings, clock: FixedClock, api: FakeBotApi,
                   time: VirtualTime) -> Sandbox:
    """One instance of the bot, as `clinicbot run` builds its limiter, on virtual time (its
    sending slots too); no retries, so a 429 fails the test."""
    gate = PriorityGate(max_rate=30, headroom=1, clock=time.clock, sleep=time.sleep)
    limiter = PriorityRateLimiter(gate, max_retries=0, clock=time.clock)
    bot = await Sandbox.start(settings, clock, api, rate_limiter=limiter)
    slots = bot.app.bot_data["services"].stores.send_slots
    slots.take = time.counting(slots.take)
    slots.take_in_window = time.counting(slots.take_in_window)
    return bot


async def test_two_instances_post_at_most_20_a_minute_to_the_staff_chat(
        settings: Settings, clock: FixedClock) -> None:
    time = VirtualTime()
    api = FakeBotApi(clock=time.clock, group_limit=20)
    staff = settings.staff_chat_id
    a, b = [await instance(settings, clock, api, time) for _ in range(2)]
    try:
        await time.run(*(bot.app.bot.send_message(staff, f"lead {n}")
                         for bot in (a, b) for n in range(25)))
    finally:
        await a.stop()
        await b.stop()
    assert api.too_many == 0
    assert len(api.arrivals[staff]) == 50
    assert most_within(api.arrivals[staff], 60.0) <= 20


async def test_an_instance_joining_a_wave_sends_no_message_over_the_bots_limit(
        settings: Settings, clock: FixedClock) -> None:
    """A restart under load: `a` is sending a wave of nudges when `b` comes up and sends its
    own, from its very first message."""
    time = VirtualTime()
    api = FakeBotApi(clock=time.clock, flood_limit=30, chat_burst=3)
    a, b = [await instance(settings, clock, api, time) for _ in range(2)]

    async def joining() -> None:
        await time.sleep(1.0)
        await time.run(*(b.app.bot.send_message(20_000 + n, "nudge") for n in range(60)))

    try:
        await time.run(joining(), *(a.app.bot.send_message(10_000 + n, "nudge")
                                    for n in range(120)))
    finally:
        await a.stop()
        await b.stop()
    arrived = [t for chat in api.arrivals.values() for t in chat]
    assert api.too_many == 0 and len(arrived) == 180
    assert most_within(arrived, 1.0) <= 30


async def test_one_private_chat_gets_a_burst_then_one_message_a_second_from_all_instances(
        settings: Settings, clock: FixedClock) -> None:
    time = VirtualTime()
    api = FakeBotApi(clock=time.clock, chat_burst=5)
    a, b = [await instance(settings, clock, api, time) for _ in range(2)]
    try:
        await time.run(*(bot.app.bot.send_message(555, f"nudge {n}")
                         for bot in (a, b) for n in range(5)))
    finally:
        await a.stop()
        await b.stop()
    assert api.too_many == 0 and len(api.arrivals[555]) == 10
    assert most_within(api.arrivals[555], 1.0) <= 3
    assert most_within(api.arrivals[555], 5.0) <= 7


async def test_a_clients_reply_goes_at_once_while_a_wave_goes_out(
        settings: Settings, clock: FixedClock) -> None:
    """The reply of a turn (three messages here) is not held back a second per message, nor
    queued behind the other instance's wave."""
    time = VirtualTime()
    api = FakeBotApi(clock=time.clock, flood_limit=30, chat_burst=5)
    a, b = [await instance(settings, clock, api, time) for _ in range(2)]
    asked: list[float] = []

    async def turn() -> None:
        await time.sleep(0.5)
        HANDLING_UPDATE.set(True)
        asked.append(time.now)
        for text in ("Noted!", "A tip", "Your request has been sent"):
            await b.app.bot.send_message(777, text)

    try:
        await time.run(turn(), *(bot.app.bot.send_message(10_000 + n, "nudge")
                                 for bot in (a, b) for n in range(30)))
    finally:
        await a.stop()
        await b.stop()
    assert api.too_many == 0
    assert [m.text for m in api.messages[777]][-1] == "Your request has been sent"
    assert max(api.arrivals[777]) - asked[0] < 0.2
