"""The name each staff member last acted under, so a re-rendered card can say who set a
status."""

from __future__ import annotations

from datetime import datetime

from bot.storage.base import Store, iso


class StaffMemberStore(Store):
    async def remember(self, user_id: int, name: str, now: datetime) -> None:
        await self.write(
            "INSERT INTO staff_members (user_id, name, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET name = excluded.name,"
            " updated_at = excluded.updated_at", (user_id, name, iso(now)))
