"""The day a client names when asking to book, and the hours it narrows to."""

from __future__ import annotations

from datetime import date, time

import pytest

from bot.flows.days import AskedDay, parse_day, weekday_against

TODAY = date(2026, 11, 24)  # a Tuesday


@pytest.mark.parametrize(("text", "expected"), [
    ("на субботу", AskedDay(date(2026, 11, 28))),
    ("хочу записаться на субботу", AskedDay(date(2026, 11, 28))),
    ("next Tuesday", AskedDay(date(2026, 12, 1))),
    ("завтра после обеда", AskedDay(date(2026, 11, 25), time(12), time(17))),
    ("в пятницу вечером", AskedDay(date(2026, 11, 27), time(17), time(23, 59))),
    ("tomorrow morning", AskedDay(date(2026, 11, 25), time(0), time(12))),
    ("можно 05.12 после 18", AskedDay(date(2026, 12, 5), time(18))),
    ("3 дек", AskedDay(date(2026, 12, 3))),
    ("в среду", AskedDay(date(2026, 11, 25))),
    ("20 jan", AskedDay(date(2027, 1, 20))),
    ("friday after 5pm", AskedDay(date(2026, 11, 27), time(17))),
    ("next friday after 5 pm", AskedDay(date(2026, 11, 27), time(17))),
    ("friday after 5:30pm", AskedDay(date(2026, 11, 27), time(17, 30))),
    ("friday after 5.30 p.m.", AskedDay(date(2026, 11, 27), time(17, 30))),
    ("tomorrow after 10am", AskedDay(date(2026, 11, 25), time(10))),
    ("tomorrow after 12pm", AskedDay(date(2026, 11, 25), time(12))),
    ("в пятницу после 17", AskedDay(date(2026, 11, 27), time(17))),
    ("в пятницу после 5 вечера", AskedDay(date(2026, 11, 27), time(17), time(23, 59))),
    ("завтра после 2 дня", AskedDay(date(2026, 11, 25), time(14))),
    ("завтра после 10 утра", AskedDay(date(2026, 11, 25), time(10), time(12))),
    ("on the 27th", AskedDay(date(2026, 11, 27))),
    ("the 1st please", AskedDay(date(2026, 12, 1))),
    ("on the 3rd after 5pm", AskedDay(date(2026, 12, 3), time(17))),
    ("23rd?", AskedDay(date(2026, 12, 23))),
    ("на 27-е", AskedDay(date(2026, 11, 27))),
    ("27-го вечером", AskedDay(date(2026, 11, 27), time(17), time(23, 59))),
    ("можно 2 числа после 11-ти", AskedDay(date(2026, 12, 2), time(11))),
    ("any time after the 2nd", AskedDay(date(2026, 12, 2))),
    ("на 1-е число", AskedDay(date(2026, 12, 1))),
    ("пишите в вотсап 89161234567, маша, хочу в субботу", AskedDay(date(2026, 11, 28))),
    # Weekdays as the picker's own buttons write them ("пн 30 нояб.", "Mon 30 Nov").
    ("пн", AskedDay(date(2026, 11, 30))), ("в чт утром", AskedDay(date(2026, 11, 26), time(0),
                                                                   time(12))),
    ("Mon", AskedDay(date(2026, 11, 30))), ("on Thurs after 5pm", AskedDay(
        date(2026, 11, 26), time(17))),
    # A date beside its weekday is that date, not the weekday's next ("Mon 14 Dec" is the
    # picker's own label for the 14th).
    ("Mon 14 Dec", AskedDay(date(2026, 12, 14))),
    ("Friday 18 December", AskedDay(date(2026, 12, 18))),
    ("Tuesday, December 15", AskedDay(date(2026, 12, 15))),
    ("пятница 18.12", AskedDay(date(2026, 12, 18))), ("пн 14 дек.", AskedDay(date(2026, 12, 14))),
    ("monday 30th", AskedDay(date(2026, 11, 30))), ("friday the 4th", AskedDay(date(2026, 12, 4))),
    # ...and a day's number beside it, with no ordinal: "tuesday 15 at 10:30" held Tuesday
    # the 8th of December.
    ("tuesday 15 at 10:30", AskedDay(date(2026, 12, 15), time(10, 30))),
    ("thu 3", AskedDay(date(2026, 12, 3))), ("вторник 15", AskedDay(date(2026, 12, 15))),
    ("в четверг 10 после обеда", AskedDay(date(2026, 12, 10), time(12), time(17))),
    ("tuesday 10:30", AskedDay(date(2026, 12, 1), time(10, 30))),
    ("friday 5pm", AskedDay(date(2026, 11, 27), time(17))),
    ("Dec 12", AskedDay(date(2026, 12, 12))), ("December 15", AskedDay(date(2026, 12, 15))),
    ("15th December", AskedDay(date(2026, 12, 15))),
    ("8th of December", AskedDay(date(2026, 12, 8))),
    ("the day after tomorrow", AskedDay(date(2026, 11, 26))),
    ("day after tomorrow after lunch", AskedDay(date(2026, 11, 26), time(12), time(17))),
    ("in 2 days", AskedDay(date(2026, 11, 26))), ("через 3 дня", AskedDay(date(2026, 11, 27))),
    ("in 2 weeks", AskedDay(date(2026, 12, 8))), ("через неделю", AskedDay(date(2026, 12, 1))),
    ("in a week", AskedDay(date(2026, 12, 1))),
    # An hour with no am or pm that the clinic is closed at in the morning is the afternoon's.
    ("Wednesday after 5", AskedDay(date(2026, 11, 25), time(17))),
    ("завтра после 5", AskedDay(date(2026, 11, 25), time(17))),
    ("wednesday evening after 6", AskedDay(date(2026, 11, 25), time(18), time(23, 59))),
    # A time said with the day: the times from it.
    ("next tuesday at 3", AskedDay(date(2026, 12, 1), time(15))),
    ("tomorrow at 10", AskedDay(date(2026, 11, 25), time(10))),
    ("Thursday at noon", AskedDay(date(2026, 11, 26), time(12))),
    ("the 10th at 4pm", AskedDay(date(2026, 12, 10), time(16))),
    ("12.12 в 11", AskedDay(date(2026, 12, 12), time(11))),
    ("в пятницу в 15:30", AskedDay(date(2026, 11, 27), time(15, 30))),
    # ...or without "at": a clock time, or an hour with am or pm.
    ("wed 4pm", AskedDay(date(2026, 11, 25), time(16))),
    # "sat" and "sun" are days only beside a time or a part of the day.
    ("sat at 5pm", AskedDay(date(2026, 11, 28), time(17))),
    ("sat 10am", AskedDay(date(2026, 11, 28), time(10))),
    ("sun at 11", AskedDay(date(2026, 11, 29), time(11))),
    ("could i do sat morning?", AskedDay(date(2026, 11, 28), time(0), time(12))),
    ("tomorrow 11:00", AskedDay(date(2026, 11, 25), time(11))),
    ("Tuesday 14:00", AskedDay(date(2026, 12, 1), time(14))),
    ("завтра 11:30", AskedDay(date(2026, 11, 25), time(11, 30))),
    # A weekday "next week" is that week's: on a Tuesday, Wednesday next week was read as
    # tomorrow.
    ("wednesday next week", AskedDay(date(2026, 12, 2))),
    ("на следующей неделе в среду", AskedDay(date(2026, 12, 2))),
    ("в понедельник на следующей неделе после 5", AskedDay(date(2026, 11, 30), time(17))),
])
def test_a_named_day_is_read(text: str, expected: AskedDay) -> None:
    assert parse_day(text, TODAY) == expected


@pytest.mark.parametrize("text", ["I am satisfied", "срочно", "в среднем сколько стоит",
                                  "с подругой", "only after 18:00", "31.02",
                                  "what happens at the 2nd session?", "the 3rd time",
                                  "после 2-го сеанса", "на 32-е", "a session for my 30th.",
                                  "can I go in the sun", "I sat by the pool", "ср. цена",
                                  "I sat at home all day", "in the sun at noon?"])
def test_words_that_are_no_day_name_none(text: str) -> None:
    assert parse_day(text, TODAY) is None


@pytest.mark.parametrize(("text", "weekday"), [
    ("friday the 27th at 3pm", None), ("thursday the 27th at 3pm", 3),
    ("завтра в пятницу", 4), ("tomorrow wednesday", None), ("next friday", None),
    ("sat 28th", None), ("sun 28th at 10", 6), ("на 28-е", None)])
def test_a_weekday_beside_a_date_it_is_not_is_found(text: str, weekday: int | None) -> None:
    assert weekday_against(text, TODAY) == weekday
