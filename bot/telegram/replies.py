"""A turn's replies in the chat its update came from, as the outbox stores and sends them: the
reply, and the message it may replace (the one whose button was pressed)."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Bot, ReplyKeyboardMarkup, ReplyKeyboardRemove
from telegram.error import BadRequest

from bot.flows import Reply
from bot.telegram import outgoing
from bot.telegram.markup import Markup, markup

log = logging.getLogger(__name__)


def payloads(chat_id: int, replies: list[Reply], pressed: int | None) -> list[dict[str, Any]]:
    """The outbox payloads of `replies`: the first `edit` reply that can be an edit (a reply
    keyboard cannot) replaces the `pressed` message."""
    rows = []
    for reply in replies:
        target = None
        if reply.edit and pressed is not None and not isinstance(
                markup(reply), ReplyKeyboardMarkup | ReplyKeyboardRemove):
            target, pressed = pressed, None
        rows.append({"chat_id": chat_id, "edit": target, "reply": reply.to_dict()})
    return rows


async def show(bot: Bot, chat_id: int, target: int | None, reply: Reply) -> int:
    """Send one reply, or edit it into message `target`; the id of the message showing it."""
    keyboard = markup(reply)
    if reply.document is not None:
        send = outgoing.send_photo if reply.document.photo else outgoing.send_document
        document = await send(bot, chat_id, reply.document.content, reply.document.filename,
                              reply.document.caption or None)
        return document.message_id
    if target is not None and await _edit(bot, chat_id, target, reply, keyboard):
        return int(target)
    sent = await outgoing.send_text(bot, chat_id, reply.text, reply_markup=keyboard)
    return sent.message_id


async def _edit(bot: Bot, chat_id: int, message_id: int, reply: Reply, keyboard: Markup) -> bool:
    try:
        await outgoing.edit_text(bot, chat_id, message_id, reply.text, reply_markup=keyboard)
    except BadRequest as exc:
        if "not modified" in str(exc).lower():
            return True
        log.info("could not edit message %s, sending a new one: %s", message_id, exc)
        return False
    return True
