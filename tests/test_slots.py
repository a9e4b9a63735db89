"""Free slots the client picks: days, then times, in the clinic's timezone and language; the
picked slot is held until staff confirm it (or confirmed at once); typed days open their day;
what the client types is kept for staff; blocked times and taken seats are never offered."""

from __future__ import annotations

import asyncio
import html
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from babel.dates import format_date, format_time

from bot.clock import FixedClock
from bot.config import Settings
from bot.content import Content
from bot.content.i18n import format_when
from bot.devtools.sandbox import ChatUser, Sandbox, Sent
from bot.flows.dates import appointment_day
from bot.flows.staff import OPEN
from bot.storage import Stores
from bot.storage.base import iso
from tests.appointments import move_to
from tests.chat import Texts, screen, shown
from tests.desk import card, press_on_card, seed_lead, staff_member, stores_of
from tests.slots import at_picker, buttons, pick_first_slot, with_slots

pytestmark = pytest.mark.engines
SATURDAY = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)  # the first slot: opening_hours.sat


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return with_slots(settings)


async def test_the_client_picks_a_day_then_a_time_and_staff_confirm_it(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t, staff = Texts(content, language), Texts(content, "en")
    client = await at_picker(bot, content, language=language)
    assert t("slots.pick_day") in client.last.text
    days = buttons(client.last, "sday:")
    assert len(days) == 12  # 14 days ahead, today included, two Sundays closed
    await client.press_data(days[4][1], client.last)  # Saturday
    times = buttons(client.last, "stime:")
    assert times[0][0] == format_time(SATURDAY, "short", locale=language)
    reply = shown(await client.press_data(times[0][1], client.last))
    assert "⏳" in reply and t("booking.tip.menstruation") in reply
    lead = await stores_of(bot).leads.get(1)
    assert (lead.status, lead.appointment_at) == ("new", SATURDAY)
    assert "⏳" in (await card(bot, 1)).text
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, staff.label("staff.status.booked"))
    assert (await stores_of(bot).leads.get(1)).status == "booked"
    assert t("booking.confirmed.note") in client.messages[-2].text
    assert client.last.document is not None  # the calendar file: reminders follow as before


