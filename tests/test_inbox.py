"""An update Telegram was told arrived is handled, once, in its sender's order.

Updates are stored in the inbox before Telegram gets its 200 (or the next polling offset); a
turn marks its update handled in the transaction that stores its changes and replies. So a
repeat of an update (Telegram's retry, a duplicate POST, two at once) is answered once, and an
update whose instance died after accepting it is handled by the next instance to look, or by
the same one restarted.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from telegram import Update
from telegram.ext import TypeHandler

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import ChatUser, FakeBotApi, Sandbox
from bot.telegram.transport import UpdatesRequest
from tests.chat import Texts, instance_died

pytestmark = pytest.mark.engines


def command(bot: Sandbox, user: ChatUser, update_id: int, text: str) -> dict[str, Any]:
    """The update Telegram sends for a command typed by `user`."""
    entities = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id,
            "message": bot.message(user.user, user.chat, text=text, entities=entities)}


def texts(bot: Sandbox, chat_id: int) -> list[str]:
    return [m.text for m in bot.api.messages[chat_id]]


async def test_an_update_delivered_again_is_answered_once(
    bot: Sandbox, content: Content
) -> None:
    user = bot.user()
    await user.send("/start")
    first = texts(bot, user.id)
    assert bot.last is not None
    await bot.deliver(bot.last)  # Telegram's retry: it never got our 200
    await bot.deliver(bot.last)
    assert texts(bot, user.id) == first != []


async def test_the_same_update_twice_at_once_is_answered_once(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    user = bot.user()
    await user.send("/menu")
    await user.press(t.label("menu.screening"))
    message, consent = user.find_button(t.label("screening.consent.yes"))
    update: dict[str, Any] = {"update_id": 900, "callback_query": {
        "id": "q900", "from": user.user, "chat_instance": str(user.id), "data": consent,
        "message": bot.api._json(message)}}
    before = len(bot.api.touched)
    await asyncio.gather(bot.deliver(update), bot.deliver(update))
    consents = await bot.app.bot_data["services"].stores.database.one(
        "SELECT count(*) FROM consents")
    assert consents[0] == 1
    shown = [m.text for m in bot.api.touched[before:]]
    assert sum(t("screening.q.goals") in text for text in shown) == 1, shown


async def test_an_update_acknowledged_by_an_instance_that_died_is_answered(
    bot: Sandbox, settings: Settings, content: Content
) -> None:
    user = bot.user()
    update = command(bot, user, 500, "/start")
    await bot.accept(update)  # stored, 200 sent, then the process was killed
    assert texts(bot, user.id) == []
    await instance_died(bot, settings)
    await bot.run_scheduler()
    assert len(texts(bot, user.id)) == 1
    assert content.tr_message("en", "welcome.disclaimer") in texts(bot, user.id)[0]
    await bot.run_scheduler()
    await bot.deliver(update)  # and Telegram's own retry of it changes nothing
    assert len(texts(bot, user.id)) == 1


@pytest.mark.engines("sqlite")
async def test_a_restart_on_sqlite_takes_over_at_once(bot: Sandbox, content: Content) -> None:
    user = bot.user()
    await bot.accept(command(bot, user, 500, "/start"))
    await bot.restart()
    await bot.run_scheduler()  # no claim to wait out: one process owns the file
    assert len(texts(bot, user.id)) == 1


async def test_a_later_update_never_overtakes_an_earlier_stored_one(
    bot: Sandbox, settings: Settings, content: Content
) -> None:
    t = Texts(content, "en")
    user = bot.user()
    await bot.accept(command(bot, user, 500, "/privacy"))
    await instance_died(bot, settings)
    await bot.deliver(command(bot, user, 501, "/help"))
    privacy, help_ = texts(bot, user.id)
    assert t("privacy.title") in privacy and t("help.title") in help_
    await bot.run_scheduler()
    assert len(texts(bot, user.id)) == 2


async def test_handled_updates_keep_nothing_of_the_client(
    bot: Sandbox, content: Content
) -> None:
    user = bot.user()
    await user.send("my phone is +44 7400 123456")
    rows = await bot.app.bot_data["services"].stores.database.all(
        "SELECT sender_id, payload, handled_at FROM inbox")
    assert [(r[0], r[1]) for r in rows] == [(None, None)] and rows[0][2] is not None


def keyboards_seen(bot: Sandbox) -> list[tuple[int, object]]:
    """(message id, keyboard) of each pressed message the handlers are given."""
    seen: list[tuple[int, object]] = []

    async def spy(update: Update, context: object) -> None:
        message = update.callback_query.message if update.callback_query else None
        if message is not None:
            seen.append((message.message_id, getattr(message, "reply_markup", None)))

    bot.app.add_handler(TypeHandler(Update, spy), group=-1)
    return seen


async def test_a_pressed_message_reaches_the_handlers_without_its_keyboard(
    bot: Sandbox, settings: Settings, content: Content
) -> None:
    """Only the pressed message's id is read (to edit it): its keyboard, up to half of what
    parsing a button press cost, is left unparsed, fresh or taken over from the inbox."""
    t = Texts(content, "en")
    seen = keyboards_seen(bot)
    user = bot.user()
    await user.send("/start")
    menu = user.last
    await user.press(t("menu.faq"))
    assert seen == [(menu.message_id, None)]
    assert user.last.message_id == menu.message_id and user.last.buttons  # edited in place
    message, data = user.find_button(t("button.menu"))
    query = {"id": "q2", "from": user.user, "chat_instance": str(user.id), "data": data,
             "message": FakeBotApi._json(message)}
    await bot.accept({"update_id": 900, "callback_query": query})
    await instance_died(bot, settings)
    seen = keyboards_seen(bot)  # the instance that takes over
    await bot.run_scheduler()
    assert seen == [(message.message_id, None)]
    assert user.last.message_id == menu.message_id
    assert t("menu.faq") in [label for label, _ in user.last.buttons]


def test_polled_updates_are_read_without_the_pressed_messages_keyboard() -> None:
    message = {"message_id": 7, "date": 0, "chat": {"id": 1, "type": "private"},
               "text": "Menu", "reply_markup": {"inline_keyboard": [[
                   {"text": "Questions", "callback_data": "menu:faq"}]]}}
    body = json.dumps({"ok": True, "result": [{"update_id": 1, "callback_query": {
        "id": "1", "from": {"id": 1, "is_bot": False, "first_name": "A"},
        "chat_instance": "1", "data": "menu:faq", "message": message}}]}).encode()
    result = UpdatesRequest().parse_json_payload(body)["result"]
    assert result[0]["callback_query"]["message"] == {
        key: value for key, value in message.items() if key != "reply_markup"}
