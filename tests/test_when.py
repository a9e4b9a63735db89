"""Appointment dates as receptionists type them, read in the clinic's timezone; anything
unsure is asked again rather than guessed."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.flows.staff.when import parse_when

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # a Tuesday
LONDON, MOSCOW = ZoneInfo("Europe/London"), ZoneInfo("Europe/Moscow")


@pytest.mark.parametrize("text, expected", [
    ("tomorrow 3pm", (2026, 12, 2, 15, 0)),
    ("3 Dec 14:30", (2026, 12, 3, 14, 30)),
    ("03.12 14:30", (2026, 12, 3, 14, 30)),
    ("2026-12-03 2:30pm", (2026, 12, 3, 14, 30)),
    ("3.12.2026 14.30", (2026, 12, 3, 14, 30)),
    ("14:30 03.12.2026", (2026, 12, 3, 14, 30)),
    ("2026-12-03 14:30", (2026, 12, 3, 14, 30)),
    ("03/12 14:30", (2026, 12, 3, 14, 30)),
    ("3/12 2:30 PM", (2026, 12, 3, 14, 30)),
    ("3 дек 14:30", (2026, 12, 3, 14, 30)),
    ("3 дек. в 10", (2026, 12, 3, 10, 0)),
    ("завтра в 15", (2026, 12, 2, 15, 0)),
    ("Завтра в 15:00", (2026, 12, 2, 15, 0)),
    ("tomorrow 15:00", (2026, 12, 2, 15, 0)),
    ("Thursday 11:00", (2026, 12, 3, 11, 0)),
    ("tue 9am", (2026, 12, 8, 9, 0)),
    ("в четверг в 11", (2026, 12, 3, 11, 0)),
    ("Dec 3, 10am", (2026, 12, 3, 10, 0)),
    ("3 December 2026 14:30", (2026, 12, 3, 14, 30)),
    ("12.01 10:00", (2027, 1, 12, 10, 0)),  # the next such date: January is next year
    ("5 мая 12:00", (2027, 5, 5, 12, 0)),
    ("14.30 03.12", (2026, 12, 3, 14, 30)),
    ("next friday 11am", (2026, 12, 4, 11, 0)),
    ("next Friday at 11 am", (2026, 12, 4, 11, 0)),
    ("this friday 11am", (2026, 12, 4, 11, 0)),
    ("tomorrow at 3pm", (2026, 12, 2, 15, 0)),
    ("Dec 9 2:30pm", (2026, 12, 9, 14, 30)),
    ("December 9th at 2:30pm", (2026, 12, 9, 14, 30)),
    ("9th Dec 2:30pm", (2026, 12, 9, 14, 30)),
    ("в следующую пятницу в 11", (2026, 12, 4, 11, 0)),
    # A bare hour no clinic opens at is the afternoon's: "послезавтра в 3" was 3:00 AM.
    ("послезавтра в 3", (2026, 12, 3, 15, 0)),
    ("friday at 5", (2026, 12, 4, 17, 0)),
    ("tomorrow at 7", (2026, 12, 2, 19, 0)),
    ("завтра в 8", (2026, 12, 2, 8, 0)),
    # A weekday beside its date: "Tuesday 15th December at 10" booked Tuesday the 8th, and the
    # client was told the visit had moved a week earlier.
    ("Tuesday 15th December at 10", (2026, 12, 15, 10, 0)),
    ("Tue 15 Dec 10am", (2026, 12, 15, 10, 0)), ("Fri 18/12 11:00", (2026, 12, 18, 11, 0)),
    ("Friday 11th at 2pm", (2026, 12, 11, 14, 0)),
    ("в пятницу 11 декабря в 11", (2026, 12, 11, 11, 0)),
])
def test_the_forms_receptionists_type(text: str, expected: tuple[int, ...]) -> None:
    assert parse_when(text, NOW, LONDON) == datetime(*expected, tzinfo=LONDON)


@pytest.mark.parametrize("text", [
    "next Thursday afternoon", "tomorrow", "3 Dec", "13pm", "32.12 10:00", "29.02 10:00",
    "25:00 3.12", "3.12 10:00 11:00", "soon", "",
    # ...and one that is not its date's: which of the two was meant is asked.
    "Wed 15 Dec 10am", "Monday 11th at 2pm",
    # A year no clinic books in: a slip, never a crash near the calendar's end.
    "31.12.9999 10:00", "2099-12-31 10:00", "01.01.0001 00:00", "3 Dec 2062 10:00",
])
def test_unsure_text_is_not_guessed(text: str) -> None:
    assert parse_when(text, NOW, LONDON) is None


def test_a_recent_date_stays_in_the_past_so_staff_are_asked_again() -> None:
    assert parse_when("30.11 10:00", NOW, LONDON) == datetime(2026, 11, 30, 10, tzinfo=LONDON)


def test_days_are_the_clinic_s_days() -> None:
    late = datetime(2026, 12, 1, 22, 30, tzinfo=UTC)  # already Wednesday in Moscow
    assert parse_when("завтра в 15", late, MOSCOW) == datetime(2026, 12, 3, 15, tzinfo=MOSCOW)
