"""Several instances on one database: each due row is claimed by one of them, a dead
instance's claims run out, one client's updates take turns across instances, and instances
starting at once migrate once."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import asyncpg
import pytest

from bot.storage import Stores
from bot.storage.base import iso, moment
from bot.storage.migrate import migrations
from bot.storage.postgresql import numbered
from tests.desk import seed_lead

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
CLAIM = timedelta(minutes=5)


@pytest.fixture
async def two(storage: Path | str) -> AsyncIterator[tuple[Stores, Stores]]:
    """Two instances' storage on the same database."""
    first = await Stores.open(storage)
    second = await Stores.open(storage)
    try:
        yield first, second
    finally:
        await first.close()
        await second.close()


async def due_week(stores: Stores, clients: int) -> None:
    for user_id in range(1, clients + 1):
        await stores.clients.upsert(user_id=user_id, chat_id=user_id, first_name="A",
                                    last_name=None, username=None, telegram_language="en",
                                    now=NOW)
        await stores.aftercare.create_plan(user_id, date(2026, 11, 24), "Europe/London",
                                           [(0, NOW), (1, NOW + timedelta(days=1))], NOW)


async def run_out(stores: Stores, table: str, by: timedelta) -> None:
    """Time passing for the claims on `table`: each runs out `by` sooner, on whichever clock
    claims are kept (the process's on SQLite, the server's on PostgreSQL)."""
    rows = await stores.database.all(
        f"SELECT id, claimed_until FROM {table} WHERE claimed_until IS NOT NULL")
    for row_id, until in rows:
        await stores.database.write(f"UPDATE {table} SET claimed_until = ? WHERE id = ?",
                                    (iso(moment(until) - by), row_id))


@pytest.mark.engines
async def test_instances_claiming_at_once_never_take_the_same_message(
    two: tuple[Stores, Stores]
) -> None:
    first, second = two
    await due_week(first, 60)
    taken = await asyncio.gather(*(
        stores.aftercare.claim_due(NOW, CLAIM, 7) for _ in range(6)
        for stores in (first, second)))
    ids = [m.id for batch in taken for m in batch]
    assert len(ids) == len(set(ids)) == 60  # each of the 60 due today, once
    assert await first.aftercare.claim_due(NOW, CLAIM) == []


@pytest.mark.engines
async def test_a_claim_of_an_instance_that_died_runs_out(two: tuple[Stores, Stores]) -> None:
    first, second = two
    await due_week(first, 3)
    claimed = {m.id for m in await first.aftercare.claim_due(NOW, CLAIM)}
    await first.close()  # the instance dies with its claims
    await run_out(second, "aftercare_messages", CLAIM - timedelta(seconds=10))
    assert await second.aftercare.claim_due(NOW, CLAIM) == []
    await run_out(second, "aftercare_messages", timedelta(seconds=10))
    later = await second.aftercare.claim_due(NOW, CLAIM)
    assert {m.id for m in later} == claimed


@pytest.mark.engines
async def test_a_live_instance_keeps_its_claims_however_long_a_message_waits(
    two: tuple[Stores, Stores]
) -> None:
    first, second = two
    await due_week(first, 2)
    claimed = {m.id for m in await first.aftercare.claim_due(NOW, CLAIM)}
    [sent, waiting] = sorted(claimed)
    await first.aftercare.mark(sent, "sent", NOW)
    await run_out(second, "aftercare_messages", CLAIM - timedelta(seconds=10))
    assert await first.renew_claims(NOW, CLAIM) == 1  # only what it has yet to send
    await run_out(second, "aftercare_messages", timedelta(seconds=20))
    assert await second.aftercare.claim_due(NOW, CLAIM) == []
    await run_out(second, "aftercare_messages", CLAIM)  # the first stopped renewing
    assert [m.id for m in await second.aftercare.claim_due(NOW, CLAIM)] == [waiting]


@pytest.mark.engines
async def test_outbox_entries_are_claimed_by_the_instance_that_stored_them(
    two: tuple[Stores, Stores]
) -> None:
    first, second = two
    [held] = await first.outbox.add([("staff", None, {"text": "Lead #1"})], NOW, CLAIM)
    assert await second.outbox.claim_due(NOW, CLAIM, 10) == []
    await first.outbox.release([held])  # sending it failed before it could be recorded
    assert [e.id for e in await second.outbox.claim_due(NOW, CLAIM, 10)] == [held]
    assert await first.outbox.claim_due(NOW, CLAIM, 10) == []


async def test_one_clients_updates_take_turns_across_instances(postgres_url: str) -> None:
    first, second = await Stores.open(postgres_url), await Stores.open(postgres_url)
    try:
        order: list[str] = []
        async with first.database.client_lock(7):
            waiting = asyncio.create_task(_hold(second, 7, order))
            other_client = asyncio.create_task(_hold(second, 8, order))
            await asyncio.wait_for(other_client, 5)  # another client is not held up
            await asyncio.sleep(0.2)
            assert not waiting.done()
            order.append("first")
        await asyncio.wait_for(waiting, 5)
        assert order == ["8", "first", "7"]
    finally:
        await first.close()
        await second.close()


