"""A "not now" client's reminder to check again: stored, sent once when due, after restarts."""

from __future__ import annotations

from datetime import timedelta

from bot.content import Content
from bot.devtools.sandbox import Sandbox
from tests.chat import Texts, screen, shown


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
