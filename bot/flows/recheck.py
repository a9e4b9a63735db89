"""Reminders to a client, outside quiet hours in their timezone: to repeat the check, for a
client told "not now" (scheduled by bot/flows/outcome.py), with the button that starts it; and
after the aftercare week, the review request and the next session of the course, which
bot/flows/aftercourse.py composes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.clock import is_quiet
from bot.flows import Button, Reply, Services, aftercourse
from bot.flows.language import language_for
from bot.flows.menu import MenuAction
from bot.flows.scheduled import Due, Hold, Schedule
from bot.storage import Reminder


class RecheckReminders(Schedule[Reminder]):
    async def claim(self, services: Services, now: datetime, lease: timedelta
                    ) -> Sequence[Reminder]:
        return await services.stores.reminders.claim_due(now, lease)

    async def compose(self, services: Services, row: Reminder, now: datetime) -> Due | Hold:
        """An erased client has none."""
        client = await services.stores.clients.get(row.user_id)
        if client is None:
            return Hold.DROP
        settings, content = services.settings, services.content
        tz = ZoneInfo(client.timezone) if client.timezone else settings.timezone
        if is_quiet(now, tz, settings.quiet_start, settings.quiet_end):
            return Hold.WAIT
        language = language_for(settings, client.language, client.telegram_language)
        if row.kind in aftercourse.KINDS:
            later = await aftercourse.reminder(services, client, row.kind, language)
            return Due(client.chat_id, client.user_id, later, f"reminder {row.id}") if later \
                else Hold.SKIP
        button = Button(content.tr_button_label(language, "menu.screening"),
                        MenuAction("screening").pack())
        reply = Reply(content.tr_message(language, "reminder.recheck"), ((button,),))
        return Due(client.chat_id, client.user_id, reply, f"reminder {row.id}")

    async def record(self, services: Services, row: Reminder, outcome: str,
                     now: datetime) -> None:
        await services.stores.reminders.mark_sent(row.id, now)

    async def release(self, services: Services, ids: list[int]) -> None:
        await services.stores.reminders.release(ids)
