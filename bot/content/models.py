"""The dialogs' YAML files as pydantic models, and the convention that names their messages.

An entry's message ids follow from its id (FAQ topic `what` → `faq.what.title`,
`faq.what.answer`, `faq.what.keywords`), so adding an entry is one line of YAML plus its texts
in each catalog; an id written in the YAML overrides the convention. Every message id is a
`MessageId`, so `message_ids` finds them all for the extractor and the check.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    model_validator,
)


class MessageId(str):
    """A catalog message id, as opposed to any other string of the content."""


Id = Annotated[StrictStr, Field(pattern=r"^[a-z0-9_]+$")]
Msg = Annotated[StrictStr, Field(min_length=1), AfterValidator(MessageId)]
Hour = Annotated[StrictInt, Field(ge=0, le=23)]
Days = Annotated[StrictInt, Field(ge=1)]


class Dialog(BaseModel):
    """A dialog file, or a part of one: unknown keys are typos, reported as such."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)


class Entry(Dialog):
    """An entry of a dialog file. `derived` names its message ids by convention: each template's
    `{}` is the entry's `key`. An entry given as a bare string is just its key."""

    key: ClassVar[str] = "id"
    derived: ClassVar[dict[str, str]] = {}

    @model_validator(mode="before")
    @classmethod
    def _conventions(cls, data: Any) -> Any:
        if isinstance(data, str):
            data = {cls.key: data}
        if isinstance(data, dict):  # without its key the entry is reported for that alone
            key = data.get(cls.key)
            return cls.conventions(key if isinstance(key, str) else "", data)
        return data

    @classmethod
    def conventions(cls, key: str, data: dict[str, Any]) -> dict[str, Any]:
        """`data` with every message id it does not write derived from `key`."""
        return {**{name: template.format(key) for name, template in cls.derived.items()}, **data}


def message_ids(value: object) -> Iterator[MessageId]:
    """Every message id in a model, its fields and their items, in the order they appear."""
    if isinstance(value, MessageId):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from message_ids(getattr(value, name))
    elif isinstance(value, tuple | list | frozenset):
        for item in value:
            yield from message_ids(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from message_ids(item)


class Choice(Entry):
    id: Id
    label: Msg


class MenuItem(Entry):
    key = "action"
    derived = {"label": "menu.{}"}
    action: Id  # registered by a flow with the router; `clinicbot check` verifies it
    label: Msg


class Menus(Dialog):
    main_menu: tuple[MenuItem, ...] = Field(min_length=1)


class FaqTopic(Entry):
    derived = {"title": "faq.{}.title", "answer": "faq.{}.answer", "keywords": "faq.{}.keywords"}
    id: Id
    title: Msg
    answer: Msg
    keywords: Msg
    offer: Id | None = None
    names: tuple[Id, ...] = ()  # conditions the answer names, for one asked about in general
    week: tuple[Id, ...] = ()  # questions of the aftercare week answered first, where asked
    # Answered after a condition's card where asked apart beside it ("how much is it? i'm
    # pregnant"): it says nothing of whether the procedure suits anyone.
    beside_health: bool = False


class Faq(Dialog):
    match_threshold: StrictFloat = Field(gt=0, le=1)
    ignore_words: Msg = "faq.ignore_words"
    topics: tuple[FaqTopic, ...] = Field(min_length=1)


class PreferredTime(Choice):
    derived = {"label": "booking.time.{}"}


class Booking(Dialog):
    preferred_times: tuple[PreferredTime, ...] = Field(min_length=1)
    season_months: dict[Annotated[StrictStr, Field(pattern="^(north|south)$")],
                        frozenset[Annotated[StrictInt, Field(ge=1, le=12)]]] = Field(
        alias="season")
    recheck_days: tuple[Days, ...] = Field(min_length=1)
    screening_valid_days: Days
    reminder_evening_hour: Hour
    reminder_morning_hour: Hour
    appointment_minutes: Annotated[StrictInt, Field(ge=5, le=720)]


class CheckinAnswer(Entry):
    """An aftercare check-in button. `normal` (the reassurance while it is not yet a problem)
    is `aftercare.reply.<id>`, except for an answer that is a problem from day 0."""

    derived = {"label": "aftercare.answer.{}"}
    id: Id
    label: Msg
    normal: Msg | None = None
    problem_from_day: Annotated[StrictInt, Field(ge=0)] | None = None
    describe: StrictBool = False

    @classmethod
    def conventions(cls, key: str, data: dict[str, Any]) -> dict[str, Any]:
        normal = None if data.get("problem_from_day") == 0 else f"aftercare.reply.{key}"
        return super().conventions(key, {"normal": normal, **data})

    def is_problem(self, day: int) -> bool:
        return self.problem_from_day is not None and day >= self.problem_from_day


class AftercareQuestion(Entry):
    """A question clients ask during the week (the sauna, makeup), answered by
    `aftercare.question.<id>`; `names`, the conditions of the check it answers when a client
    tells of them in the week (a holiday in the sun planned: the sun's answer)."""

    derived = {"guidance": "aftercare.question.{}"}
    id: Id
    guidance: Msg
    names: tuple[Id, ...] = ()


class Aftercare(Dialog):
    """The aftercare week: one message a day from day 0 to `closing_day`, `aftercare.day.<n>`."""

    evening_hour: Hour
    closing_day: Days
    reports_days: Days = 30
    answers: tuple[CheckinAnswer, ...] = Field(min_length=1)
    questions: tuple[AftercareQuestion, ...] = ()
    days: dict[int, Msg] = {}

    @model_validator(mode="before")
    @classmethod
    def _one_message_a_day(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("closing_day"), int):
            days = {day: f"aftercare.day.{day}" for day in range(data["closing_day"] + 1)}
            return {"days": days, **data}
        return data

    def answer(self, answer_id: str) -> CheckinAnswer | None:
        return next((a for a in self.answers if a.id == answer_id), None)

    def question(self, question_id: str) -> AftercareQuestion | None:
        return next((q for q in self.questions if q.id == question_id), None)


class Wait(Entry):
    """A medicine or state that is a reason to wait although the check does not ask about it."""

    derived = {"reason": "health.reason.{}"}
    id: Id
    outcome: Id
    reason: Msg


class Health(Dialog):
    waits: tuple[Wait, ...] = ()
