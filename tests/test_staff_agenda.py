"""The staff's day: `/today` and `/tomorrow` list appointments with the client's answer;
`/help` lists the staff commands, which are also the staff chat's command menu; `/lead N`
shows the card with its buttons."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import Sandbox
from bot.flows.routes import desk_router
from tests.appointments import book, move_to
from tests.chat import Texts
from tests.desk import lead_by_chat, press_on_card, staff_member


async def test_today_and_tomorrow_list_appointments_with_their_answers(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff, t = Texts(content, "en"), Texts(content, "en")
    client = await book(bot, content, settings, when="2.12 9:00")
    maria = staff_member(bot, settings)
    move_to(bot, datetime(2026, 12, 1, 10, 0, tzinfo=UTC))
    # No reminder went yet: "the client has not answered the reminder" said what never was.
    [tomorrow] = await maria.send("/tomorrow")
    assert "9:00\u202fAM — #1 Olga — " + staff("staff.agenda.not_reminded") in tomorrow.text
    move_to(bot, datetime(2026, 12, 1, 18, 0, tzinfo=UTC))
    await bot.run_scheduler()
    [empty] = await maria.send("/today")
    assert staff("staff.agenda.none") in empty.text
    [tomorrow] = await maria.send("/tomorrow")
    assert "9:00\u202fAM — #1 Olga — " + staff("staff.agenda.unanswered") in tomorrow.text
    await client.press(t.label("appointment.confirm"))
    bot.clock.advance(timedelta(hours=7))
    [today] = await maria.send("/today")
    assert "#1 Olga — " + staff("staff.card.answer.confirm") in today.text


async def test_staff_help_lists_the_commands_and_sets_the_staff_menu(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    [help_text] = await staff_member(bot, settings).send("/help")
    assert staff("staff.help.title") in help_text.text
    listed = [c for c in desk_router().commands.values() if c.label]
    assert {"today", "tomorrow", "lead"} <= {c.name for c in listed}
    for command in listed:
        assert f"/{command.name} — {staff.label(str(command.label))}" in help_text.text
    [scoped] = [p for m, p in bot.api.calls if m == "setMyCommands" and "scope" in p]
    scope = json.loads(scoped["scope"]) if isinstance(scoped["scope"], str) else scoped["scope"]
    assert scope == {"type": "chat", "chat_id": settings.staff_chat_id}
    commands = json.loads(scoped["commands"]) if isinstance(scoped["commands"], str) \
        else scoped["commands"]
    assert [c["command"] for c in commands] == [c.name for c in listed]


async def test_lead_shows_the_card_with_its_buttons(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    await lead_by_chat(bot, content)
    maria = staff_member(bot, settings)
    [full] = await maria.send("/lead 1")
    assert [label for label, _ in full.buttons] == [
        staff.label("staff.card.current", status=staff.label("staff.status.new")),
        *(staff.label(f"staff.status.{s}") for s in ("contacted", "booked", "treated",
                                                     "unsuitable", "archived"))]
    await maria.press_data(dict(full.buttons)[staff.label("staff.status.contacted")], full)
    await press_on_card(bot, maria, 1, "Archived")
