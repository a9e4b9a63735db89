"""The connection, transactions and migrations that every part of storage shares.

One aiosqlite connection in autocommit mode; every write runs in an explicit
`BEGIN IMMEDIATE … COMMIT` under one asyncio lock, so concurrent updates never commit each
other's half-done work. Migrations are the numbered `migrations/*.sql` files, applied in order
at start and recorded in `PRAGMA user_version`.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Self

import aiosqlite

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def migrations() -> list[Path]:
    return sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.sql"))


def iso(moment: datetime) -> str:
    """Times are stored as UTC ISO strings, so they sort and compare as text."""
    return moment.isoformat(timespec="seconds")


class StorageBase:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path) -> Self:
        """Open (creating it readable by its owner only) and migrate the database."""
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
        db = await aiosqlite.connect(path, isolation_level=None)
        await db.execute("PRAGMA journal_mode = WAL")
        await db.execute("PRAGMA foreign_keys = ON")
        await db.execute("PRAGMA synchronous = NORMAL")
        storage = cls(db)
        await storage.migrate()
        return storage

    async def close(self) -> None:
        await self.db.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        async with self._write_lock:
            await self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                await self.db.execute("ROLLBACK")
                raise
            await self.db.execute("COMMIT")

    async def migrate(self) -> None:
        async with self.transaction() as db:
            version = await self.schema_version()
            for number, path in enumerate(migrations()[version:], start=version + 1):
                script = path.read_text(encoding="utf-8")
                for statement in filter(str.strip, script.split(";")):
                    await db.execute(statement)
                await db.execute(f"PRAGMA user_version = {number}")

    async def schema_version(self) -> int:
        row = await self.one("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def one(self, sql: str, args: tuple[Any, ...] = ()) -> Any:
        rows = await self.db.execute_fetchall(sql, args)
        return next(iter(rows), None)

    async def all(self, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        """Rows in one round trip to SQLite's thread (execute + fetch + close)."""
        return list(await self.db.execute_fetchall(sql, args))

    async def write(self, sql: str, args: tuple[Any, ...] = ()) -> int:
        """One statement, atomic on its own in autocommit mode, so it needs no BEGIN/COMMIT
        round trips; the lock keeps it out of other coroutines' open transactions. Returns the
        new row id (for INSERTs)."""
        async with self._write_lock:
            cursor = await self.db.execute(sql, args)
        return cursor.lastrowid or 0

    async def table_names(self) -> list[str]:
        rows = await self.all("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        return [r[0] for r in rows]
