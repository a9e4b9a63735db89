"""A client whose Telegram speaks one language may write in another the clinic speaks: "сколько
стоит?" from an English Telegram is answered in Russian, with the switch one tap away; Russian
typed in Latin letters ("skolko stoit"), a brand or a single word stays in the client's own.
Asking for a language by name ("switch to russian", "по-английски") switches to it; for
another language in general ("сменить язык"), opens the choice."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.content import Content
from bot.content.i18n import display_name
from bot.devtools.sandbox import Sandbox
from tests import shipped
from tests.chat import Texts, consented, shown

content, settings = shipped.content, shipped.settings  # what the clinic ships


@pytest.mark.parametrize("telegram, text, written, topic", [
    ("en", "сколько стоит процедура?", "ru", "price"),
    ("en", "а это больно?", "ru", "duration"),
    ("ru", "how much does it cost?", "en", "price"),
    # Read as Russian first, its unknown words were taken for a medicine's name: "a
    # specialist decides", in Russian.
    ("ru", "how long does it take", "en", "duration")])
async def test_a_question_in_another_language_is_answered_in_it_with_the_switch_offered(
    bot: Sandbox, content: Content, settings: Settings, telegram: str, text: str,
    written: str, topic: str
) -> None:
    t = Texts(content, written)
    client = bot.user(language_code=telegram)
    await client.send("/start")
    reply = await client.send(text)
    assert t.faq(topic, settings) in shown(reply)
    assert t("language.offer") in shown(reply)
    offered = [label for m in reply for label, _ in m.buttons]
    assert display_name(written) in offered
    switched = await client.press(display_name(written))
    assert t("language.changed") in shown(switched)


async def test_russian_in_latin_letters_stays_russian(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    t = Texts(content, "ru")
    client = bot.user(language_code="ru")
    await client.send("/start")
    reply = shown(await client.send("skolko stoit procedura?"))
    assert t.faq("price", settings) in reply and t("language.offer") not in reply


@pytest.mark.parametrize("telegram, text", [
    ("en", "change language please"), ("en", "другой язык"), ("ru", "another language"),
    ("ru", "сменить язык")])
async def test_asking_for_another_language_in_words_opens_the_choice(
    bot: Sandbox, content: Content, telegram: str, text: str
) -> None:
    t = Texts(content, telegram)
    client = bot.user(language_code=telegram)
    await client.send("/start")
    reply = await client.send(text)
    assert t("language.choose") in shown(reply)
    assert [label for label, _ in reply[-1].buttons] == [
        display_name(lang) for lang in content.languages]


@pytest.mark.parametrize("telegram, text", [
    ("ru", "London"), ("ru", "Apple Pay есть?"), ("ru", "London где?"), ("en", "нет"),
    ("en", "лицо")])
async def test_a_name_a_brand_or_one_word_is_no_sign_of_another_language(
    bot: Sandbox, content: Content, telegram: str, text: str
) -> None:
    client = bot.user(language_code=telegram)
    await client.send("/start")
    reply = shown(await client.send(text))
    for other in content.languages:
        assert Texts(content, other)("language.offer") not in reply


@pytest.mark.parametrize("telegram, text, chosen", [
    ("en", "switch to russian please", "ru"), ("en", "говори по-русски", "ru"),
    ("ru", "in english please", "en"), ("ru", "по-английски можно?", "en")])
async def test_a_language_named_is_switched_to(
    bot: Sandbox, content: Content, telegram: str, text: str, chosen: str
) -> None:
    client = bot.user(language_code=telegram)
    await client.send("/start")
    assert Texts(content, chosen)("language.changed") in shown(await client.send(text))


async def test_a_question_for_staff_about_languages_reaches_staff(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    client = bot.user()
    await client.send("/start")
    await client.press(t.label("menu.person"))
    await client.send("do you speak russian?")
    assert "do you speak russian?" in bot.staff_chat()[-1].text


@pytest.mark.parametrize("how", ["button", "words"])
async def test_a_language_chosen_in_the_middle_of_the_check_shows_its_question_in_it(
    bot: Sandbox, content: Content, how: str
) -> None:
    """"можно по-русски?" at question 5: "Done! I'll speak Russian now. What would you like to
    do?" and the main menu; the open question was nowhere, and the client had to find it."""
    en, ru = Texts(content, "en"), Texts(content, "ru")
    client = bot.user(language_code="en")
    await consented(client, en)
    await client.press_exact(en.label(content.screening.steps[0].options[0].label))
    await client.press(en.label("screening.done"))
    await client.press_exact(en.label("screening.no"))  # at the third question now
    if how == "button":
        await client.send("/language")
        reply = shown(await client.press(display_name("ru")))
    else:
        reply = shown(await client.send("можно по-русски?"))
    assert ru("language.changed") in reply
    step = content.screening.steps[2]
    assert ru(step.question) in reply and ru.label("screening.yes") in {
        label for label, _ in client.last.buttons}
