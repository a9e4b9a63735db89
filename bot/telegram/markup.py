"""Flows' buttons and keyboards as Telegram's reply markup."""

from __future__ import annotations

from functools import lru_cache

from telegram import (
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from bot.flows import Buttons, Reply

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply | None


@lru_cache(maxsize=4096)
def inline(buttons: Buttons) -> InlineKeyboardMarkup | None:
    """Built once per keyboard: most are the same for every client (a topic's, a question's
    without its screening id), and Telegram objects are immutable once built."""
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
