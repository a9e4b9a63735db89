"""How a question of the eligibility check is shown: its text, its number, and its buttons
(answers, Back, Cancel), each carrying typed callback data the screening flow consumes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.callbacks import MAX_ID, CallbackData
from bot.content import Step
from bot.flows import Button, Reply, Visit
from bot.flows.eligibility import YES, path
from bot.storage import ScreeningRecord

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.content import Content

NO, BACK, DONE, CANCEL, TOGGLE = "no", "back", "done", "cancel", "t."


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
