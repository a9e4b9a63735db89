"""SQLite, the embedded engine: one file, no server to run.

Every write and every transaction (an explicit `BEGIN IMMEDIATE … COMMIT`) holds one asyncio
lock, so concurrent updates never commit each other's half-done work. A turn, and the small
writes every update makes, run on a connection in the event loop's thread (`quick`): they
take microseconds, a round trip to aiosqlite's thread far longer. The rest (migrations, the
scheduler's larger statements, checkpoints) run on an aiosqlite connection. Reads run on the
quick connection while nobody writes, else on a read-only one; WAL lets both see every
committed write.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any, Self
from uuid import uuid4

import aiosqlite

from bot.storage.base import (
    Database,
    DatabaseUnavailable,
    LocalLocks,
    file_identity,
    read_only_uri,
)
from bot.storage.migrate import migrate_sqlite

log = logging.getLogger(__name__)
# Commits on the quick connection between two copies of the WAL into the database file: a
# few megabytes of WAL, as SQLite's own automatic checkpoint keeps it.
CHECKPOINT_EVERY = 256
_DAMAGED = {sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT}


def unusable(path: Path, error: OSError | sqlite3.Error) -> DatabaseUnavailable:
    """What an administrator needs to hear about a file the bot cannot use, in one line."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if isinstance(error, PermissionError) or code == sqlite3.SQLITE_READONLY:
        reason = ("the bot's user may not write it (read-only); it needs to read and write the"
                  " file and its directory")
    elif code in _DAMAGED:
        reason = f"it is damaged or not a database ({error}); restore it from a backup"
    elif code == sqlite3.SQLITE_FULL:
        reason = f"the disk is full ({error})"
    else:
        reason = f"{type(error).__name__}: {error}"
    return DatabaseUnavailable(f"file {path}", reason)


