"""Turns → Bot API calls: replies in the chat the update came from (inline and reply keyboards,
edits in place, documents), sent now; staff posts and messages to clients on the staff's behalf
go through the outbox (bot/telegram/outbox.py), so a transient error delays them only."""

from __future__ import annotations

import logging

from telegram import Bot, Message, ReplyKeyboardMarkup, ReplyKeyboardRemove
from telegram.error import BadRequest

from bot.flows import Reply, Turn
from bot.telegram import outgoing
from bot.telegram.markup import Markup, markup
from bot.telegram.outbox import Outbox

log = logging.getLogger(__name__)


async def deliver(outbox: Outbox, chat_id: int, turn: Turn, pressed: Message | None = None
                  ) -> None:
    """Send a turn: the first `edit` reply may replace the message whose button was pressed.
    Everything owed outside this chat is stored first, then the replies go out, then the staff
    posts and the messages to clients, even when a reply failed. The client is not kept
    waiting for the staff group, which takes 20 posts a minute: in a burst of leads a card
    may wait its turn, and it is stored meanwhile."""
    held = await outbox.hold(turn.staff) + await outbox.hold(turn.clients)
    try:
        await _replies(outbox, chat_id, turn.replies, pressed)
    finally:
        try:
            await outbox.send_held(held)
        finally:
            await outbox.release(held)


async def _replies(outbox: Outbox, chat_id: int, replies: list[Reply],
                   pressed: Message | None) -> None:
    for reply in replies:
        keyboard, target = markup(reply), None
        if reply.edit and pressed is not None and not isinstance(
                keyboard, ReplyKeyboardMarkup | ReplyKeyboardRemove):
            target, pressed = pressed, None
        shown = await _reply(outbox.bot, chat_id, reply, keyboard, target)
        if reply.about and chat_id == outbox.staff_chat_id:
            await outbox.record_post(shown, reply.about, document=reply.document is not None)


async def _reply(bot: Bot, chat_id: int, reply: Reply, keyboard: Markup,
                 target: Message | None) -> int:
    """Send (or edit into `target`) one reply; the id of the message showing it."""
    if reply.document is not None:
        sent = await outgoing.send_document(bot, chat_id, reply.document.content,
                                            reply.document.filename, reply.document.caption)
        return sent.message_id
    if target is not None and await _edit(bot, target, reply, keyboard):
        return target.message_id
    sent = await outgoing.send_text(bot, chat_id, reply.text, reply_markup=keyboard)
    return sent.message_id


async def _edit(bot: Bot, message: Message, reply: Reply, keyboard: Markup) -> bool:
    try:
        await outgoing.edit_text(bot, message.chat_id, message.message_id, reply.text,
                                 reply_markup=keyboard)
    except BadRequest as exc:
        if "not modified" in str(exc).lower():
            return True
        log.info("could not edit message %s, sending a new one: %s", message.message_id, exc)
        return False
    return True