async def test_a_typed_day_opens_its_times_and_notes_reach_the_card(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    client = await at_picker(bot, content, language=language)
    typed = {"en": "next Saturday after lunch", "ru": "на субботу после обеда"}[language]
    reply = shown(await client.send(typed))
    assert t("booking.noted", note=typed) in reply
    times = buttons(client.last, "stime:")
    assert times[0][0] == format_time(datetime(2026, 11, 28, 12, 15, tzinfo=UTC), "short",
                                      locale=language)
    await client.send({"en": "with a friend", "ru": "с подругой"}[language])
    assert buttons(client.last, "stime:") == times  # the day on screen stays on screen
    await client.press_data(times[0][1], client.last)
    text = (await card(bot, 1)).text
    assert typed in text and {"en": "with a friend", "ru": "с подругой"}[language] in text


async def test_a_booking_left_at_the_choice_of_time_reaches_staff_as_a_call_back(
    bot: Sandbox, content: Content, language: str
) -> None:
    """A client typed "any weekday after 5 works for me" at the days, was told "Noted for the
    clinic", and left: no lead was made, and staff never heard of them."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = await at_picker(bot, content, language=language)
    typed = {"en": "any weekday after 5 works for me",
             "ru": "мне удобно в любой будний день после 17"}[language]
    assert t("booking.noted", note=typed) in shown(await client.send(typed))
    bot.clock.advance(timedelta(minutes=50))
    await bot.run_scheduler()
    assert bot.staff_chat() == []
    bot.clock.advance(timedelta(minutes=15))
    await bot.run_scheduler()
    [posted] = bot.staff_chat()
    assert typed in posted.text and "+7 912 345-67-89" in posted.text
    assert staff("staff.lead.time_in_note") in posted.text
    assert staff.label("booking.time.any") not in posted.text
    assert t("booking.handed_over") in client.last.text
    assert (await stores_of(bot).leads.get(1)).status == "new"
    bot.clock.advance(timedelta(hours=2))
    await bot.run_scheduler()
    assert len(bot.staff_chat()) == 1


async def test_a_booking_left_without_a_word_is_no_request_to_be_called(
    bot: Sandbox, content: Content, language: str
) -> None:
    """Left at the days with nothing typed, the request reached staff as "none of the free
    times suited: call to agree one", and /mydata said "Any time": the client said neither."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = await at_picker(bot, content, language=language)
    bot.clock.advance(timedelta(hours=2))
    await bot.run_scheduler()
    [posted] = bot.staff_chat()
    assert staff("staff.lead.time_left") in posted.text
    assert staff("staff.lead.time_call_back") not in posted.text
    mydata = shown(await client.send("/mydata"))
    assert t("mydata.lead", time=t.label("mydata.time_left"),
             status=t.label("staff.status.new")) in mydata


async def test_a_time_typed_after_the_hand_over_reaches_staff_under_the_card(
    bot: Sandbox, content: Content, language: str
) -> None:
    """Back the next day, "ok sorry, 3pm Friday is great" got "your request is already with
    the clinic", and staff never saw it."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = await at_picker(bot, content, language=language)
    bot.clock.advance(timedelta(hours=2))
    await bot.run_scheduler()
    [posted] = bot.staff_chat()
    typed = {"en": "ok sorry, 3pm Friday is great", "ru": "извините, в пятницу в 15 удобно"}[
        language]
    reply = shown(await client.send(typed))
    assert t("booking.already_open_passed", id=1) in reply
    note = bot.staff_chat()[-1]
    assert note.reply_to == posted.message_id
    assert staff("staff.lead.wrote", id=1, name="Olga", text=typed) in note.text


async def test_a_booking_left_in_the_evening_is_handed_over_after_the_quiet_hours(
    bot: Sandbox, content: Content
) -> None:
    move_to(bot, datetime(2026, 11, 24, 20, 30, tzinfo=UTC))
    client = await at_picker(bot, content)
    seen = len(client.messages)
    bot.clock.advance(timedelta(hours=2))
    await bot.run_scheduler()
    assert len(client.messages) == seen and bot.staff_chat() == []
    move_to(bot, datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    await bot.run_scheduler()
    assert len(bot.staff_chat()) == 1
    assert Texts(content, "en")("booking.handed_over") in client.last.text


@pytest.mark.engines("sqlite")
@pytest.mark.parametrize("typed", [
    {"en": "1:45 pm", "ru": "13:45"}, {"en": "let's do 1.45", "ru": "давайте в 13 45"}])
async def test_a_time_typed_from_the_days_list_takes_that_slot(
    bot: Sandbox, content: Content, language: str, typed: dict[str, str]
) -> None:
    """"13:45" typed under Saturday's times (a time the list showed) dropped Saturday and
    showed the list of days again."""
    client = await at_picker(bot, content, language=language)
    await client.send({"en": "next Saturday after lunch", "ru": "на субботу после обеда"}[language])
    reply = shown(await client.send(typed[language]))
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and lead.appointment_at == datetime(2026, 11, 28, 13, 45, tzinfo=UTC)
    assert "⏳" in reply


@pytest.mark.engines("sqlite")
@pytest.mark.parametrize("said", [("ok. Saturday then", "1pm"), ("Saturday 1pm",),
                                  ("hi", "next saturday at 1 pm please")])
async def test_an_hour_with_am_or_pm_typed_takes_that_slot(
    bot: Sandbox, content: Content, said: tuple[str, ...]
) -> None:
    """"1pm" typed under Saturday's times, and "Saturday 1pm" under the days, showed the list
    of days again, and each line joined the card's note."""
    client = await at_picker(bot, content)
    for text in said:
        await client.send(text)
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and lead.appointment_at == datetime(2026, 11, 28, 13, 0, tzinfo=UTC)


@pytest.mark.engines("sqlite")
@pytest.mark.parametrize("typed", ["99", "31.02", "😀"])
async def test_digits_or_emoji_at_the_picker_are_no_note_for_the_clinic(
    bot: Sandbox, content: Content, settings: Settings, language: str, typed: str
) -> None:
    """"99", "31.02" or "😀" typed at the day list got "Noted for the clinic: «99»" and went
    on the card as the client's note; while moving a visit, each one edited the card again."""
    t = Texts(content, language)
    client = await at_picker(bot, content, language=language)
    reply = shown(await client.send(typed))
    assert t("slots.unread", text=typed) in reply
    assert t("booking.noted", note=typed) not in reply
    await pick_first_slot(client)
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and lead.note is None
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, "Booked")
    await client.send("/appointment")
    await client.press(t.label("appointment.reschedule"))
    edits = sum(m.edits for m in bot.staff_chat())
    assert t("slots.unread", text=typed) in shown(await client.send(typed))
    assert sum(m.edits for m in bot.staff_chat()) == edits
    assert (await stores_of(bot).leads.get(1)).note is None


