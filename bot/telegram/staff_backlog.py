"""A burst the staff chat cannot absorb: Telegram lets the bot post about 20 messages a minute
in a group, so a hundred leads in one minute would reach staff as a five-minute trickle of
cards with no word of what is coming. Once more posts wait for the staff chat than it takes in
a minute, staff are told how many and by when they will all be there, once for each such
backlog; the cards still follow, each once."""

from __future__ import annotations

import math

from bot.content.i18n import N_
from bot.flows import Services
from bot.telegram import outgoing
from bot.telegram.pacing import GROUP
from bot.telegram.sending import Delivery, Sender

SUMMARY_AT = GROUP.count  # posts waiting: more than a minute's worth


class StaffBacklog:
    def __init__(self, services: Services, sender: Sender) -> None:
        self.services, self.sender = services, sender
        self.told = False  # about the backlog now waiting

    async def check(self) -> None:
        """Tell staff about a backlog (once), before the scheduler sends what it can of it."""
        waiting = await self.services.stores.outbox.staff_waiting()
        if waiting <= SUMMARY_AT:
            self.told = False
            return
        if self.told:
            return
        settings = self.services.settings
        minutes = math.ceil(waiting / GROUP.count * GROUP.seconds / 60)
        text = self.services.content.tr_message(
            settings.default_language, N_("staff.backlog_summary"), count=waiting,
            minutes=minutes)
        result, _ = await self.sender.attempt(
            lambda: outgoing.send_text(self.sender.bot, settings.staff_chat_id, text), None,
            "the staff-chat backlog summary")
        self.told = result is Delivery.SENT
