"""A visit whose time has passed while its lead still says Booked is recalled to staff at the
nudge hour of each open day, until someone marks it: the aftercare week of a client who came
begins only when staff press Treated."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import Sandbox
from tests.appointments import book, move_to
from tests.chat import Texts
from tests.desk import press_on_card, staff_member

NEXT_MORNING = datetime(2026, 12, 3, 10, 30, tzinfo=UTC)  # after the nudge hour, London
DAY_AFTER = datetime(2026, 12, 4, 10, 30, tzinfo=UTC)


async def test_a_passed_visit_nobody_marked_is_recalled_until_marked(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """A visit on Dec 2 at 9:00, then nothing: staff heard nothing, /leads kept it as Booked,
    and the client's aftercare week never began."""
    staff = Texts(content, "en")
    client = await book(bot, content, settings)
    move_to(bot, NEXT_MORNING)
    posts = len(bot.staff_chat())
    await bot.run_scheduler()
    [recall] = [m for m in bot.staff_chat()[posts:] if staff("staff.unmarked.title") in m.text]
    assert f"#1 {client.user['first_name']}" in recall.text
    await bot.run_scheduler()  # once a day
    assert [m for m in bot.staff_chat()[posts:] if staff("staff.unmarked.title") in m.text] \
        == [recall]
    await press_on_card(bot, staff_member(bot, settings), 1, staff.label("staff.status.treated"))
    move_to(bot, DAY_AFTER)
    posts = len(bot.staff_chat())
    await bot.run_scheduler()
    assert not [m for m in bot.staff_chat()[posts:] if staff("staff.unmarked.title") in m.text]
