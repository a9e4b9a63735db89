"""Lead hand-off: contact (shared phone, typed phone or username), preferred time, tips, then a
lead card in the staff chat (with its status buttons, bot/flows/staff/cards.py) and a
confirmation with the clinic's contacts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from markupsafe import Markup

from bot.callbacks import CallbackData
from bot.clock import is_quiet
from bot.content.i18n import N_, format_appointment
from bot.content.routing import opens_question, route, tells_health
from bot.flows import (
    Reply,
    StaffPost,
    Turn,
    Visit,
    consent,
    funnel,
    health,
    health_kept,
    my_appointment,
    phones,
    slot_picker,
)
from bot.flows.days import AskedDay
from bot.flows.eligibility import TOLD, evaluate, told
from bot.flows.menu import MenuAction, main_menu
from bot.flows.outcome import outcome_reply
from bot.flows.slot_picker import PreferredTime, SlotTime
from bot.flows.slots import is_free, next_session
from bot.flows.staff import BOOKED, CALL_BACK, LEFT, NEW, OPEN, booked, cards
from bot.storage import Lead, ScreeningRecord

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.content import Content
    from bot.flows.router import Router

CONTACT, TIME = "booking_contact", slot_picker.PICKING
# How long a booking may wait at the choice of time, the client's contact given, before the
# request goes to staff as one to call back (`handed_over`): enough to check a calendar.
LEFT_AFTER = timedelta(hours=1)
_USERNAME = re.compile(r"^@?([A-Za-z][A-Za-z0-9_]{4,31})$")
# What typed at the time picker is answered, not kept as a note: health and the clinic's
# details, and a topic asked about (`_asks`); a wish to be called is the note the picker keeps.
ANSWERED = frozenset(("condition", "health", "logistics", "appointment"))


@dataclass(frozen=True)
class SamePhone(CallbackData, prefix="same_phone"):
    """Book with the number given for an earlier request (`begin` offers it)."""

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[SamePhone]:
        return (cls(),)


async def _recent_screening(visit: Visit) -> ScreeningRecord | None:
    record = await visit.stores.screenings.last_finished(visit.client.user_id)
    if record is None or record.finished_at is None:
        return None
    valid = timedelta(days=visit.content.booking.screening_valid_days)
    return await with_told(visit, record) if visit.now - record.finished_at <= valid else None


async def with_told(visit: Visit, record: ScreeningRecord) -> ScreeningRecord:
    """The check a booking rests on, counting health the client told since it finished ("just
    found out I'm pregnant", typed at the menu or at the phone prompt): a specialist decides,
    and the lead card says what the check says."""
    said = await visit.stores.clients.take_health_told(visit.client.user_id) \
        if record.outcome is not None else None
    if said is None:
        return record
    answer = told(said, record.answers.get(TOLD))
    counted = record.answered(TOLD, answer)
    verdict = evaluate(visit.content.screening, counted.answers)
    await visit.stores.screenings.told_after(record.id, TOLD, answer, verdict.outcome, visit.now)
    return replace(counted, outcome=verdict.outcome)


async def _open_lead(visit: Visit) -> Lead | None:
    """The client's request still with the clinic, its visit not over."""
    return next((lead for lead in reversed(
        await visit.stores.leads.of_client(visit.client.user_id))
        if lead.status in OPEN and not my_appointment.over(visit, lead)), None)


async def waiting(visit: Visit) -> bool:
    """Whether the client's request is with the clinic and no time is booked for it yet."""
    lead = await _open_lead(visit)
    return lead is not None and not my_appointment.upcoming(visit, lead)


async def told_since(visit: Visit) -> Turn:
    """Health told once a request is made ("I forgot to say I'm pregnant"): the check it rests
    on counts it, its card says so and staff are told, before the visit, each time it adds to
    what they know; the client hears that the clinic knows. Nothing where no request is
    open."""
    lead = await _open_lead(visit)
    record = await visit.stores.screenings.get(lead.screening_id) \
        if lead is not None and lead.screening_id else None
    if lead is None or record is None or record.outcome is None:
        return Turn()
    known = record.answers.get(TOLD)
    told = await with_told(visit, record)
    if told is record:
        return Turn()
    if told.answers[TOLD] == known:
        return Turn([Reply(visit.tr("booking.told_after"))])
    await visit.stores.leads.set_outcome(lead.id, told.outcome or lead.outcome)
    updated = await visit.stores.leads.get(lead.id)
    assert updated is not None
    note = visit.content.tr_message(visit.settings.default_language, N_("staff.lead.told"),
                                    id=lead.id, name=lead.client.full_name)
    return Turn([Reply(visit.tr("booking.told_after"))], [
        await cards.card_post(visit.services, updated),
        StaffPost(note, reply_to=lead.staff_message_id, about=lead.client.user_id)])


async def rechecked(visit: Visit, screening_id: int, outcome: str) -> Turn:
    """The check taken again while a request is open ("pregnant: yes" after booking): the
    request rests on it now, its card shows it, and staff are told where its outcome is not
    the one they had. Nothing where no request is open."""
    lead = await _open_lead(visit)
    if lead is None or lead.screening_id == screening_id:
        return Turn()
    await visit.stores.leads.rest_on(lead.id, screening_id, outcome)
    updated = await visit.stores.leads.get(lead.id)
    assert updated is not None
    posts = [await cards.card_post(visit.services, updated)]
    if outcome != lead.outcome:
        staff = visit.settings.default_language
        title = visit.content.screening.outcome(outcome).title
        posts.append(StaffPost(visit.content.tr_message(
            staff, N_("staff.lead.rechecked"), id=lead.id, name=lead.client.full_name,
            outcome=visit.content.tr_button_label(staff, title)),
            reply_to=lead.staff_message_id, about=lead.client.user_id))
    return Turn([], posts)


async def begin(visit: Visit, text: str | None = None) -> Turn:
    """Book a consultation after a recent check; a client with an appointment sees it, and one
    whose request is still open is told so instead of leaving a second one; a request whose
    visit is over, unmarked, does not stand in the way. `text` is what the client typed to ask
    ("for Saturday"): kept for staff, and its day opened first."""
    open_lead = await _open_lead(visit)
    if open_lead is not None and my_appointment.upcoming(visit, open_lead):
        return await my_appointment.move_to_day(visit, text or "") or await my_appointment.show(
            visit)
    if open_lead is not None and text and not visit.client.unreachable_at:
        # "ok sorry, 3pm Friday is great", back after the request went to staff: theirs too.
        wrote = visit.content.tr_message(
            visit.settings.default_language, N_("staff.lead.wrote"), id=open_lead.id,
            name=open_lead.client.full_name, text=text.strip()[:slot_picker.NOTE_LIMIT])
        return main_menu(visit, note=visit.tr("booking.already_open_passed", id=open_lead.id)) \
            + Turn(staff=[StaffPost(wrote, reply_to=open_lead.staff_message_id,
                                    about=open_lead.client.user_id)])
    if open_lead is not None:
        return main_menu(visit, note=visit.tr("booking.already_open", id=open_lead.id))
    record = await _recent_screening(visit)
    if record is None:
        note = Reply(visit.tr("booking.screen_first"))
        return Turn([note]) + await consent.begin(visit)
    outcome = visit.content.screening.outcome(record.outcome or "")
    if not outcome.book:
        verdict = evaluate(visit.content.screening, record.answers)
        return Turn([Reply(visit.tr("booking.not_now")), outcome_reply(visit, verdict)])
    asked = {"note": text.strip()[:slot_picker.NOTE_LIMIT]} if text else {}
    data = {"screening_id": record.id, **asked}
    await visit.stores.chat_states.save(visit.client.user_id, CONTACT, data, visit.now)
    soon = await _too_soon(visit)
    known = await visit.stores.leads.latest_phone(visit.client.user_id)
    if known is None:
        return Turn([ask_contact(visit, note=soon)])
    shown = phones.for_staff(known, phones.clinic_region(visit.settings)) or known
    same = visit.tr_button("booking.same_phone", SamePhone().pack(), phone=shown)
    return Turn([ask_contact(visit, note=soon),
                 Reply(visit.tr("booking.same_phone_offer"), ((same,),))])


async def _too_soon(visit: Visit) -> str | None:
    """Said when the client's next session cannot be yet (`next_session`): why the days
    offered start later. Staff see the last procedure's day on the card."""
    after = await next_session(visit, visit.client.user_id)
    if after is None or visit.now.astimezone(visit.settings.timezone).date() >= after.first:
        return None
    return visit.tr("booking.too_soon", date=slot_picker.first_day(visit, after.treated_on),
                    first=slot_picker.first_day(visit, after.first))


async def same_phone(visit: Visit, _: SamePhone) -> Turn | None:
    """The number of the client's earlier request, read again as pressed (with no booking
    waiting for a contact, an old button, it is said so)."""
    known = await visit.stores.leads.latest_phone(visit.client.user_id)
    return await _contact(visit, phone=known, username=None) if known else None


async def again(visit: Visit, note: str) -> Turn | None:
    """What an open booking waits for, shown again under why the client's message was not
    understood (a sticker, an edit, an old button); None when no booking is open."""
    state = await visit.stores.chat_states.get(visit.client.user_id)
    if state is None or state.state not in (CONTACT, TIME):
        return None
    said = visit.tr(note)
    if state.state == CONTACT:
        return Turn([ask_contact(visit, note=said)])
    if visit.settings.booking is not None:
        return await slot_picker.days(visit, note=said)
    return Turn([ask_time(visit, said)])


def ask_time(visit: Visit, note: str | None = None) -> Reply:
    """When staff should call, where the clinic has no free slots to pick (under `note`)."""
    rows = tuple((visit.tr_button(t.label, PreferredTime(t.id).pack()),)
                 for t in visit.content.booking.preferred_times)
    text = visit.tr("booking.ask_time")
    return Reply(f"{note}\n\n{text}" if note else text, rows)


def ask_contact(visit: Visit, *, note: str | None = None) -> Reply:
    text = visit.tr("booking.ask_contact")
    if visit.client.username:
        text += "\n\n" + visit.tr("booking.or_username", username=visit.client.username)
    return Reply(f"{note}\n\n{text}" if note else text,
                 contact_button=visit.tr_label("booking.share_phone"))


async def contact_shared(visit: Visit, phone: str) -> Turn:
    """The client's own contact card: its number is checked like a typed one."""
    number = phones.shared(phone)
    if number is None:
        return await _ask_again(visit, visit.tr("booking.contact_invalid"))
    return await _contact(visit, phone=number, username=None)


async def contact_typed(visit: Visit, text: str) -> Turn | None:
    """A phone number (alone, or in a sentence whose other words are kept as the client's
    note) or an explicit @username typed while the contact is awaited; a question or a health
    statement ("oh, I forgot: I'm pregnant, is that ok?") is answered as anywhere else (None:
    the typed-text handlers answer it) and the contact is still awaited; a bare word ("hello",
    "Maria") is no contact, so it is explained and asked again."""
    value = text.strip()
    found = phones.within(value, phones.clinic_region(visit.settings))
    if found and phones.is_clinics(found[0], visit.settings):
        return Turn([ask_contact(visit, note=visit.tr("booking.contact_clinic"))])
    if found:
        return await _contact(visit, phone=found[0], username=None, said=visit.content.replies[
            visit.language].beside_a_number(found[1]))
    if (m := _USERNAME.match(value)) and value.startswith("@"):
        return await _contact(visit, phone=None, username=m.group(1))
    if _asks(visit, text, contact=True):
        return None
    invalid = N_("booking.contact_invalid")
    return Turn([ask_contact(visit, note=visit.tr(_note(visit, text, invalid)))])


def _note(visit: Visit, text: str, otherwise: str) -> str:
    """"Where was I" is told where; anything else gets `otherwise`."""
    return N_("resume.here") if visit.content.replies[visit.language].resumes(text) \
        else otherwise


async def _contact(visit: Visit, phone: str | None, username: str | None,
                   said: str = "") -> Turn:
    """The contact taken; `said`, the client's words beside it, joins their note."""
    state = await visit.stores.chat_states.get(visit.client.user_id)
    if state is None or state.state != CONTACT:
        return main_menu(visit, note=visit.tr("booking.contact_unexpected"))
    data = {**state.data, "phone": phone, "username": username}
    thanks = visit.tr("booking.contact_received")
    if said:
        data["note"] = slot_picker.with_note(visit, data.get("note"), said)
        thanks += "\n\n" + visit.tr("booking.noted", note=said[:slot_picker.NOTE_LIMIT])
        if told := await _health_beside(visit, said):  # "…, i have rosacea"
            thanks += "\n\n" + told
    await visit.stores.chat_states.save(visit.client.user_id, TIME, data, visit.now)
    received = Reply(thanks, remove_keyboard=True)
    if visit.settings.booking is not None:
        asked = slot_picker.asked_day(visit, data.get("note") or "")
        picker = await (slot_picker.times(visit, 0, asked) if asked
                        else slot_picker.days(visit))
        return Turn([received]) + picker
    return Turn([received, ask_time(visit)])


async def time_chosen(visit: Visit, time_id: str) -> Turn | None:
    """None when the button is stale (no booking in progress) or forged."""
    times = {t.id: t for t in visit.content.booking.preferred_times}
    state = await visit.stores.chat_states.get(visit.client.user_id)
    if time_id not in times or state is None or state.state != TIME:
        return None
    made = await _request(visit, state.data, time_id)
    if made is None:
        return None
    record, card = made
    # With free times on offer, "any" is "📞 none suits me: call me", not "any time is fine".
    chosen = Reply(visit.tr("booking.call_back_chosen") if time_id == CALL_BACK and (
        visit.settings.booking is not None) else visit.tr(
        "booking.time_chosen",  # a button's label inside a sentence
        time=visit.tr_label(times[time_id].label).lower()), edit=True)
    done = Reply(visit.render("booking_done.j2"),
                 ((visit.tr_button("button.menu", MenuAction("menu").pack()),),))
    return Turn([chosen, _tips(visit, record), done], [card])


async def handed_over(visit: Visit) -> Turn | None:
    """A booking the client left at the choice of time, their contact given, `LEFT_AFTER`
    ago: the request goes to staff as one to call back, with whatever the client typed for
    them ("any weekday after 5 works for me", which they were told was noted for the clinic),
    and the client is told. None when it is not left (a time chosen, the client back at it
    lately), or the hour is quiet for the client: a later run hands it over."""
    state = await visit.stores.chat_states.get(visit.client.user_id)
    if state is None or state.state != TIME or state.since is None or (
            visit.now - state.since < LEFT_AFTER):
        return None
    settings = visit.settings
    tz = ZoneInfo(visit.client.timezone) if visit.client.timezone else settings.timezone
    if is_quiet(visit.now, tz, settings.quiet_start, settings.quiet_end):
        return None
    made = await _request(visit, state.data, LEFT)
    if made is None:  # the check it rested on is gone: nothing to hand over
        await visit.stores.chat_states.clear(visit.client.user_id)
        return None
    return Turn([Reply(visit.tr("booking.handed_over"),
                       ((visit.tr_button("button.menu", MenuAction("menu").pack()),),))],
                [made[1]])


async def _request(visit: Visit, data: dict[str, Any], time_id: str
                   ) -> tuple[ScreeningRecord, StaffPost] | None:
    """The lead made from the booking's `data` with a preferred time (no slot held): the check
    it rests on and the card for staff; None when that check is gone."""
    record = await visit.stores.screenings.get(int(data["screening_id"]))
    record = await with_told(visit, record) if record is not None else None
    if record is None or record.outcome is None:
        return None
    lead_id = await visit.stores.leads.create(
        user_id=visit.client.user_id, screening_id=record.id, outcome=record.outcome,
        phone=data.get("phone"), contact_username=data.get("username"),
        preferred_time=time_id, now=visit.now, note=data.get("note"),
    )
    lead = await visit.stores.leads.get(lead_id)
    assert lead is not None
    await funnel.record(visit.services, funnel.LEAD)
    await visit.stores.clients.resume(visit.client.user_id)  # booked again: reminders wanted
    return record, await cards.card_post(visit.services, lead)


def _tips(visit: Visit, record: ScreeningRecord) -> Reply:
    """Before the visit: the season, and what else the template says for the conditions the
    client declared (no period to plan around in a pregnancy)."""
    month = visit.now.astimezone(visit.settings.timezone).month
    declared = {c.id for c in evaluate(visit.content.screening, record.answers).conditions}
    return Reply(visit.render(
        "booking_tips.j2", declared=declared,
        good_season=month in visit.content.booking.season_months[visit.settings.hemisphere]))


async def remind_time(visit: Visit, text: str, data: dict[str, Any]) -> Turn | None:
    """Text typed while the time is awaited: a day opens that day's slots; a question or a
    health statement is answered as anywhere else (None: the typed-text handlers answer it),
    and the booking keeps waiting; anything else is kept as the client's note for staff, and
    the choice asked again."""
    reader = visit.content.replies[visit.language]
    # "could you just give me a ring?": a question in its words, the call-me button in effect
    calls = reader.calls_back(text) and CALL_BACK in {
        t.id for t in visit.content.booking.preferred_times}
    if not calls and _asks(visit, text) and (
            slot_picker.asked_day(visit, text) is None or _question(visit, text)):
        return None  # answered as anywhere else; `still_open` follows
    # "в четверг после 18, и кстати у меня эпилепсия": the request rests on a check that
    # counts it.
    told = await _health_beside(visit, text)
    heard = Turn([Reply(told)]) if told else Turn()
    if calls:
        kept = slot_picker.with_note(visit, data.get("note"), text)
        await visit.stores.chat_states.save(visit.client.user_id, TIME, {**data, "note": kept},
                                            visit.now)
        chosen = await time_chosen(visit, CALL_BACK)  # as "📞 call me" does
        return heard + chosen if chosen is not None else None
    if visit.settings.booking is not None and (at := await slot_picker.typed_slot(
            visit, text, data.get("note"), data.get(slot_picker.SHOWN))) is not None:
        chosen = await slot_chosen(visit, SlotTime(0, int(at.timestamp())))  # as its button
        return heard + chosen if chosen is not None else None
    if reader.resumes(text):
        note = visit.tr("resume.here")
    elif slot_picker.unread(visit, text):  # "99", "31.02", "😀": no day read, and no note
        note = visit.tr("slots.unread", text=text.strip()[:slot_picker.NOTE_LIMIT])
    elif visit.settings.booking is not None and await slot_picker.impossible_day(visit, text):
        note = Markup()  # "в воскресенье", closed: why, and the days; nothing for staff
    else:
        kept = slot_picker.with_note(visit, data.get("note"), text)
        await visit.stores.chat_states.save(visit.client.user_id, TIME, {**data, "note": kept},
                                            visit.now)
        note = visit.tr("booking.noted", note=text.strip()[:slot_picker.NOTE_LIMIT])
        if told:
            note += "\n\n" + told
    if visit.settings.booking is not None:
        return await slot_picker.typed(visit, 0, text, note, data.get("note"),
                                       data.get(slot_picker.SHOWN))
    return Turn([ask_time(visit, note)])


async def _health_beside(visit: Visit, text: str) -> Markup:
    """What words typed beside what the booking asks (a phone number, the day wanted) tell of
    the client's health, said back: what the conditions they name mean ("a cold sore: better
    to wait"), and, with the client's consent, that they are kept for the check the booking
    rests on. Empty where they tell none."""
    found = route(visit.content, visit.services.matchers[visit.language], visit.language, text)
    if not tells_health(visit.content, visit.language, text, found):
        return Markup()
    said = health.reasons(visit, found.keys) if found.kind == "condition" else []
    if await health_kept.consented(visit):
        await visit.stores.clients.tell_health(visit.client.user_id, visit.now,
                                               found.keys if found.kind == "condition" else ())
        said.append(visit.tr("screening.told"))
    return Markup("\n\n").join(said)


def _question(visit: Visit, text: str) -> bool:
    return "?" in text or opens_question(visit.content, visit.language, text)


async def still_open(visit: Visit, text: str, data: dict[str, Any]) -> Turn:
    """After a question answered at the time picker: the booking waits, on the day the
    question named ("how much is it on Saturday?") or on the days. Not after health told:
    "better to wait" is not to be followed by "pick a time"."""
    found = route(visit.content, visit.services.matchers[visit.language], visit.language, text)
    if found.kind in ("condition", "health"):
        return Turn()
    note = visit.tr("booking.still_open")
    if visit.settings.booking is not None:
        return await slot_picker.typed(visit, 0, text, note, shown=data.get(slot_picker.SHOWN))
    return Turn([ask_time(visit, note)])


def _asks(visit: Visit, text: str, *, contact: bool = False) -> bool:
    """Whether text typed while booking is for an answer rather than for staff: "сколько
    стоит?" is; "none of these times suit me, call me after 6" is a note; while the `contact`
    is awaited, words about a phone ("that's not my number") are about the client's own."""
    found = route(visit.content, visit.services.matchers[visit.language], visit.language, text)
    if contact and found.kind == "logistics" and found.keys == ("phone",):
        return False
    return found.kind in ANSWERED or found.kind == "faq" and _question(visit, text)


async def slot_chosen(visit: Visit, pressed: SlotTime) -> Turn | None:
    """A free time picked for a new request: the lead is made holding it, or, when someone took
    it first, the day's times are shown again. None when no booking is in progress."""
    if pressed.lead:
        return await my_appointment.move(visit, pressed)
    state = await visit.stores.chat_states.get(visit.client.user_id)
    rules = visit.settings.booking
    if rules is None or state is None or state.state != TIME:
        return None
    record = await visit.stores.screenings.get(int(state.data["screening_id"]))
    record = await with_told(visit, record) if record is not None else None
    if record is None or record.outcome is None:
        return None
    at = slot_picker.picked(pressed)
    asked = AskedDay(at.astimezone(visit.settings.timezone).date())
    if not await is_free(visit, at):
        return await slot_picker.times(visit, 0, asked, note=slot_picker.gone(visit, at),
                                       edit=True)
    lead_id = await visit.stores.leads.create(
        user_id=visit.client.user_id, screening_id=record.id, outcome=record.outcome,
        phone=state.data.get("phone"), contact_username=state.data.get("username"),
        preferred_time="slot", now=visit.now, note=state.data.get("note"))
    if not await visit.stores.slots.hold(lead_id, at, rules.seats, OPEN):
        await visit.stores.leads.discard(lead_id)
        await visit.stores.chat_states.save(visit.client.user_id, TIME, state.data, visit.now)
        return await slot_picker.times(visit, 0, asked, note=visit.tr("slots.taken"), edit=True)
    await funnel.record(visit.services, funnel.LEAD)
    await visit.stores.clients.resume(visit.client.user_id)  # booked again: reminders wanted
    turn = Turn()
    if rules.auto_confirm:
        await visit.stores.leads.change_status(lead_id, NEW, BOOKED, visit.client.user_id,
                                               visit.now)
        await funnel.record(visit.services, funnel.BOOKED)
    lead = await visit.stores.leads.get(lead_id)
    assert lead is not None
    if rules.auto_confirm:
        turn.clients.append(await booked.notify_client(visit, lead, at, None))
    else:
        await booked.plan_held(visit, lead.id, at)
    day, hour = format_appointment(at, visit.language, visit.settings.timezone)
    held = Reply(visit.tr(N_("slots.confirmed") if rules.auto_confirm else N_("slots.held"),
                          date=day, time=hour), edit=True)
    tips = _tips(visit, record)
    menu = ((visit.tr_button("button.menu", MenuAction("menu").pack()),),)
    done = Reply(visit.tr("slots.done", clinic=visit.settings.clinic_name), menu)
    return Turn([held, tips, done], [await cards.card_post(visit.services, lead)]) + turn


async def foreign_contact(visit: Visit) -> Turn:
    """Someone else's contact card was shared: only the client's own number is accepted."""
    return await _ask_again(visit, visit.tr("booking.contact_not_own"))


async def _ask_again(visit: Visit, note: str) -> Turn:
    """A contact card that cannot be taken: asked again while the contact is awaited, else
    the menu (a card shared out of the blue)."""
    state = await visit.stores.chat_states.get(visit.client.user_id)
    if state is None or state.state != CONTACT:
        return main_menu(visit, note=visit.tr("booking.contact_unexpected"))
    return Turn([ask_contact(visit, note=note)])


async def contact(visit: Visit, phone: str, own: bool) -> Turn:
    """A shared contact card: only the client's own number is accepted."""
    return await contact_shared(visit, phone) if own else await foreign_contact(visit)


def register(router: Router) -> None:
    router.menu_action("booking")(lambda v: begin(v))
    router.button(PreferredTime)(lambda v, data: time_chosen(v, data.time))
    router.state(CONTACT)(lambda v, text, _: contact_typed(v, text))
    router.state(TIME, resume=still_open)(remind_time)
    router.button(SlotTime)(slot_chosen)
    router.button(SamePhone)(same_phone)
    router.button(slot_picker.SlotDay)(slot_picker.day_pressed)
    router.contact = contact
