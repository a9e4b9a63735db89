"""Nobody starves: one sender holds at most one of the bot's update slots.

PTB hands each update to the update processor, which runs up to `concurrent_updates` of them
at once. One client's updates run one at a time anyway (their lock), so a client who sent 200
messages in half a second used to fill every slot with updates waiting for that lock, and
everyone else waited behind them. Here a sender's later updates wait outside the slots, in
arrival order, for their earlier one to finish; at most `BACKLOG` of them wait. What comes
beyond that is dropped (marked handled in the inbox, so no instance takes it over), the client
gets one "please slow down" note for the whole flood, and the log counts the drops, without
their content.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update

from bot.flows import ClientPost, Services
from bot.flows.language import language_for
from bot.telegram.inbox import Inbox, sender_of
from bot.telegram.limiter import HANDLING_UPDATE, InteractiveUpdateProcessor
from bot.telegram.outbox import Outbox

log = logging.getLogger(__name__)
BACKLOG = 20  # a sender's updates that may wait for their turn: a fast typist's burst, no more
UNBOUNDED = 1_000_000  # PTB's own limit on updates at once, which this processor replaces


@dataclass
class Flood:
    """What happens to a flood's surplus: set when the services start."""

    services: Services
    inbox: Inbox
    outbox: Outbox
    dropped: Counter[int] = field(default_factory=Counter)

    async def surplus(self, update: Update, sender: int) -> None:
        await self.inbox.drop(update)
        self.dropped[sender] += 1
        chat = update.effective_chat
        if self.dropped[sender] > 1 or chat is None or chat.type != chat.PRIVATE:
            return
        log.warning("user %s is sending faster than the bot answers; dropping the surplus",
                    sender)
        user = update.effective_user
        language = language_for(self.services.settings, None,
                                user.language_code if user else None)
        note = self.services.content.tr_message(language, "flood.slow_down")
        token = HANDLING_UPDATE.set(True)
        try:
            await self.outbox.post([ClientPost(chat.id, note)])
        finally:
            HANDLING_UPDATE.reset(token)

    def calmed(self, sender: int) -> None:
        """The sender's backlog is worked off: the next flood gets its own note."""
        if dropped := self.dropped.pop(sender, 0):
            log.warning("user %s: %d updates dropped in a flood", sender, dropped)


class FairUpdateProcessor(InteractiveUpdateProcessor):
    """PTB's update processor with one slot per sender at most (see the module docstring).
    PTB's own semaphore (in its final `process_update`) would hold a slot while an update
    waits for its sender's turn, so it is left wide open and the slots are counted here,
    after that wait."""

    def __init__(self, slots: int, backlog: int = BACKLOG) -> None:
        super().__init__(UNBOUNDED)
        self.slots, self.backlog = slots, backlog
        self.flood: Flood | None = None
        self._free = asyncio.Semaphore(slots)
        self._queued: Counter[int] = Counter()
        self._turns: dict[int, asyncio.Lock] = {}

    @property
    def busy(self) -> int:
        """Slots in use now."""
        return self.slots - self._free._value

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        sender = sender_of(update) if isinstance(update, Update) else None
        if sender is None:
            async with self._free:
                await super().do_process_update(update, coroutine)
            return
        if self._queued[sender] > self.backlog and self.flood is not None:
            if asyncio.iscoroutine(coroutine):
                coroutine.close()  # never to run
            assert isinstance(update, Update)
            await self.flood.surplus(update, sender)
            return
        self._queued[sender] += 1
        turn = self._turns.setdefault(sender, asyncio.Lock())
        try:
            async with turn, self._free:
                await super().do_process_update(update, coroutine)
        finally:
            self._queued[sender] -= 1
            if not self._queued[sender]:
                del self._queued[sender], self._turns[sender]
                if self.flood is not None:
                    self.flood.calmed(sender)
