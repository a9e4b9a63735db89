"""Journey 6: a lead's card moves new → contacted → booked → treated, edited in place with who
and when; every change is kept; booking confirms the date to the client in their language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.config import Settings
from bot.content import Content
from bot.content.i18n import format_when
from bot.devtools.sandbox import ChatUser, Sandbox
from bot.flows.dates import appointment_day
from tests.chat import Texts, shown
from tests.conftest import START
from tests.desk import (
    STAFF_ID,
    booking_prompt,
    card,
    lead_by_chat,
    press_on_card,
    staff_member,
    stores_of,
)

pytestmark = pytest.mark.engines

APPOINTMENT = datetime(2026, 12, 3, 14, 30, tzinfo=UTC)  # London is on UTC in December


async def test_contacted_edits_the_card_in_place_with_who_and_when(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    await lead_by_chat(bot, content)
    before = await card(bot, 1)
    assert staff.label("staff.status.new") in before.text
    assert [label for label, _ in before.buttons] == [
        staff.label("staff.card.current", status=staff.label("staff.status.new")),
        *(staff.label(f"staff.status.{s}") for s in ("contacted", "booked", "treated",
                                                     "unsuitable", "archived"))]
    bot.clock.advance(timedelta(minutes=5))
    await press_on_card(bot, staff_member(bot, settings), 1, "Contacted")
    after = await card(bot, 1)
    assert after.message_id == before.message_id and after.edits == 1
    when = format_when(START + timedelta(minutes=5), "en", settings.timezone)
    assert staff("staff.card.changed", who="Maria", when=when) in after.text
    assert f"{staff('staff.card.status')}: <b>{staff.label('staff.status.contacted')}</b>" \
        in after.text
    assert "Olga" in after.text and "+7 912 345-67-89" in after.text
    assert len(bot.staff_chat()) == 1
    history = await stores_of(bot).leads.history(1)
    assert [(h.old_status, h.new_status, h.staff_user_id, h.changed_at) for h in history] == [
        ("new", "contacted", STAFF_ID, datetime(2026, 11, 24, 10, 5, tzinfo=UTC))]


@pytest.mark.parametrize("language, day, hour", [
    ("en", "Thursday, December 3", "2:30\u202fPM"),  # Babel puts U+202F before PM
    ("ru", "четверг, 3 декабря", "14:30"),  # this year's date has no year
])
async def test_booked_asks_staff_for_the_time_and_confirms_it_to_the_client(
    bot: Sandbox, content: Content, settings: Settings, language: str, day: str, hour: str
) -> None:
    staff, t = Texts(content, "en"), Texts(content, language)
    client, maria, prompt = await booking_prompt(bot, content, settings, language=language)
    assert prompt.reply_markup is not None and prompt.reply_markup["force_reply"] is True
    assert "1 Dec 2:30pm" in prompt.text and "#1" in prompt.text
    assert prompt.reply_to == (await card(bot, 1)).message_id
    assert (await stores_of(bot).leads.get(1)).status == "new"  # nothing changes until the time

    retry = shown(await maria.reply_to(prompt, "next Thursday afternoon"))
    assert staff("staff.booked.invalid") in retry
    received = len(client.messages)
    await maria.reply_to(bot.staff_chat()[-1], "2026-12-03 14:30")

    confirmation, calendar = client.messages[received:]
    assert calendar.document is not None
    date, time = appointment_day(bot.app.bot_data["services"], APPOINTMENT, language)
    assert (date, time) == (day, hour)
    assert t("booking.confirmed", clinic=settings.clinic_name, date=date, time=time) \
        in confirmation.text
    assert settings.address in confirmation.text and "Maria" not in confirmation.text
    updated = await card(bot, 1)
    assert staff.label("staff.status.booked") in updated.text
    assert format_when(APPOINTMENT, "en", settings.timezone) in updated.text
    assert bot.staff_chat()[-1].text == staff(
        "staff.booked.done", id=1, when=format_when(APPOINTMENT, "en", settings.timezone))
    lead = await stores_of(bot).leads.get(1)
    assert (lead.status, lead.appointment_at) == ("booked", APPOINTMENT)


async def test_a_past_time_is_asked_again(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    _, maria, prompt = await booking_prompt(bot, content, settings)
    assert staff("staff.booked.past") in shown(await maria.reply_to(prompt, "24.11.2026 09:00"))
    await maria.reply_to(bot.staff_chat()[-1], "03.12.2026 14:30")
    assert (await stores_of(bot).leads.get(1)).status == "booked"


async def test_treated_starts_the_aftercare_week(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    client = await lead_by_chat(bot, content, user_id=2002)
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, "Contacted")
    [prompt] = await press_on_card(bot, maria, 1, "Booked")
    await maria.reply_to(prompt, "2026-11-25 10:00")
    assert await stores_of(bot).aftercare.active_plan(client.id) is None
    bot.clock.advance(timedelta(days=1, hours=1))  # the visit is over
    await press_on_card(bot, maria, 1, "Treated")
    plan = await stores_of(bot).aftercare.active_plan(client.id)
    assert plan is not None and plan.treated_on == (START + timedelta(days=1)).date()
    bot.clock.advance(timedelta(hours=8))  # the evening of the procedure
    assert await bot.run_scheduler() == 1
    assert Texts(content, "en")("aftercare.checkin.question") in client.last.text
    treated = await card(bot, 1)
    assert Texts(content, "en").label("staff.status.treated") in treated.text
    assert [label for label, _ in treated.buttons][3:6] == ["• ✅ Treated •", "🚫 Not suitable",
                                                            "🗄 Archived"]
    history = await stores_of(bot).leads.history(1)
    assert [(h.old_status, h.new_status) for h in history] == [
        ("new", "contacted"), ("contacted", "booked"), ("booked", "treated")]


async def procedure_told_before_the_visit(bot: Sandbox, content: Content, settings: Settings
                                          ) -> tuple[ChatUser, ChatUser, str]:
    """A client booked by staff for the 25th taps "I had my procedure today" on the 24th: the
    client, the staff member and what the client is shown."""
    client = await lead_by_chat(bot, content, user_id=2002)
    maria = staff_member(bot, settings)
    [prompt] = await press_on_card(bot, maria, 1, "Booked")
    await maria.reply_to(prompt, "2026-11-25 10:00")
    await client.send("/menu")
    return client, maria, shown(await client.press(Texts(content, "en").label("menu.aftercare")))


async def test_the_procedure_today_with_a_visit_on_a_later_day_is_asked_first(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """A client booked for the 25th pressed "I had my procedure today" on the 24th: the week
    began at once, and "the evening after your procedure" came before the visit."""
    t = Texts(content, "en")
    client, _, reply = await procedure_told_before_the_visit(bot, content, settings)
    day, hour = appointment_day(bot.app.bot_data["services"],
                                datetime(2026, 11, 25, 10, 0, tzinfo=UTC), "en")
    assert t("aftercare.booked_ahead", date=day, time=hour) in reply
    assert await stores_of(bot).aftercare.active_plan(client.id) is None
    reply = shown(await client.press(t.label("aftercare.begin_anyway")))
    assert await stores_of(bot).aftercare.active_plan(client.id) is not None
    # The visit still stands: the client is told so, and staff that the client says the
    # procedure was today (it stayed "Booked" for the 25th, and nobody heard of it).
    assert t("aftercare.visit_still_booked", date=day, time=hour) in reply
    when = format_when(datetime(2026, 11, 25, 10, 0, tzinfo=UTC), "en", settings.timezone)
    assert Texts(content, "en")("staff.aftercare.treated_before", id=1, name="Olga",
                                when=when) in bot.staff_chat()[-1].text


async def test_treated_restarts_a_week_the_client_began_before_the_visit(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """A client with a visit booked for the 25th pressed "I had my procedure today" on the
    24th. "Treated" on the 25th kept that week: "Day 7: the sun restriction no longer
    applies" then came six days after the procedure."""
    t = Texts(content, "en")
    client, maria, _ = await procedure_told_before_the_visit(bot, content, settings)
    await client.press(t.label("aftercare.begin_anyway"))  # asked first: a visit is ahead
    early = await stores_of(bot).aftercare.active_plan(client.id)
    assert early is not None and early.treated_on == START.date()
    bot.clock.advance(timedelta(days=1, hours=1))  # the visit is over
    await press_on_card(bot, maria, 1, "Treated")
    plan = await stores_of(bot).aftercare.active_plan(client.id)
    assert plan is not None and plan.treated_on == (START + timedelta(days=1)).date()
    assert t("aftercare.restarted", date="Wednesday, November 25") in client.last.text
    bot.clock.advance(timedelta(hours=8))  # the evening of the procedure
    assert await bot.run_scheduler() == 1
    assert t("aftercare.checkin.question") in client.last.text
    sent = [m.day for m in await stores_of(bot).aftercare.plan_messages(plan.id)
            if m.status == "sent"]
    assert sent == [0]
    assert all(m.status != "pending" for m in await stores_of(bot).aftercare.plan_messages(
        early.id))


