"""Typed replies inside the open check: an answer in the client's own phrasing ("нет конечно",
"yes but it healed") answers the open question and is echoed, so a misreading is visible and
Back undoes it; named goals or conditions tick their options; "where was I" shows the open
question again. Anything else asks the open question again with its buttons (after the answer
of a FAQ topic it asks about): while a check is open, typed text never opens another
conversation (a hand-off offer would take the client's next "yes" for its own). All of this
only while the question is the last thing asked: once the client left it for the menu or
another button, typed text is routed as usual (`in_view`) until the question is shown again.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.callbacks import prefix_of
from bot.content import Step
from bot.content.i18n import N_
from bot.content.letters import as_meant
from bot.content.routing import (
    Route,
    asks_only,
    of_another,
    opens_question,
    route,
    tells_health,
    waited,
    without_period,
    writers_clauses,
)
from bot.flows import Reply, Turn, Visit, faq
from bot.flows.eligibility import TOLD, YES
from bot.flows.eligibility import told as told_answer  # `told` is this answer's flag here
from bot.flows.language import written_in
from bot.flows.questions import NO, Answer, ask, open_step
from bot.flows.screening import advance, back
from bot.flows.typed_text import Typed
from bot.storage import ScreeningRecord

if TYPE_CHECKING:
    from bot.content import Content
    from bot.flows.router import Router

ANSWER_LABELS = {"yes": N_("screening.yes"), "no": N_("screening.no"),
                 "unsure": N_("screening.unsure")}
NONE = N_("screening.none_of_these")
# ...of them, a medicine or diagnosis and a symptom, left in a reply once its denials are
# taken out: a no that goes on to tell them is no plain no.
TOLD_WORDS = frozenset(("health:about", "health:symptoms"))
# A yes or a "not sure" to a group of conditions: which ones, then.
GROUP_NOTES = {YES: N_("screening.tick_which"), "unsure": N_("screening.tick_if_unsure")}


async def typed(visit: Visit, text: str) -> Turn | None:
    """The open check's answer to typed text; None when no check is open."""
    opened = await open_step(visit)
    if opened is None:
        return None
    record, step = opened
    reader = visit.content.replies[visit.language]
    if len(text) > faq.MAX_QUESTION:
        note = visit.tr("faq.too_long", limit=faq.MAX_QUESTION)
        return Turn([ask(visit, record, step, note=note)])
    if reader.resumes(text):
        return Turn([ask(visit, record, step, note=visit.tr("resume.here"))])
    if record.aside:  # the question is no longer on screen: "yes please" answers what is
        # ...unless nothing else asks: "no burns lol" after /mydata is for the check, whose
        # question is shown again to answer it there
        if reader.answer(text) is not None and "?" not in text and await \
                visit.stores.chat_states.get(visit.client.user_id) is None:
            return Turn([ask(visit, record, step, note=visit.tr("screening.answer_here"))])
        return None
    if reader.withholds(text):  # "не скажу": no answer, and no "no" either
        return Turn([ask(visit, record, step, note=visit.tr("screening.withheld"))])
    if reader.mistaken(text):  # "ой, перепутала, не беременна": the answer before, again
        note = visit.tr("screening.corrected")
        # "ой, на прошлый вопрос ошиблась, у меня диабет": kept as told, whichever question
        # the client meant.
        if named := _conditions(visit.content, visit.language, text):
            said = told_answer(sorted(named), record.answers.get(TOLD))
            await visit.stores.screenings.save_answer(record.id, TOLD, said, step.id, visit.now)
            record = record.answered(TOLD, said)
        return await back(visit, record, step, edit=False, note=note) or Turn(
            [ask(visit, record, step, note=note)])
    # "нет" from an English Telegram, "no, but…" from a Russian one: read as written.
    written = written_in(visit.settings, visit.language, text) or visit.language
    # A period beside the answer is a matter of when, not of this question: its tip, and the
    # rest read as the answer ("not pregnant but on my period" is a no).
    plain = without_period(visit.content, written, text)
    if plain is not None:
        turn = await typed(visit, plain) if plain.strip() else None
        tip = visit.tr("booking.tip.menstruation")
        if turn is None or not turn.replies:
            return Turn([ask(visit, record, step, note=tip)])
        first, *rest = turn.replies
        return Turn([replace(first, text=f"{tip}\n\n{first.text}"), *rest], turn.staff,
                    turn.clients)
    value = reader.answer(text)
    if value is None and (meant := as_meant(visit.content, visit.language, text)) != text and (
            value := reader.answer(meant)) is not None:
        text, written = meant, visit.language  # "net", typed on a Latin keyboard
    if value is None and written != visit.language:
        value = visit.content.replies[written].answer(text)
    found = route(visit.content, visit.services.matchers[written], written, text)
    named = _conditions(visit.content, written, text)
    over = waited(visit.content, written, text, named)  # "бросила роаккутан год назад"
    named -= over
    if over and not named and value is None:
        return Turn([ask(visit, record, step, note=visit.tr("screening.waited"))])
    theirs = of_another(visit.content, written, text)
    # "what does rosacea look like?": asked, not told; the check asks each of its conditions
    # by name, so nothing is lost. One it does not ask about is noted all the same.
    asked = value is None and not theirs and bool(named) and named <= set(
        visit.content.screening.conditions) and asks_only(visit.content, written, text)
    if asked:
        return Turn([ask(visit, record, step, note=visit.tr("screening.asked_condition"))])
    if theirs:  # "у мамы астма, у меня нет": theirs
        value = next(filter(None, map(visit.content.replies[written].answer, writers_clauses(
            visit.content, written, text))), None)
        named = set()
    elif (value == YES and not _lasting(visit.content, step) or value is None and (
            not named or named & _asked(step) and not _lasting(visit.content, step))) and (
            "?" not in text and visit.content.replies[written].tells_past(text)):
        # "бывает, но сейчас нет" or "had a cold sore 3 years ago, nothing now" to a question
        # of now, "в ремиссии" to one that asks about the past too: a person asks. The past
        # of another condition is that one's ("пила роаккутан год назад" at rosacea's).
        value = "unsure"
    elsewhere = False  # a yes that tells of health this question does not ask about
    not_me = visit.content.replies[written].not_me(step.id, text)
    if not_me:
        value, named = "no", set()  # "I am a man lol" to "are you pregnant?"
    elif value == YES and not named & _asked(step) and (named or _tells_more(
            visit.content, written, text)):
        # "I have diabetes" at the pacemaker question, "I'm prediabetic actually" at the one
        # about pregnancy: told, no yes to it.
        value, elsewhere = None, True
    elif value is None and step.kind == "yes_no" and named & _asked(step) and not (
            "?" in text or opens_question(visit.content, written, text)):
        value = "yes"  # "had a basal cell removed 2 yrs ago" to "ever had cancer?"
    elif value == NO and step.kind == "yes_no" and named & _asked(step) and _turned(
            visit.content, written, text):
        value = "yes"  # "нет, но мы с мужем ждём малыша" to "are you pregnant?": a yes after all
    told = value != YES and (bool(named - _asked(step)) or elsewhere or _tells_health(
        visit.content, written, text, found))
    if value == NO and not told and not not_me and (
            _goes_on(visit.content, written, step, text, named)
            or visit.content.replies[written].doubts(step.id, text)
            # "нет, но жду результаты биопсии", "no but it's healing", "нет, только ночью": a
            # no that turns on what it does not name, or says more than no, is no plain no
            or (step.kind == "yes_no" or step.conditions) and not theirs and _more_than_no(
                visit.content, written, text)):
        value = "unsure"
        # "no, i have MS" at the question about burns: whether the medicine or diagnosis left
        # undenied is this question's or another's, it is told too, so it is never lost.
        told = _tells_more(visit.content, written, text)
    elif value == NO and told and not named and step.kind == "yes_no" and not not_me and \
            _lasting(visit.content, step):
        # "нет, приступов уже три года не было, таблетки пью" to the question about epilepsy:
        # what was told beside the no may be this lasting condition, kept at bay; nothing
        # named says it is another's
        value = "unsure"
    if told:  # with the conditions named that this question does not ask, added to earlier
        said = told_answer(sorted(named - _asked(step)), record.answers.get(TOLD))
        await visit.stores.screenings.save_answer(record.id, TOLD, said, step.id, visit.now)
        record = record.answered(TOLD, said)  # the outcome, if this answer ends the check
    if step.kind == "yes_no":
        if value is None:
            return _aside(visit, record, step, found, told)
        turn = await _answered(visit, record, step, value, visit.tr_label(ANSWER_LABELS[value]))
        return _with_told(visit, turn) if told else turn
    turn = await _choose(visit, record, step, text, value, found)
    return _with_told(visit, turn) if told else turn


