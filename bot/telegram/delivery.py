"""Turns → Bot API calls: replies in the chat the update came from (inline and reply keyboards,
edits in place, documents), sent now; staff posts and messages to clients on the staff's behalf
go through the outbox (bot/telegram/outbox.py), so a transient error delays them only."""

from __future__ import annotations

import logging

from telegram import Bot, Message, ReplyKeyboardMarkup, ReplyKeyboardRemove
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.flows import Reply, Turn
from bot.telegram.markup import Markup, markup
from bot.telegram.outbox import Outbox

log = logging.getLogger(__name__)


async def deliver(outbox: Outbox, chat_id: int, turn: Turn, pressed: Message | None = None
                  ) -> None:
    """Send a turn: the first `edit` reply may replace the message whose button was pressed.
    Everything owed outside this chat is stored first; staff posts go out before the replies
    (a failure while answering the client must not keep a lead from the staff chat), messages
    to clients after them, even when a reply fails."""
    staff = await outbox.hold(turn.staff)
    clients = await outbox.hold(turn.clients)
    try:
        await outbox.send_held(staff)
        await _replies(outbox.bot, chat_id, turn.replies, pressed)
    finally:
        try:
            await outbox.send_held(clients)
        finally:
            outbox.release(staff + clients)


async def _replies(bot: Bot, chat_id: int, replies: list[Reply], pressed: Message | None) -> None:
    for reply in replies:
        keyboard = markup(reply)
        if reply.document is not None:
            await bot.send_document(chat_id, reply.document.content,
                                    filename=reply.document.filename,
                                    caption=reply.document.caption or None)
            continue
        if reply.edit and pressed is not None and not isinstance(
                keyboard, ReplyKeyboardMarkup | ReplyKeyboardRemove):
            target, pressed = pressed, None
            if await _edit(target, reply, keyboard):
                continue
        await bot.send_message(chat_id, reply.text, parse_mode=ParseMode.HTML,
                               reply_markup=keyboard, disable_web_page_preview=True)


async def _edit(message: Message, reply: Reply, keyboard: Markup) -> bool:
    try:
        await message.edit_text(reply.text, parse_mode=ParseMode.HTML,
                                reply_markup=keyboard,  # type: ignore[arg-type]
                                disable_web_page_preview=True)
    except BadRequest as exc:
        if "not modified" in str(exc).lower():
            return True
        log.info("could not edit message %s, sending a new one: %s", message.message_id, exc)
        return False
    return True
