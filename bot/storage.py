"""The only module with SQL: clients, consents, screenings, answers, leads and chat state.

One aiosqlite connection in autocommit mode; every write runs in an explicit
`BEGIN IMMEDIATE … COMMIT` under one asyncio lock, so concurrent updates never commit each
other's half-done work. Each answer is committed the moment it is given.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import aiosqlite

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE clients (
        user_id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL,
        first_name TEXT NOT NULL DEFAULT '',
        last_name TEXT,
        username TEXT,
        telegram_language TEXT,
        language TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE consents (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES clients(user_id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        given_at TEXT NOT NULL
    );
    CREATE INDEX consents_by_user ON consents(user_id, version);
    CREATE TABLE screenings (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES clients(user_id) ON DELETE CASCADE,
        consent_id INTEGER NOT NULL REFERENCES consents(id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('active', 'finished', 'cancelled')),
        current_step TEXT,
        outcome TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT
    );
    CREATE UNIQUE INDEX one_active_screening ON screenings(user_id) WHERE status = 'active';
    CREATE TABLE screening_answers (
        screening_id INTEGER NOT NULL REFERENCES screenings(id) ON DELETE CASCADE,
        step_id TEXT NOT NULL,
        answer TEXT NOT NULL,
        answered_at TEXT NOT NULL,
        PRIMARY KEY (screening_id, step_id)
    );
    CREATE TABLE leads (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES clients(user_id) ON DELETE CASCADE,
        screening_id INTEGER REFERENCES screenings(id) ON DELETE SET NULL,
        outcome TEXT NOT NULL,
        phone TEXT,
        contact_username TEXT,
        preferred_time TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'new',
        created_at TEXT NOT NULL,
        staff_message_id INTEGER
    );
    CREATE INDEX leads_by_user ON leads(user_id);
    CREATE TABLE staff_questions (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES clients(user_id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        staff_message_id INTEGER
    );
    CREATE TABLE chat_states (
        user_id INTEGER PRIMARY KEY REFERENCES clients(user_id) ON DELETE CASCADE,
        state TEXT NOT NULL,
        data TEXT NOT NULL DEFAULT '{}',
        updated_at TEXT NOT NULL
    );
    CREATE TABLE reminders (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES clients(user_id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        due_at TEXT NOT NULL,
        sent_at TEXT
    );
    CREATE INDEX reminders_due ON reminders(due_at) WHERE sent_at IS NULL;
    """,
)


@dataclass(frozen=True)
class Client:
    user_id: int
    chat_id: int
    first_name: str
    last_name: str | None
    username: str | None
    telegram_language: str | None
    language: str | None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


@dataclass(frozen=True)
class ScreeningRecord:
    id: int
    user_id: int
    status: str
    current_step: str | None
    outcome: str | None
    finished_at: str | None
    answers: dict[str, str]


@dataclass(frozen=True)
class ChatState:
    state: str
    data: dict[str, Any]


@dataclass(frozen=True)
class Lead:
    id: int
    user_id: int
    outcome: str
    phone: str | None
    contact_username: str | None
    preferred_time: str
    status: str
    staff_message_id: int | None


@dataclass(frozen=True)
class Reminder:
    id: int
    user_id: int
    kind: str


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


