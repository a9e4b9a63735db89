"""All the wiring in one place: every flow registers its commands, buttons and conversation
states with the client router or the staff desk's router (bot/flows/router.py).

The order matters where the client sees it: commands are announced in Telegram's command menu
in the order they are registered, and idle-text handlers answer in that order (typed messages
first, bot/flows/typed.py, then the open screening's question again).
"""

from __future__ import annotations

from bot.callbacks import CallbackData
from bot.flows import (
    aftercare,
    aftercare_typed,
    aftercourse,
    appointment,
    booking,
    consent,
    context,
    faq,
    menu,
    outcome,
    privacy,
    screening,
    typed,
    typed_answers,
)
from bot.flows.router import DeskRouter, Router
from bot.flows.staff import (
    aftercare_desk,
    agenda,
    course,
    export,
    listing,
    relay,
    stats,
    status,
)


def client_router() -> Router:
    router = Router()
    for flow in (menu, faq, typed, booking, aftercare, aftercourse, appointment, privacy, outcome,
                 consent, aftercare_typed, screening, typed_answers, context, relay):
        flow.register(router)
    return router


def desk_router() -> DeskRouter:
    desk = DeskRouter()
    for flow in (listing, agenda, status, export, stats, aftercare_desk, course):
        flow.register(desk)
    relay.register_desk(desk)
    return desk


def callback_data(*routers: Router | DeskRouter) -> dict[str, type[CallbackData]]:
    """Every kind of button the bot builds, by prefix: the one registry of callback data."""
    return {prefix: route.data for router in routers or (client_router(), desk_router())
            for prefix, route in router.buttons.items()}
