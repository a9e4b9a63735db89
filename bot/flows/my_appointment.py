""""My appointment" (the menu, `/appointment`, or asking "when is my booking"): the time, the
address and whether the clinic confirmed it, with Reschedule (a new free slot) and Cancel.
While the new slot is picked, typed text is read as in the first booking: a day opens its
times, and the client's words are kept as their note on the card.

Cancel (here or under a reminder) first asks "Cancel your appointment on …?" with "Yes, cancel"
and "Keep it". A cancellation by the client gives the lead a status of its own ("Cancelled by
client"), frees its seat and stops its reminders, so the client can book again at once; staff
see it on the card and get a note."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any, Literal

from markupsafe import Markup

from bot.callbacks import MAX_ID, Between, CallbackData
from bot.content.i18n import N_, format_appointment, format_when
from bot.flows import Button, Reply, StaffPost, Turn, Visit, aftercare, slot_picker
from bot.flows.dates import appointment_day
from bot.flows.days import AskedDay
from bot.flows.menu import MenuAction
from bot.flows.slot_picker import SlotTime
from bot.flows.slots import is_free
from bot.flows.staff import BOOKED, CLIENT_CANCELLED, NEW, OPEN, booked
from bot.flows.staff.cards import card_post
from bot.storage import Lead

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.content import Content
    from bot.flows.router import Router

Action = Literal["reschedule", "cancel"]
CANCEL_ASKED = "appointment_cancel_asked"


@dataclass(frozen=True)
class MyBooking(CallbackData, prefix="mine"):
    """A button under "My appointment": `action` on lead `lead`'s appointment at `at`."""

    lead: int
    at: int
    action: Action

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[MyBooking]:
        return (cls(MAX_ID, 2**40, action) for action in ("reschedule", "cancel"))


@dataclass(frozen=True)
class CancelChoice(CallbackData, prefix="cxl"):
    """The answer to "Cancel your appointment on …?" about lead `lead`'s appointment at `at`
    (seconds since the epoch): `yes` cancels it, `no` keeps it."""

    lead: int
    at: Annotated[int, Between(0, 2**40)]
    sure: Literal["yes", "no"]

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[CancelChoice]:
        return (cls(MAX_ID, 2**40, sure) for sure in ("yes", "no"))


def upcoming(visit: Visit, lead: Lead) -> bool:
    """Whether the lead has an appointment still ahead that the client may see and change."""
    return (lead.status in OPEN and lead.appointment_at is not None
            and lead.appointment_at > visit.now)


def begun(visit: Visit, lead: Lead) -> bool:
    """Whether the lead's appointment has begun and not yet ended (`appointment_minutes`)."""
    at, length = lead.appointment_at, timedelta(
        minutes=visit.content.booking.appointment_minutes)
    return lead.status in OPEN and at is not None and at <= visit.now < at + length


def over(visit: Visit, lead: Lead) -> bool:
    """Whether the lead's appointment has ended while the lead is still open: a visit staff
    never marked, or one the client missed. It no longer stands in the way of a new one."""
    at, length = lead.appointment_at, timedelta(
        minutes=visit.content.booking.appointment_minutes)
    return lead.status in OPEN and at is not None and at + length <= visit.now


def ended(visit: Visit, lead: Lead) -> Reply:
    """A reminder's button pressed once its visit is over: when it was, and how to come again."""
    assert lead.appointment_at is not None
    day, hour = appointment_day(visit.services, lead.appointment_at, visit.language)
    book = (visit.tr_button("menu.booking", MenuAction("booking").pack()),)
    menu = (visit.tr_button("button.menu", MenuAction("menu").pack()),)
    return Reply(visit.tr("appointment.over", date=day, time=hour), (book, menu))


async def current(visit: Visit) -> Lead | None:
    """The client's appointment still ahead, or under way."""
    leads = await visit.stores.leads.of_client(visit.client.user_id)
    return next((lead for lead in reversed(leads)
                 if upcoming(visit, lead) or begun(visit, lead)), None)


def under_way(visit: Visit, lead: Lead) -> Reply:
    """A visit begun: nothing left to move or cancel, the time and how to reach the clinic."""
    assert lead.appointment_at is not None
    _, hour = appointment_day(visit.services, lead.appointment_at, visit.language)
    menu = (visit.tr_button("button.menu", MenuAction("menu").pack()),)
    return Reply(visit.tr("appointment.begun", time=hour, phone=visit.settings.phone), (menu,))


