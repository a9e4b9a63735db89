"""PTB callbacks: turn an update into a call of the router (bot/flows/router.py), deliver the
turn it returns.

Which flow answers is the router's business; here are only Telegram's types. Each client's
updates, and staff actions on them, are handled one at a time (`client_lock`), so concurrent
updates cannot interleave one person's screening. Under that lock a turn's changes, the
replies it owes and the mark that its update was handled commit together (`handle_turn`),
then its messages go out. Anything a client sends that the bot cannot
use gets a friendly answer; nothing here raises on bad input.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

from telegram import Message, ReplyParameters, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.flows import Services, Turn, Visit
from bot.flows.language import language_for
from bot.flows.router import Router
from bot.flows.routes import client_router
from bot.telegram import delivery, outgoing
from bot.telegram.inbox import Inbox
from bot.telegram.outbox import Outbox

log = logging.getLogger(__name__)
Flow = Callable[[Visit], Awaitable[Turn]]


def services_of(context: ContextTypes.DEFAULT_TYPE) -> Services:
    services: Services = context.application.bot_data["services"]
    return services


def outbox_of(context: ContextTypes.DEFAULT_TYPE) -> Outbox:
    outbox: Outbox = context.application.bot_data["outbox"]
    return outbox


def inbox_of(context: ContextTypes.DEFAULT_TYPE) -> Inbox:
    inbox: Inbox = context.application.bot_data["inbox"]
    return inbox


async def handle_turn(update: Update, context: ContextTypes.DEFAULT_TYPE, chat_id: int,
                      make: Callable[[], Awaitable[Turn | None]],
                      pressed: Message | None = None) -> None:
    """Make the update's turn and store what it owes in one transaction, then send it; an
    update handled already (sent again by Telegram) changes and sends nothing. The caller
    holds the lock of the client the turn is about."""
    outbox = outbox_of(context)
    async with inbox_of(context).turn(update.update_id) as fresh:
        if not fresh:
            return
        turn = await make()
        held = await delivery.store(outbox, chat_id, turn, pressed) if turn else delivery.Held()
    await delivery.send(outbox, held)


def router_of(context: ContextTypes.DEFAULT_TYPE) -> Router:
    router: Router = context.application.bot_data["router"]
    return router


async def visit_of(update: Update, services: Services) -> Visit:
    """The client behind a private update, stored or refreshed, and the language to use."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    stores, settings = services.stores, services.settings
    client = await stores.clients.get(user.id)
    first, last = _plain(user.first_name), _plain(user.last_name) if user.last_name else None
    fresh = (chat.id, first, last, user.username, user.language_code)
    if client is None or client.unreachable_at or fresh != (
            client.chat_id, client.first_name, client.last_name, client.username,
            client.telegram_language):
        client = await stores.clients.upsert(
            user_id=user.id, chat_id=chat.id, first_name=first,
            last_name=last, username=user.username,
            telegram_language=user.language_code, now=services.clock.now())
    typed = update.message.message_id if update.message is not None else None
    return Visit(services, client, language_for(settings, client.language, user.language_code),
                 typed)


# Marks that turn the direction of what follows: in a name, "\u202eevilname" would show staff
# the "(@username)" after it reversed, or anything else the writer wants them to read.
_TURNING = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def _plain(name: str) -> str:
    return name.translate(_TURNING)


def client_lock(services: Services, user_id: int | None) -> AbstractAsyncContextManager[Any]:
    """One client's lock: their updates and staff actions on their lead or thread take it
    before awaiting anything, so they run one at a time in the order they came, in this
    process and across instances sharing a database. No client, no lock."""
    if user_id is None:
        return contextlib.nullcontext()
    return services.stores.database.client_lock(user_id)


