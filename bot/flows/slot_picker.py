"""The client picks a free slot: the days with free times, then that day's times.

Used when the clinic configures `[booking]`: after the contact (a new request, `lead` 0) and
to move an appointment from "My appointment" or a reminder (`lead` names it). Typed text while
picking opens the day it names ("на субботу", "next Tuesday", "завтра после обеда"), and a free
time typed with it or after it ("13:45") is taken as its button; what else the client types is
kept as their note for staff. A new request's picker is read by the booking
flow's state; a move's picker on screen is the `MOVING` state (bot/flows/my_appointment.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Annotated

from babel.dates import format_date, format_skeleton, format_time
from markupsafe import Markup

from bot.callbacks import MAX_ID, Between, CallbackData
from bot.flows import Button, Buttons, Reply, Turn, Visit
from bot.flows.days import AskedDay, at_a_time, names_hours, parse_day, weekday_against
from bot.flows.menu import MenuAction
from bot.flows.slots import bookable_days, free
from bot.flows.staff import CALL_BACK

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.content import Content

# A time of day as typed: "13:45", "13.45", "13 45", "1:45 pm".
# A time: hours and minutes ("13:45", "13 45", "1.45 pm"), or an hour with am or pm ("1pm").
_CLOCK = re.compile(r"(?<![\d:.])([01]?\d|2[0-3])(?:[:. ]([0-5]\d))?(?![\d:.])\s*"
                    r"([ap]\.?\s?m\.?(?!\w))?", re.IGNORECASE)
DAY_WISH_WORDS = 7  # words of a note's line naming a day, its date included: a wish alone
NOTE_LIMIT = 200  # characters of the client's note kept: the full card must fit one message
FIRST_DAY, LAST_DAY = date(2000, 1, 1).toordinal(), date(2200, 1, 1).toordinal()
ROW = 4  # times to a row
MOVING = "booking_move"  # a move's picker is on screen: {"lead": its lead's id}
PICKING = "booking_time"  # a new booking's picker (or its choice of a time of day) is on screen
SHOWN = "shown"  # in either's data: the day whose times are on screen, as an ordinal


@dataclass(frozen=True)
class SlotDay(CallbackData, prefix="sday"):
    """Show the free times of `day` (a date's ordinal; 0: the list of days) for lead `lead`
    (0: a new request)."""

    lead: int
    day: Annotated[int, Between(0, LAST_DAY)]

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[SlotDay]:
        return (cls(MAX_ID, LAST_DAY), cls(0, 0))


@dataclass(frozen=True)
class SlotTime(CallbackData, prefix="stime"):
    """Pick the slot starting at `at` (seconds since the epoch) for lead `lead` (0: new)."""

    lead: int
    at: Annotated[int, Between(0, 2**40)]

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[SlotTime]:
        return (cls(MAX_ID, 2**40),)


@dataclass(frozen=True)
class PreferredTime(CallbackData, prefix="time"):
    """When staff should call (dialogs/booking.yaml `preferred_times`): the request itself
    where the clinic has no slots, and where no slot suits the client (`CALL_BACK`)."""

    time: str

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[PreferredTime]:
        return (cls(t.id) for t in content.booking.preferred_times)


def day_label(visit: Visit, day: date) -> str:
    return format_date(day, "EEE d MMM", locale=visit.language)


async def days(visit: Visit, lead: int = 0, *, note: Markup | None = None,
               edit: bool = False) -> Turn:
    """The days that have free times, two to a row."""
    await _moving(visit, lead)
    found = await free(visit, await bookable_days(visit))
    text = under(note, visit.tr("slots.pick_day"))
    if not found:
        return Turn([Reply(under(note, visit.tr("slots.none")), _call_back(visit, lead),
                           edit=edit)])
    buttons = [Button(day_label(visit, day), SlotDay(lead, day.toordinal()).pack())
               for day in found]
    rows = tuple(tuple(buttons[i:i + 2]) for i in range(0, len(buttons), 2))
    return Turn([Reply(text + "\n" + visit.tr("slots.type_hint"),
                       rows + _call_back(visit, lead), edit=edit)])


def _call_back(visit: Visit, lead: int) -> Buttons:
    """For a new request, when the clinic takes calls at any time: no free time suits, so
    staff call the client (the request made without a slot, with the client's note). For a
    move: the appointment kept as it is."""
    if lead:
        return ((visit.tr_button("slots.keep_time", MenuAction("appointment").pack()),),)
    if CALL_BACK not in {t.id for t in visit.content.booking.preferred_times}:
        return ()
    return ((visit.tr_button("slots.call_me", PreferredTime(CALL_BACK).pack()),),)


async def times(visit: Visit, lead: int, asked: AskedDay, *, note: Markup | None = None,
                edit: bool = False) -> Turn:
    """The free times of one day (within the hours asked for), or the days when it has none."""
    await _moving(visit, lead)
    tz = visit.settings.timezone
    day = asked.day
    label = _day_label(visit, day)
    bookable = await bookable_days(visit)
    free_that_day = (await free(visit, [day])).get(day, []) if day in bookable else []
    found = [at for at in free_that_day if asked.since <= at.astimezone(tz).time() <= asked.until]
    if free_that_day and not found:  # nothing at the hours asked, something else that day
        note, found = under(note, visit.tr("slots.hours_full", day=label)), free_that_day
    if not found:
        gone = _none_on(visit, day, label, bookable)
        return await days(visit, lead, note=under(note, gone), edit=edit)
    await _shown(visit, day)
    buttons = [Button(format_time(at.astimezone(tz), "short", locale=visit.language),
                      SlotTime(lead, int(at.timestamp())).pack()) for at in found]
    rows: Buttons = tuple(tuple(buttons[i:i + ROW]) for i in range(0, len(buttons), ROW))
    back = (visit.tr_button("slots.other_days", SlotDay(lead, 0).pack()),)
    text = visit.tr("slots.pick_time", day=label)
    return Turn([Reply(under(note, text), (*rows, back), edit=edit)])


def _day_label(visit: Visit, day: date) -> str:
    label = format_date(day, "EEEE d MMMM", locale=visit.language)
    return label[:1].upper() + label[1:]  # it starts the sentence


def _none_on(visit: Visit, day: date, label: str, bookable: list[date]) -> Markup:
    """Why a day has no time to pick: past, too soon after the client's last procedure,
    further ahead than booking opens, closed, full."""
    today = visit.now.astimezone(visit.settings.timezone).date()
    if day < today:
        return visit.tr("slots.day_past", day=label)
    if day < bookable[0]:
        return visit.tr("slots.day_too_soon", day=label, first=first_day(visit, bookable[0]))
    if day > bookable[-1]:
        return visit.tr("slots.day_too_far", day=label)
    if day.weekday() not in (visit.settings.opening_hours or {}):
        return visit.tr("slots.day_closed", day=label)
    return visit.tr("slots.day_full", day=label)


def first_day(visit: Visit, day: date) -> str:
    """A day named in a sentence, without its year ("23 December", "23 декабря")."""
    return format_skeleton("MMMMd", day, locale=visit.language)


def under(note: Markup | None, text: Markup) -> Markup:
    """`text` under a note (both Telegram HTML already: joined, neither is escaped again)."""
    return Markup("\n\n").join((note, text)) if note else text


async def _moving(visit: Visit, lead: int) -> None:
    """Typed text is read by a move's picker while it is on screen, however it was opened; a
    command or any button leaves it first (the picker's own open it again)."""
    if lead:
        await visit.stores.chat_states.save(visit.client.user_id, MOVING, {"lead": lead},
                                            visit.now)


async def _shown(visit: Visit, day: date) -> None:
    """Keep the day whose times are on screen with the picker's state: a time typed alone is
    that day's, and the picker comes back to it after a question."""
    state = await visit.stores.chat_states.get(visit.client.user_id)
    if state is not None and state.state in (PICKING, MOVING):
        await visit.stores.chat_states.save(visit.client.user_id, state.state,
                                            {**state.data, SHOWN: day.toordinal()}, visit.now)


async def typed(visit: Visit, lead: int, text: str, note: Markup,
                earlier: str | None = None, shown: int | None = None) -> Turn:
    """The picker again after text typed at it, under `note`: the day the text names (or, for
    a time typed alone, the day the client named last, `typed_day`), else the day `shown`,
    else the days."""
    asked = typed_day(visit, text, earlier, shown) or _on_screen(visit, earlier, shown)
    today = visit.now.astimezone(visit.settings.timezone).date()
    if asked is not None and (named := weekday_against(text, today)) is not None:
        # "friday the 10th", the 10th a Thursday: the date's times, and the weekday it is
        weekday = format_date(today + timedelta(days=(named - today.weekday()) % 7), "EEEE",
                              locale=visit.language)
        note = under(note, visit.tr("slots.weekday_differs", day=_day_label(visit, asked.day),
                                    weekday=weekday))
    elif asked is not None and asked_day(visit, text) is not None and at_a_time(text):
        # "Saturday at 11am", and 11:00 is no free time (else it was taken): nothing is free
        # at the time asked, and the day's other times are shown, those before it too.
        asked = AskedDay(asked.day, asked.since, asked.since)
    elif asked is not None and at_a_time(text) and _clock(text) is not None:
        # "10am" alone at a day's times, 10:00 being none of them (else it was taken): said so,
        # above the times of the day and the hours asked before.
        note = under(note, visit.tr("slots.hours_full", day=_day_label(visit, asked.day)))
    return await (times(visit, lead, asked, note=note) if asked
                  else days(visit, lead, note=note))


def typed_day(visit: Visit, text: str, earlier: str | None,
              shown: int | None = None) -> AskedDay | None:
    """The day the text names; for a time typed alone ("13:45"), the day whose times are on
    screen (`shown`, pressed or typed), else the day the client's words at the picker before
    it named last (`earlier`, their note: "на субботу после обеда")."""
    asked = asked_day(visit, text)
    if asked is not None or _clock(text) is None:
        return asked
    if shown:
        return _on_screen(visit, earlier, shown)
    named = (day for line in reversed((earlier or "").splitlines())
             if (day := asked_day(visit, line)) is not None)
    return next(named, None)


def _on_screen(visit: Visit, earlier: str | None, shown: int | None) -> AskedDay | None:
    """The day on screen (`shown`), with the hours the client's words named for it last
    ("next Saturday after lunch", then "with a friend": that afternoon still)."""
    if not shown:
        return None
    day = date.fromordinal(shown)
    return next((asked for line in reversed((earlier or "").splitlines())
                 if (asked := asked_day(visit, line)) is not None and asked.day == day),
                AskedDay(day))


def _clock(text: str) -> re.Match[str] | None:
    """The first time in the text; a number alone ("2 of us") is none."""
    return next((m for m in _CLOCK.finditer(text) if m[2] or m[3]), None)


async def typed_slot(visit: Visit, text: str, earlier: str | None,
                     shown: int | None = None) -> datetime | None:
    """The free time the client typed ("13:45", "let's do 1.45", "1:45 pm") on the day it
    names, or the one on screen or they named last (`typed_day`), as if its button were
    pressed; None when no such time is free."""
    clock, asked = _clock(text), typed_day(visit, text, earlier, shown)
    today = visit.now.astimezone(visit.settings.timezone).date()
    if clock is None or asked is None or asked.day not in await bookable_days(visit) or (
            weekday_against(text, today) is not None):  # which day was meant: asked first
        return None
    hour, minute, half = int(clock[1]), int(clock[2] or 0), (clock[3] or "").lower()
    hours = {hour % 12 + 12} if half.startswith("p") else {hour % 12} if half else {
        hour, hour + 12}
    tz = visit.settings.timezone
    return next((at for at in (await free(visit, [asked.day])).get(asked.day, [])
                 if (at.astimezone(tz).hour, at.astimezone(tz).minute) in {
                     (h, minute) for h in hours}), None)


async def day_pressed(visit: Visit, pressed: SlotDay) -> Turn:
    if pressed.day < FIRST_DAY:  # "Other days" (0), or a forged day
        return await days(visit, pressed.lead, edit=True)
    return await times(visit, pressed.lead, AskedDay(date.fromordinal(pressed.day)), edit=True)


def picked(pressed: SlotTime) -> datetime:
    return datetime.fromtimestamp(pressed.at, UTC)


def gone(visit: Visit, at: datetime) -> Markup:
    """Why a picked time cannot be had: it has passed (an old list), or someone took it."""
    return visit.tr("slots.time_past") if at <= visit.now else visit.tr("slots.taken")


def asked_day(visit: Visit, text: str) -> AskedDay | None:
    today = visit.now.astimezone(visit.settings.timezone).date()
    return parse_day(text, today)


async def impossible_day(visit: Visit, text: str) -> bool:
    """Whether the text names a day the clinic cannot do at all: past, too soon after the
    client's last procedure ("завтра в 11" the day after it was "noted for the clinic" and
    refused in one message), further ahead than booking opens, or closed. No wish for staff
    to weigh: the client hears why, and the days."""
    asked = asked_day(visit, text)
    if asked is None:
        return False
    bookable = await bookable_days(visit)
    return not bookable or asked.day < bookable[0] or asked.day > bookable[-1] or \
        asked.day.weekday() not in (visit.settings.opening_hours or {})


PHONE_DIGITS = 7  # as many digits or more may be a number to call, for staff to read


def unread(visit: Visit, text: str) -> bool:
    """Whether text typed at the picker names no day nor hours and says nothing for staff to
    read either: no word nor a phone number, only digits, signs or emoji ("99", "31.02",
    "😀")."""
    return not any(character.isalpha() for character in text) and sum(
        character.isdigit() for character in text) < PHONE_DIGITS and asked_day(
        visit, text) is None and not names_hours(text)


def with_note(visit: Visit, earlier: str | None, text: str) -> str:
    """The client's words kept for staff: each typed message on its own line, with the day
    it names as a date in the staff's language ("завтра в 9 (Tue 8 Dec)"): staff read it
    later, when "tomorrow" is another day."""
    line = text.strip()
    if (asked := asked_day(visit, line)) is not None:
        line += f" ({format_date(asked.day, 'EEE d MMM', locale=visit.settings.default_language)})"
    note = f"{earlier}\n{line}" if earlier else line
    return note[-NOTE_LIMIT:]


def settled(visit: Visit, note: str | None) -> str | None:
    """The note once the client moved their visit to a slot: its short lines that name a
    day, wishes the slot answers, are dropped ("завтра (Tue 8 Dec)" stayed on the card beside
    a visit moved to Wednesday); a longer one may say more, and stays. None when nothing is
    left."""
    kept = [line for line in (note or "").split("\n") if line and (
        asked_day(visit, line) is None or len(line.split()) > DAY_WISH_WORDS)]
    return "\n".join(kept) or None
