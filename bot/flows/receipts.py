"""What the bot remembers about a staff post once Telegram has given it a message id: the post
may go out long after the update that made it (the outbox retries), so a post carries a
`Receipt` — plain data — rather than a callback."""

from __future__ import annotations

from datetime import datetime

from bot.flows import Receipt
from bot.storage import Stores


def lead_card(lead_id: int, user_id: int) -> Receipt:
    """The message is the lead's card, edited in place from then on; a staff reply to it
    reaches the lead's client, as a reply to a thread does."""
    return Receipt("lead_card", (lead_id, user_id))


def thread(user_id: int, root_message_id: int | None = None) -> Receipt:
    """A staff reply to the message reaches the client (bot/flows/staff/relay.py)."""
    return Receipt("thread", (user_id,) if root_message_id is None else (user_id, root_message_id))


def question(question_id: int, user_id: int) -> Receipt:
    """A forwarded question: recorded with its message, which starts a relay thread."""
    return Receipt("question", (question_id, user_id))


def booking_prompt(lead_id: int, staff_user_id: int) -> Receipt:
    """A reply to the message gives the lead's appointment time."""
    return Receipt("booking_prompt", (lead_id, staff_user_id))


async def record(stores: Stores, receipt: Receipt, message_id: int, now: datetime) -> None:
    values = receipt.values
    if receipt.kind == "lead_card":
        await stores.leads.set_message(values[0], message_id)
        if len(values) > 1:  # a card stored before cards took replies has its lead's id only
            await stores.relays.register_thread(message_id, values[1], now)
    elif receipt.kind == "thread":
        await stores.relays.register_thread(message_id, values[0], now,
                                            values[1] if len(values) > 1 else None)
    elif receipt.kind == "question":
        await stores.questions.set_message(values[0], message_id)
        await stores.relays.register_thread(message_id, values[1], now)
    elif receipt.kind == "booking_prompt":
        await stores.booking_prompts.add(message_id, values[0], values[1], now)
    else:
        raise ValueError(f"unknown receipt {receipt.kind!r}")
