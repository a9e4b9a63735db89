"""Turns → Bot API calls: inline and reply keyboards, edits in place, documents, staff posts
(new, edited cards, threaded replies) and messages to clients sent on the staff's behalf."""

from __future__ import annotations

import logging

from telegram import (
    Bot,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    ReplyParameters,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.flows import Buttons, ClientPost, Reply, StaffPost, Turn

log = logging.getLogger(__name__)

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply | None


def inline(buttons: Buttons) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in buttons])


def markup(reply: Reply) -> Markup:
    if reply.buttons:
        return inline(reply.buttons)
    if reply.contact_button:
        return ReplyKeyboardMarkup([[KeyboardButton(reply.contact_button, request_contact=True)]],
                                   resize_keyboard=True, one_time_keyboard=True)
    if reply.remove_keyboard:
        return ReplyKeyboardRemove()
    return None


async def deliver(
    bot: Bot, chat_id: int, turn: Turn, staff_chat_id: int, pressed: Message | None = None
) -> None:
    """Send a turn: the first `edit` reply may replace the message whose button was pressed.
    Staff posts go first: what they are about is already stored, and a failure while answering
    the client must not keep a lead from the staff chat."""
    for post in turn.staff:
        await post_to_staff(bot, staff_chat_id, post)
    for reply in turn.replies:
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
    for message in turn.clients:
        await send_to_client(bot, staff_chat_id, message)


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
    """Post to (or edit a card in) the staff chat. What the post is about is already stored, so
    a failure is logged loudly and the journey goes on (a lead card that could not be posted is
    posted again by the scheduler); a card that cannot be edited (deleted from the chat) is
    posted again."""
    keyboard = ForceReply(input_field_placeholder=post.ask_reply) if post.ask_reply else inline(
        post.buttons)
    if post.edit is not None:
        try:
            await bot.edit_message_text(post.text, staff_chat_id, post.edit,
                                        parse_mode=ParseMode.HTML, disable_web_page_preview=True,
                                        reply_markup=inline(post.buttons))
            return
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return
            log.warning("could not edit staff message %s, posting it again: %s", post.edit, exc)
        except TelegramError as exc:
            log.error("could not edit staff message %s: %s", post.edit, exc)
            return
    reply_to = ReplyParameters(post.reply_to, allow_sending_without_reply=True) \
        if post.reply_to else None
    try:
        message = await bot.send_message(staff_chat_id, post.text, parse_mode=ParseMode.HTML,
                                         disable_web_page_preview=True, reply_markup=keyboard,
                                         reply_parameters=reply_to)
    except TelegramError as exc:
        log.error("could not post to the staff chat %s: %s", staff_chat_id, exc)
        return
    if post.on_sent is not None:
        await post.on_sent(message.message_id)


async def send_to_client(bot: Bot, staff_chat_id: int, message: ClientPost) -> None:
    try:
        await bot.send_message(message.chat_id, message.text, parse_mode=ParseMode.HTML,
                               disable_web_page_preview=True)
        if message.document is not None:
            await bot.send_document(message.chat_id, message.document.content,
                                    filename=message.document.filename)
    except (Forbidden, BadRequest) as exc:
        log.warning("message to chat %s not delivered: %s", message.chat_id, exc)
        outcome = message.undeliverable
    else:
        outcome = message.delivered
    if outcome is not None:
        await post_to_staff(bot, staff_chat_id, outcome)
