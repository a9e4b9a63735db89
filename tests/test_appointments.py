"""A booked client is reminded the evening before and on the morning of the visit, in their
language, and answers with a button: staff see the answer on the card and in the chat."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from markupsafe import escape

from bot.config import Settings
from bot.content import Content
from bot.content.i18n import format_hour, format_when
from bot.devtools.sandbox import ChatUser, Sandbox, Sent
from bot.flows.dates import appointment_day
from tests.appointments import EVE, VISIT, book, move_to, reminded
from tests.chat import Texts, shown
from tests.desk import booking_prompt, card, press_on_card, staff_member, stores_of

pytestmark = pytest.mark.engines


def text_messages(client: ChatUser) -> list[Sent]:
    return [m for m in client.messages if m.document is None]


async def test_the_client_is_reminded_the_evening_before_and_that_morning(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t = Texts(content, language)
    client = await book(bot, content, settings, language=language)
    date, time = appointment_day(bot.app.bot_data["services"], VISIT, language, "on")
    move_to(bot, EVE - timedelta(minutes=1))
    assert await bot.run_scheduler() == 0
    move_to(bot, EVE)
    assert await bot.run_scheduler() == 1
    eve = client.last
    assert t("appointment.reminder.eve", clinic=settings.clinic_name, date=date, time=time) \
        in eve.text
    assert {"en": "tomorrow, <b>Wednesday", "ru": "завтра, <b>в среду"}[language] in eve.text
    # "в вторник" was no Russian
    tuesday = appointment_day(bot.app.bot_data["services"], VISIT - timedelta(days=1), "ru",
                              "on")[0]
    assert tuesday.startswith("во вторник")
    assert settings.address in eve.text
    assert [label for label, _ in eve.buttons] == [
        t.label("appointment.confirm"), t.label("appointment.reschedule"),
        t.label("appointment.cancel")]
    move_to(bot, datetime(2026, 12, 2, 8, 0, tzinfo=UTC))
    assert await bot.run_scheduler() == 1
    assert t("appointment.reminder.morning", clinic=settings.clinic_name, time=time) \
        in client.last.text
    assert await bot.run_scheduler() == 0


async def test_the_morning_reminder_does_not_ask_again_once_the_client_said_they_come(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """"✅ I'll come" pressed on the evening reminder, then that morning: "Will you come?
    Please let us know with a button below" again, with the same three buttons."""
    t = Texts(content, language)
    client = await reminded(bot, content, settings, language=language)
    await client.press(t.label("appointment.confirm"))
    move_to(bot, datetime(2026, 12, 2, 8, 0, tzinfo=UTC))
    assert await bot.run_scheduler() == 1
    morning = client.last
    assert t("appointment.reminder.ask") not in morning.text
    assert t("appointment.reminder.confirmed") in morning.text
    assert [label for label, _ in morning.buttons] == [
        t.label("appointment.reschedule"), t.label("appointment.cancel")]


