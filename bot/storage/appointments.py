"""A booked appointment's reminders (the evening before, the morning of) and the client's
answer to them. Both are tied to one appointment time: a new time replaces what was planned
and forgets the old answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.storage.base import FREE, Store, iso, marks, moment


@dataclass(frozen=True)
class AppointmentReminder:
    id: int
    lead_id: int
    kind: str
    appointment_at: datetime
    due_at: datetime
    user_id: int  # the client: the reminder goes out under their lock


class AppointmentStore(Store):
    async def plan(self, lead_id: int, appointment_at: datetime,
                   reminders: list[tuple[str, datetime]]) -> None:
        """The reminders of a new appointment time, replacing the unsent ones, in one commit."""
        async with self.transaction() as db:
            await db.write("DELETE FROM appointment_reminders WHERE lead_id = ?"
                           " AND sent_at IS NULL", (lead_id,))
            await db.write("DELETE FROM appointment_answers WHERE lead_id = ?", (lead_id,))
            await db.write_many(
                "INSERT INTO appointment_reminders (lead_id, kind, appointment_at, due_at)"
                " VALUES (?, ?, ?, ?)",
                [(lead_id, kind, iso(appointment_at), iso(due)) for kind, due in reminders])

    async def cancel(self, lead_id: int) -> None:
        """No more reminders for the lead (it moved on, or the client answered)."""
        await self.write("DELETE FROM appointment_reminders WHERE lead_id = ? AND sent_at IS NULL",
                         (lead_id,))

    async def claim_due(self, now: datetime, lease: timedelta,
                        limit: int = 100) -> list[AppointmentReminder]:
        """Reminders due and claimed by nobody, now claimed by the caller for `lease`."""
        ids = await self.database.claim(
            "appointment_reminders",
            "SELECT id FROM appointment_reminders WHERE sent_at IS NULL AND due_at <= ?"
            f" AND {self.database.unclaimed(now)} ORDER BY due_at LIMIT ?",
            (iso(now), limit), now, lease)
        if not ids:
            return []
        rows = await self.all(
            "SELECT r.id, r.lead_id, r.kind, r.appointment_at, r.due_at, l.user_id"
            " FROM appointment_reminders AS r JOIN leads AS l ON l.id = r.lead_id"
            f" WHERE r.id IN ({marks(ids)}) ORDER BY r.due_at, r.id", ids)
        return [AppointmentReminder(r[0], r[1], r[2], moment(r[3]), moment(r[4]), r[5])
                for r in rows]

    async def release(self, reminder_ids: list[int]) -> None:
        if reminder_ids:
            await self.write(f"UPDATE appointment_reminders SET {FREE}"
                             f" WHERE id IN ({marks(reminder_ids)})", reminder_ids)

    async def mark(self, reminder_id: int, outcome: str, now: datetime) -> None:
        await self.write(
            f"UPDATE appointment_reminders SET sent_at = ?, outcome = ?, {FREE} WHERE id = ?",
            (iso(now), outcome, reminder_id))

    async def answer(self, lead_id: int, appointment_at: datetime, answer: str,
                     now: datetime) -> None:
        await self.write(
            "INSERT INTO appointment_answers (lead_id, appointment_at, answer, answered_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (lead_id) DO UPDATE SET"
            " appointment_at = excluded.appointment_at, answer = excluded.answer,"
            " answered_at = excluded.answered_at", (lead_id, iso(appointment_at), answer, iso(now)))

    async def answer_of(self, lead_id: int, appointment_at: datetime) -> str | None:
        """The client's answer about this appointment time, if they gave one."""
        row = await self.one("SELECT answer FROM appointment_answers WHERE lead_id = ?"
                             " AND appointment_at = ?", (lead_id, iso(appointment_at)))
        return str(row[0]) if row else None

    async def reminded(self, lead_id: int, appointment_at: datetime) -> bool:
        """Whether a reminder of this appointment time went out."""
        row = await self.one("SELECT 1 FROM appointment_reminders WHERE lead_id = ?"
                             " AND appointment_at = ? AND outcome = 'sent' LIMIT 1",
                             (lead_id, iso(appointment_at)))
        return row is not None

    async def on_day(self, start: datetime, end: datetime) -> list[int]:
        """Leads whose appointment lies in [start, end), earliest first: booked ones, those the
        client cancelled (reception should know the chair is free) and times clients hold that
        staff have not confirmed yet (the client may come all the same)."""
        rows = await self.all(
            "SELECT id FROM leads WHERE status IN ('booked', 'client_cancelled', 'new',"
            " 'contacted') AND appointment_at >= ?"
            " AND appointment_at < ? ORDER BY appointment_at, id", (iso(start), iso(end)))
        return [int(r[0]) for r in rows]
