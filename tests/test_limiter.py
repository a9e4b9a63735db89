"""The rate limiter: clients' replies go before scheduled sends, the overall pace holds, and
requests made while handling an update count as the client's; and the fake Bot API's bounded
chats and 429s that the benchmarks measure it with."""

from __future__ import annotations

import asyncio
import bisect
import logging

import pytest
from telegram import Bot, Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot.clock import FixedClock
from bot.config import Settings
from bot.devtools.fake_api import TOKEN, FakeBotApi
from bot.devtools.sandbox import Sandbox
from bot.telegram.app import telegram_rate_limiter
from bot.telegram.limiter import (
    HANDLING_UPDATE,
    InteractiveUpdateProcessor,
    PriorityGate,
    PriorityRateLimiter,
)
from bot.telegram.pacing import GROUP, PRIVATE, LocalSlots, Pace, SharedSlots, chat_limit

TICK = 0.005  # seconds between releases in these tests


async def released_in_order(gate: PriorityGate, kinds: list[str]) -> list[str]:
    """Occupy the gate, queue callers of `kinds` ("i…" interactive, "b…" bulk) in that order
    and return the order they get through."""
    await gate.acquire(False)
    order: list[str] = []

    async def caller(name: str) -> None:
        await gate.acquire(name.startswith("i"))
        order.append(name)

    tasks = []
    for name in kinds:
        tasks.append(asyncio.create_task(caller(name)))
        await asyncio.sleep(0)
    await asyncio.gather(*tasks)
    return order


async def test_interactive_callers_go_before_waiting_bulk_ones() -> None:
    gate = PriorityGate(max_rate=100, period=400 * TICK)
    order = await released_in_order(gate, ["b1", "b2", "b3", "i1", "b4", "i2"])
    assert order == ["i1", "i2", "b1", "b2", "b3", "b4"]


async def test_an_interactive_caller_arriving_mid_wave_is_next() -> None:
    gate = PriorityGate(max_rate=100, period=400 * TICK)
    await gate.acquire(False)
    order: list[str] = []
    two_out = asyncio.Event()

    async def caller(name: str, interactive: bool) -> None:
        await gate.acquire(interactive)
        order.append(name)
        if len(order) == 2:
            two_out.set()

    bulk = [asyncio.create_task(caller(f"b{n}", False)) for n in range(6)]
    await two_out.wait()
    await caller("i", True)
    await asyncio.gather(*bulk)
    assert order.index("i") == 2 and order.count("i") == 1
    assert [n for n in order if n != "i"] == [f"b{n}" for n in range(6)]


async def released_at(gate: PriorityGate, interactive: list[bool]) -> list[float]:
    """When callers of those kinds get through, on a virtual clock the gate's sleeps move."""
    now = [0.0]

    async def sleep(seconds: float) -> None:
        now[0] += seconds

    gate.clock, gate.sleep = (lambda: now[0]), sleep
    gate.slots = LocalSlots(gate.clock)
    times: list[float] = []

    async def caller(kind: bool) -> None:
        await gate.acquire(kind)
        times.append(now[0])

    await asyncio.gather(*(caller(kind) for kind in interactive))
    return times


async def test_pace_and_window_hold_for_both_kinds() -> None:
    gate = PriorityGate(max_rate=5, period=20 * TICK, margin=TICK)
    times = await released_at(gate, [n % 3 == 0 for n in range(12)])
    assert abs(gate.interval - 21 * TICK / 5) < 1e-12
    assert all(b - a >= gate.interval - 1e-9 for a, b in zip(times, times[1:], strict=False))
    assert all(times[k + 5] - times[k] >= 21 * TICK - 1e-9 for k in range(len(times) - 5))


async def test_one_late_request_never_makes_the_bots_limit_one_too_many() -> None:
    """Telegram counts arrivals, the gate counts releases: a request held up between the two
    (a busy event loop, a garbage collection) must not make 31 in a second."""
    released = await released_at(telegram_rate_limiter(30).gate, [False] * 120)
    for late in range(len(released)):
        for delay in (0.06, 0.2, 1.0):
            arrived = sorted(t + (delay if n == late else 0.0) for n, t in enumerate(released))
            most = max(bisect.bisect_left(arrived, t + 1.0) - k for k, t in enumerate(arrived))
            assert most <= 30, (late, delay)


async def test_a_cancelled_caller_gives_up_its_turn() -> None:
    gate = PriorityGate(max_rate=1000, period=1000 * TICK)
    await gate.acquire(False)
    gone = asyncio.create_task(gate.acquire(True))
    await asyncio.sleep(0)
    gone.cancel()
    await asyncio.wait_for(gate.acquire(False), timeout=10 * TICK)
    assert gate.waiting() == (0, 0)


