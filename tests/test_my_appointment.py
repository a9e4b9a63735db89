""""My appointment": the time, the address and the status, from the menu, /appointment or a
typed question, with Reschedule (a new free slot) and Cancel (the time is free again)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import ChatUser, Sandbox
from tests.appointments import move_to
from tests.chat import Texts, shown
from tests.desk import card, press_on_card, staff_member, stores_of
from tests.slots import at_picker, buttons, pick_first_slot, with_slots

pytestmark = pytest.mark.engines


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return with_slots(settings)


async def held(bot: Sandbox, content: Content, language: str) -> ChatUser:
    client = await at_picker(bot, content, language=language)
    await client.press_data(buttons(client.last, "sday:")[4][1], client.last)
    await client.press_data(buttons(client.last, "stime:")[0][1], client.last)
    return client


async def test_my_appointment_shows_time_address_and_status(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t = Texts(content, language)
    client = await held(bot, content, language)
    for ask in ("/appointment", {"en": "when is my booking?", "ru": "когда у меня запись?"}[
            language]):
        reply = shown(await client.send(ask))
        assert t("my_appointment.held") in reply and settings.address in reply
    reply = shown(await client.press(t.label("menu.appointment")))
    assert t.label("appointment.reschedule") in str(client.last.buttons)


async def test_book_pressed_with_a_visit_held_shows_the_visit(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """"Book a consultation" pressed by a client holding a time ended in "Sorry, something
    went wrong on our side": a button, with no words to read, made the day reader fail."""
    t = Texts(content, language)
    client = await held(bot, content, language)
    await client.send("/menu")
    reply = shown(await client.press(t.label("menu.booking")))
    assert t("my_appointment.held") in reply and settings.address in reply
    assert t("error.internal") not in reply


@pytest.mark.parametrize("language, text", [
    ("en", "cancel my appointment"), ("en", "I need to cancel the appointment, sorry"),
    ("en", "can I cancel my appt?"), ("en", "i need to cancel"), ("ru", "хочу отменить запись"),
    ("ru", "отмените мою запись пожалуйста"), ("ru", "мне нужно отменить")])
