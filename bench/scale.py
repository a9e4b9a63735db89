"""Scale: database size, due-message claim and memory with N clients stored, on either engine.

    .venv/bin/python bench/scale.py --engine sqlite|postgresql [--clients 1000000]

The real Application starts on the in-process fake Bot API, on a fresh SQLite file or on an
empty database of a throwaway PostgreSQL server on loopback (`ThrowawayPostgres`). N clients
are stored with the engines' bulk paths (bench/seeding.py: consent, finished screening with
its answers, and for every fifth an aftercare plan with its 8 messages, some due now). Then:

- database size per client: SQLite, the file after a WAL checkpoint; PostgreSQL,
  `pg_database_size` after `VACUUM ANALYZE`; each minus the same measure of the empty schema;
- the due-message claim the scheduler makes (`claim_due(NOW, 5 min, 500)`), median of
  20, its rows released after each so every timing sees the same rows; the same when nothing
  is due; and whether the claim's plan (`EXPLAIN QUERY PLAN` / `EXPLAIN` of the very statement
  the store ran) reads the due index, 1 or 0, the plan itself on stderr;
- resident memory (VmRSS) of this process, which is the bot, after start and after it has
  served a few hundred updates with the N clients stored;
- the same of the real command: `clinicbot run` started on that database against a fake Bot API
  over HTTP on loopback (bot/devtools/sandbox_http.py), at its first poll and once it has answered
  300 stored clients' questions and 300 new clients' /start (the due nudges it sends meanwhile
  included, as in production).

One engine and one N per process, so memory figures do not carry over. Everything lives in
temporary directories.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from common import emit, lean_api, rss_kib, temp_settings
from real_process import PolledServer, clinicbot_run, config_for
from seeding import FIRST_USER, NOW, seed, serve_some

from bot.clock import Clock
from bot.config import Settings
from bot.devtools.postgres import ThrowawayPostgres
from bot.devtools.sandbox import Sandbox
from bot.storage import Stores

ENGINES = ("sqlite", "postgresql")
LEASE = timedelta(minutes=5)
TIMINGS = 20
SERVED = 300  # stored clients asking, and new clients starting, of the real command
DUE_INDEX = "aftercare_due"


@contextmanager
def on_engine(engine: str, settings: Settings) -> Iterator[Settings]:
    """The settings, pointed at a fresh database of `engine`."""
    if engine == "sqlite":
        yield settings
        return
    with ThrowawayPostgres() as server:
        yield replace(settings, database_url=server.fresh_database("scale"))


async def database_bytes(stores: Stores) -> int:
    """The database's size as the engine keeps it at rest."""
    database = stores.database
    if database.dialect == "postgresql":
        await database.write("VACUUM ANALYZE")
        return int((await database.one("SELECT pg_database_size(current_database())"))[0])
    await database.checkpoint()
    assert database.path is not None
    return sum(p.stat().st_size for p in (database.path, Path(f"{database.path}-wal"))
               if p.exists())


async def claim_statement(stores: Stores) -> tuple[str, Sequence[Any]]:
    """The statement `claim_due` runs to claim, as sent, with its arguments."""
    database = stores.database
    seen: list[tuple[str, Sequence[Any]]] = []
    running = database.write_returning

    async def recording(sql: str, args: Sequence[Any] = ()) -> list[Any]:
        seen.append((sql, args))
        return await running(sql, args)

    database.write_returning = recording  # type: ignore[method-assign]
    try:
        batch = await stores.aftercare.claim_due(NOW, LEASE, 500)
    finally:
        del database.write_returning
    await stores.aftercare.release([m.id for m in batch])
    return seen[0]


async def uses_due_index(stores: Stores) -> bool:
    sql, args = await claim_statement(stores)
    database = stores.database
    if database.dialect == "postgresql":
        plan = [row[0] for row in await database.all(f"EXPLAIN {sql}", args)]
    else:
        plan = [row[3] for row in await database.all(f"EXPLAIN QUERY PLAN {sql}", args)]
    print(f"plan of the claim ({database.dialect}):", *plan, sep="\n  ", file=sys.stderr)
    return any(DUE_INDEX in line for line in plan)


