"""Helpers for staff-desk scenarios: staff in the staff chat, leads made by a real chat or
seeded straight into storage, and the lead's card as the staff chat shows it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import ChatUser, Sandbox, Sent
from bot.storage import Stores
from tests.chat import Texts, screen

STAFF_ID = 111111111  # staff.user_ids in clinic.example.toml


def staff_chat(settings: Settings) -> dict[str, Any]:
    return {"id": settings.staff_chat_id, "type": "supergroup", "title": "Staff"}


def staff_member(bot: Sandbox, settings: Settings, user_id: int = STAFF_ID,
                 first_name: str = "Maria") -> ChatUser:
    """A user speaking in the staff chat (staff only if `user_id` is listed)."""
    user = bot.user(user_id, first_name, language_code="en")
    user.chat = staff_chat(settings)
    return user


def stores_of(bot: Sandbox) -> Stores:
    stores: Stores = bot.app.bot_data["services"].stores
    return stores


async def lead_by_chat(bot: Sandbox, content: Content, *, user_id: int = 1001,
                       language: str = "en", first_name: str = "Olga",
                       yes: frozenset[str] = frozenset(), phone: str = "+7 912 345-67-89"
                       ) -> ChatUser:
    """A client who goes through the check and books: the staff chat gets a lead card."""
    t = Texts(content, language)
    client = bot.user(user_id, first_name, language_code=language, username=f"user{user_id}")
    await screen(client, t, yes=yes)
    outcome = "doctor" if yes else "suitable"
    await client.press(t.label(f"screening.outcome.{outcome}.book"))
    await client.send(phone)
    await client.press(t.label("booking.time.evening"))
    return client


async def booking_prompt(bot: Sandbox, content: Content, settings: Settings,
                         **lead: Any) -> tuple[ChatUser, ChatUser, Sent]:
    """A lead from a client's chat (`lead_by_chat`) and Maria pressing Booked on its card: the
    client, Maria, and the bot's question for the appointment time, to reply to."""
    client = await lead_by_chat(bot, content, **lead)
    maria = staff_member(bot, settings)
    [prompt] = await press_on_card(bot, maria, 1, "Booked")
    return client, maria, prompt


async def card(bot: Sandbox, lead_id: int) -> Sent:
    lead = await stores_of(bot).leads.get(lead_id)
    assert lead is not None
    [found] = [m for m in bot.staff_chat() if m.message_id == lead.staff_message_id]
    return found


async def press_on_card(bot: Sandbox, staff: ChatUser, lead_id: int, label: str) -> list[Sent]:
    message = await card(bot, lead_id)
    [data] = [d for text, d in message.buttons if label in text]
    return await staff.press_data(data, message)


async def seed_lead(stores: Stores, *, user_id: int, first_name: str, created: datetime,
                    last_name: str | None = None, username: str | None = None,
                    phone: str | None = None, language: str = "en", status: str = "new",
                    answers: dict[str, str] | None = None, outcome: str = "suitable") -> int:
    """A lead written straight into storage, as the booking flow would leave it."""
    await stores.clients.upsert(user_id=user_id, chat_id=user_id, first_name=first_name,
                                last_name=last_name, username=username,
                                telegram_language=language, now=created)
    consent = await stores.consents.record(user_id, 1, created)
    screening = await stores.screenings.start(user_id, consent, "goals", created)
    for step, answer in (answers or {}).items():
        await stores.screenings.save_answer(screening, step, answer, step, created)
    await stores.screenings.end(screening, "finished", outcome, created)
    lead_id = await stores.leads.create(user_id=user_id, screening_id=screening, outcome=outcome,
                                        phone=phone, contact_username=None,
                                        preferred_time="morning", now=created)
    if status != "new":
        await stores.leads.change_status(lead_id, "new", status, STAFF_ID, created)
    return lead_id