async def test_treated_before_the_visit_asks_before_the_week_starts(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """"Treated" pressed the day before the visit sent "the evening after your procedure" that
    very evening, to a client not yet treated; and it marked the lead treated at once, a
    mis-tap no button could take back: the client's appointment and reminders were gone."""
    staff = Texts(content, "en")
    client = await lead_by_chat(bot, content, user_id=2002)
    maria = staff_member(bot, settings)
    [prompt] = await press_on_card(bot, maria, 1, "Booked")
    await maria.reply_to(prompt, "2026-11-25 10:00")
    when = format_when(datetime(2026, 11, 25, 10, 0, tzinfo=UTC), "en", settings.timezone)
    sure = await press_on_card(bot, maria, 1, "Treated")
    assert staff("staff.treated.ahead", id=1, name="Olga", when=when) in shown(sure)
    assert (await stores_of(bot).leads.get(1)).status == "booked"
    asked = await maria.press(staff.label("staff.treated.anyway"))
    assert (await stores_of(bot).leads.get(1)).status == "treated"
    assert staff("staff.aftercare_cmd.ahead", id=1, name="Olga", when=when) in shown(asked)
    assert await stores_of(bot).aftercare.active_plan(client.id) is None
    bot.clock.advance(timedelta(hours=9))
    assert await bot.run_scheduler() == 0  # no "evening after your procedure" tonight
    await maria.press(staff.label("staff.aftercare_cmd.start_anyway"))
    plan = await stores_of(bot).aftercare.active_plan(client.id)
    assert plan is not None and plan.treated_on == datetime(2026, 11, 25).date()


async def test_treated_asked_about_can_be_declined(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """The question before an early "Treated" had only "Yes": staff who had mis-tapped were
    left with a question and a button that would still mark it, for anyone to press later."""
    staff = Texts(content, "en")
    client = await lead_by_chat(bot, content, user_id=2002)
    maria = staff_member(bot, settings)
    told = len(client.messages)
    await press_on_card(bot, maria, 1, "Treated")
    kept = await maria.press(staff.label("staff.sure.no"))
    assert staff("staff.sure.kept", id=1, status=staff.label("staff.status.new")) in shown(kept)
    assert kept[-1].buttons == []
    assert (await stores_of(bot).leads.get(1)).status == "new"
    assert len(client.messages) == told


async def test_not_suitable_then_archived_and_an_archived_card_has_no_buttons(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    await lead_by_chat(bot, content)
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, "Not suitable")
    await press_on_card(bot, maria, 1, "Archived")
    archived = await card(bot, 1)
    undo = Texts(content, "en").label("staff.action.undo")
    assert [label for label, _ in archived.buttons] == [undo] and "🗄 Archived" in archived.text
    bot.clock.advance(timedelta(days=1, minutes=1))
    await press_on_card(bot, maria, 1, undo)  # a day later the card has nothing left to press
    archived = await card(bot, 1)
    assert archived.buttons == [] and "🗄 Archived" in archived.text
    history = await stores_of(bot).leads.history(1)
    assert [(h.old_status, h.new_status) for h in history] == [
        ("new", "unsuitable"), ("unsuitable", "archived")]


async def test_an_out_of_date_card_is_refreshed_not_applied(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    await lead_by_chat(bot, content)
    maria, ivan = staff_member(bot, settings), staff_member(bot, settings, first_name="Ivan")
    old = await card(bot, 1)
    stale_data = dict(old.buttons)["🚫 Not suitable"]
    await press_on_card(bot, maria, 1, "Contacted")
    await ivan.press_data(stale_data, await card(bot, 1))  # drawn when the lead was new
    assert (await stores_of(bot).leads.get(1)).status == "contacted"
    assert len(await stores_of(bot).leads.history(1)) == 1
    assert "Maria" in (await card(bot, 1)).text


async def test_a_new_date_confirms_again_and_is_kept_in_the_history(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    client, maria, prompt = await booking_prompt(bot, content, settings)
    await maria.reply_to(prompt, "2026-12-03 14:30")
    [prompt] = await press_on_card(bot, maria, 1, "New date")
    await maria.reply_to(prompt, "2026-12-05 10:00")
    date, _ = appointment_day(bot.app.bot_data["services"],
                              datetime(2026, 12, 5, 10, tzinfo=UTC), "en", "accusative")
    assert date in client.messages[-2].text and client.last.document is not None
    history = await stores_of(bot).leads.history(1)
    assert [h.new_status for h in history] == ["booked", "booked"]


async def test_staff_hear_when_the_client_cannot_be_reached(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    client, maria, prompt = await booking_prompt(bot, content, settings)
    answer = bot.api.answer

    def blocked(method: str, params: dict[str, Any]) -> tuple[int, bytes]:
        if method == "sendMessage" and params.get("chat_id") == client.id:
            return 403, b'{"ok": false, "error_code": 403, "description": "Forbidden: blocked"}'
        return answer(method, params)

    bot.api.answer = blocked  # type: ignore[method-assign]
    reply = shown(await maria.reply_to(prompt, "2026-12-03 14:30"))
    assert Texts(content, "en")("staff.client_unreachable", id=1) in reply
    assert (await stores_of(bot).leads.get(1)).status == "booked"


async def test_booked_pressed_again_points_to_the_question_already_asked(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """Two quick presses used to post the same question twice; the second now answers the
    first, and a reply to it still books the lead."""
    staff = Texts(content, "en")
    await lead_by_chat(bot, content, user_id=2002)
    maria = staff_member(bot, settings)
    [prompt] = await press_on_card(bot, maria, 1, "Booked")
    [again] = await press_on_card(bot, maria, 1, "Booked")
    assert again.text == staff("staff.booked.asked", id=1)
    assert again.reply_to == prompt.message_id
    assert len([m for m in bot.staff_chat() if staff("staff.booked.ask", id=1, example="")[:20]
                in m.text]) == 1
    await maria.reply_to(prompt, "2026-12-03 14:30")
    assert (await stores_of(bot).leads.get(1)).status == "booked"


async def test_treated_on_a_request_nobody_acted_on_asks_first(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """One tap on "Treated" under a new request, never contacted and with no visit, told the
    client "the clinic has marked your procedure as done" and started their aftercare week,
    and no button could take it back."""
    staff = Texts(content, "en")
    client = await lead_by_chat(bot, content, user_id=2002)
    maria = staff_member(bot, settings)
    told = len(client.messages)
    sure = await press_on_card(bot, maria, 1, "Treated")
    assert staff("staff.treated.untouched", id=1, name="Olga") in shown(sure)
    assert (await stores_of(bot).leads.get(1)).status == "new"
    assert len(client.messages) == told
    assert await stores_of(bot).aftercare.active_plan(client.id) is None
    await maria.press(staff.label("staff.treated.anyway"))
    assert (await stores_of(bot).leads.get(1)).status == "treated"
    assert await stores_of(bot).aftercare.active_plan(client.id) is not None


async def test_a_client_who_starts_the_week_with_a_request_open_is_told_to_staff(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """"I had my procedure today" pressed by a client whose request staff had not marked
    started the week in silence: the card stayed "New", and nobody knew."""
    t = Texts(content, "en")
    client = await lead_by_chat(bot, content, user_id=2002)
    posts = len(bot.staff_chat())
    await client.send("/menu")
    await client.press(t.label("menu.aftercare"))
    [note] = bot.staff_chat()[posts:]
    assert t("staff.aftercare.self_started", id=1, name="Olga") in note.text


@pytest.mark.parametrize("change", ["client cancels", "staff move", "not suitable"])
async def test_a_week_started_ahead_follows_its_visit(
    bot: Sandbox, content: Content, settings: Settings, change: str
) -> None:
    """Started from the appointment's day, the week stayed when the visit was cancelled or
    moved: "Evening after your procedure" reached a client who never had it."""
    staff, t = Texts(content, "en"), Texts(content, "en")
    client = await lead_by_chat(bot, content, user_id=2002)
    maria = staff_member(bot, settings)
    [prompt] = await press_on_card(bot, maria, 1, "Booked")
    await maria.reply_to(prompt, "2026-11-25 10:00")
    await maria.send("/aftercare 1")
    started = await maria.press(staff.label("staff.aftercare_cmd.start_anyway"))
    assert staff("staff.aftercare_cmd.planned", id=1, name="Olga",
                 date="November 25, 2026") in shown(started)
    stores = stores_of(bot)
    assert (await stores.aftercare.active_plan(client.id)).treated_on == datetime(
        2026, 11, 25).date()
    if change == "client cancels":
        await client.send("/menu")
        await client.press(t.label("menu.appointment"))
        await client.press(t.label("appointment.cancel"))
        await client.press(t.label("appointment.cancel_yes"))
    elif change == "staff move":
        [prompt] = await press_on_card(bot, maria, 1, "New date")
        await maria.reply_to(prompt, "2026-11-27 10:00")
    else:
        await press_on_card(bot, maria, 1, "Not suitable")
        await maria.press(staff.label("staff.call_off.yes"))
    told = len(client.messages)
    bot.clock.advance(timedelta(days=1, hours=9))  # the evening of the first day
    await bot.run_scheduler()
    assert [m.text for m in client.messages[told:]
            if t("aftercare.checkin.question") in m.text] == []
    plan = await stores.aftercare.active_plan(client.id)
    if change == "staff move":
        assert plan is not None and plan.treated_on == datetime(2026, 11, 27).date()
    else:
        assert plan is None


async def test_a_time_too_soon_after_the_last_procedure_is_booked_with_a_warning(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """Staff booked a returning client for the day after her session with no word: the
    client had been told sessions too close together inflame the skin, then got it
    confirmed."""
    staff, t = Texts(content, "en"), Texts(content, "en")
    client = await lead_by_chat(bot, content, user_id=2002)
    await client.send("/menu")
    await client.press(t.label("menu.aftercare"))  # treated today, 24 November
    maria = staff_member(bot, settings)
    [prompt] = await press_on_card(bot, maria, 1, "Booked")
    answer = shown(await maria.reply_to(prompt, "2026-11-25 10:00"))
    assert staff("staff.booked.too_soon", last="November 24, 2026",
                 first="December 8, 2026") in answer
    [prompt] = await press_on_card(bot, maria, 1, "New date")
    answer = shown(await maria.reply_to(prompt, "2026-12-08 10:00"))
    assert "⚠️" not in answer
