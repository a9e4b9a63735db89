"""The connection, transactions and migrations that every part of storage shares.

One aiosqlite connection in autocommit mode; every write runs in an explicit
`BEGIN IMMEDIATE … COMMIT` under one asyncio lock, so concurrent updates never commit each
other's half-done work. Migrations are the numbered `migrations/*.sql` files, applied in order
at start and recorded in `PRAGMA user_version`.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Self
from urllib.parse import quote

import aiosqlite

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def migrations() -> list[Path]:
    return sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.sql"))


def read_only_uri(path: Path) -> str:
    """An SQLite URI opening `path` read-only; quoted, so '#' or '?' in a path stay the path's."""
    return f"file:{quote(str(path))}?mode=ro"


def iso(moment: datetime) -> str:
    """Times are stored as UTC ISO strings, so they sort and compare as text."""
    return moment.isoformat(timespec="seconds")


class StorageBase:
    def __init__(self, db: aiosqlite.Connection, reader: sqlite3.Connection) -> None:
        self.db = db
        # Reads take microseconds in SQLite, a round trip to aiosqlite's thread far longer:
        # reads run on this read-only connection in the event loop's thread. WAL lets it see
        # every committed write, and the bot's own writes are committed before it reads again.
        self.reader = reader
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
        await cls._migrate(db)
        return cls(db, cls._reader(path))

    @classmethod
    async def inspect(cls, path: Path) -> Self:
        """Open an existing database read-only, as it is: nothing is created or migrated
        (SQLite refuses a missing file in this mode)."""
        db = await aiosqlite.connect(read_only_uri(path), uri=True, isolation_level=None)
        return cls(db, cls._reader(path))

    @staticmethod
    def _reader(path: Path) -> sqlite3.Connection:
        return sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None,
                               check_same_thread=False)

    async def close(self) -> None:
        self.reader.close()
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

    @staticmethod
    async def _migrate(db: aiosqlite.Connection) -> None:
        await db.execute("BEGIN IMMEDIATE")
        try:
            version = int(list(await db.execute_fetchall("PRAGMA user_version"))[0][0])
            for number, path in enumerate(migrations()[version:], start=version + 1):
                script = path.read_text(encoding="utf-8")
                for statement in filter(str.strip, script.split(";")):
                    await db.execute(statement)
                await db.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            await db.execute("ROLLBACK")
            raise
        await db.execute("COMMIT")

    async def schema_version(self) -> int:
        row = await self.one("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def one(self, sql: str, args: tuple[Any, ...] = ()) -> Any:
        return self.reader.execute(sql, args).fetchone()

    async def all(self, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        return self.reader.execute(sql, args).fetchall()

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
