"""Carrying scheduled messages: claim, lock, ask the flow, deliver, record (bot/flows/scheduled.py).

Nothing here decides what a client is told or when: each `Schedule` does. A row goes out under
its client's lock (`try_client_lock`), so /forget never comes between the flow's reading and
the send; a client busy with an update keeps their row for the next run.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from bot.flows import Services
from bot.flows.scheduled import Due, Hold, Schedule
from bot.telegram.markup import markup
from bot.telegram.sending import Delivery, Sender

FINAL = (Delivery.SENT, Delivery.GONE, Delivery.FAILED)


async def deliver(sender: Sender, due: Due) -> Delivery:
    """Send one scheduled message the flow composed."""
    return await sender.deliver(due.chat_id, due.user_id, due.reply.text, markup(due.reply),
                                due.what)


async def send_due(sender: Sender, services: Services, schedule: Schedule[Any], now: datetime,
                   lease: timedelta, halted: Callable[[], bool]) -> int:
    """Send one kind's rows due at `now`; returns how many went out. What is claimed and not
    recorded (quiet hours, a transient error, stopping, a busy client) is released for the
    next run."""
    claimed, recorded, sent = await schedule.claim(services, now, lease), set[int](), 0
    try:
        for row in claimed:
            if halted():
                break
            async with services.stores.database.try_client_lock(row.user_id) as held:
                if not held:
                    continue
                composed = await schedule.compose(services, row, now)
                outcome = composed.value if composed is Hold.SKIP else None
                if isinstance(composed, Due):
                    result = await deliver(sender, composed)
                    sent += result is Delivery.SENT
                    outcome = result.value if result in FINAL else None
                if outcome is not None:
                    await schedule.record(services, row, outcome, now)
                    recorded.add(row.id)
    finally:
        await schedule.release(services, [row.id for row in claimed if row.id not in recorded])
    return sent
