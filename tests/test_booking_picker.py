"""At the slot picker, on the shipped content: a client whom no time suits still reaches the
clinic, and a question asked there is answered, not filed as a note for staff."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from babel.dates import format_date, format_skeleton

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import Sandbox
from bot.flows.slot_picker import SlotTime
from tests import shipped
from tests.chat import Texts, screen, shown
from tests.desk import card, stores_of
from tests.slots import at_picker, buttons, pick_first_slot

content, settings = shipped.content, shipped.settings  # what the clinic ships


async def test_no_time_suits_the_client_and_the_clinic_calls_back(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """"ни одно время не подходит, перезвоните мне" was told «Передадим клинике» and reached
    nobody: no lead is made until a time is picked. The button makes the request; so do the
    words."""
    t = Texts(content, language)
    client = await at_picker(bot, content, language=language)
    words = {"en": "none of these times suit me, call me after 6",
             "ru": "ни одно время не подходит, перезвоните мне после 18"}[language]
    assert t.label("slots.call_me") in [label for label, _ in client.last.buttons]
    reply = shown(await client.send(words))
    assert t("booking.done", clinic=settings.clinic_name) in reply
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and lead.preferred_time == "any" and lead.appointment_at is None
    text, staff = (await card(bot, 1)).text, Texts(content, "en")
    # Not "Preferred time: Any time" above "after 6": the client's words say when.
    assert words in text and staff("staff.lead.time_in_note") in text
    assert staff.label("booking.time.any") not in text


async def test_call_me_pressed_with_nothing_typed_says_no_free_time_suited(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"📞 No time suits me: call me" told the client "The clinic will contact you: any time",
    and the card said "Preferred time: Any time": the opposite of what they said."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = await at_picker(bot, content, language=language)
    reply = shown(await client.press(t.label("slots.call_me")))
    assert t("booking.call_back_chosen") in reply
    assert t.label("booking.time.any").lower() not in reply
    text = (await card(bot, 1)).text
    assert staff("staff.lead.time_call_back") in text
    assert staff.label("booking.time.any") not in text


async def test_mydata_says_no_free_time_suited_where_the_client_asked_to_be_called(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"📞 No time suits me: call me" pressed: /mydata said "preferred time: Any time", which
    the client never said."""
    t = Texts(content, language)
    client = await at_picker(bot, content, language=language)
    await client.press(t.label("slots.call_me"))
    mydata = shown(await client.send("/mydata"))
    assert t("mydata.lead", time=t.label("slots.call_me"), status=t.label(
        "staff.status.new")) in mydata
    assert t.label("booking.time.any") not in mydata