@pytest.mark.engines("sqlite")
async def test_a_weekday_that_is_not_the_dates_holds_nothing_and_says_so(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"friday the 10th at 3pm" held Thursday the 10th at once: the client asked for a Friday
    and got a Thursday, without a word."""
    t = Texts(content, language)
    client = await at_picker(bot, content, language=language)
    reply = shown(await client.send({"en": "friday the 28th at 1pm",
                                     "ru": "в пятницу 28-го в 13:00"}[language]))
    assert await stores_of(bot).leads.get(1) is None
    assert t("slots.weekday_differs", day={"en": "Saturday 28 November",
                                           "ru": "Суббота 28 ноября"}[language],
             weekday={"en": "Friday", "ru": "пятница"}[language]) in reply
    assert buttons(client.last, "stime:")  # Saturday's times, to pick from


@pytest.mark.engines("sqlite")
async def test_a_time_typed_that_is_not_free_shows_that_days_times(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    client = await at_picker(bot, content, language=language)
    await client.send({"en": "next Saturday after lunch", "ru": "на субботу после обеда"}[language])
    reply = shown(await client.send({"en": "13:50", "ru": "13:50"}[language]))
    assert await stores_of(bot).leads.get(1) is None
    assert t("slots.hours_full", day={"en": "Saturday 28 November",
                                      "ru": "Суббота 28 ноября"}[language]) in reply
    times = buttons(client.last, "stime:")
    assert times and times[0][0] == format_time(datetime(2026, 11, 28, 12, 15, tzinfo=UTC),
                                                 "short", locale=language)


@pytest.mark.engines("sqlite")
async def test_a_day_and_time_typed_that_is_not_free_says_so_and_shows_the_whole_day(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"Saturday at 11am please", 11:00 being no free time: the times from 11:30 were shown,
    10:45 hidden, and nothing said that 11:00 was not free."""
    t = Texts(content, language)
    client = await at_picker(bot, content, language=language)
    reply = shown(await client.send({"en": "next Saturday at 11am please",
                                     "ru": "в субботу в 11:00 пожалуйста"}[language]))
    assert await stores_of(bot).leads.get(1) is None
    assert t("slots.hours_full", day={"en": "Saturday 28 November",
                                      "ru": "Суббота 28 ноября"}[language]) in reply
    times = buttons(client.last, "stime:")
    assert times and times[0][0] == format_time(datetime(2026, 11, 28, 10, 0, tzinfo=UTC),
                                                 "short", locale=language)


@pytest.mark.engines("sqlite")
@pytest.mark.parametrize("typed", [
    {"en": "friday after 5pm", "ru": "в пятницу после 5 вечера"},
    {"en": "friday after 5 pm", "ru": "в пятницу после 17"},
])
async def test_an_hour_typed_as_clients_say_it_narrows_the_day(
    bot: Sandbox, content: Content, language: str, typed: dict[str, str]
) -> None:
    """English screens show 12-hour times, so clients write "5pm": every time of the day
    was listed, as if 5 in the morning had been asked for."""
    client = await at_picker(bot, content, language=language)
    await client.send(typed[language])
    friday = [datetime(2026, 11, 27, 17, 15, tzinfo=UTC) + timedelta(minutes=45 * n)
              for n in range(4)]
    assert [label for label, _ in buttons(client.last, "stime:")] == [
        format_time(at, "short", locale=language) for at in friday]


@pytest.mark.engines("sqlite")
async def test_a_day_of_the_month_typed_alone_opens_its_times(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"on the 27th" named no day: it was kept as a note and the days shown again."""
    client = await at_picker(bot, content, language=language)
    await client.send({"en": "on the 27th", "ru": "на 27-е"}[language])
    friday = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    assert buttons(client.last, "stime:")[0] == (
        format_time(friday, "short", locale=language), f"stime:0:{int(friday.timestamp())}")


@pytest.mark.engines("sqlite")
async def test_a_long_number_before_a_word_like_a_month_is_kept_as_a_note(
    bot: Sandbox, content: Content
) -> None:
    """"89161234567 маша" was read as day 89161234567 of May ("ма"), and the handler failed."""
    t = Texts(content, "ru")
    client = await at_picker(bot, content, language="ru")
    reply = shown(await client.send("89161234567 маша"))
    assert t("booking.noted", note="89161234567 маша") in reply and t("slots.pick_day") in reply


@pytest.mark.engines("sqlite")
async def test_a_day_written_beside_the_number_opens_its_times(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    client = bot.user(1001, "Olga", language_code=language)
    await screen(client, t)
    await client.press(t.label("screening.outcome.suitable.book"))
    await client.send({"en": "07400 123456, friday after 5pm please",
                       "ru": "07400 123456, в пятницу после 5 вечера"}[language])
    friday = datetime(2026, 11, 27, 17, 15, tzinfo=UTC)
    assert buttons(client.last, "stime:")[0][1] == f"stime:0:{int(friday.timestamp())}"


async def test_asking_for_a_day_from_the_chat_opens_it_after_the_contact(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    client = bot.user(1001, "Olga", language_code=language)
    await screen(client, t)
    typed = {"en": "I'd like to book for next Tuesday", "ru": "на вторник"}[language]
    assert t("booking.ask_contact") in shown(await client.send(typed))
    await client.send("+7 912 345-67-89")
    assert buttons(client.last, "stime:")[0][1].endswith(
        str(int(datetime(2026, 12, 1, 9, 0, tzinfo=UTC).timestamp())))
    await client.press_data(buttons(client.last, "stime:")[0][1], client.last)
    assert typed in html.unescape((await card(bot, 1)).text)


async def test_a_taken_seat_is_not_offered_and_a_race_for_it_has_one_winner(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    olga = await at_picker(bot, content, language=language)
    anna = await at_picker(bot, content, user_id=1002, first_name="Anna", language=language)
    await olga.press_data(buttons(olga.last, "sday:")[4][1], olga.last)
    await anna.press_data(buttons(anna.last, "sday:")[4][1], anna.last)
    slot = buttons(olga.last, "stime:")[0][1]
    assert buttons(anna.last, "stime:")[0][1] == slot
    await olga.press_data(slot, olga.last)
    assert t("slots.taken") in shown(await anna.press_data(slot, anna.last))
    assert slot not in [data for _, data in buttons(anna.last, "stime:")]
    assert [lead.client.first_name for lead in await stores_of(bot).leads.created()] == ["Olga"]


async def test_staff_booking_inside_a_blocked_time_are_told_so(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """/block 10.12, then a lead booked for 10 Dec 11:00 by a reply: "✅ Lead #1 is booked",
    and nothing said of the day staff had closed."""
    staff = Texts(content, "en")
    client = await at_picker(bot, content)
    await client.press(staff.label("slots.call_me"))
    maria = staff_member(bot, settings)
    await maria.send("/block 2.12")
    [prompt] = await press_on_card(bot, maria, 1, staff.label("staff.status.booked"))
    reply = shown(await maria.reply_to(prompt, "2.12 11:00"))
    assert staff("staff.booked.in_block", block=1) in reply


async def test_a_block_names_the_visits_inside_it_and_refuses_the_past(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """/block on a day a client held a time said nothing of it, and a day gone by was
    "blocked" all the same."""
    staff = Texts(content, "en")
    olga = await at_picker(bot, content)
    await olga.press_data(buttons(olga.last, "sday:")[4][1], olga.last)  # Saturday 28 November
    await olga.press_data(buttons(olga.last, "stime:")[0][1], olga.last)
    maria = staff_member(bot, settings)
    [done] = await maria.send("/block 28.11")
    when = format_when(SATURDAY, "en", settings.timezone)
    assert staff("staff.block.inside", id=1, name="Olga", when=when) in done.text
    [past] = await maria.send("/block 23.11")
    assert staff("staff.block.past") in past.text
    [again] = await maria.send("/block 28.11")
    assert staff("staff.block.exists", id=1) in again.text
    [listed] = await maria.send("/blocks")
    assert "#2" not in listed.text


async def test_staff_block_and_unblock_times(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    maria = staff_member(bot, settings)
    [done] = await maria.send("/block 28.11 10:00-12:00")
    assert "#1" in done.text
    [listed] = await maria.send("/blocks")
    assert "#1" in listed.text
    client = await at_picker(bot, content)
    await client.press_data(buttons(client.last, "sday:")[4][1], client.last)
    first = buttons(client.last, "stime:")[0][0]
    assert first == format_time(datetime(2026, 11, 28, 12, 15, tzinfo=UTC), "short", locale="en")
    [removed] = await maria.send("/unblock 1")
    assert staff("staff.unblock.done", id=1) in removed.text
    for bad in ("/block someday", "/block 31.12.9999", "/block 31.12.9999 10:00-12:00"):
        [usage] = await maria.send(bad)
        assert staff("staff.block.usage") in usage.text


async def test_auto_confirm_books_at_once(
    settings: Settings, clock: FixedClock, content: Content, language: str
) -> None:
    bot = await Sandbox.start(with_slots(settings, auto_confirm=True), clock)
    try:
        t = Texts(content, language)
        client = await at_picker(bot, content, language=language)
        await client.press_data(buttons(client.last, "sday:")[4][1], client.last)
        reply = shown(await client.press_data(buttons(client.last, "stime:")[0][1],
                                             client.last))
        assert "✅" in reply
        assert (await stores_of(bot).leads.get(1)).status == "booked"
        assert t("booking.confirmed.note") in shown(client.messages[-6:])
        assert bot.errors == []
    finally:
        await bot.stop()


async def test_clients_holding_the_last_seats_at_once_leave_only_as_many_winners(
    storage: Path | str
) -> None:
    """The seat's primary key decides, on both engines, when all hold at the same moment."""
    stores = await Stores.open(storage)
    try:
        start = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
        for n in range(4):
            await seed_lead(stores, user_id=2000 + n, first_name=f"C{n}", created=start)
        at = start + timedelta(days=4)
        won = await asyncio.gather(*(stores.slots.hold(lead, at, 2, ("new",))
                                     for lead in (1, 2, 3, 4)))
        assert sorted(won) == [False, False, True, True]
        assert len(await stores.slots.taken(at, at + timedelta(minutes=1), ("new",))) == 2
    finally:
        await stores.close()


async def test_a_status_that_ends_the_appointment_frees_its_slot(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    olga = await at_picker(bot, content)
    await olga.press_data(buttons(olga.last, "sday:")[4][1], olga.last)
    slot = buttons(olga.last, "stime:")[0][1]
    await olga.press_data(slot, olga.last)
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, staff.label("staff.status.unsuitable"))
    await maria.press(staff.label("staff.call_off.yes"))
    anna = await at_picker(bot, content, user_id=1002, first_name="Anna")
    await anna.press_data(buttons(anna.last, "sday:")[4][1], anna.last)
    assert buttons(anna.last, "stime:")[0][1] == slot


async def new_date_asked(bot: Sandbox, content: Content, settings: Settings,
                         language: str) -> tuple[ChatUser, ChatUser, Sent]:
    """Anna's first slot booked, and Maria asked for a new time for it (lead 1); Olga at
    Saturday's times, its first one (10:00) still free."""
    staff = Texts(content, "en")
    anna = await at_picker(bot, content, user_id=1002, first_name="Anna", language=language)
    await pick_first_slot(anna)
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, staff.label("staff.status.booked"))
    [prompt] = await press_on_card(bot, maria, 1, staff.label("staff.action.rebook"))
    olga = await at_picker(bot, content, language=language)
    await olga.press_data(buttons(olga.last, "sday:")[4][1], olga.last)
    return olga, maria, prompt


async def seat_holders(bot: Sandbox, at: datetime) -> list[int]:
    rows = await stores_of(bot).database.all("SELECT lead_id FROM seats WHERE starts_at = ?",
                                             (iso(at),))
    return [int(r[0]) for r in rows]


async def test_a_time_staff_type_takes_a_seat_and_a_full_one_is_refused(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t, staff = Texts(content, language), Texts(content, "en")
    olga, maria, prompt = await new_date_asked(bot, content, settings, language)
    vera = await at_picker(bot, content, user_id=1003, first_name="Vera", language=language)
    await vera.press_data(buttons(vera.last, "sday:")[4][1], vera.last)
    first, second = buttons(olga.last, "stime:")[0][1], buttons(vera.last, "stime:")[1][1]
    await olga.press_data(first, olga.last)  # Olga holds Saturday 10:00, the only seat
    before = (await stores_of(bot).leads.get(1)).appointment_at
    reply = shown(await maria.reply_to(prompt, "28.11 10:00"))
    assert staff("staff.booked.full") in reply and staff("staff.booked.ask", id=1, example="")[
        :20] in reply
    lead = await stores_of(bot).leads.get(1)
    assert (lead.status, lead.appointment_at) == ("booked", before)
    assert await seat_holders(bot, SATURDAY) == [2]
    [again] = [m for m in bot.staff_chat() if staff("staff.booked.full") in m.text]
    await maria.reply_to(again, "28.11 10:45")  # Vera still sees 10:45 on her screen
    assert (await stores_of(bot).leads.get(1)).appointment_at == SATURDAY + timedelta(minutes=45)
    assert await seat_holders(bot, SATURDAY + timedelta(minutes=45)) == [1]
    assert await seat_holders(bot, before) == []
    assert t("slots.taken") in shown(await vera.press_data(second, vera.last))


async def test_staff_and_a_client_racing_for_the_last_seat_leave_one_holder(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    olga, maria, prompt = await new_date_asked(bot, content, settings, "en")
    slot = buttons(olga.last, "stime:")[0][1]
    await asyncio.gather(olga.press_data(slot, olga.last), maria.reply_to(prompt, "28.11 10:00"))
    holders = [lead.id for lead in await stores_of(bot).leads.created()
               if lead.status in OPEN and lead.appointment_at == SATURDAY]
    assert len(holders) == 1
    assert await seat_holders(bot, SATURDAY) == holders


async def booked_then_unsuitable(bot: Sandbox, content: Content, settings: Settings,
                                 language: str) -> ChatUser:
    """Olga's Saturday 10:00 confirmed by Maria, then marked "Not suitable": its seat is free."""
    staff = Texts(content, "en")
    olga = await at_picker(bot, content, language=language)
    await olga.press_data(buttons(olga.last, "sday:")[4][1], olga.last)
    await olga.press_data(buttons(olga.last, "stime:")[0][1], olga.last)
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, staff.label("staff.status.booked"))
    await press_on_card(bot, maria, 1, staff.label("staff.status.unsuitable"))
    await maria.press(staff.label("staff.call_off.yes"))
    assert await seat_holders(bot, SATURDAY) == []
    return maria


async def test_undoing_not_suitable_holds_the_seat_again(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    staff = Texts(content, "en")
    maria = await booked_then_unsuitable(bot, content, settings, language)
    await press_on_card(bot, maria, 1, staff.label("staff.action.undo"))
    lead = await stores_of(bot).leads.get(1)
    assert (lead.status, lead.appointment_at) == ("booked", SATURDAY)
    assert await seat_holders(bot, SATURDAY) == [1]
    anna = await at_picker(bot, content, user_id=1002, first_name="Anna", language=language)
    await anna.press_data(buttons(anna.last, "sday:")[4][1], anna.last)
    assert str(int(SATURDAY.timestamp())) not in str(buttons(anna.last, "stime:"))


async def test_undo_after_the_time_was_taken_brings_the_lead_back_without_it(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    staff = Texts(content, "en")
    maria = await booked_then_unsuitable(bot, content, settings, language)
    anna = await at_picker(bot, content, user_id=1002, first_name="Anna", language=language)
    await anna.press_data(buttons(anna.last, "sday:")[4][1], anna.last)
    await anna.press_data(buttons(anna.last, "stime:")[0][1], anna.last)  # Saturday 10:00
    reply = shown(await press_on_card(bot, maria, 1, staff.label("staff.action.undo")))
    when = staff("staff.undo.time_taken", id=1, when="").split("(")[0]
    assert when in reply and staff("staff.booked.ask", id=1, example="")[:20] in reply
    lead = await stores_of(bot).leads.get(1)
    assert (lead.status, lead.appointment_at) == ("booked", None)
    assert await seat_holders(bot, SATURDAY) == [2]
    assert staff("staff.card.appointment") not in (await card(bot, 1)).text
    assert await stores_of(bot).database.all(
        "SELECT id FROM appointment_reminders WHERE lead_id = 1 AND sent_at IS NULL") == []


async def test_a_note_with_html_characters_reads_as_typed(
    bot: Sandbox, content: Content
) -> None:
    """"Tom & Jerry <3" came back as «Tom &amp;amp; Jerry &lt;3»: escaped twice."""
    t = Texts(content, "en")
    client = await at_picker(bot, content)
    for typed in ("Tom & Jerry <3", "Saturday & Sunday <b>both</b> fine"):
        reply = shown(await client.send(typed))
        assert t("booking.noted", note=typed) in reply and "&amp;amp;" not in reply


@pytest.mark.parametrize("typed, msgid, day", [
    ("on Sunday", "slots.day_closed", "Sunday 29 November"),
    ("25 December", "slots.day_too_far", "Friday 25 December"),
])
async def test_a_day_with_no_times_says_why(
    bot: Sandbox, content: Content, typed: str, msgid: str, day: str
) -> None:
    """A closed Sunday and a date past the booking window were both "no free times left"."""
    t = Texts(content, "en")
    client = await at_picker(bot, content)
    reply = shown(await client.send(typed))
    assert t(msgid, day=day) in reply and t("slots.day_full", day=day) not in reply
    assert buttons(client.last, "sday:")  # the days to pick from instead


@pytest.mark.parametrize("typed", ["Saturday evening", "sat at 5pm"])
async def test_hours_the_day_has_nothing_at_show_the_days_other_times(
    bot: Sandbox, content: Content, typed: str
) -> None:
    """"Saturday evening" (the clinic closes at 16:00) said Saturday was full; "sat at 5pm"
    was only noted, with the days to choose from, as if no day had been named."""
    t = Texts(content, "en")
    client = await at_picker(bot, content)
    reply = shown(await client.send(typed))
    assert t("slots.hours_full", day="Saturday 28 November") in reply
    assert buttons(client.last, "stime:")[0][0] == format_time(SATURDAY, "short", locale="en")


async def test_a_held_time_nobody_confirmed_is_on_the_day_list_and_staff_are_reminded_once(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """A client who picked a time holds it until staff confirm it; a clinic that forgets to
    confirm must still see the client coming, or the chair is double-booked by hand and the
    client stands at reception unexpected."""
    staff = Texts(content, "en")
    client = await at_picker(bot, content, language=language)
    await client.press_data(buttons(client.last, "sday:")[4][1], client.last)  # Saturday
    await client.press_data(buttons(client.last, "stime:")[0][1], client.last)  # 10:00
    await bot.run_scheduler()  # Tuesday: the time is days away
    assert not [m for m in bot.staff_chat() if staff("staff.held.title") in m.text]
    move_to(bot, SATURDAY - timedelta(days=1))  # Friday at the nudge hour
    for _ in range(3):
        await bot.run_scheduler()
        bot.clock.advance(timedelta(hours=1))
    [nudge] = [m for m in bot.staff_chat() if staff("staff.held.title") in m.text]
    assert "#1 Olga" in nudge.text
    maria = staff_member(bot, settings)
    [tomorrow] = await maria.send("/tomorrow")
    assert "#1 Olga — " + staff("staff.agenda.held") in tomorrow.text
    await press_on_card(bot, maria, 1, staff.label("staff.status.booked"))
    [tomorrow] = await maria.send("/tomorrow")
    assert "#1 Olga — " + staff("staff.agenda.not_reminded") in tomorrow.text
    move_to(bot, SATURDAY - timedelta(hours=1))
    await bot.run_scheduler()
    assert len([m for m in bot.staff_chat() if staff("staff.held.title") in m.text]) == 1
    assert bot.errors == []


async def test_a_held_time_after_a_closed_day_is_posted_on_the_open_day_before_it(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """A time held for Monday was first posted on Sunday, when the clinic is closed and
    nobody reads the staff chat, and again at Monday's nudge hour, perhaps after it. It now
    comes on Saturday, the last day the clinic is open before it, and nothing on Sunday."""
    staff = Texts(content, "en")
    client = await at_picker(bot, content)
    monday = buttons(client.last, "sday:")[5]
    assert monday[0].startswith("Mon")
    await client.press_data(monday[1], client.last)
    await client.press_data(buttons(client.last, "stime:")[-1][1], client.last)  # evening

    def held_posts() -> list[str]:
        return [m.text for m in bot.staff_chat() if staff("staff.held.title") in m.text]

    move_to(bot, SATURDAY)  # Saturday at the nudge hour
    await bot.run_scheduler()
    [saturday] = held_posts()
    assert "#1 Olga" in saturday
    move_to(bot, SATURDAY + timedelta(days=1))  # Sunday: closed
    await bot.run_scheduler()
    assert len(held_posts()) == 1
    move_to(bot, SATURDAY + timedelta(days=2))  # Monday, the day itself
    await bot.run_scheduler()
    assert len(held_posts()) == 2


async def test_a_held_time_the_client_came_to_can_be_marked_treated(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """Staff who never pressed Booked on a picked time could not mark the client Treated
    after the visit: the button did nothing, and Booked refused a time already past."""
    staff = Texts(content, "en")
    client = await at_picker(bot, content)
    await client.press_data(buttons(client.last, "sday:")[4][1], client.last)  # Saturday
    await client.press_data(buttons(client.last, "stime:")[0][1], client.last)  # 10:00
    move_to(bot, SATURDAY + timedelta(hours=3))
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, staff.label("staff.status.treated"))
    assert (await stores_of(bot).leads.get(1)).status == "treated"
    assert await stores_of(bot).aftercare.active_plan(client.id) is not None


async def test_one_client_erased_leaves_the_others_held_times_posted(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """The morning post of unconfirmed times named several clients; one client's /forget
    erased the whole post, and the others' times were mentioned nowhere any more."""
    staff, t = Texts(content, "en"), Texts(content, "en")
    olga = await at_picker(bot, content)
    await olga.press_data(buttons(olga.last, "sday:")[4][1], olga.last)  # Saturday
    await olga.press_data(buttons(olga.last, "stime:")[0][1], olga.last)
    vera = await at_picker(bot, content, user_id=1002, first_name="Vera")
    await vera.press_data(buttons(vera.last, "sday:")[4][1], vera.last)
    await vera.press_data(buttons(vera.last, "stime:")[1][1], vera.last)
    move_to(bot, SATURDAY - timedelta(days=1))
    await bot.run_scheduler()
    [nudge] = [m for m in bot.staff_chat() if staff("staff.held.title") in m.text]
    assert "Olga" in nudge.text and "Vera" in nudge.text
    await olga.send("/forget")
    await olga.press(t.label("privacy.forget.yes"))
    await bot.run_scheduler()
    posts = [m for m in bot.staff_chat() if staff("staff.held.title") in m.text]
    assert len(posts) == 1 and "Vera" in posts[0].text and "Olga" not in posts[0].text


async def test_a_client_holding_an_unconfirmed_time_hears_the_evening_before(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """A held time the clinic never confirmed: the client, told "the clinic will confirm it
    shortly", heard nothing more, and after the time "My appointment" said there was none."""
    t = Texts(content, language)
    client = await at_picker(bot, content, language=language)
    await client.press_data(buttons(client.last, "sday:")[4][1], client.last)  # Saturday
    await client.press_data(buttons(client.last, "stime:")[0][1], client.last)  # 10:00
    before = len(client.messages)
    move_to(bot, SATURDAY - timedelta(hours=16))  # Friday 18:00, the evening reminders' hour
    await bot.run_scheduler()
    said = shown(client.messages[before:])
    date, time = appointment_day(bot.app.bot_data["services"], SATURDAY, language, "accusative")
    assert t("appointment.held_reminder", date=date, time=time, phone=settings.phone) in said
    assert {"en": "tomorrow, <b>Saturday", "ru": "на завтра, <b>субботу"}[language] in said


@pytest.mark.engines("sqlite")
async def test_a_time_typed_at_a_day_pressed_is_that_days_even_after_a_question(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """Saturday pressed, then "а как подготовиться к процедуре?" answered, then "давайте в
    10:45": the days were shown again after the answer, and the time was kept as a note,
    nothing held: a day pressed, not typed, was never the day a time typed alone is on."""
    t = Texts(content, language)
    client = await at_picker(bot, content, language=language)
    await client.press_data(buttons(client.last, "sday:")[4][1], client.last)
    reply = shown(await client.send({"en": "how much does it cost?",
                                     "ru": "сколько стоит?"}[language]))
    assert t.faq("price", settings) in reply and buttons(client.last, "stime:")
    await client.send({"en": "10:45 then", "ru": "давайте в 10:45"}[language])
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and lead.appointment_at == datetime(2026, 11, 28, 10, 45, tzinfo=UTC)


async def test_a_new_date_asked_of_staff_is_out_of_date_once_the_client_moved_the_visit(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """Staff opened "New date"; the client then moved the visit themselves; staff answered the
    older prompt, and the client's new time was overwritten without a word."""
    t, staff = Texts(content, "en"), Texts(content, "en")
    anna = await at_picker(bot, content, user_id=1002, first_name="Anna")
    await pick_first_slot(anna)
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, staff.label("staff.status.booked"))
    [prompt] = await press_on_card(bot, maria, 1, staff.label("staff.action.rebook"))
    await anna.send("/appointment")
    await anna.press(t.label("appointment.reschedule"))
    await anna.press_data(buttons(anna.last, "sday:")[4][1], anna.last)
    await anna.press_data(buttons(anna.last, "stime:")[0][1], anna.last)
    moved = (await stores_of(bot).leads.get(1)).appointment_at
    assert moved == SATURDAY
    reply = shown(await maria.reply_to(prompt, "30.11 12:00"))
    assert staff("staff.booked.stale", id=1) in reply
    assert (await stores_of(bot).leads.get(1)).appointment_at == SATURDAY


async def test_a_day_named_in_the_note_reaches_staff_as_a_date(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"завтра в 9", typed at the days on Monday evening and handed over on Tuesday morning,
    reached staff as "Client's note: завтра в 9": read that day, "tomorrow" was Wednesday. The
    day the bot read is beside the words, in the staff's language."""
    client = await at_picker(bot, content, language=language)
    typed = {"en": "tomorrow at 9", "ru": "завтра в 9"}[language]
    await client.send(typed)
    bot.clock.advance(timedelta(hours=2))
    await bot.run_scheduler()
    [posted] = bot.staff_chat()
    tomorrow = format_date(date(2026, 11, 25), "EEE d MMM", locale="en")
    assert f"{typed} ({tomorrow})" in posted.text


@pytest.mark.parametrize("language, typed", [
    ("en", "on Sunday"), ("en", "25 December"), ("ru", "в воскресенье"), ("ru", "25 декабря")])
async def test_a_day_the_clinic_cannot_do_is_no_note_for_it(
    bot: Sandbox, content: Content, language: str, typed: str
) -> None:
    """"в воскресенье" got "We'll pass it to the clinic: «в воскресенье». Sunday 13 December:
    the clinic is closed that day", and after the client booked Friday, the card still said
    "Client's note: в воскресенье": staff read a wish nobody could meet beside the visit."""
    t = Texts(content, language)
    client = await at_picker(bot, content, language=language)
    reply = shown(await client.send(typed))
    assert t("booking.noted", note=typed) not in reply
    await pick_first_slot(client)
    assert typed not in (await card(bot, 1)).text


@pytest.mark.engines("sqlite")
async def test_a_day_wished_for_leaves_the_note_once_a_slot_is_picked(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """Moved to Monday, the card still said "tomorrow afternoon (Tue 8 Dec)" as the client's
    note, and the move piled one more day on it: staff calling may offer the wrong day. The
    day wished for the first pick stays beside it (what the client asked, what they took);
    a move's slot answers every day wished before it. What else the client wrote stays."""
    t = Texts(content, "en")
    client = await at_picker(bot, content)
    await client.send("saturday afternoon")
    await client.send("I will bring my own towel and come by bike")
    await client.press_data(buttons(client.last, "stime:")[0][1], client.last)  # Saturday's
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and "saturday afternoon" in lead.note
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, "Booked")
    await client.send("/appointment")
    await client.press(t.label("appointment.reschedule"))
    await client.send("next monday after lunch")
    assert "monday" in (await stores_of(bot).leads.get(1)).note.lower()
    await client.press_data(buttons(client.last, "stime:")[0][1], client.last)  # Monday's
    assert (await stores_of(bot).leads.get(1)).note == \
        "I will bring my own towel and come by bike"
