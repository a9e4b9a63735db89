"""The webhook as the internet reaches it: the secret is checked and a body over 1 MiB refused
from the request's headers, before any of the body is read; an update the library cannot parse
leaves no client text in the log, at any level."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.devtools.sandbox_http import FakeBotServer
from tests.test_deployment import (
    SECRET,
    _wait_listening,
    config_in,
    free_port,
    post,
    start,
    stop_gracefully,
)

MiB = 1024 * 1024
CLIENT_TEXT = "my cheek burns since the peel"


@dataclass
class Running:
    server: FakeBotServer
    port: int
    url: str
    log: Path


@pytest.fixture(scope="module")
def webhook(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """One `clinicbot run --webhook` at DEBUG for the whole module: starting one takes seconds."""
    tmp_path = tmp_path_factory.mktemp("webhook")
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    config = config_in(tmp_path)
    with FakeBotServer() as server:
        process = start(server, config, "--webhook", "--webhook-url", url, "--listen",
                        "127.0.0.1", "--port", str(port), "--log-level", "DEBUG")
        try:
            _wait_listening(port, process, 20)
            yield Running(server, port, url, tmp_path / "bot.log")
        finally:
            stop_gracefully(process, config)


def headers_only(port: int, length: int, secret: str | None, chunked: bool = False) -> str:
    """Send a POST's headers announcing `length` bytes of body, and none of the body: the
    status line of the answer, or "" when the server waits for the body (5 s)."""
    lines = ["POST /telegram HTTP/1.1", f"Host: 127.0.0.1:{port}",
             "Content-Type: application/json"]
    lines.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {length}")
    if secret is not None:
        lines.append(f"X-Telegram-Bot-Api-Secret-Token: {secret}")
    with closing(socket.create_connection(("127.0.0.1", port), timeout=5)) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        if chunked:  # chunks announcing more than the limit, then silence
            connection.sendall(f"{MiB:x}\r\n".encode() + b"x" * MiB + b"\r\n"
                               + f"{MiB:x}\r\n".encode() + b"x" * 1024)
        try:
            return connection.recv(200).decode("latin-1").split("\r\n", 1)[0]
        except TimeoutError:
            return ""


def test_a_large_body_without_the_secret_is_refused_before_it_is_read(webhook: Running) -> None:
    assert headers_only(webhook.port, 90 * MiB, None).startswith("HTTP/1.1 403")
    assert headers_only(webhook.port, 90 * MiB, "wrong").startswith("HTTP/1.1 403")


def test_a_body_over_one_mebibyte_is_refused_even_with_the_secret(webhook: Running) -> None:
    assert headers_only(webhook.port, MiB + 1, SECRET).startswith("HTTP/1.1 413")
    assert headers_only(webhook.port, 0, SECRET, chunked=True).startswith("HTTP/1.1 4")


def answered(webhook: Running, update_id: int) -> None:
    """A normal /start gets its answer."""
    server = webhook.server
    user = server.user(4545, "Vera")
    before = len(server.messages(4545))
    update = {"update_id": update_id, "message": server.message(
        user.user, user.chat, text="/start",
        entities=[{"type": "bot_command", "offset": 0, "length": 6}])}
    assert post(webhook.url, update, SECRET) == 200
    server.wait_for(lambda: len(server.messages(4545)) > before, 10)


def test_updates_still_arrive_under_the_limits(webhook: Running) -> None:
    answered(webhook, 10)


def test_an_update_the_library_cannot_parse_leaves_no_client_text_in_the_log(
    webhook: Running
) -> None:
    broken = [
        {"update_id": 20, "message": {"message_id": 1, "text": CLIENT_TEXT, "chat": "nope"}},
        {"update_id": 21, "message": {"message_id": 2, "date": "yesterday", "text": CLIENT_TEXT,
                                      "chat": {"id": 1, "type": "private"}}},
        {"update_id": 22, "callback_query": {"id": "x", "data": CLIENT_TEXT}},
    ]
    for update in broken:
        assert post(webhook.url, update, SECRET) == 400
    not_json = json.dumps({"update_id": 23, "text": CLIENT_TEXT})[:-3]
    with closing(socket.create_connection(("127.0.0.1", webhook.port), timeout=5)) as raw:
        raw.sendall(("POST /telegram HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     f"X-Telegram-Bot-Api-Secret-Token: {SECRET}\r\n"
                     f"Content-Length: {len(not_json)}\r\n\r\n{not_json}").encode())
        assert raw.recv(200).startswith(b"HTTP/1.1 ")
    # The bot answers a normal update after them: everything above has been logged by then.
    answered(webhook, 24)
    log = webhook.log.read_text()
    assert "Received data was" in log  # the library did log the failure…
    assert "update 20" in log  # …by ids and kinds only
    for fragment in ("my cheek", "burns", "peel", "yesterday"):
        assert fragment not in log, fragment


def test_library_debug_records_carry_ids_and_kinds_only() -> None:
    """What python-telegram-bot logs at DEBUG when its logger is let through: the body as
    received, request parameters, a parsed update."""
    from io import StringIO

    from telegram import Update

    from bot import log_privacy

    stream = StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("telegram.ext.test_privacy")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    log_privacy.install(logger)
    try:
        payload = {"update_id": 31, "message": {"message_id": 1, "date": 0, "text": CLIENT_TEXT,
                                                "chat": {"id": 5, "type": "private"}}}
        logger.debug("Webhook received data: %s", json.dumps(payload))
        logger.debug("Calling Bot API endpoint `%s` with parameters `%s`", "sendMessage",
                     {"chat_id": 5, "text": CLIENT_TEXT})
        logger.debug("Processing update %s", Update.de_json(payload, None))
        logger.debug("Short %s", "sendMessage")
    finally:
        logger.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert lines == [f"Webhook received data: <text of {len(json.dumps(payload))} characters>",
                     "Calling Bot API endpoint `sendMessage` with parameters"
                     " `<dict with keys chat_id, text>`",
                     "Processing update <update 31>", "Short sendMessage"]
