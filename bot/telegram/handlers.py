"""PTB callbacks: parse the update, pick the flow, deliver what it returns.

Each client's updates are handled one at a time (a lock per user), so concurrent updates
cannot interleave one person's screening. Anything a client sends that the bot cannot use gets
a friendly answer; nothing here raises on bad input.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any
from weakref import WeakValueDictionary

from telegram import Message, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot import callbacks
from bot.content.i18n import negotiate
from bot.flows import (
    Services,
    Turn,
    Visit,
    aftercare,
    booking,
    faq,
    menu,
    privacy,
    screening,
)
from bot.flows.staff import relay
from bot.telegram.delivery import deliver

log = logging.getLogger(__name__)
Flow = Callable[[Visit], Awaitable[Turn | None]]
_locks: WeakValueDictionary[int, asyncio.Lock] = WeakValueDictionary()


def services_of(context: ContextTypes.DEFAULT_TYPE) -> Services:
    services: Services = context.application.bot_data["services"]
    return services


async def visit_of(update: Update, services: Services) -> Visit:
    """The client behind a private update, stored or refreshed, and the language to use."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    stores, settings = services.stores, services.settings
    client = await stores.clients.get(user.id)
    fresh = (chat.id, user.first_name, user.last_name, user.username, user.language_code)
    if client is None or client.unreachable_at or fresh != (
            client.chat_id, client.first_name, client.last_name, client.username,
            client.telegram_language):
        client = await stores.clients.upsert(
            user_id=user.id, chat_id=chat.id, first_name=user.first_name,
            last_name=user.last_name, username=user.username,
            telegram_language=user.language_code, now=services.clock.now())
    language = client.language if client.language in settings.languages else negotiate(
        user.language_code, settings.languages, settings.default_language)
    return Visit(services, client, language)


async def respond(update: Update, context: ContextTypes.DEFAULT_TYPE, flow: Flow) -> None:
    """Run `flow` for the client under their lock and deliver its turn."""
    user = update.effective_user
    if user is None or update.effective_chat is None:
        return
    lock = _locks.setdefault(user.id, asyncio.Lock())
    async with lock:
        services = services_of(context)
        visit = await visit_of(update, services)
        turn = await flow(visit)
        if turn is None:
            log.info("stale or forged button from user %s (update %s)", user.id, update.update_id)
            turn = menu.stale_button(visit)
        log.debug("update %s from user %s: %d replies, %d staff posts", update.update_id,
                  user.id, len(turn.replies), len(turn.staff))
        pressed = update.callback_query.message if update.callback_query else None
        await deliver(context.bot, update.effective_chat.id, turn,
                      services.settings.staff_chat_id,
                      pressed if isinstance(pressed, Message) else None)


