"""Helpers for free-slot scenarios: the bot with `[booking]` on, and a client at the picker."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.config import BookingRules, Settings
from bot.content import Content
from bot.devtools.sandbox import ChatUser, Sandbox, Sent
from tests.chat import Texts, screen


def with_slots(settings: Settings, **rules: object) -> Settings:
    return replace(settings, booking=BookingRules(**rules))  # type: ignore[arg-type]


async def at_picker(bot: Sandbox, content: Content, *, user_id: int = 1001,
                    language: str = "en", first_name: str = "Olga") -> ChatUser:
    """A screened client who shared their phone: the days with free times are shown."""
    t = Texts(content, language)
    client = bot.user(user_id, first_name, language_code=language)
    await screen(client, t)
    await client.press(t.label("screening.outcome.suitable.book"))
    await client.send("+7 912 345-67-89")
    return client


def buttons(message: Sent, prefix: str) -> list[tuple[str, str]]:
    return [(label, data) for label, data in message.buttons if data.startswith(prefix)]


async def pick_first_slot(client: ChatUser) -> list[Sent]:
    """At the picker: the first day with free times, then its first time."""
    await client.press_data(buttons(client.last, "sday:")[0][1], client.last)
    return await client.press_data(buttons(client.last, "stime:")[0][1], client.last)


def without_slots(toml: str) -> str:
    """A configuration's text without its `[booking]` table: clients leave a time of day."""
    return re.sub(r"(?ms)^\[booking\].*?(?=^\[|\Z)", "", toml)
