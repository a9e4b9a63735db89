"""Appointment reminders (the evening before, the morning of), built in bot/flows/appointment.py.

A time the client holds that staff have not confirmed gets one reminder of its own, the
evening before (`held`): it still waits for the clinic, whose phone is given. A reminder goes
out in the client's language outside quiet hours (the clinic's local time: the
appointment is there). One whose appointment has begun, whose lead is no longer booked or has
another time, or whose evening passed while the bot was down is skipped, never sent late in a
burst.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.clock import is_quiet
from bot.flows import Services
from bot.flows.appointment import held_reminder, reminder
from bot.flows.scheduled import Due, Hold, Schedule
from bot.flows.staff import BOOKED, CONTACTED, NEW, client_language
from bot.storage.appointments import AppointmentReminder

HELD = "held"  # a time the client holds, not confirmed yet: told the evening before


class AppointmentReminders(Schedule[AppointmentReminder]):
    async def claim(self, services: Services, now: datetime, lease: timedelta
                    ) -> Sequence[AppointmentReminder]:
        return await services.stores.appointments.claim_due(now, lease)

    async def compose(self, services: Services, row: AppointmentReminder,
                      now: datetime) -> Due | Hold:
        """The lead is read again under the client's lock: /forget came first, or waits."""
        settings = services.settings
        if is_quiet(now, settings.timezone, settings.quiet_start, settings.quiet_end):
            return Hold.WAIT
        lead = await services.stores.leads.get(row.lead_id)
        wanted = (NEW, CONTACTED) if row.kind == HELD else (BOOKED,)
        if (lead is None or lead.status not in wanted or lead.appointment_at != row.appointment_at
                or _stale(row, now, services)):
            return Hold.SKIP
        language = client_language(services, lead.client)
        confirmed = row.kind != HELD and await services.stores.appointments.answer_of(
            lead.id, row.appointment_at) == "confirm"
        reply = held_reminder(services, lead, language) if row.kind == HELD else reminder(
            services, lead, row.kind, language, confirmed)
        return Due(lead.client.chat_id, lead.client.user_id, reply,
                   f"appointment reminder {row.id} ({row.kind}, lead {lead.id})")

    async def record(self, services: Services, row: AppointmentReminder, outcome: str,
                     now: datetime) -> None:
        await services.stores.appointments.mark(row.id, outcome, now)

    async def release(self, services: Services, ids: list[int]) -> None:
        await services.stores.appointments.release(ids)


def _stale(due: AppointmentReminder, now: datetime, services: Services) -> bool:
    tz = services.settings.timezone
    evening_over = due.kind in ("eve", HELD) and due.due_at.astimezone(tz).date() < (
        now.astimezone(tz).date())
    return now >= due.appointment_at or evening_over