def _conditions(content: Content, language: str, text: str) -> set[str]:
    """The conditions a reply names and does not deny ("no, but I have a cold sore now";
    "no, never had herpes" names none)."""
    said = content.replies[language].affirmed(text)
    return {key.removeprefix("condition:") for key in content.spotters[language].find(said).keys
            if key.startswith("condition:")}


def _turned(content: Content, language: str, text: str) -> bool:
    """Whether a reply turns on a word of `denial_turns` ("no, but…")."""
    words = content.words.get(language)
    turns = words.health.denial_turns if words else ()
    return not set(turns).isdisjoint(re.findall(r"\w+", text.lower()))


def _asked(step: Step) -> set[str]:
    return {c.id for c in step.conditions}


def _tells_health(content: Content, language: str, text: str, found: Route) -> bool:
    """Whether a message tells of the client's health in a way this question does not ask
    about: a condition another question asked (answered there, maybe no) or none does (the
    caller checks those), or a statement the safety net is sure of that names health itself, a
    medicine, a symptom or the body ("no, but I take heart pills"); a skin type or a denial
    ("no, I have dry skin", "нет, ничего не принимаю") tells none. A yes needs no such reading:
    it declares the question's condition already."""
    if found.kind == "condition":
        return any(key not in content.screening.conditions for key in found.keys)
    return tells_health(content, language, text, found)


