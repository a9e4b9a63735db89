"""Sending due appointment reminders, for the scheduler (bot/telegram/scheduler.py).

A reminder goes out in the client's language with the time, the address and the answer
buttons, outside quiet hours (the clinic's local time: the appointment is there). One whose
appointment has begun, whose lead is no longer booked, or whose evening passed while the bot
was down is skipped, never sent late in a burst.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.flows import Services
from bot.flows.aftercare_times import is_quiet
from bot.flows.appointment import reminder
from bot.flows.staff import BOOKED, client_language
from bot.storage.appointments import AppointmentReminder
from bot.telegram.markup import markup
from bot.telegram.sending import Delivery, Sender

log = logging.getLogger(__name__)


async def send_due(sender: Sender, services: Services, now: datetime, lease: timedelta,
                   halted: Callable[[], bool]) -> int:
    """Send the reminders due at `now`; returns how many went out. Those claimed but not
    recorded (a transient error, stopping, a client busy with an update) are released for the
    next run. Each goes out under the client's lock, its lead read again under it: /forget
    either came first (nothing is sent) or waits until the reminder is out."""
    settings = services.settings
    if is_quiet(now, settings.timezone, settings.quiet_start, settings.quiet_end):
        return 0
    sent, claimed = 0, await services.stores.appointments.claim_due(now, lease)
    try:
        for due in claimed:
            if halted():
                break
            async with services.stores.database.try_client_lock(due.user_id) as held:
                sent += await _send(sender, services, due, now) if held else 0
    finally:
        await services.stores.appointments.release([due.id for due in claimed])
    return sent


def _stale(due: AppointmentReminder, now: datetime, services: Services) -> bool:
    tz = services.settings.timezone
    evening_over = due.kind == "eve" and due.due_at.astimezone(tz).date() < now.astimezone(
        tz).date()
    return now >= due.appointment_at or evening_over


async def _send(sender: Sender, services: Services, due: AppointmentReminder,
                now: datetime) -> int:
    stores = services.stores
    lead = await stores.leads.get(due.lead_id)
    if (lead is None or lead.status != BOOKED or lead.appointment_at != due.appointment_at
            or _stale(due, now, services)):
        await stores.appointments.mark(due.id, "skipped", now)
        return 0
    reply = reminder(services, lead, due.kind, client_language(services, lead.client))
    result = await sender.deliver(lead.client.chat_id, lead.client.user_id, reply.text,
                                  markup(reply), f"appointment reminder {due.id} ({due.kind},"
                                  f" lead {lead.id})")
    if result in (Delivery.SENT, Delivery.GONE, Delivery.FAILED):
        await stores.appointments.mark(due.id, result.value, now)
    return int(result is Delivery.SENT)
