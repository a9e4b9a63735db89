"""Storage: private file, WAL, idempotent migrations, answers committed at once."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

from bot.storage import Stores
from bot.storage.migrate import migrations

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


async def test_an_answer_is_on_disk_before_the_next_question(tmp_path: Path) -> None:
    path = tmp_path / "clinic.sqlite3"
    stores = await Stores.open(path)
    try:
        await stores.clients.upsert(user_id=5, chat_id=5, first_name="A", last_name=None,
                                    username=None, telegram_language="en", now=NOW)
        consent = await stores.consents.record(5, 1, NOW)
        screening = await stores.screenings.start(5, consent, "burns", NOW)
        await stores.screenings.save_answer(screening, "burns", "yes", "open_wounds", NOW)
        other = sqlite3.connect(path)  # another process's view
        assert other.execute("SELECT step_id, answer FROM screening_answers").fetchall() == [
            ("burns", "yes")]
        assert other.execute("SELECT current_step FROM screenings").fetchone() == (
            "open_wounds",)
        other.close()
    finally:
        await stores.close()
