"""Lead cards: the staff's view of a lead, with its status (who set it, when) and the buttons
that move it on. The card in the staff chat is re-rendered from storage after every change, so
it always shows the stored truth; `/lead ID` shows the full card with every screening answer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any

from babel.dates import format_date

from bot.callbacks import MAX_ID, Between, CallbackData, OneOf
from bot.content.i18n import N_, display_name, format_when
from bot.flows import Button, Services, StaffPost, phones, receipts
from bot.flows.eligibility import TOLD, evaluate, path
from bot.flows.staff import (
    ARCHIVED,
    BOOKED,
    CALL_BACK,
    CLIENT_CANCELLED,
    CONTACTED,
    LABELS,
    LEFT,
    NEW,
    NEXT,
    OPEN,
    STATUSES,
    TREATED,
    UNSUITABLE,
    client_language,
)
from bot.storage import Course, Lead

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.content import Content


UNDO_FOR = timedelta(days=1)
HISTORY = 8  # the latest status changes the full card shows, so it fits one message
ENDED = (UNSUITABLE, ARCHIVED, CLIENT_CANCELLED)  # not coming: the card shows no appointment
ANSWERS = {"confirm": N_("staff.card.answer.confirm"),
           "reschedule": N_("staff.card.answer.reschedule"),
           "cancel": N_("staff.card.answer.cancel")}


@dataclass(frozen=True)
class LeadStatus(CallbackData, prefix="lead"):
    """A status button on a lead card: move lead `lead`, which the card showed as `seen`, to
    `target` (consumed by bot/flows/staff/status.py)."""

    lead: int
    seen: Annotated[str, OneOf(STATUSES)]
    target: Annotated[str, OneOf(STATUSES)]

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[LeadStatus]:
        return (cls(MAX_ID, seen, target) for seen, targets in NEXT.items() for target in targets)


@dataclass(frozen=True)
class LeadUndo(CallbackData, prefix="undo"):
    """Take back "Not suitable" or "Archived" on lead `lead`: it returns to `back`, the
    status it had."""

    lead: int
    back: Annotated[str, OneOf(UNDOABLE_FROM)]

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[LeadUndo]:
        return (cls(MAX_ID, back) for back in UNDOABLE_FROM)


UNDOABLE_FROM = (*OPEN, TREATED, UNSUITABLE)  # the statuses an undo can return a lead to


SURE_OF = (CONTACTED, TREATED, UNSUITABLE, ARCHIVED)  # changes a card asks about before making


@dataclass(frozen=True)
class LeadSure(CallbackData, prefix="sure"):
    """A change asked about first, confirmed: move lead `lead`, shown as `seen`, to `target`
    ("Treated" before the visit's day, or a visit ahead called off; consumed by
    bot/flows/staff/status.py)."""

    lead: int
    seen: Annotated[str, OneOf(STATUSES)]
    target: Annotated[str, OneOf(SURE_OF)]

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[LeadSure]:
        return (cls(MAX_ID, seen, target) for seen, targets in NEXT.items()
                for target in targets if target in SURE_OF)


@dataclass(frozen=True)
class LeadKept(CallbackData, prefix="keep"):
    """A change asked about first, declined: lead `lead` stays as it is."""

    lead: int

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[LeadKept]:
        return (cls(MAX_ID),)


@dataclass(frozen=True)
class CourseChoice(CallbackData, prefix="crs"):
    """A course button on a lead card: the next session in `weeks` weeks, or `sessions` in
    all; 0 keeps what is set (consumed by bot/flows/staff/course.py)."""

    lead: int
    weeks: Annotated[int, Between(0, 52)]
    sessions: Annotated[int, Between(0, 50)]

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[CourseChoice]:
        return (*(cls(MAX_ID, weeks, 0) for weeks in COURSE_WEEKS),
                *(cls(MAX_ID, 0, sessions) for sessions in COURSE_SESSIONS))


COURSE_WEEKS, COURSE_SESSIONS = (2, 3, 4), (4, 6, 8)  # the card's choices; /course takes any
COURSE_ON = (BOOKED, TREATED)  # the cards that offer them: the cosmetologist decides there


@dataclass(frozen=True)
class LeadCurrent(CallbackData, prefix="cur"):
    """The marked button of the status lead `lead` is in: pressing it changes nothing."""

    lead: int

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[LeadCurrent]:
        return (cls(MAX_ID),)


async def undo_button(services: Services, lead: Lead) -> Button | None:
    """"Not suitable" and "Archived" end a lead with one tap, so for a day the card offers to
    take them back."""
    if lead.status not in (UNSUITABLE, ARCHIVED):
        return None
    history = await services.stores.leads.history(lead.id)
    last = history[-1] if history else None
    if (last is None or last.new_status != lead.status or last.old_status not in UNDOABLE_FROM
            or services.clock.now() - last.changed_at > UNDO_FOR):
        return None
    label = services.content.tr_button_label(services.settings.default_language,
                                             "staff.action.undo")
    return Button(label, LeadUndo(lead.id, last.old_status).pack())


def course_buttons(services: Services, lead: Lead,
                   course: Course | None) -> tuple[tuple[Button, ...], ...]:
    """The course in two rows, the chosen values marked: when the next session makes sense,
    then (once that is set) how many sessions in all. Pressing a marked one changes nothing."""
    if lead.status not in COURSE_ON:
        return ()
    staff = services.settings.default_language

    def button(msgid: str, chosen: bool, data: CourseChoice, **values: int) -> Button:
        text = services.content.tr_button_label(staff, msgid, **values)
        if chosen:
            text = services.content.tr_button_label(staff, N_("staff.card.current"), status=text)
        return Button(text, data.pack())

    weeks = course.weeks if course else None
    rows: tuple[tuple[Button, ...], ...] = (tuple(
        button(N_("staff.course.weeks"), weeks == n, CourseChoice(lead.id, n, 0), weeks=n)
        for n in COURSE_WEEKS),)
    if course is not None:
        rows += (tuple(button(N_("staff.course.sessions"), course.sessions == n,
                              CourseChoice(lead.id, 0, n), sessions=n)
                       for n in COURSE_SESSIONS),)
    return rows


@dataclass(frozen=True)
class CardStatus:
    label: str
    by: str | None
    when: str | None
    appointment: str | None
    answer: str | None = None  # the client's answer to a reminder, if any
    held: bool = False  # a slot the client picked, for staff to confirm with "Booked"


@dataclass(frozen=True)
class Answer:
    label: str
    answer: str
    flagged: bool


async def card_values(services: Services, lead: Lead) -> dict[str, Any]:
    """Everything lead_card.j2 shows, in the clinic's default language."""
    settings, content = services.settings, services.content
    staff, screening = settings.default_language, content.screening
    record = await services.stores.screenings.get(lead.screening_id) if lead.screening_id else None
    answers = record.answers if record else {}
    verdict = evaluate(screening, answers)
    outcome = next((o for o in screening.outcomes if o.id == lead.outcome),
                   screening.outcome(verdict.outcome))
    told = "; ".join(content.tr_button_label(staff, c.label) for c in verdict.told)
    goal_step = screening.goals
    picked = set(answers.get(goal_step.id, "").split(",")) if goal_step else set()
    times = {t.id: t.label for t in content.booking.preferred_times}
    history = await services.stores.leads.history(lead.id)
    last = history[-1] if history else None
    answer = await services.stores.appointments.answer_of(lead.id, lead.appointment_at) \
        if lead.status == BOOKED and lead.appointment_at else None
    earlier = [other.id for other in await services.stores.leads.of_client(lead.client.user_id)
               if other.id < lead.id]
    week = await services.stores.aftercare.latest_plan(lead.client.user_id)
    last_treated = None  # a procedure before this request: is the next one too soon?
    week_problems: list[str] = []  # and what the skin did after it, for this session
    if week is not None and week.treated_on < lead.created_at.astimezone(
            settings.timezone).date():
        last_treated = format_date(week.treated_on, "long", locale=staff)
        first_days: dict[str, int] = {}
        for day, answer_id in await services.stores.aftercare.problems(week.id):
            first_days.setdefault(answer_id, day)
        for answer_id, day in first_days.items():
            checkin = content.aftercare.answer(answer_id)
            week_problems.append(content.tr_button_label(
                staff, "staff.card.week_problem", day=day,
                answer=content.tr_button_label(staff, checkin.label) if checkin else answer_id))

    def when(value: datetime | None) -> str | None:
        return format_when(value, staff, settings.timezone) if value else None

    by = None
    if last is not None:
        by = last.staff_name or (lead.client.full_name if last.staff_user_id
                                 == lead.client.user_id else str(last.staff_user_id))

    return {
        "lead_id": lead.id, "client": lead.client, "earlier": earlier,
        "last_treated": last_treated, "week_problems": week_problems,
        "course": await services.stores.courses.of_lead(lead.id),
        "client_language": display_name(client_language(services, lead.client)),
        "phone": phones.for_staff(lead.phone, phones.clinic_region(settings)),
        "username": lead.contact_username, "outcome": outcome,
        "flagged": [content.tr_button_label(staff, "screening.condition.told_named",
                                            conditions=told) if c.id == TOLD and told
                    else content.tr_button_label(staff, c.label) for c in verdict.conditions],
        "unsure": [content.tr_button_label(staff, c.label) for c in verdict.unsure],
        "goals": [content.tr_button_label(staff, o.label)
                  for o in (goal_step.options if goal_step else ()) if o.id in picked],
        # "Any time" above "only evenings after 6 pls": the client's own words say when.
        "preferred_time": content.tr_message(staff, "staff.lead.time_in_note")
        if lead.preferred_time in (CALL_BACK, LEFT) and lead.note
        else content.tr_message(staff, "staff.lead.time_left")
        if lead.preferred_time == LEFT
        else content.tr_message(staff, "staff.lead.time_call_back")
        if lead.preferred_time == CALL_BACK and services.settings.booking is not None
        else content.tr_button_label(staff, times[lead.preferred_time])
        if lead.preferred_time in times else None,
        "note": lead.note,
        "status": CardStatus(
            content.tr_button_label(staff, LABELS[lead.status]), by,
            when(last.changed_at if last else None),
            when(lead.appointment_at) if lead.status not in ENDED else None,
            content.tr_message(staff, ANSWERS[answer]) if answer else None,
            held=lead.status in (NEW, CONTACTED) and lead.appointment_at is not None),
    }