async def show(visit: Visit) -> Turn:
    lead = await current(visit)
    menu = (visit.tr_button("button.menu", MenuAction("menu").pack()),)
    if lead is None:
        book = (visit.tr_button("menu.booking", MenuAction("booking").pack()),)
        return Turn([Reply(visit.tr("my_appointment.none"), (book, menu))])
    if begun(visit, lead):
        return Turn([under_way(visit, lead)])
    assert lead.appointment_at is not None
    settings = visit.settings
    day, hour = format_appointment(lead.appointment_at, visit.language, settings.timezone)
    at = int(lead.appointment_at.timestamp())
    actions = []
    if settings.booking is not None:
        actions.append(visit.tr_button("appointment.reschedule",
                                       MyBooking(lead.id, at, "reschedule").pack()))
    actions.append(visit.tr_button("appointment.cancel", MyBooking(lead.id, at, "cancel").pack()))
    text = visit.render("my_appointment.j2", date=day, time=hour,
                        confirmed=lead.status == BOOKED)
    return Turn([Reply(text, (tuple(actions), menu))])


async def move_to_day(visit: Visit, text: str) -> Turn | None:
    """A day asked for with a visit booked ("а можно в четверг вечером?", "move it to next
    tuesday"): the visit, then the free times of that day to move it to, as Reschedule would
    show them. None without a visit ahead, a day named or free slots to pick."""
    lead = await current(visit)
    if (lead is None or not upcoming(visit, lead) or visit.settings.booking is None
            or lead.appointment_at is None):
        return None
    # "i cant come saturday", the visit's own day, is no day to move to; "не смогу завтра,
    # перенесите на четверг": the other day named is.
    own = lead.appointment_at.astimezone(visit.settings.timezone).date()
    starts = visit.content.replies[visit.language].clause_starts(text)
    wished = next((text[start:] for start, end in zip(starts, [*starts[1:], len(text)],
                                                       strict=True) if (
        asked := slot_picker.asked_day(visit, text[start:end])) is not None
        and asked.day != own), None)  # from that part on: "…on monday, after 5pm"
    if wished is None:
        return None
    return await show(visit) + await slot_picker.typed(visit, lead.id, wished,
                                                       visit.tr("appointment.move_to"))


async def still_ahead(visit: Visit, lead_id: int, at: int) -> Lead | Turn:
    """The client's lead whose appointment a button named (at `at`, seconds since the epoch),
    still ahead at that time; otherwise the kind answer to an old button: what happened to it,
    and the client's appointment as it is now."""
    lead = await visit.stores.leads.get(lead_id)
    when = lead.appointment_at if lead is not None else None
    if (lead is not None and when is not None and lead.client.user_id == visit.client.user_id
            and upcoming(visit, lead) and int(when.timestamp()) == at):
        return lead
    mine = lead is not None and lead.client.user_id == visit.client.user_id
    if mine and lead is not None and when is not None and int(when.timestamp()) == at \
            and begun(visit, lead):
        return Turn([under_way(visit, lead)])
    gone = mine and lead is not None and lead.status == CLIENT_CANCELLED
    note = visit.tr(N_("appointment.already_cancelled") if gone else N_("appointment.stale"))
    return Turn([Reply(note)]) + await show(visit)


async def pressed(visit: Visit, data: MyBooking) -> Turn:
    lead = await still_ahead(visit, data.lead, data.at)
    if isinstance(lead, Turn):
        return lead
    if data.action == "cancel":
        return await ask_cancel(visit, lead, edit=True)
    return await slot_picker.days(visit, lead.id, edit=True)


async def ask_cancel(visit: Visit, lead: Lead, *, edit: bool) -> Turn:
    """"Cancel your appointment on Thursday, 3 December, at 15:00?": Yes, cancel / Keep it,
    and Reschedule where clients pick their times (one who cannot come may want another);
    a yes or no typed answers it too (`typed_cancel`)."""
    assert lead.appointment_at is not None
    day, hour = appointment_day(visit.services, lead.appointment_at, visit.language,
                                "accusative")
    at = int(lead.appointment_at.timestamp())
    await visit.stores.chat_states.save(visit.client.user_id, CANCEL_ASKED,
                                        {"lead": lead.id, "at": at}, visit.now)
    buttons: tuple[tuple[Button, ...], ...] = ((
        visit.tr_button("appointment.cancel_yes", CancelChoice(lead.id, at, "yes").pack()),
        visit.tr_button("appointment.keep", CancelChoice(lead.id, at, "no").pack())),)
    if visit.settings.booking is not None:
        buttons += ((visit.tr_button("appointment.reschedule",
                                     MyBooking(lead.id, at, "reschedule").pack()),),)
    return Turn([Reply(visit.tr("appointment.cancel_ask", date=day, time=hour), buttons,
                       edit=edit)])


