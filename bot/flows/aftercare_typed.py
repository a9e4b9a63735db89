"""What clients type during the aftercare week, read before the other typed-text handlers (a
sign that needs care today is read before all of them: `Router.urgent`).

A symptom ("very red and burning", "опухла щека") is that day's check-in with the answer it
describes, so the day's rule (dialogs/aftercare.yaml `problem_from_day`) decides whether staff
are alerted, exactly as the button would; of several, one that is a problem today wins, so a
symptom no class names ("one eye is watering", "синяк": `other`) alerts staff even beside
redness on its first days. A question about the week ("can I go to the sauna?", "is it normal
to peel?") gets its answer and alerts nobody. "All good" is a fine check-in, and so is a
symptom told of earlier and then all well now ("was slightly pink yesterday, today totally
normal"); a question ("это нормально?") is not, and "not very good" is something wrong in the
client's words. A condition named ("just found out I'm pregnant") is never a question's
answer alone, unless it is what the question asks about ("when can i use my retinol again").
It and anything else go on to the usual routing (bot/flows/typed.py), which alerts staff of a
condition, and where what nothing answers is the day's check-in in the client's words.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.content.i18n import N_
from bot.content.letters import as_meant
from bot.content.routing import route, without_period
from bot.flows import Reply, Turn, Visit, aftercare, health_kept
from bot.flows.aftercare_reading import Reading, read
from bot.flows.typed_text import Typed

_WORD = re.compile(r"[^\W\d_]")

if TYPE_CHECKING:
    from bot.flows.router import Router


async def typed(visit: Visit, text: str) -> Turn | None:
    """During a running week: a symptom, a question or "all good" answered; else None."""
    plan = await aftercare.week_plan(visit)
    if plan is None:
        return None
    plain = without_period(visit.content, visit.language, text)
    if plain is not None:  # a period is no news of the skin: what else the week reads in it
        rest = await typed(visit, plain) if _WORD.search(plain) else None
        return rest or await aftercare.unclear(visit)
    reading = _with_named(visit, text, _read_as_written(visit, text))
    kept = Turn()
    if _tells_health(visit, text, reading):
        if not reading.symptoms:
            return None  # the usual routing: the caution, and the clinic hears of it
        # Beside a symptom: the check-in below alerts staff, in the client's words; the next
        # check counts it, once the client agreed (asked so: the words went to staff already).
        kept = await health_kept.keep(visit, ask=N_("health.keep.ask_week"))
    answers = Turn([Reply(visit.tr(question.guidance)) for q in reading.questions
                    if (question := visit.content.aftercare.question(q))])
    day = aftercare.today(visit, plan)
    answer = reading.answer_on(day, visit.content.aftercare)
    if reading.symptoms and answer is not None:
        return await aftercare.record(visit, plan, day, answer, text) + answers + kept
    if answers.replies:
        return answers
    if answer is None:
        return None
    if reading.only_denied and await aftercare.reported_lately(visit, plan, day):
        # "не болит" right after "гной на щеке": more of the alert, not the end of it
        return aftercare.added(visit, day, text)
    # "уже всё прошло" after a problem: staff read it under the alert
    return await aftercare.record(visit, plan, day, answer, None, said=text)
    return None


def _read_as_written(visit: Visit, text: str) -> Reading:
    """The message read in the client's language, as the rest of the bot reads it: typed on a
    Latin keyboard ("vse horosho"), in its own letters, where that reading finds anything."""
    spelled = as_meant(visit.content, visit.language, text)
    if spelled != text:
        reading = read(visit.content, visit.language, spelled)
        if reading.symptoms or reading.questions or reading.fine:
            return reading
    return read(visit.content, visit.language, text)


def _with_named(visit: Visit, text: str, reading: Reading) -> Reading:
    """The reading, with the week's questions that name the conditions the message tells of
    ("завтра лечу на море, можно?": sun planned, the sun's question) where its words asked
    none."""
    if reading.questions:
        return reading
    found = route(visit.content, visit.services.matchers[visit.language], visit.language, text)
    named = tuple(q.id for q in visit.content.aftercare.questions
                  if found.kind == "condition" and set(found.keys) <= set(q.names))
    return replace(reading, questions=named) if named else reading


def _tells_health(visit: Visit, text: str, reading: Reading) -> bool:
    """Whether the message names a condition of the client's ("just found out I'm pregnant",
    "узнала, что беременна, можно краситься?"): that is for a person, whatever question comes
    beside it; unless every condition it names is what the week's question it asks is about
    ("when can i use my retinol again": the retinoids question, no news for staff), or one
    that question names ("beach next week": the sun's)."""
    found = route(visit.content, visit.services.matchers[visit.language], visit.language, text)
    answered = {name for q in reading.questions
                if (question := visit.content.aftercare.question(q))
                for name in (q, *question.names)}
    return found.kind == "condition" and not set(found.keys) <= answered


def register(router: Router) -> None:
    router.typed(Typed.AFTERCARE_WEEK)(typed)
