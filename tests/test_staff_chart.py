"""/stats sends the funnel and the week's ratings as a picture, the figures in its caption,
in the staff's language; the picture is drawn off the event loop."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.clock import FixedClock
from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import Sandbox
from bot.flows.staff import chart
from tests.chat import Texts, instance_died
from tests.conftest import START
from tests.desk import staff_member, stores_of

PNG = b"\x89PNG\r\n\x1a\n"
FUNNEL = {"started": 10, "screened": 8, "lead": 4, "booked": 3, "treated": 2, "reviewed": 2}
RATINGS = {"rating_5": 1, "rating_2": 1}


@pytest.mark.parametrize("staff_language", ["en", "ru"])
async def test_stats_is_a_chart_with_the_figures_in_its_caption(
    settings: Settings, content: Content, staff_language: str,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[tuple[Any, ...]] = []
    real = chart.funnel_chart

    def spy(*args: Any) -> bytes:
        drawn.append((threading.current_thread() is threading.main_thread(), *args))
        return real(*args)

    monkeypatch.setattr("bot.flows.staff.stats.funnel_chart", spy)
    local = replace(settings, default_language=staff_language)
    bot = await Sandbox.start(local, FixedClock(START))
    try:
        stores = stores_of(bot)
        for stage, count in {**FUNNEL, **RATINGS}.items():
            for _ in range(count):
                await stores.funnel.record(stage, START.date())
        await stores.funnel.record("rating_1", START.date() - timedelta(days=8))  # last week
        staff = Texts(content, staff_language)
        [picture] = await staff_member(bot, local).send("/stats")
        assert picture.document is not None and picture.document.get("photo") is True
        assert picture.document["content"].startswith(PNG)
        caption = picture.text
        assert staff.counted("staff.stats.title", 30, days=30) in caption
        assert f"{staff.label('staff.funnel.reviewed')}: <b>2</b>" in caption
        average = {"en": "3.5", "ru": "3,5"}[staff_language]
        assert staff("staff.stats.ratings", count=2, average=average,
                     stars="1: 0 · 2: 1 · 3: 0 · 4: 0 · 5: 1") in caption
        [(in_loop_thread, steps, ratings, _)] = drawn
        assert in_loop_thread is False
        assert steps == [(staff.label(f"staff.funnel.{s}"), n) for s, n in FUNNEL.items()]
        assert ratings == [0, 1, 0, 0, 1]
    finally:
        await bot.stop()


def test_the_chart_is_a_png_even_with_nothing_counted() -> None:
    assert chart.funnel_chart([("Started", 0)], [0] * 5, ("Funnel", "Ratings")).startswith(PNG)


async def test_drawing_does_not_hold_up_the_loop() -> None:
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0)

    ticker = asyncio.create_task(tick())
    await asyncio.to_thread(chart.funnel_chart, [("a", 1)] * 6, [1] * 5, ("x", "y"))
    ticker.cancel()
    assert ticks > 1


async def test_the_monday_digest_posts_the_chart_once_a_week(
    settings: Settings, content: Content
) -> None:
    local = replace(settings, weekly_digest=True)
    bot = await Sandbox.start(local, FixedClock(datetime(2026, 11, 30, 9, 0, tzinfo=UTC)))
    try:
        def pictures() -> list[Any]:
            return [m for m in bot.staff_chat() if m.document and m.document.get("photo")]

        await bot.run_scheduler()  # Monday, before the nudge hour (10:00)
        assert pictures() == []
        bot.clock.advance(timedelta(hours=1, minutes=5))
        await bot.run_scheduler()
        await bot.run_scheduler()
        [digest] = pictures()
        assert Texts(content, "en").counted("staff.stats.title", 7, days=7) in digest.text
        bot.clock.advance(timedelta(days=1))
        await bot.run_scheduler()
        assert len(pictures()) == 1
        bot.clock.advance(timedelta(days=6))
        await bot.run_scheduler()
        assert len(pictures()) == 2
    finally:
        await bot.stop()


async def test_no_digest_unless_the_clinic_asks_for_it(bot: Sandbox) -> None:
    bot.clock.advance(timedelta(days=6, hours=1))  # START is a Tuesday: the next Monday, 11:00
    await bot.run_scheduler()
    assert not [m for m in bot.staff_chat() if m.document]


MONDAY = datetime(2026, 11, 30, 10, 5, tzinfo=UTC)  # past the nudge hour (10:00)


def pictures(bot: Sandbox) -> list[Any]:
    return [m for m in bot.staff_chat() if m.document and m.document.get("photo")]


async def digest_failed_once(settings: Settings) -> Sandbox:
    """A clinic (with the weekly digest on) on Monday, whose first send of it failed."""
    bot = await Sandbox.start(settings, FixedClock(MONDAY))
    bot.api.fail_next["sendPhoto"] = [(502, {"description": "Bad Gateway"})]
    await bot.run_scheduler()
    return bot


@pytest.mark.engines
async def test_a_digest_whose_send_failed_goes_out_later_once(
    settings: Settings, content: Content
) -> None:
    bot = await digest_failed_once(replace(settings, weekly_digest=True))
    try:
        assert pictures(bot) == []
        bot.clock.advance(timedelta(minutes=10))
        await bot.run_scheduler()
        await bot.run_scheduler()
        [digest] = pictures(bot)
        assert Texts(content, "en").counted("staff.stats.title", 7, days=7) in digest.text
    finally:
        await bot.stop()


@pytest.mark.engines
async def test_a_digest_left_unsent_by_a_restart_goes_out_after_it_once(
    settings: Settings, content: Content
) -> None:
    local = replace(settings, weekly_digest=True)
    bot = await digest_failed_once(local)
    try:
        await instance_died(bot, local)
        await bot.run_scheduler()
        await bot.run_scheduler()
        assert len(pictures(bot)) == 1
    finally:
        await bot.stop()


@pytest.mark.engines("postgresql")
async def test_two_instances_send_the_digest_once(
    settings: Settings, content: Content
) -> None:
    local = replace(settings, weekly_digest=True)
    first = await Sandbox.start(local, FixedClock(MONDAY))
    second = await Sandbox.start(local, FixedClock(MONDAY), first.api)
    try:
        first.api.fail_next["sendPhoto"] = [(502, {"description": "Bad Gateway"})]
        await asyncio.gather(first.run_scheduler(), second.run_scheduler())
        for bot in (first, second):
            bot.clock.advance(timedelta(minutes=10))
        await asyncio.gather(first.run_scheduler(), second.run_scheduler())
        await asyncio.gather(first.run_scheduler(), second.run_scheduler())
        assert len(pictures(first)) == 1
    finally:
        await second.stop()
        await first.stop()
