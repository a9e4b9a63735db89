"""One client floods the bot while 50 others use it normally: how long the others wait.

    .venv/bin/python bench/flood.py [--flood 200] [--within 0.5] [--clients 50] [--latency 0.05]

The real Application, started as `clinicbot run` starts it (its update fetcher and update
processor, 8 slots), on a fresh SQLite file, with the fake Bot API answering every call after
`--latency` seconds (a network round trip to Telegram). Updates are put on the application's
update queue, as the webhook and the poller do (each is stored in the inbox first). One client
sends `--flood` messages in `--within` seconds; meanwhile each of the others opens the menu,
reads for a moment (0.2–0.6 s) and opens it again, five times. A reply's wait is from the
update being put to the bot's first message in that chat.

Prints the others' reply p50/p99/max (the budget: p99 under 500 ms), how much of the flood
was answered, dropped, and how many "please slow down" notes the flooder got. With
`--unfair`, PTB's plain processor (every update takes a slot, then waits for its client's
lock) for comparison.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
from typing import Any

from common import emit, percentile, temp_settings
from telegram import Update

from bot.clock import Clock
from bot.devtools.sandbox import FakeBotApi, Sandbox
from bot.telegram.fairness import FairUpdateProcessor
from bot.telegram.limiter import InteractiveUpdateProcessor

FLOODER = 1


class SlowApi(FakeBotApi):
    """Each call takes `latency` seconds, as over the network; answered calls are timed by
    chat, so the benchmark sees when a reply reached Telegram."""

    def __init__(self, latency: float) -> None:
        super().__init__(keep=50)
        self.latency = latency
        self.arrived: dict[int, list[float]] = {}
        self.news: dict[int, asyncio.Event] = {}

    async def do_request(self, url: str, method: str, request_data: Any = None,
                         *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        await asyncio.sleep(self.latency)
        answer = await super().do_request(url, method, request_data, *args, **kwargs)
        chat = request_data.parameters.get("chat_id") if request_data is not None else None
        if isinstance(chat, int) and url.rsplit("/", 1)[-1] in ("sendMessage",
                                                                 "editMessageText"):
            self.arrived.setdefault(chat, []).append(time.perf_counter())
            self.news.setdefault(chat, asyncio.Event()).set()
        return answer


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--flood", type=int, default=200)
    parser.add_argument("--within", type=float, default=0.5)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--unfair", action="store_true")
    args = parser.parse_args()

    settings, tmp = temp_settings("flood")
    api = SlowApi(args.latency)
    sandbox = await Sandbox.start(settings, Clock(), api)
    app = sandbox.app
    if args.unfair:
        app._update_processor = InteractiveUpdateProcessor(8)  # noqa: SLF001 - the comparison
    await app.start()
    waits: list[float] = []
    ids = iter(range(1, 10**9))

    async def put(user: Any, text: str) -> float:
        entities = [{"type": "bot_command", "offset": 0, "length": len(text)}] \
            if text.startswith("/") else []
        update = {"update_id": next(ids), "message": sandbox.message(
            user.user, user.chat, text=text, entities=entities)}
        start = time.perf_counter()
        await app.update_queue.put(Update.de_json(update, app.bot))
        return start

    flooded: list[float] = []

    async def flood() -> None:
        flooder, start = sandbox.user(FLOODER, "Flo"), time.perf_counter()
        for n in range(args.flood):
            await put(flooder, f"message {n}")
            await asyncio.sleep(start + args.within * (n + 1) / args.flood - time.perf_counter())
        flooded.append(time.perf_counter() - start)

    async def normal(index: int) -> None:
        user, rng = sandbox.user(1000 + index, f"Client{index}"), random.Random(index)
        for _ in range(5):
            seen = len(api.arrived.get(user.id, []))
            news = api.news.setdefault(user.id, asyncio.Event())
            news.clear()
            start = await put(user, "/menu")
            while len(api.arrived.get(user.id, [])) <= seen:
                await news.wait()
                news.clear()
            waits.append(api.arrived[user.id][seen] - start)
            await asyncio.sleep(rng.uniform(0.2, 0.6))

    try:
        wall, cpu = time.perf_counter(), time.process_time()
        await asyncio.gather(flood(), *(normal(i) for i in range(args.clients)))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        database = sandbox.app.bot_data["services"].stores.database
        for _ in range(600):  # until the flood's backlog is worked off
            await asyncio.sleep(0.05)
            if app.update_queue.qsize() == 0 and not (await database.one(
                    "SELECT count(*) FROM inbox WHERE handled_at IS NULL"))[0]:
                break
        processor = "fair" if isinstance(app.update_processor, FairUpdateProcessor) else "plain"
        emit("processor", processor)
        emit("flood", args.flood, "messages")
        emit("flood_took", flooded[0], "s")
        emit("others_replies", len(waits))
        for name, q in (("others_p50", 50), ("others_p99", 99)):
            emit(name, percentile(waits, q) * 1000, "ms")
        emit("others_max", max(waits) * 1000, "ms")
        note = sandbox.app.bot_data["content"].tr_message("en", "flood.slow_down")
        sent = api.messages[FLOODER]
        emit("cpu_share", cpu / wall, "of one core while the clients ran")
        emit("flooder_notes", sum(m.text == note for m in sent))
        waiting = await database.one("SELECT count(*) FROM inbox WHERE handled_at IS NULL")
        emit("inbox_unhandled", int(waiting[0]))
    finally:
        await app.stop()
        await sandbox.stop()
        tmp.cleanup()


if __name__ == "__main__":
    asyncio.run(main())
