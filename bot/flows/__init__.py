"""Flows decide the next step and the answer; they know nothing of Telegram's types.

A flow gets a `Visit` (who is talking, in which language, and the bot's services) and returns a
`Turn`: what to say in the chat the update came from, what to post to (or change in) the staff
chat, and what to send to clients' private chats on the staff's behalf.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from markupsafe import Markup

from bot.clock import Clock
from bot.config import Settings
from bot.content import Content
from bot.content.matcher import FaqMatcher
from bot.storage import Client, Stores

_WORD = re.compile(r"[^\W_]+")
Shown = TypeVar("Shown")


@dataclass(frozen=True)
class Button:
    label: str
    data: str


Buttons = tuple[tuple[Button, ...], ...]


@dataclass(frozen=True)
class Document:
    """A file to send (the staff's CSV export)."""

    filename: str
    content: bytes
    caption: str = ""
    photo: bool = False  # a picture shown in the chat (a chart), not a file to open


@dataclass(frozen=True)
class Reply:
    """A message to send. `edit` replaces the message whose button was pressed; with a
    `document`, the file is sent and `text` is ignored. `about` lists the clients a reply in
    the staff chat names: erasing one of them edits it (or deletes the file). `offer` names the
    main-menu action the reply offers: a typed "yes, let's" right after it takes that action
    (bot/flows/context.py)."""

    text: str
    buttons: Buttons = ()
    contact_button: str | None = None
    remove_keyboard: bool = False
    edit: bool = False
    document: Document | None = None
    about: tuple[int, ...] = ()
    offer: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _stored(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reply:
        document = data.get("document")
        return cls(**{**data, "buttons": _buttons(data["buttons"]),
                      "about": tuple(data["about"]),
                      "document": Document(**{**document,
                                              "content": base64.b64decode(document["content"])})
                      if document else None})


def _buttons(rows: list[list[dict[str, str]]]) -> Buttons:
    return tuple(tuple(Button(**b) for b in row) for row in rows)


@dataclass(frozen=True)
class Receipt:
    """What to remember about a staff post once it is in the chat, by its message id (a lead's
    card, a relay thread, a booking prompt; bot/flows/receipts.py). Plain data, so it is
    stored with the post and still happens when the post goes out later."""

    kind: str
    values: tuple[int, ...] = ()


@dataclass(frozen=True)
class StaffPost:
    """A message for the staff chat. `edit` names a staff-chat message to replace instead (a lead
    card); `reply_to` threads the post under a message; `ask_reply` asks staff to answer by
    replying, with that placeholder in their input field. `on_sent` is remembered with the new
    message's id; `about` is the client the post names, if any. With `delete`, that message is
    deleted instead (a file that named an erased client). With `copy_from` (chat id, message
    id), that message (a client's photo) is copied in, `text` (if any) replacing its caption."""

    text: str
    on_sent: Receipt | None = None
    buttons: Buttons = ()
    edit: int | None = None
    reply_to: int | None = None
    ask_reply: str | None = None
    about: int | None = None
    delete: int | None = None
    copy_from: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return _stored(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StaffPost:
        receipt = data["on_sent"]
        return cls(**{**data, "on_sent": Receipt(receipt["kind"], tuple(receipt["values"]))
                      if receipt else None,
                      "buttons": _buttons(data["buttons"]),
                      "copy_from": tuple(data["copy_from"]) if data.get("copy_from") else None})


@dataclass(frozen=True)
class ClientPost:
    """A message to a client's private chat sent on the staff's behalf; then `delivered` is
    posted to the staff chat, or `undeliverable` when the client cannot be reached (the bot
    was blocked) or Telegram refuses this message. A `document` (a calendar file) follows the
    text. It waits in the outbox until it is sent."""

    chat_id: int
    text: str
    delivered: StaffPost | None = None
    undeliverable: StaffPost | None = None
    document: Document | None = None

    def to_dict(self) -> dict[str, Any]:
        return _stored(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClientPost:
        def post(key: str) -> StaffPost | None:
            return StaffPost.from_dict(data[key]) if data[key] else None

        document = data.get("document")
        return cls(data["chat_id"], data["text"], post("delivered"), post("undeliverable"),
                   Document(**{**document, "content": base64.b64decode(document["content"])})
                   if document else None)


@dataclass
class Turn:
    replies: list[Reply] = field(default_factory=list)
    staff: list[StaffPost] = field(default_factory=list)
    clients: list[ClientPost] = field(default_factory=list)

    def __add__(self, other: Turn) -> Turn:
        return Turn(self.replies + other.replies, self.staff + other.staff,
                    self.clients + other.clients)


@dataclass(frozen=True)
class Services:
    settings: Settings
    content: Content
    stores: Stores
    clock: Clock
    matchers: dict[str, FaqMatcher]
    # What looks the same to every client in a language (a screening question, the menu's
    # keyboard), by (language, what): worked out on first use (`Speaking.once`).
    looks: dict[tuple[str, str], Any] = field(default_factory=dict, compare=False, repr=False)


class Speaking:
    """What a flow needs to answer someone in one language: the bot's services and the texts.
    A `Visit` speaks the client's language; the staff desk's `Desk` the clinic's."""

    services: Services
    language: str

    @property
    def now(self) -> datetime:
        return self.services.clock.now()

    def once(self, what: str, build: Callable[[], Shown]) -> Shown:
        """`build()` in this language, worked out the first time only: the content, the
        catalogs and the settings do not change while the bot runs, so what depends on them
        alone is the same for every client (and immutable, so it is shared)."""
        key = (self.language, what)
        looks = self.services.looks
        if key not in looks:
            looks[key] = build()
        shown: Shown = looks[key]
        return shown

    @property
    def stores(self) -> Stores:
        return self.services.stores

    @property
    def content(self) -> Content:
        return self.services.content

    @property
    def settings(self) -> Settings:
        return self.services.settings

    def tr(self, msgid: str, **values: Any) -> Markup:
        """Telegram HTML: joined to plain text with `+`, the plain text is escaped."""
        return self.content.tr_message(self.language, msgid, **values)

    def tr_label(self, msgid: str, **values: Any) -> str:
        return self.content.tr_button_label(self.language, msgid, **values)

    def typed_label(self, text: str, msgid: str) -> bool:
        """Whether `text` is the label of button `msgid` typed, whatever its case and the
        marks around its words ("да, сохранить" for "✅ Да, сохранить")."""
        return _WORD.findall(text.casefold()) == _WORD.findall(self.tr_label(msgid).casefold())

    def tr_counted(self, msgid: str, count: int, **values: Any) -> Markup:
        """`tr` in the plural form `count` takes ("1 week", "3 weeks")."""
        return self.content.tr_counted_message(self.language, msgid, count, **values)

    def render(self, template: str, **values: Any) -> Markup:
        return self.content.render(self.language, template,
                                   clinic=self.settings.speaking(self.language), **values)

    def tr_button(self, msgid: str, data: str, **values: Any) -> Button:
        return Button(self.tr_label(msgid, **values), data)


@dataclass(frozen=True)
class Visit(Speaking):
    """One client's update, resolved: their record and the language to answer in; the id of
    the message the client typed, where the update is one (copied to staff when they ask,
    never its words stored)."""

    services: Services
    client: Client
    language: str
    message_id: int | None = None



@dataclass(frozen=True)
class StaffMember:
    user_id: int
    name: str


@dataclass(frozen=True)
class Desk(Speaking):
    """One staff member's update, resolved; staff read the clinic's default language
    (the staff desk's flows: bot/flows/staff/)."""

    services: Services
    member: StaffMember

    @property
    def language(self) -> str:  # type: ignore[override]
        return self.services.settings.default_language

def _stored(post: Reply | ClientPost | StaffPost) -> dict[str, Any]:
    """A post as JSON can hold it: buttons as lists, a document's bytes in base64. Written out
    rather than `dataclasses.asdict`, whose deep copies cost half a millisecond a reply, and
    every reply is stored before it is sent."""
    data = {name: getattr(post, name) for name in post.__dataclass_fields__}
    for name, value in data.items():
        if isinstance(value, Receipt):
            data[name] = {"kind": value.kind, "values": list(value.values)}
        elif isinstance(value, StaffPost):
            data[name] = _stored(value)
        elif isinstance(value, Document):
            data[name] = {"filename": value.filename, "caption": value.caption,
                          "photo": value.photo,
                          "content": base64.b64encode(value.content).decode()}
        elif name == "buttons":
            data[name] = [[{"label": b.label, "data": b.data} for b in row] for row in value]
        elif isinstance(value, tuple):
            data[name] = list(value)
    return data
