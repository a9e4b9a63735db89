"""Virtual time for tests of pacing: `sleep` waits on this clock, not the wall's, and `run`
moves the clock to the next sleeper's wake-up only once every task is idle, so a minute of
sending takes milliseconds and concurrent sleepers overlap as they would in real time.

A database round trip is real I/O the loop cannot see as pending: calls wrapped with
`counting` hold the clock still until they return.
"""

from __future__ import annotations

import asyncio
import bisect
import heapq
import itertools
from collections.abc import Awaitable, Callable, Coroutine
from functools import wraps
from typing import Any, TypeVar

T = TypeVar("T")
SETTLED = 20  # loop turns with nothing in flight before the clock may move


class VirtualTime:
    def __init__(self) -> None:
        self.now = 0.0
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._in_flight = 0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        woken: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self.now + seconds, next(self._order), woken))
        await woken

    def counting(self, call: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:
        """`call`, holding the clock still while it runs (a database round trip)."""

        @wraps(call)
        async def counted(*args: Any, **kwargs: Any) -> T:
            self._in_flight += 1
            try:
                return await call(*args, **kwargs)
            finally:
                self._in_flight -= 1

        return counted

    async def run(self, *work: Coroutine[Any, Any, T]) -> list[T]:
        """Run `work` to the end on this clock; the first failure is raised at once."""
        tasks = [asyncio.ensure_future(w) for w in work]
        try:
            while not all(t.done() for t in tasks):
                await self._settle()
                for task in tasks:
                    if task.done() and task.exception() is not None:
                        raise task.exception()  # type: ignore[misc]
                if all(t.done() for t in tasks):
                    break
                self._wake_next()
            return [t.result() for t in tasks]
        finally:
            for task in tasks:
                task.cancel()

    async def _settle(self) -> None:
        idle = 0
        while idle < SETTLED:
            await asyncio.sleep(0)
            if self._in_flight:
                idle = 0
                await asyncio.sleep(0.0002)  # a database answer on its way
            else:
                idle += 1

    def _wake_next(self) -> None:
        while self._sleepers and self._sleepers[0][2].done():  # cancelled
            heapq.heappop(self._sleepers)
        if not self._sleepers:
            raise AssertionError("every task waits, and not on this clock")
        at, _, woken = heapq.heappop(self._sleepers)
        self.now = max(self.now, at)
        woken.set_result(None)


def most_within(times: list[float], seconds: float) -> int:
    """The most of `times` in any half-open window `seconds` long."""
    ordered = sorted(times)
    return max((bisect.bisect_left(ordered, t + seconds) - k for k, t in enumerate(ordered)),
               default=0)
