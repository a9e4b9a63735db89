"""Many stored clients, quickly, on either engine: the benchmarks of size and scale need a
database that looks like years of a clinic's work, and building it through the handlers would
take hours at a million clients.

Each client has a consent and a finished screening with an answer to every step (a few
flagged); every fifth also had a procedure in the last 60 days and has its aftercare plan with
the 8 messages of its week: sent for days already past, pending from today on, so the plans
of the last 7 days each have a message due at exactly `NOW`. Rows go in with the engines'
bulk paths (SQLite: `executemany`; PostgreSQL: COPY without foreign-key triggers), a chunk of
clients per transaction; ids are given, as a restore would give them, so PostgreSQL's id
sequences are moved past them.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from common import Client, data_is
from telegram import Update

from bot.devtools.sandbox import Sandbox
from bot.flows.aftercare_times import local_due
from bot.storage import Stores, iso

FIRST_USER = 100_000_000
CHUNK = 50_000  # clients per transaction
PLAN_EVERY = 5  # every fifth client had a procedure
PLAN_DAYS = 60  # ... in the last 60 days
GOALS = ("dry", "pores", "pigment", "firmness", "wrinkles", "other")
LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON).astimezone(UTC)
NOW_TEXT = iso(NOW)

COLUMNS = {
    "clients": ("user_id", "chat_id", "first_name", "last_name", "username",
                "telegram_language", "created_at", "updated_at"),
    "consents": ("id", "user_id", "version", "given_at"),
    "screenings": ("id", "user_id", "consent_id", "status", "outcome", "started_at",
                   "finished_at"),
    "screening_answers": ("screening_id", "step_id", "answer", "answered_at"),
    "aftercare_plans": ("id", "user_id", "treated_on", "timezone", "status", "started_at",
                        "ended_at"),
    "aftercare_messages": ("id", "plan_id", "day", "due_at", "status", "sent_at"),
}
IDENTITIES = ("consents", "screenings", "aftercare_plans", "aftercare_messages")


@dataclass
class Seeded:
    clients: int = 0
    plans: int = 0
    messages: int = 0
    due_now: int = 0
    seconds: float = 0.0
    tables: dict[str, int] = field(default_factory=dict)


@cache
def _due(treated_on: date, day: int) -> tuple[str, bool]:
    """A plan day's due time as stored, and whether it is past at `NOW` (60 × 8 distinct)."""
    due = local_due(treated_on, day, 19 if day == 0 else 10, LONDON)
    return iso(due), due < NOW


@cache
def _treated_at(treated_on: date) -> str:
    return iso(local_due(treated_on, 0, 11, LONDON))


def rows_for(first: int, count: int, steps: list[str],
             rng: random.Random) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of clients `first` … `first + count - 1`, by table."""
    rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in COLUMNS}
    clients, consents, screenings = rows["clients"], rows["consents"], rows["screenings"]
    answers, plans, messages = (rows["screening_answers"], rows["aftercare_plans"],
                                rows["aftercare_messages"])
    for user_id in range(first, first + count):
        index = user_id - FIRST_USER
        started = NOW - timedelta(days=rng.randrange(365), minutes=rng.randrange(1440))
        at = iso(started)
        done = iso(started + timedelta(minutes=3))
        language = "en" if rng.random() < 0.5 else "ru"
        clients.append((user_id, user_id, f"Client {user_id}", None,
                        f"client{user_id}" if rng.random() < 0.6 else None, language, at, done))
        consents.append((index + 1, user_id, 1, at))
        flagged = {s for s in steps[1:] if rng.random() < 0.03}
        outcome = "suitable" if not flagged else rng.choice(("not_now", "doctor"))
        screenings.append((index + 1, user_id, index + 1, "finished", outcome, at, done))
        answers.append((index + 1, steps[0], ",".join(rng.sample(GOALS, rng.randint(1, 3))), at))
        answers.extend((index + 1, s, "yes" if s in flagged else "no", at) for s in steps[1:])
        if index % PLAN_EVERY == 0:
            plan = index // PLAN_EVERY + 1
            # A prime step spreads neighbouring plans over the days, like real treatments.
            treated_on = TODAY - timedelta(days=1 + (plan * 7919) % PLAN_DAYS)
            treated = _treated_at(treated_on)
            active = (TODAY - treated_on).days < 8
            plans.append((plan, user_id, treated_on.isoformat(), "Europe/London",
                          "active" if active else "finished", treated,
                          None if active else _due(treated_on, 7)[0]))
            for day in range(8):
                due_at, past = _due(treated_on, day)
                messages.append((8 * (plan - 1) + day + 1, plan, day, due_at,
                                 "sent" if past else "pending", due_at if past else None))
    return rows


def chunks(clients: int, steps: list[str]) -> Iterator[dict[str, list[tuple[Any, ...]]]]:
    rng = random.Random(1)
    for first in range(FIRST_USER, FIRST_USER + clients, CHUNK):
        yield rows_for(first, min(CHUNK, FIRST_USER + clients - first), steps, rng)


async def seed(stores: Stores, clients: int, steps: list[str]) -> Seeded:
    """Store `clients` clients as described above; what was stored and how long it took."""
    seeded = Seeded(clients=clients)
    start = time.perf_counter()
    if stores.database.dialect == "postgresql":
        await _copy(stores, clients, steps, seeded)
    else:
        for rows in chunks(clients, steps):
            async with stores.database.transaction() as db:
                for table, records in rows.items():
                    columns = COLUMNS[table]
                    await db.write_many(f"INSERT INTO {table} ({', '.join(columns)}) VALUES"
                                        f" ({', '.join('?' * len(columns))})", records)
            _count(seeded, rows)
    seeded.seconds = time.perf_counter() - start
    return seeded


async def _copy(stores: Stores, clients: int, steps: list[str], seeded: Seeded) -> None:
    pool = stores.database.pool  # type: ignore[attr-defined]
    async with pool.acquire() as connection:
        for rows in chunks(clients, steps):
            async with connection.transaction():
                # The rows reference each other correctly by construction; checking each
                # foreign key row by row took two thirds of the load's time.
                await connection.execute("SET LOCAL session_replication_role = replica")
                for table, records in rows.items():
                    await connection.copy_records_to_table(table, records=records,
                                                           columns=COLUMNS[table])
            _count(seeded, rows)
        for table in IDENTITIES:
            await connection.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)")


def _count(seeded: Seeded, rows: dict[str, list[tuple[Any, ...]]]) -> None:
    seeded.plans += len(rows["aftercare_plans"])
    seeded.messages += len(rows["aftercare_messages"])
    seeded.due_now += sum(1 for m in rows["aftercare_messages"]
                          if m[4] == "pending" and m[3] == NOW_TEXT)
    for table, records in rows.items():
        seeded.tables[table] = seeded.tables.get(table, 0) + len(records)


async def serve_some(sandbox: Sandbox, clients: int, rounds: int = 300) -> None:
    """The bot at work on the full database: stored clients ask questions and new clients
    start a screening."""
    app = sandbox.app
    rng = random.Random(2)
    for i in range(rounds):
        if clients:
            stored = Client(sandbox.api, FIRST_USER + rng.randrange(clients))
            await app.process_update(Update.de_json(stored.text("How much does it cost?"),
                                                    app.bot))
        new = Client(sandbox.api, 900_000_000 + i)
        await app.process_update(Update.de_json(new.text("/start"), app.bot))
        await app.process_update(Update.de_json(new.press(data_is("menu:screening")), app.bot))