async def test_requests_while_handling_an_update_are_interactive() -> None:
    api = FakeBotApi()
    limiter = PriorityRateLimiter(PriorityGate(max_rate=1000, period=1000 * TICK))
    seen: list[bool] = []
    kinds: list[bool] = []
    acquire = limiter.gate.acquire

    async def spying(interactive: bool) -> None:
        kinds.append(interactive)
        await acquire(interactive)

    limiter.gate.acquire = spying  # type: ignore[method-assign]
    app = (Application.builder().token(TOKEN).request(api).get_updates_request(api)
           .rate_limiter(limiter).concurrent_updates(InteractiveUpdateProcessor(4)).build())

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append(HANDLING_UPDATE.get())
        assert update.effective_chat is not None
        await context.bot.send_message(update.effective_chat.id, "hi")

    app.add_handler(MessageHandler(filters.TEXT, echo))
    async with app:
        chat = {"id": 42, "type": "private", "first_name": "Anna"}
        data = {"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": chat,
                                            "from": {"id": 42, "is_bot": False,
                                                     "first_name": "Anna"}, "text": "hello"}}
        update = Update.de_json(data, app.bot)
        await app.update_processor.process_update(update, app.process_update(update))
        bot: Bot = app.bot
        await bot.send_message(42, "a scheduled nudge")
        await bot.get_me()  # names no chat: not paced at all
    assert seen == [True] and not HANDLING_UPDATE.get()
    assert kinds == [True, False]
    assert [text for text in (m.text for m in api.messages[42])] == ["hi", "a scheduled nudge"]


def test_a_private_chat_counts_new_messages_and_a_group_every_call() -> None:
    assert chat_limit(42, "sendMessage") == chat_limit("42", "copyMessage") == PRIVATE
    assert chat_limit(42, "editMessageText") is None  # answers to the client's own presses
    assert chat_limit(42, "sendChatAction") is None
    assert chat_limit(-100123, "editMessageText") == chat_limit("@clinic", "sendMessage") == GROUP


async def test_while_the_database_fails_slots_come_from_this_process_at_half_pace(
        caplog: pytest.LogCaptureFixture) -> None:
    class Unreachable:
        async def take(self, *args: object) -> float:
            raise OSError("connection refused")

        take_in_window = take

    slots = SharedSlots(Unreachable(), None, LocalSlots(lambda: 0.0))  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING):
        assert [await slots.take("bot", Pace(0.5)) for _ in range(3)] == [0.0, 1.0, 2.0]
        cards = [await slots.take("chat -5", GROUP) for _ in range(11)]
    assert cards == [0.0] * 10 + [61.0]
    assert sum("could not take a sending slot" in r.message for r in caplog.records) == 1


def test_the_fake_api_keeps_recent_messages_and_can_answer_429() -> None:
    api = FakeBotApi(keep=3)
    for n in range(5):
        api.answer("sendMessage", {"chat_id": 5, "text": f"m{n}"})
    assert [m.text for m in api.messages[5]] == ["m2", "m3", "m4"]
    first, last = 1, api.messages[5][-1].message_id
    assert api.answer("editMessageText", {"chat_id": 5, "message_id": first, "text": "x"})[0] == 400
    assert api.answer("editMessageText", {"chat_id": 5, "message_id": last, "text": "x"})[0] == 200
    limited = FakeBotApi(flood_limit=2)
    statuses = [limited.answer("sendMessage", {"chat_id": 5, "text": "hi"})[0] for _ in range(3)]
    assert statuses == [200, 200, 429] and limited.too_many == 1


@pytest.mark.engines
async def test_paces_are_kept_where_every_instance_takes_them(
        settings: Settings, clock: FixedClock, engine: str) -> None:
    """The bot's pace and a private chat's are in the database on PostgreSQL, which several
    instances share, and in this process on SQLite, which one process owns: a write per message
    there would only repeat what the process knows. A group's window is in the database on
    both, since it outlasts a restart (a minute): a restarted bot must not post 20 more cards
    into a minute that already had its 20."""
    sandbox = await Sandbox.start(settings, clock, rate_limiter=telegram_rate_limiter())
    try:
        client = sandbox.user(1001)
        await client.send("/start")
        assert client.last.text  # answered, through the limiter
        await sandbox.app.bot.send_message(settings.staff_chat_id, "a lead card")
        database = sandbox.app.bot_data["services"].stores.database
        keys = {row[0] for row in await database.all("SELECT key FROM send_slots")}
    finally:
        await sandbox.stop()
    shared = {"bot", "chat 1001"} if engine == "postgresql" else set()
    assert keys == {f"chat {settings.staff_chat_id}"} | shared
