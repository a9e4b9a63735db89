"""Texts that read as a native speaker writes them: dates declined as the sentence needs, no
year when it is this one, the clinic's own texts in the client's language, an answer of "not
sure" never read back as a declared condition."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace

import pytest

from bot.clock import FixedClock
from bot.config import Settings, parse_settings
from bot.content import Content
from bot.devtools.sandbox import Sandbox, Sent
from tests.chat import Texts, shown
from tests.conftest import ROOT, START
from tests.desk import lead_by_chat, press_on_card, staff_member


@pytest.mark.parametrize("language, sentence", [
    ("ru", "перенесена с четверга, 3 декабря, 15:00 на <b>пятницу, 11 декабря, 11:00</b>"),
    ("en", "has moved from Thursday, December 3, 3:00\u202fPM to "
           "<b>Friday, December 11, 11:00\u202fAM</b>"),
])
async def test_the_reschedule_sentence_declines_the_weekdays_and_drops_this_year(
    bot: Sandbox, content: Content, settings: Settings, language: str, sentence: str
) -> None:
    client = await lead_by_chat(bot, content, language=language)
    maria = staff_member(bot, settings)
    [prompt] = await press_on_card(bot, maria, 1, "Booked")
    await maria.reply_to(prompt, "3.12 15:00")
    assert "2026" not in client.messages[-2].text
    [prompt] = await press_on_card(bot, maria, 1, "New date")
    await maria.reply_to(prompt, "11.12 11:00")
    assert sentence in client.messages[-2].text


async def test_a_date_of_another_year_keeps_its_year(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    client = await lead_by_chat(bot, content, language="ru")
    [prompt] = await press_on_card(bot, staff_member(bot, settings), 1, "Booked")
    await staff_member(bot, settings).reply_to(prompt, "12.01.2027 10:00")
    assert "вторник, 12 января 2027\u202fг., 10:00" in client.messages[-2].text


def per_language(settings: Settings) -> Settings:
    text = (ROOT / "clinic.example.toml").read_text(encoding="utf-8")
    text = re.sub(
        r"(?m)^parking = .*$",
        'parking = { en = "Street parking on Rose Street.", ru = "вдоль Роуз-стрит." }\n'
        'directions = { en = "Five minutes from Green Park.", ru = "Пять минут от Грин-парка." }',
        text)
    text = text.replace('address = "12 Rose Street, London"',
                        'address = { en = "12 Rose Street, London",'
                        ' ru = "Лондон, Роуз-стрит, 12" }')
    parsed = parse_settings(tomllib.loads(text), ROOT)
    return replace(settings, address=parsed.address, parking=parsed.parking,
                   directions=parsed.directions, clinic_texts=parsed.clinic_texts)


@pytest.mark.parametrize("language, asked, expected, foreign", [
    ("ru", "где можно припарковаться", "вдоль Роуз-стрит.", "Street parking"),
    ("ru", "где вы находитесь", "Лондон, Роуз-стрит, 12", "12 Rose Street"),
    ("ru", "как добраться", "Пять минут от Грин-парка.", "Green Park"),
    ("en", "is there parking", "Street parking on Rose Street.", "Роуз"),
    ("en", "how do I get there", "Five minutes from Green Park.", "Грин"),
])
async def test_the_clinics_own_texts_come_in_the_clients_language(
    settings: Settings, language: str, asked: str, expected: str, foreign: str
) -> None:
    bot = await Sandbox.start(per_language(settings), FixedClock(START))
    try:
        user = bot.user(language_code=language)
        await user.send("/start")
        reply = shown(await user.send(asked))
        assert expected in reply and foreign not in reply
    finally:
        await bot.stop()


async def test_a_russian_booking_confirmation_gives_the_russian_address(
    settings: Settings, content: Content
) -> None:
    bot = await Sandbox.start(per_language(settings), FixedClock(START))
    try:
        client = await lead_by_chat(bot, content, language="ru")
        [prompt] = await press_on_card(bot, staff_member(bot, settings), 1, "Booked")
        await staff_member(bot, settings).reply_to(prompt, "3.12 15:00")
        assert "Лондон, Роуз-стрит, 12" in client.messages[-2].text
        assert "12 Rose Street" not in client.messages[-2].text
    finally:
        await bot.stop()


def test_a_single_string_still_configures_every_language(settings: Settings) -> None:
    assert settings.address_for("ru") == settings.address_for("en") == "12 Rose Street, London"


async def test_not_sure_is_not_read_back_as_a_declared_condition(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/menu")
    await user.press(t.label("menu.screening"))
    await user.press(t.label("screening.consent.yes"))
    typed = False
    last: list[Sent] = []
    for step in content.screening.steps:
        if step.kind == "choose_many" and step.conditions:
            last = await user.press(t.label("screening.none_of_these"))
        elif step.kind == "choose_many":
            await user.press_exact(t.label(step.options[0].label))
            last = await user.press(t.label("screening.done"))
        elif step.condition is not None and not typed:
            typed = True
            last = await user.send({"en": "not sure", "ru": "не знаю"}[language])
        else:
            last = await user.press_exact(t.label("screening.no"))
    outcome = shown(last)
    assert t("screening.outcome.unsure.explain") in outcome
    assert t("screening.outcome.doctor.explain") not in outcome


async def test_the_chosen_time_reads_inside_the_sentence(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    client = await lead_by_chat(bot, content, language=language)
    evening = t.label("booking.time.evening")
    said = shown(client.messages)
    assert t("booking.time_chosen", time=evening.lower()) in said
    assert t("booking.time_chosen", time=evening) not in said
