"""Storage: private file, WAL, migrations run as whole scripts and atomically, answers
committed at once, records with real types."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import stat
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiosqlite
import asyncpg
import pytest

from bot.storage import Stores
from bot.storage.migrate import migrate_sqlite, migrations

NOW = datetime(2026, 11, 24, tzinfo=UTC)


async def test_database_is_private_wal_and_migrations_are_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "db" / "clinic.sqlite3"
    stores = await Stores.open(path)
    await stores.close()
    stores = await Stores.open(path)
    try:
        assert await stores.database.schema_version() == len(migrations())
        mode = await (await stores.database.db.execute("PRAGMA journal_mode")).fetchone()
        assert mode[0] == "wal"
        assert set(await stores.database.table_names()) >= {
            "clients", "consents", "screenings", "screening_answers", "leads", "chat_states"}
    finally:
        await stores.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.fixture
async def stores(storage: Path | str) -> AsyncIterator[Stores]:
    opened = await Stores.open(storage)
    try:
        yield opened
    finally:
        await opened.close()


async def rows_seen_by_another_process(storage: Path | str, sql: str) -> list[tuple[Any, ...]]:
    if isinstance(storage, Path):
        other = sqlite3.connect(storage)
        try:
            return other.execute(sql).fetchall()
        finally:
            other.close()
    connection = await asyncpg.connect(storage)
    try:
        return [tuple(r) for r in await connection.fetch(sql)]
    finally:
        await connection.close()


@pytest.mark.engines
async def test_an_answer_is_stored_before_the_next_question(
    stores: Stores, storage: Path | str
) -> None:
    await stores.clients.upsert(user_id=5, chat_id=5, first_name="A", last_name=None,
                                username=None, telegram_language="en", now=NOW)
    consent = await stores.consents.record(5, 1, NOW)
    screening = await stores.screenings.start(5, consent, "burns", NOW)
    await stores.screenings.save_answer(screening, "burns", "yes", "open_wounds", NOW)
    assert await rows_seen_by_another_process(
        storage, "SELECT step_id, answer FROM screening_answers") == [("burns", "yes")]
    assert await rows_seen_by_another_process(
        storage, "SELECT current_step FROM screenings") == [("open_wounds",)]


async def test_a_semicolon_in_a_string_or_a_trigger_body_is_part_of_the_migration(
    tmp_path: Path,
) -> None:
    (tmp_path / "0001_notes.sql").write_text(
        "CREATE TABLE notes (text TEXT NOT NULL);\n"
        "CREATE TABLE log (text TEXT NOT NULL);\n"
        "CREATE TRIGGER noted AFTER INSERT ON notes BEGIN\n"
        "    INSERT INTO log VALUES ('noted; ' || new.text);\n"
        "    INSERT INTO log VALUES ('twice');\n"
        "END;\n"
        "INSERT INTO notes VALUES ('first; second');\n"
        "-- a last comment, without a newline", encoding="utf-8")
    async with aiosqlite.connect(tmp_path / "db.sqlite3", isolation_level=None) as db:
        await migrate_sqlite(db, tmp_path)
        assert list(await db.execute_fetchall("PRAGMA user_version")) == [(1,)]
        assert list(await db.execute_fetchall("SELECT text FROM notes")) == [("first; second",)]
        await db.execute("INSERT INTO notes VALUES ('third')")
        assert list(await db.execute_fetchall("SELECT text FROM log")) == [
            ("noted; first; second",), ("twice",), ("noted; third",), ("twice",)]


async def test_a_failing_migration_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "0001_notes.sql").write_text("CREATE TABLE notes (text TEXT);")
    (tmp_path / "0002_broken.sql").write_text(
        "CREATE TABLE extra (x INTEGER);\nINSERT INTO notes VALUES ('kept?');\n"
        "INSERT INTO missing VALUES (1);")
    async with aiosqlite.connect(tmp_path / "db.sqlite3", isolation_level=None) as db:
        with pytest.raises(sqlite3.OperationalError, match="missing"):
            await migrate_sqlite(db, tmp_path)
        assert not db.in_transaction
        assert list(await db.execute_fetchall("PRAGMA user_version")) == [(1,)]
        tables = await db.execute_fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
        assert list(tables) == [("notes",)]
        assert list(await db.execute_fetchall("SELECT * FROM notes")) == []
        (tmp_path / "0002_broken.sql").write_text("CREATE TABLE extra (x INTEGER);")
        await migrate_sqlite(db, tmp_path)  # fixed, it applies on the next start
        assert list(await db.execute_fetchall("PRAGMA user_version")) == [(2,)]


@pytest.mark.engines
async def test_records_carry_aware_datetimes_and_dates(stores: Stores) -> None:
    moscow = ZoneInfo("Europe/Moscow")
    await stores.clients.upsert(user_id=5, chat_id=5, first_name="A", last_name=None,
                                username=None, telegram_language="en", now=NOW)
    await stores.clients.mark_unreachable(5, NOW)
    client = await stores.clients.get(5)
    assert client is not None and client.unreachable_at == NOW
    assert client.unreachable_at.tzinfo is not None
    screening = await stores.screenings.start(5, await stores.consents.record(5, 1, NOW),
                                              "burns", NOW)
    await stores.screenings.end(screening, "finished", "suitable", NOW)
    record = await stores.screenings.get(screening)
    assert record is not None and record.finished_at == NOW
    lead_id = await stores.leads.create(user_id=5, screening_id=screening, outcome="suitable",
                                        phone=None, contact_username=None,
                                        preferred_time="morning", now=NOW)
    appointment = datetime(2026, 12, 3, 17, 30, tzinfo=moscow)
    await stores.leads.change_status(lead_id, "new", "booked", 1, NOW, appointment)
    lead = await stores.leads.get(lead_id)
    assert lead is not None and lead.created_at == NOW and lead.client.unreachable_at == NOW
    assert lead.appointment_at == appointment and lead.appointment_at.tzinfo == UTC
    [change] = await stores.leads.history(lead_id)
    assert change.changed_at == NOW and change.changed_at.tzinfo == UTC
    stored = await stores.database.one("SELECT appointment_at FROM leads")
    assert tuple(stored) == ("2026-12-03T14:30:00+00:00",)  # UTC text, sorting as text
    plan_id = await stores.aftercare.create_plan(
        5, date(2026, 11, 24), "Europe/Moscow", [(0, NOW + timedelta(hours=9))], NOW)
    assert plan_id is not None
    plan = await stores.aftercare.plan(plan_id)
    assert plan is not None and plan.treated_on == date(2026, 11, 24)
    [message] = await stores.aftercare.plan_messages(plan_id)
    assert message.due_at == NOW + timedelta(hours=9) and message.due_at.tzinfo == UTC


async def test_the_latest_finished_check_is_found_through_an_index(tmp_path: Path) -> None:
    stores = await Stores.open(tmp_path / "clinic.sqlite3")
    try:
        statements: list[str] = []
        connections = (stores.database.reader, stores.database.quick)
        for connection in connections:
            connection.set_trace_callback(statements.append)
        await stores.screenings.last_finished(42)
        for connection in connections:
            connection.set_trace_callback(None)
        [query] = statements
        plan = [row[3] for row in await stores.database.all(f"EXPLAIN QUERY PLAN {query}")]
        assert any(step.startswith("SEARCH s USING") for step in plan), plan
        assert [step for step in plan if step.startswith("SCAN")] == [], plan
    finally:
        await stores.close()


async def test_the_wal_is_copied_back_while_updates_come_without_a_scheduler(
    tmp_path: Path
) -> None:
    """Updates commit on a connection that never checkpoints (it would stall the event loop);
    only the scheduler's heartbeat, on aiosqlite's connection, did. Without it (a busy
    stretch between two beats, a test, a benchmark) the WAL grew by every page each update
    wrote, 40 MB for a thousand updates, and every read got slower as it grew."""
    path = tmp_path / "clinic.sqlite3"
    stores = await Stores.open(path)
    wal = path.with_name(path.name + "-wal")
    payload = "x" * 600  # an update as Telegram sends it
    try:
        for update_id in range(3000):
            await stores.inbox.accept(update_id, update_id % 50, payload, NOW, timedelta(1))
            await stores.inbox.finish([update_id], NOW)
            await asyncio.sleep(0)  # as between two updates
        page = (await stores.database.one("PRAGMA page_size"))[0]
        # Each commit wrote three pages or more (90 MB in all); copied back, the WAL holds
        # what a few hundred commits wrote.
        assert wal.stat().st_size < 6000 * page
    finally:
        await stores.close()
    assert await rows_seen_by_another_process(path, "SELECT COUNT(*) FROM inbox") == [(3000,)]


async def test_relays_open_before_the_upgrade_become_conversation_states(tmp_path: Path) -> None:
    """A client talking to staff at the moment of the upgrade keeps talking to staff, and the
    booking their relay interrupted comes back when it ends."""
    before = tmp_path / "before"
    before.mkdir()
    for path in migrations():
        if path.name.startswith("0008_"):
            break
        (before / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    async with aiosqlite.connect(tmp_path / "db.sqlite3", isolation_level=None) as db:
        await migrate_sqlite(db, before)
        for user_id in (1, 2):
            await db.execute(
                "INSERT INTO clients (user_id, chat_id, first_name, created_at, updated_at)"
                " VALUES (?, ?, 'Ann', 'x', 'x')", (user_id, user_id))
            await db.execute("INSERT INTO relay_open VALUES (?, 77, '2026-11-24T10:00:00+00:00')",
                             (user_id,))
        await db.execute("INSERT INTO chat_states VALUES (2, 'booking_contact',"
                         " '{\"screening_id\": 5}', 'x')")
        await migrate_sqlite(db)
        rows = await db.execute_fetchall("SELECT user_id, state, data FROM chat_states"
                                         " ORDER BY user_id")
        tables = await db.execute_fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
    assert [(user_id, state, json.loads(data)) for user_id, state, data in rows] == [
        (1, "relay", {"root": 77, "opened_at": "2026-11-24T10:00:00+00:00", "then": None}),
        (2, "relay", {"root": 77, "opened_at": "2026-11-24T10:00:00+00:00",
                      "then": {"state": "booking_contact", "data": {"screening_id": 5}}})]
    assert ("relay_open",) not in list(tables)
