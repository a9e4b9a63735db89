"""The connection and transactions that every store shares, and how times cross the boundary.

One aiosqlite connection in autocommit mode; every write runs in an explicit
`BEGIN IMMEDIATE … COMMIT` under one asyncio lock, so concurrent updates never commit each
other's half-done work. Times are stored as UTC ISO text (so they sort and compare as text)
and come back out as aware datetimes: nothing outside storage parses them.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Self
from urllib.parse import quote

import aiosqlite

from bot.storage.migrate import migrate

log = logging.getLogger(__name__)


def read_only_uri(path: Path) -> str:
    """An SQLite URI opening `path` read-only; quoted, so '#' or '?' in a path stay the path's."""
    return f"file:{quote(str(path))}?mode=ro"


def iso(moment: datetime) -> str:
    """A moment as stored: UTC ISO text, so every stored time sorts and compares as text."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def moment(text: str) -> datetime:
    """A stored time as an aware datetime (UTC)."""
    parsed = datetime.fromisoformat(text)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def maybe_moment(text: str | None) -> datetime | None:
    return moment(text) if text is not None else None


def calendar_day(text: str) -> date:
    """A stored calendar day (ISO text)."""
    return date.fromisoformat(text)


def file_identity(path: Path) -> str | None:
    """Which file is at `path` (device and inode), None when there is none: a file deleted or
    replaced under an open connection keeps the old identity on that connection."""
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return f"{found.st_dev}:{found.st_ino}"


class Database:
    def __init__(self, db: aiosqlite.Connection, reader: sqlite3.Connection, path: Path) -> None:
        self.db, self.path = db, path
        # Taken once the file is open: what the bot reads and writes from then on.
        self.identity = file_identity(path)
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
        # Erased rows are overwritten with zeros, not just unlinked from the b-tree.
        await db.execute("PRAGMA secure_delete = ON")
        await migrate(db)
        return cls(db, cls._reader(path), path)

    @classmethod
    async def inspect(cls, path: Path) -> Self:
        """Open an existing database read-only, as it is: nothing is created or migrated
        (SQLite refuses a missing file in this mode)."""
        db = await aiosqlite.connect(read_only_uri(path), uri=True, isolation_level=None)
        return cls(db, cls._reader(path), path)

    @staticmethod
    def _reader(path: Path) -> sqlite3.Connection:
        return sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None,
                               check_same_thread=False)

    def lost(self) -> str | None:
        """None while the path still leads to the open file; else how it was lost ("removed",
        "replaced"), since writes would go to a file nobody will ever read again."""
        current = file_identity(self.path)
        if current == self.identity:
            return None
        return "removed" if current is None else "replaced"

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

    async def write_together(self, *statements: tuple[str, tuple[Any, ...]]) -> None:
        """Several writes committed together in one round trip to aiosqlite's thread: each
        round trip costs ~100 µs, far more than the statements, and `transaction()` takes
        two more for BEGIN and COMMIT. (aiosqlite's `_execute` runs a call in its thread; it
        has no public name for that.)"""
        def run(connection: sqlite3.Connection) -> None:
            connection.execute("BEGIN IMMEDIATE")
            try:
                for sql, args in statements:
                    connection.execute(sql, args)
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

        async with self._write_lock:
            await self.db._execute(run, self.db._conn)  # type: ignore[no-untyped-call]

    async def checkpoint(self) -> None:
        """Copy the WAL into the database file and truncate it to nothing, so rows just
        erased (zeroed by secure_delete) leave no older copy behind in the -wal file."""
        async with self._write_lock, self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)") as cursor:
            busy = await cursor.fetchone()
        if busy and busy[0]:
            log.warning("the WAL could not be truncated (a reader was busy); erased rows stay"
                        " in it until the next checkpoint")

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


class Store:
    """The queries of one table (or of tables that only make sense together), on the shared
    database."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.one, self.all, self.write = database.one, database.all, database.write
        self.transaction = database.transaction
