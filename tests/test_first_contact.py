"""Journey 1: /start, menu, help, contacts and language, in every shipped language."""

from __future__ import annotations

import pytest

from bot.content import Content
from bot.devtools.sandbox import Sandbox
from tests.chat import Texts, shown


@pytest.mark.parametrize("code, language", [("en", "en"), ("ru-RU", "ru"), ("ru", "ru"),
                                            ("pt-br", "en"), (None, "en")])
async def test_start_greets_in_the_telegram_language(
    bot: Sandbox, content: Content, code: str | None, language: str
) -> None:
    t = Texts(content, language)
    user = bot.user(language_code=code or "")
    reply = shown(await user.send("/start"))
    assert t("welcome.greeting", name="Anna", clinic="Lumière Skin Clinic") in reply
    assert t("welcome.disclaimer") in reply
    labels = [label for label, _ in user.last.buttons]
    assert labels == [t.label(item.label) for item in content.menu]


async def test_menu_help_and_contacts_always_work(bot: Sandbox, content: Content) -> None:
    t = Texts(content, "en")
    user = bot.user()
    assert t("menu.title") in shown(await user.send("/menu"))
    help_text = shown(await user.send("/help"))
    assert "/language" in help_text and t("help.title") in help_text
    # How to stop the messages, see the data kept and have it erased: it named none of them.
    assert all(f"{command} — {t(f'command.{command}')}" in help_text
               for command in ("stop", "mydata", "forget", "privacy"))
    contacts = shown(await user.press(t.label("menu.contacts")))
    assert "12 Rose Street, London" in contacts and "+44 20 7946 0000" in contacts


async def test_language_switch_persists_across_restart(bot: Sandbox, content: Content) -> None:
    en, ru = Texts(content, "en"), Texts(content, "ru")
    user = bot.user(language_code="en")
    await user.send("/language")
    assert [label for label, _ in user.last.buttons] == ["English", "Русский"]
    reply = shown(await user.press("Русский"))
    assert ru("language.changed") in reply
    assert ru("menu.title") in shown(await user.send("/menu"))
    await bot.restart()
    reply = shown(await user.send("/menu"))
    assert ru("menu.title") in reply and en("menu.title") not in reply


@pytest.mark.parametrize("language, typed", [
    ("en", "help"), ("en", "Help!"), ("en", "what can you do"),
    ("en", "how do I use this bot?"), ("ru", "помощь"), ("ru", "помогите"),
    ("ru", "что ты умеешь?"), ("ru", "как пользоваться ботом"),
])
async def test_help_typed_in_words_shows_what_the_bot_does(
        bot: Sandbox, content: Content, language: str, typed: str) -> None:
    """Someone lost types for help as they would to a person: they get what /help shows, not a
    topic page ("help" once opened "What results can you expect?") or an offer to ask staff."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/start")
    reply = shown(await user.send(typed))
    assert t("help.title") in reply and "/language" in reply
    assert t("faq.no_match") not in reply
