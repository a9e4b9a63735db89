"""How clients reply in context (dialogs/replies.<language>.yaml): a yes, a no or a "not sure" to
the open question, an affirmation of what the bot just offered, a wish to pick up where they
stopped or to get out ("отмена", "go back", "главное меню"), the skin goals they name; during
the aftercare week, what they ask and what they feel.

People answer a yes/no question the way they talk: "нет конечно", "не, нету", "no never",
"ага, есть", "yes but it healed". So an answer is read from how the message starts, not from
the whole of it: a "not sure" anywhere wins (it is the cautious reading), then the first yes or
no word, after fillers ("well", "ну") and emphasis ("of course", "конечно"); the longest phrase
wins there ("i have no" over "i have", "да нет" over "да"). Emphasis alone ("конечно") is a yes.
A hedge ("вроде", "probably") before the answer, or alone, is not sure; after a yes or no that
opens the reply it only softens it ("нет, вроде", "nope, not that I know of" are a no).
A long message is a sentence, and a question ("есть парковка?") a question, not an answer.
A letter typed three times or more is read once ("нееет", "yesss").
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StrictStr

from bot.content.lemmas import CACHE_SIZE
from bot.content.loading import load_per_language
from bot.content.models import Dialog, Id
from bot.content.spotting import Reading, Spotter

Phrases = tuple[Annotated[StrictStr, Field(min_length=1)], ...]
Answer = Literal["yes", "no", "unsure"]
Navigation = Literal["cancel", "back", "menu", "stop", "forget", "language"]
# Wishes about the whole chat (/stop, /forget, /language): they win over reading an answer
# they open like ("не пишите мне"), and a conversation begun keeps its own words.
ABOUT_THE_CHAT: tuple[Navigation, ...] = ("stop", "forget", "language")
MAX_ANSWER_WORDS = 12  # longer, it is a sentence: asked again rather than read as an answer
MAX_AFFIRMATION_WORDS = 5
# A wish about the chat is said in more words ("please stop sending me these messages"), all
# of them its phrase or words around one.
MAX_NAVIGATION_WORDS = 8
RESUME_LEFTOVER = 2  # other words "where was I" may come with ("so, where was I?")
FINE_REACH = 3  # words after a negator that "all is well" is not said in ("not very good")
_EMOJI = re.compile(r"[\u2600-\u27bf\U0001f300-\U0001faff]")
_TOKEN = re.compile(r"[^\W_]+|" + _EMOJI.pattern, re.UNICODE)
# Punctuation, and an emoji, which ends a thought as a comma does ("no 🙂 still breastfeeding").
_CLAUSE = re.compile(r"(?:[,.;:!?()\n]|" + _EMOJI.pattern + ")+")
_RAW_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")


class Replies(Dialog):
    yes: Phrases
    no: Phrases
    unsure: Phrases
    withheld: Phrases = ()  # a refusal to say ("не скажу"): no answer, never a no
    hedges: Phrases = ()
    # How much, beside an answer ("было немного", "yes, a bit"): still that answer.
    degrees: Phrases = ()
    # Skin types, told beside a no ("no, just oily skin"): nothing a specialist must weigh.
    skin_types: Phrases = ()
    emphasis: Phrases = ()
    fillers: Phrases = ()
    affirm: Phrases = ()
    resume: Phrases = ()
    # Words telling that the answer just given was a slip ("перепутала", "wrong button"): the
    # question before is asked again rather than this message taken for the next one's answer.
    mistake: Phrases = ()
    navigate: dict[Navigation, Phrases] = {}
    polite: Phrases = ()
    speaker: Phrases = ()
    courtesy: Phrases = ()
    goals: dict[Id, Phrases] = {}
    aftercare: dict[Id, Phrases] = {}
    checkin: dict[Id, Phrases] = {}
    # Signs after the procedure that need a doctor's eye today, whatever the day (pus, a
    # fever, pain past bearing): told, not denied, they make a problem urgent.
    urgent: Phrases = ()
    # Signs of a severe allergic reaction (the breath, the throat, the tongue, the lips): told
    # by anyone, at any time, emergency services come first. After the procedure they are
    # urgent too.
    emergency: Phrases = ()
    # The eyes and eyelids: a symptom told of them is urgent; not of the skin around them.
    eyes: Phrases = ()
    around_eyes: Phrases = ()
    negators: Phrases = ()
    gone: Phrases = ()
    gone_joins: Phrases = ()
    negator_joins: Phrases = ()
    turns: Phrases = ()
    doubts: dict[Id, Phrases] = {}
    not_me: dict[Id, Phrases] = {}
    call_back: Phrases = ()
    cancels: Phrases = ()
    moves: Phrases = ()
    comes: Phrases = ()
    new_number: Phrases = ()
    # Words that only bring a phone number typed as the contact ("my number is", "thx").
    around_a_number: Phrases = ()
    cancel_asks: Phrases = ()
    another_time: Phrases = ()
    earlier: Phrases = ()
    now: Phrases = ()
    past: Phrases = ()


def tokens(text: str) -> tuple[str, ...]:
    """Lower-case words and emoji; apostrophes dropped ("don't" is "dont"), ё read as е, a
    letter typed three times or more read once ("нееет" is "нет")."""
    folded = text.lower().replace("ё", "е").replace("’", "").replace("'", "")
    return tuple(_TOKEN.findall(_STRETCHED.sub(r"\1", folded)))


class ReplyReader:
    """One language's replies, ready to read messages with."""

    def __init__(self, language: str, replies: Replies, reading: Reading) -> None:
        def phrases(texts: Phrases) -> frozenset[tuple[str, ...]]:
            return frozenset(filter(None, (tokens(t) for t in texts)))

        self._polar = {**{p: "no" for p in phrases(replies.no)},
                       **{p: "yes" for p in phrases(replies.yes)}}
        self._polar_phrases = frozenset(self._polar)
        # A yes that only echoes the question ("I am", "I have"): what follows it may answer
        # otherwise ("I'm all good thanks").
        speaker = phrases(replies.speaker)
        self._speaker_words = frozenset(p[0] for p in speaker)
        self._echoes = frozenset(p for p, value in self._polar.items() if value == "yes" and any(
            p[:len(said)] == said for said in speaker))
        self._unsure, self._hedges = phrases(replies.unsure), phrases(replies.hedges)
        self._withheld = phrases(replies.withheld)
        self._emphasis, self._fillers = phrases(replies.emphasis), phrases(replies.fillers)
        # Every word of a short yes to an offer is one of these.
        self._affirming = phrases(replies.affirm) | self._emphasis | self._fillers | frozenset(
            p for p, value in self._polar.items() if value == "yes")
        self._resume = Spotter(language, {"resume": replies.resume}, reading)
        self._felt_words: dict[str, bool] = {}
        self.navigate = {kind: phrases(texts) for kind, texts in replies.navigate.items()}
        self._around = self._fillers | phrases(replies.polite)  # "ok cancel please"
        self._goals = Spotter(language, dict(replies.goals), reading)
        self._aftercare = Spotter(language, dict(replies.aftercare), reading)
        self._negators = frozenset(w for n in replies.negators for w in tokens(n))
        self._gone = phrases(replies.gone)
        self._gone_joins = frozenset(w for n in replies.gone_joins for w in tokens(n))
        self._negator_joins = frozenset(w for n in replies.negator_joins for w in tokens(n))
        # Before a word that turns what was said ("no but…", "нет кроме…") a clause ends, as
        # at a comma: what follows says something of its own.
        self._turns = re.compile(r"(?i)(?<!\w)(?=(?:{})(?!\w))".format("|".join(
            sorted(map(re.escape, replies.turns), key=len, reverse=True)))) \
            if replies.turns else None
        self._turn_words = phrases(replies.turns)
        self._degrees = phrases(replies.degrees)
        self._skin_types = phrases(replies.skin_types)
        # A check-in phrase with a negator in it ("no problems", "проблем нет") is found as
        # written, word for word; the others in any order and form, where they are said.
        self._denials = {key: phrases(tuple(t for t in texts
                                            if not self._negators.isdisjoint(tokens(t))))
                         for key, texts in replies.checkin.items()}
        self._checkin = Spotter(language, {
            key: [t for t in texts if self._negators.isdisjoint(tokens(t))]
            for key, texts in replies.checkin.items()}, reading)

        def signs(texts: Phrases) -> tuple[frozenset[tuple[str, ...]], Spotter]:
            """Signs with a negator in them ("can hardly breathe", "не могу дышать"), found as
            written, word for word, as the check-in's denials are; the others where said."""
            return (phrases(tuple(t for t in texts if not self._negators.isdisjoint(tokens(t)))),
                    Spotter(language, {"sign": [t for t in texts
                                                if self._negators.isdisjoint(tokens(t))]},
                            reading))

        self._urgent_denials, self._urgent = signs((*replies.urgent, *replies.emergency))
        self._sign_words = max((len(tokens(t)) for t in (*replies.urgent, *replies.emergency)),
                               default=0)
        self._emergency_denials, self._emergency = signs(replies.emergency)
        self._eyes = Spotter(language, {"eyes": replies.eyes}, reading)
        self._around_eyes = phrases(replies.around_eyes)
        self._mistake = phrases(replies.mistake)
        self._doubts = {step: phrases(texts) for step, texts in replies.doubts.items()}
        self._not_me = {step: phrases(texts) for step, texts in replies.not_me.items()}
        self._call_back = phrases(replies.call_back)
        self._cancels, self._another_time = phrases(replies.cancels), phrases(replies.another_time)
        self._moves, self._cancel_asks = phrases(replies.moves), phrases(replies.cancel_asks)
        self._new_number, self._comes = phrases(replies.new_number), phrases(replies.comes)
        self._earlier, self._now = phrases(replies.earlier), phrases(replies.now)
        self._past = phrases(replies.past)
        self._around_a_number = phrases(replies.around_a_number)
        self._cancels_or_moves = self._cancels | self._moves | self._cancel_asks
        self._not_an_answer = self._skin_types | self._around  # "oily", "thanks"
        # What may follow a no and leave it plain: more of the no ("no, I'm healthy", "нет, не
        # было"), words around it, a hedge, the writer, a skin type, a turn word, "all is well"
        # in words of the check-in. A degree ("нет, немного") or anything else says more.
        self._plain = (self._polar_phrases | self._fillers | self._emphasis | self._around
                       | self._hedges | phrases(replies.speaker) | self._skin_types
                       | self._turn_words | phrases(replies.checkin.get("fine", ())))
        self._courtesy = phrases(replies.courtesy)
        # The ids each part names, for `clinicbot check` (bot/content/check_replies.py).
        self.names = {"goals": frozenset(replies.goals),
                      "aftercare": frozenset(replies.aftercare),
                      "checkin": frozenset(replies.checkin),
                      "doubts": frozenset(replies.doubts),
                      "not_me": frozenset(replies.not_me)}

    def answer(self, text: str) -> Answer | None:
        """The message read as a reply to a yes/no question; None when it is not one."""
        words = tokens(text)
        if not words or len(words) > MAX_ANSWER_WORDS:
            return None
        if _any_within(words, self._withheld):
            return None
        if _any_within(words, self._unsure):
            return "unsure"
        hedged = _any_within(words, self._hedges)
        at, emphasised = 0, False
        while at < len(words):
            polar = _longest(words, at, self._polar_phrases)
            hedge = _longest(words, at, self._hedges)
            if hedge is not None and len(hedge) >= len(polar or ()):
                return "unsure"  # "вроде нет", "not that I know": "not" is no answer there
            if polar is not None and "?" in text and at + len(polar) < len(words):
                return None  # "есть парковка?", "do you sell gift cards?": a question
            if polar in self._echoes and at + len(polar) < len(words) and words[
                    at + len(polar)].isdigit():
                return None  # "I'm 34", "у меня есть 2 вопроса": no yes ("yep 5 months" is)
            if polar in self._echoes and at + len(polar) < len(words) and self.answer(
                    " ".join(words[at + len(polar):])) == "no":
                return "no"  # "I'm all good thanks", "i am all clear"
            if polar is not None:
                value: Answer = "no" if self._polar[polar] == "no" else "yes"
                return "unsure" if self._contradicted(text, value) else value
            skip = _longest(words, at, self._emphasis)
            emphasised |= skip is not None
            skip = skip or _longest(words, at, self._fillers)
            if skip is None:
                return None
            at += len(skip)
        return "unsure" if hedged else "yes" if emphasised else None

    def turns_on(self, text: str) -> bool:
        """Whether the reply turns on a word of `turns` to say something of its own: two words
        or more after it ("no, only exercise-induced", "нет, только на носу"; "not pregnant
        but rn" says nothing more, "no, just oily skin" only the skin's type, "no, but I want
        to get rid of pigmentation" a goal, "no, but thanks" a courtesy)."""
        words = tokens(text)
        if _any_within(words, self._not_an_answer) or self.goals(text):
            return False  # "no, but I want to get rid of pigmentation", "no, but thanks"
        return any(words[i:i + len(turn)] == turn and len(words) - i - len(turn) >= 2
                   for turn in self._turn_words for i in range(len(words)))

    def says_more(self, text: str) -> bool:
        """Whether a reply, its denials taken out, says more than its answer: "нет, только
        начинается", "no, just tingling", "нет, 2 типа компенсирован", "нет, уже вылечила". A
        skin goal ("no, but I want to get rid of pigmentation"), a courtesy ("no, but thanks
        for asking") and an emoji say nothing more.
        What it says is unknown here, so a no beside it is no plain no."""
        for clause in self.affirmed(text).split(","):
            words = tokens(clause)
            if not words or self.goals(clause) or _any_within(
                    words, self._courtesy):
                continue
            at = 0
            while at < len(words):
                found = _longest(words, at, self._plain)
                if found is None and not _EMOJI.fullmatch(words[at]):
                    return True
                at += len(found) if found else 1
        return False

    def _contradicted(self, text: str, value: Answer) -> bool:
        """Whether a later clause of the reply is the other answer ("нет, но да", "не, ну было
        немного", "yes, no wait"): no plain answer either way. The clause is that answer and
        nothing else but fillers, hedges and `degrees`: "no, I have MS" tells, and is read as
        telling, not as a yes; "нет, не было" says no twice."""
        around = (self._turn_words | self._fillers | self._emphasis | self._hedges
                  | self._degrees | self._around)
        for clause in self._clauses(text)[1:]:
            words, at, other = tokens(clause), 0, False
            while at < len(words):
                polar = _longest(words, at, self._polar_phrases)
                skip = _longest(words, at, around)
                if polar is not None and len(polar) >= len(skip or ()):
                    other |= self._polar[polar] != value
                    at += len(polar)
                    denied = _longest(words, at, self._polar_phrases)
                    if self._polar[polar] == "no" and at < len(words) and (
                            denied is None or self._polar[denied] == "yes"):
                        at += 1  # what a no denies: "не было" is no "было"
                elif skip is not None:
                    at += len(skip)
                else:
                    break
            if other and at == len(words):
                return True
        return False

    def names_skin_type(self, text: str) -> bool:
        """Whether the message names a skin type ("у меня сухая кожа"): no health told."""
        words = tokens(text)
        return _any_within(words, self._skin_types)

    def withholds(self, text: str) -> bool:
        """Whether a short reply refuses to say ("не скажу", "I'd rather not say")."""
        words = tokens(text)
        return len(words) <= MAX_ANSWER_WORDS and _any_within(words, self._withheld)

    def tells_past(self, text: str) -> bool:
        """Whether a reply speaks of something past ("not anymore", "cured years ago", "но
        раньше была"): to a question that asks about the past too, no plain no."""
        words = tokens(text)
        return _any_within(words, self._past)

    def affirms(self, text: str) -> bool:
        """A short yes to an offer, every word of it: "давайте", "sounds good", "да, хочу";
        "yes, I have herpes" is not one."""
        words = tokens(text)
        if not words or len(words) > MAX_AFFIRMATION_WORDS:
            return False
        at = 0
        while at < len(words):
            found = _longest(words, at, self._affirming)
            if found is None:
                return False
            at += len(found)
        return True

    def affirmed(self, text: str) -> str:
        """The clauses of a message that say something is so: one with a negator in it says
        it is not ("нет, не загорала", "no keloids, no eczema"); "нет, только ретинол" keeps
        its second clause, as "нет только ретинол" does: a word of `turns` begins a clause."""
        return ", ".join(c for c in self._clauses(text) if self._negators.isdisjoint(tokens(c)))

    def _clauses(self, text: str) -> list[str]:
        """The message cut at punctuation, before each word of `turns`, and after a no that
        opens it when the writer speaks next ("none I'm on warfarin": the no denies nothing
        of what follows)."""
        return [part for clause in _CLAUSE.split(self._answer_apart(text)) for part in (
            self._turns.split(clause) if self._turns else (clause,))]

    def _answer_apart(self, text: str) -> str:
        """The text with a comma after the no it opens with, where a word of `speaker`
        follows it."""
        raw = list(_RAW_WORD.finditer(text))
        words = tuple(tokens(m.group(0))[0] if tokens(m.group(0)) else "" for m in raw)
        polar = _longest(words, 0, self._polar_phrases)
        if polar is None or self._polar[polar] != "no" or len(words) <= len(polar) or \
                words[len(polar)] not in self._speaker_words:
            return text
        end = raw[len(polar) - 1].end()
        return f"{text[:end]},{text[end:]}"

    def clause_starts(self, text: str) -> list[int]:
        """Where each clause of a message begins: at its start (an empty message is one empty
        clause), after punctuation, and at a word of `turns` ("не смогу завтра, перенесите на
        четверг": two clauses)."""
        starts = {0} | {m.end() for m in _CLAUSE.finditer(text)}
        if self._turns is not None:
            starts |= {m.start() for m in self._turns.finditer(text)}
        return sorted(start for start in starts if start == 0 or start < len(text))

    def doubts(self, step_id: str, text: str) -> bool:
        """Whether a reply to question `step_id` says what may not be known yet ("no, we're
        trying" to "are you pregnant?"): a no then is no plain no."""
        words = tokens(text)
        return _any_within(words, self._doubts.get(step_id, frozenset()))

    def not_me(self, step_id: str, text: str) -> bool:
        """Whether a reply to question `step_id` says it cannot concern the writer ("I am a man
        lol" to "are you pregnant?"): a no, whatever "I am" would say alone."""
        words = tokens(text)
        return _any_within(words, self._not_me.get(step_id, frozenset()))

    def calls_back(self, text: str) -> bool:
        """Whether a message asks the clinic to phone ("just call me", "перезвоните мне")."""
        words = tokens(text)
        return _any_within(words, self._call_back)

    def cancels(self, text: str) -> bool:
        """Whether a message says the client cannot come, or wants their visit moved ("i need
        to cancel", "не смогу прийти")."""
        words = tokens(text)
        return _any_within(words, self._cancels_or_moves)

    def comes(self, text: str) -> bool:
        """Whether a message says the client will come to their visit ("буду", "I'll be
        there"), whatever else it says."""
        words = tokens(text)
        return _any_within(words, self._comes)

    def new_number(self, text: str) -> bool:
        """Whether a message tells of a new phone number of the client's, or asks to change it
        ("my number changed", "хочу поменять номер")."""
        words = tokens(text)
        return _any_within(words, self._new_number)

    def asks_cancel(self, text: str) -> bool:
        """Whether a message asks to cancel the client's visit ("please cancel my
        appointment", "отмените запись"), not to move it."""
        words = tokens(text)
        return not self.moves(text) and _any_within(words, self._cancel_asks)

    def moves(self, text: str) -> bool:
        """Whether a message asks for another time for the client's visit ("please move it",
        "перенесите")."""
        words = tokens(text)
        return _any_within(words, self._moves)

    def another_time(self, text: str) -> bool:
        """Whether a message asks for another day or time, if it names one ("thursday
        instead", "в другой день")."""
        words = tokens(text)
        return _any_within(words, self._another_time)

    def resumes(self, text: str) -> bool:
        """"Where was I", "продолжить": the client wants to pick up where they stopped."""
        found = self._resume.find(text)
        return bool(found.keys) and len(found.leftover) <= RESUME_LEFTOVER

    def mistaken(self, text: str) -> bool:
        """Whether the message tells the last answer was a slip ("ой, перепутала")."""
        words = tokens(text)
        return _any_within(words, self._mistake)

    def navigation(self, text: str) -> Navigation | None:
        """A message that only asks to leave what is in progress ("отмена", "stop"), to go back
        a step ("назад") or for the menu ("главное меню"), fillers and a "please" aside."""
        words = tokens(text)
        if not words or len(words) > MAX_NAVIGATION_WORDS:
            return None
        for kind, known in self.navigate.items():
            at, named = 0, False
            while at < len(words):
                found = _longest(words, at, known)
                named |= found is not None
                found = found or _longest(words, at, self._around)
                if found is None:
                    break
                at += len(found)
            if at == len(words) and named:
                return kind
        return None

    def goals(self, text: str) -> tuple[str, ...]:
        """The skin goals a message names ("поры и морщины")."""
        return self._goals.find(text).keys

    def aftercare_questions(self, text: str) -> tuple[str, ...]:
        """What a message asks about the week after the procedure ("can I go to the sauna")."""
        return self._aftercare.find(text).keys

    def checkin(self, text: str, reach: int = 1, *, gone: bool = True,
                negate: bool = True) -> tuple[str, ...]:
        """The check-in answers a message describes ("very red and burning": redness, pain);
        unless `negate` is False, a word up to `reach` words after a negator in its clause is
        not said ("no swelling", "не болит"; "не очень хорошо" at a reach of 2; nor after one of
        `negator_joins` right after such a word: "no cracks or blisters"), a denial is ("no
        problems"); nor, unless `gone` is False, one told `gone` ("redness is gone",
        "трещин и пузырей нет"; not "покраснение не прошло")."""
        said = self._said(text, reach, gone=gone, negate=negate)
        words = tokens(text)
        denied = [key for key, found in self._denials.items()
                  if _any_within(words, found)]
        return tuple(dict.fromkeys(self._checkin.find(" ".join(said)).keys + tuple(denied)))

    def urgent(self, text: str) -> bool:
        """Whether the message tells of a sign that needs a doctor's eye today ("гной",
        "the pain is unbearable", "терпеть невозможно"); not where it is denied ("no fever")."""
        return self._tells(text, self._urgent, self._urgent_denials)

    def emergency(self, text: str) -> bool:
        """Whether the message tells of a sign of a severe allergic reaction ("my lips are
        swelling", "трудно дышать"); not where it is denied ("no trouble breathing")."""
        return self._tells(text, self._emergency, self._emergency_denials)

    def _tells(self, text: str, signs: Spotter, denials: frozenset[tuple[str, ...]]) -> bool:
        """Whether the message tells of one of `signs` where it is not denied, or says one of
        the signs written with a negator in them ("can hardly breathe")."""
        return bool(signs.find(" ".join(self._said(text))).keys) or _any_within(
            tokens(text), denials)

    def of_the_eyes(self, text: str) -> bool:
        """Whether a clause of the message tells a symptom and names the eyes or eyelids
        ("глаз болит", "eyes are red and watering"; not "eyes are fine but my cheeks burn",
        nor "в глаза не попало"): it is urgent."""
        return any(self._eyes.find(" ".join(_without(self._said(clause), self._around_eyes))
                                   ).keys and any(key != "fine" for key in self.checkin(clause))
                   for clause in self._clauses(text))

    def names_a_sign(self, text: str) -> bool:
        """Whether the message names a sign that needs care today, told or not ("no fever",
        "гноя нет" name one)."""
        return bool(self._urgent.find(text).keys)

    def _said(self, text: str, reach: int = 1, *, gone: bool = True,
              negate: bool = True) -> list[str]:
        """The message's words less those denied or told gone, as `checkin` reads them. A
        negation ends at the first check-in answer or sign it reaches: "не отекло всё отлично"
        denies the swelling, not the rest. A negator that tells the word before it absent
        ("гноя нет температура 39") denies nothing after it."""
        said = []
        for clause in _CLAUSE.split(text):
            words, until = tokens(clause), -1  # the last word the latest negation reaches
            absent = self._signs_told_gone(words) if gone else frozenset()
            for i, word in enumerate(words):
                if i > until:
                    if not (gone and (i in absent or self._told_gone(words, i))):
                        said.append(word)
                elif self._felt(word):
                    until = i
                if not negate:
                    continue
                if word in self._negators and not (
                        i and (word,) in self._gone and (i - 1 in absent
                                                         or self._felt(words[i - 1]))):
                    until = i + reach
                elif word in self._negator_joins and until >= 0 and i <= until + 1:
                    # "no cracks or blisters", "no more redness"
                    until = max(until, i + min(reach, 1))
        return said

    def _signs_told_gone(self, words: tuple[str, ...]) -> frozenset[int]:
        """Where the words of a sign of several words stand that are told gone or absent
        right after it ("аллергической реакции нет", "the allergic reaction went away"); a
        sign of one word is `_told_gone`'s."""
        found: set[int] = set()
        for end in range(2, len(words)):
            if _longest(words, end, self._gone) is None or self._felt(words[end - 1]):
                continue
            before = words[max(0, end - self._sign_words):end]
            if not self._urgent.find(" ".join(before)).keys:
                continue
            start = next((start for start in range(len(before) - 1)
                          if self._urgent.explains(" ".join(before[start:]))), None)
            if start is not None:
                found.update(range(end - len(before) + start, end))
        return frozenset(found)

    def _told_gone(self, words: tuple[str, ...], at: int) -> bool:
        """Whether the word at `at`, itself a check-in answer or an urgent sign ("покраснение",
        "температуры"; not "всё" of "всё прошло"), is told gone: a `gone` word right after
        it, or after one more word ("redness is gone"), past other check-in answers joined to
        it ("трещин и пузырей нет"), with no negator between; not one asked of ("гной или
        нет")."""
        if not self._felt(words[at]):
            return False
        after = at + 1
        while after < len(words) and (self._felt(words[after]) or words[after] in self._gone_joins
                                      and after + 1 < len(words) and self._felt(words[after + 1])):
            after += 1
        if after < len(words) and words[after] in self._gone_joins:
            return False
        return any(_longest(words, end, self._gone) and self._negators.isdisjoint(
            words[at + 1:end]) for end in (after, after + 1))

    def _felt(self, word: str) -> bool:
        """Whether a word is a check-in answer or an urgent sign; remembered, since every word
        of every message read for signs asks it."""
        felt = self._felt_words.get(word)
        if felt is None:
            felt = bool(self._checkin.find(word).keys or self._urgent.find(word).keys)
            if len(self._felt_words) < CACHE_SIZE:
                self._felt_words[word] = felt
        return felt

    def beside_a_number(self, said: str) -> str:
        """The words typed beside a phone number less those at either end that only bring it
        ("my number is, call after 6" → "call after 6"; "its … thx" → ""): a note for staff,
        or nothing."""
        spans = list(_RAW_WORD.finditer(said))
        words = tuple(" ".join(tokens(span.group())) for span in spans)
        start, end = 0, len(words)
        while start < end and (found := _longest(words[:end], start, self._around_a_number)):
            start += len(found)
        while end > start and (found := _ending(words[start:end], self._around_a_number)):
            end -= len(found)
        if (start, end) == (0, len(words)):
            return said
        return said[spans[start].start():spans[end - 1].end()] if start < end else ""

    def lately(self, text: str) -> str | None:
        """What a message says of now after telling of earlier: "was red yesterday, today
        totally normal" → "today totally normal"; None when it tells of no change."""
        words = tokens(text)
        earlier = next((i for i in range(len(words)) if _longest(words, i, self._earlier)),
                       None)
        if earlier is None:
            return None
        now = next((i for i in range(earlier + 1, len(words)) if _longest(words, i, self._now)),
                   None)
        return None if now is None else " ".join(words[now:])


