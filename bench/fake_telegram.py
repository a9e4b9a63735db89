"""Just enough of the Bot API over HTTP on loopback for a real `clinicbot run` process: it
starts, polls, is handed the updates queued here, and what it sends is answered as Telegram
would and counted. Point the process at it with TELEGRAM_API_BASE_URL."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from common import EXAMPLE_CONFIG, rss_kib

from bot.devtools.sandbox import BOT_USER

SENDS = ("sendMessage", "editMessageText")


class FakeTelegram(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.first_poll = threading.Event()
        self.first_poll_at = 0.0
        self.first_poll_rss_kib = 0
        self.pid = 0
        self.methods: list[str] = []
        self.queued: list[dict[str, Any]] = []
        self.sent = 0
        self.answered: set[int] = set()  # chats something was sent to
        self._message_ids = itertools.count(1)

    def reset(self, pid: int) -> None:
        self.first_poll.clear()
        self.pid = pid
        self.methods = []

    def queue(self, updates: list[dict[str, Any]]) -> None:
        with self.lock:
            self.queued.extend(updates)

    def handed(self, offset: int) -> list[dict[str, Any]]:
        """Updates from `offset` on; those before it were confirmed, as Telegram forgets them."""
        with self.lock:
            self.queued = [u for u in self.queued if u["update_id"] >= offset]
            return self.queued[:100]

    def wait_answered(self, chats: set[int], timeout: float) -> bool:
        """Whether every one of `chats` was sent something within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if chats <= self.answered:
                    return True
            time.sleep(0.05)
        return False

    def message(self, chat_id: int, text: str) -> dict[str, Any]:
        return {"message_id": next(self._message_ids), "date": int(time.time()), "text": text,
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
                "from": BOT_USER}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: FakeTelegram

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        method = self.path.rsplit("/", 1)[-1]
        server = self.server
        params = {k: v[0] for k, v in parse_qs(body.decode(errors="replace")).items()} \
            if self.headers.get("Content-Type", "").startswith("application/x-www-form") else {}
        server.methods.append(method)
        result: Any = True
        if method == "getMe":
            result = BOT_USER
        elif method == "getUpdates":
            if not server.first_poll.is_set():
                server.first_poll_at = time.monotonic()
                try:
                    server.first_poll_rss_kib = rss_kib(server.pid)
                except (OSError, RuntimeError):
                    server.first_poll_rss_kib = 0
                server.first_poll.set()
            result = server.handed(int(params.get("offset") or 0))
            if not result:
                time.sleep(0.2)  # a short long-poll with nothing new
        elif method in SENDS:
            chat_id = int(params.get("chat_id") or 0)
            result = server.message(chat_id, params.get("text", ""))
            with server.lock:
                server.sent += 1
                server.answered.add(chat_id)
        answer = json.dumps({"ok": True, "result": result}).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the bot was stopped during its long poll

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        return None


@contextmanager
def serving() -> Iterator[FakeTelegram]:
    server = FakeTelegram()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def clinicbot_command() -> list[str]:
    script = Path(sys.executable).parent / "clinicbot"
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


def config_for(workdir: Path, name: str, database: Path | None) -> Path:
    """The shipped example configuration, on `database` (else on DATABASE_URL)."""
    config = workdir / f"clinic-{name}.toml"
    text = EXAMPLE_CONFIG.read_text(encoding="utf-8")
    if database is not None:
        text = text.replace('database = "clinicbot.sqlite3"',
                            f"database = {json.dumps(str(database))}")
    config.write_text(text, encoding="utf-8")
    return config


@contextmanager
def clinicbot_run(server: FakeTelegram, config: Path, workdir: Path,
                  database_url: str | None = None) -> Iterator[subprocess.Popen[bytes]]:
    """`clinicbot run` polling `server`, until it has polled once; stopped with SIGTERM after."""
    env = {k: v for k, v in os.environ.items() if k not in ("CLINICBOT_CONFIG", "DATABASE_URL")}
    env["TELEGRAM_BOT_TOKEN"] = "123456:BENCHMARK-NOT-A-REAL-TOKEN"
    env["TELEGRAM_API_BASE_URL"] = f"http://127.0.0.1:{server.server_port}/bot"
    if database_url:
        env["DATABASE_URL"] = database_url
    log = open(workdir / "run.log", "ab")  # noqa: SIM115
    process = subprocess.Popen([*clinicbot_command(), "--config", str(config), "run"],
                               cwd=workdir, env=env, stdout=log, stderr=log)
    server.reset(process.pid)
    try:
        if not server.first_poll.wait(timeout=60):
            raise SystemExit(f"clinicbot run never polled; see {workdir / 'run.log'}")
        yield process
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        log.close()
