"""Per-update cost of the bot's handlers, against bare python-telegram-bot handlers.

    .venv/bin/python bench/per_update.py [--rounds 10] [--batch 200] [--old]

One run of this script is one fresh process; `bench/report.py` runs it several times and
reports min/median/max of each figure over the runs. Ratios are of p50s (the tail moves means
by 20-40 % between runs).

As in production (the default):
- Both Applications send through the production rate limiter (`telegram_rate_limiter`): the
  bot's takes its slots from the database, as every instance does; the baseline's from its
  own memory. The bot's rate is raised so that updates fed back to back never wait for a
  slot (that would time the pace, not the work); each client's own limit is the real one.
  A loop is quicker than any person, so a few updates do wait for it: a new client's question
  fed right after the /start, and the answers that end a screening fed back to back after a
  burst of edits (`limiter_sleeps` counts those waits; they reach the p99s, not the p50s).
- The garbage collector runs as it does in the bot: nothing is collected or frozen by hand.
- Every FAQ question is a phrasing asked once in the whole run, by a client who only just
  said /start: the 62 phrasings of bench/faq_questions.py, each with different typos in each
  round, so the matcher's caches never hold the answer.

`--old` measures the configuration of the earlier reports, for comparison: no limiter, a
`gc.collect(); gc.freeze()` before every round, the 62 phrasings asked over and over by the
same 100 clients.

Both Applications use the same in-process fake Bot API (bot.devtools.sandbox.FakeBotApi) and are fed
each update as Telegram sends it, JSON text, timed from there: the baseline decodes it and calls
`app.process_update(Update.de_json(...))`; the bot decodes it, stores the text in its inbox as it
came and then handles it (`Sandbox.receive`), as its webhook does before Telegram is told the
update arrived. The bot runs on a real SQLite file (WAL) in a temporary directory.

Measured kinds (each `rounds × batch` updates after one warm-up round; the kinds are interleaved
round by round, so drift of the machine affects all of them alike):

  echo              a bare PTB Application, one MessageHandler replying with the text
  ptb_button        the same bare Application answering a button press the way any bot must
                    (answerCallbackQuery, then editMessageText with a 2×2 inline keyboard) and
                    doing nothing else: PTB's own floor for a button
  screening_answer  "No" (or "None of these") pressed in the middle of a screening: every
                    measured press is a real answer, stored, and the next question shown
  faq_text          a free-text question matching an FAQ topic (see above)
  menu_button       the FAQ button of the main menu (the menu message is edited into topics)

Extra lines: the time routing a FAQ question took inside its update (bot/content/routing.py,
timed where bot/flows/typed.py calls it), the last answer of a screening (outcome shown), and
per kind the number of SQL statements (on all three connections), aiosqlite thread round trips
and Bot API calls of one update. Last, where an update's time goes (`Phases`): a further
round of each kind with the parts of the path timed, each part's own time (less the parts
inside it) as a mean over the quickest 90 % of the updates (the rest waited for the limiter or
a collection); `other` is what no part names (PTB's dispatch, the client's lock, the
transaction's BEGIN and COMMIT). That round is not in the p50s above: its timing adds a little
to each update. The fake Bot API keeps the last 50 messages of each chat, so
a long run does not slow its edits down.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from common import Client, data_endswith, data_is, emit, no_or_none, percentile, temp_settings
from faq_questions import EN, RU, misspelt
from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

import bot.flows.typed
import bot.telegram.delivery
import bot.telegram.handlers
from bot.clock import Clock
from bot.content.routing import Route
from bot.devtools.sandbox import TOKEN, FakeBotApi, Sandbox
from bot.flows.router import Router
from bot.storage.inbox import InboxStore
from bot.storage.outbox import OutboxStore
from bot.telegram.app import telegram_rate_limiter
from bot.telegram.inbox import Inbox
from bot.telegram.limiter import PriorityRateLimiter

KEEP = 50  # messages the fake Bot API keeps per chat
UNPACED = 1_000_000  # the bot's messages a second in the benchmark: no update waits for a slot
Feed = Callable[[dict[str, Any]], Awaitable[None]]
Receive = Callable[[str], Awaitable[None]]  # an update as Telegram sends it: JSON text


def receiver(app: Application) -> Receive:  # type: ignore[type-arg]
    async def receive(body: str) -> None:
        await app.process_update(Update.de_json(json.loads(body), app.bot))
    return receive


async def timed(receive: Receive, update: dict[str, Any]) -> float:
    """µs from the update's JSON text (written by Telegram, untimed) to the handlers' end."""
    body = json.dumps(update)
    start = time.perf_counter_ns()
    await receive(body)
    return (time.perf_counter_ns() - start) / 1000.0


# The bare baseline --------------------------------------------------------------------------

def limiter(sleeps: list[float]) -> PriorityRateLimiter:
    """The production limiter, unpaced for the bot as a whole; its waits are counted."""
    made = telegram_rate_limiter(UNPACED)
    assert isinstance(made, PriorityRateLimiter)
    sleep = made.gate.sleep

    async def counted(seconds: float) -> None:
        sleeps.append(seconds)
        await sleep(seconds)

    made.gate.sleep = counted
    return made


async def echo_app(rate_limiter: PriorityRateLimiter | None
                   ) -> tuple[Application, list[BaseException]]:  # type: ignore[type-arg]
    api = FakeBotApi(keep=KEEP)
    builder = (Application.builder().token(TOKEN).request(api).get_updates_request(api)
               .concurrent_updates(8))
    if rate_limiter is not None:
        builder = builder.rate_limiter(rate_limiter)
    app = builder.build()
    errors: list[BaseException] = []

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.message.text is not None
        await update.message.reply_text(update.message.text)

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if context.error is not None:
            errors.append(context.error)

    async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer()
        step = int(query.data or "0")
        keyboard = InlineKeyboardMarkup([
            [InlineKeyboardButton("Yes", callback_data=f"scr:1234:q{step}:yes"),
             InlineKeyboardButton("No", callback_data=f"scr:1234:q{step}:no")],
            [InlineKeyboardButton("Back", callback_data=f"scr:1234:q{step}:back"),
             InlineKeyboardButton("Cancel", callback_data=f"scr:1234:q{step}:cancel")]])
        await query.edit_message_text(f"<i>Question {step} of 16</i>\n\nDo you have a burn?",
                                      parse_mode="HTML", reply_markup=keyboard)

    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.add_handler(CallbackQueryHandler(button))
    app.add_error_handler(on_error)
    await app.initialize()
    return app, errors


# Scenarios: each returns `batch` timings in µs ------------------------------------------------

class Bench:
    def __init__(self, sandbox: Sandbox, echo: Application,  # type: ignore[type-arg]
                 old: bool) -> None:
        self.sandbox, self.api, self.old = sandbox, sandbox.api, old
        self.feed_bot: Feed = sandbox.deliver  # stored in the inbox first, as in production
        self.receive_bot: Receive = sandbox.receive
        self.receive_echo = receiver(echo)
        self.echo_api: FakeBotApi = echo.bot.request  # type: ignore[assignment]
        self.echo_client = Client(self.echo_api, 900_000_001)
        self._next_echo = 900_000_001
        self.asked: set[str] = set()
        self._next_user = 1_000_000
        self.faq_clients: list[tuple[Client, list[str]]] = []
        self.menu_clients: list[Client] = []
        self.finish_samples: list[float] = []
        self._asked = 0
        self._presses = 0
        self.routing: list[float] = []  # µs routing each timed FAQ question took, inside it
        self._routing_timed = False
        route = bot.flows.typed.route

        def timed_route(*args: Any) -> Route:
            start = time.perf_counter_ns()
            found = route(*args)
            if self._routing_timed:
                self.routing.append((time.perf_counter_ns() - start) / 1000.0)
            return found

        bot.flows.typed.route = timed_route

    def new_client(self, language: str = "en") -> Client:
        self._next_user += 1
        return Client(self.api, self._next_user, language_code=language)

    async def prepare(self, pool: int) -> None:
        """Clients who have already talked to the bot (stored, menu on screen)."""
        for n in range(pool):
            language, questions = ("en", EN) if n % 2 else ("ru", RU)
            client = self.new_client(language)
            await self.feed_bot(client.text("/start"))
            self.faq_clients.append((client, questions))
            client = self.new_client()
            await self.feed_bot(client.text("/start"))
            self.menu_clients.append(client)

    def echo_sender(self) -> Client:
        """The old configuration's one client; else each text from a client of its own, as
        each FAQ question is, so neither waits for a chat's limit."""
        if self.old:
            return self.echo_client
        self._next_echo += 1
        return Client(self.echo_api, self._next_echo)

    async def echo(self, batch: int) -> list[float]:
        return [await timed(self.receive_echo, self.echo_sender().text(f"hello {i}"))
                for i in range(batch)]

    async def ptb_button(self, batch: int) -> list[float]:
        client = self.echo_client
        if not client.messages:
            await self.receive_echo(json.dumps(client.text("a message to press buttons on")))
        message = client.messages[-1]
        samples = []
        for _ in range(batch):  # each press shows another question than the one before
            self._presses += 1
            samples.append(await timed(self.receive_echo,
                                       client.button(str(self._presses % 16 + 1), message)))
        return samples

    async def to_first_yes_no(self) -> Client:
        """A client in a screening, at its first yes/no question (after consent and goals)."""
        client = self.new_client()
        await self.feed_bot(client.text("/start"))
        await self.feed_bot(client.press(data_is("menu:screening")))
        await self.feed_bot(client.press(data_is("consent:yes")))
        await self.feed_bot(client.press(data_endswith(":goals:t.pores")))
        await self.feed_bot(client.press(data_endswith(":goals:done")))
        return client

    async def screening_answer(self, batch: int) -> list[float]:
        samples: list[float] = []
        while len(samples) < batch:
            client = await self.to_first_yes_no()
            while len(samples) < batch:
                message, data = client.find(no_or_none)
                if data.split(":")[2] == "sun":  # the last answer ends the screening
                    self.finish_samples.append(
                        await timed(self.receive_bot, client.button(data, message)))
                    break
                samples.append(await timed(self.receive_bot, client.button(data, message)))
        return samples

    def unasked(self, question: str) -> str:
        """A misspelling of `question` not asked before in this run, if one of a hundred tries
        finds one (a short question has few)."""
        for attempt in range(100):
            typed = misspelt(question, self._asked + 7919 * attempt)
            if typed not in self.asked:
                break
        self.asked.add(typed)
        return typed

    async def next_question(self) -> tuple[Client, str]:
        """Old: clients take turns, each asking the next of its language's questions. New: a
        client who just said /start (untimed) asks a phrasing nobody asked before."""
        client, questions = self.faq_clients[self._asked % len(self.faq_clients)]
        question = questions[(self._asked // len(self.faq_clients)) % len(questions)]
        if not self.old:
            client = self.new_client(client.user["language_code"])
            await self.feed_bot(client.text("/start"))
            question = self.unasked(question)
        self._asked += 1
        return client, question

    async def faq_text(self, batch: int) -> list[float]:
        samples = []
        for _ in range(batch):
            client, question = await self.next_question()
            self._routing_timed = True
            samples.append(await timed(self.receive_bot, client.text(question)))
            self._routing_timed = False
        return samples

    async def menu_button(self, batch: int) -> list[float]:
        """Press "Questions" on the menu; pressing "Menu" (untimed) restores it in between, so
        every timed press really edits the message."""
        samples = []
        pool = self.menu_clients
        for i in range(batch):
            client = pool[i % len(pool)]
            samples.append(await timed(self.receive_bot, client.press(data_is("menu:faq"))))
            await self.feed_bot(client.press(data_is("menu:menu")))
        return samples

    def trim(self) -> None:
        """The fake keeps every call and touched message; drop them between rounds."""
        self.api.calls.clear()
        self.api.touched.clear()


async def count_work(bench: Bench, echo: Application) -> None:  # type: ignore[type-arg]
    """SQL statements (all three connections: aiosqlite's, the reader and the quick writer),
    aiosqlite round trips and Bot API calls of one update of each kind."""
    import aiosqlite

    database = bench.sandbox.app.bot_data["services"].stores.database
    statements: list[str] = []
    hops = [0]
    original = aiosqlite.Connection._execute

    async def counting(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        hops[0] += 1
        return await original(self, fn, *args, **kwargs)

    await database.db.set_trace_callback(statements.append)
    database.reader.set_trace_callback(statements.append)
    database.quick.set_trace_callback(statements.append)
    aiosqlite.Connection._execute = counting  # type: ignore[method-assign]
    echo_api: FakeBotApi = echo.bot.request  # type: ignore[assignment]
    try:
        async def measure(name: str, run: Callable[[], Awaitable[Any]],
                          api: FakeBotApi) -> None:
            statements.clear()
            hops[0] = 0
            calls = len(api.calls)
            await run()
            emit(f"{name}_sql_statements", len(statements), "per_update")
            emit(f"{name}_sqlite_round_trips", hops[0], "per_update")
            emit(f"{name}_bot_api_calls", len(api.calls) - calls, "per_update")

        await measure("echo", lambda: bench.echo(1), echo_api)
        await measure("ptb_button", lambda: bench.ptb_button(1), echo_api)
        client = await bench.to_first_yes_no()
        await measure("screening_answer",
                      lambda: bench.feed_bot(client.press(no_or_none)), bench.api)
        asker, question = await bench.next_question()
        await measure("faq_text", lambda: bench.feed_bot(asker.text(question)), bench.api)
        menu_client = bench.menu_clients[0]
        await measure("menu_button",
                      lambda: bench.feed_bot(menu_client.press(data_is("menu:faq"))), bench.api)
        await bench.feed_bot(menu_client.press(data_is("menu:menu")))
    finally:
        aiosqlite.Connection._execute = original  # type: ignore[method-assign]
        await database.db.set_trace_callback(None)
        database.reader.set_trace_callback(None)
        database.quick.set_trace_callback(None)


# Where an update's time goes --------------------------------------------------------------

_FRAMES: ContextVar[list[list[int]] | None] = ContextVar("per_update_frames", default=None)
PARTS: dict[str, list[tuple[Any, str]]] = {
    "parse": [(Update, "de_json")],
    "inbox": [(Inbox, "accept"), (InboxStore, "before"), (InboxStore, "start"),
              (InboxStore, "finish")],
    "flow": [(Router, "on_text"), (Router, "on_button"), (bot.telegram.handlers, "visit_of")],
    "routing": [(bot.flows.typed, "route")],
    "outbox": [(bot.telegram.delivery, "store"), (OutboxStore, "done")],
    "bot_api": [(bot.telegram.delivery, "send"), (CallbackQuery, "answer"),
                (CallbackQuery, "edit_message_text"), (Message, "reply_text")],
}
QUICKEST = 0.9  # the share of updates the parts are averaged over


class Phases:
    """Each part's own time in the updates received through `receiving`: a part's time less
    that of the parts called inside it, so the parts add up."""

    def __init__(self) -> None:
        self.updates: list[tuple[int, Counter[str]]] = []
        self._current: Counter[str] = Counter()
        self._undo: list[Callable[[], None]] = []

    def install(self) -> None:
        for part, places in PARTS.items():
            for owner, name in places:
                self._wrap(owner, name, part)

    def uninstall(self) -> None:
        while self._undo:
            self._undo.pop()()

    def receiving(self, receive: Receive) -> Receive:
        async def timed_update(body: str) -> None:
            self._current = Counter()
            token = _FRAMES.set([])
            start = time.perf_counter_ns()
            try:
                await receive(body)
            finally:
                self.updates.append((time.perf_counter_ns() - start, self._current))
                _FRAMES.reset(token)
        return timed_update

    def means(self) -> dict[str, float]:
        """µs per update of each part and of the rest (`other`), over the quickest updates."""
        kept = sorted(self.updates, key=lambda update: update[0])
        kept = kept[:max(1, int(len(kept) * QUICKEST))]
        means = {part: sum(parts[part] for _, parts in kept) / len(kept) / 1000 for part in PARTS}
        total = sum(elapsed for elapsed, _ in kept) / len(kept) / 1000
        return {**means, "other": total - sum(means.values()), "total": total}

    def _wrap(self, owner: Any, name: str, part: str) -> None:
        found = owner.__dict__[name]
        function = found.__func__ if isinstance(found, classmethod) else found
        account = self._account

        if asyncio.iscoroutinefunction(function):
            async def timed_part(*args: Any, **kwargs: Any) -> Any:
                frames = account(None, part)
                start = time.perf_counter_ns()
                try:
                    return await function(*args, **kwargs)
                finally:
                    account(frames, part, start)
        else:
            def timed_part(*args: Any, **kwargs: Any) -> Any:  # type: ignore[misc]
                frames = account(None, part)
                start = time.perf_counter_ns()
                try:
                    return function(*args, **kwargs)
                finally:
                    account(frames, part, start)

        setattr(owner, name, classmethod(timed_part) if isinstance(found, classmethod)
                else timed_part)
        self._undo.append(lambda: setattr(owner, name, found))

    def _account(self, frames: list[list[int]] | None, part: str,
                 start: int = 0) -> list[list[int]] | None:
        """Entering a part (no `frames`): open its frame, if an update is being timed. Leaving
        it: its own time to `part`, its whole time to the part it was called in."""
        if frames is None:
            frames = _FRAMES.get()
            if frames is not None:
                frames.append([0])
            return frames
        elapsed = time.perf_counter_ns() - start
        self._current[part] += elapsed - frames.pop()[0]
        if frames:
            frames[-1][0] += elapsed
        return frames


async def count_phases(bench: Bench, batch: int) -> None:
    """A round of each kind with its parts timed (`Phases`); not part of the p50s."""
    receive_bot, receive_echo = bench.receive_bot, bench.receive_echo
    kinds: dict[str, Callable[[int], Awaitable[list[float]]]] = {
        "echo": bench.echo, "ptb_button": bench.ptb_button,
        "screening_answer": bench.screening_answer, "faq_text": bench.faq_text,
        "menu_button": bench.menu_button,
    }
    for kind, measure in kinds.items():
        phases = Phases()
        bench.receive_bot = phases.receiving(receive_bot)
        bench.receive_echo = phases.receiving(receive_echo)
        phases.install()
        try:
            await measure(batch)
        finally:
            phases.uninstall()
            bench.receive_bot, bench.receive_echo = receive_bot, receive_echo
        for part, mean in phases.means().items():
            emit(f"{kind}_part_{part}", mean, "us (mean of the quickest 90 %)")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--old", action="store_true",
                        help="the earlier configuration: no limiter, GC frozen, warm caches")
    args = parser.parse_args()

    settings, tmp = temp_settings("per-update")
    sleeps: list[float] = []
    sandbox = await Sandbox.start(settings, Clock(), FakeBotApi(keep=KEEP),
                                  rate_limiter=None if args.old else limiter(sleeps))
    echo, echo_errors = await echo_app(None if args.old else limiter(sleeps))
    try:
        bench = Bench(sandbox, echo, args.old)
        await bench.prepare(pool=50)
        await measure_all(bench, args.rounds, args.batch)
        emit("limiter_sleeps", len(sleeps), "waits for a slot (bot and baseline)")
        await count_work(bench, echo)
        await count_phases(bench, args.batch)
    finally:
        await sandbox.stop()
        await echo.shutdown()
        tmp.cleanup()
    problems = sandbox.errors + echo_errors
    if problems:
        raise SystemExit(f"handlers raised during the benchmark: {problems[:3]!r}")


def collections() -> int:
    return sum(generation["collections"] for generation in gc.get_stats())


async def measure_all(bench: Bench, rounds: int, batch: int) -> None:
    kinds: dict[str, Callable[[int], Awaitable[list[float]]]] = {
        "echo": bench.echo, "ptb_button": bench.ptb_button,
        "screening_answer": bench.screening_answer, "faq_text": bench.faq_text,
        "menu_button": bench.menu_button,
    }
    samples: dict[str, list[float]] = {k: [] for k in kinds}
    collected = 0
    for round_number in range(rounds + 1):  # round 0 is the warm-up
        bench.trim()
        if bench.old:
            gc.collect()
            gc.freeze()
        before = collections()
        order = list(kinds)
        shift = round_number % len(order)
        for kind in order[shift:] + order[:shift]:
            measured = await kinds[kind](batch)
            if round_number > 0:
                samples[kind].extend(measured)
        if round_number > 0:
            collected += collections() - before
        else:
            bench.finish_samples.clear()
            bench.routing.clear()
    if bench.old:
        emit("gc_frozen_objects", gc.get_freeze_count(),
             "objects (gc.collect + gc.freeze each round)")
        gc.unfreeze()
    emit("gc_collections_while_timing", collected, "collections")

    p50 = {kind: percentile(values, 50) for kind, values in samples.items()}
    emit("updates_per_kind", len(samples["echo"]), "updates")
    for kind, values in samples.items():
        emit(f"{kind}_p50", p50[kind], "us")
        emit(f"{kind}_p99", percentile(values, 99), "us")
        if kind != "echo":
            emit(f"{kind}_ratio_to_echo", p50[kind] / p50["echo"], "x (p50)")
        if kind not in ("echo", "ptb_button"):
            emit(f"{kind}_ratio_to_ptb_button", p50[kind] / p50["ptb_button"], "x (p50)")
    emit("faq_text_routing_p50", percentile(bench.routing, 50), "us (inside faq_text)")
    if bench.finish_samples:
        cost = percentile(bench.finish_samples, 50)
        emit("screening_last_answer_p50", cost, "us")
        emit("screening_last_answer_ratio_to_echo", cost / p50["echo"], "x (p50)")


if __name__ == "__main__":
    asyncio.run(main())
