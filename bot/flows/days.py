"""The day a client names when asking to book ("на субботу", "next Tuesday", "завтра после
обеда", "3 дек", "on the 11th"), and the part of it they want, read in the clinic's calendar.

Unlike a staff member's date (bot/flows/staff/when.py) no time is needed and anything else may
be around it: the words that are not a day are the client's note for staff. Weekday and month
names are the calendar's, like when.py's; only the full stems count, so "sat" in
"satisfied", "ср" in "срочно" or "сред" in "в среднем" is no day, and the picker's own short
weekdays ("пн", "Thu") only as whole words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta

from bot.flows.staff.when import MONTHS, RELATIVE, RU_MONTHS, this_or_next_month

WEEKDAYS = (("monday", "понедельн"), ("tuesday", "вторник"), ("wednesday", "среда", "среду"),
            ("thursday", "четверг"), ("friday", "пятниц"), ("saturday", "суббот"),
            ("sunday", "воскресен"))
# ...and as the picker's own buttons abbreviate them ("пн 30 нояб.", "Mon 30 Nov"), matched as
# whole words only; "sat" and "sun" ("in the sun") and "ср" ("ср. цена") say other things.
SHORT_WEEKDAYS = (("mon", "пн"), ("tue", "tues", "вт"), ("wed",), ("thu", "thur", "thurs", "чт"),
                  ("fri", "пт"), ("сб",), ("вс",))
# ...except right before a time or a part of the day ("sat at 5pm", "sun 11am", "sat morning";
# not "in the sun at noon").
_SAT_SUN = re.compile(r"(?<!the )\b(sat|sun)\s+(?:at\s+)?(?=\d|noon\b|morning|afternoon|evening)")
# Parts of the day: (from, until) in local time.
PARTS = {"morning": (time(0), time(12)), "afternoon": (time(12), time(17)),
         "evening": (time(17), time(23, 59))}
PART_WORDS = (("после обеда", "afternoon"), ("after lunch", "afternoon"), ("днем", "afternoon"),
              ("afternoon", "afternoon"), ("до обеда", "morning"), ("утр", "morning"),
              ("morning", "morning"), ("вечер", "evening"), ("evening", "evening"),
              ("after work", "evening"), ("после работы", "evening"))
_AFTER = re.compile(r"(?:after|после|от|from|с)\s+(\d{1,2})(?:[:.](\d{2}))?"
                    r"(?!\d|-?го\b|st\b|nd\b|rd\b|th\b)"  # "после 2-го": a day, no hour
                    r"(?:\s*(am|pm|a\.m\.|p\.m\.|утра|дня|вечера|ночи)(?!\w))?")
# A day of the month said alone ("on the 11th", "11-го", "на 11-е", "11 числа"): only where
# nothing but a time or the end follows, so "the 2nd session", "2-е посещение" or "my 30th"
# is no day.
_AROUND = ("at", "after", "from", "in", "on", "morning", "afternoon", "evening", "please",
           "pls", "or", "and", "if", "is", "would", "works", "then", "после", "с", "в", "утром",
           "днем", "вечером", "или", "и", "пожалуйста", "можно", "если", "числа", "число")
_NTH = re.compile(r"(?<!my )(?<!her )\b(\d{1,2})(?:st|nd|rd|th|-?го|-?е|(?=\s+числ[оа]))"
                  r"(?=\s*$|\s*[^\w\s]|\s+(?:" + "|".join(_AROUND) + r")\b)")
_DATE = re.compile(r"\b(\d{1,2})[./](\d{1,2})\b")
# A word and the number after it, no time ("tuesday 15", "вторник 15"; not "friday 5pm",
# "tuesday 10:30", "в пятницу 5 вечера"): the day of the month, where the word is a weekday.
_WORD_NUMBER = re.compile(r"([^\W\d_]+),?\s+(\d{1,2})(?![\d:.]|\s*(?:am|pm|a\.m|p\.m|h\b|o'?clock"
                          r"|ч\b|час|утра|дня|вечера|ночи))")
_WORD = re.compile(r"[^\W\d_]+|\d+")
# "at 3", "в 11", "at noon": the times from then; "in 2 days", "через неделю": that far ahead.
_AT = re.compile(r"(?:\bat|(?<!\w)в|(?<!\w)к)\s+(\d{1,2})(?:[:.](\d{2}))?(?![\d.:/-]|\s*числ)"
                 r"(?:\s*(am|pm|a\.m\.|p\.m\.|утра|дня|вечера|ночи)(?!\w))?")
# A time said bare: "14:00" (as written), "4pm" ("12.12" is a date, so no dot).
_CLOCK = re.compile(r"(?<![\d./:])(\d{1,2}):(\d{2})(?![\d./:])"
                    r"|(?<![\d./:])(\d{1,2})\s*(am|pm|a\.m\.|p\.m\.)(?!\w)")
_NOON = re.compile(r"\b(?:at\s+)?noon\b|в\s+полдень")
_IN_DAYS = re.compile(r"(?:\bin|через)\s+(\d{1,2}|a|one|одну|один)?\s*"
                      r"(days?|weeks?|день|дня|дней|неделю|недели|недель)\b")
_AFTER_TOMORROW = ("day after tomorrow",)
_NEXT_WEEK = ("next week", "following week", "следующей неделе", "следующую неделю",
              "след неделе", "след. неделе")
_ORDINAL = frozenset(("st", "nd", "rd", "th", "го", "е", "of"))  # "15th of December"
# A bare hour the clinic is closed at in the morning ("after 5", "после 5") is the afternoon's.
_AFTERNOON_BELOW = 8


@dataclass(frozen=True)
class AskedDay:
    day: date
    since: time = time(0)
    until: time = time(23, 59)


def at_a_time(text: str) -> bool:
    """Whether the text names a time to come at ("at 11am", "в 11:00", "14:00"), not one to
    come from ("after 5pm", "после 18")."""
    lowered = text.casefold()
    return _AFTER.search(lowered) is None and (
        _AT.search(lowered) or _CLOCK.search(lowered)) is not None


def names_hours(text: str) -> bool:
    """Whether the text names hours of a day, with no day ("evenings after 6 please", "лучше
    с утра", "at 3pm")."""
    lowered = text.casefold().replace("ё", "е")
    return any(phrase in lowered for phrase, _ in PART_WORDS) or any(
        pattern.search(lowered) for pattern in (_AFTER, _AT, _CLOCK, _NOON))


def parse_day(text: str, today: date) -> AskedDay | None:
    """The day `text` asks for (the next such weekday, this or next year's date), and the
    hours it narrows to; None when it names no day."""
    lowered = text.casefold().replace("ё", "е")
    words = _WORD.findall(lowered)
    day = _named_day(words, lowered, today)
    if day is None:
        return None
    since, until = time(0), time(23, 59)
    for phrase, part in PART_WORDS:
        if phrase in lowered:
            since, until = PARTS[part]
            break
    if (m := _AFTER.search(lowered) or _AT.search(lowered)) and int(m[1]) < 24 and int(
            m[2] or 0) < 60:
        since = time(_hour(int(m[1]), m[3] or ""), int(m[2] or 0))
    elif _NOON.search(lowered):
        since = time(12)
    elif (m := _CLOCK.search(lowered)) and int(m[1] or m[3]) < 24 and int(m[2] or 0) < 60:
        since = time(_hour(int(m[1] or m[3]), m[4] or ("" if m[1] is None else "24h")),
                     int(m[2] or 0))
    return AskedDay(day, since, until)


def weekday_against(text: str, today: date) -> int | None:
    """The weekday (Monday 0) the text names beside a day it names otherwise, where the two
    disagree ("friday the 10th", the 10th a Thursday; "завтра в пятницу" on a Tuesday): the
    client meant one of them, and which is not for the bot to guess. None where they agree or
    the text names no such pair."""
    asked = parse_day(text, today)
    lowered = text.casefold().replace("ё", "е")
    named = next((n for word in _WORD.findall(lowered) if (n := _weekday(word)) is not None),
                 None)
    if named is None and (m := _SAT_SUN.search(lowered)):
        named = 5 if m[1] == "sat" else 6
    return named if asked is not None and named is not None and (
        asked.day.weekday() != named) else None


def _hour(hour: int, said: str) -> int:
    """The hour on the 24-hour clock: English screens show "5:15 PM", so clients write "after
    5pm" (and Russian ones "после 5 вечера") for 17:00. An hour past 12 is read as it is."""
    if said == "24h":  # "14:00", "9:30": as written
        return hour
    if said == "" and 0 < hour < _AFTERNOON_BELOW:
        return hour + 12
    if hour > 12 or said in ("", "утра"):
        return hour
    if said in ("am", "a.m."):
        return hour % 12
    if said == "ночи":  # "11 ночи" is 23:00, "2 ночи" 2:00
        return (hour + 12) % 24 if hour >= 9 else hour
    return hour % 12 + 12


def _named_day(words: list[str], lowered: str, today: date) -> date | None:
    """A date first, wherever it is ("Mon 14 Dec" is the 14th, not the next Monday), then a
    day counted from today, then a weekday."""
    for index, word in enumerate(words):
        if len(word) <= 2 and word.isdigit():  # "14 dec", "15th of December"
            after = [w for w in words[index + 1:index + 4] if w not in _ORDINAL]
            if after and (month := _month(after[0])):
                return _ahead(today, month, int(word))
        following = words[index + 1] if index + 1 < len(words) else ""
        if len(following) <= 2 and following.isdigit() and (month := _month(word)) and (
                len(word) >= 3):  # "Dec 12", "December 15"
            return _ahead(today, month, int(following))
    if (m := _DATE.search(lowered)) and (found := _ahead(today, int(m[2]), int(m[1]))):
        return found  # "5.30" after "after" is a time, no date
    if m := _NTH.search(lowered):
        return this_or_next_month(today, int(m[1]))
    for m in _WORD_NUMBER.finditer(lowered):
        if _weekday(m[1]) is not None and (found := this_or_next_month(today, int(m[2]))):
            return found
    if any(phrase in lowered for phrase in _AFTER_TOMORROW):
        return today + timedelta(days=2)
    if m := _IN_DAYS.search(lowered):  # "in 2 days", "через неделю", "in a week"
        count = int(m[1]) if m[1] and m[1].isdigit() else 1
        days = count * (7 if m[2].startswith(("week", "недел")) else 1)
        return today + timedelta(days=days) if days else None
    # "tuesday next week", "на следующей неделе во вторник": that week's, never this one's.
    weeks_on = 7 - today.weekday() if any(week in lowered for week in _NEXT_WEEK) else 0
    for word in words:
        if word in RELATIVE:
            return today + timedelta(days=RELATIVE[word])
        if (number := _weekday(word)) is not None:
            if weeks_on:
                return today + timedelta(days=weeks_on + number)
            return today + timedelta(days=(number - today.weekday()) % 7 or 7)
    if m := _SAT_SUN.search(lowered):
        number = 5 if m[1] == "sat" else 6
        return today + timedelta(days=(number - today.weekday()) % 7 or 7)
    return None


def _weekday(word: str) -> int | None:
    """The weekday (Monday 0) a word names, written out or as the picker abbreviates it."""
    for number, (stems, short) in enumerate(zip(WEEKDAYS, SHORT_WEEKDAYS, strict=True)):
        if word in short or any(word.startswith(stem) for stem in stems):
            return number
    return None


def _month(word: str) -> int | None:
    """A month's number from its name or the start of it ("dec", "декабря", "мая")."""
    for names in (MONTHS, RU_MONTHS):
        for number, prefix in enumerate(names, 1):
            if word.startswith(prefix) and (len(prefix) > 2 or len(word) <= 4):
                return number
    return None


def _ahead(today: date, month: int, number: int) -> date | None:
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, number)
        except ValueError:
            return None
        if candidate >= today:
            return candidate
    return None
