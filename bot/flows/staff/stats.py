"""`/stats [days]`: the funnel over the last `days` clinic-local days (30 unless given).

Counts come from the anonymous funnel events (bot/flows/funnel.py), so they survive the
deletion of clients' personal data. Each step shows its conversion from the step before it;
"lead" counts every lead, including those a specialist must decide on, so it can exceed
"suitable".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from babel.numbers import format_percent

from bot.content.i18n import N_
from bot.flows import Reply, Turn, funnel
from bot.flows.staff import Desk

if TYPE_CHECKING:
    from bot.flows.router import DeskRouter

DEFAULT_DAYS, MAX_DAYS = 30, 3660


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
        rate = None
        if previous is not None:
            rate = format_percent(count / previous, locale=desk.language) if previous else "—"
        steps.append(Step(desk.tr_label(funnel.LABELS[stage]), count, rate))
        previous = count
    problems = counts.get(funnel.AFTERCARE_PROBLEM, 0)
    text = desk.render("stats.j2", days=days, steps=steps, problems=problems,
                       problems_label=desk.tr_label(funnel.LABELS[funnel.AFTERCARE_PROBLEM]))
    return Turn([Reply(text)])


def register(desk: DeskRouter) -> None:
    desk.command("stats", N_("staff.command.stats"))(stats)
