"""A morning wave of aftercare nudges while clients go through the screening, through the
production rate limiter (`telegram_rate_limiter()`).

    .venv/bin/python bench/morning_wave.py [--nudges 10000] [--clients 50] [--think 5 15] [--fifo]

`--nudges` aftercare messages fall due at once (the scheduler's `run_once`, as at 10:00) while
`--clients` clients, starting within the first 5 s, go through the screening (a new client
takes over when one finishes), reading each question for a uniform `--think` seconds. Updates
reach the Application through its update queue and update processor, as under `run_polling`.
The fake Bot API answers 429 above 30 sendMessage in any one second. `--fifo` runs the same
scene through the limiter used before: PTB's AIORateLimiter at 1 request per 1/30 s, first come
first served.

The default is the full 10,000 nudges: about 6 minutes at 30/s. Figures: client latency from
the update entering the queue to the first request of its reply reaching the API
(p50/p99/max), the wave's rate (scheduled sendMessage) and the limiter's total rate (every
request that counts towards the 30/s), both over the wave's duration, and the 429s.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
from collections import deque
from typing import Any

from common import (
    Client,
    data_endswith,
    data_is,
    emit,
    machine,
    no_or_none,
    percentile,
    temp_settings,
)
from common import NetworkLikeApi as Api
from scheduled_sending import NOW, seed
from telegram import Update
from telegram.ext import AIORateLimiter

from bot.clock import FixedClock
from bot.devtools.sandbox import TOKEN
from bot.telegram.app import build_application, start_services, stop_services, telegram_rate_limiter
from bot.telegram.scheduler import Scheduler

WAVE_CHATS = range(10_000, 1_000_000)  # the seeded aftercare clients
OPENING = [data_is("menu:screening"), data_is("consent:yes"), data_endswith(":goals:t.pores"),
           data_endswith(":goals:done")]  # then "No" or "None of these" to every question


class WaveApi(Api):
    """Timestamps every request that names a chat, and tells a waiting client when the first
    request of its reply arrives."""

    def __init__(self) -> None:
        super().__init__(calls=deque(maxlen=256), touched=deque(maxlen=256),  # type: ignore[arg-type]
                         keep=50, flood_limit=30)
        self.waiting: dict[int, asyncio.Future[float]] = {}
        self.bulk_at: list[float] = []
        self.paced_at: list[float] = []

    def answer(self, name: str, params: dict[str, Any]) -> tuple[int, bytes]:
        status, body = super().answer(name, params)
        if "chat_id" in params:
            now, chat = time.perf_counter(), int(params["chat_id"])
            self.paced_at.append(now)
            if name == "sendMessage" and chat in WAVE_CHATS and status == 200:
                self.bulk_at.append(now)
            waiter = self.waiting.pop(chat, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(now)
        return status, body


class Clients:
    def __init__(self, app: Any, api: WaveApi, think: tuple[float, float]) -> None:
        self.app, self.api, self.think = app, api, think
        self.latencies: list[float] = []
        self.finished = 0
        self._ids = iter(range(2_000_000, 3_000_000))
        self.stop = asyncio.Event()

    async def ask(self, client: Client, update: dict[str, Any]) -> None:
        reply: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.api.waiting[client.id] = reply
        start = time.perf_counter()
        await self.app.update_queue.put(Update.de_json(update, self.app.bot))
        self.latencies.append(await asyncio.wait_for(reply, timeout=30) - start)

    async def button(self, client: Client, wanted: Any) -> dict[str, Any]:
        """The press of a button the reply will show: a reply of two messages may still be
        on its way when a quick reader looks."""
        for _ in range(600):
            try:
                return client.press(wanted)
            except AssertionError:
                await asyncio.sleep(0.05)
        return client.press(wanted)

    async def pause(self, rng: random.Random) -> bool:
        """A client reading; False once the wave is over."""
        try:
            await asyncio.wait_for(self.stop.wait(), rng.uniform(*self.think))
        except TimeoutError:
            return True
        return False

    async def one(self, seed_value: int) -> None:
        rng = random.Random(seed_value)
        await asyncio.sleep(rng.uniform(0, 5))
        while not self.stop.is_set():
            client = Client(self.api, next(self._ids))
            await self.ask(client, client.text("/start"))
            for wanted in OPENING:
                if not await self.pause(rng):
                    return
                await self.ask(client, await self.button(client, wanted))
            while await self.pause(rng):
                update = await self.button(client, no_or_none)
                await self.ask(client, update)
                if update["callback_query"]["data"].split(":")[2] == "sun":
                    self.finished += 1
                    break


async def main(nudges: int, clients: int, think: tuple[float, float], fifo: bool) -> None:
    settings, tmp = temp_settings("wave")
    api = WaveApi()
    limiter = (AIORateLimiter(overall_max_rate=1, overall_time_period=1 / 30, max_retries=3)
               if fifo else telegram_rate_limiter())
    app = build_application(settings, token=TOKEN, clock=FixedClock(NOW), request=api,
                            rate_limiter=limiter)
    await app.initialize()
    await start_services(app, scheduler_loop=False)
    try:  # a failing client must not leave the database thread alive: the process would hang
        due = await seed(app.bot_data["services"].stores, nudges)
        await app.start()
        crowd = Clients(app, api, think)
        scheduler: Scheduler = app.bot_data["scheduler"]
        wave = asyncio.create_task(scheduler.run_once())
        people = [asyncio.create_task(crowd.one(n)) for n in range(clients)]
        started = time.perf_counter()
        sent = await wave
        wave_seconds = time.perf_counter() - started
        crowd.stop.set()
        await asyncio.gather(*people)
    finally:
        if app.running:
            await app.stop()
        await stop_services(app)
        await app.shutdown()
        tmp.cleanup()

    first, last = api.bulk_at[0], api.bulk_at[-1]
    paced = [t for t in api.paced_at if first <= t <= last]
    emit("wave_nudges_due", due, "messages")
    emit("wave_nudges_sent", sent, "messages")
    emit("wave_duration", wave_seconds, "s")
    emit("wave_rate", (len(api.bulk_at) - 1) / (last - first), "messages/s (limit 30)")
    emit("limiter_rate", (len(paced) - 1) / (last - first), "requests/s (limit 30)")
    emit("http_429_received", api.too_many, "responses")
    emit("clients", clients, "clients")
    emit("client_think", f"{think[0]:g}-{think[1]:g}", "s")
    emit("client_screenings_finished", crowd.finished, "screenings")
    emit("client_updates", len(crowd.latencies), "updates")
    ms = [1000 * s for s in crowd.latencies]
    emit("client_reply_p50", percentile(ms, 50), "ms")
    emit("client_reply_p99", percentile(ms, 99), "ms")
    emit("client_reply_max", max(ms), "ms")
    for key, value in machine().items():
        emit(f"machine_{key}", value)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nudges", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--think", type=float, nargs=2, default=(5.0, 15.0))
    parser.add_argument("--fifo", action="store_true")
    args = parser.parse_args()
    asyncio.run(main(args.nudges, args.clients, tuple(args.think), args.fifo))
