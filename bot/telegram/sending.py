"""Sending one scheduled message, and what each Telegram error means for it: Forbidden (blocked,
deactivated) ends the client's week; a 400 fails that one message; RetryAfter pauses all
scheduled sending; network errors retry later (with backoff: `backoff`)."""

from __future__ import annotations

import enum
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import TypeVar

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.flows import Services
from bot.telegram import outgoing
from bot.telegram.limiter import GROUP_PATIENCE, ChatBusy
from bot.telegram.markup import Markup

log = logging.getLogger(__name__)
T = TypeVar("T")
MAX_BACKOFF = timedelta(minutes=15)


class Delivery(enum.Enum):
    SENT = "sent"
    GONE = "gone"  # blocked or deactivated: the client is marked unreachable
    FAILED = "failed"  # this one message was rejected for good: the next ones still go
    WAIT = "wait"  # Telegram asked us to slow down, or the chat's slots are taken: try later
    RETRY = "retry"  # network trouble: this message again later, with backoff


class Sender:
    """Sends scheduled messages for the scheduler and holds the pause Telegram asked for."""

    def __init__(self, bot: Bot, services: Services) -> None:
        self.bot, self.services = bot, services
        self.paused_until: datetime | None = None

    async def deliver(self, chat_id: int, user_id: int, text: str,
                      keyboard: Markup, what: str) -> Delivery:
        """Send one scheduled message (`what` names it by ids, for the log)."""
        result, _ = await self.attempt(
            lambda: outgoing.send_text(self.bot, chat_id, text, reply_markup=keyboard,
                                       disable_web_page_preview=False),
            user_id, what)
        return result

    async def attempt(self, send: Callable[[], Awaitable[T]], user_id: int | None,
                      what: str) -> tuple[Delivery, T | None]:
        """Make one Bot API call for a message to client `user_id` (None: the staff chat); the
        error policy lives here, for every kind. Only Forbidden (blocked, deactivated) ends a
        client's week: a 400 is about this one message."""
        now = self.services.clock.now()
        try:
            return Delivery.SENT, await _patiently(send)
        except Forbidden as exc:
            if user_id is None:
                log.error("%s: the staff chat refused it: %s", what, exc)
            else:
                log.info("client %s blocked the bot; marking unreachable", user_id)
                await self._unreachable(user_id, now)
            return Delivery.GONE, None
        except ChatBusy:
            log.debug("%s waits for a free slot in its chat", what)
            return Delivery.WAIT, None
        except RetryAfter as exc:
            pause = exc.retry_after  # a timedelta: see PTB_TIMEDELTA in bot/__init__.py
            assert isinstance(pause, timedelta)
            log.warning("Telegram asked to wait %s; pausing scheduled sending", pause)
            self.paused_until = now + pause
            return Delivery.WAIT, None
        except BadRequest as exc:
            log.error("%s to %s rejected: %s; marked failed, the rest goes on", what,
                      "the staff chat" if user_id is None else f"client {user_id}", exc)
            return Delivery.FAILED, None
        except NetworkError as exc:
            log.warning("network error sending %s (%s); will retry", what, exc)
            return Delivery.RETRY, None

    async def _unreachable(self, user_id: int, now: datetime) -> None:
        """Remember that the client cannot be reached and end their plan, without retries."""
        stores = self.services.stores
        await stores.clients.mark_unreachable(user_id, now)
        await stores.aftercare.end_active_plan(user_id, "unreachable", now)


async def _patiently(send: Callable[[], Awaitable[T]]) -> T:
    """`send`, waiting at most a second for a group's slot: a post the staff chat cannot take
    now (it takes 20 a minute) raises ChatBusy and waits in the outbox, not in an update's slot
    or a scheduler run."""
    token = GROUP_PATIENCE.set(1.0)
    try:
        return await send()
    finally:
        GROUP_PATIENCE.reset(token)


def backoff(attempts: int) -> timedelta:
    """How long a message waits after its `attempts`-th network error."""
    return min(timedelta(seconds=30 * 2 ** attempts), MAX_BACKOFF)
