"""The eligibility rule: which outcome a screening's answers lead to. Which condition leads to
which outcome is content (dialogs/screening.yaml); this only applies it, the same way for the
client's outcome, the staff's lead card and the export."""

from __future__ import annotations

from dataclasses import dataclass

from bot.content import Condition, Screening, Step

YES = "yes"


@dataclass(frozen=True)
class Verdict:
    outcome: str
    conditions: tuple[Condition, ...]


def evaluate(screening: Screening, answers: dict[str, str]) -> Verdict:
    """The most serious outcome among declared conditions; with none, the outcome the content
    names for that."""
    declared = tuple(
        screening.conditions[step.declares]
        for step in screening.steps
        if step.declares and answers.get(step.id) == YES
    )
    rank = {o.id: i for i, o in enumerate(screening.outcomes)}
    outcome = min((c.outcome for c in declared), key=rank.__getitem__,
                  default=screening.when_nothing_declared)
    return Verdict(outcome, declared)


def path(screening: Screening) -> list[Step]:
    """The steps in the order they are asked."""
    return list(screening.in_order)