def _any_within(words: tuple[str, ...], phrases: frozenset[tuple[str, ...]]) -> bool:
    """Whether one of `phrases` stands in `words`, word for word: the words at each place are
    looked up by each length the phrases have, not compared with each phrase."""
    return any(words[at:at + length] in phrases for length in _lengths(phrases)
               for at in range(len(words) - length + 1))


def _longest(words: tuple[str, ...], at: int, phrases: frozenset[tuple[str, ...]]) -> \
        tuple[str, ...] | None:
    """The longest phrase that the words starting at `at` begin with."""
    for length in _lengths(phrases):
        found = words[at:at + length]
        if len(found) == length and found in phrases:
            return found
    return None


def _ending(words: tuple[str, ...], phrases: frozenset[tuple[str, ...]]) -> \
        tuple[str, ...] | None:
    """The longest phrase that the words end with."""
    for length in _lengths(phrases):
        found = words[len(words) - length:]
        if len(found) == length and found in phrases:
            return found
    return None


@cache
def _lengths(phrases: frozenset[tuple[str, ...]]) -> tuple[int, ...]:
    """How many words the phrases have, longest first: a phrase is looked up by each, not
    compared one by one (every short message is read for a yes, a no, a wish to go back)."""
    return tuple(sorted({len(p) for p in phrases}, reverse=True))


def load_replies(root: Path, languages: tuple[str, ...], default: str) -> dict[str, Replies]:
    """Each language's replies (a language without its own file reads with the default's)."""
    return load_per_language(root, "replies", Replies, languages, default)


def _without(words: list[str], phrases: frozenset[tuple[str, ...]]) -> list[str]:
    """The words less every one of `phrases` found in them, longest first."""
    kept, at = [], 0
    while at < len(words):
        found = _longest(tuple(words[at:]), 0, phrases)
        if found is None:
            kept.append(words[at])
        at += len(found) if found else 1
    return kept
