"""The fake Bot API of `bot.devtools.sandbox`, served over HTTP on 127.0.0.1, so the real
`clinicbot run` process (long polling) can be tested end to end: point
`TELEGRAM_API_BASE_URL` at `server.url`.

    with FakeBotServer() as server:
        ...start `clinicbot run` with TELEGRAM_API_BASE_URL=server.url...
        user = server.user(1001)
        await user.send("/menu")          # queued until the bot's next getUpdates
        menu = server.wait_for(lambda: server.messages(user.id), timeout=5)

Every method is answered by the same `FakeBotApi` the in-process tests use (so `fail_next`,
`messages` and `touched` behave the same), and users are the same `ChatUser`s building the same
JSON updates. Over HTTP an action returns as soon as its update is queued: wait for the bot's
answer with `wait_for` (blocking) or `until` (async). `getUpdates` hands out the queued updates
from `offset` on, as Telegram does: an update counts as delivered only once the bot asks for a
later offset, so updates fetched by a process that is then killed are handed out again.

Several processes can share one server (webhook mode, bot/devtools/webhook.py): each is given
its own base URL (`url_for("a")`), so the server knows which instance made each call
(`touched_by`), remembers the webhook each one registered, and can `hold` one instance's calls
to play a process that stops answering before it is killed.
"""

from __future__ import annotations

import asyncio
import json
import sys
import threading
from collections import Counter
from collections.abc import Callable
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlsplit

from bot.clock import Clock
from bot.devtools.sandbox import Chats, FakeBotApi, Sent

T = TypeVar("T")
MAX_POLL = 1.0  # seconds a getUpdates long poll may wait, whatever timeout the bot asks for
# Parameters PTB sends as plain strings; every other value is JSON (numbers, markup, lists).
_STRINGS = frozenset({"text", "caption", "parse_mode", "callback_query_id",
                      "inline_message_id", "language_code", "url"})


