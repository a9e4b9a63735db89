"""Builds the PTB Application: handlers, rate limiter, services and their lifecycle."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes
from telegram.request import BaseRequest

from bot.clock import Clock
from bot.config import Settings
from bot.content import Content, load_content
from bot.content.i18n import N_
from bot.content.matcher import FaqMatcher
from bot.flows import Services
from bot.flows.language import language_for
from bot.flows.router import Router
from bot.storage import Stores, storage_trouble
from bot.telegram import handlers, outgoing, staff_handlers
from bot.telegram.fairness import FairUpdateProcessor, Flood
from bot.telegram.inbox import DurableQueue, Inbox, InboxApplication, processing
from bot.telegram.limiter import PriorityGate, PriorityRateLimiter
from bot.telegram.metrics import Metrics
from bot.telegram.outbox import Outbox
from bot.telegram.scheduler import Scheduler
from bot.telegram.sending import Sender
from bot.telegram.transport import AiohttpRequest, UpdatesRequest

log = logging.getLogger(__name__)
ERROR_ALERT_INTERVAL = timedelta(hours=1)


def telegram_rate_limiter(messages_per_second: int = 30) -> AIORateLimiter:
    """Telegram's bulk limit (30 messages a second unless Telegram raised the bot's), paced
    evenly one message below it rather than in bursts, with replies to clients served before
    scheduled sends, and each chat's limit (bot.telegram.limiter, bot.telegram.pacing); every
    instance on the database shares them once storage is open. A RetryAfter that still comes
    is retried up to three times."""
    return PriorityRateLimiter(PriorityGate(max_rate=messages_per_second, headroom=1),
                               max_retries=3)


def build_application(
    settings: Settings, *, token: str, clock: Clock, request: BaseRequest | None = None,
    base_url: str | None = None, content: Content | None = None, concurrent_updates: int = 8,
    rate_limiter: AIORateLimiter | None = None,
) -> Application:  # type: ignore[type-arg]
    """The one Application used by `run`, the shell, the tests and the benchmarks.

    `request` replaces the network (the sandbox's fake Bot API); without it the Bot API is
    reached over HTTP by aiohttp (bot/telegram/transport.py). `clinicbot run` passes
    `telegram_rate_limiter()`; the in-process fake needs none, unless a benchmark measures it.
    """
    builder: ApplicationBuilder = Application.builder().token(token)  # type: ignore[type-arg]
    # Updates go through the inbox: stored before Telegram is told, handled once, in order.
    builder = builder.application_class(InboxApplication).update_queue(DurableQueue())
    builder = builder.concurrent_updates(FairUpdateProcessor(concurrent_updates))
    builder = builder.request(request or AiohttpRequest()).get_updates_request(
        request or UpdatesRequest(connection_pool_size=1))
    if rate_limiter is not None:
        builder = builder.rate_limiter(rate_limiter)
    if base_url:
        builder = builder.base_url(base_url)
    # The scheduler stops while the bot can still talk to Telegram: a message it is sending
    # completes and is recorded, rather than failing on a closed connection and going twice.
    app = (builder.post_init(start_services).post_stop(stop_scheduler)
           .post_shutdown(stop_services).build())
    app.bot_data["settings"] = settings
    app.bot_data["clock"] = clock
    app.bot_data["metrics"] = Metrics()
    app.bot_data["content"] = content or load_content(
        settings.content_dir, settings.languages, settings.default_language)
    staff_handlers.register(app, settings)
    handlers.register(app, settings.staff_chat_id)
    app.add_error_handler(on_error)
    return app


async def start_services(app: Application,  # type: ignore[type-arg]
                         *, scheduler_loop: bool = True) -> None:
    """Open storage, build matchers, start the scheduler, announce commands.

    Without `scheduler_loop` nothing is sent on a timer; `Scheduler.run_once` sends what is due
    (the tests drive time themselves)."""
    settings: Settings = app.bot_data["settings"]
    content: Content = app.bot_data["content"]
    stores = await Stores.open(settings.storage)
    one_process = stores.database.dialect == "sqlite"
    if one_process:
        await stores.release_claims()
    limiter = app.bot.rate_limiter
    if isinstance(limiter, PriorityRateLimiter):
        limiter.share_through(stores.send_slots, paces_here=one_process)
    matchers = {
        lang: FaqMatcher(lang,
                         {t.id: content.tr_button_label(lang, t.keywords) for t in content.faq},
                         content.tr_button_label(lang, content.faq_ignore_words))
        for lang in settings.languages
    }
    services = Services(settings, content, stores, app.bot_data["clock"], matchers)
    app.bot_data["services"] = services
    outbox = app.bot_data["outbox"] = Outbox(app.bot, services, Sender(app.bot, services))
    inbox = app.bot_data["inbox"] = Inbox(app.bot, services, processing(app))
    inbox.metrics = metrics = app.bot_data["metrics"]
    if isinstance(limiter, PriorityRateLimiter):
        limiter.on_retry_after = metrics.too_many.inc
    if (port := app.bot_data.get("metrics_port")) is not None:
        metrics.serve(port)
        app.bot_data["metrics_task"] = asyncio.create_task(metrics.keep_fresh(services))
    if isinstance(app.update_queue, DurableQueue):
        app.update_queue.inbox = inbox
    if isinstance(app.update_processor, FairUpdateProcessor):
        app.update_processor.flood = Flood(services, inbox, outbox)
    scheduler = Scheduler(app.bot, services, outbox, inbox, on_database_lost=app.stop_running)
    app.bot_data["scheduler"] = scheduler
    if scheduler_loop:
        scheduler.start()
    await _announce_commands(app, content, settings)


async def stop_scheduler(app: Application) -> None:  # type: ignore[type-arg]
    scheduler: Scheduler | None = app.bot_data.pop("scheduler", None)
    if scheduler is not None:
        await scheduler.stop()


async def stop_services(app: Application) -> None:  # type: ignore[type-arg]
    await stop_scheduler(app)
    if (task := app.bot_data.pop("metrics_task", None)) is not None:
        task.cancel()
    services: Services | None = app.bot_data.pop("services", None)
    limiter = app.bot.rate_limiter
    if isinstance(limiter, PriorityRateLimiter):
        limiter.share_through(None)
    if services is not None:
        await services.stores.close()


async def _announce_commands(app: Application, content: Content,  # type: ignore[type-arg]
                             settings: Settings) -> None:
    """Optional methods: a self-hosted Bot API server may lack them; warn once, carry on."""
    router: Router = app.bot_data["router"]
    try:
        for lang in settings.languages:
            commands = [BotCommand(c.name, content.tr_button_label(lang, c.label))
                        for c in router.commands.values() if c.label]
            code = None if lang == settings.default_language else lang.split("_")[0]
            await app.bot.set_my_commands(commands, language_code=code)
        staff = [BotCommand(c.name, content.tr_button_label(settings.default_language, c.label))
                 for c in app.bot_data["desk_router"].commands.values() if c.label]
        await app.bot.set_my_commands(staff, scope=BotCommandScopeChat(settings.staff_chat_id))
    except TelegramError as exc:
        log.warning("could not set the command menu (%s); carrying on without it", exc)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the update's type and ids only (never texts or answers), apologise to the client,
    and tell the staff chat — at most once an hour for each kind of error. A database that
    cannot be written (a full disk) is no bug: one line, no traceback, and staff are told
    what to do; the update's transaction was rolled back, so the client just tries again."""
    trouble = storage_trouble(context.error)
    if isinstance(update, Update):
        chat = update.effective_chat
        if trouble:
            log.error("update %s (chat %s, kind %s) not handled: the database could not be"
                      " written (%s)", update.update_id, chat.id if chat else None,
                      _kind(update), trouble)
        else:
            log.error("error handling update %s (chat %s, kind %s)", update.update_id,
                      chat.id if chat else None, _kind(update), exc_info=context.error)
        if chat is not None and chat.type == chat.PRIVATE:
            await _apologise(context, chat.id, update)
    else:
        log.error("error outside an update", exc_info=context.error)
    if trouble:
        await _alert_staff(context, "storage", N_("staff.storage_alert"), reason=trouble)
    else:
        name = type(context.error).__name__
        await _alert_staff(context, name, N_("staff.error_alert"), kind=name)


async def _alert_staff(context: ContextTypes.DEFAULT_TYPE, once_an_hour: str, msgid: str,
                       **values: str) -> None:
    settings: Settings = context.application.bot_data["settings"]
    clock: Clock = context.application.bot_data["clock"]
    alerted: dict[str, datetime] = context.application.bot_data.setdefault("error_alerts", {})
    now = clock.now()
    if once_an_hour in alerted and now - alerted[once_an_hour] < ERROR_ALERT_INTERVAL:
        return
    alerted[once_an_hour] = now
    content: Content = context.application.bot_data["content"]
    text = content.tr_message(settings.default_language, msgid, **values)
    try:
        await outgoing.send_text(context.bot, settings.staff_chat_id, text)
    except TelegramError:
        log.warning("could not alert the staff chat about a %s", once_an_hour)


def _kind(update: Update) -> str:
    for name in ("message", "edited_message", "callback_query", "my_chat_member"):
        if getattr(update, name) is not None:
            return name
    return "other"


async def _apologise(context: ContextTypes.DEFAULT_TYPE, chat_id: int, update: Update) -> None:
    settings: Settings = context.application.bot_data["settings"]
    content: Content = context.application.bot_data["content"]
    user = update.effective_user
    language = language_for(settings, None, user.language_code if user else None)
    try:
        await outgoing.send_text(context.bot, chat_id,
                                 content.tr_message(language, "error.internal"))
    except TelegramError:
        log.warning("could not send the apology to chat %s", chat_id)
