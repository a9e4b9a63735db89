"""How the aftercare week reads a message: the symptoms it tells, the week's questions it asks,
whether it says all is well (bot/flows/aftercare_typed.py answers by it; the words for
"something else", bot/flows/aftercare.py, are read by it too)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.content.replies import FINE_REACH

if TYPE_CHECKING:
    from bot.content import Content
    from bot.content.models import Aftercare


@dataclass(frozen=True)
class Reading:
    """A message read as the aftercare week hears it: the symptoms it describes (check-in
    answers that can be a problem, in content order), the questions it asks, whether it says
    all is well."""

    symptoms: tuple[str, ...]
    questions: tuple[str, ...]
    fine: str | None
    only_denied: bool = False  # fine only in that what it names is denied ("не болит")

    def answer_on(self, day: int, content: Aftercare) -> str | None:
        """The check-in answer for `day`: the first symptom that is a problem that day, else
        the first symptom, else fine."""
        answers = [a for a in content.answers if a.id in self.symptoms]
        problem = next((a.id for a in answers if a.is_problem(day)), None)
        return problem or (answers[0].id if answers else self.fine)

    @property
    def label(self) -> str:
        """`problem:<answer>`, `aftercare:<question>` or `fine`, as the test corpus writes it;
        what none of them fits is `problem:other`, the check-in in the client's words."""
        if self.symptoms:
            return f"problem:{self.symptoms[0]}"
        if self.questions:
            return f"aftercare:{self.questions[0]}"
        return "fine" if self.fine else "problem:other"


def read(content: Content, language: str, text: str) -> Reading:
    reader, week = content.replies[language], content.aftercare
    felt = set(reader.checkin(text))
    never_problem = [a.id for a in week.answers if a.problem_from_day is None]
    asked = "?" in text
    well = () if asked else reader.checkin(text, reach=FINE_REACH)
    fine = next((a for a in never_problem if a in well), None)
    # "not very good", "не очень хорошо": all is well taken back, something is wrong (`other`,
    # in the client's words).
    unwell = not asked and fine is None and any(
        a in reader.checkin(text, reach=0) for a in never_problem)
    symptoms = tuple(a.id for a in week.answers if a.id not in never_problem
                     and (a.id in felt or (unwell and a.describe)))
    # Every symptom or sign told gone or denied ("покраснение прошло", "не красная", "гноя
    # нет"): all is well.
    only_denied = not symptoms and fine is None and not asked and not unwell and bool(
        never_problem) and bool(set(reader.checkin(text, gone=False, negate=False)) - set(
            never_problem) or reader.names_a_sign(text) and not reader.urgent(text))
    if only_denied:
        fine = never_problem[0]
    questions = tuple(q for q in reader.aftercare_questions(text) if week.question(q))
    now = reader.lately(text)
    if symptoms and now is not None:
        later = read(content, language, now)
        if later.fine and not later.symptoms:
            return Reading((), questions, later.fine)
    return Reading(symptoms, questions, fine, only_denied)