def status_buttons(services: Services, lead: Lead) -> tuple[tuple[Button, ...], ...]:
    """Every status in its fixed place, two to a row, the current one marked: a second quick
    press on the same place lands on the status the first one set, never on another. A
    status the lead cannot move to from here only refreshes the card. A booked lead also gets
    "New date"; an archived one has nowhere left to go."""
    if not NEXT[lead.status]:
        return ()
    label = services.content.tr_button_label
    staff = services.settings.default_language
    buttons = [
        Button(label(staff, N_("staff.card.current"), status=label(staff, LABELS[target])),
               LeadCurrent(lead.id).pack()) if target == lead.status
        else Button(label(staff, LABELS[target]), LeadStatus(lead.id, lead.status, target).pack())
        for target in STATUSES if target != CLIENT_CANCELLED or target == lead.status
    ]
    rows = tuple(tuple(buttons[i:i + 2]) for i in range(0, len(buttons), 2))
    if lead.status == BOOKED:
        rows += ((Button(label(staff, N_("staff.action.rebook")),
                         LeadStatus(lead.id, BOOKED, BOOKED).pack()),),)
    return rows


async def card_post(services: Services, lead: Lead) -> StaffPost:
    """The lead's card for the staff chat: replaces the posted card, or posts it if there is
    none yet (a new lead, or a card deleted from the chat)."""
    text = services.content.render(services.settings.default_language, "lead_card.j2",
                                   **await card_values(services, lead))
    undo = await undo_button(services, lead)
    course = course_buttons(services, lead, await services.stores.courses.of_lead(lead.id))
    buttons = status_buttons(services, lead) + course + (((undo,),) if undo else ())
    return StaffPost(text, receipts.lead_card(lead.id, lead.client.user_id), buttons,
                     edit=lead.staff_message_id, about=lead.client.user_id)


