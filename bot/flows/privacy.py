"""Journey 7: what is stored and why (/privacy), the client's own data (/mydata), and erasure
on request (/forget), which also marks their posts in the staff chat as erased."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from bot.callbacks import CallbackData
from bot.content import Content
from bot.content.i18n import N_, display_name, format_when
from bot.flows import Reply, Services, StaffPost, Turn, Visit, aftercare, my_appointment
from bot.flows.dates import appointment_day
from bot.flows.eligibility import TOLD, YES, path
from bot.flows.menu import main_menu, ready
from bot.flows.staff import CALL_BACK, LABELS, LEFT, agenda

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.flows.router import Router

SAID = {"yes": N_("screening.yes"), "no": N_("screening.no"), "unsure": N_("screening.unsure")}
MAX_MESSAGE = 4096  # Telegram's limit, in characters
CONFIRMING = "forget_confirm"  # the chat state while "erase all my data?" waits for an answer


@dataclass(frozen=True)
class Forget(CallbackData, prefix="forget"):
    """The answer to "erase all my data?"."""

    answer: Literal["yes", "no"]

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[Forget]:
        return cls("yes"), cls("no")

# What each kind of reminder not sent yet is, in /mydata (else: repeat the check).
REMINDERS = {"review": N_("mydata.reminder.review"), "course": N_("mydata.reminder.course")}


def notice(visit: Visit) -> Turn:
    return Turn([Reply(visit.render("privacy.j2", retention_days=visit.settings.retention_days))])


async def my_data(visit: Visit) -> Turn:
    """Everything stored about the client, in as many messages as Telegram's limit needs."""
    data = await visit.stores.privacy.personal_data(visit.client.user_id)
    if data is None:
        return main_menu(visit)
    text = visit.render("mydata.j2", data=data, language_name=display_name(visit.language),
                        screenings=[{"date": s["started_at"][:10],
                                     "outcome": _outcome(visit, s["outcome"]),
                                     "answers": readable_answers(visit.content, visit.language,
                                                                 s["answers"])}
                                    for s in data.screenings],
                        leads=[_lead(visit, lead) for lead in data.leads],
                        plans=[_plan(visit, plan) for plan in data.aftercare],
                        reminders=[(REMINDERS.get(s["kind"], N_("mydata.reminder")),
                                    s["due_at"][:10]) for s in data.reminders],
                        unfinished=_unfinished(data.conversation),
                        told=named(visit.content, visit.language, data.profile["health_told"]))
    return Turn([Reply(page) for page in pages(text)])


def _unfinished(conversation: dict[str, Any] | None) -> list[str]:
    """What an unfinished dialog holds that the client typed: a question waiting to be passed
    on, a phone number or username given before the booking was finished."""
    if conversation is None:
        return []
    data = json.loads(conversation["data"])
    return [str(data[key]) for key in ("question", "phone", "username") if data.get(key)]


def _outcome(visit: Visit, outcome_id: str | None) -> str | None:
    """The result of a finished check in the client's words; None while it is unfinished."""
    known = {o.id: o for o in visit.content.screening.outcomes}
    return visit.tr(known[outcome_id].title) if outcome_id in known else None


def _lead(visit: Visit, lead: dict[str, Any]) -> dict[str, Any]:
    times = {t.id: t.label for t in visit.content.booking.preferred_times}
    times["slot"] = N_("booking.time.slot")  # a free slot the client picked
    if visit.settings.booking is not None:  # with free times to pick, "any" is none suited
        times[CALL_BACK] = N_("slots.call_me")
    times[LEFT] = N_("mydata.time_left")
    appointment = lead["appointment_at"]
    return {"date": lead["created_at"][:10],
            "contact": lead["phone"] or f"@{lead['contact_username']}",
            "time": visit.tr_label(times.get(lead["preferred_time"], lead["preferred_time"])),
            "status": visit.tr_label(LABELS[lead["status"]]),
            "appointment": format_when(appointment, visit.language, visit.settings.timezone)
            if appointment else None, "note": lead["note"]}


