"""Safeguards against a slip of the finger: "Not suitable" can be taken back for a day, and an
aftercare week is only started early (or on a lead not booked) after a confirmation."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.config import Settings
from bot.content import Content
from bot.content.i18n import format_when
from bot.devtools.sandbox import Sandbox
from tests.appointments import VISIT, book, move_to
from tests.chat import Texts, shown
from tests.desk import card, lead_by_chat, press_on_card, staff_member, stores_of


async def test_not_suitable_can_be_undone_for_a_day(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    await lead_by_chat(bot, content)
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, "Contacted")
    await press_on_card(bot, maria, 1, "Not suitable")
    assert staff.label("staff.action.undo") in [label for label, _ in (await card(bot, 1)).buttons]
    await press_on_card(bot, maria, 1, staff.label("staff.action.undo"))
    assert (await stores_of(bot).leads.get(1)).status == "contacted"
    history = await stores_of(bot).leads.history(1)
    assert [(h.old_status, h.new_status) for h in history][-1] == ("unsuitable", "contacted")


async def test_archived_can_be_undone_and_a_treated_lead_gets_no_second_week(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    client = await book(bot, content, settings)
    maria = staff_member(bot, settings)
    move_to(bot, VISIT + timedelta(hours=1))
    await press_on_card(bot, maria, 1, "Treated")
    plan = await stores_of(bot).aftercare.active_plan(client.id)
    assert plan is not None
    await press_on_card(bot, maria, 1, "Archived")
    assert staff.label("staff.action.undo") in [label for label, _ in (await card(bot, 1)).buttons]
    await press_on_card(bot, maria, 1, staff.label("staff.action.undo"))
    assert (await stores_of(bot).leads.get(1)).status == "treated"
    assert (await stores_of(bot).aftercare.active_plan(client.id)) == plan


async def test_the_undo_button_expires_after_a_day(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    await lead_by_chat(bot, content)
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, "Not suitable")
    bot.clock.advance(timedelta(days=1, minutes=1))
    await press_on_card(bot, maria, 1, staff.label("staff.action.undo"))
    assert (await stores_of(bot).leads.get(1)).status == "unsuitable"
    assert staff.label("staff.action.undo") not in [
        label for label, _ in (await card(bot, 1)).buttons]


async def test_undoing_on_a_booked_lead_brings_its_reminders_back(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    client = await book(bot, content, settings)
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, "Not suitable")
    await maria.press(staff.label("staff.call_off.yes"))
    await press_on_card(bot, maria, 1, staff.label("staff.action.undo"))
    move_to(bot, datetime(2026, 12, 1, 18, 0, tzinfo=UTC))
    assert await bot.run_scheduler() == 1
    assert staff("appointment.reminder.ask") in client.last.text


async def test_aftercare_on_a_new_lead_asks_first(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    client = await lead_by_chat(bot, content)
    maria = staff_member(bot, settings)
    [ask] = await maria.send("/aftercare 1")
    assert staff("staff.aftercare_cmd.not_treated", id=1, name="Olga",
                 status=staff.label("staff.status.new")) in ask.text
    assert await stores_of(bot).aftercare.active_plan(client.id) is None
    await maria.press_data(ask.buttons[0][1], ask)
    assert staff("staff.aftercare_cmd.started", id=1, name="Olga") in shown(
        bot.staff_chat()[-1:])


async def test_aftercare_before_the_appointment_starts_on_its_day(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    client = await book(bot, content, settings)
    move_to(bot, datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    maria = staff_member(bot, settings)
    [ask] = await maria.send("/aftercare 1")
    assert staff("staff.aftercare_cmd.ahead", id=1, name="Olga",
                 when=format_when(VISIT, "en", settings.timezone)) in ask.text
    await maria.press_data(ask.buttons[0][1], ask)
    plan = await stores_of(bot).aftercare.active_plan(client.id)
    assert plan is not None and plan.treated_on == date(2026, 12, 2)
    move_to(bot, datetime(2026, 12, 1, 20, 0, tzinfo=UTC))
    assert await bot.run_scheduler() == 1  # the appointment's reminder, no aftercare yet
    assert staff("appointment.reminder.ask") in client.last.text
