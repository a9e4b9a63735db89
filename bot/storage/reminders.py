"""Reminders to a client: to repeat the eligibility check ("not now" clients), the review
request and the next session of a course (bot/flows/aftercourse.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.storage.base import FREE, Store, iso, marks


@dataclass(frozen=True)
class Reminder:
    id: int
    user_id: int
    kind: str


class ReminderStore(Store):
    async def schedule(self, user_id: int, kind: str, due: datetime) -> None:
        """One pending reminder of a kind per client: a new choice replaces the old."""
        async with self.transaction() as db:
            await db.write(
                "DELETE FROM reminders WHERE user_id = ? AND kind = ? AND sent_at IS NULL",
                (user_id, kind))
            await db.write("INSERT INTO reminders (user_id, kind, due_at) VALUES (?, ?, ?)",
                             (user_id, kind, iso(due)))

    async def cancel(self, user_id: int, kind: str | None = None) -> int:
        """The client's pending reminders (of `kind`, else all: /stop) are dropped; how many."""
        if kind is not None:
            return await self.write("DELETE FROM reminders WHERE user_id = ? AND kind = ?"
                                    " AND sent_at IS NULL", (user_id, kind))
        return await self.write(
            "DELETE FROM reminders WHERE user_id = ? AND sent_at IS NULL", (user_id,))

    async def answer(self, user_id: int, kind: str) -> bool:
        """The client's latest sent reminder of a kind is answered, once: whether one was
        there to answer (a press without one, or a second press, is out of date)."""
        return await self.write(
            "DELETE FROM reminders WHERE id = (SELECT id FROM reminders WHERE user_id = ?"
            " AND kind = ? AND sent_at IS NOT NULL ORDER BY sent_at DESC, id DESC LIMIT 1)",
            (user_id, kind)) > 0

    async def claim_due(self, now: datetime, lease: timedelta,
                        limit: int = 100) -> list[Reminder]:
        """Reminders due and claimed by nobody, now claimed by the caller for `lease`."""
        ids = await self.database.claim(
            "reminders", "SELECT id FROM reminders WHERE sent_at IS NULL AND due_at <= ?"
            f" AND {self.database.unclaimed(now)} ORDER BY due_at LIMIT ?",
            (iso(now), limit), now, lease)
        if not ids:
            return []
        rows = await self.all(f"SELECT id, user_id, kind FROM reminders WHERE id IN ({marks(ids)})"
                              " ORDER BY due_at, id", ids)
        return [Reminder(*r) for r in rows]

    async def release(self, reminder_ids: list[int]) -> None:
        if reminder_ids:
            await self.write(f"UPDATE reminders SET {FREE}"
                             f" WHERE id IN ({marks(reminder_ids)})", reminder_ids)

    async def mark_sent(self, reminder_id: int, now: datetime) -> None:
        await self.write(f"UPDATE reminders SET sent_at = ?, {FREE} WHERE id = ?",
                         (iso(now), reminder_id))