def _lasting(content: Content, step: Step) -> bool:
    """Whether the question asks about the past too (`ever`), or about a condition that lasts
    though it is quiet (its outcome offers no check again later: "no seizures for 10 years" is
    epilepsy all the same)."""
    return step.ever or (step.outcome is not None
                         and not content.screening.outcome(step.outcome).recheck)


def _tells_more(content: Content, language: str, text: str) -> bool:
    """Whether a reply, its denials taken out, still names a medicine, a diagnosis or a
    symptom."""
    said = content.replies[language].affirmed(text)
    return not TOLD_WORDS.isdisjoint(content.spotters[language].find(said).keys)


def _goes_on(content: Content, language: str, step: Step, text: str, named: set[str]) -> bool:
    """Whether a typed no goes on to tell what the question asks after all, so that it is no
    plain no: the very condition named ("no, only a small scratch on my cheek" to the question
    about wounds, "нет, только сцеживаюсь" to breastfeeding), a medicine or symptom left
    undenied ("no seizures for years, on meds"), or the past, where the question asks about it
    too ("not anymore", "no, cured 10 years ago" to "have you ever had cancer?")."""
    if named & _asked(step) or _lasting(content, step) and content.replies[language].tells_past(
            text):
        return True
    return _tells_more(content, language, text)


def _more_than_no(content: Content, language: str, text: str) -> bool:
    reader = content.replies[language]
    return reader.turns_on(text) or reader.says_more(text)


def _with_told(visit: Visit, turn: Turn) -> Turn:
    """The note that what the client told is kept for a specialist, above the next question."""
    first, *rest = turn.replies
    return Turn([replace(first, text=f"{visit.tr('screening.told')}\n\n{first.text}"), *rest],
                turn.staff, turn.clients)


