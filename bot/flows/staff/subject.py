"""Which client a staff action is about, found before it runs: a status press, a reply in a
client's thread or to a booking prompt, a command naming a lead. Such actions take the
client's lock (bot/telegram/handlers.py), so they and the client's own updates — a /forget —
run one at a time, in the order they came."""

from __future__ import annotations

from bot.callbacks import StaleButton
from bot.flows.staff import LARGEST
from bot.flows.staff.cards import LeadStatus
from bot.storage import Stores

LEAD_COMMANDS = ("aftercare", "lead")


async def of_button(stores: Stores, data: str | None) -> int | None:
    try:
        pressed = LeadStatus.unpack(data)
    except (StaleButton, ValueError):
        return None
    return await _of_lead(stores, pressed.lead)


async def of_reply(stores: Stores, replied_to: int) -> int | None:
    thread = await stores.relays.thread(replied_to)
    if thread is not None:
        return thread.user_id
    prompt = await stores.booking_prompts.lead_of(replied_to)
    return await _of_lead(stores, prompt.lead_id) if prompt is not None else None


async def of_command(stores: Stores, name: str, args: list[str]) -> int | None:
    """A command whose one argument is a lead (`/aftercare 12`, `/lead #12`)."""
    if name not in LEAD_COMMANDS or len(args) != 1 or not args[0].lstrip("#").isdecimal():
        return None
    lead_id = int(args[0].lstrip("#"))
    return await _of_lead(stores, lead_id) if lead_id <= LARGEST else None


async def _of_lead(stores: Stores, lead_id: int) -> int | None:
    lead = await stores.leads.get(lead_id)
    return lead.client.user_id if lead is not None else None
