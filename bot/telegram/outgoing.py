"""Every text the bot sends or edits goes out through here: as Telegram HTML (the form every
catalog message and template is written in) and within Telegram's limits — 4,096 characters
of message text, 1,024 of caption, counted as Telegram counts them (after its HTML is parsed,
in UTF-16 code units). A text over its limit is shortened with "…", never cutting a tag or an
entity in half, and the tags still open are closed. Flows bound what they echo of client input
(a staff search, a client's question) themselves; this is the last line.

Texts and edits go through `Bot.do_api_request` without a return type: the Bot API's answer is
a whole message (the chat, the sender, the keyboard just sent), and building PTB objects from
it cost more than the rest of a button press. Only the new message's id is read, where a caller
needs it (a staff post it must be able to edit or erase later).
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from telegram import Bot, InputFile, Message, MessageId
from telegram.constants import ParseMode
from telegram.warnings import PTBUserWarning

MESSAGE = 4096
CAPTION = 1024
ELLIPSIS = "…"
# A tag, an entity, or one character (a surrogate pair counts two in UTF-16).
_TOKEN = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^<>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|.",
                    re.DOTALL)


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def fit(text: str, limit: int = MESSAGE) -> str:
    """`text` (Telegram HTML) shortened to at most `limit` visible characters."""
    if _units(text) <= limit:  # markup only ever adds to the raw length
        return text
    kept: list[str] = []
    open_tags: list[str] = []
    shown = 0
    for token in _TOKEN.finditer(text):
        closing, name = token.group(1), token.group(2)
        if name is not None:
            if closing and name.lower() in open_tags:
                del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name.lower())]
            elif not closing:
                open_tags.append(name.lower())
            kept.append(token.group())
            continue
        width = 1 if token.group().startswith("&") and len(token.group()) > 1 \
            else _units(token.group())
        if shown + width > limit - 1:
            closers = "".join(f"</{tag}>" for tag in reversed(open_tags))
            return "".join(kept).rstrip() + ELLIPSIS + closers
        kept.append(token.group())
        shown += width
    return text


# PTB suggests its own method when `do_api_request` names one it has; here the raw answer is
# wanted on purpose.
warnings.filterwarnings("ignore", r"Please use 'Bot\.(send_message|edit_message_text)'",
                        PTBUserWarning)


async def send_text(bot: Bot, chat_id: int, text: str, *,
                    disable_web_page_preview: bool = True, **options: Any) -> MessageId:
    """Send `text`; the id of the new message, all that is read of Telegram's answer."""
    sent = await bot.do_api_request("send_message", {
        "chat_id": chat_id, "text": fit(text), "parse_mode": ParseMode.HTML,
        "link_preview_options": {"is_disabled": disable_web_page_preview}, **options})
    return MessageId(sent["message_id"])


async def edit_text(bot: Bot, chat_id: int, message_id: int, text: str, **options: Any) -> None:
    """Edit a message's text (and keyboard); Telegram's answer is not read."""
    await bot.do_api_request("edit_message_text", {
        "chat_id": chat_id, "message_id": message_id, "text": fit(text),
        "parse_mode": ParseMode.HTML, "link_preview_options": {"is_disabled": True}, **options})


async def send_document(bot: Bot, chat_id: int, content: bytes | InputFile, filename: str,
                        caption: str | None) -> Message:
    return await bot.send_document(chat_id, content, filename=filename,
                                   caption=fit(caption, CAPTION) if caption else None,
                                   parse_mode=ParseMode.HTML)


async def send_photo(bot: Bot, chat_id: int, content: bytes, filename: str,
                     caption: str | None) -> Message:
    return await bot.send_photo(chat_id, content, filename=filename,
                                caption=fit(caption, CAPTION) if caption else None,
                                parse_mode=ParseMode.HTML)


async def copy_message(bot: Bot, chat_id: int, from_chat_id: int, message_id: int,
                       caption: str | None) -> MessageId:
    """A copy keeps its own caption unless given one."""
    return await bot.copy_message(chat_id, from_chat_id, message_id,
                                  caption=fit(caption, CAPTION) if caption else None,
                                  parse_mode=ParseMode.HTML)
