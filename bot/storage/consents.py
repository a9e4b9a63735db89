"""Consent records: which version of the health-data consent a client gave, and when."""

from __future__ import annotations

from datetime import datetime

from bot.storage.base import Store, iso


class ConsentStore(Store):
    async def record(self, user_id: int, version: int, now: datetime) -> int:
        return await self.insert(
            "INSERT INTO consents (user_id, version, given_at) VALUES (?, ?, ?) RETURNING id",
            (user_id, version, iso(now)))

    async def latest_id(self, user_id: int, version: int) -> int | None:
        """The client's latest consent to `version`, if they gave it."""
        row = await self.one(
            "SELECT id FROM consents WHERE user_id = ? AND version = ? ORDER BY id DESC LIMIT 1",
            (user_id, version))
        return int(row[0]) if row else None