async def test_asking_to_cancel_asks_whether_to_cancel_the_appointment(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"cancel my appointment" was offered to staff as a question nothing answers; then it
    showed the appointment, and the client's "да" to it got "👍" while the visit stayed
    booked: she thought it cancelled."""
    t = Texts(content, language)
    client = await held(bot, content, language)
    reply = shown(await client.send(text))
    assert t.label("appointment.cancel_yes") in {label for label, _ in client.last.buttons}
    assert t("faq.no_match") not in reply
    assert t("appointment.cancelled") in shown(await client.send(
        {"en": "yes", "ru": "да"}[language]))
    lead = await stores_of(bot).leads.get(1)
    assert lead.status == "client_cancelled"


@pytest.mark.parametrize("language, text", [
    ("en", "could i come the day after tomorrow instead"),
    ("en", "sorry something came up, i can't make it on friday"),
    ("en", "can we move it to next week?"), ("ru", "можно вместо пятницы в субботу?")])
async def test_saying_plans_changed_shows_the_appointment_with_its_move_and_cancel(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"i need to cancel" got the page about a course of sessions, and "could i come the day
    after tomorrow instead" the aftercare page: words a client with an appointment says of
    it, read as questions about the procedure."""
    t = Texts(content, language)
    client = await held(bot, content, language)
    sent = await client.send(text)
    assert t("my_appointment.held") in shown(sent)
    assert {t.label("appointment.reschedule"), t.label("appointment.cancel")} <= {
        label for message in sent for label, _ in message.buttons}


@pytest.mark.parametrize("language, text", [
    ("en", "i need to cancel"), ("ru", "мне нужно отменить"),
    ("ru", "какие у вас условия отмены?")])
async def test_cancelling_with_no_appointment_here_is_offered_to_a_person(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """No appointment in the bot: one booked by phone, or a question about cancelling ("what
    are your terms of cancellation" got the price page). A person answers, rather than the
    topic page the words look like."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    assert t("faq.no_match") in shown(await client.send(text))


@pytest.mark.parametrize("language, text, topic", [
    ("en", "can i use my own serum instead of your cream after the procedure?", "aftercare"),
    ("ru", "можно вместо крема после процедуры мазать свою сыворотку?", "aftercare")])
async def test_instead_without_a_day_is_still_a_question(
    bot: Sandbox, content: Content, language: str, text: str, topic: str
) -> None:
    """"Instead" asks to move the visit only beside a day; otherwise it is the question's."""
    t = Texts(content, language)
    client = await held(bot, content, language)
    reply = shown(await client.send(text))
    assert t("my_appointment.held") not in reply


@pytest.mark.parametrize("language, text", [
    ("en", "actually my period will probably start that day, can we move it to next week?"),
    ("ru", "в тот день у меня будут месячные, можно перенести на следующую неделю?")])
async def test_moving_because_of_a_period_shows_the_appointment_with_the_tip(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """A period is a matter of when: the client got the tip, "a specialist decides" and the
    check again, and never the Reschedule of their appointment."""
    t = Texts(content, language)
    client = await held(bot, content, language)
    reply = shown(await client.send(text))
    assert t("booking.tip.menstruation") in reply and t("my_appointment.held") in reply
    assert t.label("appointment.reschedule") in str(client.last.buttons)
    assert t("health.unknown_besides") not in reply


@pytest.mark.parametrize("language, text", [
    ("en", "i need to cancel, i just found out i'm pregnant"),
    ("ru", "ой не смогу завтра, заболела, температура")])
async def test_cancelling_because_of_health_gets_the_health_answer_then_the_appointment(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"не смогу завтра, заболела, температура" got the caution about a fever and nothing of
    the visit, which stayed booked while staff heard only that health was told: the health
    answer comes first, then the appointment with its Reschedule and Cancel."""
    t = Texts(content, language)
    client = await held(bot, content, language)
    reply = shown(await client.send(text))
    assert 0 <= reply.index(t("health.unknown")) < reply.index(t("my_appointment.held"))
    assert {t.label("appointment.reschedule"), t.label("appointment.cancel")} <= {
        label for label, _ in client.last.buttons}


async def test_cancel_frees_the_slot_and_rescheduling_moves_it(
    bot: Sandbox, content: Content, language: str
) -> None:
    t, staff = Texts(content, language), Texts(content, "en")
    client = await held(bot, content, language)
    await client.send("/appointment")
    await client.press(t.label("appointment.reschedule"))
    await client.press_data(buttons(client.last, "sday:")[4][1], client.last)
    held_at = int((await stores_of(bot).leads.get(1)).appointment_at.timestamp())
    assert f"stime:1:{held_at}" not in str(buttons(client.last, "stime:"))  # it is taken
    new = buttons(client.last, "stime:")[1]
    await client.press_data(new[1], client.last)
    assert "🔁" in bot.staff_chat()[-1].text
    await client.send("/appointment")
    ask = shown(await client.press(t.label("appointment.cancel")))
    assert (await stores_of(bot).leads.get(1)).status == "new" and ask
    assert t("appointment.cancelled") in shown(await client.press(t.label(
        "appointment.cancel_yes")))
    assert staff.label("staff.status.client_cancelled") in (await card(bot, 1)).text
    other = await at_picker(bot, content, user_id=1002, language=language)
    await other.press_data(buttons(other.last, "sday:")[4][1], other.last)
    assert new[1].split(":")[2] in str(buttons(other.last, "stime:"))
    assert (await stores_of(bot).leads.get(1)).status == "client_cancelled"
    reply = shown(await client.press(t.label("my_appointment.book_again")))
    assert t("booking.already_open", id=1) not in reply


FRIDAY = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # 9:00 to 20:00, a time every 45 minutes
TYPED_DAYS = {"en": ("friday", "next friday after 5pm", "on the 27th"),
              "ru": ("в пятницу", "в пятницу после 5 вечера", "на 27-е")}


def first_time(client: ChatUser) -> datetime:
    return datetime.fromtimestamp(int(buttons(client.last, "stime:")[0][1].split(":")[2]), UTC)


async def test_a_day_typed_while_rescheduling_opens_its_times(
    bot: Sandbox, content: Content, language: str
) -> None:
    """A day typed at Reschedule was read as asking for a new booking, which showed the old
    appointment again; in the first booking it opens the day's times, and so it does here."""
    t = Texts(content, language)
    client = await held(bot, content, language)  # Saturday 28 November, 10:00
    await client.send("/appointment")
    await client.press(t.label("appointment.reschedule"))
    friday, after_five, the_27th = TYPED_DAYS[language]
    reply = shown(await client.send(friday))
    assert t("booking.noted", note=friday) in reply and t("my_appointment.held") not in reply
    assert buttons(client.last, "stime:")[0][1] == f"stime:1:{int(FRIDAY.timestamp())}"
    await client.send(after_five)
    assert first_time(client) == FRIDAY + timedelta(hours=8, minutes=15)  # 17:15
    reply = shown(await client.send(the_27th))
    assert t("faq.no_match") not in reply and first_time(client) == FRIDAY
    note = {"en": "only after work", "ru": "только после работы"}[language]
    assert t("booking.noted", note=note) in shown(await client.send(note))
    assert first_time(client).date() == FRIDAY.date()  # a note keeps the day's times shown
    await client.press_data(buttons(client.last, "stime:")[-1][1], client.last)
    lead = await stores_of(bot).leads.get(1)
    assert lead.appointment_at == datetime(2026, 11, 27, 19, 30, tzinfo=UTC)
    assert "🔁" in bot.staff_chat()[-1].text
    assert note in (await card(bot, 1)).text
    assert t("my_appointment.held") in shown(await client.send(friday))  # the move is done


async def test_the_reschedule_picker_has_a_way_back_to_the_appointment_as_it_is(
    bot: Sandbox, content: Content, language: str
) -> None:
    """Reschedule showed twelve days and nothing else: no way to keep the time after all."""
    t = Texts(content, language)
    client = await held(bot, content, language)
    before = (await stores_of(bot).leads.get(1)).appointment_at
    await client.send("/appointment")
    await client.press(t.label("appointment.reschedule"))
    reply = shown(await client.press(t.label("slots.keep_time")))
    assert t("my_appointment.held") in reply
    assert (await stores_of(bot).leads.get(1)).appointment_at == before
    note = {"en": "only after work", "ru": "только после работы"}[language]
    assert t("booking.noted", note=note) not in shown(await client.send(note))  # picker left


@pytest.mark.parametrize("language, text", [
    ("ru", "а можно в пятницу вечером?"), ("ru", "перенесите на пятницу"),
    ("en", "can we move it to friday evening?"), ("en", "could I come Friday instead"),
    ("en", "can we move it to friday?"), ("en", "move it to friday"),
])
async def test_a_day_asked_with_a_visit_booked_opens_its_times_to_move_to(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"а можно в четверг вечером?" with a visit booked showed the visit again and nothing
    else: the client had to press Reschedule and type the day a second time."""
    t = Texts(content, language)
    client = await held(bot, content, language)  # Saturday 28 November, 10:00
    reply = shown(await client.send(text))
    assert t("my_appointment.held") in reply and t("appointment.move_to") in reply
    times = buttons(client.last, "stime:")
    assert times and all(data.startswith("stime:1:") for _, data in times)
    await client.press_data(times[-1][1], client.last)
    lead = await stores_of(bot).leads.get(1)
    assert lead.appointment_at == datetime(2026, 11, 27, 19, 30, tzinfo=UTC)


@pytest.mark.parametrize("language, text", [
    ("en", "i cant come saturday"), ("ru", "не смогу прийти в субботу")])
async def test_the_visits_own_day_named_as_the_one_not_possible_offers_no_times_on_it(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"i cant come saturday", booked for Saturday: "To move your visit there, pick a new
    time", and Saturday's times."""
    t = Texts(content, language)
    client = await held(bot, content, language)  # Saturday 28 November, 10:00
    reply = shown(await client.send(text))
    assert t("my_appointment.held") in reply and t("appointment.move_to") not in reply


async def test_a_free_day_and_time_typed_while_rescheduling_moves_there(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    client = await held(bot, content, language)  # Saturday 28 November, 10:00
    await client.send("/appointment")
    await client.press(t.label("appointment.reschedule"))
    reply = shown(await client.send({"en": "friday at 5:15 pm",
                                     "ru": "в пятницу в 17:15"}[language]))
    lead = await stores_of(bot).leads.get(1)
    assert lead.appointment_at == FRIDAY + timedelta(hours=8, minutes=15)
    assert "🔁" in bot.staff_chat()[-1].text and "⏳" in reply
    # Moved, the picker is done with: "when is my appointment again?" was "Noted for the
    # clinic", and the days shown again, as was everything typed after it.
    asked = {"en": "when is my appointment again?", "ru": "когда у меня запись?"}[language]
    reply = shown(await client.send(asked))
    assert t("my_appointment.held") in reply and t("booking.noted", note=asked) not in reply
    assert asked not in (await card(bot, 1)).text


async def test_a_day_typed_after_leaving_the_reschedule_is_read_as_before(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    client = await held(bot, content, "en")
    await client.send("/appointment")
    await client.press(t.label("appointment.reschedule"))
    await client.send("/menu")
    # As with no Reschedule pressed before: the visit, and Friday's times to move it to.
    reply = shown(await client.send("friday"))
    assert t("my_appointment.held") in reply and t("appointment.move_to") in reply
    assert t("booking.noted", note="friday") not in reply


async def test_a_reminders_reschedule_offers_free_slots_and_staff_confirm_the_new_one(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    t = Texts(content, "en")
    client = await held(bot, content, "en")  # Saturday 28 November, 10:00
    await press_on_card(bot, staff_member(bot, settings), 1, t.label("staff.status.booked"))
    move_to(bot, datetime(2026, 11, 27, 18, 0, tzinfo=UTC))  # the evening before
    assert await bot.run_scheduler() == 1
    await client.press(t.label("appointment.reschedule"))
    assert t("slots.pick_day") in client.last.text
    await pick_first_slot(client)
    lead = await stores_of(bot).leads.get(1)
    assert lead.status == "new" and lead.appointment_at == datetime(2026, 11, 28, 10, 45,
                                                                    tzinfo=UTC)
    assert "⏳" in (await card(bot, 1)).text
    assert await bot.run_scheduler() == 0  # no reminder for a time not confirmed yet


async def test_a_rescheduled_booking_is_counted_booked_once(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """/stats and the Monday digest read the same counts: a lead is booked once, however often
    its time moves (by the client, or by staff on the card)."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = await held(bot, content, language)
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, staff.label("staff.status.booked"))
    await client.send("/appointment")
    await client.press(t.label("appointment.reschedule"))
    await client.press_data(buttons(client.last, "sday:")[4][1], client.last)
    await client.press_data(buttons(client.last, "stime:")[1][1], client.last)
    assert (await stores_of(bot).leads.get(1)).status == "new"  # staff confirm the new time
    await press_on_card(bot, maria, 1, staff.label("staff.status.booked"))
    [prompt] = await press_on_card(bot, maria, 1, staff.label("staff.action.rebook"))
    await maria.reply_to(prompt, "30.11 11:30")
    assert (await stores_of(bot).leads.get(1)).status == "booked"
    today = bot.clock.now().astimezone(settings.timezone).date()
    assert (await stores_of(bot).funnel.counts(today))["booked"] == 1
    assert f"{staff.label('staff.funnel.booked')}: <b>1</b>" in shown(await maria.send("/stats"))


async def test_a_day_typed_at_a_reminders_reschedule_opens_its_times(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    t = Texts(content, "en")
    client = await held(bot, content, "en")  # Saturday 28 November, 10:00
    await press_on_card(bot, staff_member(bot, settings), 1, t.label("staff.status.booked"))
    move_to(bot, datetime(2026, 11, 27, 18, 0, tzinfo=UTC))  # the evening before
    await bot.run_scheduler()
    await client.press(t.label("appointment.reschedule"))
    await client.send("tomorrow after 11am")
    await client.press_data(buttons(client.last, "stime:")[0][1], client.last)
    lead = await stores_of(bot).leads.get(1)
    assert lead.appointment_at == datetime(2026, 11, 28, 11, 30, tzinfo=UTC)


ASKING = {"en": ("my booking", "when is my appointment?", "What time is my appointment",
                 "did I book anything?"),
          "ru": ("когда у меня запись?", "моя запись", "я записана?", "на когда я записан?")}


async def test_asking_for_my_appointment_without_one_says_there_is_none(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    client = bot.user(1001, "Olga", language_code=language)
    for ask in ASKING[language]:
        reply = await client.send(ask)
        assert t("my_appointment.none") in shown(reply), ask
        assert [m for m in reply if t.label("menu.booking") in str(m.buttons)], ask
        assert await stores_of(bot).chat_states.get(client.id) is None, ask  # no booking begun


async def test_asking_for_my_appointment_in_other_words_shows_it(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    client = await held(bot, content, language)
    for ask in ASKING[language]:
        assert t("my_appointment.held") in shown(await client.send(ask)), ask


@pytest.mark.parametrize("language, text", [
    ("ru", "перенесите пожалуйста на понедельник"), ("ru", "ой не смогу, можно на понедельник?"),
    ("en", "can you move it to monday please"), ("en", "can't make it, could we do monday?"),
    # The visit's own day named first: "can't make it tomorrow, can we do thursday afternoon
    # instead?" asked whether to cancel, and "yes" cancelled it.
    ("en", "can't make it tomorrow, can we do monday afternoon instead?"),
    ("ru", "не смогу завтра, перенесите на понедельник после обеда"),
])
async def test_a_move_typed_under_the_reminder_opens_the_day_asked_for(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    """"перенесите пожалуйста на понедельник" under the evening reminder asked "Cancel your
    appointment?", and the client's "да" cancelled the visit she wanted moved."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = await held(bot, content, language)  # Saturday 28 November, 10:00
    await press_on_card(bot, staff_member(bot, settings), 1, staff.label("staff.status.booked"))
    move_to(bot, datetime(2026, 11, 27, 18, 0, tzinfo=UTC))
    await bot.run_scheduler()
    assert t.label("appointment.confirm") in {label for label, _ in client.last.buttons}
    reply = await client.send(text)
    assert t("appointment.move_to") in shown(reply)
    assert all(t.label("appointment.cancel_yes") not in {label for label, _ in m.buttons}
               for m in reply)
    times = buttons(client.last, "stime:")
    await client.press_data(times[0][1], client.last)
    lead = await stores_of(bot).leads.get(1)
    assert lead.status != "client_cancelled"
    assert lead.appointment_at is not None and lead.appointment_at.date().day == 30



@pytest.mark.parametrize("language, text", [
    ("en", "sorry can't make it tomorrow, something came up"), ("ru", "не смогу прийти")])
async def test_cant_come_under_the_reminder_offers_to_move_as_well_as_cancel(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    """"sorry can't make it tomorrow" under the reminder offered only to cancel."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = await held(bot, content, language)  # Saturday 28 November, 10:00
    await press_on_card(bot, staff_member(bot, settings), 1, staff.label("staff.status.booked"))
    move_to(bot, datetime(2026, 11, 27, 18, 0, tzinfo=UTC))
    await bot.run_scheduler()
    await client.send(text)
    labels = {label for label, _ in client.last.buttons}
    assert {t.label("appointment.cancel_yes"), t.label("appointment.reschedule")} <= labels
    await client.press(t.label("appointment.reschedule"))
    assert buttons(client.last, "sday:")


@pytest.mark.parametrize("language, yes", [("en", "yes"), ("ru", "да")])
async def test_a_yes_at_a_days_times_while_moving_keeps_them_on_screen(
    bot: Sandbox, content: Content, language: str, yes: str
) -> None:
    """"yes" typed at Friday's times while moving the visit was "noted for the clinic" (and
    the card posted again), and the days came back: the time the client then typed was
    noted too, and the visit never moved."""
    t = Texts(content, language)
    client = await held(bot, content, language)  # Saturday 28 November, 10:00
    await client.send("/appointment")
    await client.press(t.label("appointment.reschedule"))
    await client.press_data(buttons(client.last, "sday:")[2][1], client.last)
    times = buttons(client.last, "stime:")
    reply = shown(await client.send(yes))
    assert t("booking.noted", note=yes) not in reply
    assert buttons(client.last, "stime:") == times
    lead = await stores_of(bot).leads.get(1)
    assert lead.note is None or yes not in lead.note
    await client.send(f"{times[1][0]} {'is good' if language == 'en' else 'подойдёт'}")
    moved = await stores_of(bot).leads.get(1)
    assert moved.appointment_at != lead.appointment_at


@pytest.mark.parametrize("language, text", [
    ("ru", "можно отменить запись?"), ("ru", "отмените запись пожалуйста"),
    ("en", "can I just cancel it?")])
async def test_asking_to_cancel_while_moving_asks_whether_to_cancel(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"можно отменить запись?" typed at the days of a move was "noted for the clinic" and the
    days shown again: the card was edited in silence, the visit stayed held, and staff were
    later asked to confirm it."""
    t = Texts(content, language)
    client = await held(bot, content, language)
    await client.send("/appointment")
    await client.press(t.label("appointment.reschedule"))
    reply = shown(await client.send(text))
    assert t("booking.noted", note=text) not in reply
    assert t.label("appointment.cancel_yes") in {label for label, _ in client.last.buttons}
    assert t("appointment.cancelled") in shown(await client.send(
        {"en": "yes", "ru": "да"}[language]))
    lead = await stores_of(bot).leads.get(1)
    assert lead.status == "client_cancelled" and text not in (lead.note or "")


async def test_a_time_not_free_typed_at_a_days_times_while_moving_keeps_the_day(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"10:30" typed at Saturday's times while moving (10:00, 10:45, …) brought back
    the list of days, Saturday forgotten and no word why; a first booking keeps the day and
    says nothing is free at that time."""
    t = Texts(content, language)
    client = await held(bot, content, language)
    await client.send("/appointment")
    await client.press(t.label("appointment.reschedule"))
    await client.press_data(buttons(client.last, "sday:")[2][1], client.last)
    times = buttons(client.last, "stime:")
    assert "11:00" not in str(times)
    await client.send("11:00")
    assert buttons(client.last, "stime:") == times
