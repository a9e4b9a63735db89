"""A client who cancels (from a reminder or "My appointment"): the lead is "Cancelled by
client" wherever staff look, the time is free again, and the client can book again at once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.config import Settings
from bot.content import Content
from bot.content.i18n import format_when
from bot.devtools.sandbox import Sandbox
from bot.flows.dates import appointment_day
from tests.appointments import VISIT, reminded
from tests.chat import Texts, shown
from tests.desk import card, press_on_card, staff_member, stores_of
from tests.test_staff_reports import rows_of

pytestmark = pytest.mark.engines


async def test_a_cancelled_reminder_lets_the_client_book_again_at_once(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t, staff = Texts(content, language), Texts(content, "en")
    client = await reminded(bot, content, settings, language=language)
    await client.press(t.label("appointment.cancel"))
    reply = shown(await client.press(t.label("appointment.cancel_yes")))
    assert t("appointment.cancelled") in reply
    assert (await stores_of(bot).leads.get(1)).status == "client_cancelled"
    assert staff.label("staff.status.client_cancelled") in (await card(bot, 1)).text
    reply = shown(await client.press(t.label("menu.booking")))
    assert t("booking.already_open", id=1) not in reply
    assert t("booking.ask_contact") in reply
    await client.send("+7 912 345-67-89")
    await client.press(t.label("booking.time.evening"))
    assert staff("staff.card.repeat", ids=1) in (await card(bot, 2)).text  # links the first


async def test_staff_see_the_cancellation_in_leads_today_and_the_export(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    client = await reminded(bot, content, settings)
    await client.press(staff.label("appointment.cancel"))
    await client.press(staff.label("appointment.cancel_yes"))
    maria = staff_member(bot, settings)
    label = staff.label("staff.status.client_cancelled")
    [listing] = await maria.send("/leads")
    assert label in listing.text and staff.label("staff.status.booked") not in listing.text
    [today] = await maria.send("/tomorrow")
    assert "Olga" in today.text and label in today.text
    [export] = await maria.send("/export")
    assert export.document is not None
    [row] = rows_of(export.document)
    assert row["status"] == "client_cancelled"


async def test_staff_booking_a_cancelled_lead_again_are_asked_for_the_time(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    client = await reminded(bot, content, settings)
    await client.press(staff.label("appointment.cancel"))
    await client.press(staff.label("appointment.cancel_yes"))
    maria = staff_member(bot, settings)
    [prompt] = await press_on_card(bot, maria, 1, staff.label("staff.status.booked"))
    assert "#1" in prompt.text and prompt.reply_to is not None
    assert (await stores_of(bot).leads.get(1)).status == "client_cancelled"


async def test_cancel_asks_first_and_keep_it_keeps_the_appointment(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t = Texts(content, language)
    services = bot.app.bot_data["services"]
    client = await reminded(bot, content, settings, language=language)
    ask = shown(await client.press(t.label("appointment.cancel")))
    day, hour = appointment_day(services, VISIT, language, "accusative")
    assert t("appointment.cancel_ask", date=day, time=hour) in ask
    assert (await stores_of(bot).leads.get(1)).status == "booked"
    kept = shown(await client.press(t.label("appointment.keep")))
    assert t("appointment.kept", **dict(zip(("date", "time"), appointment_day(
        services, VISIT, language), strict=True))) in kept
    lead = await stores_of(bot).leads.get(1)
    assert (lead.status, lead.appointment_at) == ("booked", VISIT)
    assert await stores_of(bot).database.all(
        "SELECT kind FROM appointment_reminders WHERE lead_id = 1 AND sent_at IS NULL") == [
        ("morning",)]
    await client.press(t.label("appointment.cancel"))
    asked, yes = client.find_button(t.label("appointment.cancel_yes"))
    assert t("appointment.cancelled") in shown(await client.press_data(yes, asked))
    assert (await stores_of(bot).leads.get(1)).status == "client_cancelled"
    again = shown(await client.press_data(yes, asked))  # a second press, or an old message
    assert t("appointment.already_cancelled") in again and t("my_appointment.none") in again
    assert len([m for m in bot.staff_chat() if "#1" in m.text and "✖️" in m.text]) <= 2
    junk = shown(await client.press_data(yes.rsplit(":", 1)[0] + ":maybe", asked))
    assert t("error.stale_button") in junk


async def test_booking_again_offers_the_number_already_given(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """After cancelling, "Book again" asked for the phone the clinic already had."""
    t = Texts(content, language)
    client = await reminded(bot, content, settings, language=language)
    await client.press(t.label("appointment.cancel"))
    await client.press(t.label("appointment.cancel_yes"))
    reply = shown(await client.press(t.label("menu.booking")))
    assert t("booking.ask_contact") in reply
    reply = shown(await client.press(t.label("booking.same_phone", phone="+7 912 345-67-89")))
    assert t("booking.contact_received") in reply
    await client.press(t.label("booking.time.evening"))
    lead = await stores_of(bot).leads.get(2)
    assert lead is not None and lead.phone == "+79123456789"


@pytest.mark.parametrize("typed, cancelled", [
    ({"en": "yes", "ru": "да"}, True), ({"en": "yes, cancel", "ru": "Да, отменить"}, True),
    ({"en": "no", "ru": "нет"}, False)])
async def test_a_typed_yes_or_no_answers_the_cancel_question(
    bot: Sandbox, content: Content, settings: Settings, language: str,
    typed: dict[str, str], cancelled: bool
) -> None:
    """"да" typed at "Cancel your appointment on Tuesday…? [Yes, cancel] [Keep it]" got "👍 How
    can I help?", and the time stayed held for a client who thought they had cancelled."""
    t = Texts(content, language)
    client = await reminded(bot, content, settings, language=language)
    await client.press(t.label("appointment.cancel"))
    reply = shown(await client.send(typed[language]))
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None
    if cancelled:
        assert t("appointment.cancelled") in reply and lead.status == "client_cancelled"
    else:
        assert t("appointment.cancelled") not in reply and lead.status == "booked"
        assert t("smalltalk.ok") not in reply


async def test_booking_an_old_card_while_the_client_has_another_visit_warns_staff(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """The client cancelled and booked again; staff then booked a time on the old card: the
    client held two visits, with reminders for both, and staff were told nothing."""
    t, staff = Texts(content, "en"), Texts(content, "en")
    client = await reminded(bot, content, settings)
    await client.press(t.label("appointment.cancel"))
    await client.press(t.label("appointment.cancel_yes"))
    await client.press(t.label("menu.booking"))
    await client.send("+7 912 345-67-89")
    await client.press(t.label("booking.time.evening"))
    maria = staff_member(bot, settings)
    [prompt] = await press_on_card(bot, maria, 2, "Booked")
    await maria.reply_to(prompt, "3.12 15:00")
    [prompt] = await press_on_card(bot, maria, 1, "Booked")
    answer = shown(await maria.reply_to(prompt, "4.12 11:00"))
    assert staff("staff.booked.other_visit", id=2, when=format_when(
        datetime(2026, 12, 3, 15, 0, tzinfo=UTC), "en", settings.timezone)) in answer
