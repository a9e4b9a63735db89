"""`/today`, `/tomorrow` and the staff's `/help`.

The day's list shows each booked appointment, earliest first, with the time (the clinic's),
the lead number, the client's name and whether they answered their reminder. `/help` lists
the desk's commands from the router, as Telegram's command menu of the staff chat does."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from babel.dates import format_date, format_time
from markupsafe import escape

from bot.content.i18n import N_
from bot.flows import Reply, Turn
from bot.flows.staff import CLIENT_CANCELLED, LABELS, Desk
from bot.flows.staff.cards import ANSWERS
from bot.flows.staff.status import date_example

if TYPE_CHECKING:
    from bot.flows.router import DeskRouter

TITLES = (N_("staff.agenda.today"), N_("staff.agenda.tomorrow"))


async def agenda(desk: Desk, days_ahead: int) -> Turn:
    tz, stores = desk.settings.timezone, desk.stores
    day = desk.now.astimezone(tz).date() + timedelta(days=days_ahead)
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    lines = [desk.tr(TITLES[days_ahead], date=format_date(day, "full", locale=desk.language))]
    named: list[int] = []
    for lead_id in await stores.appointments.booked_between(start, end):
        lead = await stores.leads.get(lead_id)
        if lead is None or lead.appointment_at is None:
            continue
        answer = await stores.appointments.answer_of(lead.id, lead.appointment_at)
        state = desk.tr(ANSWERS[answer]) if answer else desk.tr("staff.agenda.unanswered")
        if lead.status == CLIENT_CANCELLED:
            state = desk.tr(LABELS[CLIENT_CANCELLED])
        at = format_time(lead.appointment_at.astimezone(tz), "short", locale=desk.language)
        lines.append(desk.tr("staff.agenda.line", time=at, id=lead.id,
                             name=lead.client.full_name, state=state))
        named.append(lead.client.user_id)
    if len(lines) == 1:
        lines.append(desk.tr("staff.agenda.none"))
    return Turn([Reply("\n".join(lines), about=tuple(named))])


def help_text(desk: Desk, router: DeskRouter) -> Turn:
    lines: list[str] = [desk.tr("staff.help.title")]
    lines += [f"/{c.name} — {escape(desk.tr_label(c.label))}" for c in router.commands.values()
              if c.label]
    lines += ["", desk.tr("staff.help.reply"),
              desk.tr("staff.help.dates", example=escape(date_example(desk))),
              desk.tr("staff.help.slots")]
    return Turn([Reply("\n".join(lines))])


def register(desk: DeskRouter) -> None:
    desk.command("today", N_("staff.command.today"))(lambda d, _: agenda(d, 0))
    desk.command("tomorrow", N_("staff.command.tomorrow"))(lambda d, _: agenda(d, 1))

    async def staff_help(d: Desk, _: list[str]) -> Turn:
        return help_text(d, desk)

    desk.command("help", N_("staff.command.help"))(staff_help)
