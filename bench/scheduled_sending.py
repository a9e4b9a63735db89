"""Scheduled sending at scale: 100,000 clients in their aftercare week.

Figures: the time of one due-message claim (`claim_due`, its rows then released) with 100,000
plans (800,000 message rows) stored, and the send rate the scheduler reaches through
python-telegram-bot's AIORateLimiter (as configured for production) against a fake Bot API
that answers 429 with retry_after above 30 messages per second overall or above 1 per second
per chat; the count of 429s received.

Run: .venv/bin/python bench/scheduled_sending.py [--clients 100000] [--seconds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from common import FakeBotApi, emit, machine, temp_settings

from bot.clock import FixedClock
from bot.devtools.sandbox import TOKEN
from bot.flows.aftercare_times import local_due
from bot.storage import iso
from bot.telegram.app import build_application, start_services, stop_services, telegram_rate_limiter
from bot.telegram.scheduler import Scheduler

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON).astimezone(UTC)


class TelegramLimits(FakeBotApi):
    """The fake Bot API, answering 429 like Telegram above 30 messages a second overall or
    1 a second in one chat."""

    def __init__(self) -> None:
        super().__init__()
        self.per_second: dict[int, int] = defaultdict(int)
        self.last_in_chat: dict[int, float] = {}
        self.too_many = 0
        self.sent_at: list[float] = []

    async def do_request(self, url: str, method: str, request_data: Any = None,
                         *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        if url.endswith("/sendMessage") and request_data is not None:
            now = time.monotonic()
            chat = int(request_data.parameters["chat_id"])
            second = int(now)
            if self.per_second[second] >= 30 or now - self.last_in_chat.get(chat, -9.0) < 1.0:
                self.too_many += 1
                body = {"ok": False, "error_code": 429, "description": "Too Many Requests",
                        "parameters": {"retry_after": 1}}
                return 429, json.dumps(body).encode()
            self.per_second[second] += 1
            self.last_in_chat[chat] = now
            self.sent_at.append(now)
        return await super().do_request(url, method, request_data, *args, **kwargs)


async def seed(stores: Any, clients: int) -> int:
    """Clients treated 0–7 days ago, spread evenly: each has today's message pending, earlier
    days sent, later days pending. Returns how many messages are due at 10:00 today."""
    stamp = iso(NOW - timedelta(days=8))
    due_now = 0
    async with stores.database.transaction() as db:
        await db.write_many(
            "INSERT INTO clients (user_id, chat_id, first_name, language, created_at,"
            " updated_at) VALUES (?, ?, 'Client', 'en', ?, ?)",
            [(10_000 + i, 10_000 + i, stamp, stamp) for i in range(clients)])
        await db.write_many(
            "INSERT INTO aftercare_plans (id, user_id, treated_on, timezone, status, started_at)"
            " VALUES (?, ?, ?, 'Europe/London', 'active', ?)",
            [(i + 1, 10_000 + i, (TODAY - timedelta(days=1 + i % 7)).isoformat(), stamp)
             for i in range(clients)])
        rows = []
        for i in range(clients):
            treated = TODAY - timedelta(days=1 + i % 7)
            for day in range(8):
                due = local_due(treated, day, 19 if day == 0 else 10, LONDON)
                status = "sent" if due < NOW else "pending"
                due_now += due == NOW
                rows.append((i + 1, day, iso(due), status))
        await db.write_many(
            "INSERT INTO aftercare_messages (plan_id, day, due_at, status) VALUES (?, ?, ?, ?)",
            rows)
    return due_now


async def main(clients: int, seconds: float) -> None:
    settings, tmp = temp_settings("scheduled")
    api = TelegramLimits()
    clock = FixedClock(NOW)
    app = build_application(settings, token=TOKEN, clock=clock, request=api,
                            rate_limiter=telegram_rate_limiter())
    await app.initialize()
    await start_services(app, scheduler_loop=False)
    stores = app.bot_data["services"].stores
    started = time.perf_counter()
    due = await seed(stores, clients)
    emit("seed_clients", clients, "clients")
    emit("seed_time", time.perf_counter() - started, "s")
    emit("messages_due_now", due, "messages")

    timings = []
    lease = timedelta(minutes=5)
    for _ in range(20):
        t0 = time.perf_counter()
        batch = await stores.aftercare.claim_due(NOW, lease, 500)
        timings.append((time.perf_counter() - t0) * 1000)
        await stores.aftercare.release([message.id for message in batch])  # same rows next time
    emit("due_query_first_500", sorted(timings)[len(timings) // 2], "ms (median of 20)")
    assert len(batch) == 500
    t0 = time.perf_counter()
    assert await stores.aftercare.claim_due(NOW - timedelta(hours=1), lease, 500) == []
    emit("due_query_nothing_due", (time.perf_counter() - t0) * 1000, "ms")

    scheduler: Scheduler = app.bot_data["scheduler"]
    run = asyncio.create_task(scheduler.run_once())
    await asyncio.sleep(seconds)
    await scheduler.stop()
    await run
    window = [t for t in api.sent_at if t - api.sent_at[0] <= seconds] if api.sent_at else []
    elapsed = (window[-1] - window[0]) if len(window) > 1 else float("nan")
    rate = (len(window) - 1) / elapsed if len(window) > 1 else 0.0
    emit("messages_sent", len(api.sent_at), f"in {seconds:.0f} s")
    emit("send_rate", rate, "messages/s (limit 30)")
    emit("send_rate_of_limit", rate / 30 * 100, "%")
    emit("http_429_received", api.too_many, "responses")
    await stop_services(app)
    await app.shutdown()
    tmp.cleanup()
    for key, value in machine().items():
        emit(f"machine_{key}", value)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    asyncio.run(main(args.clients, args.seconds))