async def cancel_chosen(visit: Visit, data: CancelChoice) -> Turn:
    state = await visit.stores.chat_states.get(visit.client.user_id)
    if state is not None and state.state == CANCEL_ASKED:
        await visit.stores.chat_states.clear(visit.client.user_id)
    lead = await still_ahead(visit, data.lead, data.at)
    if isinstance(lead, Turn):
        return lead
    if data.sure == "yes":
        return await cancel(visit, lead)
    assert lead.appointment_at is not None
    day, hour = appointment_day(visit.services, lead.appointment_at, visit.language)
    return Turn([Reply(visit.tr("appointment.kept", date=day, time=hour), edit=True)])


async def typed_cancel(visit: Visit, text: str, data: dict[str, Any]) -> Turn | None:
    """A yes or no typed to "Cancel your appointment on …?" answers it as its buttons do
    ("да" had got "👍 How can I help?", the time still held); anything else lets the question
    lapse, and is answered as usual."""
    await _leave_cancel(visit, data)
    answer = visit.content.replies[visit.language].answer(text)
    if answer not in ("yes", "no"):
        return None
    turn = await cancel_chosen(visit, CancelChoice(int(data["lead"]), int(data["at"]),
                                                   "yes" if answer == "yes" else "no"))
    return Turn([replace(r, edit=False) for r in turn.replies], turn.staff, turn.clients)


async def _leave_cancel(visit: Visit, data: dict[str, Any]) -> None:
    await visit.stores.chat_states.clear(visit.client.user_id)


async def cancel(visit: Visit, lead: Lead) -> Turn:
    """The client confirmed: their own status on the lead, the seat freed, the reminders
    gone; the question is replaced by the answer."""
    stores = visit.stores
    if not await stores.leads.change_status(lead.id, lead.status, CLIENT_CANCELLED,
                                            visit.client.user_id, visit.now):
        return await show(visit)
    await stores.appointments.cancel(lead.id)
    await stores.booking_prompts.close(lead.id, visit.now)
    await stores.slots.release(lead.id)
    await aftercare.follow_visit(visit.services, lead.client.user_id, lead.appointment_at, None)
    updated = await stores.leads.get(lead.id)
    assert updated is not None
    book = (visit.tr_button("my_appointment.book_again", MenuAction("booking").pack()),)
    staff = [await card_post(visit.services, updated)]
    if lead.appointment_at is not None:
        staff.append(_staff_note(visit, lead, N_("staff.appointment.cancel"),
                                 when=_staff_when(visit, lead.appointment_at)))
    replies = [Reply(visit.tr("appointment.cancelled"), (book,), edit=True)]
    if lead.status == BOOKED and lead.appointment_at is not None:  # its calendar file was sent
        replies.append(Reply("", document=booked.calendar_file(
            visit.services, lead, lead.appointment_at, visit.language, cancelled=True)))
    return Turn(replies, staff)


