"""Durable scheduled messages: rows in the database, sent when due, recorded once sent.

Nothing lives only in memory: after a restart or downtime, what is due is found again by a
query; so is what waits in the outbox (bot/telegram/outbox.py). Each instance claims what it
sends (`claim_due`), so instances sharing a database never send the same row, and a claim of
an instance that died runs out after `claim_seconds`, on the database's clock: one for every
instance, whatever their own clocks say. A message to or about a client goes out under the
client's lock (`try_client_lock`), so /forget never comes between its check and its send.
What a message says, and whether it goes now, waits (quiet hours) or is skipped (an aftercare
day past), is its flow's decision (bot/flows/scheduled.py); here it is only carried. What each
Telegram error means is bot/telegram/sending.py. A crash between sending and recording can
repeat at most the message in flight.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from telegram import Bot

from bot.flows import Services, Visit, booking, health_kept, privacy
from bot.flows.aftercare_days import AftercareDays
from bot.flows.routes import digests, schedules
from bot.flows.scheduled import Due, Hold
from bot.flows.staff import client_language
from bot.storage import DueMessage
from bot.telegram import delivery
from bot.telegram.due import deliver, send_due
from bot.telegram.inbox import Inbox
from bot.telegram.limiter import PriorityRateLimiter
from bot.telegram.outbox import Outbox
from bot.telegram.sending import Delivery, backoff

log = logging.getLogger(__name__)
IN_FLIGHT = 30  # concurrent sends; PTB's rate limiter keeps the overall pace
PURGE_INTERVAL = timedelta(hours=1)
# How long a handled update's id is kept, so that Telegram sending it again changes nothing
# (Telegram gives up on an update within a day).
HANDLED_KEPT = timedelta(days=2)
# Seconds at most between renewing claims (and pruning the sending slots past).
KEEP_EVERY = 5.0
LEFT_BATCH = 100  # bookings left at the choice of time handed over in one run


class Scheduler:
    """Sends what is due, from a background task the application starts and stops with itself
    or when asked (`run_once`: the shell's clock, tests). One run at a time, so nothing due is
    picked up twice. Each beat first checks that the database file is still the one the bot
    opened; if it was removed or replaced, nothing more is written and `on_database_lost` (the
    application's stop) is called once."""

    def __init__(self, bot: Bot, services: Services, outbox: Outbox, inbox: Inbox,
                 on_database_lost: Callable[[], None] = lambda: None) -> None:
        self.bot, self.services, self.outbox, self.inbox = bot, services, outbox, inbox
        self.on_database_lost = on_database_lost
        self._task: asyncio.Task[None] | None = None
        self._keeper: asyncio.Task[None] | None = None
        self._heir: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()
        self._sender = outbox.sender
        self._stopping = False
        self._purged_at: datetime | None = None
        self._aftercare_days = AftercareDays()
        self._schedules = schedules()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="clinicbot-scheduler")
        self._keeper = asyncio.create_task(self._keep_claims(), name="clinicbot-claims")
        self._heir = asyncio.create_task(self._take_over(), name="clinicbot-take-over")

    async def stop(self) -> None:
        """Stop between two messages: a run in progress sends nothing more and ends."""
        self._stopping = True
        async with self._lock:
            pass
        for task in (self._task, self._keeper, self._heir):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    async def _run(self) -> None:
        while not self._stopping:
            try:
                await self.run_once(take_over=False)
            except Exception:
                log.exception("scheduled sending failed; retrying in %s s", self._interval)
            await asyncio.sleep(self._interval)

    async def _take_over(self) -> None:
        """Updates an instance that died had accepted are handled by their own task: one
        waiting for its client's turn never holds up the messages that are due."""
        while not self._stopping:
            try:
                await self.inbox.take_over()
            except Exception:
                log.exception("could not take over updates; retrying in %s s", self._interval)
            await asyncio.sleep(self._interval)

    async def _keep_claims(self) -> None:
        """While this process lives, what it claimed stays its own, however long a wave keeps
        a message waiting for its turn, and `clinicbot health` and the other instances see it
        alive meanwhile. It also forgets the sending slots whose time has passed."""
        every = min(self.services.settings.claim_seconds / 3, KEEP_EVERY)
        while not self._stopping:
            try:
                await self._keep(self.services.clock.now())
            except Exception:
                log.exception("could not renew this instance's claims; retrying")
            await asyncio.sleep(every)

    async def _keep(self, now: datetime) -> None:
        stores = self.services.stores
        await stores.renew_claims(now, self._lease)
        await stores.heartbeats.beat("scheduler", now)
        await stores.heartbeats.alive(stores.database.owner, now)
        limiter = getattr(self.bot, "rate_limiter", None)
        if isinstance(limiter, PriorityRateLimiter):
            await limiter.slots.prune()

    @property
    def _interval(self) -> float:
        return self.services.settings.scheduler_interval

    @property
    def _lease(self) -> timedelta:
        """How long a claim lasts unless renewed (on the database's clock: one for all)."""
        return timedelta(seconds=self.services.settings.claim_seconds)

    @property
    def _halted(self) -> bool:
        return self._stopping or self._sender.paused_until is not None

    async def run_once(self, *, take_over: bool = True) -> int:
        """Send everything due now (first handling updates an instance that died had
        accepted, unless a task of their own does); returns how many messages went out."""
        async with self._lock:
            if self._stopping or self._database_lost():
                return 0
            now = self.services.clock.now()
            await self.services.stores.heartbeats.beat("scheduler", now)
            if self._sender.paused_until and now < self._sender.paused_until:
                return 0
            self._sender.paused_until = None
            if take_over:
                await self.inbox.take_over()
            sent = await self._aftercare(now)
            for schedule in self._schedules:
                sent += await send_due(self._sender, self.services, schedule, now, self._lease,
                                       lambda: self._halted)
            sent += await self.outbox.send_due(now, self._lease)
            sent += await self._left_bookings(now)
            sent += await self._digests()
            await self._retention(now)
            return sent

    async def _left_bookings(self, now: datetime) -> int:
        """Bookings clients left at the choice of time go to staff as requests to call back
        (bot/flows/booking.py, `handed_over`): each under the client's lock, so /forget never
        comes between, and in one transaction with what it owes, like an update's turn."""
        stores, sent = self.services.stores, 0
        for user_id in await stores.chat_states.left(booking.TIME, now - booking.LEFT_AFTER,
                                                     LEFT_BATCH):
            async with stores.database.try_client_lock(user_id) as held:
                client = await stores.clients.get(user_id) if held and not self._halted \
                    else None
                if client is None:
                    continue
                visit = Visit(self.services, client, client_language(self.services, client))
                async with stores.database.turn():
                    turn = await booking.handed_over(visit)
                    owed = await delivery.store(self.outbox, client.chat_id, turn) if turn \
                        else delivery.Held()
                sent += await delivery.send(self.outbox, owed)
        return sent

    async def _digests(self) -> int:
        """Each staff digest due and not taken yet (bot/flows/scheduled.py): queued in the
        outbox in the commit that marks it taken, so one instance queues it, and a failed send
        or a restart only delays it (the outbox sends it at a later run, on any instance)."""
        sent, heartbeats = 0, self.services.stores.heartbeats
        for digest in digests():
            due = digest.due(self.services)
            if due is None or ((last := await heartbeats.last(digest.name)) and last >= due):
                continue
            reply = await digest.compose(self.services)
            async with self.services.stores.database.turn():
                taken = await heartbeats.take(digest.name, self.services.clock.now(), due)
                held = await self.outbox.hold_replies(
                    self.services.settings.staff_chat_id, [reply], None) \
                    if taken and reply is not None else []
            ids = [kept.entry.id for kept in held]
            try:
                sent += await self.outbox.send_held(ids, held)
            finally:
                await self.outbox.release(ids)
        return sent

    def _database_lost(self) -> bool:
        database = self.services.stores.database
        change = database.lost()
        if change is not None:
            log.critical("database file %s was %s while the bot had it open; stopping",
                         database.path, change)
            self._stopping = True
            self.on_database_lost()
        return change is not None

    async def _retention(self, now: datetime) -> None:
        """Purge expired health data, at most once an hour."""
        if self._purged_at and now - self._purged_at < PURGE_INTERVAL:
            return
        self._purged_at = now
        services, days = self.services, self.services.settings.retention_days
        async with services.stores.database.turn():  # the cards marked with what they showed
            purged = await services.stores.privacy.purge(now - timedelta(days=days),
                                                         now - health_kept.UNKEPT)
            held = await self.outbox.hold([privacy.expired_post(services, message_id, lead_id)
                                           for lead_id, message_id in purged.lead_cards])
        try:
            await self.outbox.send_held(held, [])
        finally:
            await self.outbox.release(held)
        await services.stores.inbox.purge(now - HANDLED_KEPT)
        if purged.rows:
            log.info("retention: purged %s rows older than %s days (%s requests)",
                     purged.rows, days, len(purged.lead_cards))

    async def _aftercare(self, now: datetime) -> int:
        """The aftercare week, the busiest kind, in batches with clients in parallel, and a
        message that met a network error deferred with backoff; every other kind goes through
        `send_due` (bot/telegram/due.py)."""
        sent, waiting, gate = 0, list[int](), asyncio.Semaphore(IN_FLIGHT)
        days = self._aftercare_days

        async def one(messages: list[DueMessage]) -> int:
            """One client's messages, in turn: each takes the client's lock."""
            async with gate:
                return sum([await self._send_aftercare(m, now, waiting) for m in messages])

        try:
            while not self._halted:
                batch = await days.claim(self.services, now, self._lease)
                if not batch:
                    break
                by_client: dict[int, list[DueMessage]] = {}
                for message in batch:
                    by_client.setdefault(message.user_id, []).append(message)
                sent += sum(await asyncio.gather(*(one(m) for m in by_client.values())))
        finally:
            await days.release(self.services, waiting)
        return sent

    async def _send_aftercare(self, message: DueMessage, now: datetime,
                              waiting: list[int]) -> bool:
        """Send one claimed message; one that must wait (quiet hours, stopping, the client
        busy with an update) is added to `waiting`, whose claims are released once this run
        has claimed everything due."""
        async with self.services.stores.database.try_client_lock(message.user_id) as held:
            if not held or self._halted:
                waiting.append(message.id)
                return False
            composed = await self._aftercare_days.compose(self.services, message, now)
            if composed is Hold.WAIT:
                waiting.append(message.id)
            if composed is Hold.SKIP:
                await self._aftercare_days.record(self.services, message, composed.value, now)
            if not isinstance(composed, Due):
                return False
            result = await deliver(self._sender, composed)
            if result is Delivery.RETRY:
                await self.services.stores.aftercare.defer(message.id,
                                                           now + backoff(message.attempts))
            elif result is Delivery.WAIT:
                waiting.append(message.id)
            else:
                await self._aftercare_days.record(self.services, message, result.value, now)
            return result is Delivery.SENT
