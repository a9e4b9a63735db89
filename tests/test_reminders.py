"""A "not now" client's reminder to check again: stored, sent once when due, after restarts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.content import Content
from bot.devtools.sandbox import Sandbox
from tests.chat import Texts, screen, shown

pytestmark = pytest.mark.engines


async def test_reminder_is_sent_once_when_due_even_after_a_restart(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "ru")
    user = bot.user(language_code="ru")
    await screen(user, t, yes=frozenset({"herpes"}))
    await user.press_data(user.last.buttons[0][1], user.last)  # the soonest reminder
    bot.clock.advance(timedelta(days=content.booking.recheck_days[0] - 1))
    assert await bot.run_scheduler() == 0
    await bot.restart()
    bot.clock.advance(timedelta(days=1, minutes=1))
    before = len(user.messages)
    assert await bot.run_scheduler() == 1
    assert await bot.run_scheduler() == 0
    [reminder] = user.messages[before:]
    assert reminder.text == t("reminder.recheck")
    reply = shown(await user.press(t.label("menu.screening")))
    assert t("screening.consent.on_record") in reply and t("screening.q.goals") in reply


async def test_the_reminder_waits_for_quiet_hours_to_end(bot: Sandbox, content: Content) -> None:
    t = Texts(content, "en")
    user = bot.user()
    await screen(user, t, yes=frozenset({"burns"}))
    stores = bot.app.bot_data["services"].stores
    evening = datetime(2026, 11, 24, 22, 30, tzinfo=UTC)  # London is on UTC in November
    await stores.reminders.schedule(user.id, "recheck", evening)
    bot.clock.advance(datetime(2026, 11, 24, 22, 51, tzinfo=UTC) - bot.clock.now())
    assert await bot.run_scheduler() == 0
    bot.clock.advance(timedelta(hours=9, minutes=8))  # 07:59
    assert await bot.run_scheduler() == 0
    bot.clock.advance(timedelta(minutes=1))
    assert await bot.run_scheduler() == 1
    assert user.last.text == t("reminder.recheck")


async def test_stop_also_ends_the_reminder_to_check_again(bot: Sandbox, content: Content) -> None:
    """"stop the reminders" stopped only aftercare messages: the check's reminder still came."""
    t = Texts(content, "en")
    user = bot.user()
    await screen(user, t, yes=frozenset({"herpes"}))
    await user.press_data(user.last.buttons[0][1], user.last)  # the soonest reminder
    reply = shown(await user.send("stop the reminders"))
    assert t("aftercare.stopped") in reply
    bot.clock.advance(timedelta(days=content.booking.recheck_days[0] + 1))
    assert await bot.run_scheduler() == 0


async def test_a_reminder_chosen_in_the_evening_comes_on_the_day_its_button_named(
    bot: Sandbox, content: Content
) -> None:
    """"Remind me on December 20", pressed at a quarter past ten in the evening, came on the
    21st at 8 in the morning: due at the same hour of the 20th, it fell in the quiet hours."""
    t = Texts(content, "en")
    user = bot.user()
    bot.clock.advance(datetime(2026, 11, 24, 22, 15, tzinfo=UTC) - bot.clock.now())
    await screen(user, t, yes=frozenset({"herpes"}))
    label, data = user.last.buttons[0]
    days = content.booking.recheck_days[0]
    named = datetime(2026, 11, 24, tzinfo=UTC) + timedelta(days=days)
    assert f"{named:%B} {named.day}" in label
    await user.press_data(data, user.last)
    before = len(user.messages)
    while bot.clock.now() < named + timedelta(days=1):
        bot.clock.advance(timedelta(minutes=30))
        if await bot.run_scheduler():
            break
    [reminder] = user.messages[before:]
    assert reminder.text == t("reminder.recheck")
    assert bot.clock.now().date() == named.date()
