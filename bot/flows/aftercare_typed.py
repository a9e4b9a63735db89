"""What clients type during the aftercare week, read before anything else answers it.

A symptom ("very red and burning", "опухла щека") is that day's check-in with the answer it
describes, so the day's rule (dialogs/aftercare.yaml `problem_from_day`) decides whether staff
are alerted, exactly as the button would; of several, one that is a problem today wins. A
question about the week ("can I go to the sauna?", "is it normal to peel?") gets its answer and
alerts nobody. "All good" is a fine check-in. Anything else goes on to the usual routing
(bot/flows/typed.py), where what nothing answers is the day's check-in in the client's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.flows import Reply, Turn, Visit, aftercare
from bot.flows.typed_text import Typed

if TYPE_CHECKING:
    from bot.content import Content
    from bot.content.models import Aftercare
    from bot.flows.router import Router


@dataclass(frozen=True)
class Reading:
    """A message read as the aftercare week hears it: the symptoms it describes (check-in
    answers that can be a problem, in content order), the questions it asks, whether it says
    all is well."""

    symptoms: tuple[str, ...]
    questions: tuple[str, ...]
    fine: str | None

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
    symptoms = tuple(a.id for a in week.answers
                     if a.id in felt and a.id not in never_problem and not a.describe)
    questions = tuple(q for q in reader.aftercare_questions(text) if week.question(q))
    fine = next((a for a in never_problem if a in felt), None)
    return Reading(symptoms, questions, fine)


async def typed(visit: Visit, text: str) -> Turn | None:
    """During a running week: a symptom, a question or "all good" answered; else None."""
    plan = await visit.stores.aftercare.active_plan(visit.client.user_id)
    if plan is None:
        return None
    reading = read(visit.content, visit.language, text)
    answers = Turn([Reply(visit.tr(question.guidance)) for q in reading.questions
                    if (question := visit.content.aftercare.question(q))])
    day = aftercare.today(visit, plan)
    answer = reading.answer_on(day, visit.content.aftercare)
    if reading.symptoms and answer is not None:
        return await aftercare.record(visit, plan, day, answer, text[:1000]) + answers
    if answers.replies:
        return answers
    if answer is not None:
        return await aftercare.record(visit, plan, day, answer, None)
    return None


def register(router: Router) -> None:
    router.typed(Typed.AFTERCARE_WEEK)(typed)
