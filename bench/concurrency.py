"""1,000 clients screening at once: throughput and latency from update to reply.

    .venv/bin/python bench/concurrency.py [--clients 1000] [--think 3.0] [--skip-paced]

Each client is an asyncio task with its own user id, going through the whole screening as a
person would: /start → "Eligibility check" → consent → one skin goal + Done → every question
("No", or "None of these" where several may be chosen), 22 updates in all, the last of which
shows the outcome. A client sends its next
update only after the bot has answered the previous one.

Updates reach the bot as they do under `run_polling`: through the Application's update
processor (`app.update_processor.process_update(update, app.process_update(update))`), so the
limit set by `concurrent_updates` in bot/telegram/app.py build_application applies, and so
do the bot's per-client locks (bot/telegram/handlers.py). The fake Bot API answers in process
and the database is a real SQLite file in a temporary directory.

Two phases:

  burst  every client starts at once and taps again the moment the reply arrives (no reading
         time). This measures capacity (updates per second). Latency here is mostly waiting
         for a free slot: with N clients always waiting, latency ≈ N / throughput.
  paced  every client reads for a while before each tap (uniformly 0.5–1.5 × --think seconds;
         first taps spread over 2 × --think): a heavy but human load, well below capacity.

Per phase: updates per second, and p50 / p99 of
  latency   from the raw update handed to the Application to the reply sent (all Bot API
            calls of the update done); includes waiting for a free concurrent-update slot
  handling  `process_update` alone, from the moment the update got its slot
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
from typing import Any

from common import (
    Client,
    data_endswith,
    data_is,
    emit,
    lean_api,
    no_or_none,
    percentile,
    temp_settings,
)
from telegram import Update

from bot.clock import Clock
from bot.devtools.sandbox import Sandbox

FIRST_USER = 5_000_000


class Phase:
    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox, self.app = sandbox, sandbox.app
        self.latency: list[float] = []
        self.handling: list[float] = []

    async def feed(self, update: dict[str, Any]) -> None:
        start = time.perf_counter()
        app = self.app
        parsed = Update.de_json(update, app.bot)

        async def handle() -> None:
            began = time.perf_counter()
            await app.process_update(parsed)
            self.handling.append(time.perf_counter() - began)

        await app.update_processor.process_update(parsed, handle())
        self.latency.append(time.perf_counter() - start)

    async def journey(self, client: Client, think: float, rng: random.Random) -> None:
        async def pause() -> None:
            if think:
                await asyncio.sleep(rng.uniform(0.5, 1.5) * think)

        if think:
            await asyncio.sleep(rng.uniform(0, 2 * think))
        await self.feed(client.text("/start"))
        for wanted in (data_is("menu:screening"), data_is("consent:yes"),
                       data_endswith(":goals:t.pores"), data_endswith(":goals:done")):
            await pause()
            await self.feed(client.press(wanted))
        while True:
            await pause()
            message, data = client.find(no_or_none)
            await self.feed(client.button(data, message))
            if data.split(":")[2] == "sun":  # the last question: the outcome is shown
                return

    async def run(self, name: str, clients: list[Client], think: float) -> None:
        rng = random.Random(42)
        start = time.perf_counter()
        await asyncio.gather(*(self.journey(c, think, rng) for c in clients))
        elapsed = time.perf_counter() - start
        count = len(self.latency)
        emit(f"{name}_updates", count, "updates")
        emit(f"{name}_elapsed", elapsed, "s")
        emit(f"{name}_throughput", count / elapsed, "updates/s")
        for label, values in (("latency", self.latency), ("handling", self.handling)):
            emit(f"{name}_{label}_p50", percentile(values, 50) * 1000, "ms")
            emit(f"{name}_{label}_p99", percentile(values, 99) * 1000, "ms")
            emit(f"{name}_{label}_max", max(values) * 1000, "ms")


async def finished_screenings(sandbox: Sandbox, first: int, last: int) -> int:
    stores = sandbox.app.bot_data["services"].stores
    row = await stores.database.one(
        "SELECT count(*) FROM screenings WHERE status = 'finished' AND user_id BETWEEN ? AND ?",
        (first, last))
    return int(row[0]) if row else 0


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--think", type=float, default=3.0,
                        help="mean reading time before each tap in the paced phase, seconds")
    parser.add_argument("--skip-paced", action="store_true")
    args = parser.parse_args()

    settings, tmp = temp_settings("concurrency")
    sandbox = await Sandbox.start(settings, Clock(), lean_api())
    try:
        emit("concurrent_updates", sandbox.app.update_processor.slots, "slots")
        emit("clients", args.clients, "clients")
        warm = Phase(sandbox)  # a few journeys first: imports, caches, SQLite pages
        await asyncio.gather(*(warm.journey(Client(sandbox.api, FIRST_USER - 1 - i), 0,
                                            random.Random(i)) for i in range(20)))

        phases = [("burst", 0.0)] + ([] if args.skip_paced else [("paced", args.think)])
        for number, (name, think) in enumerate(phases):
            first = FIRST_USER + number * 1_000_000
            clients = [Client(sandbox.api, first + i) for i in range(args.clients)]
            await Phase(sandbox).run(name, clients, think)
            done = await finished_screenings(sandbox, first, first + args.clients - 1)
            emit(f"{name}_finished_screenings", done, "clients")
            if done != args.clients:
                raise SystemExit(f"{name}: only {done} of {args.clients} screenings finished")
            sandbox.api.calls.clear()
            sandbox.api.touched.clear()
    finally:
        await sandbox.stop()
        tmp.cleanup()
    if sandbox.errors:
        raise SystemExit(f"handlers raised during the benchmark: {sandbox.errors[:3]!r}")


if __name__ == "__main__":
    asyncio.run(main())
