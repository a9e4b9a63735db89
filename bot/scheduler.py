"""Durable scheduled messages: rows in SQLite, sent when due, marked once sent.

Nothing lives only in memory: after a restart, whatever is due is found again by a query.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot import callbacks
from bot.flows import Services
from bot.i18n import negotiate

log = logging.getLogger(__name__)
INTERVAL_SECONDS = 30.0


async def send_due(bot: Bot, services: Services) -> int:
    """Send every due reminder once; returns how many were sent."""
    storage, settings, content = services.storage, services.settings, services.content
    sent = 0
    for reminder in await storage.due_reminders(services.clock.now()):
        client = await storage.client(reminder.user_id)
        if client is None:
            continue
        language = client.language if client.language in settings.languages else negotiate(
            client.telegram_language, settings.languages, settings.default_language)
        button = InlineKeyboardButton(content.button_label(language, "menu.screening"),
                                      callback_data=callbacks.build("m", "screening"))
        try:
            await bot.send_message(client.chat_id, content.message(language, "reminder.recheck"),
                                   parse_mode=ParseMode.HTML,
                                   reply_markup=InlineKeyboardMarkup([[button]]))
            sent += 1
        except (Forbidden, BadRequest) as exc:
            log.warning("reminder %s not delivered, client unreachable: %s", reminder.id, exc)
        await storage.mark_reminder_sent(reminder.id, services.clock.now())
    return sent


class Scheduler:
    """Sends what is due, from a background task the application starts and stops with itself
    or when asked (`run_once`: the shell's clock, tests). One run at a time, so nothing due is
    picked up twice."""

    def __init__(self, bot: Bot, services: Services) -> None:
        self.bot, self.services = bot, services
        self._task: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="clinicbot-scheduler")

    async def run_once(self) -> int:
        async with self._lock:
            return await send_due(self.bot, self.services)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            try:
                await self.run_once()
            except Exception:
                log.exception("scheduled sending failed; retrying in %s s", INTERVAL_SECONDS)
            await asyncio.sleep(INTERVAL_SECONDS)
