"""Leads handed to staff, with the client they belong to, and each lead's status history.

`Lead` is the one record of a lead, whoever reads it: the booking flow that creates it, the
card in the staff chat, the staff's listings, search and export.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.storage.base import Store, iso, marks, maybe_moment, moment
from bot.storage.clients import Client, client_of

_LEAD = (
    "SELECT l.id, l.status, l.created_at, l.appointment_at, l.outcome, l.phone,"
    " l.contact_username, l.preferred_time, l.screening_id, l.staff_message_id, l.note,"
    " c.user_id, c.chat_id, c.first_name, c.last_name, c.username, c.telegram_language,"
    " c.language, c.timezone, c.unreachable_at"
    " FROM leads l JOIN clients c ON c.user_id = l.user_id"
)


@dataclass(frozen=True)
class Lead:
    """A lead with its client (the screening's answers are read from its screening)."""

    id: int
    status: str
    created_at: datetime
    appointment_at: datetime | None
    outcome: str
    phone: str | None
    contact_username: str | None
    preferred_time: str
    screening_id: int | None
    staff_message_id: int | None
    client: Client
    note: str | None = None  # what the client asked for in their own words


@dataclass(frozen=True)
class StatusChange:
    old_status: str
    new_status: str
    staff_user_id: int
    staff_name: str | None
    changed_at: datetime


def _lead(row: Any) -> Lead:
    (lead_id, status, created_at, appointment_at, outcome, phone, contact_username,
     preferred_time, screening_id, staff_message_id, note) = row[:11]
    return Lead(lead_id, status, moment(created_at), maybe_moment(appointment_at), outcome, phone,
                contact_username, preferred_time, screening_id, staff_message_id,
                client_of(row[11:]), note)


class LeadStore(Store):
    async def create(
        self, *, user_id: int, screening_id: int, outcome: str, phone: str | None,
        contact_username: str | None, preferred_time: str, now: datetime,
        note: str | None = None,
    ) -> int:
        """The lead, and the end of the booking dialog, in one commit."""
        async with self.transaction() as db:
            lead_id = await db.insert(
                "INSERT INTO leads (user_id, screening_id, outcome, phone, contact_username,"
                " preferred_time, created_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (user_id, screening_id, outcome, phone, contact_username, preferred_time,
                 iso(now), note))
            await db.write("DELETE FROM chat_states WHERE user_id = ?", (user_id,))
        return lead_id

    async def discard(self, lead_id: int) -> None:
        """A lead whose slot was taken by someone else the moment it was made."""
        await self.write("DELETE FROM leads WHERE id = ?", (lead_id,))

    async def drop_appointment(self, lead_id: int) -> None:
        """The lead has no time any more (its time went to someone else meanwhile)."""
        await self.write("UPDATE leads SET appointment_at = NULL WHERE id = ?", (lead_id,))

    async def set_outcome(self, lead_id: int, outcome: str) -> None:
        """The check's outcome changed since the lead was made (health told after it)."""
        await self.write("UPDATE leads SET outcome = ? WHERE id = ?", (outcome, lead_id))

    async def rest_on(self, lead_id: int, screening_id: int, outcome: str) -> None:
        """The client took the check again while the lead was open: it rests on that one now."""
        await self.write("UPDATE leads SET screening_id = ?, outcome = ? WHERE id = ?",
                         (screening_id, outcome, lead_id))

    async def set_note(self, lead_id: int, note: str | None) -> None:
        await self.write("UPDATE leads SET note = ? WHERE id = ?", (note, lead_id))

    async def get(self, lead_id: int) -> Lead | None:
        row = await self.one(f"{_LEAD} WHERE l.id = ?", (lead_id,))
        return _lead(row) if row else None

    async def with_cards(self, user_id: int) -> list[Lead]:
        """The client's leads whose card is in the staff chat."""
        rows = await self.all(f"{_LEAD} WHERE l.user_id = ? AND l.staff_message_id IS NOT NULL"
                              " ORDER BY l.id", (user_id,))
        return [_lead(r) for r in rows]

    async def of_client(self, user_id: int) -> list[Lead]:
        """The client's leads, oldest first: an open one stops a second booking, earlier ones
        mark a new lead as a repeat."""
        rows = await self.all(f"{_LEAD} WHERE l.user_id = ? ORDER BY l.id", (user_id,))
        return [_lead(r) for r in rows]

    async def latest_id(self, user_id: int) -> int | None:
        """The client's newest lead, for staff posts about them to name."""
        row = await self.one("SELECT MAX(id) FROM leads WHERE user_id = ?", (user_id,))
        return int(row[0]) if row and row[0] is not None else None

    async def set_message(self, lead_id: int, message_id: int) -> None:
        """The staff-chat message that shows the lead's card."""
        await self.write("UPDATE leads SET staff_message_id = ? WHERE id = ?",
                         (message_id, lead_id))

    async def set_phone(self, lead_id: int, phone: str) -> None:
        """A new number the client told, in E.164."""
        await self.write("UPDATE leads SET phone = ? WHERE id = ?", (phone, lead_id))

    async def latest_phone(self, user_id: int) -> str | None:
        row = await self.one(
            "SELECT phone FROM leads WHERE user_id = ? AND phone IS NOT NULL"
            " ORDER BY id DESC LIMIT 1", (user_id,))
        return str(row[0]) if row else None

    async def page(
        self, statuses: tuple[str, ...], offset: int, limit: int
    ) -> tuple[list[Lead], int]:
        """Leads in `statuses`, newest first, and how many there are in all."""
        rows = await self.all(f"{_LEAD} WHERE l.status IN ({marks(statuses)}) ORDER BY l.id DESC"
                              " LIMIT ? OFFSET ?", (*statuses, limit, offset))
        total = await self.one(
            f"SELECT count(*) FROM leads WHERE status IN ({marks(statuses)})", statuses)
        return [_lead(r) for r in rows], int(total[0]) if total else 0

    async def created(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[Lead]:
        """Leads created in [since, until), oldest first (the export)."""
        start, end = (iso(since) if since else None), (iso(until) if until else None)
        rows = await self.all(
            f"{_LEAD} WHERE (CAST(? AS TEXT) IS NULL OR l.created_at >= ?)"
            " AND (CAST(? AS TEXT) IS NULL OR l.created_at < ?)"
            " ORDER BY l.id", (start, start, end, end))
        return [_lead(r) for r in rows]

    async def find(
        self, text: str, limit: int, phone_matches: Callable[[str], bool] | None = None
    ) -> list[Lead]:
        """Leads whose client name or username contains `text`, or whose phone `phone_matches`
        accepts (the flow knows how the clinic's numbers are written), newest first.

        Filtered here rather than with LIKE: SQLite folds case for ASCII only."""
        needle = text.casefold().lstrip("@")
        found = []
        for lead in map(_lead, await self.all(f"{_LEAD} ORDER BY l.id DESC")):
            c = lead.client
            words = " ".join(filter(None, (c.full_name, c.username, lead.contact_username)))
            if needle in words.casefold() or (
                    phone_matches is not None and lead.phone and phone_matches(lead.phone)):
                found.append(lead)
            if len(found) == limit:
                break
        return found

    async def change_status(
        self, lead_id: int, old: str, new: str, staff_user_id: int, now: datetime,
        appointment_at: datetime | None = None,
    ) -> bool:
        """Move a lead from `old` to `new` and record who did it, in one commit. False when the
        lead is no longer in `old` (someone else changed it first)."""
        async with self.transaction() as db:
            changed = await db.write(
                "UPDATE leads SET status = ?, appointment_at = coalesce(?, appointment_at)"
                " WHERE id = ? AND status = ?",
                (new, iso(appointment_at) if appointment_at else None, lead_id, old))
            if changed != 1:
                return False
            await db.write(
                "INSERT INTO lead_history (lead_id, old_status, new_status, staff_user_id,"
                " changed_at) VALUES (?, ?, ?, ?, ?)", (lead_id, old, new, staff_user_id, iso(now)))
        return True

    async def history(self, lead_id: int) -> list[StatusChange]:
        rows = await self.all(
            "SELECT h.old_status, h.new_status, h.staff_user_id, s.name, h.changed_at"
            " FROM lead_history h LEFT JOIN staff_members s ON s.user_id = h.staff_user_id"
            " WHERE h.lead_id = ? ORDER BY h.id", (lead_id,))
        return [StatusChange(r[0], r[1], r[2], r[3], moment(r[4])) for r in rows]