async def test_when_to_call_typed_after_call_me_reaches_staff(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"📞 call me" pressed, then "evenings please after 6": the bot said "Hello! I'm the
    clinic's assistant", and staff never heard when to call."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = await at_picker(bot, content, language=language)
    await client.press(t.label("slots.call_me"))
    said = {"en": "evenings please after 6", "ru": "лучше вечером после 18"}[language]
    reply = shown(await client.send(said))
    assert t("booking.already_open_passed", id=1) in reply
    assert staff("staff.lead.wrote", id=1, name="Olga", text=said) in bot.staff_chat()[-1].text


async def test_a_time_typed_alone_that_is_not_free_is_said_so(
    bot: Sandbox, content: Content, language: str
) -> None:
    """At a day's times (9:00, 9:45, 10:30…), "10am" was "Noted for the clinic" and the same
    times shown again, as if nothing had been asked; the card then said "10am" beside 10:30."""
    t = Texts(content, language)
    client = await at_picker(bot, content, language=language)
    day = date.fromordinal(int(buttons(client.last, "sday:")[0][1].split(":")[2]))
    await client.press_data(buttons(client.last, "sday:")[0][1], client.last)
    reply = shown(await client.send({"en": "10am", "ru": "в 10:00"}[language]))
    label = format_date(day, "EEEE d MMMM", locale=language)
    assert t("slots.hours_full", day=label[:1].upper() + label[1:]) in reply
    assert buttons(client.last, "stime:")


async def test_back_typed_at_a_days_times_shows_the_days_again(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"назад" at Saturday's times showed the main menu and nothing else: the booking was left
    without a word, and the next "Book" asked for the phone again."""
    t = Texts(content, language)
    client = await at_picker(bot, content, language=language)
    await client.press_data(buttons(client.last, "sday:")[0][1], client.last)
    back = {"en": "back", "ru": "назад"}[language]
    await client.send(back)
    assert buttons(client.last, "sday:") and not buttons(client.last, "stime:")
    reply = shown(await client.send(back))
    assert t("cancelled") in reply and t("menu.title") in reply


async def test_a_question_at_the_picker_is_answered_and_the_picker_waits(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t = Texts(content, language)
    client = await at_picker(bot, content, language=language)
    asked = {"en": "how much does it cost?", "ru": "сколько стоит?"}[language]
    reply = shown(await client.send(asked))
    assert t.faq("price", settings) in reply and t("booking.noted", note=asked) not in reply
    assert t("booking.still_open") in reply and buttons(client.last, "sday:")  # back to it
    await client.send("/start")
    reply = shown(await client.send(asked))
    assert t.faq("price", settings) in reply
    day = {"en": "on Saturday", "ru": "в субботу"}[language]
    await client.send(day)
    assert buttons(client.last, "stime:")  # the booking still waits for its time
    await client.press_data(buttons(client.last, "stime:")[0][1], client.last)
    assert (await stores_of(bot).leads.get(1)) is not None
    assert asked not in (await card(bot, 1)).text


async def test_a_sticker_mid_booking_shows_the_step_it_waits_on(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """A sticker, a photo or a voice message during booking showed the main menu, and the
    booking, reopened, asked for the phone already given."""
    t = Texts(content, language)
    client = await at_picker(bot, content, language=language)
    reply = shown(await client.send_sticker())
    assert t("error.unsupported_message") in reply and t("slots.pick_day") in reply
    assert buttons(client.last, "sday:")
    await client.send_photo()
    await client.press_data(buttons(client.last, "sday:")[0][1], client.last)
    await client.press_data(buttons(client.last, "stime:")[0][1], client.last)
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and lead.phone is not None


async def test_a_voice_message_at_the_contact_step_asks_for_the_contact_again(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await screen(client, t)
    await client.press(t.label("screening.outcome.suitable.book"))
    reply = shown(await client.send_voice())
    assert t("error.unsupported_message") in reply and t("booking.ask_contact") in reply


async def test_a_question_that_names_a_day_is_answered_and_opens_the_day(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """"can I pay by card on friday?" at the picker was kept as a note for staff and only
    Friday's times shown: the question went unanswered."""
    t = Texts(content, language)
    client = await at_picker(bot, content, language=language)
    asked = {"en": "how much does it cost on saturday?",
             "ru": "сколько стоит в субботу?"}[language]
    reply = shown(await client.send(asked))
    assert t.faq("price", settings) in reply and t("booking.noted", note=asked) not in reply
    assert buttons(client.last, "stime:")  # Saturday's times


async def test_an_old_time_pressed_once_it_has_passed_says_so(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """A time pressed from a list two days old said "that time was taken a moment ago"."""
    t = Texts(content, language)
    client = await at_picker(bot, content, language=language)
    await client.press_data(buttons(client.last, "sday:")[0][1], client.last)
    listed = client.last
    bot.clock.advance(timedelta(days=2))
    reply = shown(await client.press_data(buttons(listed, "stime:")[0][1], listed))
    assert t("slots.time_past") in reply and t("slots.taken") not in reply


async def test_a_day_a_fortnight_ahead_opens_it_and_tells_no_health(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """"in 2 weeks" at the picker got "whether the procedure suits you with this is for a
    specialist to decide", and the lead card then said the client told of their health."""
    t = Texts(content, language)
    client = await at_picker(bot, content, language=language)
    reply = shown(await client.send({"en": "in 2 weeks", "ru": "через 2 недели"}[language]))
    assert t("health.unknown") not in reply
    assert buttons(client.last, "stime:") or buttons(client.last, "sday:")
    await pick_first_slot(client)
    card_text = (await card(bot, 1)).text
    assert Texts(content, "en")("screening.outcome.suitable.title") in card_text


@pytest.mark.parametrize("language, words", [
    ("en", "please call me instead"), ("en", "could you just give me a ring?"),
    ("ru", "перезвоните мне лучше"), ("ru", "а можете просто позвонить мне? мне так удобнее")])
async def test_call_me_typed_at_the_picker_makes_the_request(
    bot: Sandbox, content: Content, settings: Settings, language: str, words: str
) -> None:
    """"please call me instead" was "noted for the clinic", and no request ever reached it."""
    t = Texts(content, language)
    client = await at_picker(bot, content, language=language)
    reply = shown(await client.send(words))
    assert t("booking.done", clinic=settings.clinic_name) in reply
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and lead.preferred_time == "any"


async def test_a_wait_said_at_the_picker_is_not_followed_by_the_picker(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """"im breastfeeding btw is that ok?" at the picker got "better to wait" and, right after
    it, "your booking is still open: pick a time"."""
    t = Texts(content, language)
    client = await at_picker(bot, content, language=language)
    said = {"en": "im breastfeeding btw is that ok?",
            "ru": "кстати я кормлю грудью, это ничего?"}[language]
    reply = shown(await client.send(said))
    assert t("booking.still_open") not in reply


async def test_the_next_session_cannot_be_picked_too_soon_after_the_last(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """Told "choose a day not earlier than 2 weeks after" the procedure, the client was offered
    days from the next one on, picked one a week after it and got it held. No day before the
    next session is offered, typed or taken."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    await client.press(t.label("menu.aftercare"))  # treated today
    today = bot.clock.now().astimezone(settings.timezone).date()
    first = today + timedelta(weeks=2)

    def named(day: date) -> str:
        return format_skeleton("MMMMd", day, locale=language)

    await screen(client, t)
    reply = shown(await client.press(t.label("screening.outcome.suitable.book")))
    assert t("booking.too_soon", date=named(today), first=named(first)) in reply
    await client.send("+7 912 345-67-89")
    offered = [date.fromordinal(int(data.split(":")[2]))
               for _, data in buttons(client.last, "sday:") if not data.endswith(":0")]
    assert offered and min(offered) >= first
    soon = today + timedelta(days=7)
    reply = shown(await client.send(soon.strftime("%d.%m")))
    label = format_date(soon, "EEEE d MMMM", locale=language)
    assert t("slots.day_too_soon", day=label[:1].upper() + label[1:], first=named(first)) \
        in reply
    # Refused, and no wish for the clinic: "Noted for the clinic" came above the refusal.
    assert t("booking.noted", note=soon.strftime("%d.%m")) not in reply
    # The same time a week before the first day offered, pressed from an old message.
    await client.press_data(buttons(client.last, "sday:")[0][1], client.last)
    offered_at = int(buttons(client.last, "stime:")[0][1].split(":")[2])
    week = int(timedelta(days=7).total_seconds())
    await client.press_data(SlotTime(0, offered_at - week).pack(), client.last)
    assert await stores_of(bot).leads.get(1) is None
