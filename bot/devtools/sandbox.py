"""An in-process fake of the Telegram Bot API, and clients that talk to the bot through it.

The tests, `clinicbot shell` and the benchmarks all use this one fake: the real Application and
handlers run unchanged, only the HTTP layer is replaced (a `BaseRequest` that answers each Bot
API method from memory). Users are simulated by building the same JSON updates Telegram sends.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.error import TimedOut
from telegram.ext import Application, ContextTypes
from telegram.request import BaseRequest, RequestData

from bot.clock import Clock
from bot.config import Settings
from bot.telegram.app import build_application, start_services, stop_services
from bot.telegram.scheduler import Scheduler

BOT_USER = {"id": 7000000001, "is_bot": True, "first_name": "Clinic", "username": "clinic_bot"}
TOKEN = "123456:SANDBOX-TOKEN-NOT-SECRET"
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
class FakeBotApi(BaseRequest):
    """Answers Bot API calls from memory. Set `fail_next[method]` to queue error answers and
    `unsupported` to simulate a self-hosted server without some optional methods.

    `timeout_next[method]` queues timeouts: "before" (the call never reached Telegram) or
    "after" (Telegram carried it out, but the answer was lost on the way back)."""

    messages: dict[int, list[Sent]] = field(default_factory=lambda: defaultdict(list))
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    fail_next: dict[str, list[tuple[int, dict[str, Any]]]] = field(
        default_factory=lambda: defaultdict(list))
    unsupported: set[str] = field(default_factory=set)
    touched: list[Sent] = field(default_factory=list)  # every message sent or edited, in order
    timeout_next: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

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
        if self.timeout_next.get(name):
            if self.timeout_next[name].pop(0) == "after":
                self.answer(name, params)
            raise TimedOut(f"{name} timed out (simulated)")
        return self.answer(name, params)

    def answer(self, name: str, params: dict[str, Any]) -> tuple[int, bytes]:
        """One Bot API call by method name: the HTTP status and JSON body Telegram would send."""
        self.calls.append((name, params))
        if self.fail_next.get(name):
            status, body = self.fail_next[name].pop(0)
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
        text = str(params.get("text", ""))
        if not text.strip() or len(text) > 4096:
            raise _ApiError("Bad Request: message text is empty or too long")
        sent = self._store(int(params["chat_id"]), text, params.get("reply_markup"))
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
        sent = self._store(int(params["chat_id"]), str(params.get("caption", "")), None)
        self.messages[sent["chat"]["id"]][-1].document = {
            "filename": filename, "content": content, "mime_type": mime_type,
            "caption": params.get("caption")}
        return sent

    def _editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._find(int(params["chat_id"]), int(params["message_id"]))
        markup = params.get("reply_markup")
        if message.text == params["text"] and message.reply_markup == markup:
            raise _ApiError("Bad Request: message is not modified")
        message.text, message.reply_markup = str(params["text"]), markup
        message.edits += 1
        self.touched.append(message)
        return self._json(message)

    def _editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._find(int(params["chat_id"]), int(params["message_id"]))
        message.reply_markup = params.get("reply_markup")
        message.edits += 1
        self.touched.append(message)
        return self._json(message)

    def _store(self, chat_id: int, text: str, markup: Any) -> dict[str, Any]:
        if isinstance(markup, str):
            markup = json.loads(markup)
        sent = Sent(chat_id, next(self._ids), text, markup)
        self.messages[chat_id].append(sent)
        self.touched.append(sent)
        return self._json(sent)

    def _find(self, chat_id: int, message_id: int) -> Sent:
        for message in self.messages[chat_id]:
            if message.message_id == message_id:
                return message
        raise _ApiError("Bad Request: message to edit not found")

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


class _ApiError(Exception):
    pass


class Chats:
    """Simulated users on a fake Bot API: builds the JSON updates Telegram would send; `feed`
    hands one to the bot (in process here, over HTTP in `bot.devtools.sandbox_http`)."""

    def __init__(self, api: FakeBotApi, clock: Clock) -> None:
        self.api, self.clock = api, clock
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1_000_000)

    async def feed(self, update: dict[str, Any]) -> None:
        raise NotImplementedError

    def user(self, user_id: int = 1001, first_name: str = "Anna", *, language_code: str = "en",
             username: str | None = None, last_name: str | None = None) -> ChatUser:
        return ChatUser(self, {"id": user_id, "is_bot": False, "first_name": first_name,
                               "last_name": last_name, "username": username,
                               "language_code": language_code})

    def message(self, user: dict[str, Any], chat: dict[str, Any], **extra: Any) -> dict[str, Any]:
        return {"message_id": next(self._message_ids),
                "date": int(self.clock.now().timestamp()),
                "chat": chat, "from": {k: v for k, v in user.items() if v is not None}, **extra}


class Sandbox(Chats):
    """The real Application wired to the fake Bot API, plus simulated users."""

    def __init__(self, app: Application, api: FakeBotApi,  # type: ignore[type-arg]
                 clock: Clock, scheduler_loop: bool) -> None:
        super().__init__(api, clock)
        self.app = app
        self.scheduler_loop = scheduler_loop
        self.errors: list[BaseException] = []

    @classmethod
    async def start(cls, settings: Settings, clock: Clock, api: FakeBotApi | None = None,
                    *, scheduler_loop: bool = False) -> Sandbox:
        """Without `scheduler_loop`, scheduled messages go out only on `run_scheduler()`."""
        api = api or FakeBotApi()
        sandbox = cls(cls._application(settings, clock, api), api, clock, scheduler_loop)
        await sandbox._boot()
        return sandbox

    @staticmethod
    def _application(settings: Settings, clock: Clock,
                     api: FakeBotApi) -> Application:  # type: ignore[type-arg]
        return build_application(settings, token=TOKEN, clock=clock, request=api)

    async def _boot(self) -> None:
        self.app.add_error_handler(self._record_error)
        await self.app.initialize()
        await start_services(self.app, scheduler_loop=self.scheduler_loop)

    async def stop(self) -> None:
        await stop_services(self.app)
        await self.app.shutdown()

    async def restart(self) -> None:
        """Stop the bot and start a new Application on the same database and chats, as a
        process restart would: nothing survives but what was stored."""
        settings = self.app.bot_data["settings"]
        await self.stop()
        self.app = self._application(settings, self.clock, self.api)
        await self._boot()

    async def _record_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if context.error is not None:
            self.errors.append(context.error)

    async def run_scheduler(self) -> int:
        """Send every scheduled message that is due by the clock; returns how many."""
        scheduler: Scheduler = self.app.bot_data["scheduler"]
        return await scheduler.run_once()

    def staff_chat(self) -> list[Sent]:
        return self.api.messages[self.app.bot_data["settings"].staff_chat_id]

    async def feed(self, update: dict[str, Any]) -> None:
        update = {"update_id": next(self._update_ids), **update}
        await self.app.process_update(Update.de_json(update, self.app.bot))


class ChatUser:
    """One person in a private chat with the bot, or in a group when `chat` is set to one (a
    staff member in the staff chat): `messages` and what an action returns are that chat's."""

    def __init__(self, sandbox: Chats, user: dict[str, Any]) -> None:
        self.sandbox, self.user = sandbox, user
        self.id: int = user["id"]
        self.chat: dict[str, Any] = {"id": self.id, "type": "private",
                                     "first_name": user["first_name"]}

    @property
    def messages(self) -> list[Sent]:
        return self.sandbox.api.messages[self.chat["id"]]

    @property
    def last(self) -> Sent:
        return self.messages[-1]

    async def _act(self, update: dict[str, Any]) -> list[Sent]:
        """Feed one update; return the messages of this chat it sent or edited, in order."""
        start = len(self.sandbox.api.touched)
        await self.sandbox.feed(update)
        shown: list[Sent] = []
        for sent in self.sandbox.api.touched[start:]:
            if sent.chat_id == self.chat["id"] and sent not in shown:
                shown.append(sent)
        return shown

    async def _send_message(self, chat: dict[str, Any] | None = None, *, edited: bool = False,
                            **content: Any) -> list[Sent]:
        message = self.sandbox.message(self.user, chat or self.chat, **content)
        key = "edited_message" if edited else "message"
        if edited:
            message["edit_date"] = message["date"]
        return await self._act({key: message})

    async def send(self, text: str, *, chat: dict[str, Any] | None = None) -> list[Sent]:
        extra: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            extra["entities"] = [{"type": "bot_command", "offset": 0,
                                  "length": len(text.split()[0])}]
        return await self._send_message(chat, **extra)

    async def reply_to(self, message: Sent, text: str) -> list[Sent]:
        """Answer `message` with Telegram's reply (how staff answer the bot in a group)."""
        return await self._send_message(text=text, reply_to_message=FakeBotApi._json(message))

    async def edit(self, text: str) -> list[Sent]:
        return await self._send_message(edited=True, text=text)

    async def send_sticker(self) -> list[Sent]:
        return await self._send_message(sticker={
            "file_id": "sticker", "file_unique_id": "s1", "type": "regular", "width": 512,
            "height": 512, "is_animated": False, "is_video": False})

    async def send_photo(self) -> list[Sent]:
        return await self._send_message(photo=[{"file_id": "photo", "file_unique_id": "p1",
                                                "width": 90, "height": 90}])

    async def send_voice(self) -> list[Sent]:
        return await self._send_message(voice={"file_id": "voice", "file_unique_id": "v1",
                                               "duration": 3})

    async def share_contact(self, phone: str = "+44 7400 123456", *,
                            own: bool = True) -> list[Sent]:
        contact = {"phone_number": phone, "first_name": self.user["first_name"],
                   "user_id": self.id if own else self.id + 1}
        return await self._send_message(contact=contact)

    def find_button(self, label: str, *, exact: bool = False) -> tuple[Sent, str]:
        """The newest message with an inline button whose label is (or contains) `label`."""
        for message in reversed(self.messages):
            for text, data in message.buttons:
                if text == label if exact else label.casefold() in text.casefold():
                    return message, data
        raise AssertionError(f"no button {label!r} in the chat; last: {self.last.text!r}")

    async def press(self, label: str) -> list[Sent]:
        message, data = self.find_button(label)
        return await self.press_data(data, message)

    async def press_exact(self, label: str) -> list[Sent]:
        message, data = self.find_button(label, exact=True)
        return await self.press_data(data, message)

    async def press_data(self, data: str, message: Sent | None = None) -> list[Sent]:
        """Press a button with any data, even forged or stale."""
        target = message or self.last
        query = {
            "id": str(next(self.sandbox._update_ids)), "from": self.user,
            "chat_instance": str(self.chat["id"]), "data": data,
            "message": FakeBotApi._json(target),
        }
        return await self._act({"callback_query": query})

    def texts(self) -> list[str]:
        return [m.text for m in self.messages]