class Storage:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path) -> Storage:
        """Open (creating it readable by its owner only) and migrate the database."""
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
        db = await aiosqlite.connect(path, isolation_level=None)
        db.row_factory = aiosqlite.Row
        await db.execute("PRAGMA journal_mode = WAL")
        await db.execute("PRAGMA foreign_keys = ON")
        await db.execute("PRAGMA synchronous = NORMAL")
        storage = cls(db)
        await storage.migrate()
        return storage

    async def close(self) -> None:
        await self.db.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        async with self._write_lock:
            await self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                await self.db.execute("ROLLBACK")
                raise
            await self.db.execute("COMMIT")

    async def migrate(self) -> None:
        async with self.transaction() as db:
            version = await self.schema_version()
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in filter(str.strip, script.split(";")):
                    await db.execute(statement)
                await db.execute(f"PRAGMA user_version = {number}")

    async def schema_version(self) -> int:
        row = await (await self.db.execute("PRAGMA user_version")).fetchone()
        return int(row[0]) if row else 0

    # Clients ---------------------------------------------------------------------------------

    async def upsert_client(
        self, *, user_id: int, chat_id: int, first_name: str, last_name: str | None,
        username: str | None, telegram_language: str | None, now: datetime,
    ) -> Client:
        async with self.transaction() as db:
            await db.execute(
                """
                INSERT INTO clients (user_id, chat_id, first_name, last_name, username,
                                     telegram_language, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET
                    chat_id = excluded.chat_id, first_name = excluded.first_name,
                    last_name = excluded.last_name, username = excluded.username,
                    telegram_language = excluded.telegram_language,
                    updated_at = excluded.updated_at
                """,
                (user_id, chat_id, first_name, last_name, username, telegram_language,
                 iso(now), iso(now)),
            )
        client = await self.client(user_id)
        assert client is not None
        return client

    async def client(self, user_id: int) -> Client | None:
        row = await (await self.db.execute(
            "SELECT user_id, chat_id, first_name, last_name, username, telegram_language, language"
            " FROM clients WHERE user_id = ?", (user_id,))).fetchone()
        return Client(*row) if row else None

    async def set_language(self, user_id: int, language: str) -> None:
        async with self.transaction() as db:
            await db.execute("UPDATE clients SET language = ? WHERE user_id = ?",
                             (language, user_id))

    # Consent and screening ---------------------------------------------------------------------

    async def record_consent(self, user_id: int, version: int, now: datetime) -> int:
        async with self.transaction() as db:
            cursor = await db.execute(
                "INSERT INTO consents (user_id, version, given_at) VALUES (?, ?, ?)",
                (user_id, version, iso(now)))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def consent_id(self, user_id: int, version: int) -> int | None:
        row = await (await self.db.execute(
            "SELECT id FROM consents WHERE user_id = ? AND version = ? ORDER BY id DESC LIMIT 1",
            (user_id, version))).fetchone()
        return int(row[0]) if row else None

    async def start_screening(
        self, user_id: int, consent_id: int, first_step: str, now: datetime
    ) -> int:
        async with self.transaction() as db:
            await db.execute(
                "UPDATE screenings SET status = 'cancelled', finished_at = ?"
                " WHERE user_id = ? AND status = 'active'", (iso(now), user_id))
            cursor = await db.execute(
                "INSERT INTO screenings (user_id, consent_id, status, current_step, started_at)"
                " VALUES (?, ?, 'active', ?, ?)", (user_id, consent_id, first_step, iso(now)))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def _screening(self, where: str, args: tuple[Any, ...]) -> ScreeningRecord | None:
        row = await (await self.db.execute(
            "SELECT id, user_id, status, current_step, outcome, finished_at FROM screenings"
            f" WHERE {where} ORDER BY id DESC LIMIT 1", args)).fetchone()
        if row is None:
            return None
        answers = await (await self.db.execute(
            "SELECT step_id, answer FROM screening_answers WHERE screening_id = ?",
            (row[0],))).fetchall()
        return ScreeningRecord(
            id=row[0], user_id=row[1], status=row[2], current_step=row[3], outcome=row[4],
            finished_at=row[5], answers={a[0]: a[1] for a in answers})

    async def active_screening(self, user_id: int) -> ScreeningRecord | None:
        return await self._screening("user_id = ? AND status = 'active'", (user_id,))

    async def last_finished_screening(self, user_id: int) -> ScreeningRecord | None:
        return await self._screening("user_id = ? AND status = 'finished'", (user_id,))

    async def screening(self, screening_id: int) -> ScreeningRecord | None:
        return await self._screening("id = ?", (screening_id,))

    async def save_answer(
        self, screening_id: int, step_id: str, answer: str, current_step: str, now: datetime
    ) -> None:
        """Store one answer and move the screening on, in one commit."""
        async with self.transaction() as db:
            await db.execute(
                "INSERT INTO screening_answers (screening_id, step_id, answer, answered_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (screening_id, step_id)"
                " DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at",
                (screening_id, step_id, answer, iso(now)))
            await db.execute("UPDATE screenings SET current_step = ? WHERE id = ?",
                             (current_step, screening_id))

    async def move_to_step(self, screening_id: int, step_id: str) -> None:
        async with self.transaction() as db:
            await db.execute("UPDATE screenings SET current_step = ? WHERE id = ?",
                             (step_id, screening_id))

    async def end_screening(
        self, screening_id: int, status: str, outcome: str | None, now: datetime
    ) -> None:
        async with self.transaction() as db:
            await db.execute(
                "UPDATE screenings SET status = ?, outcome = ?, current_step = NULL,"
                " finished_at = ? WHERE id = ? AND status = 'active'",
                (status, outcome, iso(now), screening_id))

    # Chat state ----------------------------------------------------------------------------------

    async def chat_state(self, user_id: int) -> ChatState | None:
        row = await (await self.db.execute(
            "SELECT state, data FROM chat_states WHERE user_id = ?", (user_id,))).fetchone()
        return ChatState(row[0], json.loads(row[1])) if row else None

    async def set_chat_state(
        self, user_id: int, state: str, data: dict[str, Any], now: datetime
    ) -> None:
        async with self.transaction() as db:
            await db.execute(
                "INSERT INTO chat_states (user_id, state, data, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (user_id) DO UPDATE SET state = excluded.state,"
                " data = excluded.data, updated_at = excluded.updated_at",
                (user_id, state, json.dumps(data), iso(now)))

    async def clear_chat_state(self, user_id: int) -> None:
        async with self.transaction() as db:
            await db.execute("DELETE FROM chat_states WHERE user_id = ?", (user_id,))

    # Leads and staff questions ---------------------------------------------------------------

    async def create_lead(
        self, *, user_id: int, screening_id: int, outcome: str, phone: str | None,
        contact_username: str | None, preferred_time: str, now: datetime,
    ) -> int:
        async with self.transaction() as db:
            cursor = await db.execute(
                "INSERT INTO leads (user_id, screening_id, outcome, phone, contact_username,"
                " preferred_time, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (user_id, screening_id, outcome, phone, contact_username, preferred_time,
                 iso(now)))
            await db.execute("DELETE FROM chat_states WHERE user_id = ?", (user_id,))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def lead(self, lead_id: int) -> Lead | None:
        row = await (await self.db.execute(
            "SELECT id, user_id, outcome, phone, contact_username, preferred_time, status,"
            " staff_message_id FROM leads WHERE id = ?", (lead_id,))).fetchone()
        return Lead(*row) if row else None

    async def set_lead_message(self, lead_id: int, message_id: int) -> None:
        async with self.transaction() as db:
            await db.execute("UPDATE leads SET staff_message_id = ? WHERE id = ?",
                             (message_id, lead_id))

    async def record_staff_question(self, user_id: int, now: datetime) -> int:
        async with self.transaction() as db:
            cursor = await db.execute(
                "INSERT INTO staff_questions (user_id, created_at) VALUES (?, ?)",
                (user_id, iso(now)))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def set_staff_question_message(self, question_id: int, message_id: int) -> None:
        async with self.transaction() as db:
            await db.execute("UPDATE staff_questions SET staff_message_id = ? WHERE id = ?",
                             (message_id, question_id))

    # Reminders ---------------------------------------------------------------------------------

    async def schedule_reminder(self, user_id: int, kind: str, due: datetime) -> None:
        async with self.transaction() as db:
            await db.execute(
                "DELETE FROM reminders WHERE user_id = ? AND kind = ? AND sent_at IS NULL",
                (user_id, kind))
            await db.execute(
                "INSERT INTO reminders (user_id, kind, due_at) VALUES (?, ?, ?)",
                (user_id, kind, iso(due)))

    async def due_reminders(self, now: datetime, limit: int = 100) -> list[Reminder]:
        rows = await (await self.db.execute(
            "SELECT id, user_id, kind FROM reminders WHERE sent_at IS NULL AND due_at <= ?"
            " ORDER BY due_at LIMIT ?", (iso(now), limit))).fetchall()
        return [Reminder(*r) for r in rows]

    async def mark_reminder_sent(self, reminder_id: int, now: datetime) -> None:
        async with self.transaction() as db:
            await db.execute("UPDATE reminders SET sent_at = ? WHERE id = ?",
                             (iso(now), reminder_id))

    async def table_names(self) -> list[str]:
        rows = await (await self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).fetchall()
        return [r[0] for r in rows]


