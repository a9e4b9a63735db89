"""dialogs/screening.yaml as a model: consent, outcomes and the steps, each step one entry.

A yes/no step carries its own outcome: a yes declares the step's condition, and the condition's
outcome class lives on that one entry. A choose-many step can ask about a group of conditions
at once, to keep the check short: each option is a condition with its own outcome, and the
options ticked are the conditions declared. What each outcome means for the flow is named in the
content too: `when_nothing_declared` is the outcome of a screening with no condition declared,
and the step that `records: goals` is the one the lead card and the export show as goals.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import Field, StrictInt, model_validator

from bot.content.models import Dialog, Entry, Id, Msg
from bot.validation import Location, Problems


class Option(Entry):
    """An option of a choose-many step: a skin goal (`screening.goal.<id>`), or, with an
    `outcome`, a condition the client ticks: then its button shows the condition's card label
    `screening.condition.<id>` and its reason is `screening.reason.<id>`."""

    id: Id
    label: Msg
    outcome: Id | None = None
    reason: Msg | None = None
    recheck_days: tuple[Annotated[StrictInt, Field(ge=1)], ...] | None = None

    @classmethod
    def conventions(cls, key: str, data: dict[str, Any]) -> dict[str, Any]:
        if "outcome" in data:
            data = {"label": f"screening.condition.{key}", "reason": f"screening.reason.{key}",
                    **data}
        return {"label": f"screening.goal.{key}", **data}

    @cached_property
    def condition(self) -> Condition | None:
        if self.outcome is None:
            return None
        return Condition(self.id, self.outcome, self.reason or "", self.label, self.recheck_days)


@dataclass(frozen=True)
class Condition:
    """What a yes to a step declares: `reason` is told to the client, `label` flags the answer
    on the staff's lead card."""

    id: str
    outcome: str
    reason: str
    label: str
    recheck_days: tuple[int, ...] | None = None  # None: booking.yaml's; (): no date offered


class Outcome(Entry):
    """`book: true` offers booking, labelled `screening.outcome.<id>.book`; `recheck: true`
    offers a reminder to check again (when the conditions declared allow a date); `ask_person:
    true` offers to talk to a person."""

    derived = {"title": "screening.outcome.{}.title", "explain": "screening.outcome.{}.explain"}
    id: Id
    title: Msg
    explain: Msg
    book: Msg | None = None
    recheck: bool = False
    ask_person: bool = False

    @classmethod
    def conventions(cls, key: str, data: dict[str, Any]) -> dict[str, Any]:
        book = data.get("book")
        if isinstance(book, bool):
            data = {**data, "book": f"screening.outcome.{key}.book" if book else None}
        return super().conventions(key, data)


class Step(Entry):
    derived = {"question": "screening.q.{}"}
    id: Id
    kind: Literal["yes_no", "choose_many"]
    question: Msg
    outcome: Id | None = None
    declares: Id | None = None
    reason: Msg | None = None
    label: Msg | None = None
    records: Literal["goals"] | None = None
    options: tuple[Option, ...] = ()
    next: Id | None = None
    recheck_days: tuple[Annotated[StrictInt, Field(ge=1)], ...] | None = None
    ever: bool = False  # asks about the past too: a typed "not anymore" is no plain no

    @classmethod
    def conventions(cls, key: str, data: dict[str, Any]) -> dict[str, Any]:
        """A step with an outcome declares the condition named like the step, unless it says
        `declares:`; the condition's reason and label are named after the condition."""
        if "outcome" in data:
            condition = data.get("declares", key or None)
            data = {"declares": condition, "reason": f"screening.reason.{condition}",
                    "label": f"screening.condition.{condition}", **data}
        return super().conventions(key, data)

    @model_validator(mode="after")
    def _fits_its_kind(self) -> Step:
        needs, refuses = (("outcome",), ("options", "records")) if self.kind == "yes_no" \
            else (("options",), ("outcome", "recheck_days"))
        found = [((name,), f"missing; a {self.kind} step needs it")
                 for name in needs if not getattr(self, name)]
        found += [((name,), f"not used by a {self.kind} step")
                  for name in refuses if getattr(self, name)]
        declaring = [o.outcome is not None for o in self.options]
        if any(declaring) and (not all(declaring) or self.records):
            found.append((("options",), "either every option declares a condition (has an "
                          "`outcome`) and the step records nothing, or none does"))
        elif self.kind == "choose_many" and not any(declaring) and not self.records:
            found.append((("records",), f"missing; a {self.kind} step needs it"))
        if found:
            raise Problems(*found)
        return self

    @cached_property
    def condition(self) -> Condition | None:
        """What a yes to a yes/no step declares."""
        if self.outcome is None or self.declares is None:
            return None
        return Condition(self.declares, self.outcome, self.reason or "", self.label or "",
                         self.recheck_days)

    @cached_property
    def conditions(self) -> tuple[Condition, ...]:
        """Every condition the step can declare: a yes/no step's one, or the options ticked
        of a step that asks about a group of conditions at once."""
        if self.condition is not None:
            return (self.condition,)
        return tuple(o.condition for o in self.options if o.condition is not None)

    def declared(self, answer: str) -> tuple[Condition, ...]:
        """The conditions a stored answer to this step declares."""
        if self.condition is not None:
            return (self.condition,) if answer == "yes" else ()
        ticked = set(answer.split(","))
        return tuple(c for c in self.conditions if c.id in ticked)