class FakeBotServer(Chats):
    """`FakeBotApi` behind `POST /bot<token>/<method>`, plus the getUpdates queue."""

    def __init__(self, api: FakeBotApi | None = None, clock: Clock | None = None) -> None:
        super().__init__(api or FakeBotApi(), clock or Clock())
        self.changed = threading.Condition()  # held while the fake's state changes
        self._pending: list[dict[str, Any]] = []
        self._closing = False
        self._http = _Server(self)
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)
        self.url = self.url_for("")
        self.touched_by: list[str] = []  # the instance behind each entry of `api.touched`
        self.webhooks: dict[str, tuple[str, str | None]] = {}  # instance → (url, secret)
        self.held: Counter[str] = Counter()  # calls held per instance, never answered
        self._holding: set[str] = set()

    def __enter__(self) -> FakeBotServer:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        with self.changed:
            self._closing = True
            self.changed.notify_all()
        self._http.shutdown()
        self._http.server_close()
        self._thread.join()

    # What tests use -------------------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> int:
        """Queue an update for the bot's getUpdates; returns its update_id."""
        update = {"update_id": next(self._update_ids), **update}
        with self.changed:
            self._pending.append(update)
            self.changed.notify_all()
        return int(update["update_id"])

    async def feed(self, update: dict[str, Any]) -> None:
        self.push(update)

    def url_for(self, instance: str) -> str:
        """The base URL (`TELEGRAM_API_BASE_URL`) for one bot instance, named in its path."""
        prefix = f"/{instance}" if instance else ""
        return f"http://127.0.0.1:{self._http.server_port}{prefix}/bot"

    def hold(self, instance: str) -> int:
        """From now on, never answer nor record the instance's calls: Telegram never got them.
        Returns how many entries `api.touched` had then: all later ones are other instances'."""
        with self.changed:
            self._holding.add(instance)
            self.changed.notify_all()
            return len(self.api.touched)

    def webhook(self, instance: str) -> tuple[str, str | None]:
        """The URL and secret the instance registered with setWebhook."""
        with self.changed:
            return self.webhooks[instance]

    def sent_by(self, instance: str) -> list[Sent]:
        """Messages the instance sent or edited, in order (a message edited twice twice)."""
        with self.changed:
            return [m for m, by in zip(self.api.touched, self.touched_by, strict=True)
                    if by == instance]

    @property
    def pending(self) -> int:
        """Updates queued and not yet confirmed by the bot."""
        with self.changed:
            return len(self._pending)

    def messages(self, chat_id: int) -> list[Sent]:
        with self.changed:
            return list(self.api.messages[chat_id])

    def wait_for(self, predicate: Callable[[], T], timeout: float = 5.0) -> T:
        """Block until `predicate()` (run with the fake's state locked) is truthy; return it."""
        with self.changed:
            result = self.changed.wait_for(predicate, timeout)
        if not result:
            raise TimeoutError(f"nothing matched within {timeout} s")
        return result

    async def until(self, predicate: Callable[[], T]) -> T:
        """`wait_for` for async code, letting other coroutines run meanwhile; bound it with
        `asyncio.timeout`."""
        while True:
            with self.changed:
                result = predicate()
            if result:
                return result
            await asyncio.sleep(0.01)

    # What the bot calls ---------------------------------------------------------------------

    def call(self, method: str, params: dict[str, Any],
             instance: str = "") -> tuple[int, bytes] | None:
        """The answer to one call; None for a held one, once the server closes."""
        with self.changed:
            if instance in self._holding:
                self.held[instance] += 1
                self.changed.notify_all()
                self.changed.wait_for(lambda: self._closing)
                return None
            if method != "getUpdates" or self.api.fail_next.get(method):
                return self._answer(method, params, instance)
        return 200, json.dumps({"ok": True, "result": self._updates(params)}).encode()

    def _answer(self, method: str, params: dict[str, Any], instance: str) -> tuple[int, bytes]:
        if method == "deleteWebhook" and params.get("drop_pending_updates"):
            self._pending.clear()
        if method == "setWebhook":
            self.webhooks[instance] = (str(params["url"]), params.get("secret_token"))
        touched = len(self.api.touched)
        answer = self.api.answer(method, params)
        self.touched_by.extend([instance] * (len(self.api.touched) - touched))
        self.changed.notify_all()
        return answer

    def _updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset, limit = int(params.get("offset") or 0), int(params.get("limit") or 100)
        wait = min(float(params.get("timeout") or 0), MAX_POLL)
        with self.changed:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
            self.changed.wait_for(lambda: self._pending or self._closing, wait)
            return self._pending[:limit]


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: FakeBotServer) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fake = fake

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A killed bot process resets its connections: expected here, not worth a trace."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as httpx expects

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        assert isinstance(self.server, _Server)
        # /bot<token>/<method>, or /<instance>/bot<token>/<method>
        parts = urlsplit(self.path).path.strip("/").split("/")
        instance = parts[0] if len(parts) == 3 else ""
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        params = decode(self.headers.get("Content-Type", ""), body)
        answer = self.server.fake.call(parts[-1], params, instance)
        if answer is None:
            self.close_connection = True
            return
        status, payload = answer
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):  # the bot process is gone
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - as in http.server
        return None


def decode(content_type: str, body: bytes) -> dict[str, Any]:
    """Bot API parameters from a JSON, urlencoded or multipart body, as PTB passed them."""
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/json":
        return dict(json.loads(body or b"{}"))
    fields: dict[str, Any] = {}
    if kind == "multipart/form-data":
        header = f"Content-Type: {content_type}\r\n\r\n".encode()
        for part in BytesParser(policy=HTTP).parsebytes(header + body).iter_parts():
            name = str(part.get_param("name", header="content-disposition"))
            content = part.get_payload(decode=True)
            assert isinstance(content, bytes)
            filename = part.get_filename()
            # an upload as the in-process fake gets it from PTB: (filename, content, mime type)
            fields[name] = (filename, content, part.get_content_type()) if filename else (
                _value(name, content.decode()))
        return fields
    for name, value in parse_qsl(body.decode(), keep_blank_values=True):
        fields[name] = _value(name, value)
    return fields


def _value(name: str, value: str) -> Any:
    if name in _STRINGS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value
