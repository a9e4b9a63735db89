"""Heartbeats kept in the database, so another process (`clinicbot health`) can read them: when
background work last ran, and on which database file (so a file replaced under the running bot
shows)."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.storage.base import Store, iso, moment


class HeartbeatStore(Store):
    async def beat(self, name: str, now: datetime) -> None:
        await self.write(
            "INSERT INTO heartbeats (name, at, database_file) VALUES (?, ?, ?)"
            " ON CONFLICT (name) DO UPDATE SET at = excluded.at,"
            " database_file = excluded.database_file",
            (name, iso(now), self.database.identity))

    async def alive(self, owner: str, now: datetime) -> None:
        """Note this instance alive at `now`, so others leave the updates it is handling to it
        (bot/storage/inbox.py); beats of instances gone for a day are dropped."""
        await self.beat(f"instance {owner}", now)
        await self.write("DELETE FROM heartbeats WHERE name LIKE 'instance %' AND at < ?",
                         (iso(now - timedelta(days=1)),))

    async def take(self, name: str, now: datetime, after: datetime) -> bool:
        """Mark `name` done at `now` unless it was already done at `after` or later: True for
        the one caller (of however many instances) that should do it."""
        return await self.write(
            "INSERT INTO heartbeats (name, at, database_file) VALUES (?, ?, ?)"
            " ON CONFLICT (name) DO UPDATE SET at = excluded.at WHERE heartbeats.at < ?",
            (name, iso(now), self.database.identity, iso(after))) == 1

    async def untake(self, name: str) -> None:
        """`name` to be done again (what it posted was erased with a client it named)."""
        await self.write("DELETE FROM heartbeats WHERE name = ?", (name,))

    async def instances_alive(self, since: datetime) -> int:
        """Instances that noted themselves alive after `since`."""
        row = await self.one("SELECT count(*) FROM heartbeats WHERE name LIKE 'instance %'"
                             " AND at > ?", (iso(since),))
        return int(row[0]) if row else 0

    async def last(self, name: str) -> datetime | None:
        row = await self.one("SELECT at FROM heartbeats WHERE name = ?", (name,))
        return moment(row[0]) if row else None

    async def database_file(self, name: str) -> str | None:
        """The identity (`file_identity`) of the file the last beat was written to."""
        row = await self.one("SELECT database_file FROM heartbeats WHERE name = ?", (name,))
        return row[0] if row else None
