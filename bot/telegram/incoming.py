"""Telegram's updates as PTB's objects, without the part the bot never reads.

A button press carries the whole message the button sat under, its keyboard too; the bot reads
only that message's id, to edit it. Building PTB's objects for the keyboard was 250 of the 560
µs of parsing a menu press, so it is left out wherever an update comes in: the webhook
(bot/telegram/webhook_limits.py), getUpdates (`UpdatesRequest`, bot/telegram/transport.py) and
the inbox's stored updates (bot/telegram/inbox.py). What the inbox stores stays as it came.
"""

from __future__ import annotations

from typing import Any

from telegram import Bot, Update


def without_unread(update: dict[str, Any]) -> dict[str, Any]:
    """`update` with its pressed message's keyboard left out; `update` itself is unchanged."""
    query = update.get("callback_query")
    if not isinstance(query, dict):
        return update
    message = query.get("message")
    if not isinstance(message, dict) or "reply_markup" not in message:
        return update
    message = {key: value for key, value in message.items() if key != "reply_markup"}
    return {**update, "callback_query": {**query, "message": message}}


def parsed(update: dict[str, Any], bot: Bot) -> Update:
    return Update.de_json(without_unread(update), bot)
