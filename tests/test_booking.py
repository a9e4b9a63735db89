"""Journey 4: contact, preferred time, tips, the lead card for staff and the confirmation."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.clock import FixedClock
from bot.config import Settings
from bot.content import Content
from bot.content.i18n import display_name
from bot.devtools.sandbox import ChatUser, Sandbox
from tests.chat import Texts, screen, shown
from tests.desk import card, lead_by_chat, press_on_card, staff_member, stores_of

pytestmark = pytest.mark.engines


async def book(user: ChatUser, t: Texts) -> None:
    await user.press(t.label("screening.outcome.suitable.book"))
    assert t("booking.ask_contact") in user.last.text
    assert user.last.keyboard[0]["request_contact"] is True


async def test_suitable_client_shares_phone_and_staff_get_a_lead_card(
    bot: Sandbox, content: Content, language: str
) -> None:
    t, staff = Texts(content, language), Texts(content, "en")
    user = bot.user(first_name="Olga", last_name="Ivanova", username="olga_i",
                    language_code=language)
    await screen(user, t, goals=("pores", "wrinkles"))
    await book(user, t)
    reply = shown(await user.share_contact("+7 912 345-67-89"))
    assert t("booking.ask_time") in reply
    assert user.messages[-2].reply_markup == {"remove_keyboard": True}
    reply = shown(await user.press(t.label("booking.time.evening")))
    assert t("booking.tip.season_good") in reply and t("booking.tip.menstruation") in reply
    assert t("booking.done", clinic="Lumière Skin Clinic") in reply
    assert "+44 20 7946 0000" in reply
    [card] = bot.staff_chat()
    assert "⚠️" not in card.text
    for expected in ("Olga Ivanova", "@olga_i", "+7 912 345-67-89",
                     staff("screening.outcome.suitable.title"), staff.label("booking.time.evening"),
                     staff.label("screening.goal.pores"), staff.label("screening.goal.wrinkles"),
                     display_name(language)):
        assert expected in card.text
    stores = bot.app.bot_data["services"].stores
    lead = await stores.leads.get(1)
    assert (lead.phone, lead.preferred_time, lead.staff_message_id, lead.status) == (
        "+79123456789", "evening", card.message_id, "new")


async def test_the_client_is_answered_before_the_lead_card_goes_to_staff(
    bot: Sandbox, content: Content
) -> None:
    """The staff group takes 20 posts a minute: in a burst of leads the card may wait, and the
    client's confirmation must not wait behind it (the card is stored before either is sent)."""
    t = Texts(content, "en")
    user = bot.user()
    await screen(user, t)
    await book(user, t)
    await user.share_contact("+44 7400 123456")
    start = len(bot.api.touched)
    await user.press(t.label("booking.time.evening"))
    order = [("client" if sent.chat_id == user.id else "staff")
             for sent in bot.api.touched[start:]]
    assert order[-1] == "staff" and "client" in order, order
    assert t("booking.done", clinic="Lumière Skin Clinic") in user.last.text