HOLD_AND_HANG = """
import asyncio, sys
from bot.storage import Stores

async def main():
    stores = await Stores.open(sys.argv[1])
    async with stores.database.client_lock(7):
        print("held", flush=True)
        await asyncio.sleep(3600)

asyncio.run(main())
"""


async def test_a_lock_dies_with_its_instance(postgres_url: str) -> None:
    holder = await asyncio.create_subprocess_exec(
        sys.executable, "-c", HOLD_AND_HANG, postgres_url, stdout=asyncio.subprocess.PIPE)
    stores = await Stores.open(postgres_url)
    try:
        assert holder.stdout is not None
        assert await asyncio.wait_for(holder.stdout.readline(), 10) == b"held\n"
        order: list[str] = []
        waiting = asyncio.create_task(_hold(stores, 7, order))
        await asyncio.sleep(0.2)
        assert not waiting.done()
        holder.kill()  # SIGKILL: no cleanup of its own; the server ends its session
        await holder.wait()
        await asyncio.wait_for(waiting, 10)
        assert order == ["7"]
    finally:
        if holder.returncode is None:
            holder.kill()
            await holder.wait()
        await stores.close()


async def _hold(stores: Stores, user_id: int, order: list[str]) -> None:
    async with stores.database.client_lock(user_id):
        order.append(str(user_id))


async def test_instances_starting_at_once_migrate_once(postgres_url: str) -> None:
    opened = await asyncio.gather(*(Stores.open(postgres_url) for _ in range(4)))
    try:
        applied = await opened[0].database.all("SELECT version FROM schema_version ORDER BY 1")
        assert [r[0] for r in applied] == list(range(1, len(migrations()) + 1))
    finally:
        for stores in opened:
            await stores.close()


async def test_a_failing_migration_changes_nothing_on_postgresql(
    postgres_url: str, tmp_path: Path
) -> None:
    from bot.storage.migrate import migrate_postgresql

    (tmp_path / "0001_notes.sql").write_text("CREATE TABLE notes (text TEXT);")
    (tmp_path / "0002_broken.sql").write_text(
        "CREATE TABLE extra (x INTEGER);\nINSERT INTO notes VALUES ('kept?');\n"
        "INSERT INTO missing VALUES (1);")
    connection = await asyncpg.connect(postgres_url)
    try:
        with pytest.raises(asyncpg.UndefinedTableError, match="missing"):
            await migrate_postgresql(connection, tmp_path)
        assert await connection.fetchval("SELECT max(version) FROM schema_version") == 1
        tables = await connection.fetch("SELECT tablename FROM pg_tables"
                                        " WHERE schemaname = 'public' ORDER BY 1")
        assert [r[0] for r in tables] == ["notes", "schema_version"]
        assert await connection.fetchval("SELECT count(*) FROM notes") == 0
        (tmp_path / "0002_broken.sql").write_text("CREATE TABLE extra (x INTEGER);")
        await migrate_postgresql(connection, tmp_path)  # fixed, it applies on the next start
        assert await connection.fetchval("SELECT max(version) FROM schema_version") == 2
    finally:
        await connection.close()


def test_placeholders_are_numbered_outside_quoted_text() -> None:
    assert numbered("SELECT ? WHERE a = '?' AND b = ? OR c = 'it''s ?'") == (
        "SELECT $1 WHERE a = '?' AND b = $2 OR c = 'it''s ?'")
    assert numbered("SELECT ?1, ?2, ?1") == "SELECT $1, $2, $1"


SKEW = timedelta(minutes=6)  # more than a claim lasts (CLAIM)


async def test_instances_whose_clocks_differ_never_both_take_a_row(postgres_url: str) -> None:
    """Claims are stamped and compared with the server's clock: the second instance's clock
    runs 6 minutes ahead, past the first one's claims by its own reckoning, and the first
    renews them with a clock 6 minutes behind."""
    first, second = await Stores.open(postgres_url), await Stores.open(postgres_url)
    try:
        await due_week(first, 10)
        await first.reminders.schedule(1, "recheck", NOW)
        lead = await seed_lead(first, user_id=1, first_name="A", created=NOW)
        await first.appointments.plan(lead, NOW + timedelta(days=1), [("eve", NOW)])
        await first.outbox.add([("staff", 1, {"text": "Lead #1"})], NOW, CLAIM)
        assert len(await first.aftercare.claim_due(NOW, CLAIM)) == 10
        assert len(await first.reminders.claim_due(NOW, CLAIM)) == 1
        assert len(await first.appointments.claim_due(NOW, CLAIM)) == 1

        async def taken_by_second() -> list[object]:
            ahead = NOW + SKEW
            return [*await second.aftercare.claim_due(ahead, CLAIM),
                    *await second.reminders.claim_due(ahead, CLAIM),
                    *await second.appointments.claim_due(ahead, CLAIM),
                    *await second.outbox.claim_due(ahead, CLAIM, 10)]

        assert await taken_by_second() == []
        assert await first.renew_claims(NOW - SKEW, CLAIM) == 13
        assert await taken_by_second() == []
    finally:
        await first.close()
        await second.close()
