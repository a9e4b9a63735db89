"""Staff-chat messages that ask for an appointment's date and time: a reply to one books the
lead."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.base import Store, iso


@dataclass(frozen=True)
class BookingPrompt:
    """The lead a prompt asks about; `open` until it is answered or the lead moves on."""

    lead_id: int
    open: bool


class BookingPromptStore(Store):
    async def add(self, message_id: int, lead_id: int, staff_user_id: int, now: datetime) -> None:
        await self.write(
            "INSERT INTO booking_prompts (message_id, lead_id, staff_user_id, created_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (message_id) DO UPDATE SET"
            " lead_id = excluded.lead_id, staff_user_id = excluded.staff_user_id,"
            " created_at = excluded.created_at, closed_at = NULL",
            (message_id, lead_id, staff_user_id, iso(now)))

    async def lead_of(self, message_id: int) -> BookingPrompt | None:
        """The prompt a staff-chat message is, if it asks an appointment time for a lead."""
        row = await self.one("SELECT lead_id, closed_at IS NULL FROM booking_prompts"
                             " WHERE message_id = ?", (message_id,))
        return BookingPrompt(int(row[0]), bool(row[1])) if row else None

    async def open_of(self, lead_id: int) -> int | None:
        """The staff-chat message of the lead's latest prompt still open, if one is."""
        row = await self.one("SELECT message_id FROM booking_prompts WHERE lead_id = ?"
                             " AND closed_at IS NULL ORDER BY created_at DESC, message_id DESC"
                             " LIMIT 1", (lead_id,))
        return int(row[0]) if row else None

    async def close(self, lead_id: int, now: datetime) -> None:
        """Every open prompt of the lead is out of date: it was answered, or the lead moved."""
        await self.write("UPDATE booking_prompts SET closed_at = ? WHERE lead_id = ?"
                         " AND closed_at IS NULL", (iso(now), lead_id))
