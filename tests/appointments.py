"""Helpers for appointment scenarios: a lead booked by staff, and the clock moved to a moment."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import ChatUser, Sandbox
from tests.desk import booking_prompt

VISIT = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)  # London is on UTC in December
EVE = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)  # dialogs/booking.yaml: reminder_evening_hour


async def book(bot: Sandbox, content: Content, settings: Settings, *, language: str = "en",
               when: str = "2.12 9:00") -> ChatUser:
    client, maria, prompt = await booking_prompt(bot, content, settings, language=language)
    await maria.reply_to(prompt, when)
    return client


async def reminded(bot: Sandbox, content: Content, settings: Settings, *,
                   language: str = "en") -> ChatUser:
    """A booked client at the evening before the visit, its reminder (with Confirm,
    Reschedule and Cancel) just received."""
    client = await book(bot, content, settings, language=language)
    move_to(bot, EVE)
    await bot.run_scheduler()
    return client


def move_to(bot: Sandbox, moment: datetime) -> None:
    bot.clock.advance(moment - bot.clock.now())
