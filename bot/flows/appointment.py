"""A booked client's answer to an appointment reminder: Confirm, Reschedule or Cancel.

The reminder itself is built here too (the scheduler sends it). Each button names the lead and
the appointment time it was sent for, so a button from before the appointment moved, or one
pressed once the appointment has begun, is stale. Confirm marks the lead's card. Cancel, once
the client confirms it, is the client's own cancellation (bot/flows/my_appointment.py): the
time is freed and they may book again at once. Reschedule offers the free slots where the
clinic has them; otherwise it tells the staff chat and stops the remaining reminders until
staff set a new time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Literal

from bot.callbacks import MAX_ID, CallbackData
from bot.content.i18n import N_, format_when
from bot.content.replies import tokens
from bot.content.routing import route
from bot.flows import (
    Button,
    Reply,
    Services,
    StaffPost,
    Turn,
    Visit,
    my_appointment,
    slot_picker,
)
from bot.flows.dates import appointment_day
from bot.flows.menu import MenuAction
from bot.flows.staff import BOOKED, TREATED
from bot.flows.staff.cards import card_post
from bot.flows.typed_text import Typed
from bot.storage import Lead

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.content import Content
    from bot.flows.router import Router

Answer = Literal["confirm", "reschedule", "cancel"]
ANSWERS: tuple[Answer, ...] = ("confirm", "reschedule", "cancel")
LABELS = {"confirm": N_("appointment.confirm"), "reschedule": N_("appointment.reschedule"),
          "cancel": N_("appointment.cancel")}
REPLIES = {"confirm": N_("appointment.confirmed"), "reschedule": N_("appointment.rescheduling"),
           "cancel": N_("appointment.cancelled")}
STAFF_NOTES = {"reschedule": N_("staff.appointment.reschedule"),
               "cancel": N_("staff.appointment.cancel")}
# How far ahead a visit is whose reminder a typed yes answers: the evening-before reminder
# goes out the day before.
REMINDED = timedelta(hours=36)
WORDS_OF_A_YES = 3  # "yes I'll be there": a confirmation with nothing more to pass on


@dataclass(frozen=True)
class AppointmentAnswer(CallbackData, prefix="appt"):
    """A reminder's button: the client's `answer` about lead `lead`'s appointment at `at`
    (seconds since the epoch)."""

    lead: int
    at: int
    answer: Answer

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[AppointmentAnswer]:
        return (cls(MAX_ID, 2**40, answer) for answer in ANSWERS)


def reminder(services: Services, lead: Lead, kind: str, language: str,
             confirmed: bool = False) -> Reply:
    """The evening-before (`eve`) or morning-of reminder, with the three answers; once the
    client said they come (`confirmed`), it asks no more, and offers the other two."""
    assert lead.appointment_at is not None
    # "ваша запись завтра, в пятницу, 11 декабря", "во вторник"
    day, time = appointment_day(services, lead.appointment_at, language, "on")
    text = services.content.render(language, "appointment_reminder.j2",
                                   clinic=services.settings.speaking(language),
                                   kind=kind, date=day, time=time, confirmed=confirmed)
    at = int(lead.appointment_at.timestamp())

    def button(choice: Answer) -> Button:
        return Button(services.content.tr_button_label(language, LABELS[choice]),
                      AppointmentAnswer(lead.id, at, choice).pack())

    others = (button("reschedule"), button("cancel"))
    return Reply(text, (others,) if confirmed else ((button("confirm"),), others))


def held_reminder(services: Services, lead: Lead, language: str) -> Reply:
    """The evening before a time the client holds that the clinic has not confirmed."""
    assert lead.appointment_at is not None
    # "Ваше время на завтра, среду, 9 декабря"
    day, time = appointment_day(services, lead.appointment_at, language, "accusative")
    text = services.content.tr_message(language, "appointment.held_reminder", date=day,
                                       time=time, phone=services.settings.phone)
    mine = Button(services.content.tr_button_label(language, "menu.appointment"),
                  MenuAction("appointment").pack())
    return Reply(text, ((mine,),))


async def answer(visit: Visit, pressed: AppointmentAnswer) -> Turn:
    """A reminder's answer; one pressed once the visit has begun says so (not that the time
    changed: a client running late needs the clinic's phone)."""
    lead = await visit.stores.leads.get(pressed.lead)
    if lead is None:  # erased (/forget) with the client's data
        return Turn([Reply(visit.tr("appointment.gone"))])
    if lead.client.user_id == visit.client.user_id and lead.status == TREATED and (
            lead.appointment_at is not None
            and int(lead.appointment_at.timestamp()) == pressed.at):
        return Turn([Reply(visit.tr("appointment.done"))])  # the visit took place
    if (lead.client.user_id != visit.client.user_id or lead.status != BOOKED
            or lead.appointment_at is None
            or int(lead.appointment_at.timestamp()) != pressed.at):
        return Turn([Reply(visit.tr("appointment.stale"))])
    if lead.appointment_at <= visit.now:
        return Turn([my_appointment.under_way(visit, lead)]) if my_appointment.begun(
            visit, lead) else Turn([my_appointment.ended(visit, lead)])
    if pressed.answer == "cancel":  # asked first; the reminder keeps its buttons meanwhile
        return await my_appointment.ask_cancel(visit, lead, edit=False)
    stores, appointment = visit.stores, lead.appointment_at
    await stores.appointments.answer(lead.id, appointment, pressed.answer, visit.now)
    if pressed.answer == "reschedule" and visit.settings.booking is not None:
        return await slot_picker.days(visit, lead.id)
    if pressed.answer != "confirm":
        await stores.appointments.cancel(lead.id)
    staff = [await card_post(visit.services, lead)]
    if pressed.answer in STAFF_NOTES:
        settings = visit.settings
        when = format_when(appointment, settings.default_language, settings.timezone)
        note = visit.content.tr_message(settings.default_language, STAFF_NOTES[pressed.answer],
                                        id=lead.id, name=lead.client.full_name, when=when)
        staff.append(StaffPost(note, reply_to=lead.staff_message_id, about=lead.client.user_id))
    return Turn([Reply(visit.tr(REPLIES[pressed.answer]))], staff)


