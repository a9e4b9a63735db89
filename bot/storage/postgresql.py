"""PostgreSQL, the engine for several instances of the bot on one database (asyncpg).

The stores' SQL is the same as on SQLite; `?` placeholders become `$1, $2…` here, once per
statement text. Two pools: one for statements, one for the connections that hold client
locks. A client's lock is a session advisory lock held for the length of their update, so a
holder never waits for a connection that another holder has, and a process that dies
releases its locks with its connections. The scheduler's sends take client locks without
waiting, all on one connection of that pool (`try_client_lock`), so a wave of sends never
takes the connections clients' updates need.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, Self
from uuid import uuid4

import asyncpg

from bot.storage.base import Database, DatabaseUnavailable, LocalLocks, MalformedDatabaseUrl
from bot.storage.migrate import migrate_postgresql

CONNECT_TIMEOUT = 10  # seconds: a server that does not answer is reported, not waited on

# A quoted literal (kept as it is), `?NNN` or a bare `?`.
_PLACEHOLDER = re.compile(r"'(?:[^']|'')*'|\?(\d*)")


@lru_cache(maxsize=1024)
def numbered(sql: str) -> str:
    """`?` placeholders as PostgreSQL's `$n`: a bare `?` takes the next number, `?3` is `$3`."""
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        if match.group(0).startswith("'"):
            return match.group(0)
        if match.group(1):
            return f"${match.group(1)}"
        count += 1
        return f"${count}"

    return _PLACEHOLDER.sub(replace, sql)


def server_of(url: str) -> str:
    """`host:port/database` of a URL, read loosely since it may be malformed; never the user
    or the password."""
    rest = url.split("://", 1)[-1].split("?", 1)[0]
    return rest.rsplit("@", 1)[-1] or "no host"


def _secret_of(url: str) -> str | None:
    credentials = url.split("://", 1)[-1].split("?", 1)[0]
    if "@" not in credentials or ":" not in credentials.rsplit("@", 1)[0]:
        return None
    return credentials.rsplit("@", 1)[0].split(":", 1)[1] or None


def unusable(url: str, error: BaseException) -> DatabaseUnavailable:
    """A server the bot cannot use, in one line: a malformed URL (asyncpg raises ValueError and
    kin while reading it) or a server that refused, failed or timed out."""
    reason = f"{type(error).__name__}: {error}"
    if (secret := _secret_of(url)) is not None:
        reason = reason.replace(secret, "***")
    if isinstance(error, ValueError | OverflowError | asyncpg.ClientConfigurationError):
        return MalformedDatabaseUrl(f"PostgreSQL at {server_of(url)}", reason)
    return DatabaseUnavailable(f"PostgreSQL at {server_of(url)}", reason)


async def _pool(url: str, size: int) -> asyncpg.Pool:
    try:
        return await asyncpg.create_pool(url, min_size=1, max_size=size,
                                         timeout=CONNECT_TIMEOUT)
    except (ValueError, OverflowError, OSError, TimeoutError, asyncpg.PostgresError,
            asyncpg.InterfaceError) as exc:
        raise unusable(url, exc) from exc


