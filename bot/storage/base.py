"""What every store shares: the database (SQLite or PostgreSQL, bot/storage/sqlite.py and
bot/storage/postgresql.py), its transactions, and how times cross the boundary.

Stores write SQL once, with `?` placeholders, in the dialect both engines accept (`ON CONFLICT`,
`RETURNING`); where the engines differ, a store asks the database (`dialect`). Times are
stored as UTC ISO text (so they sort and compare as text on both engines) and come back out as
aware datetimes: nothing outside storage parses them.
"""

from __future__ import annotations

import asyncio
import errno
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote
from weakref import WeakValueDictionary

import asyncpg


class DatabaseUnavailable(Exception):
    """The database cannot be opened, checked or migrated: `where` names the file or the
    server, `reason` says what is wrong; neither ever holds a password."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where, self.reason = where, reason


class MalformedDatabaseUrl(DatabaseUnavailable):
    """DATABASE_URL cannot even be read: a configuration mistake, not an outage."""

    def __str__(self) -> str:
        return f"DATABASE_URL is malformed ({self.where}): {self.reason}"


_STORAGE_TROUBLE = {sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_READONLY}


def storage_trouble(error: BaseException | None) -> str | None:
    """What keeps the database from taking writes (a full disk, a failing one, a file made
    read-only), in a few words; None for any other error."""
    if isinstance(error, sqlite3.Error):
        if getattr(error, "sqlite_errorcode", 0) & 0xFF in _STORAGE_TROUBLE:
            return str(error)
    elif isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EROFS, errno.EIO):
        return error.strerror or str(error)
    elif isinstance(error, asyncpg.DiskFullError | asyncpg.ReadOnlySQLTransactionError):
        return str(error)
    return None


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


# A row's claim given up: sent, deferred, or handed back.
FREE = "claimed_until = NULL, claimed_by = NULL"


def marks(values: Sequence[Any]) -> str:
    """`?, ?, ?` for an `IN (...)` of `values`."""
    return ", ".join("?" * len(values))


class LocalLocks:
    """One asyncio lock per client in this process, kept while someone holds or waits for it.
    asyncio's lock is first come, first served, so one client's updates run in the order
    they came."""

    def __init__(self) -> None:
        self._locks: WeakValueDictionary[int, asyncio.Lock] = WeakValueDictionary()

    def __call__(self, user_id: int) -> asyncio.Lock:
        return self._locks.setdefault(user_id, asyncio.Lock())


class Queries(Protocol):
    """Statements on the database, or inside one of its transactions."""

    async def one(self, sql: str, args: Sequence[Any] = ()) -> Any: ...

    async def all(self, sql: str, args: Sequence[Any] = ()) -> list[Any]: ...

    async def write(self, sql: str, args: Sequence[Any] = ()) -> int:
        """Run one statement; how many rows it changed."""

    async def insert(self, sql: str, args: Sequence[Any] = ()) -> int:
        """Run an `INSERT … RETURNING id`; the new row's id."""

    async def write_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...


@dataclass
class OpenTurn:
    """A turn's transaction (`Database.turn`) and what waits for its commit."""

    database: Database
    queries: Queries
    after_commit: list[Callable[[], Awaitable[None]]] = field(default_factory=list)


_TURN: ContextVar[OpenTurn | None] = ContextVar("clinicbot_turn", default=None)


