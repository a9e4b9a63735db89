"""A client whose phone number changed says so in their own words: the request the clinic holds
gets the new number, staff hear of it under its card, and /mydata shows it."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import Sandbox
from tests.appointments import book
from tests.chat import Texts, shown
from tests.desk import card, stores_of

pytestmark = pytest.mark.engines


@pytest.mark.parametrize("language, said", [
    ("ru", "у меня поменялся номер, новый 07400 654321"),
    ("en", "I have a new phone number: 07400 654321"),
    ("en", "my number changed, its +44 7400 654321 now"),
    ("ru", "мой новый телефон 07400 654321"), ("en", "my new mobile is 07400 654321")])
async def test_a_new_number_told_reaches_the_request_and_staff(
    bot: Sandbox, content: Content, settings: Settings, language: str, said: str
) -> None:
    """"у меня поменялся номер, новый 07400 654321" got "a specialist decides whether the
    procedure suits you in this case", and the clinic kept calling the old number."""
    t = Texts(content, language)
    client = await book(bot, content, settings, language=language)
    posts = len(bot.staff_chat())
    reply = shown(await client.send(said))
    assert t("phone.changed", phone="07400 654321") in reply
    assert t("health.unknown") not in reply
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and lead.phone == "+447400654321"
    assert "07400 654321" in (await card(bot, 1)).text
    [note] = [m for m in bot.staff_chat()[posts:] if "#1" in m.text and "📞" in m.text]
    assert "07400 654321" in note.text
    assert "+447400654321" in shown(await client.send("/mydata"))


@pytest.mark.parametrize("language, said", [
    ("ru", "хочу поменять номер телефона"), ("en", "i need to change my phone number")])
async def test_a_change_of_number_asked_for_asks_for_the_number(
    bot: Sandbox, content: Content, settings: Settings, language: str, said: str
) -> None:
    """"хочу поменять номер телефона" got the clinic's own phone number."""
    t = Texts(content, language)
    client = await book(bot, content, settings, language=language)
    assert t("phone.ask_new") in shown(await client.send(said))
    number = {"en": "it's 07400 654321", "ru": "мой новый телефон +44 7400 654321"}[language]
    assert t("phone.changed", phone="07400 654321") in shown(await client.send(number))
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and lead.phone == "+447400654321"


@pytest.mark.parametrize("language, said", [
    ("en", "do you have a new phone number?"), ("ru", "у вас новый номер?")])
async def test_the_clinics_new_number_asked_about_is_no_change_of_the_clients(
    bot: Sandbox, content: Content, settings: Settings, language: str, said: str
) -> None:
    t = Texts(content, language)
    client = await book(bot, content, settings, language=language)
    assert t("phone.ask_new") not in shown(await client.send(said))


async def test_a_new_number_without_a_request_is_no_change(
    bot: Sandbox, content: Content
) -> None:
    """With no request at the clinic there is no number to change: the message is answered
    as any other."""
    t = Texts(content, "en")
    client = bot.user()
    await client.send("/start")
    assert t("phone.changed", phone="07400 654321") not in shown(
        await client.send("I have a new phone number: 07400 654321"))
