"""Scheduled messages: flows decide them, bot/telegram/scheduler.py only carries them.

Each kind of scheduled message is a `Schedule` over a table of due rows (bot/storage/, one
store with `claim_due`, `release` and a way to record an outcome). The scheduler claims what is
due (`claim`), takes each row's client lock, asks the flow what the row comes to now
(`compose`) and delivers it: a `Due` reply goes to the client's private chat; `WAIT` keeps the
row for a later run (quiet hours); `SKIP` records it as skipped (out of date: never sent late);
`DROP` sends and records nothing (no one to send it to any more). Telegram's answer is recorded
with `record` (`sent`, `gone`: the client blocked the bot, `failed`: this message refused);
whatever was claimed and not recorded is given back with `release`. A new kind is a subclass
in its own flow module (bot/flows/recheck.py is the shortest), listed in `schedules()` in
bot/flows/routes.py; the scheduler needs no change.

A `StaffDigest` is a post to the staff chat at most once a day or week (the Monday chart, the
times clients hold that nobody confirmed): due from a moment its flow names, taken by one
instance in the commit that queues it, so it goes out once, if late.
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Generic, Protocol, TypeVar

from bot.flows import Reply, Services


class DueRow(Protocol):
    """A claimed row: its id in its table, and the client it goes to (under their lock)."""

    @property
    def id(self) -> int: ...

    @property
    def user_id(self) -> int: ...


Row = TypeVar("Row", bound=DueRow)


@dataclass(frozen=True)
class Due:
    """A scheduled message to send now: `reply` in the client's private chat. `what` names it
    in the log, by ids only."""

    chat_id: int
    user_id: int
    reply: Reply
    what: str


class Hold(enum.Enum):
    """Why a due row sends nothing now."""

    WAIT = "wait"  # not now (quiet hours): released, due again at the next run
    SKIP = "skipped"  # out of date: recorded as skipped, never sent late
    DROP = "drop"  # no one to send it to: nothing recorded


class Schedule(ABC, Generic[Row]):
    """One kind of scheduled message (see the module docstring)."""

    @abstractmethod
    async def claim(self, services: Services, now: datetime, lease: timedelta
                    ) -> Sequence[Row]:
        """The rows due at `now`, claimed by this instance for `lease`."""

    @abstractmethod
    async def compose(self, services: Services, row: Row, now: datetime) -> Due | Hold:
        """What the row comes to now, read under the client's lock."""

    @abstractmethod
    async def record(self, services: Services, row: Row, outcome: str, now: datetime) -> None:
        """The row's outcome: `skipped`, or Telegram's answer (`sent`, `gone`, `failed`)."""

    @abstractmethod
    async def release(self, services: Services, ids: list[int]) -> None:
        """Give back claims on rows not recorded: due again at the next run."""


@dataclass(frozen=True)
class StaffDigest:
    """A post to the staff chat that falls due at a moment (`due`: None while it is not due)
    and is posted once from then on, whatever `compose` says: None there is nothing to post
    this time. `name` is the heartbeat that marks it taken."""

    name: str
    due: Callable[[Services], datetime | None]
    compose: Callable[[Services], Awaitable[Reply | None]]