def _changed(status: str) -> int:
    """Rows changed, from a command status such as 'UPDATE 3' or 'INSERT 0 1'."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


class PostgresQueries:
    """Statements on one connection (inside a transaction, or holding it for one call)."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    async def one(self, sql: str, args: Sequence[Any] = ()) -> Any:
        return await self.connection.fetchrow(numbered(sql), *args)

    async def all(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        return list(await self.connection.fetch(numbered(sql), *args))

    async def write(self, sql: str, args: Sequence[Any] = ()) -> int:
        return _changed(await self.connection.execute(numbered(sql), *args))

    async def insert(self, sql: str, args: Sequence[Any] = ()) -> int:
        return int(await self.connection.fetchval(numbered(sql), *args))

    async def write_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            await self.connection.executemany(numbered(sql), rows)


class PostgresDatabase(Database):
    dialect = "postgresql"
    skip_locked = " FOR UPDATE SKIP LOCKED"
    for_update = " FOR UPDATE"

    def __init__(self, pool: asyncpg.Pool, lock_pool: asyncpg.Pool) -> None:
        self.pool, self.lock_pool = pool, lock_pool
        self._queries = PostgresQueries(pool)  # a pool runs each call on a free connection
        self._client_locks = LocalLocks()
        self.owner = uuid4().hex
        self._sending: Any = None  # the lock pool's connection for scheduled sends' locks
        self._sending_turn = asyncio.Lock()  # one statement at a time on it

    @classmethod
    async def open(cls, url: str, *, connections: int = 10, lock_connections: int = 20) -> Self:
        """Connect and migrate. `lock_connections` bounds how many clients' updates this
        process handles at once."""
        pool = await _pool(url, connections)
        try:
            async with pool.acquire() as connection:
                await migrate_postgresql(connection)
            lock_pool = await _pool(url, lock_connections)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            await pool.close()
            raise unusable(url, exc) from exc
        except BaseException:
            await pool.close()
            raise
        return cls(pool, lock_pool)

    @classmethod
    async def inspect(cls, url: str) -> Self:
        """Connect without migrating: what is there, as it is."""
        pool = await _pool(url, 1)
        return cls(pool, pool)

    def claim_clock(self, now: datetime, ahead: timedelta = timedelta()) -> str:
        # The server's clock, in the stored text form (`iso`): the same for every instance.
        return (f"to_char((now() + interval '{ahead.total_seconds():f} seconds')"
                " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+00:00\"')")

    async def close(self) -> None:
        if self._sending is not None:
            await self.lock_pool.release(self._sending)
            self._sending = None
        await self.pool.close()
        if self.lock_pool is not self.pool:
            await self.lock_pool.close()

    def _on(self) -> PostgresQueries:
        """The pool, or in a turn its connection (which sees the turn's writes)."""
        turn = self._turn()
        assert turn is None or isinstance(turn, PostgresQueries)
        return self._queries if turn is None else turn

    async def one(self, sql: str, args: Sequence[Any] = ()) -> Any:
        return await self._on().one(sql, args)

    async def all(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        return await self._on().all(sql, args)

    async def dicts(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [dict(row.items()) for row in await self.all(sql, args)]

    async def write(self, sql: str, args: Sequence[Any] = ()) -> int:
        return await self._on().write(sql, args)

    async def insert(self, sql: str, args: Sequence[Any] = ()) -> int:
        return await self._on().insert(sql, args)

    async def write_returning(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        return await self._on().all(sql, args)

    @asynccontextmanager
    async def _own_transaction(self) -> AsyncIterator[PostgresQueries]:
        async with self.pool.acquire() as connection, connection.transaction():
            yield PostgresQueries(connection)

    async def write_together(self, *statements: tuple[str, Sequence[Any]]) -> None:
        async with self.transaction() as queries:
            for sql, args in statements:
                await queries.write(sql, args)

    @asynccontextmanager
    async def client_lock(self, user_id: int) -> AsyncIterator[None]:
        # This process's own queue first: its updates keep their order, and wait here rather
        # than each holding a connection.
        async with self._client_locks(user_id), self.lock_pool.acquire() as connection:
            await connection.execute("SELECT pg_advisory_lock($1)", user_id)
            try:
                yield
            finally:
                await connection.execute("SELECT pg_advisory_unlock($1)", user_id)

    @asynccontextmanager
    async def try_client_lock(self, user_id: int) -> AsyncIterator[bool]:
        # Session locks are re-entrant: two sends to one client from this connection both
        # hold it, and /forget waits for the last of them.
        if not await self._on_sending("SELECT pg_try_advisory_lock($1)", user_id):
            yield False
            return
        try:
            yield True
        finally:
            await self._on_sending("SELECT pg_advisory_unlock($1)", user_id)

    async def _on_sending(self, sql: str, user_id: int) -> Any:
        async with self._sending_turn:
            if self._sending is None:
                self._sending = await self.lock_pool.acquire()
            try:
                return await self._sending.fetchval(sql, user_id)
            except BaseException:
                # A broken connection took its locks with it; the next send gets a new one.
                broken, self._sending = self._sending, None
                await self.lock_pool.release(broken)
                raise

    async def schema_version(self) -> int:
        row = await self.one("SELECT coalesce(max(version), 0) FROM schema_version")
        return int(row[0]) if row else 0

    async def table_names(self) -> list[str]:
        rows = await self.all("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                              " ORDER BY tablename")
        return [r[0] for r in rows]