def _aside(visit: Visit, record: ScreeningRecord, step: Step, found: Route,
           told: bool) -> Turn:
    """Not an answer: a question a FAQ topic answers gets that answer first ("does it hurt?");
    health told is noted for a specialist; then, or else, the open question again."""
    topic = faq.answer(visit, found.keys[0]) if found.kind == "faq" else None
    if topic is not None:
        return Turn(topic.replies + [ask(visit, record, step)])
    note = visit.tr("screening.told") if told else visit.tr("screening.not_an_answer")
    return Turn([ask(visit, record, step, note=note)])


async def _choose(visit: Visit, record: ScreeningRecord, step: Step, text: str,
                  value: str | None, found: Route) -> Turn:
    """A choose-many question: the options the text names are ticked; a no (or "done" once
    something is ticked) moves on with what is ticked; a question a FAQ topic answers ("а это
    больно?") gets that answer, and the list again."""
    chosen = [c for c in record.answers.get(step.id, "").split(",") if c and c != "-"]
    named = [o for o in step.options if o.id in _named(visit, step, text) and o.id not in chosen]
    if named:
        chosen += [o.id for o in named]
        await visit.stores.screenings.save_answer(record.id, step.id, ",".join(chosen), step.id,
                                                  visit.now)
        ticked = visit.tr("screening.ticked", options=", ".join(
            visit.tr_label(o.label) for o in named))
        return Turn([ask(visit, record.answered(step.id, ",".join(chosen)), step, note=ticked)])
    # "готово" (the Done button's word) with nothing ticked: none of these applies
    done = value == NO or visit.typed_label(text, "screening.done") or (
        bool(chosen) and visit.content.replies[visit.language].affirms(text))
    if done:
        shown = ", ".join(visit.tr_label(o.label) for o in step.options if o.id in chosen)
        said = shown or visit.tr_label(NONE if step.conditions else ANSWER_LABELS["no"])
        return await _answered(visit, record, step, ",".join(chosen) or "-", said)
    topic = faq.answer(visit, found.keys[0]) if found.kind == "faq" and value is None else None
    if topic is not None:
        return Turn(topic.replies + [ask(visit, record, step)])
    note = GROUP_NOTES.get(value or "") if step.conditions else None
    return Turn([ask(visit, record, step, note=visit.tr(note or N_("screening.not_a_choice")))])


def _named(visit: Visit, step: Step, text: str) -> set[str]:
    """The options of `step` a message names, not those it denies: goals in the client's
    words, or conditions."""
    reader = visit.content.replies[visit.language]
    said = reader.affirmed(text)
    if not step.conditions:
        return set(reader.goals(said))
    found = visit.content.spotters[visit.language].find(said).keys
    named = {key.removeprefix("condition:") for key in found if key.startswith("condition:")}
    return named - waited(visit.content, visit.language, text, named)


async def _answered(visit: Visit, record: ScreeningRecord, step: Step, value: str,
                    said: str) -> Turn:
    """Store the answer, echo it above what comes next (the next question, or the outcome)."""
    turn = await advance(visit, record, step, value)
    # After the last question the outcome has no Back to change it with.
    asked = bool(turn.replies) and any(prefix_of(button.data) == Answer.prefix
                                       for row in turn.replies[-1].buttons for button in row)
    echo = visit.tr("screening.noted", answer=said) if asked else visit.tr(
        "screening.noted_last", answer=said)
    first, *rest = turn.replies
    replies = [Reply(f"{echo}\n\n{first.text}", first.buttons), *(
        replace(r, edit=False) for r in rest)]
    return Turn(replies, turn.staff, turn.clients)


async def in_view(visit: Visit, turn: Turn) -> None:
    """After every turn: whether the open check's question is what the client sees last. A
    question edited in place follows an answer or Back, whose own write brought it back into
    view (`save_answer`, `move_to_step`): nothing to write then, on the busiest path."""
    if turn.replies:
        last = turn.replies[-1]
        asked = any(prefix_of(button.data) == Answer.prefix
                    for row in last.buttons for button in row)
        if not (asked and last.edit):
            await visit.stores.screenings.set_aside(visit.client.user_id, not asked)


def register(router: Router) -> None:
    router.typed(Typed.SCREENING_REPLY)(typed)
    router.after.append(in_view)
