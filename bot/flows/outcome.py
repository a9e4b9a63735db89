"""The screening's outcome as the client sees it, with the way on: booking now, or a reminder
to repeat the check in a few days (dialogs/booking.yaml `recheck_days`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Annotated

from bot.callbacks import Between, CallbackData
from bot.content.i18n import N_, format_day
from bot.flows import Button, Reply, Turn, Visit
from bot.flows.eligibility import TOLD, Verdict, evaluate
from bot.flows.menu import MenuAction, main_menu

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.content import Content
    from bot.flows.router import Router


@dataclass(frozen=True)
class Recheck(CallbackData, prefix="recheck"):
    """Remind me to repeat the check in `days` days."""

    days: Annotated[int, Between(1, 3660)]

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[Recheck]:
        return (cls(days) for days in sorted(offered_days(content)))


def outcome_reply(visit: Visit, verdict: Verdict) -> Reply:
    """The outcome with its reasons and the ways on the content offers for it: booking (a
    consultation), a reminder to check again when the conditions allow a date, a person. When
    every reason is an answer of "not sure", the explanation says so rather than speak of a
    condition the client declared, and so does each such reason."""
    described = visit.content.screening.outcome(verdict.outcome)
    shown = described.model_copy(update={"explain": N_("screening.outcome.unsure.explain")}) \
        if verdict.unsure and not verdict.conditions else described
    # A "not sure" is said as one, not with the reason of a condition declared.
    named = "; ".join(visit.tr_label(c.label) for c in verdict.told)
    reasons = [visit.tr("screening.reason.told_named", conditions=named)
               if c.id == TOLD and named else visit.tr(c.reason)
               for c in verdict.conditions] + [
        visit.tr("screening.reason.unsure", condition=visit.tr_label(c.label))
        for c in verdict.unsure]
    text = visit.render("outcome.j2", outcome=shown, reasons=reasons)
    rows: list[tuple[Button, ...]] = []
    if described.book:
        rows.append((visit.tr_button(described.book, MenuAction("booking").pack()),))
    if described.recheck:
        rows += [(visit.tr_button("screening.remind_on", Recheck(days).pack(),
                                  date=format_day(_local_day(visit, days), visit.language)),)
                 for days in recheck_days(visit.content, verdict)]
    if described.ask_person:
        rows.append((visit.tr_button("menu.person", MenuAction("person").pack()),))
    menu = visit.tr_button("button.menu", MenuAction("menu").pack())
    rows.append((visit.tr_button("menu.contacts", MenuAction("contacts").pack()), menu)
                if not described.book else (menu,))
    return Reply(text, tuple(rows), offer="booking" if described.book else None)


def recheck_days(content: Content, verdict: Verdict) -> tuple[int, ...]:
    """The dates to offer: those every declared condition allows (a condition's own
    `recheck_days`, else booking.yaml's); none when one of them takes no date."""
    default = content.booking.recheck_days
    allowed = [set(c.recheck_days if c.recheck_days is not None else default)
               for c in verdict.conditions + verdict.unsure]
    return tuple(sorted(set.intersection(*allowed))) if allowed else default


def offered_days(content: Content) -> set[int]:
    """Every interval a reminder button can carry: booking.yaml's and the conditions' own."""
    return set(content.booking.recheck_days).union(
        *(c.recheck_days or () for c in content.screening.conditions.values()))


def _local_day(visit: Visit, days: int) -> datetime:
    return (visit.now + timedelta(days=days)).astimezone(visit.settings.timezone)


async def remind_later(visit: Visit, days: int) -> Turn | None:
    """Schedule a reminder to repeat the check; None (out of date) unless the client's latest
    result offers that date: a button of an earlier result, or one forged, must not date a
    reminder for a later result that takes none (pregnancy)."""
    record = await visit.stores.screenings.last_finished(visit.client.user_id)
    if record is None:
        return None
    verdict = evaluate(visit.content.screening, record.answers)
    if not visit.content.screening.outcome(verdict.outcome).recheck or (
            days not in recheck_days(visit.content, verdict)):
        return None
    # The morning of the day the button named: at this hour of that day, an evening's choice
    # would fall in the quiet hours and come the day after.
    local_day = _local_day(visit, days)
    due = local_day.replace(hour=visit.settings.nudge_hour, minute=0, second=0, microsecond=0)
    await visit.stores.reminders.schedule(visit.client.user_id, "recheck", due)
    note = visit.tr("screening.reminder_set", date=format_day(local_day, visit.language))
    return main_menu(visit, note=note)


def register(router: Router) -> None:
    router.button(Recheck)(lambda v, data: remind_later(v, data.days))
