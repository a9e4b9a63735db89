"""Typed text outside a conversation: each handler declares its priority, and the first that
answers is the only answer (registered with `Router.typed`; bot/flows/router.py)."""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.flows import Turn, Visit

TypedFlow = Callable[[Visit, str], Awaitable[Turn | None]]


class Typed(enum.IntEnum):
    """Who answers typed text outside a conversation, first to last."""

    AFTERCARE_WEEK = 10  # during the aftercare week: a check-in, a symptom, a question
    SCREENING_REPLY = 20  # a typed answer to the open screening question
    REMINDER_REPLY = 25  # a yes or no under an appointment reminder
    RATING = 27  # a rating typed under the review request ("5 stars! loved it")
    SHORT_REPLY = 30  # "yes" with nothing offered, "where was I" with nothing open
    NEW_PHONE = 35  # "my number changed, new one 07400 654321", with a request at the clinic
    MENU_ITEM = 40  # a main-menu button's own words ("I had my procedure today")
    MESSAGE = 90  # any message, routed by what it says: always answers


@dataclass(frozen=True)
class TypedHandler:
    priority: Typed
    run: TypedFlow


async def first_answer(handlers: list[TypedHandler], visit: Visit, text: str) -> Turn:
    """The answer of the first handler (in priority order) that gives one; None from a
    handler passes the text on."""
    for handler in handlers:
        answer = await handler.run(visit, text)
        if answer is not None:
            return answer
    return Turn()
