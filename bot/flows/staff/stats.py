"""`/stats [days]`: the funnel over the last `days` clinic-local days (30 unless given), as a
chart of the funnel and the week's ratings with the figures in its caption; optionally posted
to the staff chat every Monday morning (`WEEKLY_DIGEST`).

Counts come from the anonymous funnel events (bot/flows/funnel.py), so they survive the
deletion of clients' personal data. Each step shows its conversion from the step before it,
but "lead", which counts every lead, those a specialist must decide on too: from the finished
checks. A step counted more often than the one it is compared with (a client treated without
a booking, a step begun before the period) shows a dash rather than over 100 %.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from babel.numbers import format_decimal, format_percent

from bot.content.i18n import N_
from bot.flows import Document, Reply, Services, Turn, funnel
from bot.flows.scheduled import StaffDigest
from bot.flows.staff import Desk, StaffMember
from bot.flows.staff.chart import funnel_chart

if TYPE_CHECKING:
    from bot.flows.router import DeskRouter

DEFAULT_DAYS, MAX_DAYS = 30, 3660
WEEK = 7  # the ratings shown are those of the last seven days


@dataclass(frozen=True)
class Step:
    label: str
    count: int
    rate: str | None  # conversion from the previous step


async def stats(desk: Desk, args: list[str]) -> Turn:
    if len(args) > 1 or (args and not (args[0].isdecimal() and 1 <= int(args[0]) <= MAX_DAYS)):
        return Turn([Reply(desk.tr("staff.stats.usage", max=MAX_DAYS))])
    days = int(args[0]) if args else DEFAULT_DAYS
    today = desk.now.astimezone(desk.services.settings.timezone).date()
    counts = await desk.stores.funnel.counts(today - timedelta(days=days - 1))
    steps, previous = [], None
    for stage in funnel.STAGES:
        count = counts.get(stage, 0)
        base = counts.get(funnel.SCREENED, 0) if stage == funnel.LEAD else previous
        rate = None
        if base is not None:
            rate = format_percent(count / base, locale=desk.language) \
                if base > 0 and count <= base else "—"
        steps.append(Step(desk.tr_label(funnel.LABELS[stage]), count, rate))
        previous = count
    problems = counts.get(funnel.AFTERCARE_PROBLEM, 0)
    week = await desk.stores.funnel.counts(today - timedelta(days=WEEK - 1))
    ratings = [week.get(f"{funnel.RATING}{stars}", 0) for stars in range(1, 6)]
    given = sum(ratings)
    average = format_decimal(sum(n * c for n, c in enumerate(ratings, 1)) / given, "0.0",
                             locale=desk.language) if given else "—"
    text = desk.render("stats.j2", days=days, steps=steps, problems=problems,
                       problems_label=desk.tr_label(funnel.LABELS[funnel.AFTERCARE_PROBLEM]),
                       ratings=desk.tr("staff.stats.ratings", count=given, average=average,
                                       stars=" · ".join(f"{n}: {c}" for n, c in
                                                        enumerate(ratings, 1))))
    picture = await asyncio.to_thread(
        funnel_chart, [(desk.tr_label(funnel.LABELS[s]), counts.get(s, 0)) for s in funnel.CHART],
        ratings, (desk.content.tr_counted_label(desk.language, "staff.stats.title", days,
                                                 days=days),
                  desk.tr_label("staff.stats.ratings_title")))
    return Turn([Reply(text, document=Document("stats.png", picture, text, photo=True))])


def _digest_due(services: Services) -> datetime | None:
    """When this week's digest fell due (Monday at the nudge hour, the clinic's time); None
    before that, on other days, or when the clinic did not ask for it (`staff.weekly_digest`)."""
    settings, now = services.settings, services.clock.now()
    local = now.astimezone(settings.timezone)
    if not settings.weekly_digest or local.weekday() != 0 or local.hour < settings.nudge_hour:
        return None
    return datetime.combine(local.date(), time(settings.nudge_hour), tzinfo=settings.timezone)


async def _digest(services: Services) -> Reply:
    """The last seven days' /stats."""
    turn = await stats(Desk(services, StaffMember(0, "")), [str(WEEK)])
    return turn.replies[0]


WEEKLY_DIGEST = StaffDigest("weekly digest", _digest_due, _digest)


def register(desk: DeskRouter) -> None:
    desk.command("stats", N_("staff.command.stats"))(stats)
