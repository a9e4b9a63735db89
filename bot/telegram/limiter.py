"""Telegram's limits (the bot's 30 messages a second, each chat's), with clients' replies
served first.

The scheduler sends aftercare nudges through the same bot; behind a plain FIFO limiter a
morning wave of them made every interactive reply wait ~1 s. Here requests made while an
update is being handled (marked by `InteractiveUpdateProcessor`) jump the queue of bulk ones;
the overall pace stays the same, so the wave loses only the slots the clients use. The slots
themselves are the bot's and each chat's, shared by every instance (bot/telegram/pacing.py).
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from typing import Any

from telegram.error import RetryAfter, TelegramError
from telegram.ext import AIORateLimiter, SimpleUpdateProcessor

from bot.storage.send_slots import SendSlotStore
from bot.telegram.pacing import BOT, LocalSlots, Pace, SharedSlots, Slots, Window, chat_limit

HANDLING_UPDATE: ContextVar[bool] = ContextVar("clinicbot_handling_update", default=False)
# Seconds a message to a group may wait for the group's slot (20 a minute) before it is given
# back to its sender (None: as long as it takes). The outbox's sender keeps what cannot go
# soon for the scheduler: waiting would hold an update's slot or a scheduler run.
GROUP_PATIENCE: ContextVar[float | None] = ContextVar("clinicbot_group_patience", default=None)


class ChatBusy(TelegramError):
    """The chat's slots are taken for longer than a sender should wait: nothing was sent."""


class InteractiveUpdateProcessor(SimpleUpdateProcessor):
    """PTB's update processor that marks everything done while handling an update (and in
    tasks started from it) as interactive, for the limiter."""

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        token = HANDLING_UPDATE.set(True)
        try:
            await coroutine
        finally:
            HANDLING_UPDATE.reset(token)


class PriorityGate:
    """Releases callers one at a time, each in a slot of the bot's schedule (`slots`, see
    bot/telegram/pacing.py): slots fall `(period + margin) / (max_rate - headroom)` seconds
    apart, evenly, never in a burst, so no `period + margin` seconds hold more than `max_rate -
    headroom` releases. A slot is taken before it is given: a client who comes while it is
    awaited gets it, and waiting interactive callers go before waiting bulk ones, each kind in
    arrival order. The next slot is taken only once the caller released last has gone on: on
    a busy event loop the two can be far apart, and callers woken together would reach
    Telegram together. Telegram counts arrivals: the margin and the headroom absorb the jitter
    between a release and its request reaching Telegram (a busy loop, a garbage collection, a
    host whose clock is a few milliseconds off), so one late request cannot make 31."""

    def __init__(self, max_rate: int = 30, period: float = 1.0, margin: float = 0.05,
                 headroom: int = 0, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.pace = Pace((period + margin) / max(1, max_rate - headroom))
        self.clock, self.sleep = clock, sleep
        self.slots: Slots = LocalSlots(clock)
        self._waiting: tuple[deque[asyncio.Future[None]], ...] = (deque(), deque())
        self._dispatcher: asyncio.Task[None] | None = None
        self._went = asyncio.Event()  # the caller last released has gone on
        self._went.set()

    @property
    def interval(self) -> float:
        return self.pace.interval

    def waiting(self) -> tuple[int, int]:
        """(interactive, bulk) callers waiting now."""
        interactive, bulk = self._waiting
        return len(interactive), len(bulk)

    async def acquire(self, interactive: bool) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting[0 if interactive else 1].append(future)
        if self._dispatcher is None or self._dispatcher.done():
            self._dispatcher = asyncio.create_task(self._dispatch())
        try:
            await future
        finally:
            if future.done() and not future.cancelled():
                self._went.set()

    def close(self) -> None:
        if self._dispatcher is not None:
            self._dispatcher.cancel()

    def _next_queue(self) -> deque[asyncio.Future[None]] | None:
        """The queue to release from: interactive callers first; None once nobody waits."""
        for queue in self._waiting:
            while queue and queue[0].done():  # its caller was cancelled
                queue.popleft()
        return next((q for q in self._waiting if q), None)

    async def _dispatch(self) -> None:
        while self._next_queue() is not None:
            wait = await self.slots.take(BOT, self.pace) or 0.0
            if wait > 0:
                await self.sleep(wait)
            queue = self._next_queue()  # an interactive caller may have come meanwhile
            if queue is None:
                return
            self._went.clear()
            queue.popleft().set_result(None)
            await self._went.wait()  # the next slot is taken once this caller went on


class PriorityRateLimiter(AIORateLimiter):
    """PTB's AIORateLimiter (RetryAfter handling and retries) with its overall and group limits
    replaced: each request to a chat waits for a slot of that chat's schedule
    (`pacing.chat_limit`), then for one of the bot's (`PriorityGate`). As in PTB, requests that
    name no chat are not paced (answerCallbackQuery); every attempt, retries too, is.

    Slots come from this process until `share_through` gives the database's store (the
    application does so once it opens storage); `clock` is the database's then, unless a test
    passes its own."""

    def __init__(self, gate: PriorityGate | None = None, max_retries: int = 3,
                 clock: Callable[[], float] | None = None) -> None:
        super().__init__(overall_max_rate=0, overall_time_period=0, group_max_rate=0,
                         group_time_period=0, max_retries=max_retries)
        self.gate = gate or PriorityGate()
        self.clock = clock
        self.slots: Slots = self.gate.slots
        self.on_retry_after: Callable[[], None] | None = None  # told of each 429

    def share_through(self, store: SendSlotStore | None, paces_here: bool = False) -> None:
        """Take slots from `store`'s schedule, shared by every instance on the database (only
        the windows' with `paces_here`: a database one process owns); from this process's own
        again with None (storage closing)."""
        local = LocalSlots(self.gate.clock)
        self.slots = SharedSlots(store, self.clock, local, paces_here) \
            if store is not None else local
        self.gate.slots = self.slots

    async def shutdown(self) -> None:
        self.gate.close()

    async def process_request(
        self, callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[Any]]],
        args: Any, kwargs: dict[str, Any], endpoint: str, data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[Any]:
        chat_id = data.get("chat_id")
        if chat_id is None or data.get("allow_paid_broadcast"):
            return await super().process_request(callback, args, kwargs, endpoint, data,
                                                  rate_limit_args)
        interactive = HANDLING_UPDATE.get()
        limit = chat_limit(chat_id, endpoint)

        async def paced(*call_args: Any, **call_kwargs: Any) -> Any:
            if limit is not None:
                within = GROUP_PATIENCE.get() if isinstance(limit, Window) else None
                wait = await self.slots.take(f"chat {chat_id}", limit, within)
                if wait is None:
                    raise ChatBusy(f"no slot in chat {chat_id} within {within} s")
                if wait > 0:
                    await self.gate.sleep(wait)
            await self.gate.acquire(interactive)
            try:
                return await callback(*call_args, **call_kwargs)
            except RetryAfter:
                if self.on_retry_after is not None:
                    self.on_retry_after()
                raise

        return await super().process_request(paced, args, kwargs, endpoint, data,
                                              rate_limit_args)