async def test_the_confirmation_brings_a_calendar_file_and_mentions_the_reminders(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    t = Texts(content, "en")
    client = await book(bot, content, settings)
    confirmation, ics = client.messages[-2:]
    assert t("booking.confirmed.note") in confirmation.text
    assert ics.document is not None and ics.document["filename"] == "appointment.ics"
    calendar = ics.document["content"].decode()
    assert "DTSTART:20261202T090000Z" in calendar and "DTEND:20261202T100000Z" in calendar
    assert "BEGIN:VEVENT" in calendar and "LOCATION:" in calendar


async def test_reminders_wait_for_quiet_hours_to_end(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    client, maria, prompt = await booking_prompt(bot, content, settings)
    await maria.reply_to(prompt, "2.12 10:00")
    stores = stores_of(bot)
    lead = await stores.leads.get(1)
    assert lead is not None and lead.appointment_at is not None
    await stores.appointments.plan(1, lead.appointment_at,
                                   [("eve", datetime(2026, 12, 1, 22, 30, tzinfo=UTC))])
    received = len(client.messages)
    move_to(bot, datetime(2026, 12, 1, 22, 51, tzinfo=UTC))
    assert await bot.run_scheduler() == 0
    move_to(bot, datetime(2026, 12, 2, 7, 59, tzinfo=UTC))
    assert await bot.run_scheduler() == 0
    assert len(client.messages) == received
    move_to(bot, datetime(2026, 12, 2, 8, 0, tzinfo=UTC))
    assert await bot.run_scheduler() == 0  # that evening is over: skipped, not sent late


async def test_after_downtime_a_reminder_for_a_past_appointment_is_skipped(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    client = await book(bot, content, settings)
    received = len(client.messages)
    await bot.restart()
    move_to(bot, VISIT + timedelta(hours=1))
    assert await bot.run_scheduler() == 0
    assert len(client.messages) == received


async def test_confirm_marks_the_card(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t, staff = Texts(content, language), Texts(content, "en")
    client = await reminded(bot, content, settings, language=language)
    await client.press(t.label("appointment.confirm"))
    assert t("appointment.confirmed") in client.last.text
    assert staff("staff.card.answer.confirm") in (await card(bot, 1)).text


@pytest.mark.parametrize("language, said", [
    ("en", "yes I'll be there"), ("en", "I’ll come"), ("ru", "да, буду"), ("en", "yes"),
    ("ru", "да")])
async def test_a_yes_typed_under_the_reminder_confirms_as_its_button(
    bot: Sandbox, content: Content, settings: Settings, language: str, said: str
) -> None:
    """"yes I'll be there" typed under the evening reminder was offered to staff as a question,
    and the card never showed that the client confirmed."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = await reminded(bot, content, settings, language=language)
    reply = shown(await client.send(said))
    assert t("appointment.confirmed") in reply and t("faq.no_match") not in reply
    assert staff("staff.card.answer.confirm") in (await card(bot, 1)).text


@pytest.mark.parametrize("language, said", [
    ("ru", "буду, но могу опоздать минут на 10"), ("ru", "буду"),
    ("en", "I'll be there but might be a bit late")])
async def test_a_yes_with_more_typed_under_the_reminder_confirms_and_reaches_staff(
    bot: Sandbox, content: Content, settings: Settings, language: str, said: str
) -> None:
    """"буду, но могу опоздать минут на 10" under "Will you come?" got the page on how long
    the procedure takes: the visit was never confirmed, and staff never heard she may be
    late."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = await reminded(bot, content, settings, language=language)
    posts = len(bot.staff_chat())
    assert t("appointment.confirmed") in shown(await client.send(said))
    assert staff("staff.card.answer.confirm") in (await card(bot, 1)).text
    if len(said.split()) > 1:
        assert [m for m in bot.staff_chat()[posts:] if str(escape(said)) in m.text]


@pytest.mark.parametrize("language, said", [
    ("en", "no"), ("en", "sorry, can't make it"), ("ru", "нет"), ("ru", "не смогу")])
async def test_a_no_typed_under_the_reminder_asks_to_cancel_as_its_button(
    bot: Sandbox, content: Content, settings: Settings, language: str, said: str
) -> None:
    """"no" typed under "Will you come?" got "👍" and the menu: the clinic still expected the
    client, and nobody asked whether to cancel."""
    t = Texts(content, language)
    client = await reminded(bot, content, settings, language=language)
    await client.send(said)
    assert t.label("appointment.cancel_yes") in {label for label, _ in client.last.buttons}
    await client.press(t.label("appointment.cancel_yes"))
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and lead.status == "client_cancelled"


@pytest.mark.parametrize("language, said", [
    ("ru", "не смогу, перенесите"), ("en", "sorry, could you reschedule me?")])
async def test_a_move_typed_under_the_reminder_is_its_reschedule(
    bot: Sandbox, content: Content, settings: Settings, language: str, said: str
) -> None:
    """"не смогу, перенесите" under the reminder asked "Cancel your appointment?": a "да" to
    it cancelled the visit the client asked to move."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = await reminded(bot, content, settings, language=language)
    reply = await client.send(said)
    assert t("appointment.rescheduling") in shown(reply)
    assert all(t.label("appointment.cancel_yes") not in {label for label, _ in m.buttons}
               for m in reply)
    assert staff("staff.card.answer.reschedule") in (await card(bot, 1)).text
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and lead.status == "booked"


def calendar_field(calendar: str, name: str) -> str:
    [line] = [x for x in calendar.splitlines() if x.startswith(name + ":")]
    return line.partition(":")[2]


@pytest.mark.parametrize("by", ["client", "clinic"])
async def test_a_cancelled_visit_sends_a_file_that_cancels_the_calendar_event(
    bot: Sandbox, content: Content, settings: Settings, by: str
) -> None:
    """The confirmation's calendar file put the visit in the client's calendar; cancelling
    it, by the client or by the clinic, left the event there, and the client might come."""
    t, staff = Texts(content, "en"), Texts(content, "en")
    client = await book(bot, content, settings)
    added = client.messages[-1].document["content"].decode()
    bot.clock.advance(timedelta(minutes=5))
    if by == "client":
        await client.send("/appointment")
        await client.press(t.label("appointment.cancel"))
        await client.press(t.label("appointment.cancel_yes"))
    else:
        maria = staff_member(bot, settings)
        await press_on_card(bot, maria, 1, staff.label("staff.status.archived"))
        await maria.press(staff.label("staff.call_off.yes"))
    [file] = [m for m in client.messages if m.document is not None][1:]
    cancelling = file.document["content"].decode()
    assert calendar_field(cancelling, "UID") == calendar_field(added, "UID")
    assert int(calendar_field(cancelling, "SEQUENCE")) > int(calendar_field(added, "SEQUENCE"))
    assert calendar_field(cancelling, "STATUS") == "CANCELLED"
    assert calendar_field(cancelling, "DTSTART") == calendar_field(added, "DTSTART")


@pytest.mark.parametrize("answer", ["reschedule", "cancel"])
async def test_reschedule_and_cancel_tell_the_staff_chat(
    bot: Sandbox, content: Content, settings: Settings, answer: str
) -> None:
    t = Texts(content, "en")
    client = await reminded(bot, content, settings)
    await client.press(t.label(f"appointment.{answer}"))
    if answer == "cancel":
        await client.press(t.label("appointment.cancel_yes"))
    assert t({"reschedule": "appointment.rescheduling", "cancel": "appointment.cancelled"}[
        answer]) in text_messages(client)[-1].text
    when = format_when(VISIT, "en", settings.timezone)
    assert bot.staff_chat()[-1].text == t(f"staff.appointment.{answer}", id=1, name="Olga",
                                          when=when)
    shows = {"reschedule": t("staff.card.answer.reschedule"),
             "cancel": t.label("staff.status.client_cancelled")}[answer]
    assert shows in (await card(bot, 1)).text
    move_to(bot, datetime(2026, 12, 2, 8, 0, tzinfo=UTC))
    assert await bot.run_scheduler() == 0  # no morning reminder after that answer


async def test_a_new_time_says_it_moved_and_replaces_the_reminders(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t = Texts(content, language)
    client = await reminded(bot, content, settings, language=language)
    old_reminder = client.last
    maria = staff_member(bot, settings)
    [prompt] = await press_on_card(bot, maria, 1, "New date")
    await maria.reply_to(prompt, "4.12 15:00")
    new = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)
    services = bot.app.bot_data["services"]
    date, time = appointment_day(services, new, language, "accusative")
    before = ", ".join(appointment_day(services, VISIT, language, "genitive"))
    moved = text_messages(client)[-1].text
    assert t("booking.moved", clinic=settings.clinic_name, before=before, date=date,
             time=time) in moved
    date, time = appointment_day(services, new, language, "on")
    move_to(bot, datetime(2026, 12, 2, 8, 0, tzinfo=UTC))
    assert await bot.run_scheduler() == 0  # the old morning reminder is gone
    await client.press_data(dict(old_reminder.buttons)[t.label("appointment.confirm")],
                            old_reminder)
    assert t("appointment.stale") in client.last.text
    move_to(bot, datetime(2026, 12, 3, 18, 0, tzinfo=UTC))
    assert await bot.run_scheduler() == 1
    assert t("appointment.reminder.eve", clinic=settings.clinic_name, date=date, time=time) \
        in client.last.text


async def test_a_reminder_answered_after_the_visit_was_marked_done_says_so(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """"✅ I'll come" pressed under the morning reminder once the visit was marked done said
    "your appointment has changed since": it had not; it had taken place."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = await reminded(bot, content, settings, language=language)
    reminder = client.last
    move_to(bot, VISIT + timedelta(hours=1))
    await press_on_card(bot, staff_member(bot, settings), 1, staff.label("staff.status.treated"))
    reply = shown(await client.press_data(
        dict(reminder.buttons)[t.label("appointment.confirm")], reminder))
    assert t("appointment.done") in reply and t("appointment.stale") not in reply


async def test_an_answer_after_the_appointment_has_begun_changes_nothing(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    t = Texts(content, "en")
    client = await reminded(bot, content, settings)
    move_to(bot, VISIT + timedelta(minutes=5))
    await client.press(t.label("appointment.confirm"))
    _, time = appointment_day(bot.app.bot_data["services"], VISIT, "en")
    assert t("appointment.begun", time=time, phone=settings.phone) in client.last.text
    assert t("staff.card.answer.confirm") not in (await card(bot, 1)).text


@pytest.mark.engines("sqlite")
async def test_the_calendar_file_keeps_the_clinics_details_inside_their_fields(
    bot: Sandbox, settings: Settings
) -> None:
    """Line breaks, `;` and `,` in the configuration are escaped as RFC 5545 says, and long
    lines folded at 75 octets, so no detail can start a line (a property) of its own."""
    from dataclasses import replace as replaced
    from types import SimpleNamespace

    from bot.flows.staff.booked import calendar_file

    name = "Lumière; Skin, Clinic\r\nATTENDEE:mailto:x@example.com"
    address = "Flat 3, 12 Rose Street;\rLondon\nEC1 " + "Ω" * 60
    services = replaced(bot.app.bot_data["services"],
                        settings=replaced(settings, clinic_name=name, address=address))
    ics = calendar_file(services, SimpleNamespace(id=1), VISIT, "en").content.decode()
    assert ics.endswith("\r\n") and "\r" not in ics.replace("\r\n", "")
    assert "\n" not in ics.replace("\r\n", "")
    physical = ics.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in physical)
    unfolded = "\r\n".join(physical).replace("\r\n ", "").split("\r\n")
    names = [line.split(":", 1)[0].split(";", 1)[0] for line in unfolded]
    assert names == ["BEGIN", "VERSION", "PRODID", "BEGIN", "UID", "SEQUENCE", "DTSTAMP",
                     "DTSTART", "DTEND", "SUMMARY", "LOCATION", "END", "END"]
    location = unfolded[names.index("LOCATION")].split(":", 1)[1]
    assert location == ("Flat 3\\, 12 Rose Street\\;\\nLondon\\nEC1 " + "Ω" * 60)
    assert "Lumière\\; Skin\\, Clinic\\nATTENDEE:mailto:x@example.com" in unfolded[
        names.index("SUMMARY")]


async def test_stop_ends_the_appointment_reminders_and_keeps_the_appointment(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """A booked client's "stop the reminders" left the evening and morning reminders coming."""
    t = Texts(content, language)
    client = await book(bot, content, settings, language=language)
    words = {"en": "stop the reminders", "ru": "отключите напоминания"}[language]
    reply = shown(await client.send(words))
    date, time = appointment_day(bot.app.bot_data["services"], VISIT, language)
    assert t("aftercare.stopped") in reply
    assert t("stop.appointment_kept", date=date, time=time) in reply
    move_to(bot, EVE)
    assert await bot.run_scheduler() == 0
    move_to(bot, datetime(2026, 12, 2, 8, 0, tzinfo=UTC))
    assert await bot.run_scheduler() == 0
    [lead] = await stores_of(bot).database.all("SELECT status, appointment_at FROM leads")
    assert lead[0] == "booked" and lead[1] is not None


@pytest.mark.parametrize("status", ["staff.status.archived", "staff.status.unsuitable"])
async def test_a_visit_the_clinic_calls_off_is_told_to_the_client_and_undo_restores_it(
    bot: Sandbox, content: Content, settings: Settings, language: str, status: str
) -> None:
    """"Archived" or "Not suitable" on a booked lead stopped the reminders and said nothing:
    the client, holding a confirmation and a calendar file, would come to a cancelled visit."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = await book(bot, content, settings, language=language)
    date, time = appointment_day(bot.app.bot_data["services"], VISIT, language, "accusative")
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, staff.label(status))
    await maria.press(staff.label("staff.call_off.yes"))
    assert t("appointment.called_off", date=date, time=time, phone=settings.phone) \
        in shown(text_messages(client)[-1:])
    # "Клиника отменила вашу запись, пятница, 11 декабря" lacked its "на".
    assert {"en": "appointment on <b>Wednesday", "ru": "вашу запись на <b>среду"}[language] \
        in shown(text_messages(client)[-1:])
    await press_on_card(bot, maria, 1, staff.label("staff.action.undo"))
    assert t("booking.confirmed.note") in shown(text_messages(client)[-1:])
    move_to(bot, EVE)
    assert await bot.run_scheduler() == 1  # the reminders are back with the visit


@pytest.mark.parametrize("status", ["staff.status.archived", "staff.status.unsuitable"])
async def test_calling_off_a_visit_ahead_is_asked_first_and_no_leaves_it(
    bot: Sandbox, content: Content, settings: Settings, language: str, status: str
) -> None:
    """One tap on "Archived" or "Not suitable" under a booked card told the client at once
    that the clinic had cancelled their visit; the undo that followed a mis-tap sent a second
    message taking it back. The card now asks first, and "No" leaves everything as it was."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = await book(bot, content, settings, language=language)
    told = len(client.messages)
    maria = staff_member(bot, settings)
    when = format_when(VISIT, "en", settings.timezone)
    asked = await press_on_card(bot, maria, 1, staff.label(status))
    assert staff("staff.call_off.ahead", id=1, name=client.user["first_name"], when=when,
                 status=staff.label(status)) in shown(asked)
    assert len(client.messages) == told
    assert (await stores_of(bot).leads.get(1)).status == "booked"
    kept = await maria.press(staff.label("staff.sure.no"))
    assert staff("staff.sure.kept", id=1, status=staff.label("staff.status.booked")) \
        in shown(kept)
    assert kept[-1].buttons == []  # the question, edited: nothing left to press on it
    assert len(client.messages) == told
    move_to(bot, EVE)
    assert await bot.run_scheduler() == 1
    assert len(client.messages) == told + 1  # the evening's reminder, and nothing else
    assert t.label("appointment.confirm") in dict(client.last.buttons)


async def test_contacted_on_a_booked_card_calls_the_visit_off_and_keeps_the_request(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """A client who will call back to rebook: the desk could only mark a booked lead "Not
    suitable" or "Archived", which filed a client still to follow up as turned down or done.
    "Contacted" on a booked card now calls the visit off, asked first, and keeps the request
    open, its seat free and a new time to be booked."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = await book(bot, content, settings, language=language)
    date, time = appointment_day(bot.app.bot_data["services"], VISIT, language, "accusative")
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, staff.label("staff.status.contacted"))
    assert (await stores_of(bot).leads.get(1)).status == "booked"
    await maria.press(staff.label("staff.call_off.yes"))
    lead = await stores_of(bot).leads.get(1)
    assert lead.status == "contacted" and lead.appointment_at is None
    assert t("appointment.called_off", date=date, time=time, phone=settings.phone) \
        in shown(text_messages(client)[-1:])
    buttons = [label for label, _ in (await card(bot, 1)).buttons]
    assert staff.label("staff.status.booked") in buttons
    move_to(bot, EVE)
    assert await bot.run_scheduler() == 0  # no reminder of a visit called off


async def test_a_call_off_confirmed_says_so_under_the_question(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    await book(bot, content, settings)
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, staff.label("staff.status.unsuitable"))
    done = await maria.press(staff.label("staff.call_off.yes"))
    assert staff("staff.sure.done", id=1, status=staff.label("staff.status.unsuitable")) \
        in shown(done)
    assert (await stores_of(bot).leads.get(1)).status == "unsuitable"


async def test_erasing_ones_data_warns_that_the_appointment_goes_with_it(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """/forget listed what would be erased and said nothing of the confirmed visit."""
    t = Texts(content, language)
    client = await book(bot, content, settings, language=language)
    date, time = appointment_day(bot.app.bot_data["services"], VISIT, language)
    reply = shown(await client.send("/forget"))
    assert t("privacy.forget.confirm") in reply
    assert t("privacy.forget.appointment", date=date, time=time) in reply


async def test_a_visit_begun_is_still_shown_and_its_buttons_say_so(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """A minute after the appointment's time, "My appointment" said there was none, and the
    morning reminder's buttons that the time had changed: a client running late lost the
    address."""
    t = Texts(content, "en")
    client = await book(bot, content, settings)
    move_to(bot, datetime(2026, 12, 2, 8, 0, tzinfo=UTC))
    await bot.run_scheduler()
    reminder = client.last
    move_to(bot, VISIT + timedelta(minutes=5))
    date, time = appointment_day(bot.app.bot_data["services"], VISIT, "en")
    reply = shown(await client.send("/appointment"))
    assert t("appointment.begun", time=time, phone=settings.phone) in reply
    assert t("my_appointment.none") not in reply
    reply = shown(await client.press_data(reminder.buttons[2][1], reminder))  # Cancel
    assert t("appointment.begun", time=time, phone=settings.phone) in reply
    assert t("appointment.stale") not in reply


async def test_treated_before_the_booked_time_on_the_day_is_no_cancellation(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """A client seen earlier than booked, marked Treated that morning, was told "the clinic
    has cancelled your appointment" right after the procedure."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = await book(bot, content, settings, language=language)
    move_to(bot, VISIT - timedelta(hours=2))
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, staff.label("staff.status.treated"))
    date, time = appointment_day(bot.app.bot_data["services"], VISIT, language)
    said = shown(client.messages[-3:])
    assert t("appointment.called_off", date=date, time=time, phone=settings.phone) not in said
    assert (await stores_of(bot).leads.get(1)).status == "treated"
    assert await stores_of(bot).aftercare.active_plan(client.id) is not None


async def test_treated_by_staff_tells_the_client_their_week_begins(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """Marked Treated by staff, the client heard nothing until the evening's first aftercare
    message, with no word of what the week is or of /stop, which "I had my procedure today"
    tells at once."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = await book(bot, content, settings, language=language)
    move_to(bot, VISIT + timedelta(hours=1))
    maria = staff_member(bot, settings)
    sent = len(client.messages)
    await press_on_card(bot, maria, 1, staff.label("staff.status.treated"))
    said = shown(client.messages[sent:])
    hour = format_hour(settings.nudge_hour, settings.timezone, VISIT, language)
    assert said.startswith(t("aftercare.started_by_clinic", time=hour)) and "/stop" in said


async def test_a_visit_whose_time_passed_unmarked_lets_the_client_book_again(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """Days after a visit staff never marked (or the client missed), "Book" said "your request
    is already with the clinic" and the reminder's buttons that the time had changed: the
    client could only ask for a person."""
    t = Texts(content, language)
    client = await reminded(bot, content, settings, language=language)
    reminder = client.last
    move_to(bot, VISIT + timedelta(days=3))
    date, time = appointment_day(bot.app.bot_data["services"], VISIT, language)
    reply = shown(await client.press_data(reminder.buttons[1][1], reminder))  # Reschedule
    assert t("appointment.over", date=date, time=time) in reply
    assert t("appointment.stale") not in reply
    reply = shown(await client.press(t.label("menu.booking")))
    assert t("booking.already_open", id=1) not in reply
    assert t("booking.ask_contact") in reply


async def test_a_clients_stop_holds_against_what_staff_do_next(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """After /stop ("I won't send you any more aftercare messages or reminders"), staff moving
    the time planned its reminders again, and Treated sent the whole aftercare week."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = await book(bot, content, settings, language=language)
    when = format_when(bot.clock.now(), "en", settings.timezone)
    await client.send("/stop")
    stopped = len(client.messages)
    maria = staff_member(bot, settings)
    [prompt] = await press_on_card(bot, maria, 1, staff.label("staff.action.rebook"))
    await maria.reply_to(prompt, "3.12 9:00")  # the visit moved a day on: the client is told
    assert t("booking.confirmed.note_none") in shown(client.messages[stopped:])
    told = len(client.messages)
    for moment in (EVE + timedelta(days=1), VISIT + timedelta(days=1, hours=-1)):
        move_to(bot, moment)
        await bot.run_scheduler()
    assert len(client.messages) == told  # no reminders of the new time
    move_to(bot, VISIT + timedelta(days=1, hours=1))
    await press_on_card(bot, maria, 1, staff.label("staff.status.treated"))
    name = client.user["first_name"]
    warning = staff("staff.aftercare_cmd.stopped", id=1, name=name, when=when)
    assert warning in shown(bot.staff_chat()[-2:])
    for _ in range(9):
        bot.clock.advance(timedelta(days=1))
        await bot.run_scheduler()
    assert len(client.messages) == told  # no aftercare week
    [ask] = await maria.send("/aftercare 1")
    assert warning in ask.text
    started = shown(await maria.press_data(ask.buttons[0][1], ask))  # agreed with the client
    assert staff("staff.aftercare_cmd.started", id=1, name=name) in started
    assert await stores_of(bot).aftercare.active_plan(client.id) is not None


async def test_aftercare_asked_after_the_week_ended_tells_how_it_went(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """"/aftercare 1" to check on a week that had ended started it again: the client got "the
    evening after your procedure" a week after it."""
    staff = Texts(content, "en")
    client = await book(bot, content, settings)
    move_to(bot, VISIT + timedelta(hours=1))
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, staff.label("staff.status.treated"))
    for _ in range(9):
        bot.clock.advance(timedelta(days=1))
        await bot.run_scheduler()
    before = len(client.messages)
    reply = shown(await maria.send("/aftercare 1"))
    total = len(content.aftercare.days)
    ended = staff("staff.aftercare_cmd.ended", id=1, name=client.user["first_name"], day=9,
                  sent=total, total=total, problems=0)
    assert ended.split(";")[0] in reply  # the day-0 evening, never run at, was skipped
    bot.clock.advance(timedelta(days=1))
    await bot.run_scheduler()
    assert len(client.messages) == before


async def test_the_confirmation_promises_only_the_reminders_that_will_come(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """Booked at 19:19 for 9:00 the next morning, the client was promised a reminder the
    evening before, which had passed."""
    t = Texts(content, language)
    move_to(bot, EVE + timedelta(hours=1, minutes=19))
    client = await book(bot, content, settings, language=language)
    confirmation = shown(client.messages[-3:])
    assert t("booking.confirmed.note_morning") in confirmation
    assert t("booking.confirmed.note") not in confirmation


async def test_erasing_a_booked_clients_data_tells_staff_the_time_is_free(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """A booked client's /forget left only the card edited to "erased": /today lost the visit
    and nothing said the booked time was free."""
    t, staff = Texts(content, "en"), Texts(content, "en")
    client = await book(bot, content, settings)
    await client.send("/forget")
    await client.press(t.label("privacy.forget.yes"))
    when = format_when(VISIT, "en", settings.timezone)
    [notice] = [m for m in bot.staff_chat()
                if staff("staff.erased.appointment", id=1, when=when) in m.text]
    assert "Olga" not in notice.text


async def test_a_reminder_pressed_after_erasure_says_the_appointment_is_gone(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """After /forget, the old reminder's buttons said the appointment "has changed since" and
    pointed to a later message from the clinic that would never come."""
    t = Texts(content, "en")
    client = await reminded(bot, content, settings)
    reminder = client.last
    await client.send("/forget")
    await client.press(t.label("privacy.forget.yes"))
    reply = shown(await client.press_data(reminder.buttons[0][1], reminder))
    assert t("appointment.gone") in reply
    assert t("appointment.stale") not in reply


async def test_treated_marked_the_morning_after_counts_the_week_from_the_visit(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """Treated pressed the morning after the visit sent "the evening after your procedure"
    that evening, a day late, and every later day of the week late with it."""
    t, staff = Texts(content, "en"), Texts(content, "en")
    client = await book(bot, content, settings)
    move_to(bot, VISIT + timedelta(days=1, minutes=25))
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, staff.label("staff.status.treated"))
    before = len(client.messages)
    for _ in range(14):
        bot.clock.advance(timedelta(hours=1))
        await bot.run_scheduler()
    said = shown(client.messages[before:])
    first_line = str(t("aftercare.day.1")).splitlines()[0]
    assert first_line in said
    assert str(t("aftercare.day.0")).splitlines()[0] not in said


async def test_the_history_names_the_client_for_what_the_client_did(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """A client's own cancellation showed in /lead's history as a bare Telegram id."""
    t = Texts(content, "en")
    client = await reminded(bot, content, settings)
    reminder = client.last
    await client.press_data(reminder.buttons[2][1], reminder)  # Cancel
    await client.press(t.label("appointment.cancel_yes"))
    [full] = await staff_member(bot, settings).send("/lead 1")
    assert f"({client.id})" not in full.text
    assert f"({client.user['first_name']})" in full.text


async def test_aftercare_asked_of_a_week_the_client_stopped_says_so(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """"/aftercare 1" of a week the client stopped on day 0 said "the aftercare week is over",
    as if it had run."""
    staff = Texts(content, "en")
    client = await book(bot, content, settings)
    move_to(bot, VISIT + timedelta(hours=1))
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, staff.label("staff.status.treated"))
    await client.send("/stop")
    reply = shown(await maria.send("/aftercare 1"))
    total = len(content.aftercare.days)
    assert staff("staff.aftercare_cmd.stopped_week", id=1, name=client.user["first_name"],
                 day=0, sent=0, total=total, problems=0) in reply


async def test_a_moved_visit_updates_the_calendar_event_rather_than_adding_one(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """Each confirmation's calendar file named its event after the time, so a move added a
    second event and the old one stayed in the client's calendar."""
    staff = Texts(content, "en")
    client = await book(bot, content, settings)
    first = client.messages[-1].document["content"].decode()
    bot.clock.advance(timedelta(minutes=5))
    [prompt] = await press_on_card(bot, staff_member(bot, settings), 1,
                                   staff.label("staff.action.rebook"))
    await staff_member(bot, settings).reply_to(prompt, "3.12 9:00")
    moved = client.messages[-1].document["content"].decode()

    def field(calendar: str, name: str) -> str:
        [line] = [x for x in calendar.splitlines() if x.startswith(name + ":")]
        return line

    assert "DTSTART:20261203T090000Z" in moved
    assert field(first, "UID") == field(moved, "UID")
    assert int(field(moved, "SEQUENCE")[9:]) > int(field(first, "SEQUENCE")[9:])


async def test_the_same_time_entered_again_tells_the_client_nothing(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """The booked time typed again under "New date", to check it, told the client "moved from
    Wednesday, 2 December, 09:00 to Wednesday, 2 December, 09:00" with a new calendar file."""
    staff = Texts(content, "en")
    client = await reminded(bot, content, settings)
    told = len(client.messages)
    maria = staff_member(bot, settings)
    [prompt] = await press_on_card(bot, maria, 1, "New date")
    [answer] = await maria.reply_to(prompt, "2.12 9:00")
    assert len(client.messages) == told
    assert staff("staff.booked.unchanged", id=1, when=format_when(
        VISIT, "en", settings.timezone)) in answer.text
    move_to(bot, datetime(2026, 12, 2, 8, 0, tzinfo=UTC))
    assert await bot.run_scheduler() == 1  # the morning reminder still comes
