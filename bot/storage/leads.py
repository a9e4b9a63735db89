"""Leads handed to staff, and client questions forwarded to the staff chat."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.base import StorageBase, iso


@dataclass(frozen=True)
class Lead:
    id: int
    user_id: int
    outcome: str
    phone: str | None
    contact_username: str | None
    preferred_time: str
    status: str
    staff_message_id: int | None


class LeadStore(StorageBase):
    async def create_lead(
        self, *, user_id: int, screening_id: int, outcome: str, phone: str | None,
        contact_username: str | None, preferred_time: str, now: datetime,
    ) -> int:
        """The lead, and the end of the booking dialog, in one commit."""
        async with self.transaction() as db:
            cursor = await db.execute(
                "INSERT INTO leads (user_id, screening_id, outcome, phone, contact_username,"
                " preferred_time, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (user_id, screening_id, outcome, phone, contact_username, preferred_time,
                 iso(now)))
            await db.execute("DELETE FROM chat_states WHERE user_id = ?", (user_id,))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def lead(self, lead_id: int) -> Lead | None:
        row = await self.one(
            "SELECT id, user_id, outcome, phone, contact_username, preferred_time, status,"
            " staff_message_id FROM leads WHERE id = ?", (lead_id,))
        return Lead(*row) if row else None

    async def set_lead_message(self, lead_id: int, message_id: int) -> None:
        await self.write("UPDATE leads SET staff_message_id = ? WHERE id = ?",
                         (message_id, lead_id))

    async def record_staff_question(self, user_id: int, now: datetime) -> int:
        return await self.write(
            "INSERT INTO staff_questions (user_id, created_at) VALUES (?, ?)",
            (user_id, iso(now)))

    async def set_staff_question_message(self, question_id: int, message_id: int) -> None:
        await self.write("UPDATE staff_questions SET staff_message_id = ? WHERE id = ?",
                         (message_id, question_id))

    async def latest_phone(self, user_id: int) -> str | None:
        row = await self.one(
            "SELECT phone FROM leads WHERE user_id = ? AND phone IS NOT NULL"
            " ORDER BY id DESC LIMIT 1", (user_id,))
        return str(row[0]) if row else None

    async def unposted_leads(self, before: datetime) -> list[int]:
        """Leads whose card never reached the staff chat (a transient error when posting)."""
        rows = await self.all(
            "SELECT id FROM leads WHERE staff_message_id IS NULL AND created_at <= ?"
            " ORDER BY id LIMIT 50", (iso(before),))
        return [int(r[0]) for r in rows]
