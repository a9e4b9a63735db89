"""Pre-screening: consent, one question at a time (Back, Cancel), then an outcome with reasons.

Every answer is committed before the next question is shown, so a restart or a pause of days
resumes at the same question. Which condition leads to which outcome is content
(dialogs/screening.yaml); bot/flows/eligibility.py only applies it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from bot.callbacks import MAX_ID, CallbackData
from bot.content import Step
from bot.content.i18n import N_
from bot.flows import Button, Reply, Turn, Visit, funnel
from bot.flows.eligibility import YES, evaluate, path
from bot.flows.menu import main_menu
from bot.flows.outcome import outcome_reply
from bot.storage import ScreeningRecord

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.content import Content
    from bot.flows.router import Router

NO, BACK, DONE, CANCEL, TOGGLE = "no", "back", "done", "cancel", "t."
CONSENT_ASKED = "consent_asked"


@dataclass(frozen=True)
class Consent(CallbackData, prefix="consent"):
    answer: Literal["yes", "no"]

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[Consent]:
        return cls("yes"), cls("no")


@dataclass(frozen=True)
class Answer(CallbackData, prefix="scr"):
    """An answer to one question of one screening: yes, no, back, cancel, done, or t.<option>
    to toggle an option of a choose-many question."""

    screening: int
    step: str
    value: str

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[Answer]:
        for step in content.screening.steps:
            values = [YES, NO, BACK, CANCEL, DONE] + [TOGGLE + o.id for o in step.options]
            yield from (cls(MAX_ID, step.id, value) for value in values)


async def begin(visit: Visit) -> Turn:
    """Resume or start a screening; consent comes first, asked again whenever the consent text
    has a new version, before any new answer is stored."""
    screening = visit.content.screening
    consent_id = await visit.stores.consents.latest_id(visit.client.user_id,
                                                       screening.consent_version)
    if consent_id is None:
        if await visit.stores.screenings.active(visit.client.user_id) is None:
            await funnel.record(visit.services, funnel.STARTED)
        buttons = ((visit.tr_button("screening.consent.yes", Consent("yes").pack()),),
                   (visit.tr_button("screening.consent.no", Consent("no").pack()),))
        text = visit.render("consent.j2", consent=screening.consent_text)
        await visit.stores.chat_states.save(visit.client.user_id, CONSENT_ASKED, {}, visit.now)
        return Turn([Reply(text, buttons)])
    return await _resume_or_start(visit, consent_id, visit.tr("screening.consent.on_record"),
                                  counted=False)


async def consent(visit: Visit, given: bool) -> Turn:
    if not given:
        return main_menu(visit, edit=True, note=visit.tr("screening.consent.refused"))
    version = visit.content.screening.consent_version
    user_id = visit.client.user_id
    consent_id = await visit.stores.consents.latest_id(user_id, version)
    if consent_id is None:
        consent_id = await visit.stores.consents.record(user_id, version, visit.now)
    turn = await _resume_or_start(visit, consent_id, visit.tr("screening.consent.thanks"),
                                  counted=True)
    turn.replies[0] = Reply(turn.replies[0].text, edit=True)
    return turn


async def typed_consent(visit: Visit, text: str, data: dict[str, Any]) -> Turn | None:
    """The consent text asks for a "yes" or "no": typed, it answers as the buttons do. Anything
    else is answered as usual (None), the consent still asked."""
    value = visit.content.answers[visit.language].whole(text)
    if value not in (YES, NO):
        return None
    await visit.stores.chat_states.clear(visit.client.user_id)
    turn = await consent(visit, value == YES)
    return Turn([replace(r, edit=False) for r in turn.replies], turn.staff, turn.clients)


async def _leave_consent(visit: Visit, data: dict[str, Any]) -> None:
    await visit.stores.chat_states.clear(visit.client.user_id)


async def _resume_or_start(visit: Visit, consent_id: int, note: str, *, counted: bool) -> Turn:
    """`counted`: the start was already counted in the funnel when consent was asked."""
    screening, stores = visit.content.screening, visit.stores
    record = await stores.screenings.active(visit.client.user_id)
    step = screening.step(record.current_step or "") if record else None
    if record is not None and step is not None:
        await stores.screenings.attach_consent(record.id, consent_id)
        return Turn([Reply(visit.tr("screening.resume")), ask(visit, record, step)])
    first = screening.steps[0]
    screening_id = await stores.screenings.start(
        visit.client.user_id, consent_id, first.id, visit.now)
    if not counted:
        await funnel.record(visit.services, funnel.STARTED)
    await funnel.record(visit.services, funnel.CONSENTED)
    record = await stores.screenings.get(screening_id)
    assert record is not None
    return Turn([Reply(note), ask(visit, record, first)])


def ask(visit: Visit, record: ScreeningRecord, step: Step, *, edit: bool = False) -> Reply:
    steps = path(visit.content.screening)
    number = steps.index(step) + 1 if step in steps else 1

    def data(answer: str) -> str:
        return Answer(record.id, step.id, answer).pack()

    rows: list[tuple[Button, ...]] = []
    if step.kind == "choose_many":
        chosen = set(filter(None, record.answers.get(step.id, "").split(",")))
        for option in step.options:
            mark = "✅ " if option.id in chosen else ""
            rows.append((Button(mark + visit.tr_label(option.label), data(TOGGLE + option.id)),))
        rows.append((visit.tr_button("screening.done", data(DONE)),))
    else:
        rows.append((visit.tr_button("screening.yes", data(YES)),
                     visit.tr_button("screening.no", data(NO))))
    navigation = [visit.tr_button("screening.cancel", data(CANCEL))]
    if number > 1:
        navigation.insert(0, visit.tr_button("screening.back", data(BACK)))
    rows.append(tuple(navigation))
    text = visit.render("question.j2", number=number, total=len(steps),
                        question=visit.tr(step.question))
    return Reply(text, tuple(rows), edit=edit)


async def answer(visit: Visit, pressed: Answer) -> Turn | None:
    """Apply a pressed answer; None when the button does not belong to the current question."""
    record = await visit.stores.screenings.active(visit.client.user_id)
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
        return await _back(visit, record, step)
    if step.kind == "choose_many":
        return await _choose(visit, record, step, value)
    if value not in (YES, NO):
        return None
    return await _advance(visit, record, step, value)


async def _back(visit: Visit, record: ScreeningRecord, step: Step) -> Turn | None:
    steps = path(visit.content.screening)
    index = steps.index(step) if step in steps else 0
    if index == 0:
        return None
    previous = steps[index - 1]
    await visit.stores.screenings.move_to_step(record.id, previous.id)
    return Turn([ask(visit, record, previous, edit=True)])


async def _choose(visit: Visit, record: ScreeningRecord, step: Step, value: str) -> Turn | None:
    chosen = list(filter(None, record.answers.get(step.id, "").split(",")))
    if value == DONE:
        return await _advance(visit, record, step, ",".join(chosen) or "-")
    option_id = value.removeprefix(TOGGLE)
    if not value.startswith(TOGGLE) or option_id not in {o.id for o in step.options}:
        return None
    chosen = [c for c in chosen if c != option_id] if option_id in chosen else chosen + [option_id]
    await visit.stores.screenings.save_answer(record.id, step.id, ",".join(chosen), step.id,
                                              visit.now)
    return Turn([ask(visit, record.answered(step.id, ",".join(chosen)), step, edit=True)])


async def _advance(visit: Visit, record: ScreeningRecord, step: Step, value: str) -> Turn:
    screening = visit.content.screening
    following = screening.next_step(step.id)
    await visit.stores.screenings.save_answer(
        record.id, step.id, value, following.id if following else step.id, visit.now)
    updated = record.answered(step.id, value)
    if following is not None:
        return Turn([ask(visit, updated, following, edit=True)])
    verdict = evaluate(screening, updated.answers)
    await visit.stores.screenings.end(record.id, "finished", verdict.outcome, visit.now)
    await funnel.record(visit.services, funnel.SCREENED)
    if verdict.outcome == screening.when_nothing_declared:
        await funnel.record(visit.services, funnel.SUITABLE)
    return Turn([Reply(visit.tr("screening.finished"), edit=True), outcome_reply(visit, verdict)])


async def typed_answer(visit: Visit, text: str) -> Turn | None:
    """A typed yes, no or not sure ("да", "nope", "не знаю") answers the open yes/no question;
    None for anything else."""
    record = await visit.stores.screenings.active(visit.client.user_id)
    screening = visit.content.screening
    step = screening.step(record.current_step or "") if record else None
    if record is None or step is None or step.kind != "yes_no":
        return None
    value = visit.content.answers[visit.language].whole(text)
    if value is None or record.consent_version != screening.consent_version:
        return None
    turn = await _advance(visit, record, step, value)
    return Turn([replace(r, edit=False) for r in turn.replies], turn.staff, turn.clients)


async def reminder_of_current(visit: Visit) -> Turn:
    """While a screening is open, free text is answered and the open question shown again."""
    record = await visit.stores.screenings.active(visit.client.user_id)
    step = visit.content.screening.step(record.current_step or "") if record else None
    if record is None or step is None:
        return Turn()
    return Turn([ask(visit, record, step)])


async def cancel(visit: Visit) -> Turn:
    """`/cancel`: end the open screening and whatever conversation the client is in."""
    record = await visit.stores.screenings.active(visit.client.user_id)
    if record is not None:
        await visit.stores.screenings.end(record.id, "cancelled", None, visit.now)
    await visit.stores.chat_states.clear(visit.client.user_id)
    return main_menu(visit, note=visit.tr("cancelled"))


def register(router: Router) -> None:
    router.command("cancel", N_("command.cancel"))(lambda v, _: cancel(v))
    router.menu_action("screening")(lambda v: begin(v))
    router.button(Consent)(lambda v, data: consent(v, data.answer == YES))
    router.state(CONSENT_ASKED, leave=_leave_consent)(typed_consent)
    router.button(Answer)(lambda v, data: answer(v, data))
    router.claims.append(typed_answer)
    router.idle.append(lambda v, _: reminder_of_current(v))
