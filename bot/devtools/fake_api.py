"""An in-process fake of the Telegram Bot API: a `BaseRequest` that answers each Bot API method
from memory and keeps every chat's messages, so the real Application runs unchanged.

Errors are injected per method (`fail`), as Telegram or the network would raise them; calls
can be held on their way (`hold`), to stop a send in flight at a chosen moment. Each chat
keeps its last `keep` messages (a long benchmark stays small and edits stay O(1)). Telegram's
limits answer 429 when set: `flood_limit` sendMessage a second for the bot, `group_limit` new
messages a minute for each group, and for each private chat a burst of `chat_burst` new
messages, then one a second. Time is `clock`'s (a virtual one in the limiter's tests).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

from bot.devtools import telegram_html

BOT_USER = {"id": 7000000001, "is_bot": True, "first_name": "Clinic", "username": "clinic_bot"}
TOKEN = "123456:SANDBOX-TOKEN-NOT-SECRET"
MESSAGE_LIMIT, CAPTION_LIMIT = 4096, 1024
OPTIONAL_METHODS = frozenset({"setMyCommands", "deleteMyCommands", "setChatMenuButton"})


@dataclass
class Sent:
    """A message as the fake server holds it (after any edits)."""

    chat_id: int
    message_id: int
    text: str
    reply_markup: dict[str, Any] | None
    edits: int = 0
    document: dict[str, Any] | None = None
    reply_to: int | None = None  # the message this one replies to
    copied_from: tuple[int, int] | None = None  # (chat id, message id) of a copied message
    parse_mode: str | None = None

    @property
    def shown(self) -> str:
        """The text as the person sees it: HTML parsed when it was sent as HTML."""
        return telegram_html.visible(self.text, self.parse_mode)

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback data) of the inline keyboard, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]

    @property
    def keyboard(self) -> list[dict[str, Any]]:
        """Buttons of a reply keyboard (e.g. the request-contact button)."""
        rows = (self.reply_markup or {}).get("keyboard", [])
        return [b if isinstance(b, dict) else {"text": b} for row in rows for b in row]


@dataclass
class Hold:
    """Calls of one method about one chat wait until `release`; `arrived` is set once one
    waits, so a test can act while that message is in flight."""

    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    released: asyncio.Event = field(default_factory=asyncio.Event)

    def release(self) -> None:
        self.released.set()


@dataclass
class FakeBotApi(BaseRequest):
    """Answers Bot API calls from memory. Set `fail_next[method]` to queue error answers,
    `fail_chat[chat_id]` to queue them for the next calls about one chat, `slow[method]` to
    make a method take that many seconds, `hold(method, chat_id)` to keep calls waiting, and
    `unsupported` to simulate a self-hosted server
    without some optional methods.

    `timeout_next[method]` queues timeouts: "before" (the call never reached Telegram) or
    "after" (Telegram carried it out, but the answer was lost on the way back)."""

    messages: dict[int, list[Sent]] = field(default_factory=lambda: defaultdict(list))
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    fail_next: dict[str, list[tuple[int, dict[str, Any]]]] = field(
        default_factory=lambda: defaultdict(list))
    unsupported: set[str] = field(default_factory=set)
    touched: list[Sent] = field(default_factory=list)  # every message sent or edited, in order
    deleted: list[Sent] = field(default_factory=list)  # every message deleted, in order
    timeout_next: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    fail_chat: dict[int, list[tuple[int, dict[str, Any]]]] = field(
        default_factory=lambda: defaultdict(list))
    slow: dict[str, float] = field(default_factory=dict)
    holds: dict[tuple[str, int], Hold] = field(default_factory=dict)
    keep: int = 1000
    flood_limit: int = 0  # sendMessage a second before a 429; 0: no check
    group_limit: int = 0  # new messages a minute to one group before a 429; 0: no check
    chat_burst: int = 0  # new messages at once to one private chat, then 1 a second; 0: no check
    too_many: int = 0  # 429s answered by these checks
    clock: Callable[[], float] = time.monotonic
    arrivals: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _by_id: dict[int, Sent] = field(default_factory=dict)
    _recent_sends: deque[float] = field(default_factory=deque)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params: dict[str, Any] = dict(request_data.parameters) if request_data else {}
        if request_data is not None and request_data.contains_files:
            # uploads travel as multipart fields: name → (filename, content, mime type)
            params.update(request_data.multipart_data)
        if name in self.slow:
            await asyncio.sleep(self.slow[name])
        held = self.holds.get((name, params.get("chat_id", 0)))
        if held is not None:
            held.arrived.set()
            await held.released.wait()
        if self.timeout_next.get(name):
            if self.timeout_next[name].pop(0) == "after":
                self.answer(name, params)
            raise TimedOut(f"{name} timed out (simulated)")
        return self.answer(name, params)

    def hold(self, method: str, chat_id: int) -> Hold:
        """Hold calls of `method` about `chat_id` until the returned hold is released."""
        held = self.holds[method, chat_id] = Hold()
        return held

    def answer(self, name: str, params: dict[str, Any]) -> tuple[int, bytes]:
        """One Bot API call by method name: the HTTP status and JSON body Telegram would send."""
        self.calls.append((name, params))
        wait = self._too_many(name, params)
        if wait:
            self.too_many += 1
            body = {"ok": False, "error_code": 429, "description": "Too Many Requests",
                    "parameters": {"retry_after": wait}}
            return 429, json.dumps(body).encode()
        failing = self.fail_next.get(name) or self.fail_chat.get(params.get("chat_id", 0))
        if failing:
            status, body = failing.pop(0)
            return status, json.dumps({"ok": False, "error_code": status, **body}).encode()
        handler = getattr(self, f"_{name}", None)
        if handler is None or name in self.unsupported:
            return 404, b'{"ok": false, "error_code": 404, "description": "Not Found"}'
        try:
            result = handler(params)
        except _ApiError as exc:
            body = {"ok": False, "error_code": 400, "description": str(exc)}
            return 400, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": result}).encode()

    # Bot API methods -------------------------------------------------------------------------

    def _getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return BOT_USER

    def _getUpdates(self, params: dict[str, Any]) -> list[Any]:
        return []

    def _simple(self, params: dict[str, Any]) -> bool:
        return True

    _setMyCommands = _deleteMyCommands = _setChatMenuButton = _answerCallbackQuery = _simple
    _deleteWebhook = _setWebhook = _simple

    def _sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        text = _checked(params, "text", MESSAGE_LIMIT)
        sent = self._store(int(params["chat_id"]), text, params.get("reply_markup"),
                           params.get("parse_mode"))
        reply = params.get("reply_parameters")
        if reply:
            reply = json.loads(reply) if isinstance(reply, str) else reply
            self.messages[sent["chat"]["id"]][-1].reply_to = int(reply["message_id"])
        return sent

    def _sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        """The uploaded file is kept as `document`: filename, content (bytes), mime type."""
        filename, content, mime_type = params["document"]
        if not isinstance(content, bytes):
            content = content.read()
        caption = _checked(params, "caption", CAPTION_LIMIT)
        sent = self._store(int(params["chat_id"]), caption, None, params.get("parse_mode"))
        self.messages[sent["chat"]["id"]][-1].document = {
            "filename": filename, "content": content, "mime_type": mime_type,
            "caption": params.get("caption")}
        return sent

    def _sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        """A picture, kept like a document with `photo` set."""
        sent = self._sendDocument({**params, "document": params["photo"]})
        self.messages[sent["chat"]["id"]][-1].document["photo"] = True  # type: ignore[index]
        return sent

    def _copyMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        """A copy with its caption as `text`; the original (a client's own message) is not held
        here, so only where it came from is kept."""
        sent = self._store(int(params["chat_id"]), _checked(params, "caption", CAPTION_LIMIT),
                           params.get("reply_markup"), params.get("parse_mode"))
        copy = self.messages[sent["chat"]["id"]][-1]
        copy.copied_from = (int(params["from_chat_id"]), int(params["message_id"]))
        return {"message_id": copy.message_id}

    def _editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._find(int(params["chat_id"]), int(params["message_id"]))
        markup = params.get("reply_markup")
        text = _checked(params, "text", MESSAGE_LIMIT)
        if message.text == text and message.reply_markup == markup:
            raise _ApiError("Bad Request: message is not modified")
        message.text, message.reply_markup = text, markup
        message.parse_mode = params.get("parse_mode")
        message.edits += 1
        self.touched.append(message)
        return self._json(message)

    def _editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._find(int(params["chat_id"]), int(params["message_id"]))
        message.reply_markup = params.get("reply_markup")
        message.edits += 1
        self.touched.append(message)
        return self._json(message)

    def _deleteMessage(self, params: dict[str, Any]) -> bool:
        chat_id = int(params["chat_id"])
        message = self._find(chat_id, int(params["message_id"]))
        self.messages[chat_id].remove(message)
        self.deleted.append(message)
        return True

    def _store(self, chat_id: int, text: str, markup: Any,
               parse_mode: str | None = None) -> dict[str, Any]:
        if isinstance(markup, str):
            markup = json.loads(markup)
        sent = Sent(chat_id, next(self._ids), text, markup, parse_mode=parse_mode)
        chat = self.messages[chat_id]
        chat.append(sent)
        self._by_id[sent.message_id] = sent
        if len(chat) > self.keep:
            for old in chat[:-self.keep]:
                self._by_id.pop(old.message_id, None)
            del chat[:-self.keep]
        self.touched.append(sent)
        return self._json(sent)

    def _find(self, chat_id: int, message_id: int) -> Sent:
        message = self._by_id.get(message_id)
        if message is None or message.chat_id != chat_id:
            raise _ApiError("Bad Request: message to edit not found")
        return message

    def _too_many(self, name: str, params: dict[str, Any]) -> int:
        """Seconds to retry after, if this call goes over one of Telegram's limits; else 0,
        and a new message is counted as arrived (`arrivals`, by chat, while a chat limit is
        checked)."""
        now = self.clock()
        if name == "sendMessage" and self._flooded(now):
            return 1
        if not (self.group_limit or self.chat_burst) or not posts_message(name, params):
            return 0
        chat_id = int(params["chat_id"])
        arrived = self.arrivals[chat_id]
        if chat_id < 0 and self.group_limit:
            in_minute = [t for t in arrived[-self.group_limit:] if now - t < 60.0]
            if len(in_minute) >= self.group_limit:
                return max(1, int(in_minute[0] + 61.0 - now))
        if chat_id > 0 and self.chat_burst and self._chat_flooded(arrived, now):
            return 1
        arrived.append(now)
        return 0

    def _chat_flooded(self, arrived: list[float], now: float) -> bool:
        """A bucket of `chat_burst` messages that refills one a second: would one more now
        overflow it?"""
        level, last = 0.0, None
        for t in arrived[-4 * self.chat_burst:]:
            level = max(0.0, level - (t - last)) + 1.0 if last is not None else 1.0
            last = t
        if last is not None:
            level = max(0.0, level - (now - last))
        return level + 1.0 > self.chat_burst

    def _flooded(self, now: float) -> bool:
        """Whether one more sendMessage now would exceed `flood_limit` in the last second."""
        if not self.flood_limit:
            return False
        recent = self._recent_sends
        while recent and now - recent[0] >= 1.0:
            recent.popleft()
        if len(recent) >= self.flood_limit:
            return True
        recent.append(now)
        return False

    @staticmethod
    def _json(sent: Sent) -> dict[str, Any]:
        chat_type = "private" if sent.chat_id > 0 else "supergroup"
        data: dict[str, Any] = {
            "message_id": sent.message_id, "date": 0, "from": BOT_USER, "text": sent.text,
            "chat": {"id": sent.chat_id, "type": chat_type},
        }
        if sent.reply_markup and "inline_keyboard" in sent.reply_markup:
            data["reply_markup"] = sent.reply_markup
        return data


def posts_message(method: str, params: dict[str, Any]) -> bool:
    """Whether this call posts a new message to a chat (what Telegram's chat limits count)."""
    return ("chat_id" in params and method.startswith(("send", "copy", "forward"))
            and method != "sendChatAction")


class _ApiError(Exception):
    pass


def _checked(params: dict[str, Any], field: str, limit: int) -> str:
    """A message's text or a caption, as Telegram checks it: markup that parses, and at most
    `limit` characters once parsed (a caption may be empty)."""
    text = str(params.get(field, ""))
    try:
        shown = telegram_html.visible(text, params.get("parse_mode"))
    except telegram_html.Unparsable as exc:
        raise _ApiError(str(exc)) from exc
    if field == "text" and not shown.strip():
        raise _ApiError("Bad Request: message text is empty")
    if telegram_html.length(shown) > limit:
        raise _ApiError(f"Bad Request: message {'caption' if field == 'caption' else 'text'}"
                        " is too long")
    return text
