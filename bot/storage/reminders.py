"""Reminders to repeat the eligibility check ("not now" clients)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.base import Store, iso


@dataclass(frozen=True)
class Reminder:
    id: int
    user_id: int
    kind: str


class ReminderStore(Store):
    async def schedule(self, user_id: int, kind: str, due: datetime) -> None:
        """One pending reminder of a kind per client: a new choice replaces the old."""
        async with self.transaction() as db:
            await db.execute(
                "DELETE FROM reminders WHERE user_id = ? AND kind = ? AND sent_at IS NULL",
                (user_id, kind))
            await db.execute("INSERT INTO reminders (user_id, kind, due_at) VALUES (?, ?, ?)",
                             (user_id, kind, iso(due)))

    async def due(self, now: datetime, limit: int = 100) -> list[Reminder]:
        rows = await self.all(
            "SELECT id, user_id, kind FROM reminders WHERE sent_at IS NULL AND due_at <= ?"
            " ORDER BY due_at LIMIT ?", (iso(now), limit))
        return [Reminder(*r) for r in rows]

    async def mark_sent(self, reminder_id: int, now: datetime) -> None:
        await self.write("UPDATE reminders SET sent_at = ? WHERE id = ?", (iso(now), reminder_id))
