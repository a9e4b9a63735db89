"""The real bot on the fake Bot API (bot/devtools/fake_api.py), and clients that talk to it.

The tests, `clinicbot shell` and the benchmarks all use this one fake: the real Application and
handlers run unchanged, only the HTTP layer is replaced (a `BaseRequest` that answers each Bot
API method from memory). Users are simulated by building the same JSON updates Telegram sends.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from typing import Any

from telegram.ext import AIORateLimiter, Application, ContextTypes

from bot.clock import Clock
from bot.config import Settings
from bot.content import Content, load_content
from bot.devtools.fake_api import BOT_USER, TOKEN, FakeBotApi, Sent
from bot.telegram.app import build_application, start_services, stop_services
from bot.telegram.incoming import parsed
from bot.telegram.scheduler import Scheduler

__all__ = ["BOT_USER", "TOKEN", "ChatUser", "Chats", "FakeBotApi", "Sandbox", "Sent"]

_loaded: dict[tuple[object, ...], Content] = {}


def loaded_content(settings: Settings) -> Content:
    """The content `settings` name, read once per process for each distinct set of files.

    Reading it (the catalogs, the words, the classifier trained on dialogs/examples.tsv) costs
    more than the rest of starting a sandbox, and tests and benchmarks start hundreds. The key
    is what is in the files, not their names or times: content changed on disk is read again.
    """
    digest = hashlib.blake2b()
    for folder in ("dialogs", "locales"):
        for path in sorted((settings.content_dir / folder).rglob("*")):
            if path.is_file():
                digest.update(f"{path.relative_to(settings.content_dir)}\0".encode())
                digest.update(path.read_bytes())
    key = (settings.content_dir, settings.languages, settings.default_language,
           digest.hexdigest())
    if key not in _loaded:
        _loaded[key] = load_content(settings.content_dir, settings.languages,
                                    settings.default_language)
    return _loaded[key]


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
        self.last: dict[str, Any] | None = None  # the last update fed, to deliver it again

    @classmethod
    async def start(cls, settings: Settings, clock: Clock, api: FakeBotApi | None = None,
                    *, scheduler_loop: bool = False,
                    rate_limiter: AIORateLimiter | None = None) -> Sandbox:
        """Without `scheduler_loop`, scheduled messages go out only on `run_scheduler()`;
        `rate_limiter` is the production one when a test is about it."""
        api = api or FakeBotApi()
        app = build_application(settings, token=TOKEN, clock=clock, request=api,
                                rate_limiter=rate_limiter, content=loaded_content(settings))
        sandbox = cls(app, api, clock, scheduler_loop)
        await sandbox._boot()
        return sandbox

    async def _boot(self) -> None:
        self.app.add_error_handler(self._record_error)
        await self.app.initialize()
        await start_services(self.app, scheduler_loop=self.scheduler_loop)
        # Updates an earlier run left in the database were handled: Telegram would number the
        # next ones above them, and so must we, or the inbox ignores them as repeats.
        newest = await self.app.bot_data["services"].stores.inbox.newest_id()
        self._update_ids = itertools.count(max(next(self._update_ids), newest + 1))

    async def stop(self) -> None:
        await stop_services(self.app)
        await self.app.shutdown()

    async def restart(self) -> None:
        """Stop the bot and start a new Application on the same database and chats, as a
        process restart would: nothing survives but what was stored."""
        settings = self.app.bot_data["settings"]
        await self.stop()
        self.app = build_application(settings, token=TOKEN, clock=self.clock, request=self.api,
                                     rate_limiter=self.app.bot.rate_limiter,
                                     content=loaded_content(settings))
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
        self.last = {"update_id": next(self._update_ids), **update}
        await self.deliver(self.last)

    async def deliver(self, update: dict[str, Any]) -> None:
        """As Telegram's updates reach `clinicbot run`: stored in the inbox, then handled.
        Delivering an update again plays Telegram's retry."""
        await self.receive(json.dumps(update))

    async def receive(self, body: str) -> None:
        """An update as the webhook receives it, the JSON text Telegram sent: decoded, stored
        in the inbox as it came, then handled."""
        received = parsed(json.loads(body), self.app.bot)
        await self.app.bot_data["inbox"].accept(received, body)
        await self.app.process_update(received)

    async def accept(self, update: dict[str, Any]) -> None:
        """Store the update as the webhook does before its 200, and no more: what an instance
        killed right after acknowledging an update leaves behind."""
        await self.app.bot_data["inbox"].accept(parsed(update, self.app.bot))


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

    async def send_photo(self, caption: str = "") -> list[Sent]:
        extra: dict[str, Any] = {"photo": [
            {"file_id": "photo", "file_unique_id": "p1", "width": 90, "height": 90}]}
        if caption:
            extra["caption"] = caption
        return await self._send_message(**extra)

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
