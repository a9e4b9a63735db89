"""The real process as a clinic runs it: webhook mode with its secret, graceful SIGTERM."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import closing
from pathlib import Path

from bot.content import Content
from bot.devtools.sandbox_http import FakeBotServer

ROOT = Path(__file__).parent.parent
SECRET = "s3cret-token_for-tests"


def free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def config_in(tmp_path: Path) -> Path:
    config = tmp_path / "clinic.toml"
    config.write_text(re.sub(r"(?m)^database = .*$", 'database = "clinic.sqlite3"',
                             (ROOT / "clinic.example.toml").read_text()))
    return config


def start(server: FakeBotServer, config: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TELEGRAM_", "WEBHOOK_")) and k != "CLINICBOT_CONFIG"}
    env.update(TELEGRAM_BOT_TOKEN="123:TEST", TELEGRAM_API_BASE_URL=server.url,
               TELEGRAM_WEBHOOK_SECRET=SECRET, CLINICBOT_CONFIG=str(config),
               PYTHONPATH=str(ROOT))
    with (config.parent / "bot.log").open("wb") as log:
        return subprocess.Popen([sys.executable, "-m", "bot", "run", *args], env=env,
                                stdout=log, stderr=subprocess.STDOUT, cwd=config.parent)


def post(url: str, update: dict[str, object], secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(url, json.dumps(update).encode(), headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def stop_gracefully(process: subprocess.Popen[bytes], config: Path) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        assert process.wait(timeout=15) == 0, (config.parent / "bot.log").read_text()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    with closing(sqlite3.connect(config.parent / "clinic.sqlite3")) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert not (config.parent / "clinic.sqlite3-wal").exists() or \
        (config.parent / "clinic.sqlite3-wal").stat().st_size == 0


def test_webhook_rejects_requests_without_the_secret_and_answers_with_it(
    tmp_path: Path, content: Content
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    config = config_in(tmp_path)
    with FakeBotServer() as server:
        process = start(server, config, "--webhook", "--webhook-url", url,
                        "--listen", "127.0.0.1", "--port", str(port))
        try:
            server.wait_for(lambda: any(m == "setWebhook" for m, _ in server.api.calls), 10)
            [(_, registered)] = [p for p in server.api.calls if p[0] == "setWebhook"]
            assert registered["url"] == url and registered["secret_token"] == SECRET
            user = server.user(4242, "Nina")
            update = {"update_id": 1, "message": server.message(
                user.user, user.chat, text="/start",
                entities=[{"type": "bot_command", "offset": 0, "length": 6}])}
            _wait_listening(port, process, 10)
            assert post(url, update, None) == 403
            assert post(url, update, "wrong") == 403
            assert server.messages(4242) == []
            assert post(url, update, SECRET) == 200
            greeting = content.tr_message("en", "welcome.disclaimer")
            server.wait_for(lambda: any(greeting in m.text for m in server.messages(4242)), 10)
        finally:
            stop_gracefully(process, config)


def test_sigterm_stops_polling_cleanly(tmp_path: Path, content: Content) -> None:
    config = config_in(tmp_path)
    with FakeBotServer() as server:
        process = start(server, config)
        try:
            user = server.user(4343, "Olga")
            server.push({"message": server.message(
                user.user, user.chat, text="/start",
                entities=[{"type": "bot_command", "offset": 0, "length": 6}])})
            greeting = content.tr_message("en", "welcome.disclaimer")
            server.wait_for(lambda: any(greeting in m.text for m in server.messages(4343)), 10)
        finally:
            stop_gracefully(process, config)


def _wait_listening(port: int, process: subprocess.Popen[bytes], timeout: float) -> None:
    """Poll the port: a socket starting to listen changes nothing the fake Bot API could
    wake a waiter for."""
    deadline = time.monotonic() + timeout
    while True:
        with closing(socket.socket()) as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        assert process.poll() is None, "the bot exited before listening"
        assert time.monotonic() < deadline, f"nothing listens on port {port} after {timeout} s"
        time.sleep(0.02)


def test_debug_logs_of_the_real_process_hold_no_token_texts_or_phones(
    tmp_path: Path, content: Content
) -> None:
    """Over real HTTP, so the HTTP clients' and PTB's request logging are in the path."""
    config = config_in(tmp_path)
    secrets = ["123:TEST", "bicycles under the stairs", "+44 7400 123456", "Olenka"]
    with FakeBotServer() as server:
        process = start(server, config, "--log-level", "DEBUG")
        try:
            # Started (polling begins by removing any webhook) before the replies are timed:
            # on a loaded machine the start alone has taken more than their 10 s.
            server.wait_for(lambda: any(m == "deleteWebhook" for m, _ in server.api.calls), 30)
            user = server.user(4444, "Olenka")
            for update in ({"message": server.message(
                    user.user, user.chat, text="/start",
                    entities=[{"type": "bot_command", "offset": 0, "length": 6}])},
                    {"message": server.message(user.user, user.chat,
                                               text="Can I leave bicycles under the stairs?")},
                    {"message": server.message(user.user, user.chat, contact={
                        "phone_number": "+44 7400 123456", "first_name": "Olenka",
                        "user_id": 4444})}):
                before = len(server.messages(4444))
                server.push(update)
                server.wait_for(lambda b=before: len(server.messages(4444)) > b, 10)
        finally:
            stop_gracefully(process, config)
    log = (tmp_path / "bot.log").read_text()
    assert "getUpdates" in log or "sendMessage" in log or "update" in log.lower()
    for secret in secrets:
        assert secret not in log, secret
