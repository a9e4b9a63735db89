"""Time as a dependency: the bot never calls datetime.now() directly, so tests and the shell
can move time forward without sleeping. Also the quiet hours, which every scheduled message
and `clinicbot check` read the same way."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, tzinfo


class Clock:
    """The real clock, optionally shifted (the shell's `/clock +1d`)."""

    def __init__(self, offset: timedelta = timedelta(0)) -> None:
        self.offset = offset

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, delta: timedelta) -> None:
        self.offset += delta


class FixedClock(Clock):
    """A clock that stands still until told to move: for tests."""

    def __init__(self, start: datetime) -> None:
        super().__init__()
        self.moment = start.astimezone(UTC)

    def now(self) -> datetime:
        return self.moment

    def advance(self, delta: timedelta) -> None:
        self.moment += delta


def is_quiet(moment: datetime, tz: tzinfo, start: time, end: time) -> bool:
    """Inside quiet hours, which may run over midnight (21:00–08:00)."""
    local = moment.astimezone(tz).time()
    if start <= end:
        return start <= local < end
    return local >= start or local < end
