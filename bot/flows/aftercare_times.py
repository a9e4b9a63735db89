"""When aftercare messages are due, in the client's local time, and whether one may go now.

Local times are built with zoneinfo from the local date and hour, then turned into UTC, so a
daylight-saving change moves the UTC instant and keeps the local hour.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.clock import is_quiet as is_quiet  # bot/clock.py holds it; flows also read it here


def local_due(treated_on: date, day: int, hour: int, tz: ZoneInfo) -> datetime:
    local = datetime.combine(treated_on + timedelta(days=day), time(hour), tzinfo=tz)
    return local.astimezone(UTC)


def schedule(treated_at: datetime, days: list[int], *, nudge_hour: int, evening_hour: int,
             tz: ZoneInfo, treated_on: date | None = None) -> list[tuple[int, datetime]]:
    """Day 0 in the evening of the procedure (or at once, when the evening has begun), the
    other days in the morning at the nudge hour."""
    treated_on = treated_on or treated_at.astimezone(tz).date()
    due = []
    for day in days:
        moment = local_due(treated_on, day, evening_hour if day == 0 else nudge_hour, tz)
        due.append((day, max(moment, treated_at) if day == 0 else moment))
    return due


def still_relevant(due_at: datetime, now: datetime, tz: ZoneInfo) -> bool:
    """A day's message belongs to its local date; after that day it is stale."""
    return due_at.astimezone(tz).date() >= now.astimezone(tz).date()
