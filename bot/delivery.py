"""Turns → Bot API calls: inline and reply keyboards, edits in place, staff posts."""

from __future__ import annotations

import logging

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot.flows import Reply, StaffPost, Turn

log = logging.getLogger(__name__)

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None


def markup(reply: Reply) -> Markup:
    if reply.buttons:
        return InlineKeyboardMarkup(
            [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row]
             for row in reply.buttons])
    if reply.contact_button:
        return ReplyKeyboardMarkup([[KeyboardButton(reply.contact_button, request_contact=True)]],
                                   resize_keyboard=True, one_time_keyboard=True)
    if reply.remove_keyboard:
        return ReplyKeyboardRemove()
    return None


async def deliver(
    bot: Bot, chat_id: int, turn: Turn, staff_chat_id: int, pressed: Message | None = None
) -> None:
    """Send a turn: the first `edit` reply may replace the message whose button was pressed."""
    for reply in turn.replies:
        keyboard = markup(reply)
        if reply.edit and pressed is not None and not isinstance(
                keyboard, ReplyKeyboardMarkup | ReplyKeyboardRemove):
            target, pressed = pressed, None
            if await _edit(target, reply, keyboard):
                continue
        await bot.send_message(chat_id, reply.text, parse_mode=ParseMode.HTML,
                               reply_markup=keyboard, disable_web_page_preview=True)
    for post in turn.staff:
        await post_to_staff(bot, staff_chat_id, post)


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


async def post_to_staff(bot: Bot, staff_chat_id: int, post: StaffPost) -> None:
    """Post to the staff chat. The lead or question is already stored, so a failure is logged
    loudly and the client's journey goes on."""
    try:
        message = await bot.send_message(staff_chat_id, post.text, parse_mode=ParseMode.HTML,
                                         disable_web_page_preview=True)
    except (Forbidden, BadRequest) as exc:
        log.error("could not post to the staff chat %s: %s", staff_chat_id, exc)
        return
    if post.on_sent is not None:
        await post.on_sent(message.message_id)
