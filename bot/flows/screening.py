"""Pre-screening: after consent (bot/flows/consent.py), one question at a time (Back, Cancel),
then an outcome with reasons.

Every answer is committed before the next question is shown, so a restart or a pause of days
resumes at the same question. Which condition leads to which outcome is content
(dialogs/screening.yaml); bot/flows/eligibility.py only applies it. How a question looks is
bot/flows/questions.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.content import Step
from bot.content.i18n import N_
from bot.flows import Reply, Turn, Visit, booking, funnel
from bot.flows.consent import begin
from bot.flows.eligibility import TOLD, YES, evaluate, told
from bot.flows.menu import main_menu, with_note
from bot.flows.outcome import outcome_reply
from bot.flows.questions import (
    BACK,
    CANCEL,
    DONE,
    NO,
    TOGGLE,
    Answer,
    ask,
    open_check,
    open_step,
)
from bot.storage import ScreeningRecord

# Notes that end "here is the main menu", as they read above the open question instead.
ABOVE_A_QUESTION = {"error.stale_button": N_("error.stale_button_short")}

if TYPE_CHECKING:
    from bot.flows.router import Router


async def answer(visit: Visit, pressed: Answer) -> Turn | None:
    """Apply a pressed answer; None when the button does not belong to the current question."""
    record = await open_check(visit)
    screening, step_id, value = visit.content.screening, pressed.step, pressed.value
    if record is None or record.id != pressed.screening or record.current_step != step_id:
        return None
    if record.consent_version != screening.consent_version:
        return await begin(visit)  # the consent text changed: ask again before storing more
    step = screening.step(step_id)
    if step is None:
        return None
    if value == CANCEL:
        await visit.stores.screenings.end(record.id, "cancelled", None, visit.now)
        return main_menu(visit, edit=True, note=visit.tr("screening.cancelled"))
    if value == BACK:
        return await back(visit, record, step, edit=True)
    if step.kind == "choose_many":
        return await _choose(visit, record, step, value)
    if value not in (YES, NO):
        return None
    return await advance(visit, record, step, value)


async def not_understood(visit: Visit, note: str) -> Turn:
    """What the client sent is not understood (a sticker, an edit, an old button): the open
    check's question again under why, so the check goes on in view; else the main menu."""
    opened = await open_step(visit)
    if opened is None:
        return with_note(visit, note)
    record, step = opened
    return Turn([ask(visit, record, step, note=visit.tr(ABOVE_A_QUESTION.get(note, note)))])


async def back(visit: Visit, record: ScreeningRecord, step: Step, *, edit: bool,
               note: str | None = None) -> Turn | None:
    """The question before `step` (under `note`), its answer kept until answered again; None
    at the first."""
    screening = visit.content.screening
    number = screening.number(step.id) or 1
    if number == 1:
        return None
    previous = screening.in_order[number - 2]
    await visit.stores.screenings.move_to_step(record.id, previous.id)
    return Turn([ask(visit, record, previous, edit=edit, note=note)])


async def _choose(visit: Visit, record: ScreeningRecord, step: Step, value: str) -> Turn | None:
    chosen = list(filter(None, record.answers.get(step.id, "").split(",")))
    if value == DONE:
        return await advance(visit, record, step, ",".join(chosen) or "-")
    option_id = value.removeprefix(TOGGLE)
    if not value.startswith(TOGGLE) or option_id not in {o.id for o in step.options}:
        return None
    chosen = [c for c in chosen if c != option_id] if option_id in chosen else chosen + [option_id]
    await visit.stores.screenings.save_answer(record.id, step.id, ",".join(chosen), step.id,
                                              visit.now)
    return Turn([ask(visit, record.answered(step.id, ",".join(chosen)), step, edit=True)])


async def advance(visit: Visit, record: ScreeningRecord, step: Step, value: str) -> Turn:
    screening = visit.content.screening
    following = screening.next_step(step.id)
    await visit.stores.screenings.save_answer(
        record.id, step.id, value, following.id if following else step.id, visit.now)
    updated = record.answered(step.id, value)
    if following is not None:
        return Turn([ask(visit, updated, following, edit=True)])
    verdict = evaluate(screening, updated.answers)
    said = await visit.stores.clients.take_health_told(visit.client.user_id)
    before = await visit.stores.screenings.last_finished(visit.client.user_id)
    earlier = before.answers.get(TOLD) if before is not None else None
    if said is not None or earlier is not None:
        # Health told outside the check ("I have Crohn's", "I'm on warfarin", typed at the
        # menu) counts in it, with the conditions it named, beside anything the check found
        # itself: staff see all the client said. What a check before counted, this one does
        # too: nothing the client said since took it back.
        carried = [c for c in (earlier or "").split(",") if c and c != YES]
        answer = told([*carried, *(said or ())], updated.answers.get(TOLD))
        await visit.stores.screenings.save_answer(record.id, TOLD, answer, step.id, visit.now)
        updated = updated.answered(TOLD, answer)
        verdict = evaluate(screening, updated.answers)
    await visit.stores.screenings.end(record.id, "finished", verdict.outcome, visit.now)
    await funnel.record(visit.services, funnel.SCREENED)
    if verdict.outcome == screening.when_nothing_declared:
        await funnel.record(visit.services, funnel.SUITABLE)
    return Turn([Reply(visit.tr("screening.finished"), edit=True), outcome_reply(visit, verdict)]
                ) + await booking.rechecked(visit, record.id, verdict.outcome)


def register(router: Router) -> None:
    router.button(Answer)(lambda v, data: answer(v, data))
