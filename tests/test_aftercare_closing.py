"""The week's last message leaves the next session to the cosmetologist: no invented interval,
a button to book a consultation."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.content import Content
from bot.devtools.sandbox import Sandbox
from tests.chat import week_started


async def test_day_seven_says_the_cosmetologist_will_advise(
    bot: Sandbox, content: Content, language: str
) -> None:
    user, t = await week_started(bot, language)
    for _ in range(8 * 24):
        bot.clock.advance(timedelta(hours=1))
        await bot.run_scheduler()
    closing = [m for m in user.messages  # the last day of the week; day 8 asks a review
               if any(data.startswith("care:") for _, data in m.buttons)][-1]
    assert t("aftercare.next_session") in closing.text
    assert not re.search(r"\b20\d\d\b", closing.text)  # no date of a next session
    assert t.label("aftercare.book_next") in [label for label, _ in closing.buttons]
