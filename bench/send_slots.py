"""What sharing Telegram's limits through the database costs each message sent.

    .venv/bin/python bench/send_slots.py [--engine sqlite|postgresql] [--sends 2000]

PostgreSQL is the server of TEST_DATABASE_URL when set, else a throwaway one on loopback.
Figures, each over `--sends` calls one after another (µs, p50 and p99):

  round_trip           `SELECT 1`: the engine's floor for any statement, for scale
  take_bot             one slot of the bot's schedule (one upsert)
  take_private_chat    one slot of a private chat's schedule, a new chat each time
  take_group           one slot of a group's 20-a-minute window (a transaction of two statements)
  send_local           a sendMessage to the in-process fake through the production limiter,
                       slots from this process (as before storage opens)
  send_shared          the same with slots from the database: the chat's and the bot's
  added_per_send       send_shared − send_local (p50)

The limiter's rate is raised so that no send waits for its slot: only the bookkeeping is timed.
On SQLite the reads (`SELECT 1`) run in the event loop's thread, writes in aiosqlite's.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory

from common import emit, percentile
from telegram.ext import Application

from bot.devtools.fake_api import TOKEN, FakeBotApi
from bot.devtools.postgres import Postgres, ThrowawayPostgres
from bot.storage import Stores
from bot.telegram.limiter import PriorityGate, PriorityRateLimiter

ENGINES = ("sqlite", "postgresql")


@contextmanager
def database(engine: str) -> Iterator[Path | str]:
    if engine == "sqlite":
        with TemporaryDirectory(prefix="send-slots-") as directory:
            yield Path(directory) / "bench.sqlite3"
        return
    if url := os.environ.get("TEST_DATABASE_URL"):
        server = Postgres(url)
        name = f"bench_send_slots_{os.getpid()}"
        try:
            yield server.fresh_database(name)
        finally:
            server.drop_database(name)
        return
    with ThrowawayPostgres() as throwaway:
        yield throwaway.fresh_database("send_slots")


async def timed(count: int, call: Callable[[int], Awaitable[object]]) -> list[float]:
    """µs of each of `count` calls, after a few to warm up."""
    for n in range(10):
        await call(-n - 1)
    samples = []
    for n in range(count):
        start = time.perf_counter()
        await call(n)
        samples.append((time.perf_counter() - start) * 1e6)
    return samples


def report(name: str, samples: list[float]) -> float:
    p50 = percentile(samples, 50)
    emit(f"{name}_p50", p50, "us")
    emit(f"{name}_p99", percentile(samples, 99), "us")
    return p50


async def sends(stores: Stores | None, count: int) -> list[float]:
    api = FakeBotApi(keep=1)
    limiter = PriorityRateLimiter(PriorityGate(max_rate=10**6))
    if stores is not None:
        limiter.share_through(stores.send_slots)
    app = (Application.builder().token(TOKEN).request(api).get_updates_request(api)
           .rate_limiter(limiter).build())
    async with app:
        return await timed(count, lambda n: app.bot.send_message(10_000 + n, "nudge"))


async def main(engine: str, count: int) -> None:
    with database(engine) as where:
        stores = await Stores.open(where)
        try:
            slots = stores.send_slots
            emit("engine", engine)
            report("round_trip", await timed(count, lambda n: stores.database.one("SELECT 1")))
            report("take_bot", await timed(count, lambda n: slots.take("bot", 1 / 29)))
            report("take_private_chat",
                   await timed(count, lambda n: slots.take(f"chat {n}", 1.0, 3)))
            report("take_group",
                   await timed(count, lambda n: slots.take_in_window("chat -1", 20, 61.0)))
            await slots.forget_past(time.time() + 3600)
            local = report("send_local", await sends(None, count))
            shared = report("send_shared", await sends(stores, count))
            emit("added_per_send", shared - local, "us")
        finally:
            await stores.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=ENGINES, default="sqlite")
    parser.add_argument("--sends", type=int, default=2000)
    args = parser.parse_args()
    asyncio.run(main(args.engine, args.sends))
