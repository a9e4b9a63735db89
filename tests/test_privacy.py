"""Health answers are special-category data: kept only as long as needed, shown to the client,
erased on request."""

from __future__ import annotations

from datetime import timedelta

from bot.content import Content
from bot.sandbox import Sandbox
from tests.chat import Texts, screen


async def count(bot: Sandbox, sql: str) -> int:
    row = await bot.app.bot_data["services"].storage.one(sql)
    return int(row[0])


async def test_retention_purges_unconverted_answers_and_old_aftercare_only(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    browsing, booked = bot.user(1), bot.user(2)
    await screen(browsing, t, yes=frozenset({"herpes"}))
    await screen(booked, t)
    await booked.press(t.label("screening.outcome.suitable.book"))
    await booked.share_contact()
    await booked.press(t.label("booking.time.any"))
    await booked.send("/aftercare")
    for _ in range(8 * 24):
        bot.clock.advance(timedelta(hours=1))
        await bot.run_scheduler()
    await booked.press(t.label("aftercare.answer.fine"))
    answers = await count(bot, "SELECT COUNT(*) FROM screening_answers")
    assert answers == 2 * 16 and await count(bot, "SELECT COUNT(*) FROM aftercare_checkins") == 1
    bot.clock.advance(timedelta(days=350))  # 358 days after the checks
    await bot.run_scheduler()
    assert await count(bot, "SELECT COUNT(*) FROM screening_answers") == answers  # not yet
    bot.clock.advance(timedelta(days=20))  # 378 days after the checks, 371 after the week
    await bot.run_scheduler()
    assert await count(bot, "SELECT COUNT(*) FROM screening_answers WHERE screening_id = 1") == 0
    assert await count(bot, "SELECT COUNT(*) FROM screening_answers WHERE screening_id = 2") == 16
    assert await count(bot, "SELECT COUNT(*) FROM aftercare_checkins") == 0
    assert await count(bot, "SELECT COUNT(*) FROM aftercare_messages") == 0
    assert await count(bot, "SELECT COUNT(*) FROM screenings") == 2  # outcomes stay, answers go
