"""Sending slots in the database (bot/storage/send_slots.py): two processes on one database
take one schedule between them, on either engine."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.storage import Stores

pytestmark = pytest.mark.engines


@pytest.fixture
async def two(storage: Path | str) -> AsyncIterator[tuple[Stores, Stores]]:
    first = await Stores.open(storage)
    second = await Stores.open(storage)
    try:
        yield first, second
    finally:
        await first.close()
        await second.close()


async def test_two_processes_take_one_evenly_paced_schedule(
        two: tuple[Stores, Stores]) -> None:
    first, second = two
    waits = [await (first if n % 2 else second).send_slots.take("bot", 0.5, now=100.0)
             for n in range(4)]
    assert waits == [0.0, 0.5, 1.0, 1.5]
    later = await first.send_slots.take("bot", 0.5, now=103.0)  # the schedule caught up
    assert later == 0.0


async def test_a_burst_goes_at_once_then_the_pace_holds(two: tuple[Stores, Stores]) -> None:
    first, second = two
    waits = [await (first if n % 2 else second).send_slots.take("chat 5", 1.0, 3, now=10.0)
             for n in range(5)]
    assert waits == [0.0, 0.0, 0.0, 1.0, 2.0]
    assert await first.send_slots.take("chat 6", 1.0, 3, now=10.0) == 0.0  # its own schedule


async def test_keys_whose_time_passed_are_forgotten(two: tuple[Stores, Stores]) -> None:
    first, second = two
    await first.send_slots.take("chat 5", 1.0, now=10.0)
    await first.send_slots.take("chat 6", 5.0, now=10.0)
    assert await second.send_slots.forget_past(now=12.0) == 1
    assert await first.send_slots.take("chat 6", 5.0, now=12.0) == 3.0
    assert await first.send_slots.take("chat 5", 1.0, now=12.0) == 0.0


async def test_without_a_time_given_the_databases_clock_paces(
        two: tuple[Stores, Stores]) -> None:
    first, second = two
    assert await first.send_slots.take("bot", 10.0) == 0.0
    assert 9.0 < await second.send_slots.take("bot", 10.0) <= 10.0
    assert await first.send_slots.forget_past() == 0


async def test_a_window_takes_a_burst_then_waits_for_its_oldest_slot_to_leave(
        two: tuple[Stores, Stores]) -> None:
    first, second = two
    waits = [await (first if n % 2 else second).send_slots.take_in_window("chat -5", 3, 60.0,
                                                                          now=10.0)
             for n in range(5)]
    assert waits == [0.0, 0.0, 0.0, 60.0, 60.0]
    # At 75 the two slots of 10 have left the window; those of 70 leave it at 130.
    assert await first.send_slots.take_in_window("chat -5", 3, 60.0, now=75.0) == 0.0
    assert await second.send_slots.take_in_window("chat -5", 3, 60.0, now=75.0) == 55.0
    assert await first.send_slots.forget_past(now=135.0) == 0
    assert await first.send_slots.forget_past(now=191.0) == 1  # its last slot left the window
