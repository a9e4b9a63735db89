"""Running the bot for months: health, backups, staff error alerts, logs without health data."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot import cli
from bot.clock import FixedClock
from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import TOKEN, Sandbox
from bot.flows import consent
from bot.operations import backup, health
from bot.storage import Stores
from bot.storage.migrate import migrations
from tests.chat import Texts, screen
from tests.test_cli import clinicbot


async def test_health_says_when_the_scheduler_last_ran(
    bot: Sandbox, settings: Settings, clock: FixedClock
) -> None:
    healthy, lines = await health(settings, clock)
    assert not healthy and lines[-1] == "scheduler: has never run"
    assert lines[0].startswith("database: ok (")
    await bot.run_scheduler()
    clock.advance(timedelta(seconds=40))
    healthy, lines = await health(settings, clock)
    assert healthy and lines[-1].endswith("(40 s ago)")
    clock.advance(timedelta(minutes=5))
    healthy, _ = await health(settings, clock)
    assert not healthy


async def test_health_command_exit_status(tmp_path: Path) -> None:
    config = tmp_path / "clinic.toml"
    config.write_text((Path(__file__).parent.parent / "clinic.example.toml").read_text())
    await (await Stores.open(tmp_path / "clinicbot.sqlite3")).close()
    result = clinicbot("--config", str(config), "health")
    assert result.returncode == 1
    assert "database: ok" in result.stdout and "scheduler: has never run" in result.stdout


async def test_health_on_postgresql_names_the_server_but_never_its_password(
    postgres_url: str, tmp_path: Path
) -> None:
    await (await Stores.open(postgres_url)).close()
    with_password = postgres_url.replace("clinic@", "clinic:s3cret-pw@")
    config = tmp_path / "clinic.toml"
    config.write_text((Path(__file__).parent.parent / "clinic.example.toml").read_text())
    result = clinicbot("--config", str(config), "health", env={"DATABASE_URL": with_password})
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"database: ok (PostgreSQL, schema version {len(migrations())})",
        "scheduler: has never run"]
    assert not (tmp_path / "clinicbot.sqlite3").exists()  # the file is not touched
    down = with_password.rsplit(":", 1)[0] + ":1/clinic"  # nothing listens on port 1
    result = clinicbot("--config", str(config), "health", env={"DATABASE_URL": down})
    assert result.returncode == 1 and result.stdout.startswith("database: unreachable")
    assert "s3cret-pw" not in result.stdout + result.stderr


def test_run_with_an_unreachable_database_is_one_clear_line(tmp_path: Path) -> None:
    config = tmp_path / "clinic.toml"
    config.write_text((Path(__file__).parent.parent / "clinic.example.toml").read_text())
    result = clinicbot("--config", str(config), "run", env={
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "DATABASE_URL": "postgresql://clinic:s3cret-pw@127.0.0.1:1/clinic"})
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("clinicbot: cannot use the database PostgreSQL at 127.0.0.1:1/clinic: ")
    assert "s3cret-pw" not in line


def test_database_url_must_be_postgresql_and_backup_points_to_pg_dump(tmp_path: Path) -> None:
    config = tmp_path / "clinic.toml"
    config.write_text((Path(__file__).parent.parent / "clinic.example.toml").read_text())
    result = clinicbot("--config", str(config), "health", env={"DATABASE_URL": "mysql://x/y"})
    assert result.returncode == 2 and "DATABASE_URL must be a postgresql:// URL" in result.stderr
    result = clinicbot("--config", str(config), "backup", str(tmp_path / "copy"),
                       env={"DATABASE_URL": "postgresql://clinic@127.0.0.1:1/clinic"})
    assert result.returncode == 2 and "use pg_dump" in result.stderr


async def test_backup_while_running_is_a_consistent_private_copy(
    bot: Sandbox, settings: Settings, content: Content, tmp_path: Path
) -> None:
    t = Texts(content, "en")
    await screen(bot.user(), t)
    target = tmp_path / "backups" / "clinic-backup.sqlite3"
    assert backup(settings.database, target) > 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT status, outcome FROM screenings").fetchall() == [
            ("finished", "suitable")]
    finally:
        copy.close()


def test_backup_command_reports_a_missing_database(tmp_path: Path) -> None:
    config = tmp_path / "clinic.toml"
    config.write_text((Path(__file__).parent.parent / "clinic.example.toml").read_text()
                      .replace('database = "clinicbot.sqlite3"', 'database = "absent.sqlite3"'))
    result = clinicbot("--config", str(config), "backup", str(tmp_path / "copy.sqlite3"))
    assert result.returncode == 2 and "backup failed: no database at" in result.stderr


async def test_unexpected_errors_reach_staff_at_most_once_an_hour_per_kind(
    bot: Sandbox, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(visit: object) -> None:
        raise RuntimeError("Olga's phone is +7 912 345-67-89")

    monkeypatch.setattr(consent, "begin", broken)
    user = bot.user(first_name="Olga")
    staff = Texts(content, "en")
    for _ in range(3):
        await user.send("/menu")
        await user.press("Eligibility")
    assert [m.text for m in bot.staff_chat()] == [staff("staff.error_alert", kind="RuntimeError")]
    bot.clock.advance(timedelta(hours=1))
    await user.press("Eligibility")
    assert len(bot.staff_chat()) == 2
    assert all("Olga" not in m.text and "+7" not in m.text for m in bot.staff_chat())
    bot.errors.clear()


async def test_logs_hold_no_health_answers_texts_phones_or_token(
    bot: Sandbox, content: Content, caplog: pytest.LogCaptureFixture
) -> None:
    cli.configure_logging("DEBUG")
    t = Texts(content, "en")
    secrets = ["+7 912 345-67-89", "Olga", "Ivanova", "olga_i", "waiting room",
               "white flakes", TOKEN, TOKEN.split(":")[1]]
    try:
        with caplog.at_level(logging.DEBUG):
            user = bot.user(first_name="Olga", last_name="Ivanova", username="olga_i")
            await user.send("/start")
            await user.send("Is there wifi in your waiting room?")
            await user.press(t.label("faq.forward.yes"))
            await screen(user, t, yes=frozenset({"herpes", "pacemaker"}))
            await user.press(t.label("screening.outcome.doctor.book"))
            await user.share_contact("+7 912 345-67-89")
            await user.press(t.label("booking.time.evening"))
            await user.send("/aftercare")
            bot.clock.advance(timedelta(hours=9))
            await bot.run_scheduler()
            await user.press(t.label("aftercare.answer.other"))
            await user.send("white flakes")
            await user.send_sticker()
            await user.press_data("scr:999:herpes:yes")
    finally:
        for name in ("telegram", "httpx", "httpcore", "aiohttp", "aiosqlite"):
            logging.getLogger(name).setLevel(logging.NOTSET)
    assert caplog.records, "the journeys logged nothing at all"
    logged = "\n".join(r.getMessage() + (str(r.exc_info[1]) if r.exc_info else "")
                       for r in caplog.records)
    for secret in secrets:
        assert secret not in logged
    assert "herpes" not in logged and "pacemaker" not in logged


def test_health_reports_a_missing_database_and_creates_nothing(tmp_path: Path) -> None:
    config = tmp_path / "clinic.toml"
    config.write_text((Path(__file__).parent.parent / "clinic.example.toml").read_text()
                      .replace('database = "clinicbot.sqlite3"', 'database = "db #1.sqlite3"'))
    result = clinicbot("health", "--config", str(config))
    assert result.returncode == 1
    assert result.stdout.strip() == f"database: missing (no file at {tmp_path / 'db #1.sqlite3'})"
    assert list(tmp_path.iterdir()) == [config]


async def test_backup_over_an_existing_readable_file_is_private(
    bot: Sandbox, settings: Settings, content: Content, tmp_path: Path
) -> None:
    await screen(bot.user(), Texts(content, "en"))
    target = tmp_path / "clinic-backup.sqlite3"
    target.write_bytes(b"last week's copy")
    target.chmod(0o644)
    backup(settings.database, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("SELECT COUNT(*) FROM screenings").fetchone() == (1,)
    finally:
        copy.close()


async def test_backup_of_a_database_with_a_hash_in_its_path(tmp_path: Path) -> None:
    database = tmp_path / "db #1" / "clinic #1.sqlite3"
    stores = await Stores.open(database)
    await stores.heartbeats.beat("scheduler", datetime(2026, 11, 24, tzinfo=UTC))
    await stores.close()
    target = tmp_path / "copy #1.sqlite3"
    backup(database, target)
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("SELECT name FROM heartbeats").fetchall() == [("scheduler",)]
    finally:
        copy.close()
    assert sorted(os.listdir(tmp_path)) == ["copy #1.sqlite3", "db #1"]  # no temporary left


@pytest.mark.parametrize("change", ["removed", "replaced"])
async def test_the_bot_stops_when_its_database_file_is_removed_or_replaced(
    bot: Sandbox, settings: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture,
    change: str
) -> None:
    user = bot.user()
    await user.send("/aftercare")
    await bot.run_scheduler()
    stopped: list[bool] = []
    scheduler = bot.app.bot_data["scheduler"]
    scheduler.on_database_lost = lambda: stopped.append(True)
    if change == "removed":
        settings.database.unlink()
    else:
        backup(settings.database, tmp_path / "restored.sqlite3")
        os.replace(tmp_path / "restored.sqlite3", settings.database)
    received = len(user.messages)
    bot.clock.advance(timedelta(hours=9))  # the evening message is due
    with caplog.at_level(logging.INFO):
        assert await bot.run_scheduler() == 0
        assert await bot.run_scheduler() == 0
    assert stopped == [True] and len(user.messages) == received
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == [
        f"database file {settings.database} was {change} while the bot had it open; stopping"]
    healthy, lines = await health(settings, bot.clock)
    assert not healthy
    assert lines[0] == (f"database: missing (no file at {settings.database})" if change == "removed"
                        else f"database: replaced ({settings.database} is not the file the bot"
                        " last ran on)")