async def respond(update: Update, context: ContextTypes.DEFAULT_TYPE, flow: Flow,
                  first: Callable[[], Awaitable[None]] | None = None) -> None:
    """Run `first` (confirming a button press), then `flow` for the client, under their lock,
    and deliver its turn."""
    user = update.effective_user
    if user is None or update.effective_chat is None:
        return
    services = services_of(context)

    async def make() -> Turn:
        turn = await flow(await visit_of(update, services))
        log.debug("update %s from user %s: %d replies, %d staff posts", update.update_id,
                  user.id, len(turn.replies), len(turn.staff))
        return turn

    pressed = update.callback_query.message if update.callback_query else None
    async with client_lock(services, user.id):
        if first is not None:
            await first()
        await handle_turn(update, context, update.effective_chat.id, make,
                          pressed if isinstance(pressed, Message) else None)


def command_name(message: Message) -> str:
    """`/Start@clinic_bot args` → `start`."""
    return (message.text or "").split()[0][1:].split("@")[0].lower()


def for_another_bot(message: Message, bot_username: str | None) -> bool:
    """`/leads@other_bot`: in a group with several bots, a command meant for one of them."""
    words = (message.text or "").split()
    _, at, addressee = words[0].partition("@") if words else ("", "", "")
    return bool(at) and addressee.lower() != (bot_username or "").lower()


async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    name, args = command_name(update.message), list(context.args or [])
    await respond(update, context, lambda v: router_of(context).on_command(v, name, args))


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command no flow registered, or one addressed to another bot."""
    await respond(update, context, lambda v: router_of(context).on_command(v, "", []))


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.text is not None
    text = update.message.text
    await respond(update, context, lambda v: router_of(context).on_text(v, text))


async def on_contact(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.contact is not None
    contact, sender = update.message.contact, update.effective_user
    own = sender is not None and contact.user_id == sender.id
    await respond(update, context,
                  lambda v: router_of(context).on_contact(v, contact.phone_number, own))


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, chat = update.callback_query, update.effective_chat
    assert query is not None
    if chat is None or chat.type != chat.PRIVATE:
        await on_group_button(update, context)
        return

    async def confirm() -> None:
        try:
            await query.answer()  # stops the button's spinner; the press counts even if not
        except TelegramError as exc:
            log.info("could not confirm button press (update %s): %s", update.update_id, exc)

    await respond(update, context, lambda v: router_of(context).on_button(v, query.data),
                  confirm)


async def on_unsupported(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    photo = message.message_id if message is not None and message.photo else None
    caption = message.caption or "" if message is not None else ""
    await respond(update, context, lambda v: router_of(context).on_media(v, photo, caption))


async def on_edited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    text = (message.text or message.caption or "") if message is not None else ""
    await respond(update, context, lambda v: router_of(context).on_edited(v, text))


async def on_group(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Outside the staff chat, groups only get a pointer to the private chat, and only when
    they address the bot with a command."""
    message = update.effective_message
    if message is None:
        return
    services = services_of(context)
    user = update.effective_user
    language = language_for(services.settings, None, user.language_code if user else None)
    await outgoing.send_text(context.bot, message.chat_id,
                             services.content.tr_message(language, "error.group_chat"),
                             reply_parameters=ReplyParameters(message.message_id))


async def on_group_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is not None:
        services = services_of(context)
        user = update.effective_user
        language = language_for(services.settings, None, user.language_code if user else None)
        await query.answer(services.content.tr_button_label(language, "error.stale_button_short"))


def register(app: Application, staff_chat_id: int) -> None:  # type: ignore[type-arg]
    router = app.bot_data["router"] = client_router()
    private = filters.ChatType.PRIVATE
    app.add_handler(MessageHandler(filters.UpdateType.EDITED & private, on_edited))
    app.add_handler(CommandHandler(list(router.commands), on_command, filters=private))
    app.add_handler(MessageHandler(private & filters.COMMAND, on_unknown_command))
    app.add_handler(MessageHandler(private & filters.TEXT, on_text))
    app.add_handler(MessageHandler(private & filters.CONTACT, on_contact))
    app.add_handler(MessageHandler(private, on_unsupported))
    app.add_handler(CallbackQueryHandler(on_button))
    outside_staff = filters.ChatType.GROUPS & ~filters.Chat(staff_chat_id)
    app.add_handler(MessageHandler(outside_staff & filters.COMMAND, on_group))