def _plan(visit: Visit, plan: dict[str, Any]) -> dict[str, Any]:
    def said(answer_id: str) -> str:
        answer = visit.content.aftercare.answer(answer_id)
        return visit.tr_label(answer.label) if answer else answer_id

    return {"treated_on": plan["treated_on"],
            "checkins": [{"day": c["day"], "answer": said(c["answer"]), "details": c["details"]}
                         for c in plan["checkins"]]}


def pages(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """`text` cut at line ends into messages of at most `limit` characters."""
    cut, page = [], ""
    for line in text.splitlines(keepends=True):
        if page and len(page) + len(line) > limit:
            cut.append(page)
            page = ""
        while len(line) > limit:
            cut.append(line[:limit])
            line = line[limit:]
        page += line
    return [p.strip() for p in [*cut, page] if p.strip()]


def named(content: Content, language: str, conditions: str | None) -> list[str]:
    """The labels of the check's conditions in a comma-separated list of ids ("bleeding,herpes")
    that health told in the client's words named."""
    known = content.screening.conditions
    return [content.tr_button_label(language, known[c].label)
            for c in dict.fromkeys((conditions or "").split(",")) if c in known]


def readable_answers(content: Content, language: str,
                     answers: list[dict[str, str]]) -> list[tuple[str, str]]:
    """Stored answers in the client's words: ("Pacemaker", "No"), ("Skin goals", "Dry skin"),
    in the order the check asks them (health told last), whenever each was given."""
    screening, readable = content.screening, []
    order = {step.id: n for n, step in enumerate(path(screening))}
    for answer in sorted(answers, key=lambda a: order.get(a["step_id"], len(order))):
        step = screening.step(answer["step_id"])
        if answer["step_id"] == TOLD:  # health told in the client's own words, counted
            readable.append((content.tr_button_label(language, "screening.condition.told"),
                             "; ".join(named(content, language, answer["answer"]))
                             or content.tr_button_label(language, SAID[YES])))
            continue
        if step is None:
            continue
        if step.condition:
            label = content.tr_button_label(language, step.condition.label)
            said = SAID.get(answer["answer"], SAID["no"])
            value = content.tr_button_label(language, said)
        elif step.conditions:
            ticked = {c.id for c in step.declared(answer["answer"])}
            readable += [(content.tr_button_label(language, c.label), content.tr_button_label(
                language, SAID["yes" if c.id in ticked else "no"])) for c in step.conditions]
            continue
        elif step is screening.goals:
            label = content.tr_button_label(language, "staff.lead.goals")
            chosen = answer["answer"].split(",")
            value = ", ".join(content.tr_button_label(language, o.label)
                              for o in step.options if o.id in chosen) or "—"
        else:
            continue
        readable.append((label, value))
    return readable


async def ask_forget(visit: Visit) -> Turn:
    """"Erase all my data?", answered by its buttons or typed ("yes", "нет"): until then a
    typed answer is this question's, never an open check's."""
    await visit.stores.chat_states.save(visit.client.user_id, CONFIRMING, {}, visit.now)
    buttons = ((visit.tr_button("privacy.forget.yes", Forget("yes").pack()),),
               (visit.tr_button("privacy.forget.no", Forget("no").pack()),))
    text = visit.tr("privacy.forget.confirm")
    booked = await my_appointment.current(visit)
    if booked is not None and booked.appointment_at is not None:  # it goes with the data
        day, hour = appointment_day(visit.services, booked.appointment_at, visit.language)
        text += "\n\n" + visit.tr("privacy.forget.appointment", date=day, time=hour)
    if await aftercare.problem_open(visit):  # the clinic loses the way to reach them here
        text += "\n\n" + visit.tr("privacy.forget.problem", phone=visit.settings.phone)
    return Turn([Reply(text, buttons)])


async def confirming(visit: Visit, text: str, data: dict[str, Any]) -> Turn | None:
    """A typed answer to "erase all my data?"; anything else leaves the question unanswered.
    A yes must be said in words: an emoji (👍) is too easily a mere "seen" for what cannot be
    undone."""
    await _unconfirmed(visit, data)
    answer = visit.content.replies[visit.language].answer(text)
    if answer == "yes" and not any(letter.isalpha() for letter in text):
        return None
    return await forget(visit, answer == "yes") if answer in ("yes", "no") else None


async def _unconfirmed(visit: Visit, data: dict[str, Any]) -> None:
    await visit.stores.chat_states.clear(visit.client.user_id)


async def forget(visit: Visit, confirmed: bool) -> Turn:
    """Delete every row tied to the client; their lead cards and other staff-chat posts are
    edited to say the data was erased at the client's request, files naming them deleted; an
    appointment still ahead is posted as cancelled, without the client's name. An older
    question answered once all was erased (/forget asked twice) says so, whichever answer."""
    if await _nothing_stored(visit):
        return Turn([Reply(visit.tr("privacy.forget.nothing"), edit=True)])
    if not confirmed:
        return main_menu(visit, edit=True, note=visit.tr("privacy.forget.kept"))
    booked = await my_appointment.current(visit)
    problem = await aftercare.problem_open(visit)
    erased = await visit.stores.privacy.forget(visit.client.user_id)
    services = visit.services
    posts = [erased_post(services, message_id, lead_id=lead_id)
             for lead_id, message_id in erased.lead_cards]
    posts += [erased_post(services, message_id) for message_id in erased.other_posts]
    posts += [erased_post(services, message_id, document=True)
              for message_id in erased.documents]
    if booked is not None and booked.status in agenda.HELD and agenda.in_held_post(
            services, booked):
        # The day's post of unconfirmed times named them with others: it is erased whole, so
        # it is posted again, without them, at the scheduler's next run.
        await visit.stores.heartbeats.untake(agenda.HELD_NUDGE.name)
    if booked is not None and booked.appointment_at is not None:  # reception: the time is free
        settings = services.settings
        when = format_when(booked.appointment_at, settings.default_language, settings.timezone)
        posts.append(StaffPost(services.content.tr_message(
            settings.default_language, "staff.erased.appointment", id=booked.id, when=when)))
    if problem:  # an alert blanked like any message would leave an open case without a sign
        posts.append(StaffPost(services.content.tr_message(
            services.settings.default_language, "staff.erased.problem")))
    return Turn([Reply(visit.tr("privacy.forget.done"), edit=True)], posts)


async def _nothing_stored(visit: Visit) -> bool:
    """Whether nothing is kept of the client but the name they write under, which every
    message of theirs stores again."""
    data = await visit.stores.privacy.personal_data(visit.client.user_id)
    return data is None or not (
        data.consents or data.screenings or data.leads or data.aftercare or data.questions
        or data.reminders or data.conversation or data.profile["health_told"])


def erased_post(services: Services, message_id: int, *, lead_id: int | None = None,
                document: bool = False) -> StaffPost:
    """What becomes of a staff-chat message that named an erased client: a file is deleted,
    a lead card says which lead was erased, any other post that something was. Also for a
    message that was on its way when the erasure committed, once its id is known."""
    if document:
        return StaffPost("", delete=message_id)
    staff = services.settings.default_language
    if lead_id is not None:
        return StaffPost(services.content.tr_message(staff, "staff.erased.lead", id=lead_id),
                         edit=message_id)
    return StaffPost(services.content.tr_message(staff, "staff.erased.post"), edit=message_id)


def expired_post(services: Services, message_id: int, lead_id: int) -> StaffPost:
    """A request's card once retention deleted it: it showed health answers nobody keeps."""
    staff = services.settings.default_language
    return StaffPost(services.content.tr_counted_message(
        staff, "staff.expired.lead", services.settings.retention_days, id=lead_id,
        days=services.settings.retention_days), edit=message_id)


def register(router: Router) -> None:
    router.command("privacy", N_("command.privacy"))(lambda v, _: ready(notice(v)))
    router.command("mydata", N_("command.mydata"))(lambda v, _: my_data(v))
    router.command("forget", N_("command.forget"))(lambda v, _: ask_forget(v))
    router.state(CONFIRMING, leave=_unconfirmed)(confirming)
    router.button(Forget)(lambda v, data: forget(v, data.answer == "yes"))
