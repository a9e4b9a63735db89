"""`clinicbot health` and `clinicbot backup`: what a clinic's server needs besides the bot."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import asyncpg

from bot.clock import Clock
from bot.config import Settings
from bot.storage import (
    DatabaseUnavailable,
    MalformedDatabaseUrl,
    Stores,
    file_identity,
    read_only_uri,
)
from bot.storage.sqlite import unusable

SCHEDULER_LATE = timedelta(minutes=3)  # the scheduler beats every 30 s while the bot runs


async def health(settings: Settings, clock: Clock) -> tuple[bool, list[str]]:
    """Whether the database answers and the scheduler ran recently, as printable lines. Only
    looks: a missing database is reported, never created, and nothing is migrated. A file that
    is not the one the scheduler last beat on was replaced under the bot."""
    if settings.database_url:
        return await _server_health(settings, clock)
    if not settings.database.is_file():
        return False, [f"database: missing (no file at {settings.database})"]
    try:
        stores = await Stores.inspect(settings.database)
        try:
            version = await stores.database.schema_version()
            last = await stores.heartbeats.last("scheduler")
            beat_on = await stores.heartbeats.database_file("scheduler")
        finally:
            await stores.close()
    except DatabaseUnavailable as exc:
        return False, [f"database: unusable ({settings.database}: {exc.reason})"]
    except (OSError, sqlite3.Error) as exc:  # the file opened, but reading it failed
        return False, [f"database: unusable ({settings.database}: "
                       f"{unusable(settings.database, exc).reason})"]
    if beat_on is not None and beat_on != file_identity(settings.database):
        return False, [f"database: replaced ({settings.database} is not the file the bot last"
                       " ran on)"]
    return _scheduler_health(f"database: ok ({settings.database}, schema version {version})",
                             last, clock)


async def _server_health(settings: Settings, clock: Clock) -> tuple[bool, list[str]]:
    """The same on PostgreSQL, where the server names itself (and the URL may hold a
    password, so it is never printed). A URL that cannot be read is the caller's to report:
    a configuration mistake, not an outage."""
    try:
        stores = await Stores.inspect(str(settings.database_url))
        try:
            version = await stores.database.schema_version()
            last = await stores.heartbeats.last("scheduler")
        finally:
            await stores.close()
    except MalformedDatabaseUrl:
        raise
    except DatabaseUnavailable as exc:
        return False, [f"database: unreachable ({exc})"]
    except (OSError, asyncpg.PostgresError) as exc:
        return False, [f"database: unreachable (PostgreSQL: {type(exc).__name__}: {exc})"]
    return _scheduler_health(f"database: ok (PostgreSQL, schema version {version})", last, clock)


def _scheduler_health(database: str, last: datetime | None,
                      clock: Clock) -> tuple[bool, list[str]]:
    lines = [database]
    if last is None:
        return False, [*lines, "scheduler: has never run"]
    age = clock.now() - last
    lines.append(f"scheduler: last ran {last:%Y-%m-%d %H:%M:%S} UTC "
                 f"({int(age.total_seconds())} s ago)")
    return age <= SCHEDULER_LATE, lines


def backup(database: Path, target: Path) -> int:
    """Copy the live database with SQLite's online backup API; returns the size in bytes.

    Safe while the bot runs: the copy is a consistent snapshot. It is written to a new file
    readable by its owner only, then renamed over `target`, so the copy is private even when an
    older, more readable file stood there, and a failed backup leaves that file as it was.
    """
    if not database.exists():
        raise FileNotFoundError(f"no database at {database}")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)  # 0600
    os.close(handle)
    try:
        source = sqlite3.connect(read_only_uri(database), uri=True)
        copy = sqlite3.connect(name)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            copy.close()
            source.close()
        os.replace(name, target)
    except BaseException:
        os.unlink(name)
        raise
    return target.stat().st_size
