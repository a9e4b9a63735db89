"""A full disk in the middle of a screening: the client is told kindly that their answer could
not be kept and to try again, nothing half-written is left, and once there is room again the
same button carries on from the question they were at."""

from __future__ import annotations

import errno
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import asyncpg
import pytest

from bot.content import Content
from bot.devtools.sandbox import Sandbox
from bot.storage import storage_trouble
from bot.storage.sqlite import SqliteDatabase
from tests.chat import Texts, consented, step_of
from tests.desk import stores_of

pytestmark = pytest.mark.engines("sqlite")


class FullDisk:
    """The write connection of a database whose disk is full: every statement that writes
    fails as SQLite fails then; reads, BEGIN and ROLLBACK still work."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def execute(self, sql: str, args: Any = ()) -> sqlite3.Cursor:
        if sql.startswith(("BEGIN", "ROLLBACK", "PRAGMA", "SELECT")):
            return self.connection.execute(sql, args)
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode, error.sqlite_errorname = sqlite3.SQLITE_FULL, "SQLITE_FULL"
        raise error

    def close(self) -> None:
        self.connection.close()


@contextmanager
def disk_full(bot: Sandbox, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    database = stores_of(bot).database
    assert isinstance(database, SqliteDatabase) and database.quick is not None
    with monkeypatch.context() as patch:
        patch.setattr(database, "quick", FullDisk(database.quick))
        yield


async def test_a_full_disk_mid_screening_is_told_kindly_and_loses_nothing(
    bot: Sandbox, content: Content, caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    t = Texts(content, "en")
    client = bot.user(9101, "Nora")
    await consented(client, t)
    await client.press(t.label(content.screening.steps[0].options[0].label))
    question = (await client.press(t.label("screening.done")))[-1]
    asked = step_of(question)
    with disk_full(bot, monkeypatch), caplog.at_level(logging.DEBUG):
        answer = await client.press_exact(t.label("screening.no"))
    assert [m.text for m in answer] == [t("error.internal")]  # "your answers are kept"
    assert "Traceback" not in caplog.text
    assert "the database could not be written (database or disk is full)" in caplog.text
    assert bot.staff_chat()[-1].text == Texts(content, "en")(
        "staff.storage_alert", reason="database or disk is full")
    assert bot.errors and storage_trouble(bot.errors[0]) is not None
    bot.errors.clear()  # seen: the one the test caused
    again = await client.press_exact(t.label("screening.no"))
    assert step_of(again[-1]) not in (asked, None)
    screening = await stores_of(bot).screenings.active(client.id)
    assert screening is not None and screening.answers.get(str(asked)) == "no"
    assert screening.current_step == step_of(again[-1])


def test_what_counts_as_a_database_that_cannot_be_written() -> None:
    def sqlite_error(code: int, text: str) -> sqlite3.OperationalError:
        error = sqlite3.OperationalError(text)
        error.sqlite_errorcode = code
        return error

    trouble = [sqlite_error(sqlite3.SQLITE_FULL, "database or disk is full"),
               sqlite_error(sqlite3.SQLITE_READONLY, "attempt to write a readonly database"),
               sqlite_error(sqlite3.SQLITE_IOERR | (4 << 8), "disk I/O error"),
               OSError(errno.ENOSPC, "No space left on device"),
               asyncpg.DiskFullError("could not extend file")]
    assert [storage_trouble(error) for error in trouble] == [
        "database or disk is full", "attempt to write a readonly database", "disk I/O error",
        "No space left on device", "could not extend file"]
    for other in (sqlite_error(sqlite3.SQLITE_CONSTRAINT, "UNIQUE constraint failed"),
                  ValueError("bad"), OSError(errno.ECONNREFUSED, "refused"), None):
        assert storage_trouble(other) is None
