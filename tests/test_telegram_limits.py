"""Nothing goes over Telegram's limits: 4,096 characters of text and 1,024 of caption, counted
after HTML is parsed. The fake Bot API refuses what Telegram would refuse (too long, or markup
it cannot parse), so a reply that breaks a limit shows here as a missing answer."""

from __future__ import annotations

import re
from pathlib import Path

from bot.config import Settings
from bot.content import Content
from bot.devtools import telegram_html
from bot.devtools.sandbox import Sandbox, Sent
from bot.telegram.outgoing import CAPTION, MESSAGE, fit
from tests.desk import seed_lead, staff_member, stores_of

ROOT = Path(__file__).parent.parent
LONG = "ä" * 4000


def within_limits(messages: list[Sent]) -> None:
    assert messages, "no answer"
    for message in messages:
        limit = CAPTION if message.document or message.copied_from else MESSAGE
        assert 0 < telegram_html.length(message.shown) <= limit


def no_error_reported(bot: Sandbox, content: Content, settings: Settings) -> None:
    apology = content.tr_message("en", "error.internal")
    alert = content.tr_message("en", "staff.error_alert", kind="BadRequest").split("BadRequest")
    for chat in bot.api.messages.values():
        for message in chat:
            assert message.text != apology
            assert not message.text.startswith(alert[0]) or alert[0] == ""


async def test_staff_commands_with_very_long_arguments_are_answered_within_the_limits(
    bot: Sandbox, settings: Settings, content: Content
) -> None:
    await seed_lead(stores_of(bot), user_id=71, first_name="Anna", phone="+447700900123",
                    created=bot.clock.now())
    maria = staff_member(bot, settings)
    found = await maria.send(f"/find {LONG}")
    within_limits(found)
    assert "ää" in found[-1].shown and LONG[:200] not in found[-1].shown  # the echo is bounded
    for command in (f"/lead {'9' * 4000}", f"/leads {LONG}", f"/export {LONG}",
                    f"/stats {LONG}", f"/aftercare {LONG}"):
        within_limits(await maria.send(command))
    no_error_reported(bot, content, settings)


async def test_clients_long_texts_and_commands_are_answered_within_the_limits(
    bot: Sandbox, settings: Settings, content: Content
) -> None:
    client = bot.user(7201, "Vera", language_code="en")
    for text in (LONG, f"/timezone {LONG}", f"/start {LONG}", f"/language {LONG}"):
        within_limits(await client.send(text))
    no_error_reported(bot, content, settings)


def test_shortened_html_keeps_every_tag_and_entity_whole() -> None:
    pieces = ["<b>Lumière</b> ", "&amp; ", "<i>skin &lt;care&gt;</i> ", "😀", "plain text ",
              '<a href="https://example.com/?a=1&amp;b=2">link</a> ', "<b><i>both</i></b> "]
    text = "".join(pieces) * 400
    for limit in [*range(1, 80), 1023, CAPTION, 4095, MESSAGE]:
        shortened = fit(text, limit)
        shown = telegram_html.visible(shortened, "HTML")  # raises on a broken tag or entity
        assert telegram_html.length(shown) <= limit, limit
        assert shown.endswith("…")
    assert fit("<b>short</b> &amp; sweet") == "<b>short</b> &amp; sweet"
    exactly = "x" * MESSAGE
    assert fit(exactly) == exactly
    assert fit("<b>" + "y" * MESSAGE + "</b>") == "<b>" + "y" * (MESSAGE - 1) + "…</b>"


def test_every_text_goes_out_through_the_one_guard() -> None:
    """The Bot API calls that carry a text or caption are made in bot/telegram/outgoing.py
    only, so none escapes its limits or its parse mode."""
    calls = re.compile(r"(?<!outgoing)\.(send_message|edit_message_text|edit_text|reply_text|"
                       r"reply_html|send_document|send_photo|copy_message|"
                       r"edit_message_caption|edit_caption)\(")
    offenders = [f"{path.relative_to(ROOT)}:{number}"
                 for path in (ROOT / "bot").rglob("*.py")
                 if path.name != "outgoing.py" and "devtools" not in path.parts
                 for number, line in enumerate(path.read_text().splitlines(), 1)
                 if calls.search(line)]
    assert offenders == []
