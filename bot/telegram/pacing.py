"""How fast messages may go, and where their schedule lives.

Telegram limits the bot (30 messages a second), each group (20 a minute) and each private chat
(about one a second; short bursts are tolerated there). The bot and a private chat have a
`Pace`: slots fall `interval` apart, and after a pause up to `burst` of them at once. A group
has a `Window`: any 20 in a minute, so a few lead cards in a row go at once and a busy morning
still gets its 20 a minute. The schedule lives in this process (`LocalSlots`) until the
database is open, then in the database (`SharedSlots`), so every instance of the bot takes its
slots from the same one, a new instance included: it cannot add a pace of its own on top of
the others'. On SQLite, which one process owns, the paces stay in the process (a write per
message would only repeat what it knows) and only the groups' windows are in the database:
a window is a minute long and must outlast a restart.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from bot.storage.send_slots import SendSlotStore

log = logging.getLogger(__name__)
BOT = "bot"  # the key of the bot's own schedule; a chat's is "chat <id>"


@dataclass(frozen=True)
class Pace:
    interval: float  # seconds between slots
    burst: int = 1  # slots at once after a pause


@dataclass(frozen=True)
class Window:
    count: int  # slots at most in any `seconds`
    seconds: float


Limit = Pace | Window
# A group: 20 in any minute, with a second to spare for the way to Telegram.
GROUP = Window(20, 61.0)
# A private chat: one a second, but a turn's few replies (the answer, a tip, the next step) go
# at once; Telegram tolerates such bursts there. Edits are the client's own pace: not counted.
PRIVATE = Pace(1.0, burst=3)


def chat_limit(chat_id: Any, endpoint: str) -> Limit | None:
    """The limit of one chat for this call, None if it does not count there. Every call to a
    group counts, as in PTB's own limiter."""
    try:
        group = int(chat_id) < 0
    except (TypeError, ValueError):
        group = True  # "@name": a channel or a public group
    if group:
        return GROUP
    if endpoint.startswith(("send", "copy", "forward")) and endpoint != "sendChatAction":
        return PRIVATE
    return None


class Slots(Protocol):
    async def take(self, key: str, limit: Limit, within: float | None = None) -> float | None:
        """Take `key`'s next slot; the seconds to wait before sending in it. A `Window`'s slot
        more than `within` seconds away is not taken: None."""

    async def prune(self) -> None:
        """Forget the keys whose schedule has caught up with now."""


class LocalSlots:
    """The schedule in this process's memory."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self._next: dict[str, float] = {}
        self._recent: dict[str, list[float]] = {}

    async def take(self, key: str, limit: Limit, within: float | None = None) -> float | None:
        now = self.clock()
        if isinstance(limit, Window):
            return self._in_window(key, limit, now, within)
        start = max(self._next.get(key, now), now)
        self._next[key] = start + limit.interval
        return max(0.0, start - (limit.burst - 1) * limit.interval - now)

    def _in_window(self, key: str, window: Window, now: float,
                   within: float | None) -> float | None:
        slots = [t for t in self._recent.get(key, []) if t > now - window.seconds]
        slot = max([now, *slots[-1:]])
        if len(slots) >= window.count:
            slot = max(slot, slots[-window.count] + window.seconds)
        if within is not None and slot - now > within:
            return None
        self._recent[key] = [*slots, slot][-window.count:]
        self._next[key] = slot + window.seconds
        return slot - now

    async def prune(self) -> None:
        now = self.clock()
        self._next = {key: at for key, at in self._next.items() if at >= now}
        self._recent = {key: at for key, at in self._recent.items() if key in self._next}


class SharedSlots:
    """The schedule in the database, on its clock (or `clock`, in tests); with `paces_here`,
    only the windows' (the paces from `fallback`). While the database fails, slots come from
    this process at half the pace: another instance may be doing the same, and a message waits
    rather than fail."""

    def __init__(self, store: SendSlotStore, clock: Callable[[], float] | None,
                 fallback: LocalSlots, paces_here: bool = False) -> None:
        self.store, self.clock, self.fallback = store, clock, fallback
        self.paces_here = paces_here
        self._failing = False

    async def take(self, key: str, limit: Limit, within: float | None = None) -> float | None:
        if self.paces_here and isinstance(limit, Pace):
            return await self.fallback.take(key, limit, within)
        try:
            if isinstance(limit, Window):
                wait = await self.store.take_in_window(key, limit.count, limit.seconds,
                                                       self._now(), within)
            else:
                wait = await self.store.take(key, limit.interval, limit.burst, self._now())
        except Exception:
            if not self._failing:
                log.warning("could not take a sending slot from the database; pacing this"
                            " instance alone at half the rate until it answers", exc_info=True)
            self._failing = True
            return await self.fallback.take(key, _halved(limit), within)
        if self._failing:
            log.info("sending slots come from the database again")
        self._failing = False
        return wait

    async def prune(self) -> None:
        await self.store.forget_past(self._now())
        await self.fallback.prune()

    def _now(self) -> float | None:
        return self.clock() if self.clock is not None else None


def _halved(limit: Limit) -> Limit:
    if isinstance(limit, Window):
        return Window(max(1, limit.count // 2), limit.seconds)
    return Pace(2 * limit.interval)
