"""The aftercare week's daily messages (bot/flows/aftercare.py builds them): one still
belonging to today goes out late, one from an earlier day is skipped; none inside quiet hours
in the client's timezone. The closing day's message ends the week."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.clock import is_quiet
from bot.flows import Services, funnel
from bot.flows.aftercare import nudge
from bot.flows.aftercare_times import still_relevant
from bot.flows.language import language_for
from bot.flows.scheduled import Due, Hold, Schedule
from bot.storage import DueMessage, Plan

BATCH = 500


class AftercareDays(Schedule[DueMessage]):
    async def claim(self, services: Services, now: datetime, lease: timedelta
                    ) -> Sequence[DueMessage]:
        return await services.stores.aftercare.claim_due(now, lease, BATCH)

    async def compose(self, services: Services, row: DueMessage, now: datetime) -> Due | Hold:
        """/forget or /stop came first (nothing to send), or wait until it is out."""
        settings = services.settings
        if not await services.stores.aftercare.is_pending(row.id):
            return Hold.DROP
        tz = ZoneInfo(row.timezone)
        if not still_relevant(row.due_at, now, tz):
            return Hold.SKIP
        if is_quiet(now, tz, settings.quiet_start, settings.quiet_end):
            return Hold.WAIT
        language = language_for(settings, row.language, row.telegram_language)
        plan = Plan(row.plan_id, row.user_id, row.treated_on, row.timezone, "active")
        course = await services.stores.courses.latest_of_client(row.user_id) \
            if row.day == services.content.aftercare.closing_day else None
        problem = await services.stores.aftercare.open_problem(row.plan_id)
        return Due(row.chat_id, row.user_id, nudge(services.content, language, plan, row.day,
                                                   course[1].weeks if course else None,
                                                   problem),
                   f"aftercare message {row.id} (plan {row.plan_id}, day {row.day})")

    async def record(self, services: Services, row: DueMessage, outcome: str,
                     now: datetime) -> None:
        """A client who blocked the bot had their week ended then (bot/telegram/sending.py):
        the message stays as it was. The closing day's message ends the week, sent or skipped
        (its day passed while the bot was down); only a week whose end was sent counts as
        finished in the funnel."""
        if outcome == "gone":
            return
        closing = row.day == services.content.aftercare.closing_day
        await services.stores.aftercare.mark(row.id, outcome, now,
                                             finish_plan=row.plan_id if closing else None)
        if closing and outcome != "skipped":
            await funnel.record(services, funnel.AFTERCARE_FINISHED)

    async def release(self, services: Services, ids: list[int]) -> None:
        await services.stores.aftercare.release(ids)
