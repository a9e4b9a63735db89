"""A client who blocked the bot: what the staff chat is shown once a message to them comes
back undeliverable (bot/telegram/outbox.py delivers it)."""

from __future__ import annotations

from bot.flows import Services, Turn
from bot.flows.staff.cards import card_post


async def client_unreachable(services: Services, user_id: int) -> Turn:
    """Their lead cards, edited in place: messages to them no longer arrive."""
    leads = await services.stores.leads.with_cards(user_id)
    return Turn(staff=[await card_post(services, lead) for lead in leads])