async def move(visit: Visit, pressed: SlotTime) -> Turn:
    """A new free slot for the client's appointment. A confirmed one stays confirmed only where
    slots are confirmed at once; otherwise staff confirm the new time as they did the first."""
    lead = await visit.stores.leads.get(pressed.lead)
    rules = visit.settings.booking
    if (rules is None or lead is None or lead.client.user_id != visit.client.user_id
            or not upcoming(visit, lead) or lead.appointment_at is None):
        return Turn([Reply(visit.tr("appointment.stale"))])
    at, before = slot_picker.picked(pressed), lead.appointment_at
    asked = AskedDay(at.astimezone(visit.settings.timezone).date())
    if not await is_free(visit, at) or not await visit.stores.slots.hold(
            lead.id, at, rules.seats, OPEN):
        return await slot_picker.times(visit, lead.id, asked, note=slot_picker.gone(visit, at),
                                       edit=True)
    await visit.stores.chat_states.clear(visit.client.user_id)  # moved: the picker is done
    if lead.note:
        await visit.stores.leads.set_note(lead.id, slot_picker.settled(visit, lead.note))
    # A new date staff were asked for meanwhile is out of date: the client chose one.
    await visit.stores.booking_prompts.close(lead.id, visit.now)
    turn = Turn()
    if lead.status == BOOKED and not rules.auto_confirm:
        await visit.stores.leads.change_status(lead.id, BOOKED, NEW, visit.client.user_id,
                                               visit.now)
        await visit.stores.appointments.cancel(lead.id)
    updated = await visit.stores.leads.get(lead.id)
    assert updated is not None
    if updated.status == BOOKED:
        turn.clients.append(await booked.notify_client(visit, updated, at, before))
    else:
        await booked.plan_held(visit, updated.id, at)
    day, hour = format_appointment(at, visit.language, visit.settings.timezone)
    confirmed = updated.status == BOOKED
    reply = Reply(visit.tr(N_("slots.confirmed") if confirmed else N_("slots.held"), date=day,
                           time=hour), edit=True)
    note = _staff_note(visit, lead, N_("staff.appointment.moved"),
                       before=_staff_when(visit, before), when=_staff_when(visit, at))
    return Turn([reply], [await card_post(visit.services, updated), note]) + turn


async def typed_while_moving(visit: Visit, text: str, data: dict[str, Any]) -> Turn | None:
    """Text typed at a move's picker, read as the first booking reads it
    (booking.remind_time); None, routed as usual, once the appointment is gone."""
    lead = await visit.stores.leads.get(int(data.get("lead", 0)))
    if (visit.settings.booking is None or lead is None
            or lead.client.user_id != visit.client.user_id or not upcoming(visit, lead)):
        await _leave_move(visit, data)
        return None
    reader, shown = visit.content.replies[visit.language], data.get(slot_picker.SHOWN)
    if reader.resumes(text):
        return await slot_picker.typed(visit, lead.id, text, visit.tr("resume.here"))
    if (at := await slot_picker.typed_slot(visit, text, None, shown)) is not None:
        return await move(visit, SlotTime(lead.id, int(at.timestamp())))  # as its button
    if reader.asks_cancel(text) or reader.cancels(text):
        return await ask_cancel(visit, lead, edit=False)  # "можно отменить запись?"
    if reader.affirms(text) or reader.answer(text) in ("yes", "no"):
        # "yes" at the times: nothing for the clinic; the same times, and how to choose
        return await slot_picker.typed(visit, lead.id, text, visit.tr("slots.pick_below"),
                                       None, shown)
    if slot_picker.unread(visit, text):  # "99", "31.02", "😀": no day read, and no note
        note = visit.tr("slots.unread", text=text.strip()[:slot_picker.NOTE_LIMIT])
        return await slot_picker.typed(visit, lead.id, text, note, None, shown)
    if await slot_picker.impossible_day(visit, text):  # closed, past: why, and the days
        return await slot_picker.typed(visit, lead.id, text, Markup(), None, shown)
    await visit.stores.leads.set_note(lead.id, slot_picker.with_note(visit, lead.note, text))
    noted = await visit.stores.leads.get(lead.id)
    assert noted is not None
    note = visit.tr("booking.noted", note=text.strip()[:slot_picker.NOTE_LIMIT])
    return await slot_picker.typed(visit, lead.id, text, note, lead.note, shown) + Turn(
        staff=[await card_post(visit.services, noted)])


async def _leave_move(visit: Visit, data: dict[str, Any]) -> None:
    await visit.stores.chat_states.clear(visit.client.user_id)


def _staff_when(visit: Visit, at: datetime) -> str:
    settings = visit.settings
    return format_when(at, settings.default_language, settings.timezone)


def _staff_note(visit: Visit, lead: Lead, msgid: str, **values: str) -> StaffPost:
    text = visit.content.tr_message(visit.settings.default_language, msgid, id=lead.id,
                                    name=lead.client.full_name, **values)
    return StaffPost(text, reply_to=lead.staff_message_id, about=lead.client.user_id)


def register(router: Router) -> None:
    router.command("appointment", N_("command.appointment"))(lambda v, _: show(v))
    router.menu_action("appointment")(show)
    router.button(MyBooking)(pressed)
    router.button(CancelChoice)(cancel_chosen)
    router.state(CANCEL_ASKED, leave=_leave_cancel)(typed_cancel)
    router.state(slot_picker.MOVING, leave=_leave_move)(typed_while_moving)
