"""An appointment's date and time as receptionists type it, read in the clinic's timezone.

`3 Dec 14:30`, `03.12 14:30`, `3/12 2:30pm`, `2026-12-03 14:30`, `3.12.2026 14.30`,
`14:30 03.12.2026`, `tomorrow 3pm`, `завтра в 15`, `thursday 11:00`, `3 дек 10`,
`next friday 11am`, `Dec 9th 2:30pm`, `в следующую пятницу в 11`, `послезавтра в 3` (15:00). A date
without a year is the next such date (one of the last weeks stays in the past, so staff are
asked again); a weekday, with or without "next"/"this", is the next such day after today, and
beside a date it must be that date's (`Tue 15 Dec 10am`, `Friday 11th at 2pm`).
Anything left over that is not a date, a time or a filler word makes the whole text
unreadable: better to ask again than to guess.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
RU_MONTHS = ("янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
WEEKDAYS = (("mon", "пн", "понед"), ("tue", "вт", "вторн"), ("wed", "ср", "сред"),
            ("thu", "чт", "четв"), ("fri", "пт", "пятн"), ("sat", "сб", "субб"),
            ("sun", "вс", "воскр"))
RELATIVE = {"today": 0, "сегодня": 0, "tomorrow": 1, "tmrw": 1, "завтра": 1,
            "послезавтра": 2}
FILLER = {"at", "on", "the", "в", "во", "на", "г", "года", "year", "of", "next", "this", "coming",
          "следующий", "следующую", "следующее", "следующей", "эту", "этот", "ближайший",
          "ближайшую"}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})")
_PAIR = re.compile(r"(\d{1,2})([./:])(\d{1,2})")
_CLOCK = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?(am|pm|a\.m\.|p\.m\.)")
_NUMBER = re.compile(r"\d{1,2}")
RECENT = timedelta(days=60)
# A bare hour up to this one, with no am/pm or minutes ("послезавтра в 3", "friday at 5"), is
# the afternoon's: no clinic opens at 3 in the morning.
LAST_BARE_PM = 7
YEARS_AHEAD = 2  # the furthest a clinic books or blocks a day


def _month(word: str) -> int | None:
    for names in (MONTHS, RU_MONTHS):
        for number, prefix in enumerate(names, 1):
            if word.startswith(prefix) and (len(prefix) > 2 or len(word) <= 4):
                return number
    return None


def _weekday(word: str) -> int | None:
    for number, names in enumerate(WEEKDAYS):
        if word in names[:2] or word.startswith(names[0]) or word.startswith(names[2]):
            return number
    return None


def _tokens(text: str) -> list[str]:
    """Lower case words; `2:30 pm` and `2:30pm` become one token, commas and a trailing `.`
    after a word are dropped."""
    text = re.sub(r"\s+(am|pm|a\.m\.|p\.m\.)(?=\s|$)", r"\1", text.casefold().strip())
    text = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", text)
    text = text.replace(",", " ").replace("t", " ", 1) if _ISO.match(text) else text.replace(
        ",", " ")
    return [w.rstrip(".") if not w[:1].isdigit() else w for w in text.split()]


def _clock(hour: int, minute: int, suffix: str | None = None) -> time | None:
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix.startswith("p") else 0)
    return time(hour, minute) if hour < 24 and minute < 60 else None


def parse_when(text: str, now: datetime, timezone: tzinfo) -> datetime | None:
    """The moment `text` names, in `timezone`, or None when it cannot be read for sure: a
    year further off than `YEARS_AHEAD` (or before last year) is a slip ("2062" for "2026")."""
    today = now.astimezone(timezone).date()
    day: date | None = None
    day_month: tuple[int, int] | None = None
    clock: time | None = None
    year: int | None = None
    weekday: int | None = None
    pairs: list[tuple[int, str, int]] = []
    numbers: list[int] = []
    words = _tokens(text)
    for index, word in enumerate(words):
        if word in FILLER:
            continue
        following = words[index + 1] if index + 1 < len(words) else ""
        if match := _ISO.fullmatch(word) or _DMY.fullmatch(word):
            parts = [int(p) for p in match.groups()]
            year, month, number = parts if match.re is _ISO else parts[::-1]
            year += 2000 if year < 100 else 0
            try:
                day = date(year, month, number)
            except ValueError:
                return None
        elif match := _CLOCK.fullmatch(word):
            clock = _clock(int(match[1]), int(match[2] or 0), match[3])
            if clock is None:
                return None
        elif match := _PAIR.fullmatch(word):
            pairs.append((int(match[1]), match[2], int(match[3])))
        elif word in RELATIVE:
            day = today + timedelta(days=RELATIVE[word])
        elif re.fullmatch(r"20\d\d", word):
            year = int(word)
        elif _NUMBER.fullmatch(word):
            if index > 0 and _month(words[index - 1]) and day_month and day_month[0] == 0:
                day_month = (int(word), day_month[1])
            elif _month(following) is not None and not following[:1].isdigit():
                day_month = (int(word), _month(following) or 0)
            elif weekday is not None and index > 0 and _weekday(words[index - 1]) is not None \
                    and day_month is None:  # "Friday 11th at 2pm": the 11th of the month
                day_month = (int(word), 0)
            else:
                numbers.append(int(word))
        elif (named := _month(word)) is not None:
            if day_month is None:
                day_month = (0, named)
        elif (named_day := _weekday(word)) is not None:
            weekday = named_day
        else:
            return None
    for first, separator, second in pairs:
        if separator == ":" or second > 12 or day is not None or day_month is not None:
            if clock is not None or (clock := _clock(first, second)) is None:
                return None
        else:
            day_month = (first, second)
    if clock is None and len(numbers) == 1 and (day or day_month or weekday is not None):
        hour = numbers.pop()
        clock = _clock(hour + 12 if 1 <= hour <= LAST_BARE_PM else hour, 0)
    if numbers or clock is None:
        return None
    if day is None and day_month is not None and day_month[1] == 0:
        day = this_or_next_month(today, day_month[0])
    elif day is None and day_month is not None and year is not None:
        try:
            day = date(year, day_month[1], day_month[0])
        except ValueError:
            return None
    elif day is None and day_month is not None:
        day = _next_date(*day_month, today=today)
    if weekday is not None and day is None:
        day = today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    elif weekday is not None and day is not None and day.weekday() != weekday:
        return None  # "Tuesday 15th December", the 15th a Wednesday: which one was meant?
    if day is None or not today.year - 1 <= day.year <= today.year + YEARS_AHEAD:
        return None
    return datetime.combine(day, clock, tzinfo=timezone)


def this_or_next_month(today: date, number: int) -> date | None:
    """Day `number` of this month, or of the next month that has one, not before today."""
    for ahead in range(3):  # the 31st may skip a month
        year, month = divmod(today.month - 1 + ahead, 12)
        try:
            candidate = date(today.year + year, month + 1, number)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    return None


def _next_date(number: int, month: int, *, today: date) -> date | None:
    """This year's day `number` of `month`, or next year's once this year's is well past (a
    date of the last weeks stays in the past, so the staff are asked again, not booked a year
    ahead by a slip)."""
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, number)
        except ValueError:
            return None
        if candidate >= today - RECENT:
            return candidate
    return None
