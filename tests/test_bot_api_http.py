"""The Bot API over HTTP as `clinicbot run` reaches it (bot/telegram/transport.py), against the
fake Bot API served over HTTP: what arrives is what was sent, uploads included, and each failure
reaches the bot as the PTB error its sending policy knows (bot/telegram/sending.py)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.devtools.sandbox import TOKEN
from bot.devtools.sandbox_http import FakeBotServer
from bot.telegram import outgoing
from bot.telegram.transport import AiohttpRequest

CLIENT = 7001


@pytest.fixture
def server() -> Iterator[FakeBotServer]:
    with FakeBotServer() as server:
        server.user(CLIENT, "Anna")
        yield server


def bot_on(url: str) -> Bot:
    return Bot(TOKEN, base_url=url, request=AiohttpRequest())


async def test_a_message_with_buttons_arrives_as_sent(server: FakeBotServer) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Записаться", callback_data="book")]])
    async with bot_on(server.url) as bot:
        sent = await bot.send_message(CLIENT, "<b>Здравствуйте</b>, Анна!", parse_mode="HTML",
                                      reply_markup=keyboard)
        await outgoing.edit_text(bot, CLIENT, sent.message_id, "Готово ✅")
    [message] = server.messages(CLIENT)
    assert message.text == "Готово ✅" and message.edits == 1
    assert sent.chat_id == CLIENT and sent.message_id == message.message_id


async def test_an_upload_arrives_whole(server: FakeBotServer) -> None:
    picture = bytes(range(256)) * 40
    async with bot_on(server.url) as bot:
        await outgoing.send_photo(bot, CLIENT, picture, "week.png", caption="Неделя")
    [message] = server.messages(CLIENT)
    assert message.document is not None and message.document["content"] == picture
    assert message.document["filename"] == "week.png" and message.document["caption"] == "Неделя"


@pytest.mark.parametrize(("status", "body", "error"), [
    (403, {"description": "Forbidden: bot was blocked by the user"}, Forbidden),
    (400, {"description": "Bad Request: message is too long"}, BadRequest),
    (429, {"description": "Too Many Requests", "parameters": {"retry_after": 3}}, RetryAfter),
])
async def test_telegram_refusals_are_ptb_errors(server: FakeBotServer, status: int,
                                                body: dict[str, object],
                                                error: type[Exception]) -> None:
    server.api.fail_next["sendMessage"].append((status, body))
    async with bot_on(server.url) as bot:
        with pytest.raises(error):
            await bot.send_message(CLIENT, "hello")


async def test_an_answer_that_never_comes_times_out() -> None:
    connections: list[asyncio.StreamWriter] = []

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(writer)  # the request is read, never answered

    listening = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = listening.sockets[0].getsockname()[1]
    try:
        async with AiohttpRequest(read_timeout=0.3) as request:
            with pytest.raises(TimedOut):
                await request.post(f"http://127.0.0.1:{port}/bot{TOKEN}/getMe")
    finally:
        listening.close()
        for writer in connections:
            writer.close()
            await writer.wait_closed()


async def test_nobody_listening_is_a_network_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with AiohttpRequest() as request:
        with pytest.raises(NetworkError) as raised:
            await request.post(f"http://127.0.0.1:{port}/bot{TOKEN}/getMe")
    assert not isinstance(raised.value, TimedOut)
    assert TOKEN.split(":")[1] not in str(raised.value)
