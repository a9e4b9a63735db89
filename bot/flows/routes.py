"""All the wiring in one place: every flow registers its commands, buttons and conversation
states with the client router or the staff desk's router (bot/flows/router.py); every kind of
scheduled message is listed (`schedules`); and what `clinicbot check` holds the content against
is gathered (`wiring`).

The order matters where the client sees it: commands are announced in Telegram's command menu
in the order they are registered. Typed-text handlers answer by the priority each declares
(bot/flows/typed_text.py), whatever the order here.
"""

from __future__ import annotations

from typing import Any

from bot.callbacks import CallbackData
from bot.content.check import Wiring
from bot.flows import (
    Turn,
    Visit,
    aftercare,
    aftercare_typed,
    aftercourse,
    appointment,
    booking,
    consent,
    context,
    faq,
    health_kept,
    menu,
    my_appointment,
    navigation,
    new_phone,
    outcome,
    privacy,
    screening,
    typed,
    typed_answers,
    unasked,
)
from bot.flows.appointment_reminders import AppointmentReminders
from bot.flows.recheck import RecheckReminders
from bot.flows.router import DeskRouter, Router
from bot.flows.samples import template_samples
from bot.flows.scheduled import Schedule, StaffDigest
from bot.flows.staff import (
    aftercare_desk,
    agenda,
    blocks,
    course,
    export,
    listing,
    relay,
    stats,
    status,
)


async def not_understood(visit: Visit, note: str) -> Turn:
    """What the client sent is not understood (a sticker, an edit, an old button): the step an
    open booking, the consent, the check or a message to a person waits on is shown again
    under why, else the menu."""
    return await booking.again(visit, note) or await consent.again(visit, note) or \
        await typed.again(visit, note) or await screening.not_understood(visit, note)


def client_router() -> Router:
    router = Router(fallback=not_understood)
    for flow in (menu, faq, typed, booking, my_appointment, aftercare, unasked, aftercourse,
                 appointment, privacy, outcome, consent, aftercare_typed, screening, navigation,
                 typed_answers, context, relay, new_phone, health_kept):
        flow.register(router)
    return router


def desk_router() -> DeskRouter:
    desk = DeskRouter()
    for flow in (listing, agenda, status, export, stats, aftercare_desk, blocks, course):
        flow.register(desk)
    relay.register_desk(desk)
    return desk


def callback_data(*routers: Router | DeskRouter) -> dict[str, type[CallbackData]]:
    """Every kind of button the bot builds, by prefix: the one registry of callback data."""
    return {prefix: route.data for router in routers or (client_router(), desk_router())
            for prefix, route in router.buttons.items()}


def wiring() -> Wiring:
    """What `clinicbot check` holds the content against: menu actions, commands, buttons."""
    router = client_router()
    return Wiring(frozenset(router.menu_actions),
                  tuple((c.name, c.label) for c in router.commands.values()),
                  tuple(data.examples for data in callback_data().values()), template_samples)


def schedules() -> tuple[Schedule[Any], ...]:
    """Every kind of scheduled message the scheduler carries with `send_due`
    (bot/telegram/due.py), in the order each run sends them; the aftercare week, sent before
    them, has its own loop (bot/telegram/scheduler.py)."""
    return (RecheckReminders(), AppointmentReminders())


def digests() -> tuple[StaffDigest, ...]:
    """Every post the scheduler makes to the staff chat once a day or week, in order."""
    return (agenda.HELD_NUDGE, agenda.UNMARKED_NUDGE, stats.WEEKLY_DIGEST)
