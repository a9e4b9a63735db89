"""Flows decide the next step and the answer; they know nothing of Telegram's types.

A flow gets a `Visit` (who is talking, in which language, and the bot's services) and returns a
`Turn`: what to say to the client and what to post to the staff chat.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.clock import Clock
from bot.config import Settings
from bot.content import Content
from bot.matcher import FaqMatcher
from bot.storage import Client, Storage


@dataclass(frozen=True)
class Button:
    label: str
    data: str


@dataclass(frozen=True)
class Reply:
    """A message to send. `edit` replaces the message whose button was pressed."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    contact_button: str | None = None
    remove_keyboard: bool = False
    edit: bool = False


@dataclass(frozen=True)
class StaffPost:
    text: str
    on_sent: Callable[[int], Awaitable[None]] | None = None


@dataclass
class Turn:
    replies: list[Reply] = field(default_factory=list)
    staff: list[StaffPost] = field(default_factory=list)

    def __add__(self, other: Turn) -> Turn:
        return Turn(self.replies + other.replies, self.staff + other.staff)


@dataclass(frozen=True)
class Services:
    settings: Settings
    content: Content
    storage: Storage
    clock: Clock
    matchers: dict[str, FaqMatcher]


@dataclass(frozen=True)
class Visit:
    """One client's update, resolved: their record and the language to answer in."""

    services: Services
    client: Client
    language: str

    @property
    def now(self) -> datetime:
        return self.services.clock.now()

    @property
    def storage(self) -> Storage:
        return self.services.storage

    @property
    def content(self) -> Content:
        return self.services.content

    @property
    def settings(self) -> Settings:
        return self.services.settings

    def text(self, msgid: str, **values: Any) -> str:
        return self.content.message(self.language, msgid, **values)

    def label(self, msgid: str, **values: Any) -> str:
        return self.content.button_label(self.language, msgid, **values)

    def render(self, template: str, **values: Any) -> str:
        return self.content.render(self.language, template, clinic=self.settings, **values)

    def button(self, msgid: str, data: str, **values: Any) -> Button:
        return Button(self.label(msgid, **values), data)