async def typed_answer(visit: Visit, text: str) -> Turn | None:
    """A yes or a no typed under a reminder ("yes I'll be there", "да", "can't make it"), a
    request to move it ("перенесите, пожалуйста") or the Confirm button's words: the answer its
    buttons give, Confirm, Reschedule or Cancel (which asks first), for a confirmed visit in
    the next `REMINDED` the client has not answered for yet; another day named ("не смогу, можно
    на понедельник?") opens that day's times to move to. None otherwise, and for health told
    beside it ("yes, but I have a cold sore now")."""
    reader = visit.content.replies[visit.language]
    said = reader.answer(text)
    choice: Answer | None = "reschedule" if reader.moves(text) else "confirm" if (
        said == "yes" or reader.comes(text)
        or _plain(text) == _plain(visit.tr_label(LABELS["confirm"]))
    ) else "cancel" if said == "no" or reader.cancels(text) else None
    if choice is None:
        return None
    lead = await my_appointment.current(visit)
    if (lead is None or lead.status != BOOKED or lead.appointment_at is None
            or not visit.now < lead.appointment_at <= visit.now + REMINDED
            or await visit.stores.appointments.answer_of(lead.id, lead.appointment_at)):
        return None
    found = route(visit.content, visit.services.matchers[visit.language], visit.language, text)
    if found.kind in ("condition", "health"):
        return None
    if choice != "confirm" and (moved := await my_appointment.move_to_day(visit, text)):
        return moved
    turn = await answer(visit, AppointmentAnswer(
        lead.id, int(lead.appointment_at.timestamp()), choice))
    if choice == "confirm" and len(tokens(text)) > WORDS_OF_A_YES:
        # "буду, но могу опоздать минут на 10": the rest is for reception
        wrote = visit.content.tr_message(
            visit.settings.default_language, N_("staff.lead.wrote"), id=lead.id,
            name=lead.client.full_name, text=text.strip()[:slot_picker.NOTE_LIMIT])
        turn += Turn(staff=[StaffPost(wrote, reply_to=lead.staff_message_id,
                                      about=lead.client.user_id)])
    return turn


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold().replace("’", "'")))


def register(router: Router) -> None:
    router.button(AppointmentAnswer)(answer)
    router.typed(Typed.REMINDER_REPLY)(typed_answer)

