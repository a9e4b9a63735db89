"""Heartbeats kept in the database, so another process (`clinicbot health`) can read them: when
background work last ran."""

from __future__ import annotations

from datetime import datetime

from bot.storage.base import Store, iso, moment


class HeartbeatStore(Store):
    async def beat(self, name: str, now: datetime) -> None:
        await self.write(
            "INSERT INTO heartbeats (name, at) VALUES (?, ?)"
            " ON CONFLICT (name) DO UPDATE SET at = excluded.at", (name, iso(now)))

    async def last(self, name: str) -> datetime | None:
        row = await self.one("SELECT at FROM heartbeats WHERE name = ?", (name,))
        return moment(row[0]) if row else None
