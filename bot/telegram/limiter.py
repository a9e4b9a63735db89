"""Telegram's overall limit of 30 messages a second, with clients' replies served first.

The scheduler sends aftercare nudges through the same bot; behind a plain FIFO limiter a
morning wave of them made every interactive reply wait ~1 s. Here requests made while an
update is being handled (marked by `InteractiveUpdateProcessor`) jump the queue of bulk ones;
the overall pace stays the same, so the wave loses only the slots the clients use.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from typing import Any

from telegram.ext import AIORateLimiter, SimpleUpdateProcessor

HANDLING_UPDATE: ContextVar[bool] = ContextVar("clinicbot_handling_update", default=False)


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
    """At most `max_rate - headroom` releases in any `period + margin` seconds and none closer
    than `period / (max_rate - headroom)` apart (evenly paced, never a burst); waiting
    interactive callers are released before waiting bulk ones, each kind in arrival order. The
    margin absorbs the jitter between a request going on and reaching Telegram. A release counts
    from the moment its caller really goes on, not from when it was woken: on a busy event loop
    the two can be far apart, and requests woken together would reach Telegram together.
    Telegram's limit is the bot's, so instances sending for one bot each take their `share` of
    it, `headroom` below: Telegram counts arrivals, and one request held up between going on
    and arriving (a garbage collection, a busy loop) then cannot make one too many in a
    second."""

    def __init__(self, max_rate: int = 30, period: float = 1.0, margin: float = 0.05,
                 headroom: int = 0, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.max_rate, self.period, self.headroom = max_rate, period, headroom
        self.window, self.clock, self.sleep = period + margin, clock, sleep
        self._recent: deque[float] = deque(maxlen=1)
        self.share(1)
        self._waiting: tuple[deque[asyncio.Future[None]], ...] = (deque(), deque())
        self._dispatcher: asyncio.Task[None] | None = None
        self._went = asyncio.Event()  # the caller last released has gone on
        self._went.set()

    def share(self, instances: int) -> int:
        """Pace for one of `instances` processes sending for the same bot; the new rate."""
        rate = max(1, self.max_rate // max(1, instances) - self.headroom)
        self.interval = self.period / rate
        if rate != self._recent.maxlen:
            self._recent = deque(self._recent, maxlen=rate)
        return rate

    def waiting(self) -> tuple[int, int]:
        """(interactive, bulk) callers waiting now."""
        interactive, bulk = self._waiting
        return len(interactive), len(bulk)

    async def acquire(self, interactive: bool) -> None:
        if not any(self._waiting) and self._went.is_set() and self.clock() >= self._earliest():
            self._recent.append(self.clock())
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting[0 if interactive else 1].append(future)
        if self._dispatcher is None or self._dispatcher.done():
            self._dispatcher = asyncio.create_task(self._dispatch())
        try:
            await future
        finally:
            if future.done() and not future.cancelled():
                self._recent.append(self.clock())
                self._went.set()

    def close(self) -> None:
        if self._dispatcher is not None:
            self._dispatcher.cancel()

    def _earliest(self) -> float:
        if not self._recent:
            return float("-inf")
        earliest = self._recent[-1] + self.interval
        if len(self._recent) == self._recent.maxlen:
            earliest = max(earliest, self._recent[0] + self.window)
        return earliest

    async def _dispatch(self) -> None:
        while True:
            for queue in self._waiting:
                while queue and queue[0].done():  # its caller was cancelled
                    queue.popleft()
            ready = [q for q in self._waiting if q]
            if not ready:
                return
            queue = ready[0]
            delay = self._earliest() - self.clock()
            if delay > 0:
                await self.sleep(delay)
                continue  # an interactive caller may have come meanwhile
            self._went.clear()
            queue.popleft().set_result(None)
            await self._went.wait()  # it records when it went on


class PriorityRateLimiter(AIORateLimiter):
    """PTB's AIORateLimiter (group limits, RetryAfter handling and retries) with its overall
    limit replaced by a `PriorityGate`. As in PTB, only requests that name a chat count
    towards the overall limit (answerCallbackQuery does not); every attempt, retries too,
    passes the gate."""

    def __init__(self, gate: PriorityGate | None = None, max_retries: int = 3) -> None:
        super().__init__(overall_max_rate=0, overall_time_period=0, max_retries=max_retries)
        self.gate = gate or PriorityGate()

    async def shutdown(self) -> None:
        self.gate.close()

    async def process_request(
        self, callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[Any]]],
        args: Any, kwargs: dict[str, Any], endpoint: str, data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[Any]:
        if data.get("chat_id") is None or data.get("allow_paid_broadcast"):
            return await super().process_request(callback, args, kwargs, endpoint, data,
                                                  rate_limit_args)
        interactive = HANDLING_UPDATE.get()

        async def paced(*call_args: Any, **call_kwargs: Any) -> Any:
            await self.gate.acquire(interactive)
            return await callback(*call_args, **call_kwargs)

        return await super().process_request(paced, args, kwargs, endpoint, data,
                                              rate_limit_args)
