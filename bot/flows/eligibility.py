"""The eligibility rule: which outcome a screening's answers lead to. Which condition leads to
which outcome is content (dialogs/screening.yaml); this only applies it, the same way for the
client's outcome, the staff's lead card and the export."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.content import Condition, Screening, Step
from bot.content.i18n import N_

YES, UNSURE = "yes", "unsure"
# The answers' entry for health the client told in their own words during the check that no
# question asks about ("no, but I take heart pills"), or outside it: a specialist decides,
# never "suitable". Its value is "yes", or the conditions the words named ("bleeding,herpes"),
# named beside it to the client and on the lead card (`Verdict.told`).
TOLD = "told"


def told(conditions: Iterable[str], before: str | None = None) -> str:
    """The TOLD answer for health told naming `conditions` (none: "yes"), added to the one
    `before` (told earlier, already counted): what the client tells adds up."""
    earlier = [] if before is None or before == YES else before.split(",")
    return ",".join(dict.fromkeys([*earlier, *conditions])) or YES


@dataclass(frozen=True)
class Verdict:
    outcome: str
    conditions: tuple[Condition, ...]
    unsure: tuple[Condition, ...] = ()  # answered "not sure": staff need to talk it through
    # Conditions named in health told in the client's own words: shown beside it, not taken
    # as declared ("finished accutane 2 years ago" is no isotretinoin in the last 6 months).
    told: tuple[Condition, ...] = ()


def evaluate(screening: Screening, answers: dict[str, str]) -> Verdict:
    """The most serious outcome among declared conditions, an unsure one (or health told in the
    client's own words) counting as at least `when_unsure`; with none, the outcome the content
    names for that."""
    floor = screening.when_unsure or screening.outcomes[0].id
    declared = tuple(c for step in screening.steps for c in step.declared(answers.get(step.id, "")))
    told: tuple[Condition, ...] = ()
    if said := answers.get(TOLD):
        known = screening.conditions
        named = said.split(",") if said != YES else []
        told = tuple(known[c] for c in named if c in known and known[c] not in declared)
        # Told, then declared in the check too: the check's own reason says it all.
        if told or not named or any(c not in known for c in named):
            declared += (Condition(TOLD, floor, N_("screening.reason.told"),
                                   N_("screening.condition.told"), ()),)
    unsure = tuple(step.condition for step in screening.steps
                   if step.condition and answers.get(step.id) == UNSURE)
    rank = {o.id: i for i, o in enumerate(screening.outcomes)}
    candidates = [c.outcome for c in declared]
    candidates += [min(c.outcome, floor, key=rank.__getitem__) for c in unsure]
    outcome = min(candidates, key=rank.__getitem__, default=screening.when_nothing_declared)
    return Verdict(outcome, declared, unsure, told)


def path(screening: Screening) -> list[Step]:
    """The steps in the order they are asked."""
    return list(screening.in_order)
