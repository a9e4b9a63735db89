"""Schema migrations: the numbered `migrations/NNNN_what.sql` files, applied in order at start.

A file that cannot run unchanged on PostgreSQL has a twin of the same name in
`migrations/postgresql/`, which replaces it there; both engines end at the same version with
the same tables, columns and indexes.

SQLite records the version in `PRAGMA user_version`. Each file runs as one script (SQLite
parses it, so a ";" in a string or a trigger body is just text) inside its own transaction
together with its version bump: a failing file leaves the schema and the version as they were.
The transaction first checks that the version is still the one read before it, so two processes
starting at once cannot apply a file twice.

PostgreSQL records it in `schema_version`, one row per file applied; instances starting at
once take turns on an advisory lock, and each file commits with its row.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import aiosqlite
import asyncpg

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# pg_advisory_lock's two-key space, which never meets the one-key space of client locks.
MIGRATION_LOCK = (0x636C696E, 1)


def migrations(directory: Path = MIGRATIONS_DIR, dialect: str = "sqlite") -> list[Path]:
    shared = sorted(directory.glob("[0-9][0-9][0-9][0-9]_*.sql"))
    own = directory / dialect
    return [own / path.name if (own / path.name).is_file() else path for path in shared]


def _script(path: Path, number: int) -> str:
    # executescript commits any open transaction before it runs, so the transaction is part of
    # the script. The newline before each ";" ends a trailing "--" comment of the file.
    return (
        "BEGIN IMMEDIATE;\n"
        "CREATE TEMP TABLE migration_guard (version INTEGER CHECK (version = "
        f"{number - 1}));\n"
        "INSERT INTO migration_guard SELECT user_version FROM pragma_user_version;\n"
        "DROP TABLE migration_guard;\n"
        f"{path.read_text(encoding='utf-8')}\n;\n"
        f"PRAGMA user_version = {number};\n"
        "COMMIT;\n"
    )


async def _version(db: aiosqlite.Connection) -> int:
    return int(list(await db.execute_fetchall("PRAGMA user_version"))[0][0])


async def migrate_sqlite(db: aiosqlite.Connection, directory: Path = MIGRATIONS_DIR) -> None:
    files = migrations(directory)
    while (version := await _version(db)) < len(files):
        try:
            await db.executescript(_script(files[version], version + 1))
        except sqlite3.Error:
            if db.in_transaction:
                await db.execute("ROLLBACK")
            if await _version(db) > version:
                continue  # another process applied this file first
            raise


async def migrate_postgresql(connection: asyncpg.Connection,
                             directory: Path = MIGRATIONS_DIR) -> None:
    files = migrations(directory, "postgresql")
    await connection.execute("SELECT pg_advisory_lock($1, $2)", *MIGRATION_LOCK)
    try:
        await connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
            " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
        version = await connection.fetchval("SELECT coalesce(max(version), 0) FROM schema_version")
        for number, path in enumerate(files[version:], start=version + 1):
            async with connection.transaction():
                await connection.execute(path.read_text(encoding="utf-8"))
                await connection.execute("INSERT INTO schema_version (version) VALUES ($1)",
                                         number)
    finally:
        await connection.execute("SELECT pg_advisory_unlock($1, $2)", *MIGRATION_LOCK)
