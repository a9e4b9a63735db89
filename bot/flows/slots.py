"""Free slots: the clinic's opening hours cut into procedures (length plus buffer), minus the
times staff blocked, the places taken at each time, and what starts too soon; for a client
treated lately, no day before their next session may be (`next_session`).

Pure computation on what storage holds, in the clinic's timezone; the booking flow shows the
result as days, then times (bot/flows/slot_picker.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from bot.config import BookingRules, Settings
from bot.flows import Speaking, Visit
from bot.flows.statuses import OPEN
from bot.storage.slots import Block


def _grid(settings: Settings, rules: BookingRules, day: date) -> Iterable[datetime]:
    """Every start time of `day` the opening hours allow, in UTC."""
    span = (settings.opening_hours or {}).get(day.weekday())
    if span is None:
        return
    tz = settings.timezone
    step = timedelta(minutes=rules.minutes + rules.buffer_minutes)
    start = datetime.combine(day, span[0], tzinfo=tz)
    close = datetime.combine(day, span[1], tzinfo=tz)
    while start + timedelta(minutes=rules.minutes) <= close:
        yield start.astimezone(UTC)
        start += step


def free_slots(settings: Settings, now: datetime, taken: list[datetime],
               blocks: list[Block], days: Iterable[date]) -> dict[date, list[datetime]]:
    """The free start times of each of `days` that has any, in order."""
    rules = settings.booking
    assert rules is not None
    length = timedelta(minutes=rules.minutes)
    busy = length + timedelta(minutes=rules.buffer_minutes)
    earliest = now + timedelta(minutes=rules.notice_minutes)
    found: dict[date, list[datetime]] = {}
    for day in days:
        for start in _grid(settings, rules, day):
            overlapping = sum(1 for at in taken if at < start + busy and start < at + busy)
            blocked = any(b.starts_at < start + length and start < b.ends_at for b in blocks)
            if start >= earliest and not blocked and overlapping < rules.seats:
                found.setdefault(day, []).append(start)
    return found


# Between sessions where staff set no course: the skin's barrier needs about two weeks after
# resurfacing (dialogs/screening.yaml).
NEXT_SESSION_AFTER = timedelta(weeks=2)


@dataclass(frozen=True)
class NextSession:
    treated_on: date  # the client's last procedure
    first: date  # the first day of the next one


async def next_session(speaking: Speaking, user_id: int) -> NextSession | None:
    """When the client's next session may be, if they were treated: sessions too close
    together can inflame the skin, so it is the course's interval (staff's, else
    `NEXT_SESSION_AFTER`) after the last procedure."""
    plan = await speaking.stores.aftercare.latest_plan(user_id)
    if plan is None:
        return None
    course = await speaking.stores.courses.latest_of_client(user_id)
    weeks = course[1].weeks if course else NEXT_SESSION_AFTER.days // 7
    return NextSession(plan.treated_on, plan.treated_on + timedelta(weeks=weeks))


async def bookable_days(visit: Visit) -> list[date]:
    """The days the client may book, in the clinic's calendar: as many as the clinic opens
    ahead, from today, or from the first day of their next session when that is later."""
    rules = visit.settings.booking
    assert rules is not None
    start = visit.now.astimezone(visit.settings.timezone).date()
    if (after := await next_session(visit, visit.client.user_id)) is not None:
        start = max(start, after.first)
    return [start + timedelta(days=n) for n in range(rules.days_ahead)]


async def free(speaking: Speaking, days: list[date]) -> dict[date, list[datetime]]:
    """The free slots of `days`, from what storage holds now."""
    settings, stores = speaking.settings, speaking.stores
    tz = settings.timezone
    start = datetime.combine(days[0] - timedelta(days=1), datetime.min.time(), tzinfo=tz)
    end = datetime.combine(days[-1] + timedelta(days=2), datetime.min.time(), tzinfo=tz)
    taken = await stores.slots.taken(start, end, OPEN)
    return free_slots(settings, speaking.now, taken, await stores.slots.blocks(start), days)


async def is_free(visit: Visit, at: datetime) -> bool:
    """Whether `at` is still one of the client's free slots (the picker's button may be old)."""
    day = at.astimezone(visit.settings.timezone).date()
    if day not in await bookable_days(visit):
        return False
    return at in (await free(visit, [day])).get(day, [])
