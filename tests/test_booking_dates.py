"""Staff type the appointment time as they would say it; the bot says how it read it, and a
prompt that has been answered, or whose lead moved on, books nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.config import Settings
from bot.content import Content
from bot.content.i18n import format_appointment, format_opening_hours
from bot.devtools.sandbox import Sandbox
from tests.chat import Texts, shown
from tests.desk import booking_prompt, press_on_card, stores_of


async def test_a_typed_date_is_booked_in_the_clinic_s_time(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    _, maria, prompt = await booking_prompt(bot, content, settings)
    await maria.reply_to(prompt, "завтра в 15")
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and lead.appointment_at == datetime(2026, 11, 25, 15, tzinfo=UTC)


async def test_a_past_time_says_how_it_was_read(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    _, maria, prompt = await booking_prompt(bot, content, settings)
    reply = shown(await maria.reply_to(prompt, "24.11 9:00"))
    read = ", ".join(format_appointment(datetime(2026, 11, 24, 9, tzinfo=UTC), "en",
                                        settings.timezone))
    assert staff("staff.booked.read_as", when=read) in reply
    assert staff("staff.booked.past") in reply


@pytest.mark.parametrize("typed, moment", [
    ("25.11 21:00", datetime(2026, 11, 25, 21, tzinfo=UTC)),  # a Wednesday, after closing
    ("29.11 12:00", datetime(2026, 11, 29, 12, tzinfo=UTC)),  # a Sunday: closed all day
    # Starts before closing, ends after it: "8 Dec 7:45pm" was booked at a clinic closing at 8.
    ("25.11 19:45", datetime(2026, 11, 25, 19, 45, tzinfo=UTC)),
])
async def test_a_time_outside_opening_hours_is_asked_again(
    bot: Sandbox, content: Content, settings: Settings, typed: str, moment: datetime
) -> None:
    staff = Texts(content, "en")
    _, maria, prompt = await booking_prompt(bot, content, settings)
    reply = shown(await maria.reply_to(prompt, typed))
    read = ", ".join(format_appointment(moment, "en", settings.timezone))
    assert settings.opening_hours is not None
    assert staff("staff.booked.read_as", when=read) in reply
    assert staff("staff.booked.closed", hours=format_opening_hours(
        settings.opening_hours, "en")) in reply
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and lead.status != "booked" and lead.appointment_at is None


async def test_an_answered_prompt_books_nothing_twice(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    client, maria, prompt = await booking_prompt(bot, content, settings)
    await maria.reply_to(prompt, "tomorrow at noon")
    sorry = bot.staff_chat()[-1]
    assert staff("staff.booked.invalid") in sorry.text
    await maria.reply_to(sorry, "3 Dec 14:30")
    received = len(client.messages)
    reply = shown(await maria.reply_to(prompt, "3 Dec 14:30"))
    assert staff("staff.booked.stale", id=1) in reply
    reply = shown(await maria.reply_to(sorry, "4 Dec 14:30"))
    assert staff("staff.booked.stale", id=1) in reply
    assert len(client.messages) == received
    history = await stores_of(bot).leads.history(1)
    assert [h.new_status for h in history] == ["booked"]


async def test_a_prompt_whose_lead_moved_on_books_nothing(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    _, maria, prompt = await booking_prompt(bot, content, settings)
    await press_on_card(bot, maria, 1, "Contacted")
    reply = shown(await maria.reply_to(prompt, "3 Dec 14:30"))
    assert staff("staff.booked.stale", id=1) in reply
    assert (await stores_of(bot).leads.get(1)).status == "contacted"
