"""The course staff set on a lead: when the next session makes sense, and how many in all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.base import Store, iso


@dataclass(frozen=True)
class Course:
    weeks: int
    sessions: int | None


class CourseStore(Store):
    async def set(self, lead_id: int, weeks: int, sessions: int | None, now: datetime) -> None:
        await self.write(
            "INSERT INTO courses (lead_id, weeks, sessions, set_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (lead_id) DO UPDATE SET weeks = excluded.weeks,"
            " sessions = excluded.sessions, set_at = excluded.set_at",
            (lead_id, weeks, sessions, iso(now)))

    async def of_lead(self, lead_id: int) -> Course | None:
        row = await self.one("SELECT weeks, sessions FROM courses WHERE lead_id = ?", (lead_id,))
        return Course(int(row[0]), int(row[1]) if row[1] is not None else None) if row else None

    async def latest_of_client(self, user_id: int) -> tuple[int, Course] | None:
        """The client's newest lead with a course, and that course."""
        row = await self.one(
            "SELECT c.lead_id, c.weeks, c.sessions FROM courses AS c"
            " JOIN leads AS l ON l.id = c.lead_id WHERE l.user_id = ?"
            " ORDER BY c.lead_id DESC LIMIT 1", (user_id,))
        if row is None:
            return None
        return int(row[0]), Course(int(row[1]), int(row[2]) if row[2] is not None else None)
