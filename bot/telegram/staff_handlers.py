"""PTB callbacks for the staff desk: authorise (bot/telegram/staff_auth.py), run a staff flow,
deliver.

Registered before the client handlers. Whoever is not staff gets exactly what they would get
if the staff desk did not exist: "unknown command" in a private chat, the pointer to the
private chat in other groups, the out-of-date answer for buttons, and silence in the staff chat.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable

from telegram import Message, MessageEntity, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.config import Settings
from bot.flows import Reply, Turn
from bot.flows.router import DeskRouter
from bot.flows.routes import desk_router
from bot.flows.staff import Desk, StaffMember, subject
from bot.storage import Stores
from bot.telegram import handlers
from bot.telegram.staff_auth import staff_member

log = logging.getLogger(__name__)


def router_of(context: ContextTypes.DEFAULT_TYPE) -> DeskRouter:
    router: DeskRouter = context.application.bot_data["desk_router"]
    return router


def _desk(context: ContextTypes.DEFAULT_TYPE, member: StaffMember) -> Desk:
    return Desk(handlers.services_of(context), member)


def _settings(context: ContextTypes.DEFAULT_TYPE) -> Settings:
    return handlers.services_of(context).settings


def _stores(context: ContextTypes.DEFAULT_TYPE) -> Stores:
    return handlers.services_of(context).stores


async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, chat = update.message, update.effective_chat
    assert message is not None and message.text is not None and chat is not None
    name = handlers.command_name(message)
    user = update.effective_user
    # A name that is a client command too (/aftercare) is the client's in a private chat,
    # unless staff add an argument (a lead's ID).
    if name in handlers.router_of(context).commands and chat.type == chat.PRIVATE and (
            not context.args or user is None or user.id not in _settings(context).staff_user_ids):
        await handlers.on_command(update, context)
        return
    member = staff_member(update, _settings(context), "command")
    if member is None:
        if chat.type == chat.PRIVATE:
            await handlers.on_unknown_command(update, context)
        elif chat.id != _settings(context).staff_chat_id:
            await handlers.on_group(update, context)
        return
    args = list(context.args or [])
    async with handlers.client_lock(handlers.services_of(context),
                                    await subject.of_command(_stores(context), name, args)):
        await handlers.handle_turn(
            update, context, chat.id,
            lambda: router_of(context).on_command(_desk(context, member), name, args))


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, chat = update.callback_query, update.effective_chat
    assert query is not None
    member = staff_member(update, _settings(context), "button")
    if member is None or chat is None:
        await handlers.on_button(update, context)
        return
    async with handlers.client_lock(handlers.services_of(context),
                                    await subject.of_button(_stores(context), query.data)):
        try:
            await query.answer()
        except TelegramError as exc:
            log.info("could not confirm staff button press (update %s): %s", update.update_id,
                     exc)
        pressed = query.message if isinstance(query.message, Message) else None
        await handlers.handle_turn(
            update, context, chat.id,
            lambda: router_of(context).on_button(_desk(context, member), query.data), pressed)


async def on_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A reply in the staff chat to one of the bot's messages: an appointment time for a
    booking prompt, or an answer for a client's thread."""
    message = update.message
    assert message is not None and message.text is not None
    target = message.reply_to_message
    if target is None or target.from_user is None or target.from_user.id != context.bot.id:
        return
    member = staff_member(update, _settings(context), "reply")
    if member is None:
        return
    async with handlers.client_lock(handlers.services_of(context), await subject.of_reply(
            _stores(context), target.message_id)):
        text, router, desk = message.text, router_of(context), _desk(context, member)
        # A colleague picked from Telegram's list has no @ in the text, only an entity.
        mentioned = next(iter(message.parse_entities([MessageEntity.TEXT_MENTION]).values()),
                         None)

        async def answer() -> Turn | None:
            held = await router.on_reply_not_relayed(
                desk, target.message_id, message.message_id, "mention", mentioned) \
                if mentioned else None
            return held or await router.on_reply(desk, target.message_id, message.message_id,
                                                 text)

        await handlers.handle_turn(update, context, message.chat_id, answer)


async def on_reply_not_relayed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A staff reply to a client's thread that cannot reach the client: no text (a photo, a
    voice note, a sticker), or an edit of an answer already sent."""
    message = update.effective_message
    target = message.reply_to_message if message else None
    if (message is None or target is None or target.from_user is None
            or target.from_user.id != context.bot.id):
        return
    member = staff_member(update, _settings(context), "reply")
    if member is None:
        return
    why = "edit" if update.edited_message else "media"
    await handlers.handle_turn(
        update, context, message.chat_id,
        lambda: _or_nothing(router_of(context).on_reply_not_relayed(
            _desk(context, member), target.message_id, message.message_id, why)))


async def _or_nothing(turn: Awaitable[Turn | None]) -> Turn:
    return await turn or Turn()


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command staff do not have, typed in the staff chat (a typo: "/lesds"): said so, with
    the way to the list; from anyone else, or addressed to another bot of the group
    ("/leads@other_bot"), never answered."""
    message = update.message
    assert message is not None
    member = staff_member(update, _settings(context), "command")
    if member is None or handlers.for_another_bot(message, context.bot.username):
        return
    desk, command = _desk(context, member), "/" + handlers.command_name(message)

    async def answer() -> Turn:
        return Turn([Reply(desk.tr("staff.unknown_command", command=command))])

    await handlers.handle_turn(update, context, message.chat_id, answer)


def register(app: Application, settings: Settings) -> None:  # type: ignore[type-arg]
    """Before the client handlers, so staff commands and buttons are seen first."""
    router = app.bot_data["desk_router"] = desk_router()
    app.add_handler(CommandHandler(list(router.commands), on_command,
                                   filters=filters.UpdateType.MESSAGE))
    app.add_handler(MessageHandler(
        filters.Chat(settings.staff_chat_id) & filters.COMMAND & filters.UpdateType.MESSAGE,
        on_unknown_command))
    app.add_handler(CallbackQueryHandler(on_button, pattern=router.owns))
    app.add_handler(MessageHandler(
        filters.Chat(settings.staff_chat_id) & filters.REPLY & filters.TEXT & ~filters.COMMAND
        & filters.UpdateType.MESSAGE, on_reply))
    app.add_handler(MessageHandler(
        filters.Chat(settings.staff_chat_id) & filters.REPLY & ~filters.COMMAND & (
            (~filters.TEXT & filters.UpdateType.MESSAGE)
            | (filters.TEXT & filters.UpdateType.EDITED_MESSAGE)), on_reply_not_relayed))
