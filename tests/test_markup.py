"""No literal markup reaches anyone: every message of the journeys below, to the client and to
the staff chat, in each shipped language, reads as text once Telegram has parsed it — no `<b>`
shown as such, no `&lt;` left over from escaping twice, no tag in a text sent without HTML parse
mode (the fake Bot API parses each text with the parse mode it was sent with)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import Sandbox, Sent
from tests.appointments import EVE, VISIT, book, move_to
from tests.chat import Texts, screen
from tests.desk import press_on_card, staff_member

MARKUP = re.compile(r"</?(b|i|u|s|a|em|strong|code|pre|span)\b[^>]*>|&(lt|gt|amp|quot|#\d+);")


def literal_markup(bot: Sandbox) -> list[str]:
    return [f"chat {m.chat_id}: {m.shown[:300]!r}" for chat in bot.api.messages.values()
            for m in chat if MARKUP.search(m.shown)]


async def everything_a_client_reads(bot: Sandbox, content: Content, language: str) -> None:
    """The menu, every FAQ topic, each screening outcome, contacts and privacy."""
    t = Texts(content, language)
    for index, outcome in enumerate(({"asthma"}, {"herpes"}, set())):
        client = bot.user(8100 + index, "Zoë", language_code=language)
        await client.send("/start")
        await screen(client, t, yes=frozenset(outcome))
    browser = bot.user(8200, "Zoë", language_code=language)
    for command in ("/start", "/menu", "/help", "/privacy", "/mydata", "/language",
                    "/aftercare", "/timezone", "/timezone Mars/Olympus", "/stop"):
        await browser.send(command)
    for item in content.menu:
        await browser.send("/menu")
        await browser.press(t.label(item.label))
    for topic in content.faq:
        await browser.send("/menu")
        await browser.press(t.label("menu.faq"))
        await browser.press(t.label(topic.title))
    for text in ("hello", "where are you", "parking", "I had a cold sore last week",
                 "can I bring my dog", "thanks"):
        await browser.send(text)
    await browser.send_sticker()
    await browser.send("/forget")
    await browser.press(t.label("privacy.forget.yes"))


@pytest.mark.parametrize("language", ["en", "ru"])
async def test_no_journey_shows_literal_markup(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t = Texts(content, language)
    move_to(bot, EVE - timedelta(days=2))
    client = await book(bot, content, settings, language=language)
    maria = staff_member(bot, settings)
    for command in ("/lead 1", "/leads", "/find Olga", "/today", "/tomorrow", "/stats",
                    "/help", "/aftercare 1"):
        await maria.send(command)
    move_to(bot, EVE + timedelta(minutes=5))
    await bot.run_scheduler()
    move_to(bot, VISIT - timedelta(hours=2))
    await bot.run_scheduler()
    await press_on_card(bot, maria, 1, "Treated")
    await client.send_photo()  # the day's check-in, with the clinic's contacts
    await client.send("my cheek is itchy")
    for _ in range(8):
        bot.clock.advance(timedelta(days=1))
        await bot.run_scheduler()
    await client.send("/mydata")
    await everything_a_client_reads(bot, content, language)
    assert t("aftercare.photo_passed_on") in "\n".join(m.shown for m in client.messages)
    assert literal_markup(bot) == []


def test_the_check_sees_markup_shown_literally() -> None:
    """What the journeys are held to: the reported reply, as the client saw it."""
    escaped = Sent(1, 1, "Call &lt;b&gt;Lumière Skin Clinic&lt;/b&gt;", None, parse_mode="HTML")
    unparsed = Sent(1, 2, "Call <b>Lumière Skin Clinic</b>", None)
    parsed = Sent(1, 3, "Call <b>Lumière Skin Clinic</b>", None, parse_mode="HTML")
    assert [bool(MARKUP.search(m.shown)) for m in (escaped, unparsed, parsed)] == [
        True, True, False]
