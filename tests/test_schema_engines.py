"""SQLite and PostgreSQL end up with the same schema: the same tables, columns in the same
order, keys, foreign keys, CHECKs and indexes, with ids BIGINT on PostgreSQL. And the data
migrations (0006's wider CHECK, 0008's relay states) leave the same rows on both."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import AsyncIterator, Iterator

import asyncpg
import pytest

from bot.storage.migrate import migrations
from tests.schemas import POSTGRES_DIR, postgres_migrations, postgres_schema, sqlite_schema

OPENED = "2026-11-24T10:00:00+00:00"


@pytest.fixture
def sqlite() -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
async def postgres(postgres_url: str) -> AsyncIterator[asyncpg.Connection]:
    db = await asyncpg.connect(postgres_url)
    try:
        yield db
    finally:
        await db.close()


async def migrate_both(sqlite: sqlite3.Connection, postgres: asyncpg.Connection,
                       numbers: range) -> None:
    """Applies migrations `numbers` (1-based) to both, each PostgreSQL file in a transaction of
    its own, as the runner does."""
    for shared, own in zip(migrations(), postgres_migrations(), strict=True):
        if int(shared.name[:4]) in numbers:
            sqlite.executescript(f"BEGIN;\n{shared.read_text(encoding='utf-8')}\n;\nCOMMIT;")
            async with postgres.transaction():
                await postgres.execute(own.read_text(encoding="utf-8"))


def test_each_postgresql_file_replaces_a_shared_one() -> None:
    shared = {path.name for path in migrations()}
    assert {path.name for path in POSTGRES_DIR.glob("*.sql")} <= shared


async def test_both_engines_build_the_same_schema(
        sqlite: sqlite3.Connection, postgres: asyncpg.Connection) -> None:
    await migrate_both(sqlite, postgres, range(1, len(migrations()) + 1))
    lite, pg = sqlite_schema(sqlite), await postgres_schema(postgres)
    assert sorted(pg.tables) == sorted(lite.tables)
    for name, table in lite.tables.items():
        assert [c[0] for c in pg.tables[name].columns] == [c[0] for c in table.columns], name
        assert pg.tables[name] == table, name
    assert pg.indexes == lite.indexes


async def test_data_migrations_leave_the_same_rows_on_both(
        sqlite: sqlite3.Connection, postgres: asyncpg.Connection) -> None:
    """A week of aftercare planned before 0006 keeps its rows and ids; relays open before 0008
    become the same conversation states, the interrupted one kept (as in test_storage)."""
    async def both(script: str) -> None:
        sqlite.executescript(script)
        await postgres.execute(script)

    await migrate_both(sqlite, postgres, range(1, 6))
    await both("INSERT INTO clients (user_id, chat_id, first_name, created_at, updated_at)"
               " VALUES (5000000001, 5000000001, 'Ann', 'x', 'x'), (2, 2, 'Bo', 'x', 'x');"
               "INSERT INTO aftercare_plans (user_id, treated_on, timezone, status, started_at)"
               " VALUES (2, '2026-11-24', 'UTC', 'active', 'x');"
               "INSERT INTO aftercare_messages (plan_id, day, due_at)"
               " VALUES (1, 0, 'a'), (1, 1, 'b');")
    await migrate_both(sqlite, postgres, range(6, 8))
    await both(f"INSERT INTO relay_open VALUES (5000000001, 77, '{OPENED}'), (2, 78, '{OPENED}');"
               "INSERT INTO chat_states VALUES (2, 'booking_contact', '{\"screening_id\": 5}',"
               " 'x');")
    await migrate_both(sqlite, postgres, range(8, len(migrations()) + 1))
    await both("UPDATE aftercare_messages SET status = 'failed' WHERE day = 1;"
               "INSERT INTO aftercare_messages (plan_id, day, due_at) VALUES (1, 2, 'c');")

    def rows(found: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
        return [tuple(json.loads(v) if i == 2 else v for i, v in enumerate(r)) for r in found]

    states = "SELECT user_id, state, data, updated_at FROM chat_states ORDER BY user_id"
    assert rows([tuple(r) for r in await postgres.fetch(states)]) == rows(
        sqlite.execute(states).fetchall()) == [
        (2, "relay", {"root": 78, "opened_at": OPENED,
                      "then": {"state": "booking_contact", "data": {"screening_id": 5}}},
         OPENED),
        (5000000001, "relay", {"root": 77, "opened_at": OPENED, "then": None}, OPENED)]
    messages = "SELECT id, day, status FROM aftercare_messages ORDER BY id"
    assert [tuple(r) for r in await postgres.fetch(messages)] == sqlite.execute(
        messages).fetchall() == [(1, 0, "pending"), (2, 1, "failed"), (3, 2, "pending")]
    with pytest.raises(asyncpg.CheckViolationError):
        await postgres.execute("UPDATE aftercare_messages SET status = 'lost' WHERE id = 1")

