"""How a question of the eligibility check is shown: its text, its number, and its buttons
(answers, Back, Cancel), each carrying typed callback data the screening flow consumes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.callbacks import MAX_ID, CallbackData
from bot.content import Step
from bot.flows import Button, Reply, Visit
from bot.flows.eligibility import YES
from bot.storage import ScreeningRecord

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.content import Content

NO, BACK, DONE, CANCEL, TOGGLE = "no", "back", "done", "cancel", "t."
RESUME_WITHIN = timedelta(days=30)  # how old an unfinished check may be to go on with


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


@dataclass(frozen=True)
class Look:
    """How a question appears in one language, the same for every client: its text (number,
    total, wording) and, row by row, each button's label and the answer it gives."""

    text: str
    rows: tuple[tuple[tuple[str, str], ...], ...]


def ask(visit: Visit, record: ScreeningRecord, step: Step, *, edit: bool = False,
        note: str | None = None) -> Reply:
    """The question for this client: its look, with this screening's id in the buttons' data
    and a tick on each option of a choose-many question already chosen; `note` above it."""
    chosen = set(filter(None, record.answers.get(step.id, "").split(","))) - {"-"} \
        if step.kind == "choose_many" else set()

    def button(label: str, answer: str) -> Button:
        ticked = answer.startswith(TOGGLE) and answer.removeprefix(TOGGLE) in chosen
        if answer == DONE and step.conditions and not chosen:
            label = visit.tr_label("screening.none_of_these")
        return Button("✅ " + label if ticked else label, Answer(record.id, step.id, answer).pack())

    shown = look(visit, step)
    text = f"{note}\n\n{shown.text}" if note else shown.text
    return Reply(text, tuple(tuple(button(*b) for b in row) for row in shown.rows), edit=edit)


def look(visit: Visit, step: Step) -> Look:
    """The step's look in the visit's language, worked out once per language and step: the
    template, the catalog and the settings do not change while the bot runs, and rendering is
    most of what showing a question costs."""
    return visit.once(f"question {step.id}", lambda: _look(visit, step))


def _look(visit: Visit, step: Step) -> Look:
    screening = visit.content.screening
    number = screening.number(step.id) or 1
    rows: list[tuple[tuple[str, str], ...]] = []
    if step.kind == "choose_many":
        rows += [((visit.tr_label(o.label), TOGGLE + o.id),) for o in step.options]
        rows.append(((visit.tr_label("screening.done"), DONE),))
    else:
        rows.append(((visit.tr_label("screening.yes"), YES),
                     (visit.tr_label("screening.no"), NO)))
    navigation = [(visit.tr_label("screening.cancel"), CANCEL)]
    if number > 1:
        navigation.insert(0, (visit.tr_label("screening.back"), BACK))
    rows.append(tuple(navigation))
    text = visit.render("question.j2", number=number, total=len(screening.in_order),
                        question=visit.tr(step.question))
    return Look(text, tuple(rows))


async def open_check(visit: Visit) -> ScreeningRecord | None:
    """The client's open check. One begun more than `RESUME_WITHIN` ago is cancelled, its
    answers with it: the check asks what is so now (a burn, a wound, a cold sore), and
    answers that old no longer say it; a new one starts where the client goes on."""
    record = await visit.stores.screenings.active(visit.client.user_id)
    if record is not None and stale(visit, record):
        await visit.stores.screenings.end(record.id, "cancelled", None, visit.now)
        return None
    return record


def stale(visit: Visit, record: ScreeningRecord) -> bool:
    """Whether an unfinished check was begun too long ago to go on with (`open_check`)."""
    return record.started_at is not None and visit.now - record.started_at > RESUME_WITHIN


async def open_step(visit: Visit) -> tuple[ScreeningRecord, Step] | None:
    """The open check and the question it is at, for typed text; None when no check is open
    (or its consent is of an older text: the buttons ask again)."""
    record = await open_check(visit)
    screening = visit.content.screening
    step = screening.step(record.current_step or "") if record else None
    if record is None or step is None or record.consent_version != screening.consent_version:
        return None
    return record, step