def command(flow: Flow) -> Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]:
    async def handle(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await respond(update, context, ending_relay(flow))

    return handle


def ending_relay(flow: Flow) -> Flow:
    """Commands and buttons take the client out of a conversation with staff (relay.py)."""
    async def run(visit: Visit) -> Turn | None:
        await relay.end(visit)
        return await flow(visit)

    return run


async def _language(visit: Visit) -> Turn:
    return menu.choose_language(visit)


async def _help(visit: Visit) -> Turn:
    return menu.help_text(visit)


async def _menu(visit: Visit) -> Turn:
    return menu.main_menu(visit)


async def _cancel(visit: Visit) -> Turn:
    user_id = visit.client.user_id
    record = await visit.stores.screenings.active(user_id)
    if record is not None:
        await visit.stores.screenings.end(record.id, "cancelled", None, visit.now)
    await visit.stores.chat_states.clear(user_id)
    return menu.main_menu(visit, note=visit.tr("cancelled"))


async def on_timezone(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    name = " ".join(context.args or [])
    await respond(update, context, lambda v: aftercare.set_timezone(v, name))


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.text is not None
    text = update.message.text

    async def flow(visit: Visit) -> Turn:
        to_staff = await relay.client_text(visit, text)
        if to_staff is not None:
            return to_staff
        state = await visit.stores.chat_states.get(visit.client.user_id)
        if state is not None and state.state == booking.CONTACT:
            return await booking.contact_typed(visit, text)
        if state is not None and state.state == booking.TIME:
            return await booking.remind_time(visit)
        if state is not None and state.state == aftercare.DETAILS:
            return await aftercare.details(visit, text, state.data)
        answer = await faq.question(visit, text)
        return answer + await screening.reminder_of_current(visit)

    await respond(update, context, flow)


async def on_contact(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.contact is not None
    contact, sender = update.message.contact, update.effective_user

    async def flow(visit: Visit) -> Turn:
        if sender is None or contact.user_id != sender.id:
            return await booking.foreign_contact(visit)
        return await booking.contact_shared(visit, contact.phone_number)

    await respond(update, context, flow)


def _routes(data: callbacks.Callback) -> Flow:
    arg = data.args[0]
    if data.namespace == "m":
        return _menu_action(arg)
    routes: dict[str, Flow] = {
        "f": lambda v: _sync(faq.answer(v, arg, edit=True)),
        "fq": lambda v: faq.forward(v, arg == "yes"),
        "l": lambda v: menu.set_language(v, arg),
        "c": lambda v: screening.consent(v, arg == "yes"),
        "s": lambda v: screening.answer(v, *data.args),
        "b": lambda v: booking.time_chosen(v, arg),
        "r": lambda v: booking.remind_later(v, arg),
        "a": lambda v: aftercare.checkin(v, *data.args),
        "fg": lambda v: privacy.forget(v, arg == "yes"),
    }
    return routes.get(data.namespace, _stale)


def _menu_action(action: str) -> Flow:
    actions: dict[str, Flow] = {
        "menu": lambda v: _sync(menu.main_menu(v, edit=True)),
        "faq": lambda v: _sync(faq.topics(v, edit=True)),
        "contacts": lambda v: _sync(menu.contacts(v, edit=True)),
        "language": lambda v: _sync(menu.choose_language(v, edit=True)),
        "screening": screening.begin,
        "booking": booking.begin,
        "aftercare": aftercare.begin,
    }
    return actions.get(action, _stale)


async def _sync(turn: Turn | None) -> Turn | None:
    return turn


async def _stale(visit: Visit) -> Turn | None:
    return None


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, chat = update.callback_query, update.effective_chat
    assert query is not None
    if chat is None or chat.type != chat.PRIVATE:
        await on_group_button(update, context)
        return
    try:
        await query.answer()  # stops the button's spinner; the press counts even if this fails
    except TelegramError as exc:
        log.info("could not confirm button press (update %s): %s", update.update_id, exc)
    try:
        flow = _routes(callbacks.parse(query.data))
    except callbacks.CallbackDataError:
        flow = _stale
    await respond(update, context, ending_relay(flow))


async def on_unsupported(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await respond(update, context, lambda v: _sync(menu.main_menu(
        v, note=v.tr("error.unsupported_message"))))


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await respond(update, context, ending_relay(lambda v: _sync(menu.main_menu(
        v, note=v.tr("error.unknown_command")))))


async def on_edited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await respond(update, context, lambda v: _sync(menu.main_menu(
        v, note=v.tr("error.edited_message"))))


async def on_group(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Outside the staff chat, groups only get a pointer to the private chat, and only when
    they address the bot with a command."""
    message = update.effective_message
    if message is None:
        return
    services = services_of(context)
    language = negotiate(update.effective_user.language_code if update.effective_user else None,
                         services.settings.languages, services.settings.default_language)
    await message.reply_text(services.content.tr_message(language, "error.group_chat"))


async def on_group_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is not None:
        services = services_of(context)
        user = update.effective_user
        language = negotiate(user.language_code if user else None,
                             services.settings.languages, services.settings.default_language)
        await query.answer(services.content.tr_button_label(language, "error.stale_button_short"))


def register(app: Application, staff_chat_id: int) -> None:  # type: ignore[type-arg]
    private = filters.ChatType.PRIVATE
    commands: dict[str, Flow] = {
        "start": menu.welcome, "menu": _menu, "help": _help,
        "language": _language, "cancel": _cancel,
        "aftercare": aftercare.begin, "stop": aftercare.stop,
        "privacy": lambda v: _sync(privacy.notice(v)), "mydata": privacy.my_data,
        "forget": lambda v: _sync(privacy.ask_forget(v)),
    }
    app.add_handler(MessageHandler(filters.UpdateType.EDITED & private, on_edited))
    for name, flow in commands.items():
        app.add_handler(CommandHandler(name, command(flow), filters=private))
    app.add_handler(CommandHandler("timezone", on_timezone, filters=private))
    app.add_handler(MessageHandler(private & filters.COMMAND, on_unknown_command))
    app.add_handler(MessageHandler(private & filters.TEXT, on_text))
    app.add_handler(MessageHandler(private & filters.CONTACT, on_contact))
    app.add_handler(MessageHandler(private, on_unsupported))
    app.add_handler(CallbackQueryHandler(on_button))
    outside_staff = filters.ChatType.GROUPS & ~filters.Chat(staff_chat_id)
    app.add_handler(MessageHandler(outside_staff & filters.COMMAND, on_group))
