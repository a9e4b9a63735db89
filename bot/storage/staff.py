"""The staff desk's view of leads: status changes with their history, listings, search, export
rows, staff names for the cards, and the prompts that ask staff for an appointment time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.storage.base import StorageBase, iso
from bot.storage.clients import Client

_LEAD = (
    "SELECT l.id, l.status, l.created_at, l.appointment_at, l.outcome, l.phone,"
    " l.contact_username, l.preferred_time, l.screening_id, l.staff_message_id,"
    " c.user_id, c.chat_id, c.first_name, c.last_name, c.username, c.telegram_language,"
    " c.language FROM leads l JOIN clients c ON c.user_id = l.user_id"
)


@dataclass(frozen=True)
class LeadDetails:
    """A lead with its client, as staff see it (screening answers are fetched separately)."""

    id: int
    status: str
    created_at: str
    appointment_at: str | None
    outcome: str
    phone: str | None
    contact_username: str | None
    preferred_time: str
    screening_id: int | None
    staff_message_id: int | None
    client: Client


@dataclass(frozen=True)
class StatusChange:
    old_status: str
    new_status: str
    staff_user_id: int
    staff_name: str | None
    changed_at: str


def _details(row: Any) -> LeadDetails:
    (lead_id, status, created_at, appointment_at, outcome, phone, contact_username,
     preferred_time, screening_id, staff_message_id) = row[:10]
    return LeadDetails(lead_id, status, created_at, appointment_at, outcome, phone,
                       contact_username, preferred_time, screening_id, staff_message_id,
                       Client(*row[10:17]))


class StaffStore(StorageBase):
    async def lead_details(self, lead_id: int) -> LeadDetails | None:
        row = await self.one(f"{_LEAD} WHERE l.id = ?", (lead_id,))
        return _details(row) if row else None

    async def leads_page(
        self, statuses: tuple[str, ...], offset: int, limit: int
    ) -> tuple[list[LeadDetails], int]:
        """Leads in `statuses`, newest first, and how many there are in all."""
        marks = ", ".join("?" * len(statuses))
        rows = await self.all(f"{_LEAD} WHERE l.status IN ({marks}) ORDER BY l.id DESC"
                              " LIMIT ? OFFSET ?", (*statuses, limit, offset))
        total = await self.one(f"SELECT count(*) FROM leads WHERE status IN ({marks})", statuses)
        return [_details(r) for r in rows], int(total[0]) if total else 0

    async def leads_created(
        self, since: datetime | None = None, until: datetime | None = None
    ) -> list[LeadDetails]:
        """Leads created in [since, until), oldest first (the export)."""
        start, end = (iso(since) if since else None), (iso(until) if until else None)
        rows = await self.all(
            f"{_LEAD} WHERE (? IS NULL OR l.created_at >= ?) AND (? IS NULL OR l.created_at < ?)"
            " ORDER BY l.id", (start, start, end, end))
        return [_details(r) for r in rows]

    async def find_leads(self, text: str, limit: int) -> list[LeadDetails]:
        """Leads whose client name, username or phone contains `text`, newest first.

        Filtered here rather than with LIKE: SQLite folds case for ASCII only, and phone numbers
        are compared by their digits, however they were typed."""
        needle, digits = text.casefold().lstrip("@"), re.sub(r"\D", "", text)
        found = []
        for lead in map(_details, await self.all(f"{_LEAD} ORDER BY l.id DESC")):
            c = lead.client
            words = " ".join(filter(None, (c.full_name, c.username, lead.contact_username)))
            phone = re.sub(r"\D", "", lead.phone or "")
            if needle in words.casefold() or (len(digits) >= 3 and digits in phone):
                found.append(lead)
            if len(found) == limit:
                break
        return found

    async def change_lead_status(
        self, lead_id: int, old: str, new: str, staff_user_id: int, now: datetime,
        appointment_at: datetime | None = None,
    ) -> bool:
        """Move a lead from `old` to `new` and record who did it, in one commit. False when the
        lead is no longer in `old` (someone else changed it first)."""
        async with self.transaction() as db:
            cursor = await db.execute(
                "UPDATE leads SET status = ?, appointment_at = coalesce(?, appointment_at)"
                " WHERE id = ? AND status = ?",
                (new, iso(appointment_at) if appointment_at else None, lead_id, old))
            if cursor.rowcount != 1:
                return False
            await db.execute(
                "INSERT INTO lead_history (lead_id, old_status, new_status, staff_user_id,"
                " changed_at) VALUES (?, ?, ?, ?, ?)", (lead_id, old, new, staff_user_id, iso(now)))
        return True

    async def lead_history(self, lead_id: int) -> list[StatusChange]:
        rows = await self.all(
            "SELECT h.old_status, h.new_status, h.staff_user_id, s.name, h.changed_at"
            " FROM lead_history h LEFT JOIN staff_members s ON s.user_id = h.staff_user_id"
            " WHERE h.lead_id = ? ORDER BY h.id", (lead_id,))
        return [StatusChange(*r) for r in rows]

    async def remember_staff_member(self, user_id: int, name: str, now: datetime) -> None:
        await self.write(
            "INSERT INTO staff_members (user_id, name, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET name = excluded.name,"
            " updated_at = excluded.updated_at", (user_id, name, iso(now)))

    async def add_booking_prompt(
        self, message_id: int, lead_id: int, staff_user_id: int, now: datetime
    ) -> None:
        await self.write(
            "INSERT OR REPLACE INTO booking_prompts (message_id, lead_id, staff_user_id,"
            " created_at) VALUES (?, ?, ?, ?)", (message_id, lead_id, staff_user_id, iso(now)))

    async def booking_prompt(self, message_id: int) -> int | None:
        """The lead a staff-chat message asks an appointment time for, if it is such a prompt."""
        row = await self.one("SELECT lead_id FROM booking_prompts WHERE message_id = ?",
                             (message_id,))
        return int(row[0]) if row else None

    async def drop_booking_prompt(self, message_id: int) -> None:
        await self.write("DELETE FROM booking_prompts WHERE message_id = ?", (message_id,))