async def due_claims(stores: Stores) -> tuple[list[float], int, float]:
    """Milliseconds of each of the 20 claims, how many rows the last one claimed, and the
    milliseconds of a claim with nothing due."""
    timings, claimed = [], 0
    gc.collect()
    gc.freeze()
    try:
        for _ in range(TIMINGS):
            t0 = time.perf_counter()
            batch = await stores.aftercare.claim_due(NOW, LEASE, 500)
            timings.append((time.perf_counter() - t0) * 1000)
            claimed = len(batch)
            await stores.aftercare.release([m.id for m in batch])
        t0 = time.perf_counter()
        nothing = await stores.aftercare.claim_due(NOW - timedelta(hours=1), LEASE, 500)
        nothing_ms = (time.perf_counter() - t0) * 1000
    finally:
        gc.unfreeze()
    assert nothing == [], "rows due an hour before NOW: the seed is not what it should be"
    return timings, claimed, nothing_ms


async def real_command(settings: Settings, workdir: Path, clients: int) -> None:
    """VmRSS of `clinicbot run` on the seeded database, at start and after serving."""
    rng = random.Random(3)
    with PolledServer() as server:
        stored = [server.user(FIRST_USER + rng.randrange(clients))
                  for _ in range(SERVED)] if clients else []
        new = [server.user(950_000_000 + i) for i in range(SERVED)]
        config = config_for(workdir, "scale", None if settings.database_url else settings.database)
        with clinicbot_run(server, config, workdir, settings.database_url) as process:
            emit("rss_clinicbot_run_start", server.first_poll_rss_kib / 1024, "MB")
            for user in stored:
                await user.send("How much does it cost?")
            for user in new:
                await user.send("/start")
            try:
                async with asyncio.timeout(600):
                    await server.until(lambda: all(server.api.messages[u.id]
                                                   for u in stored + new))
            except TimeoutError:
                raise SystemExit(f"clinicbot run did not answer; see {workdir / 'run.log'}"
                                 ) from None
            emit("rss_clinicbot_run_served", rss_kib(process.pid) / 1024, "MB")


async def main(engine: str, clients: int) -> None:
    base, tmp = temp_settings("scale")
    with tmp, on_engine(engine, base) as settings:
        sandbox = await Sandbox.start(settings, Clock(), lean_api())
        try:
            stores: Stores = sandbox.app.bot_data["services"].stores
            steps = [s.id for s in sandbox.app.bot_data["content"].screening.steps]
            empty = await database_bytes(stores)
            gc.collect()
            emit("rss_after_start", rss_kib() / 1024, "MB")

            seeded = await seed(stores, clients, steps)
            emit("clients", seeded.clients, "clients")
            emit("seed_time", seeded.seconds, "s")
            emit("seed_rows", sum(seeded.tables.values()), "rows")
            emit("aftercare_plans", seeded.plans, "plans")
            emit("aftercare_messages", seeded.messages, "messages")
            emit("messages_due_now", seeded.due_now, "messages")
            size = await database_bytes(stores)
            emit("database_size", size / 2**20, "MB")
            emit("database_bytes_per_client", (size - empty) / max(clients, 1), "bytes")

            emit("due_query_uses_index", int(await uses_due_index(stores)), "bool")
            timings, claimed, nothing_ms = await due_claims(stores)
            emit("due_query_claimed", claimed, "messages")
            emit("due_query_first_500", statistics.median(timings), "ms (median of 20)")
            emit("due_query_max", max(timings), "ms")
            emit("due_query_nothing_due", nothing_ms, "ms")

            await serve_some(sandbox, clients)
            gc.collect()
            emit("rss_after_clients_stored", rss_kib() / 1024, "MB")
        finally:
            await sandbox.stop()
        await real_command(settings, Path(tmp.name), clients)
    if sandbox.errors:
        raise SystemExit(f"handlers raised: {sandbox.errors[:3]!r}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=ENGINES, default="sqlite")
    parser.add_argument("--clients", type=int, default=100_000)
    args = parser.parse_args()
    asyncio.run(main(args.engine, args.clients))