async def test_typed_phone_or_username_is_accepted_and_junk_is_not(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    user = bot.user(username="anna_b")
    await screen(user, t)
    await book(user, t)
    assert "@anna_b" in user.last.text
    reply = shown(await user.send("call me maybe"))
    assert t("booking.contact_invalid") in reply
    reply = shown(await user.send("@anna_b"))
    assert t("booking.ask_time") in reply
    await user.press(t.label("booking.time.any"))
    [card] = bot.staff_chat()
    assert "@anna_b" in card.text


async def test_someone_elses_contact_is_refused(bot: Sandbox, content: Content) -> None:
    t = Texts(content, "en")
    user = bot.user()
    await screen(user, t)
    await book(user, t)
    assert t("booking.contact_not_own") in shown(await user.share_contact(own=False))
    assert bot.staff_chat() == []


async def test_doctor_decides_lead_flags_the_answers_for_staff(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "ru")
    staff = Texts(content, "en")
    user = bot.user(language_code="ru")
    await screen(user, t, yes=frozenset({"pacemaker", "herpes"}))
    await user.press(t.label("screening.outcome.doctor.book"))
    await user.send("+7 900 000 00 00")
    await user.press(t.label("booking.time.morning"))
    [card] = bot.staff_chat()
    assert staff("screening.outcome.doctor.title") in card.text
    assert staff.label("screening.condition.pacemaker") in card.text
    assert staff.label("screening.condition.herpes") in card.text


async def test_booking_without_a_screening_starts_the_check_first(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    user = bot.user()
    await user.send("/menu")
    reply = shown(await user.press(t.label("menu.booking")))
    assert t("booking.screen_first") in reply and t("screening.consent.title") in reply


async def test_not_now_client_cannot_book_yet(bot: Sandbox, content: Content) -> None:
    t = Texts(content, "en")
    user = bot.user()
    await screen(user, t, yes=frozenset({"herpes"}))
    await user.send("/menu")
    reply = shown(await user.press(t.label("menu.booking")))
    assert t("booking.not_now") in reply and t("screening.reason.herpes") in reply


async def test_summer_booking_gets_the_sun_tip(
    test_settings: Settings, tmp_path, content: Content
) -> None:
    sandbox = await Sandbox.start(test_settings.with_database(tmp_path / "s.sqlite3"),
                                  FixedClock(datetime(2026, 7, 1, 9, tzinfo=UTC)))
    try:
        t = Texts(content, "en")
        user = sandbox.user()
        await screen(user, t)
        await book(user, t)
        await user.share_contact()
        reply = shown(await user.press(t.label("booking.time.morning")))
        assert t("booking.tip.season_sunny") in reply
        assert t("booking.tip.season_good") not in reply
    finally:
        await sandbox.stop()
    assert sandbox.errors == []


async def test_a_client_with_an_open_request_is_told_so_and_no_second_lead_is_made(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t = Texts(content, language)
    client = await lead_by_chat(bot, content, language=language)
    posts = len(bot.staff_chat())
    reply = shown(await client.press(t.label("menu.booking")))
    assert t("booking.already_open", id=1) in reply
    assert len(bot.staff_chat()) == posts
    assert [lead.id for lead in await stores_of(bot).leads.of_client(client.id)] == [1]


async def test_a_new_request_after_a_closed_one_is_marked_as_a_repeat(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    await lead_by_chat(bot, content)
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, "Archived")
    client = bot.user(1001, "Olga", username="user1001")
    await client.press(staff.label("menu.booking"))  # the check is recent: straight to contact
    await client.send("+7 912 345-67-89")
    await client.press(staff.label("booking.time.evening"))
    assert staff("staff.card.repeat", ids="1") in (await card(bot, 2)).text
    assert staff("staff.card.repeat", ids="1") not in (await card(bot, 1)).text



@pytest.mark.parametrize("where", ["contact", "time"])
async def test_a_check_begun_while_booking_waits_takes_the_typed_answers(
        bot: Sandbox, content: Content, language: str, where: str) -> None:
    """The check begun from the menu while booking waited for a number or a time: "yes" typed
    to the burns question became "that doesn't look like a phone number", or a note for the
    clinic ("Noted: «yes»"), and the lead card then said "No contraindications"."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await screen(user, t)
    await book(user, t)
    if where == "time":
        await user.share_contact("+7 912 345-67-89")
    await user.send("/menu")
    await user.press(t.label("menu.screening"))
    await user.press(t.label("screening.done"))
    first = next(s for s in content.screening.steps if s.kind == "yes_no")
    said = {"en": "yes", "ru": "да"}[language]
    reply = shown(await user.send(said))
    assert t("booking.contact_invalid") not in reply
    assert t("booking.noted", note=said) not in reply
    stores = bot.app.bot_data["services"].stores
    rows = await stores.database.all(
        "SELECT step_id, answer FROM screening_answers WHERE screening_id = 2")
    assert (first.id, "yes") in [tuple(r) for r in rows]