class Database(ABC):
    """One engine's connection(s). Each method is one statement, atomic on its own;
    `transaction()` groups several into one commit, and `turn()` everything a task does until
    it ends (the handling of one update: its state changes and the replies it owes)."""

    dialect: str  # "sqlite" or "postgresql"
    path: Path | None = None  # the SQLite file; None on a server
    identity: str | None = None  # which file the bot writes to (SQLite)

    @abstractmethod
    async def one(self, sql: str, args: Sequence[Any] = ()) -> Any: ...

    @abstractmethod
    async def all(self, sql: str, args: Sequence[Any] = ()) -> list[Any]: ...

    @abstractmethod
    async def dicts(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows as {column: value}."""

    @abstractmethod
    async def write(self, sql: str, args: Sequence[Any] = ()) -> int:
        """One statement; how many rows it changed."""

    @abstractmethod
    async def insert(self, sql: str, args: Sequence[Any] = ()) -> int:
        """One `INSERT … RETURNING id`; the new row's id."""

    async def write_small(self, sql: str, args: Sequence[Any] = ()) -> int:
        """One small statement on every update's path (the inbox, the outbox's replies): as
        `write`, in the event loop's thread where that is cheaper (SQLite)."""
        return await self.write(sql, args)

    @abstractmethod
    async def write_returning(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        """One statement with a `RETURNING` clause; the rows it returns."""

    # Appended to a claim's selection: rows another transaction is claiming are passed over
    # rather than waited for (PostgreSQL; SQLite has one writer at a time anyway).
    skip_locked = ""

    # Who claims rows on this connection: one process, one name, for as long as it runs.
    owner = ""

    def claim_clock(self, now: datetime, ahead: timedelta = timedelta()) -> str:
        """SQL for the moment `ahead` of now on the clock that claims are stamped and compared
        with, as stored text. Here this process's clock (`now`): one process owns an SQLite
        file. PostgreSQL uses the server's, shared by every instance whatever their clocks."""
        return f"'{iso(now + ahead)}'"

    def unclaimed(self, now: datetime, column: str = "claimed_until") -> str:
        """SQL: the row is claimed by nobody, or by someone whose claim ran out."""
        return f"({column} IS NULL OR {column} <= {self.claim_clock(now)})"

    async def claim(self, table: str, selection: str, args: Sequence[Any], now: datetime,
                    lease: timedelta, key: str = "id") -> list[int]:
        """Claim the rows of `table` whose ids (`key`) `selection` picks (free ones:
        `unclaimed`) for `lease`; their ids. Instances sharing the database never claim the
        same row: one commits first, and the other no longer sees it as free."""
        rows = await self.write_returning(
            f"UPDATE {table} SET claimed_until = {self.claim_clock(now, lease)}, claimed_by = ?"
            f" WHERE {key} IN ({selection}{self.skip_locked}) RETURNING {key}",
            (self.owner, *args))
        return sorted(int(r[0]) for r in rows)

    async def renew(self, table: str, unsent: str, now: datetime, lease: timedelta,
                    key: str = "id") -> int:
        """Extend this process's claims on `table`'s rows still `unsent` by `lease` from now:
        a message waiting its turn (rate limits, quiet hours) stays ours while we live. A row
        a transaction is changing (an update being handled) is passed over, not waited for."""
        return await self.write(
            f"UPDATE {table} SET claimed_until = {self.claim_clock(now, lease)}"
            f" WHERE {key} IN (SELECT {key} FROM {table}"
            f" WHERE claimed_by = ? AND {unsent}{self.skip_locked})", (self.owner,))

    def transaction(self) -> AbstractAsyncContextManager[Queries]:
        """Statements committed together, or not at all; inside a turn, part of the turn's."""
        turn = self._turn()
        return self._own_transaction() if turn is None else _joined(turn)

    @abstractmethod
    def _own_transaction(self) -> AbstractAsyncContextManager[Queries]: ...

    def _turn_transaction(self) -> AbstractAsyncContextManager[Queries]:
        return self._own_transaction()

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[Queries]:
        """Every statement this task (and tasks it starts) makes on this database until the
        block ends runs in one transaction, reads included, so they see its writes: an update's
        changes and the replies it owes commit together or not at all. Work that cannot run
        inside a transaction (`after_commit`) runs once it committed."""
        if self._turn() is not None:
            raise RuntimeError("a turn is already open on this database")
        async with self._turn_transaction() as queries:
            opened = OpenTurn(self, queries)
            token = _TURN.set(opened)
            try:
                yield queries
            finally:
                _TURN.reset(token)
        for job in opened.after_commit:
            await job()

    def _turn(self) -> Queries | None:
        """The open turn's statements, when this task has one on this database."""
        turn = _TURN.get()
        return turn.queries if turn is not None and turn.database is self else None

    def deferred(self, job: Callable[[], Awaitable[None]]) -> bool:
        """Inside a turn, keep `job` for after its commit (True); outside one, False."""
        turn = _TURN.get()
        if turn is None or turn.database is not self:
            return False
        turn.after_commit.append(job)
        return True

    @abstractmethod
    async def write_together(self, *statements: tuple[str, Sequence[Any]]) -> None:
        """Several writes in one commit, in as few round trips as the engine allows (this runs
        on every screening answer)."""

    @abstractmethod
    def client_lock(self, user_id: int) -> AbstractAsyncContextManager[None]:
        """One client's updates, and staff actions on them, one at a time: in this process,
        first come first served; across processes sharing a server, one holder at a time."""

    @abstractmethod
    def try_client_lock(self, user_id: int) -> AbstractAsyncContextManager[bool]:
        """The client's lock for a scheduled send, if it is free now (yields True while
        held); False while an update or staff action on them runs, or /forget: the send then
        waits for the next run instead of holding up the scheduler. Held across the send and
        its record, so /forget, which takes the lock, either comes first and removes the
        message, or after it and finds the staff-chat message it must erase."""

    # Appended to a selection of the client rows a transaction is about to erase, or to
    # record something against: on PostgreSQL the two wait for each other (SQLite has one
    # writer at a time anyway).
    for_update = ""

    @abstractmethod
    async def schema_version(self) -> int: ...

    @abstractmethod
    async def table_names(self) -> list[str]: ...

    async def checkpoint(self) -> None:  # noqa: B027 - only SQLite keeps such copies
        """After an erasure: leave no older copy of erased rows in the engine's own files."""

    def lost(self) -> str | None:
        """How the database was lost under the bot ("removed", "replaced"), None while it is
        the one opened."""
        return None

    @abstractmethod
    async def close(self) -> None: ...


@asynccontextmanager
async def _joined(queries: Queries) -> AsyncIterator[Queries]:
    yield queries


class Store:
    """The queries of one table (or of tables that only make sense together), on the shared
    database."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.one, self.all, self.write = database.one, database.all, database.write
        self.insert, self.transaction = database.insert, database.transaction
