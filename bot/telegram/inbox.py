"""The durable inbox: an update Telegram was told arrived is handled, once.

- **Accepted = stored.** PTB's webhook handler answers Telegram 200 once `update_queue.put`
  returns, and its polling loop confirms a batch (the next getUpdates offset) once every
  update of it was put. `DurableQueue.put` stores the update (bot/storage/inbox.py) first, so
  a process that dies after that point left the update in the database, and one that dies
  before it never acknowledged it: Telegram sends it again.
- **Handled once.** A handler's turn (`Inbox.turn`) marks the update handled in the same
  transaction as its state changes and the replies it owes (bot/telegram/delivery.py): a
  repeat of the update, Telegram's retry or a duplicate POST, finds it handled and changes
  nothing. An update without a turn (nothing to answer) is marked after its handlers ran.
- **Taken over.** The instance that accepted an update claims it while it lives, like due
  messages; once the claim runs out (the instance died) the scheduler of any instance handles
  it (`take_over`). On SQLite, which one process owns, a restart frees every claim at once.
- **In order.** Before a sender's update is handled, their earlier stored updates that are not
  handled yet are handled first, so a later update never overtakes an earlier stored one,
  whichever instance received which.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram import Bot, Update
from telegram.ext import Application

from bot.flows import Services
from bot.storage import storage_trouble
from bot.telegram.incoming import parsed
from bot.telegram.metrics import Metrics

log = logging.getLogger(__name__)
Process = Callable[[Update], Awaitable[None]]
ORPHANS = 100  # updates taken over in one scheduler run


@dataclass
class Handling:
    """The update being handled in this task, and whether its turn marked it handled."""

    update_id: int
    finished: bool = False


HANDLING: ContextVar[Handling | None] = ContextVar("clinicbot_inbox_update", default=None)


def sender_of(update: Update) -> int | None:
    """Whose updates keep their order: the user's, else the chat's."""
    if update.effective_user is not None:
        return update.effective_user.id
    return update.effective_chat.id if update.effective_chat is not None else None


class Inbox:
    def __init__(self, bot: Bot, services: Services, process: Process) -> None:
        """`process` hands an update taken over to the application as a fresh one would be."""
        self.bot, self.services, self.process = bot, services, process
        self.store = services.stores.inbox
        self.metrics: Metrics | None = None

    async def accept(self, update: Update, received: str | None = None) -> None:
        """Store the update, claimed by this instance, before Telegram is told it arrived:
        the JSON `received` from Telegram if given (rebuilding it from PTB's objects cost a
        fifth of handling a button press), else rebuilt."""
        now = self.services.clock.now()
        claim = timedelta(seconds=self.services.settings.claim_seconds)
        payload = received if received is not None else update.to_dict()
        try:
            await self.store.accept(update.update_id, sender_of(update), payload, now, claim)
        except Exception as exc:
            # A database that cannot be written cannot keep the update; handled as it is, its
            # turn fails the same way and the client is told kindly to try again, rather than
            # Telegram resending it into the same full disk while the client hears nothing.
            if (reason := storage_trouble(exc)) is None:
                raise
            log.warning("update %s could not be kept (%s); handling it unkept",
                        update.update_id, reason)

    async def handle(self, update: Update, process: Process) -> None:
        """Run the handlers (`process`) on the sender's earlier updates still waiting, then on
        this one, unless it was handled already."""
        handled, earlier = await self.store.before(sender_of(update), update.update_id)
        for waiting in earlier:
            await self._once(parsed(waiting.payload, self.bot), process)
        if handled:
            log.info("update %s was handled already; ignored", update.update_id)
            return
        await self._once(update, process)

    async def _once(self, update: Update, process: Process) -> None:
        handling = Handling(update.update_id)
        token = HANDLING.set(handling)
        try:
            await process(update)
        finally:
            HANDLING.reset(token)
        if not handling.finished:
            try:
                await self.store.finish([update.update_id], self.services.clock.now())
            except Exception as exc:
                # The handlers told the client and staff already (a database that cannot be
                # written); an update kept unfinished is handled again once it can be.
                if (reason := storage_trouble(exc)) is None:
                    raise
                log.warning("update %s could not be marked handled (%s)", update.update_id,
                            reason)

    @asynccontextmanager
    async def turn(self, update_id: int) -> AsyncIterator[bool]:
        """One transaction for the update's changes, the replies it owes and the mark that it
        was handled. Yields False when it was handled already: the caller then changes and
        sends nothing."""
        async with self.services.stores.database.turn():
            yield await self.store.start(update_id, self.services.clock.now())
        handling = HANDLING.get()
        if handling is not None and handling.update_id == update_id:
            handling.finished = True

    async def drop(self, update: Update) -> None:
        """An update not to be handled (a flood's surplus): handled as far as anyone asks."""
        await self.store.finish([update.update_id], self.services.clock.now())

    async def take_over(self) -> int:
        """Handle the updates whose instance died before it finished them; how many."""
        now = self.services.clock.now()
        claim = timedelta(seconds=self.services.settings.claim_seconds)
        orphans = await self.store.claim_orphans(now, now - claim, claim, ORPHANS)
        if self.metrics is not None:
            self.metrics.taken_over.inc(len(orphans))
        for orphan in orphans:
            log.info("taking over update %s", orphan.update_id)
            await self.process(parsed(orphan.payload, self.bot))
        return len(orphans)


class DurableQueue(asyncio.Queue[object]):
    """PTB's update queue (`ApplicationBuilder.update_queue`): an update is stored in the
    inbox before `put` returns, so before the webhook's 200 and the polling offset that
    confirm it to Telegram. A failure to store fails the put (the webhook answers 500 and
    Telegram sends the update again; polling fetches it again), unless the database cannot
    be written at all (`Inbox.accept`)."""

    def __init__(self) -> None:
        super().__init__()
        self.inbox: Inbox | None = None
        self.arrived: dict[int, float] = {}  # update id → when it came, for the metrics

    async def put(self, item: object) -> None:
        await self.put_received(item, None)

    async def put_received(self, item: object, received: str | None) -> None:
        """`put`, with the update's JSON as Telegram sent it (the webhook has it)."""
        if isinstance(item, Update) and self.inbox is not None:
            self.arrived[item.update_id] = time.perf_counter()
            await self.inbox.accept(item, received)
        await super().put(item)


class InboxApplication(Application):  # type: ignore[type-arg]
    """PTB's Application whose `process_update` goes through the inbox (`Inbox.handle`) once
    the services started: ordered, and once per update."""

    async def process_update(self, update: object) -> None:
        inbox = self.bot_data.get("inbox")
        if isinstance(update, Update) and isinstance(inbox, Inbox):
            queue = self.update_queue
            arrived = queue.arrived.pop(update.update_id, None) \
                if isinstance(queue, DurableQueue) else None
            started = arrived or time.perf_counter()
            await inbox.handle(update, super().process_update)
            if inbox.metrics is not None:
                inbox.metrics.handled(update, started)
        else:
            await super().process_update(update)


def processing(app: Application[Any, Any, Any, Any, Any, Any]) -> Process:
    """How an update taken over is handled: through the update processor, as a new one."""
    async def process(update: Update) -> None:
        await app.update_processor.process_update(update, app.process_update(update))
    return process