class SqliteTransaction:
    """Statements inside one `BEGIN IMMEDIATE … COMMIT`."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    async def one(self, sql: str, args: Sequence[Any] = ()) -> Any:
        async with self.db.execute(sql, args) as cursor:
            return await cursor.fetchone()

    async def all(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        return list(await self.db.execute_fetchall(sql, args))

    async def write(self, sql: str, args: Sequence[Any] = ()) -> int:
        async with self.db.execute(sql, args) as cursor:
            return cursor.rowcount

    async def insert(self, sql: str, args: Sequence[Any] = ()) -> int:
        rows = list(await self.db.execute_fetchall(sql, args))
        return int(rows[0][0])

    async def write_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        await self.db.executemany(sql, rows)


class QuickQueries:
    """Statements on the event loop thread's connection, inside a turn's `BEGIN IMMEDIATE`
    (`Database.turn`): no round trip to aiosqlite's thread, so a turn that awaits only the
    database never gives up the event loop while it holds the write lock."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    async def one(self, sql: str, args: Sequence[Any] = ()) -> Any:
        return self.db.execute(sql, args).fetchone()

    async def all(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        return self.db.execute(sql, args).fetchall()

    async def dicts(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, args)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    async def write(self, sql: str, args: Sequence[Any] = ()) -> int:
        return self.db.execute(sql, args).rowcount

    async def insert(self, sql: str, args: Sequence[Any] = ()) -> int:
        return int(self.db.execute(sql, args).fetchall()[0][0])

    async def write_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.db.executemany(sql, rows)


class SqliteDatabase(Database):
    dialect = "sqlite"
    path: Path

    def __init__(self, db: aiosqlite.Connection, reader: sqlite3.Connection, path: Path,
                 quick: sqlite3.Connection | None = None) -> None:
        self.db, self.path, self.quick = db, path, quick
        # Taken once the file is open: what the bot reads and writes from then on.
        self.identity = file_identity(path)
        self.reader = reader
        self._write_lock = asyncio.Lock()
        self._client_locks = LocalLocks()
        self.owner = uuid4().hex
        self._commits = 0
        self._copying: asyncio.Task[None] | None = None
        self._copier: sqlite3.Connection | None = None  # the copy's own connection

    @classmethod
    async def open(cls, path: Path) -> Self:
        """Open (creating it readable by its owner only) and migrate the database; a file
        that cannot be used is DatabaseUnavailable, with every connection closed again (an
        open aiosqlite connection would keep the process from exiting)."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
            db = await aiosqlite.connect(path, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise unusable(path, exc) from exc
        try:
            await db.execute("PRAGMA journal_mode = WAL")
            await db.execute("PRAGMA foreign_keys = ON")
            await db.execute("PRAGMA synchronous = NORMAL")
            # Erased rows are overwritten with zeros, not just unlinked from the b-tree.
            await db.execute("PRAGMA secure_delete = ON")
            await migrate_sqlite(db)
            return cls(db, cls._reader(path), path, cls._quick(path))
        except BaseException as exc:
            await db.close()
            if isinstance(exc, OSError | sqlite3.Error):
                raise unusable(path, exc) from exc
            raise

    @classmethod
    async def inspect(cls, path: Path) -> Self:
        """Open an existing database read-only, as it is: nothing is created or migrated
        (SQLite refuses a missing file in this mode)."""
        try:
            db = await aiosqlite.connect(read_only_uri(path), uri=True, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise unusable(path, exc) from exc
        try:
            return cls(db, cls._reader(path), path)
        except BaseException as exc:
            await db.close()
            if isinstance(exc, OSError | sqlite3.Error):
                raise unusable(path, exc) from exc
            raise

    @staticmethod
    def _quick(path: Path) -> sqlite3.Connection:
        """The connection for turns, `write_together` and `write_small`, used in the event
        loop's thread. It never checkpoints (aiosqlite's connection does, in its thread, on
        its next write: the scheduler writes a heartbeat every beat, at least every 5 s), so
        a commit here only appends to the WAL.
        The bot's own writes never contend for SQLite's lock (they all hold `_write_lock`);
        another process writing (an administrator's sqlite3 shell) makes it wait 0.5 s at most,
        then the update fails gently and the client presses again."""
        quick = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=0.5)
        for pragma in ("foreign_keys = ON", "synchronous = NORMAL", "secure_delete = ON",
                       "wal_autocheckpoint = 0"):
            quick.execute(f"PRAGMA {pragma}")
        return quick

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
        if self._copying is not None:
            await asyncio.wait([self._copying])
        if self._copier is not None:
            self._copier.close()
        self.reader.close()
        if self.quick is not None:
            self.quick.close()
        await self.db.close()

    @asynccontextmanager
    async def _turn_transaction(self) -> AsyncIterator[QuickQueries]:
        """A turn runs on the event loop thread's connection (`QuickQueries`)."""
        assert self.quick is not None, "opened read-only"
        async with self._write_lock:
            self.quick.execute("BEGIN IMMEDIATE")
            try:
                yield QuickQueries(self.quick)
            except BaseException:
                self.quick.execute("ROLLBACK")
                raise
            self.quick.execute("COMMIT")
        self._committed()

    @asynccontextmanager
    async def _own_transaction(self) -> AsyncIterator[SqliteTransaction]:
        async with self._write_lock:
            await self.db.execute("BEGIN IMMEDIATE")
            try:
                yield SqliteTransaction(self.db)
            except BaseException:
                await self.db.execute("ROLLBACK")
                raise
            await self.db.execute("COMMIT")

    async def write_together(self, *statements: tuple[str, Sequence[Any]]) -> None:
        """In the event loop's thread, as reads are: a round trip to aiosqlite's thread costs
        more than these statements (~35 µs, a WAL append without fsync), and this runs on
        every screening answer."""
        assert self.quick is not None, "opened read-only"
        if (turn := self._turn()) is not None:
            for sql, args in statements:
                await turn.write(sql, args)
            return
        async with self._write_lock:
            self.quick.execute("BEGIN IMMEDIATE")
            try:
                for sql, args in statements:
                    self.quick.execute(sql, args)
            except BaseException:
                self.quick.execute("ROLLBACK")
                raise
            self.quick.execute("COMMIT")
        self._committed()

    async def write_small(self, sql: str, args: Sequence[Any] = ()) -> int:
        """On the event loop thread's connection, as `write_together`: a round trip to
        aiosqlite's thread costs more than the statement."""
        if (turn := self._in_turn()) is not None:
            return await turn.write(sql, args)
        assert self.quick is not None, "opened read-only"
        async with self._write_lock:
            changed = self.quick.execute(sql, args).rowcount
        self._committed()
        return changed

    def _committed(self) -> None:
        """Count a commit of the quick connection; every `CHECKPOINT_EVERY`, copy the WAL back
        into the database file in a thread. The quick connection never does it itself (it
        would stall the event loop), and aiosqlite's, which does, writes only now and then:
        without this, a busy stretch grew the WAL by every page each update wrote, and every
        read slowed down with it."""
        self._commits += 1
        if self._commits >= CHECKPOINT_EVERY and (
                self._copying is None or self._copying.done()):
            self._commits = 0
            self._copying = asyncio.get_running_loop().create_task(self._copy_back())

    async def _copy_back(self) -> None:
        """A checkpoint on a connection of its own, in a thread (the event loop goes on): most
        of the WAL while the bot's writes go on, then what they wrote meanwhile while they
        wait (about a millisecond, most of it the file's sync). Copied whole, the WAL is
        written from its start again by the next commit; a copy that raced the writes would
        never be whole, and the WAL would keep growing."""
        if self._copier is None:
            self._copier = sqlite3.connect(self.path, isolation_level=None,
                                           check_same_thread=False)
        copier = self._copier

        def copy() -> None:
            copier.execute("PRAGMA wal_checkpoint(PASSIVE)")
        try:
            await asyncio.to_thread(copy)
            async with self._write_lock:
                await asyncio.to_thread(copy)
        except sqlite3.Error as exc:
            log.warning("the WAL could not be copied into the database file (%s); it grows"
                        " until the next try", exc)

    def client_lock(self, user_id: int) -> AbstractAsyncContextManager[None]:
        # One process owns an SQLite file: its own lock is the whole story.
        return self._client_locks(user_id)

    @asynccontextmanager
    async def try_client_lock(self, user_id: int) -> AsyncIterator[bool]:
        lock = self._client_locks(user_id)
        if lock.locked():
            yield False
            return
        async with lock:
            yield True

    async def checkpoint(self) -> None:
        """Copy the WAL into the database file and truncate it to nothing, so rows just
        erased (zeroed by secure_delete) leave no older copy behind in the -wal file. In a
        turn, once it committed."""
        if self.deferred(self.checkpoint):
            return
        async with self._write_lock, self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)") as cursor:
            busy = await cursor.fetchone()
        if busy and busy[0]:
            log.warning("the WAL could not be truncated (a reader was busy); erased rows stay"
                        " in it until the next checkpoint")

    async def schema_version(self) -> int:
        row = await self.one("PRAGMA user_version")
        return int(row[0]) if row else 0

    def _in_turn(self) -> QuickQueries | None:
        turn = self._turn()
        assert turn is None or isinstance(turn, QuickQueries)
        return turn

    def _reads(self) -> sqlite3.Connection:
        """In a turn its connection (which sees the turn's writes). Else the quick connection
        while nobody writes (every write holds `_write_lock`, and nothing here awaits between
        the test and the read, so it has no transaction open): its pages are the ones it just
        wrote, where the reader reads again what another connection changed (half the time
        of a read). The reader otherwise."""
        turn = self._in_turn()
        if turn is not None:
            return turn.db
        return self.quick if self.quick is not None and not self._write_lock.locked() \
            else self.reader

    async def one(self, sql: str, args: Sequence[Any] = ()) -> Any:
        return self._reads().execute(sql, args).fetchone()

    async def all(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        return self._reads().execute(sql, args).fetchall()

    async def dicts(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self._reads().execute(sql, args)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    async def write(self, sql: str, args: Sequence[Any] = ()) -> int:
        """Atomic on its own in autocommit mode, so it needs no BEGIN/COMMIT round trips; the
        lock keeps it out of other coroutines' open transactions."""
        if (turn := self._in_turn()) is not None:
            return await turn.write(sql, args)
        async with self._write_lock, self.db.execute(sql, args) as cursor:
            return cursor.rowcount

    async def insert(self, sql: str, args: Sequence[Any] = ()) -> int:
        return int((await self.write_returning(sql, args))[0][0])

    async def write_returning(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        """One row's statement (a sending slot, an insert): on the event loop thread's
        connection, as `write_small`."""
        if (turn := self._in_turn()) is not None:
            return await turn.all(sql, args)
        if self.quick is None:
            async with self._write_lock:
                return list(await self.db.execute_fetchall(sql, args))
        async with self._write_lock:
            rows = self.quick.execute(sql, args).fetchall()
        self._committed()
        return rows

    async def table_names(self) -> list[str]:
        rows = await self.all("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        return [r[0] for r in rows]
