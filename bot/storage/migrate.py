"""Schema migrations: the numbered `migrations/NNNN_what.sql` files, applied in order at start
and recorded in `PRAGMA user_version`.

Each file runs as one script (SQLite parses it, so a ";" in a string or a trigger body is just
text) inside its own transaction together with its version bump: a failing file leaves the
schema and the version as they were. The transaction first checks that the version is still
the one read before it, so two processes starting at once cannot apply a file twice.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import aiosqlite

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def migrations(directory: Path = MIGRATIONS_DIR) -> list[Path]:
    return sorted(directory.glob("[0-9][0-9][0-9][0-9]_*.sql"))


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


async def migrate(db: aiosqlite.Connection, directory: Path = MIGRATIONS_DIR) -> None:
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
