"""Client questions forwarded to the staff chat (the FAQ had no answer)."""

from __future__ import annotations

from datetime import datetime

from bot.storage.base import Store, iso


class QuestionStore(Store):
    async def record(self, user_id: int, now: datetime) -> int:
        return await self.insert(
            "INSERT INTO staff_questions (user_id, created_at) VALUES (?, ?) RETURNING id",
            (user_id, iso(now)))

    async def set_message(self, question_id: int, message_id: int) -> None:
        """The staff-chat message the question was posted as."""
        await self.write("UPDATE staff_questions SET staff_message_id = ? WHERE id = ?",
                         (message_id, question_id))
