"""Flows' buttons and keyboards as Telegram's reply markup."""

from __future__ import annotations

from typing import Any

from telegram import (
    ForceReply,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from bot.flows import Buttons, Reply

# An inline keyboard is the Bot API's JSON itself: most carry a client's ids (a question's, the
# screening's), so a cache of built ones would miss, and PTB's objects would only be turned
# back into this JSON on their way out.
Inline = dict[str, Any]
Markup = (Inline | InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply
          | None)


def inline(buttons: Buttons) -> Inline | None:
    if not buttons:
        return None
    return {"inline_keyboard": [[{"text": b.label, "callback_data": b.data} for b in row]
                                for row in buttons]}


def markup(reply: Reply) -> Markup:
    if reply.buttons:
        return inline(reply.buttons)
    if reply.contact_button:
        return ReplyKeyboardMarkup([[KeyboardButton(reply.contact_button, request_contact=True)]],
                                   resize_keyboard=True, one_time_keyboard=True)
    if reply.remove_keyboard:
        return ReplyKeyboardRemove()
    return None
