"""Phone numbers as clients type or share them, and as staff see, search and export them.

The example clinic is in Great Britain (its own number is +44 …): a number typed without a
country code is British, stored in E.164 and shown to staff as the clinic dials it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta

import pytest

from bot.clock import FixedClock
from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import ChatUser, Sandbox
from tests.chat import Texts, screen, shown
from tests.desk import card, seed_lead, staff_member, stores_of
from tests.test_aftercare import live_through, started
from tests.test_booking import book
from tests.test_staff_reports import rows_of


async def at_contact(bot: Sandbox, t: Texts) -> ChatUser:
    """A client of `t`'s language past the check, asked for their contact."""
    user = bot.user(language_code=t.language)
    await screen(user, t)
    await book(user, t)
    return user


async def booked_with(bot: Sandbox, content: Content, phone: str, *,
                      shared: bool = False) -> ChatUser:
    t = Texts(content, "en")
    user = await at_contact(bot, t)
    reply = shown(await (user.share_contact(phone) if shared else user.send(phone)))
    assert t("booking.ask_time") in reply, reply
    await user.press(t.label("booking.time.any"))
    return user


async def test_a_national_number_is_stored_in_e164_and_shown_as_the_clinic_dials_it(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    await booked_with(bot, content, "(07400) 123-456")
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and lead.phone == "+447400123456"
    assert "07400 123456" in (await card(bot, 1)).text
    maria = staff_member(bot, settings)
    assert "07400 123456" in shown(await maria.send("/lead 1"))
    assert "07400 123456" in shown(await maria.send("/leads"))
    [sent] = await maria.send("/export")
    assert sent.document is not None
    assert [row["phone"] for row in rows_of(sent.document)] == ["07400 123456"]


async def test_an_aftercare_alert_shows_the_phone_as_the_clinic_dials_it(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    user = await booked_with(bot, content, "+44 7400 123456")
    await started(bot, user, t)
    await live_through(bot, user, bot.clock.now() + timedelta(days=3, hours=2))
    await user.press(t.label("aftercare.answer.redness"))  # day 3: a problem
    alert = bot.staff_chat()[-1]
    assert t("staff.aftercare.title") in alert.text and "07400 123456" in alert.text


async def test_a_foreign_number_is_shown_in_international_format(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    await booked_with(bot, content, "+7-912-345-67-89")
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and lead.phone == "+79123456789"
    assert "+7 912 345-67-89" in (await card(bot, 1)).text
    [sent] = await staff_member(bot, settings).send("/export")
    assert sent.document is not None
    assert [row["phone"] for row in rows_of(sent.document)] == ["'+7 912 345-67-89"]


async def test_a_shared_contact_is_stored_in_e164_even_without_its_plus(
    bot: Sandbox, content: Content
) -> None:
    await booked_with(bot, content, "79123456789", shared=True)
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and lead.phone == "+79123456789"


@pytest.mark.parametrize("typed", [
    "٠٧٤٠٠ ١٢٣٤٥٦",  # Arabic-Indic digits
    "07400\n123456",
    "07400\t123456",
    "+44 1234567",  # the right length for nothing in Britain
    "0740012345678901",
    "1234567",
])
async def test_a_number_that_is_no_phone_number_is_asked_again(
    bot: Sandbox, content: Content, typed: str
) -> None:
    t = Texts(content, "en")
    user = await at_contact(bot, t)
    assert t("booking.contact_invalid") in shown(await user.send(typed))
    assert user.last.keyboard[0]["request_contact"] is True
    assert t("booking.ask_time") in shown(await user.send("07400 123456"))


SENTENCES = {"en": ("my number is 07400 123456, call after 6", "call after 6"),
             "ru": ("мой номер 07400 123456, звоните после 6", "звоните после 6")}


async def test_a_number_inside_a_sentence_is_taken_and_the_rest_kept_for_staff(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"my number is 07400 123456, call after 6" was no phone number: asked again."""
    t = Texts(content, language)
    user = await at_contact(bot, t)
    typed, rest = SENTENCES[language]
    reply = shown(await user.send(typed))
    assert t("booking.ask_time") in reply and t("booking.noted", note=rest) in reply
    await user.press(t.label("booking.time.any"))
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and (lead.phone, lead.note) == ("+447400123456", rest)
    assert "07400 123456" in (await card(bot, 1)).text and rest in (await card(bot, 1)).text


@pytest.mark.parametrize("language, typed", [
    ("en", "its 07400 123456 thx"), ("en", "here you go: 07400 123456 :)"),
    ("ru", "вот мой номер 07400 123456, спс")])
async def test_words_that_only_bring_the_number_are_no_note(
    bot: Sandbox, content: Content, language: str, typed: str
) -> None:
    """"its 07400 123456 thx" reached the lead card as the client's note: «its thx»."""
    t = Texts(content, language)
    user = await at_contact(bot, t)
    reply = shown(await user.send(typed))
    assert t("booking.ask_time") in reply
    assert t("booking.noted", note="").split("«")[0].strip() not in reply
    await user.press(t.label("booking.time.any"))
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and (lead.phone, lead.note) == ("+447400123456", None)


@pytest.mark.parametrize("typed", [
    "07400 123456 or 07400 654321",
    "call me after 6",
    "my number is ٠٧٤٠٠ ١٢٣٤٥٦",
])
async def test_a_sentence_with_two_numbers_or_none_is_asked_again(
    bot: Sandbox, content: Content, typed: str
) -> None:
    t = Texts(content, "en")
    user = await at_contact(bot, t)
    assert t("booking.contact_invalid") in shown(await user.send(typed))
    assert user.last.keyboard[0]["request_contact"] is True


async def test_the_same_number_written_twice_is_one_number(
    bot: Sandbox, content: Content
) -> None:
    await booked_with(bot, content, "07400 123456 (or +44 7400 123456 on WhatsApp)")
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and lead.phone == "+447400123456"


CLINIC_TYPED = {"en": ("+44 20 7946 0000", "020 7946 0000", "you can call me on 020 7946 0000"),
                "ru": ("+44 20 7946 0000", "020 7946 0000", "звоните мне на 020 7946 0000")}


@pytest.mark.parametrize("way", [0, 1, 2])
async def test_the_clinics_own_number_is_refused_kindly(
    bot: Sandbox, content: Content, language: str, way: int
) -> None:
    """The clinic's number (`clinic.phone`) typed as the client's made a lead no one could
    call back."""
    t = Texts(content, language)
    typed = CLINIC_TYPED[language][way]
    user = await at_contact(bot, t)
    reply = shown(await user.send(typed))
    assert t("booking.contact_clinic") in reply and t("booking.ask_contact") in reply
    assert user.last.keyboard[0]["request_contact"] is True
    assert t("booking.ask_time") in shown(await user.send("07400 123456"))
    await user.press(t.label("booking.time.any"))
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and lead.phone == "+447400123456"


@pytest.mark.parametrize("phone", ["12345", "+44 1234567", "not a number"])
async def test_a_shared_contact_with_no_valid_number_is_asked_again(
    bot: Sandbox, content: Content, phone: str
) -> None:
    t = Texts(content, "en")
    user = await at_contact(bot, t)
    assert t("booking.contact_invalid") in shown(await user.share_contact(phone))
    await user.press_data("time:any")
    assert bot.staff_chat() == []
    assert t("booking.ask_time") in shown(await user.share_contact("+44 7400 123456"))


async def test_find_matches_a_british_number_however_it_is_typed(
    bot: Sandbox, settings: Settings
) -> None:
    stores = stores_of(bot)
    await seed_lead(stores, user_id=61, first_name="Anna", phone="+447700900123",
                    created=bot.clock.now())
    await seed_lead(stores, user_id=62, first_name="Boris", phone="+79123456789",
                    created=bot.clock.now())
    maria = staff_member(bot, settings)
    for query in ("07700 900123", "+44 7700 900123", "0044 7700 900123", "07700 900",
                  "7700900123"):
        result = shown(await maria.send(f"/find {query}"))
        assert "Anna" in result and "Boris" not in result, query
    for query in ("+7 912 345 67 89", "8 (912) 345-67-89", "912 345"):
        result = shown(await maria.send(f"/find {query}"))
        assert "Boris" in result and "Anna" not in result, query


@pytest.fixture
async def russian_clinic(settings: Settings, clock: FixedClock) -> AsyncIterator[Sandbox]:
    sandbox = await Sandbox.start(replace(settings, phone="+7 495 123-45-67"), clock)
    try:
        yield sandbox
    finally:
        await sandbox.stop()
    assert sandbox.errors == []


async def test_a_russian_clinic_reads_and_finds_numbers_the_russian_way(
    russian_clinic: Sandbox, content: Content, settings: Settings
) -> None:
    bot = russian_clinic
    await booked_with(bot, content, "8 912 345-67-89")
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and lead.phone == "+79123456789"
    assert "8 (912) 345-67-89" in (await card(bot, 1)).text
    maria = staff_member(bot, settings)
    for query in ("8 912 345 67 89", "+7 912 345 67 89", "89123456789", "+7 (912) 345"):
        assert "8 (912) 345-67-89" in shown(await maria.send(f"/find {query}")), query
