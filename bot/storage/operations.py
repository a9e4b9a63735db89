"""Operational facts kept in the database, so another process (`clinicbot health`) can read
them: when background work last ran."""

from __future__ import annotations

from datetime import datetime

from bot.storage.base import StorageBase, iso


class OperationsStore(StorageBase):
    async def beat(self, name: str, now: datetime) -> None:
        await self.write(
            "INSERT INTO heartbeats (name, at) VALUES (?, ?)"
            " ON CONFLICT (name) DO UPDATE SET at = excluded.at", (name, iso(now)))

    async def last_beat(self, name: str) -> datetime | None:
        row = await self.one("SELECT at FROM heartbeats WHERE name = ?", (name,))
        return datetime.fromisoformat(row[0]) if row else None
