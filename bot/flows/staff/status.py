"""Moving a lead through its statuses from the buttons on its card.

Every change is one commit with its history row (who, when) and re-renders the card in place.
"Booked" on a lead whose client picked a free slot confirms that slot; otherwise it first
asks, in the staff chat, for the appointment's date and time: the staff member
replies to that prompt (typed as receptionists write dates, bot/flows/staff/when.py), and the
client gets a confirmation in their own language with the clinic's address, a calendar file
and reminders (bot/flows/staff/booked.py). "Treated" starts the client's aftercare week.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from babel.dates import format_date

from bot.content.i18n import (
    N_,
    format_appointment,
    format_hour,
    format_opening_hours,
    format_when,
)
from bot.flows import ClientPost, Reply, StaffPost, Turn, aftercare, funnel, receipts
from bot.flows.dates import Case, appointment_day
from bot.flows.slots import next_session
from bot.flows.staff import (
    ARCHIVED,
    BOOKED,
    CONTACTED,
    LABELS,
    NEW,
    NEXT,
    OPEN,
    TREATED,
    UNSUITABLE,
    Desk,
    aftercare_desk,
    booked,
    client_language,
    course,
)
from bot.flows.staff.cards import (
    LeadCurrent,
    LeadKept,
    LeadStatus,
    LeadSure,
    LeadUndo,
    card_post,
    undo_button,
)
from bot.flows.staff.when import parse_when
from bot.storage import Lead

if TYPE_CHECKING:
    from bot.flows.router import DeskRouter

log = logging.getLogger(__name__)

# What ends a visit still ahead without it taking place: the client is told it is off.
CALLING_OFF = (UNSUITABLE, ARCHIVED)


def _calls_off(lead: Lead, target: str) -> bool:
    """Whether the change calls off the lead's visit: "Not suitable" or "Archived" on an open
    lead, or "Contacted" on a booked one (the visit off, the request still to follow up: "the
    client will call back to rebook")."""
    return target in CALLING_OFF and lead.status in OPEN or (
        target == CONTACTED and lead.status == BOOKED)


async def press(desk: Desk, pressed: LeadStatus) -> Turn:
    """A status button: `seen` is the status the card showed when it was pressed. A card that is
    out of date (someone else moved the lead first) is only refreshed."""
    seen, target = pressed.seen, pressed.target
    lead = await desk.stores.leads.get(pressed.lead)
    if lead is None:
        return Turn()
    if lead.status != seen or target not in NEXT[lead.status]:
        return Turn(staff=[await card_post(desk.services, lead)])
    if target == BOOKED and lead.status in (NEW, CONTACTED) and lead.appointment_at is not None \
            and lead.appointment_at > desk.now:
        return await change(desk, lead, BOOKED, lead.appointment_at)  # the slot the client held
    if target == BOOKED:
        asked = await desk.stores.booking_prompts.open_of(lead.id)
        return ask_appointment(desk, lead) if asked is None else Turn(staff=[StaffPost(
            desk.tr("staff.booked.asked", id=lead.id), reply_to=asked)])
    if target == TREATED and (_on_a_later_day(desk, lead) or (
            lead.status == NEW and lead.appointment_at is None)):
        return _sure_treated(desk, lead)
    if _calls_off(lead, target) and _ahead(desk, lead):
        return _sure_calling_off(desk, lead, target)
    return await change(desk, lead, target)


def _sure(desk: Desk, lead: Lead, target: str, text: str, yes: str) -> Turn:
    """A change asked about first, with a button that makes it and one that leaves it."""
    buttons = ((desk.tr_button(yes, LeadSure(lead.id, lead.status, target).pack()),
                desk.tr_button("staff.sure.no", LeadKept(lead.id).pack())),)
    return Turn([Reply(text, buttons, about=(lead.client.user_id,))])


def _sure_treated(desk: Desk, lead: Lead) -> Turn:
    """"Treated" before the appointment's day, or on a request with no time that nobody has
    acted on yet, is asked about first: the client is told the procedure is done and their
    aftercare week begins, and no button takes it back."""
    if lead.appointment_at is None:
        text = desk.tr("staff.treated.untouched", id=lead.id, name=lead.client.full_name)
    else:
        when = format_when(lead.appointment_at, desk.language, desk.settings.timezone)
        text = desk.tr("staff.treated.ahead", id=lead.id, name=lead.client.full_name, when=when)
    return _sure(desk, lead, TREATED, text, N_("staff.treated.anyway"))


def _sure_calling_off(desk: Desk, lead: Lead, target: str) -> Turn:
    """"Not suitable" or "Archived" on a lead with a visit ahead is asked about first: the
    client is told at once that the clinic cancelled their visit, which an undo cannot
    unsay."""
    assert lead.appointment_at is not None
    when = format_when(lead.appointment_at, desk.language, desk.settings.timezone)
    text = desk.tr("staff.call_off.ahead", id=lead.id, name=lead.client.full_name, when=when,
                   status=desk.tr_label(LABELS[target]))
    return _sure(desk, lead, target, text, N_("staff.call_off.yes"))


async def sure(desk: Desk, pressed: LeadSure) -> Turn:
    """A change asked about, confirmed; a lead moved meanwhile only refreshes its card."""
    lead = await desk.stores.leads.get(pressed.lead)
    if lead is None:
        return Turn()
    if lead.status != pressed.seen or pressed.target not in NEXT[lead.status]:
        return Turn(staff=[await card_post(desk.services, lead)])
    turn = await change(desk, lead, pressed.target)
    now = await desk.stores.leads.get(lead.id)
    if now is None or now.status != pressed.target:
        return turn
    done = desk.tr("staff.sure.done", id=lead.id, status=desk.tr_label(LABELS[now.status]))
    return Turn([Reply(done, edit=True, about=(lead.client.user_id,))]) + turn


async def kept(desk: Desk, pressed: LeadKept) -> Turn:
    """A change asked about, declined: the question says so, and nothing else happens."""
    lead = await desk.stores.leads.get(pressed.lead)
    if lead is None:
        return Turn()
    text = desk.tr("staff.sure.kept", id=lead.id, status=desk.tr_label(LABELS[lead.status]))
    return Turn([Reply(text, edit=True, about=(lead.client.user_id,))])


def date_example(desk: Desk) -> str:
    """A week from today as the staff's language writes a date (the pattern is in the
    catalog), with a time and a relative day: the forms bot/flows/staff/when.py reads."""
    day = (desk.now + timedelta(days=7)).astimezone(desk.services.settings.timezone)
    pattern = str(desk.tr_label("staff.booked.example_date"))
    return str(desk.tr_label("staff.booked.example",
                             date=format_date(day, pattern, locale=desk.language)))


def ask_appointment(desk: Desk, lead: Lead, *, note: str | None = None,
                    reply_to: int | None = None) -> Turn:
    """Ask for the date and time; a reply to this prompt books the lead."""
    example = date_example(desk)
    ask = desk.tr("staff.booked.ask", id=lead.id, example=example)
    remember = receipts.booking_prompt(lead.id, desk.member.user_id)
    text = f"{note}\n{ask}" if note else ask
    return Turn(staff=[StaffPost(text, remember, reply_to=reply_to or lead.staff_message_id,
                                 ask_reply=example)])


def _open_at(desk: Desk, when: datetime) -> bool:
    """Whether the clinic is open from then until the appointment ends, by
    `[opening_hours]`; always, when none are set."""
    settings = desk.services.settings
    if settings.opening_hours is None:
        return True
    minutes = settings.booking.minutes if settings.booking is not None else \
        desk.services.content.booking.appointment_minutes
    local = when.astimezone(settings.timezone)
    ends = local + timedelta(minutes=minutes)
    span = settings.opening_hours.get(local.weekday())
    return span is not None and span[0] <= local.time() and ends.date() == local.date() and (
        ends.time() <= span[1])


def _reading(desk: Desk, when: datetime) -> str:
    """How the bot read a typed date, with the weekday, so a misreading shows at once."""
    return ", ".join(format_appointment(when, desk.language, desk.services.settings.timezone))


async def seat_for(desk: Desk, lead_id: int, at: datetime) -> bool:
    """Give lead `lead_id` a seat at `at`, a time staff typed (on the slots' grid or not), as
    a client's pick takes one: False when other leads' appointments overlapping it fill every
    seat, or the last seat at that very start goes to someone else first."""
    rules = desk.services.settings.booking
    assert rules is not None
    busy = timedelta(minutes=rules.minutes + rules.buffer_minutes)
    taken = await desk.stores.slots.taken(at - busy, at + busy, OPEN, besides=lead_id)
    return sum(1 for other in taken if other > at - busy) < rules.seats and \
        await desk.stores.slots.hold(lead_id, at, rules.seats, OPEN)


async def appointment_reply(desk: Desk, prompt_id: int, reply_id: int, text: str) -> Turn | None:
    """A staff reply to a booking prompt; None when `prompt_id` is not one. A prompt already
    answered, or whose lead has moved on since, books nothing."""
    prompt = await desk.stores.booking_prompts.lead_of(prompt_id)
    lead = await desk.stores.leads.get(prompt.lead_id) if prompt is not None else None
    if prompt is None or lead is None:
        return None
    if not prompt.open:
        return Turn(staff=[StaffPost(desk.tr("staff.booked.stale", id=lead.id),
                                     reply_to=reply_id)])
    settings = desk.services.settings
    when = parse_when(text, desk.now, settings.timezone)
    if when is None or when <= desk.now or not _open_at(desk, when):
        note = desk.tr("staff.booked.invalid") if when is None else desk.tr(
            "staff.booked.read_as", when=_reading(desk, when)) + " " + (
            desk.tr("staff.booked.past") if when <= desk.now else desk.tr(
                "staff.booked.closed", hours=format_opening_hours(
                    settings.opening_hours or {}, desk.language)))
        await desk.stores.booking_prompts.close(lead.id, desk.now)
        return ask_appointment(desk, lead, note=note, reply_to=reply_id)
    await desk.stores.booking_prompts.close(lead.id, desk.now)
    if BOOKED not in NEXT[lead.status]:
        status = desk.tr_label(LABELS[lead.status])
        return Turn(staff=[StaffPost(desk.tr("staff.booked.too_late", id=lead.id,
                                               status=status), reply_to=reply_id)])
    if lead.status == BOOKED and lead.appointment_at == when:
        # Typed again to check it: no "moved" for the client, nor new reminders.
        return Turn(staff=[StaffPost(desk.tr(
            "staff.booked.unchanged", id=lead.id,
            when=format_when(when, desk.language, settings.timezone)), reply_to=reply_id)])
    if settings.booking is not None and not await seat_for(desk, lead.id, when):
        note = desk.tr("staff.booked.read_as", when=_reading(desk, when)) + " " + desk.tr(
            "staff.booked.full")
        return ask_appointment(desk, lead, note=note, reply_to=reply_id)
    turn = await change(desk, lead, BOOKED, when.astimezone(UTC))
    done = desk.tr("staff.booked.done", id=lead.id,
                     when=format_when(when, desk.language, settings.timezone))
    # Booked inside a time staff blocked (a day off): booked as asked, and said so.
    blocked = [b for b in await desk.stores.slots.blocks(when) if b.starts_at <= when]
    if blocked:
        done += "\n" + desk.tr("staff.booked.in_block", block=blocked[0].id)
    after = await next_session(desk, lead.client.user_id)
    if after is not None and after.treated_on < when.astimezone(settings.timezone).date() < \
            after.first:  # sessions too close together inflame the skin: staff decide, told
        done += "\n" + desk.tr("staff.booked.too_soon", last=format_date(
            after.treated_on, "long", locale=desk.language), first=format_date(
            after.first, "long", locale=desk.language))
    # The client's other visit (booked anew after cancelling, this card an old one): staff
    # would leave two seats and two sets of reminders for one person without a word.
    for other in await desk.stores.leads.of_client(lead.client.user_id):
        if other.id != lead.id and other.status in OPEN and other.appointment_at is not None \
                and other.appointment_at > desk.now:
            done += "\n" + desk.tr("staff.booked.other_visit", id=other.id, when=format_when(
                other.appointment_at, desk.language, settings.timezone))
    return turn + Turn(staff=[StaffPost(done, reply_to=reply_id)])


async def refresh(desk: Desk, pressed: LeadCurrent) -> Turn:
    """The marked current status: nothing to change, the card is drawn again."""
    lead = await desk.stores.leads.get(pressed.lead)
    return Turn(staff=[await card_post(desk.services, lead)]) if lead else Turn()


async def undo(desk: Desk, pressed: LeadUndo) -> Turn:
    """Take back "Not suitable" or "Archived": the lead returns to where it was, its time
    (holding its seat again) and reminders too; nothing else happens again (no second
    aftercare week, no funnel count). A time another lead took meanwhile is not given back:
    staff are told, and a booked lead is asked for a new time."""
    lead = await desk.stores.leads.get(pressed.lead)
    if lead is None:
        return Turn()
    button = await undo_button(desk.services, lead)
    if button is None or button.data != pressed.pack():
        return Turn(staff=[await card_post(desk.services, lead)])
    turn = await change(desk, lead, pressed.back, counted=False)
    at = lead.appointment_at
    if pressed.back not in OPEN or at is None or at <= desk.now:
        return turn
    if desk.services.settings.booking is not None and not await seat_for(desk, lead.id, at):
        await desk.stores.leads.drop_appointment(lead.id)
        back = await desk.stores.leads.get(lead.id)
        assert back is not None
        when = format_when(at, desk.language, desk.services.settings.timezone)
        note = desk.tr("staff.undo.time_taken", id=lead.id, when=when)
        told = ask_appointment(desk, back, note=note) if pressed.back == BOOKED else Turn(
            staff=[StaffPost(note, reply_to=back.staff_message_id)])
        return Turn(staff=[await card_post(desk.services, back)]) + told
    back = await desk.stores.leads.get(lead.id)
    assert back is not None
    if pressed.back == BOOKED:  # confirmed again, with its reminders
        turn.clients.append(await booked.notify_client(desk, back, at, None))
    else:
        turn.clients.append(_told(desk, back, N_("appointment.restored")))
    return turn


def _ahead(desk: Desk, lead: Lead) -> bool:
    return lead.appointment_at is not None and lead.appointment_at > desk.now


def _on_a_later_day(desk: Desk, lead: Lead) -> bool:
    """Whether the appointment is on a day after today, in the clinic's calendar: "Treated"
    pressed then is no procedure done (a visit begun early today is)."""
    tz = desk.settings.timezone
    return lead.appointment_at is not None and (
        lead.appointment_at.astimezone(tz).date() > desk.now.astimezone(tz).date())


def _told(desk: Desk, lead: Lead, msgid: str, *, cancelled: bool = False,
          case: Case = "nominative") -> ClientPost:
    """The client told what the clinic did to their time (called off, or restored), its day in
    the `case` the text needs; a visit `cancelled` that was confirmed comes with the file that
    takes it out of the calendar."""
    services = desk.services
    assert lead.appointment_at is not None
    language = client_language(services, lead.client)
    day, hour = appointment_day(services, lead.appointment_at, language, case)
    text = services.content.tr_message(language, msgid, date=day, time=hour,
                                       phone=services.settings.phone)
    unreachable = StaffPost(services.content.tr_message(
        services.settings.default_language, "staff.client_unreachable", id=lead.id),
        reply_to=lead.staff_message_id)
    document = booked.calendar_file(services, lead, lead.appointment_at, language,
                                    cancelled=True) if cancelled else None
    return ClientPost(lead.client.chat_id, text, undeliverable=unreachable, document=document)


async def change(desk: Desk, lead: Lead, target: str,
                 appointment: datetime | None = None, *, counted: bool = True) -> Turn:
    stores, member = desk.stores, desk.member
    await stores.staff_members.remember(member.user_id, member.name, desk.now)
    if not await stores.leads.change_status(lead.id, lead.status, target, member.user_id,
                                            desk.now, appointment):
        current = await stores.leads.get(lead.id)
        return Turn(staff=[await card_post(desk.services, current)]) if current else Turn()
    if counted and target in (BOOKED, TREATED) and lead.status != target and not any(
            h.new_status == target for h in (await stores.leads.history(lead.id))[:-1]):
        await funnel.record(desk.services, target)  # once a lead: a moved time is no new booking
    await stores.booking_prompts.close(lead.id, desk.now)
    if target != BOOKED:
        await stores.appointments.cancel(lead.id)
    called_off = _calls_off(lead, target) and _ahead(desk, lead)
    if target not in OPEN or called_off:
        await stores.slots.release(lead.id)  # a new time took its seat, giving up the old one
    if called_off and target in OPEN:  # the request stays, without the time
        await stores.leads.drop_appointment(lead.id)
    updated = await stores.leads.get(lead.id)
    assert updated is not None
    await aftercare.follow_visit(desk.services, lead.client.user_id, lead.appointment_at,
                                 updated.appointment_at if updated.status in (*OPEN, TREATED)
                                 else None)
    if target == TREATED and counted:
        await course.on_treated(desk, updated)  # before the card is drawn: it shows the course
    turn = Turn(staff=[await card_post(desk.services, updated)])
    if called_off:
        told = replace(updated, appointment_at=lead.appointment_at)
        turn.clients.append(_told(desk, told, N_("appointment.called_off"),
                                  cancelled=lead.status == BOOKED, case="accusative"))
    if target == BOOKED and appointment is not None:
        before = lead.appointment_at if lead.status == BOOKED else None
        turn.clients.append(await booked.notify_client(desk, updated, appointment, before))
    if target == TREATED and counted:
        if _on_a_later_day(desk, updated) or await desk.stores.clients.stopped(
                updated.client.user_id):  # before the visit's day, or after /stop: asked first
            turn += await aftercare_desk.ask(desk, updated)
        else:
            turn += await start_aftercare(desk, updated)
    return turn


async def start_aftercare(desk: Desk, lead: Lead) -> Turn:
    """Start the client's aftercare week, as the client's own "I had my procedure" does. A
    week the client began before this procedure starts again from it, and they are told."""
    services, user_id = desk.services, lead.client.user_id
    treated = aftercare_desk.treated_at(desk, lead)
    restarted = await aftercare.end_earlier(services, user_id, treated or desk.now)
    started = await aftercare.start_plan(services, user_id, desk.now, treated)
    log.info("lead %s treated; aftercare week %s", lead.id,
             "started again" if restarted else "started" if started else "already running")
    language = client_language(services, lead.client)
    if not restarted:  # the week's beginning, as the client's own button tells it
        plan = await desk.stores.aftercare.active_plan(user_id) if started else None
        return Turn(clients=[ClientPost(lead.client.chat_id, services.content.tr_message(
            language, "aftercare.started_by_clinic", time=format_hour(
                services.settings.nudge_hour, ZoneInfo(plan.timezone), desk.now, language)))]
        ) if plan is not None else Turn()
    day, _ = appointment_day(services, treated or desk.now, language, "accusative")
    return Turn(clients=[ClientPost(lead.client.chat_id, services.content.tr_message(
        language, "aftercare.restarted", date=day))])


def register(desk: DeskRouter) -> None:
    desk.button(LeadStatus)(press)
    desk.button(LeadUndo)(undo)
    desk.button(LeadSure)(sure)
    desk.button(LeadKept)(kept)
    desk.button(LeadCurrent)(refresh)
    desk.replies.append(appointment_reply)