async def full_card(services: Services, lead: Lead) -> str:
    """The card with every screening answer and the whole status history (`/lead ID`)."""
    settings, content = services.settings, services.content
    staff, screening = settings.default_language, content.screening
    record = await services.stores.screenings.get(lead.screening_id) if lead.screening_id else None
    given = record.answers if record else {}
    shown = {"yes": content.tr_button_label(staff, "screening.yes"),
             "no": content.tr_button_label(staff, "screening.no"),
             "unsure": content.tr_button_label(staff, "screening.unsure")}
    answers = []
    for step in path(screening):
        value = given.get(step.id, "")
        if step.kind == "yes_no":
            label = step.condition.label if step.condition else step.question
            answers.append(Answer(content.tr_button_label(staff, label), shown.get(value, "—"),
                                  value in ("yes", "unsure")))
            continue
        ticked = step.declared(value)
        answers += [Answer(content.tr_button_label(staff, c.label),
                           shown["yes" if c in ticked else "no"] if value else "—", c in ticked)
                    for c in step.conditions]
    history = [
        (format_when(h.changed_at, staff, settings.timezone),
         content.tr_button_label(staff, LABELS[h.old_status]),
         content.tr_button_label(staff, LABELS[h.new_status]),
         h.staff_name or (lead.client.full_name if h.staff_user_id == lead.client.user_id
                          else str(h.staff_user_id)))
        for h in (await services.stores.leads.history(lead.id))[-HISTORY:]
    ]
    return content.render(staff, "lead_full.j2", clinic=settings, answers=answers,
                          history=history, **await card_values(services, lead))