class Consent(Dialog):
    version: StrictInt = Field(ge=1)
    text: Msg = "screening.consent.text"


class Screening(Dialog):
    """The steps are asked in order (or to `next`); outcomes go from most to least serious."""

    consent: Consent
    when_nothing_declared: Id
    when_unsure: Id | None = None
    outcomes: tuple[Outcome, ...] = Field(min_length=1)
    steps: tuple[Step, ...] = Field(min_length=1)

    @property
    def consent_version(self) -> int:
        return self.consent.version

    @property
    def consent_text(self) -> str:
        return self.consent.text

    @cached_property
    def conditions(self) -> dict[str, Condition]:
        return {c.id: c for s in self.steps for c in s.conditions}

    @cached_property
    def nothing_declared(self) -> Outcome:
        return self.outcome(self.when_nothing_declared)

    @cached_property
    def goals(self) -> Step | None:
        """The step whose answer is the client's skin goals, if the screening asks them."""
        return next((s for s in self.steps if s.records == "goals"), None)

    def step(self, step_id: str) -> Step | None:
        return self._by_id.get(step_id)

    @cached_property
    def _by_id(self) -> dict[str, Step]:
        return {s.id: s for s in self.steps}

    @cached_property
    def _index(self) -> dict[str, int]:
        """Where each step stands in `steps`, found once: comparing models is slow, and every
        answer asks for the step after the one answered."""
        return {step_id: self.steps.index(step) for step_id, step in self._by_id.items()}

    @cached_property
    def _numbers(self) -> dict[str, int]:
        return {step.id: number for number, step in enumerate(self.in_order, 1)}

    def number(self, step_id: str) -> int | None:
        """The step's number as the client sees it (1 for the first asked), None for a step
        never asked."""
        return self._numbers.get(step_id)

    @cached_property
    def in_order(self) -> tuple[Step, ...]:
        """The steps in the order they are asked (following `next`), each once."""
        steps: list[Step] = []
        step: Step | None = self.steps[0]
        while step is not None and step not in steps:
            steps.append(step)
            step = self.next_step(step.id)
        return tuple(steps)

    def outcome(self, outcome_id: str) -> Outcome:
        return next(o for o in self.outcomes if o.id == outcome_id)

    def next_step(self, step_id: str) -> Step | None:
        step = self.step(step_id)
        if step is None:
            return None
        if step.next:
            return self.step(step.next)
        index = self._index[step_id]
        return self.steps[index + 1] if index + 1 < len(self.steps) else None

    @model_validator(mode="after")
    def _coherent(self) -> Screening:
        if found := _incoherences(self):
            raise Problems(*found)
        return self


def _incoherences(screening: Screening) -> list[tuple[Location, str]]:
    """References between entries: outcomes, `next`, conditions, the goals step."""
    outcomes = [o.id for o in screening.outcomes]
    found: list[tuple[Location, str]] = [
        (("outcomes", i, "id"), f"outcome {o!r} is defined twice")
        for i, o in enumerate(outcomes) if o in outcomes[:i]]
    mildest = screening.when_nothing_declared
    if mildest not in outcomes:
        found.append((("when_nothing_declared",),
                      f"unknown outcome {mildest!r}; expected one of {outcomes}"))
    unsure = screening.when_unsure
    if unsure is not None and (unsure not in outcomes or unsure == mildest):
        found.append((("when_unsure",), f"expected an outcome other than {mildest!r} "
                      f"among {outcomes}"))
    ids = [s.id for s in screening.steps]
    reachable = {s.id for s in screening.in_order}
    declared: list[str] = []
    for i, step in enumerate(screening.steps):
        if step.id in ids[:i]:
            found.append((("steps", i, "id"), f"step {step.id!r} is defined twice"))
        if step.next and step.next not in ids:
            found.append((("steps", i, "next"), f"goes to missing step {step.next!r}"))
        if step.id not in reachable:
            found.append((("steps", i), "can never be reached"))
        where: Location = ("steps", i) if step.condition else ("steps", i, "options")
        for condition in step.conditions:
            found += _classified(where, condition, outcomes, mildest)
            if condition.id in declared:
                found.append(((*where, condition.id),
                              f"condition {condition.id!r} is declared by another step too"))
            declared.append(condition.id)
        if step.records and step is not screening.goals:
            found.append((("steps", i, "records"), "another step records the goals already"))
    return found


def _classified(where: Location, condition: Condition, outcomes: list[str],
                mildest: str) -> list[tuple[Location, str]]:
    if condition.outcome == mildest:
        return [((*where, "outcome"), f"leads to {mildest!r}, the outcome when nothing is "
                 "declared; a declared condition never does")]
    if condition.outcome not in outcomes:
        return [((*where, "outcome"),
                 f"unknown outcome {condition.outcome!r}; expected one of {outcomes}")]
    return []
