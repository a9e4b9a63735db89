"""`/today`, `/tomorrow` and the staff's `/help`.

The day's list shows each appointment, earliest first, with the time (the clinic's), the lead
number, the client's name and whether they answered their reminder; a time a client holds
that staff have not confirmed is listed too, marked so, and staff are reminded of such times
at the nudge hour of the open day before and of the day itself (`held_nudge`), and of visits
whose time passed while their lead still waits for a mark (`unmarked_nudge`); none is
posted on a day the clinic is closed. `/help` lists
the desk's commands from the router, as Telegram's command menu of the staff chat does."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from babel.dates import format_date, format_time
from markupsafe import escape

from bot.config import Settings
from bot.content.i18n import N_, format_when
from bot.flows import Reply, Services, Turn
from bot.flows.scheduled import StaffDigest
from bot.flows.staff import (
    ARCHIVED,
    BOOKED,
    CLIENT_CANCELLED,
    CONTACTED,
    LABELS,
    NEW,
    TREATED,
    Desk,
    StaffMember,
)
from bot.flows.staff.cards import ANSWERS
from bot.flows.staff.status import date_example
from bot.storage import Lead

if TYPE_CHECKING:
    from bot.flows.router import DeskRouter

TITLES = (N_("staff.agenda.today"), N_("staff.agenda.tomorrow"))
HELD = (NEW, CONTACTED)  # statuses whose appointment time is the client's pick, unconfirmed
UNMARKED_DAYS = timedelta(days=14)  # how long a passed visit nobody marked is recalled


async def agenda(desk: Desk, days_ahead: int) -> Turn:
    tz, stores = desk.settings.timezone, desk.stores
    day = desk.now.astimezone(tz).date() + timedelta(days=days_ahead)
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    lines = [desk.tr(TITLES[days_ahead], date=format_date(day, "full", locale=desk.language))]
    named: list[int] = []
    for lead_id in await stores.appointments.on_day(start, end):
        lead = await stores.leads.get(lead_id)
        if lead is None or lead.appointment_at is None:
            continue
        answer = await stores.appointments.answer_of(lead.id, lead.appointment_at)
        state = desk.tr(ANSWERS[answer]) if answer else desk.tr(
            "staff.agenda.unanswered") if await stores.appointments.reminded(
            lead.id, lead.appointment_at) else desk.tr("staff.agenda.not_reminded")
        if lead.status == CLIENT_CANCELLED:
            state = desk.tr(LABELS[CLIENT_CANCELLED])
        elif lead.status in HELD:
            state = desk.tr("staff.agenda.held")
        at = format_time(lead.appointment_at.astimezone(tz), "short", locale=desk.language)
        lines.append(desk.tr("staff.agenda.line", time=at, id=lead.id,
                             name=lead.client.full_name, state=state))
        named.append(lead.client.user_id)
    if len(lines) == 1:
        lines.append(desk.tr("staff.agenda.none"))
    return Turn([Reply("\n".join(lines), about=tuple(named))])


def _open(settings: Settings, day: date) -> bool:
    """Whether the clinic works on `day` (every day, where no opening hours are given)."""
    return settings.opening_hours is None or day.weekday() in settings.opening_hours


def _held_due(services: Services) -> datetime | None:
    """Today's nudge hour (the clinic's time), once it has come, on a day the clinic is
    open: on a closed day nobody reads the staff chat."""
    settings = services.settings
    local = services.clock.now().astimezone(settings.timezone)
    if local.hour < settings.nudge_hour or not _open(settings, local.date()):
        return None
    return datetime.combine(local.date(), time(settings.nudge_hour), tzinfo=settings.timezone)


def _held_until(services: Services) -> datetime:
    """The end of the next day the clinic is open, the clinic's time: the day's post names
    times until then (Saturday's names Monday's, past a closed Sunday)."""
    settings = services.settings
    today = services.clock.now().astimezone(settings.timezone).date()
    after = next((today + timedelta(days=n) for n in range(1, 8)
                  if _open(settings, today + timedelta(days=n))), today + timedelta(days=1))
    return datetime.combine(after + timedelta(days=1), time(0), tzinfo=settings.timezone)


def in_held_post(services: Services, lead: Lead) -> bool:
    """Whether today's post of unconfirmed times names the lead's time."""
    return lead.appointment_at is not None and lead.appointment_at < _held_until(services)


async def _listed(desk: Desk, title: str, start: datetime, end: datetime,
                  statuses: tuple[str, ...], how: str) -> Reply | None:
    """The leads of `statuses` whose appointment lies in [start, end), one line each under
    `title`, with `how` to act on them below; None when there are none."""
    lines, named = [desk.tr(title)], []
    for lead_id in await desk.stores.appointments.on_day(start, end):
        lead = await desk.stores.leads.get(lead_id)
        if lead is None or lead.appointment_at is None or lead.status not in statuses:
            continue
        lines.append(desk.tr("staff.held.line", id=lead.id, name=lead.client.full_name,
                             when=format_when(lead.appointment_at, desk.language,
                                              desk.settings.timezone)))
        named.append(lead.client.user_id)
    return Reply("\n".join([*lines, "", how]), about=tuple(named)) if named else None


async def _held(services: Services) -> Reply | None:
    """The times clients hold for the rest of today and for tomorrow that staff have not
    confirmed, with the lead number to press "Booked" on; None when there are none."""
    desk = Desk(services, StaffMember(0, ""))
    how = desk.tr("staff.held.how", button=desk.tr_label(LABELS[BOOKED]))
    return await _listed(desk, N_("staff.held.title"), desk.now, _held_until(services), HELD,
                         how)


HELD_NUDGE = StaffDigest("held times nudge", _held_due, _held)


async def _unmarked(services: Services) -> Reply | None:
    """Visits before today (the clinic's), within `UNMARKED_DAYS`, whose lead nobody marked:
    the client came (Treated begins their aftercare week) or did not; None when there are
    none. Today's may still be under way."""
    desk = Desk(services, StaffMember(0, ""))
    tz = desk.settings.timezone
    today = datetime.combine(desk.now.astimezone(tz).date(), time(0), tzinfo=tz)
    how = desk.tr("staff.unmarked.how", treated=desk.tr_label(LABELS[TREATED]),
                  archived=desk.tr_label(LABELS[ARCHIVED]))
    return await _listed(desk, N_("staff.unmarked.title"), today - UNMARKED_DAYS, today,
                         (BOOKED, *HELD), how)


UNMARKED_NUDGE = StaffDigest("unmarked visits nudge", _held_due, _unmarked)


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
