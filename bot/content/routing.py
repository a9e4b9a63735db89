"""What a typed message is about: a health statement, a request for a person, the clinic's
details, the client's own appointment, booking, a FAQ topic, small talk, or nothing the bot
knows.

Health comes first and wins over everything, in two steps. A message naming a condition the
content knows is about that condition ("I had a cold sore, does it hurt?" is about the cold
sore); conditions are looked for in every language's words, since clients mix languages (brand
names of medicines above all), and a pregnancy by a count of its weeks a sentence or clause
opens with ("30 недель, лифт есть?"). Asked of nobody in particular ("can diabetics have it?", "при
беременности можно?"), a condition the contraindications answer names gets that answer, with the
check offered beneath it. Then, because no word list is ever complete, a message that is
about the writer's own health in any other way is a `health` statement, answered cautiously: a
medicine, a diagnosis or a strong symptom named ("I take blood pressure pills", "сыпь"), a word
shaped like a medicine's or a diagnosis's name ("doxycycline", "гипотиреоз"), or a skin state,
symptom or procedure said of oneself ("my face is itchy", "делала ботокс": in Russian a verb's
person and tense tell, pronoun or not), or a part of the body named with a time gone by,
however the complaint is worded ("my jaw clicks since monday", "ухо заложило позавчера"), or
an act the writer came through ("я после удаления матки"). A symptom asked about in general
("does it cause swelling?") is left to the FAQ. What only staff
can answer (discounts) goes to a person, never to a topic page; so does a question about a
service the clinic does not offer ("do you do hydrafacial", "сколько стоит ботокс"), unless it
sets that service beside this one ("how is it different from a chemical peel", "ботокс после
шлифовки можно?"); had, or planned on a day ahead ("botox on tues, microderm on sat?"), it is
the writer's health. A treatment that resurfaces the skin, named right after "after" in a
question ("can I do it a week after laser", "сколько ждать после чистки лица"), was had first:
the message is about that condition, whose answer is the wait. A client telling something
about themself, or someone they bring, in words no vocabulary knows ("у меня спираль", "I take
ozempic", "мама пьёт эутирокс, ей можно?") is taken for a health statement too: better a
specialist's caution than a topic page or "no answer"; unless the message opens as a question
does ("do I have to prepare anything"; "my son takes X, can he come?" opens telling) or the
safety net below reads it as no health statement: surely so if it is told ("I'm on a budget"),
at all if it asks ("у меня свадьба через месяц, когда лучше?"). Told in a clause of its own,
it wins over whatever else the message asks ("I'm on yasmin, does that affect anything?" is
no booking). Small talk wins only when the message is nothing else ("thanks!"), so "hi, how
long does it take" is the duration topic;
booking words in a question that a topic surely explains ("can I come with makeup on?") ask
that topic.
Where the FAQ match is unsure, the classifier learned from the examples
(bot/content/classifier.py) picks the topic, booking, a person or the clinic's details where it
is surer, or none; it is asked only after every health check has passed. A symptom or skin
state told rather than asked ("после бритья раздражение", no "?" and no question word) is a
health statement too. Behind these rules stands a safety net learned from
the same examples (health statement or not): where it is sure the message is a health statement,
so it is, however the rules read it. It only ever sends a message to caution. Last, a message
read as a request, small talk or nothing is read again clause by clause: a clause that asks
for nothing itself and tells of the writer's health, by the rules or where the safety net is
sure, read alone so that the request beside it does not outweigh it ("можно картой
оплатить? у меня БА с детства"), has the request answered with the caution before it, and so
has a message the bot could not place, with the offer to pass it on; so has a message in a
kindred language the lists cannot read ("дојим бебу", "кърмя"). A Russian message typed on a
Latin keyboard ("vchera obozhgla lob"), or with the keyboard left in the Latin layout
("ghbdtn"), is read in Cyrillic first (bot/content/letters.py), and then only the words that
reading leaves unknown are looked up in other languages' words. Offline and cheap:
a spotter look-up per language, one FAQ match, at most two guesses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from itertools import dropwhile, pairwise
from typing import TYPE_CHECKING, Literal

from bot.content.classifier import HEALTH
from bot.content.lemmas import lemmatiser
from bot.content.letters import in_letters, keyed, readable, unread
from bot.content.matcher import FaqMatcher, Match
from bot.content.spotting import EXACT
from bot.content.words import ALONE

if TYPE_CHECKING:
    from bot.content import Content
    from bot.content.spotting import Found

Kind = Literal["condition", "health", "person", "logistics", "appointment", "book", "faq",
               "smalltalk", "none"]
SMALLTALK_LEFTOVER = 2  # other words a greeting may come with when no FAQ topic matches
CHATTY = ("greeting", "thanks", "bye")  # "ok" with other words is rather a question
MEDICAL_NAME = 7  # letters a word needs before its ending can mark a medicine or diagnosis
SURE = 0.6  # a FAQ match above this is second-guessed only by a CONFIDENT classifier...
NONE_SURE = 0.8  # ...but for a "none" where a word no topic knows is left, up to this
BOOK_SURE = 0.9  # a FAQ match above this wins over booking words in a question opening as one
UNKNOWN_WORDS = 2  # more words no topic knows, and the question is about something else
MARGIN = 2.0  # log-odds by which the classifier's guess must beat its runner-up
CONFIDENT = 40.0  # ...and by which it outweighs a FAQ match that is fairly sure
ERRAND_MARGIN = 20.0  # ...and by which it takes an unsure message for booking or a person
NAME_WORDS = 2  # words a name told of oneself takes at most ("I'm on Yaz Plus")
TOLD_MARGIN = 18.0  # log-odds of a health statement over anything else, for one told...
ASKED_MARGIN = 50.0  # ...and for a question
UNSURE = 5.0  # log-odds against a health statement within which the safety net has no say
ERRANDS = frozenset(("person", "staff_only", "logistics", "book", "late"))  # kinds of request
# Requests answered, with the caution before them, where only the safety net reads health: the
# booking begins with the check, and a person reads the rest.
FEARED_ERRANDS = frozenset(("book", "person", "logistics", "appointment"))
# What is answered with the caution beside it when a clause tells of health (`told_beside`):
# requests, and the price, which a topic answers but which is the clinic's detail. Other
# topics are left out: a question about the procedure often tells of the writer on the way
# ("больно будет? у меня низкий болевой порог"), and its answer speaks to it.
BESIDE = frozenset(("person", "logistics", "appointment", "book", "smalltalk", "none",
                    "faq:price"))
# Log-odds of a health statement for such a clause, by the safety net alone: sure, since read
# alone, a clause of the writer's everyday life ("я на электричке приеду", "my kid has swim
# lessons") often leans to health
ASIDE_MARGIN = 40.0
ASIDE_WORDS = 2  # words a clause needs to be read alone
# Kinds of phrase that make a clause a request, not something told; and a condition, which the
# message as a whole has weighed already (someone else's: "my friend got a burn after laser")
WEIGHED = frozenset(("person", "staff_only", "logistics", "appointment", "book", "smalltalk",
                     "late", "elsewhere", "condition"))
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
HEALTH_KEYS = ("condition:", "health:about", "health:symptoms", "health:states")  # health named
# Faces that set a tone end a clause in chat as a full stop does ("хочет навести красоту 😂 вы
# беременных берете?"); a face that is ill (😷 🤒) is a word of the message.
_TONE = "\U0001F600-\U0001F636\U0001F638-\U0001F64F\U0001F923\U0001F970\U0001F972"
# A slash between spaces parts a message as a line break does ("эпилепсия / приступов нет").
_CLAUSE = re.compile(rf"[,.;:!()\n{_TONE}]|\s/\s")
_PART = re.compile(rf"[,.;:!?()\n{_TONE}]|\s[—–/-]\s")  # ...sentences asked, and a dash between
# ...but a form's field and its value stay one ("аллергии: нет").
_FIELD = re.compile(rf"[,.;!?()\n{_TONE}]|\s/\s")
_ASKED = re.compile(r"[^.!?\n]*\?")  # the sentences of a message that ask
_SENTENCE = re.compile(r"[.!?\n]+")
_TOLD = re.compile(r"[^.!?\n]+(?=[.!\n]|$)")  # the sentences of a message that ask nothing
OF_BODY = frozenset(("health:symptoms", "health:body"))  # a symptom of a part of the body
LASTING_CUES = frozenset(("states", "lately"))  # a skin state that lasts...
LASTING = frozenset(f"health:{cue}" for cue in LASTING_CUES)  # ...told in a clause
# Phrases that only open a telling ("у меня", "I have"), which say nothing once what they
# told is denied away.
SAYING = frozenset(("health:first_person", "health:telling"))
TOLD_STATE = (frozenset(("health:symptoms",)), frozenset(("health:states",)))  # ...or of anyone
GENERAL = frozenset(("health:general",))
ABOUT = frozenset(("health:about",))  # a phrase of health alone, told in a clause
# A count and a word opening a clause, and what follows them.
_COUNT_OPENS = re.compile(r"\s*(\d{1,2})\s*([^\W\d_]+)\s*(.*)", re.DOTALL)
PREGNANCY_WEEKS = (8, 42)  # fewer are as often weeks waited after a procedure
# A symptom, a skin state or a phrase of health told: beside a treatment had first, a
# specialist's to judge, not the wait's.
SYMPTOMS = frozenset(("health:symptoms", "health:states", "health:about"))
FIRST = "first:"  # keys of a condition's procedures by their plain names (`had_first`)
FIRST_WORDS = 3  # words after "after" that may name one: "after a chemical peel"
ENDED_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")  # a sentence and what ends it
_CLAUSE_ENDED = re.compile(r"[^,.;:!?\n]*[,.;:!?\n]*")  # a clause and what ends it
_TOLD_CLAUSE = re.compile(rf"[^,.;:!?()\n{_TONE}]+[,.;:!?()\n{_TONE}]*")  # a clause, its end


@dataclass(frozen=True)
class Route:
    kind: Kind
    keys: tuple[str, ...] = ()  # condition ids (all named), or the one topic or kind
    # A request answered with the caution beside it: the message may also tell of the
    # writer's health (`told_beside`).
    cautious: bool = False
    # The clinic's detail (a `logistics` kind) asked beside a health statement, answered after
    # it so that the question is not lost ("I'm pregnant, where are you?").
    detail: str | None = None

    @property
    def label(self) -> str:
        """`condition:herpes`, `faq:duration`, `health`, `none`: as the corpus writes it."""
        return f"{self.kind}:{self.keys[0]}" if self.keys else self.kind


def route(content: Content, matcher: FaqMatcher, language: str, typed: str) -> Route:
    typed = keyed(content, language, typed)
    text = readable(content, language, typed)
    read = _read(content, matcher, language, typed, text)
    if read.kind in ("health", "condition") and (
            undenied := denied_away(content, language, text)) is not None:
        reread = _read(content, matcher, language, undenied, undenied)
        left = content.spotters[language].find(undenied)
        cues = content.words[language].health
        if set(left.keys) <= SAYING and left.leftover <= {*cues.denial, *cues.denial_skips} and (
                reread.kind in ("health", "none") or not left.keys):
            # "у меня диабета нет", "I have never had herpes", "герпеса никогда не было": a
            # denial and nothing else told or asked (but the words it is said with), an "ok"
            # of health.
            return Route("smalltalk", ("ok",))
        # Health told beside the denial ("no diabetes, but I have eczema") is what the message
        # tells, if it is read as health on its own; else the whole message is, where words
        # of health are left in a sentence that tells ("does it hurt?" asks).
        told_left = content.spotters[language].find("".join(_TOLD.findall(undenied)))
        if reread.kind in ("health", "condition") or not any(
                key.startswith(HEALTH_KEYS) for key in told_left.keys):
            typed = text = undenied
            read = reread
    if (read.kind in BESIDE or read.label in BESIDE) and told_beside(content, language, text):
        return Route(read.kind, read.keys, cautious=True)
    # A message in a kindred language ("я годую груддю", "кърмя бебе"): its words of health are
    # known only where they are the language's words too, so whatever it asks is answered with
    # the caution before it.
    kindred = content.words[language].other_spellings
    if kindred and read.kind not in ("health", "condition") and not set(kindred).isdisjoint(
            _spellings(typed)):
        return Route(read.kind, read.keys, cautious=True)
    if read.kind in ("health", "condition"):
        return cared_for(content, language, text) or read
    return read


def denied_away(content: Content, language: str, text: str) -> str | None:
    """The message without what it denies ("не беременна, не кормлю. Можно картой?", "no
    allergies, not on any pills, how much?", "аллергии нет", "no diabetes, but I have
    eczema"): a word of health right after a word of `denial` (past the words of
    `denial_skips`: "not on any pills"; or right before a denied one of them: "таблеток не
    пью"), or up to two right before one that denies after them ("хронических заболеваний
    нет", and a form's field: "allergies: none"; past the writer named between, "диабета у
    меня нет", `denial_after_skips`), or right before one that carries an earlier
    denial on ("диабета нет, астмы тоже"), in the same clause ("no!! herpes again" and
    "писать про эпилепсию? приступов нет" deny nothing). None where nothing is denied, a word
    of `denial_undone` doubts it ("not pregnant as far as I know", "не беременна, вдруг
    что"), or one of `denial_turns` turns it and no health is told after ("не беременна, но
    кто знает")."""
    cues = content.words[language].health
    tokens = re.split(r"(\W+)", text)
    typed = set(map(str.lower, tokens))
    if not cues.denial or not set(cues.denial_undone).isdisjoint(typed):
        return None
    spotter = content.spotters[language]

    def health(part: str) -> bool:
        return any(key.startswith(HEALTH_KEYS) for key in spotter.find(part).keys)

    def one_clause(first: int, last: int, within: re.Pattern[str] = _PART) -> bool:
        return not within.search("".join(tokens[first:last]))

    words = [i for i, token in enumerate(tokens) if _WORD.fullmatch(token)]
    dropped: set[int] = set()

    def listed(at: int) -> set[int]:
        """The words of health listed on after the denied one at `at`, each after a word that
        joins them ("not pregnant or breastfeeding", "ни герпеса, ни экземы"), in one clause."""
        more: set[int] = set()
        while at + 2 < len(words) and tokens[words[at + 1]].lower() in cues.denial_joins and (
                health(tokens[words[at + 2]])) and one_clause(words[at], words[at + 2]):
            more |= {words[at + 1], words[at + 2]}
            at += 2
        return more

    for n, i in enumerate(words):
        word = tokens[i].lower()
        if word in cues.denial:
            after, skipped = words[n + 1:n + 4], set()
            while after and tokens[after[0]].lower() in cues.denial_skips:
                skipped.add(after[0])
                after = after[1:]
            ill = {k for k in skipped if health(tokens[k])}  # "не болела (диабетом)"
            if after and health(tokens[after[0]]) and one_clause(i, after[0]):
                dropped |= {i, after[0], *ill} | listed(words.index(after[0]))
            # ...or the one before a denied verb of taking or doing ("таблеток не пью").
            elif n and words[n + 1:n + 2] and tokens[words[n + 1]].lower() in cues.denial_skips \
                    and health(tokens[words[n - 1]]) and one_clause(words[n - 1], i):
                dropped |= {i, words[n - 1]}
            elif ill and one_clause(i, max(ill)):  # ...or the verb of illness alone
                dropped |= {i, *ill}
        if word in cues.denial_after:
            back = n  # past the writer named before it: "диабета у меня нет"
            while back and tokens[words[back - 1]].lower() in cues.denial_after_skips:
                back -= 1
            before = [j for j in words[max(0, back - 2):back]
                      if health(tokens[j]) and one_clause(j, i, _FIELD)]
            if before:
                dropped |= {i, *before, *words[back:n]}
        if word in cues.denial_also and dropped and n and health(tokens[words[n - 1]]) and \
                one_clause(words[n - 1], i):
            dropped |= {i, words[n - 1]}
    if not dropped:
        return None
    left = "".join(token for i, token in enumerate(tokens) if i not in dropped)
    # A clause the denial left with only the words it was said with ("I'm not pregnant, is it
    # painful?": "I'm") tells nothing: without it, "is it painful?" asks, and no one says so.
    left = "".join(part for part in _CLAUSE_ENDED.findall(left)
                   if not set(spotter.find(part).keys) <= SAYING or spotter.find(part).leftover)
    return left if health(left) or set(cues.denial_turns).isdisjoint(typed) else None


def cared_for(content: Content, language: str, text: str) -> Route | None:
    """A request beside the illness of someone the writer looks after (`caring`, word for
    word: "мама после инсульта, я за ней ухаживаю, есть окна вечером?", "I'm her carer so I
    can only do mornings, what time do you open?"): the request, with the caution before it,
    rather than the health answer alone. Whose illness it is cannot be read surely, so the
    caution stays; the booking begins with the check anyway."""
    words = _WORD.findall(text.lower().replace("ё", "е"))
    if next(_after_typed(words, content.words[language].health.caring), None) is None:
        return None
    for key in content.spotters[language].find(text).keys:
        kind, _, name = key.partition(":")
        if kind == "book":
            return Route("book", cautious=True)
        if kind == "logistics":
            return Route("logistics", (name,), cautious=True)
    return None


def _read(content: Content, matcher: FaqMatcher, language: str, typed: str, text: str) -> Route:
    words = _WORD.findall(text.lower().replace("ё", "е"))
    if alone := next((kind for kind in sorted(ALONE) if said_alone(
            content, language, words, kind)), None):
        # A bare "нет" asks nothing: an "ok" of the other way.
        return Route("smalltalk", ("ok" if alone == "declined" else alone,))
    found = content.spotters[language].find(literal(content, language, text))
    by_kind: dict[str, list[str]] = {}
    for key in found.keys:
        kind, _, name = key.partition(":")
        by_kind.setdefault(kind, []).append(name)
    foreign = typed if text == typed else unread(content, language, typed)
    conditions = by_kind.get("condition") or [
        key.partition(":")[2] for lang, spotter in content.spotters.items() if lang != language
        for key in spotter.find(in_letters(content, lang, foreign, found.leftover)).keys
        if key.startswith("condition:")] or weeks_along(content, language, text)
    # A condition of someone who is not coming ("муж на варфарине, но он не пойдёт"), or that
    # someone else had and the writer asks whether it happens ("сестра после шлифовки
    # обсыпалась, такое бывает?", unless the writer tells of themself too) is no one's to
    # answer: the rest of the message is read as if it named none.
    detail = by_kind["logistics"][0] if "logistics" in by_kind else None
    if conditions and not (
            someone_elses(found.keys) and someone_elses_alone(content, language, text)):
        topic = named_in_general(content, language, found, text, conditions)
        return Route("faq", (topic,)) if topic else Route(
            "condition", tuple(dict.fromkeys(conditions)), detail=detail)
    # A procedure had before this one, asked about in general or not: its wait is the answer;
    # with a symptom or a skin state told beside it ("уже 3 дня после чистки, а всё ещё
    # жжёт"), a specialist's caution is.
    if "first" in by_kind and not someone_elses(found.keys) and SYMPTOMS.isdisjoint(
            found.keys) and (first := had_first(content, language, text)):
        return Route("condition", tuple(first), detail=detail)
    smalltalk = by_kind.get("smalltalk")
    chatting = smalltalk is not None and len(found.leftover) <= 1
    if about_own_health(content, language, found, text) or "health:telling" in found.keys and (
            tells_apart(content, matcher, language, text)):
        return Route("health", detail=detail)
    errand = _errand(content, matcher, language, text, words, by_kind)
    if not chatting and feared(content, language, text, not ERRANDS.isdisjoint(by_kind), found):
        # Only the safety net reads health here: a request it names is answered, with the
        # caution before it ("can I reserve 2 spots for me and my mum next week").
        return replace(errand, cautious=True) if errand and errand.kind in FEARED_ERRANDS \
            else Route("health", detail=detail)
    if errand:
        return errand
    if smalltalk and not found.leftover:
        return Route("smalltalk", (smalltalk[0],))
    unknown = [word for word in found.leftover if not matcher.knows(word)]
    if "health:telling" in found.keys and not opens_question(
            content, language, text, clauses=1) and unknown and (
            any(map(lemmatiser(language).may_be_name, unknown)) or health_odds(
            content, language, text) > (-UNSURE if told(content, language, words, text) else 0)):
        return Route("health")
    if "elsewhere" in by_kind and "alongside" not in by_kind:
        return Route("none")
    # Words a greeting, thanks or goodbye explains ask nothing: "thanks so much" is no "how
    # much" ("fine", "ok" may: "fine lines", "ok for oily skin").
    match = matcher.best(" ".join(sorted(found.leftover)) if smalltalk and smalltalk[0] in CHATTY
                         else content.spotters[language].meant(text))
    chat = smalltalk is not None and smalltalk[0] in CHATTY and len(found.leftover) <= 1
    guess = None if chat else learned(content, matcher, language, text, found, match)
    if guess and guess.kind != "none":
        return guess
    if match and match.score >= content.faq_threshold and guess is None:
        return Route("faq", (match.topic_id,))
    if smalltalk and smalltalk[0] in CHATTY and len(found.leftover) <= SMALLTALK_LEFTOVER and (
            "?" not in text or not found.leftover or smalltalk[0] == "greeting"):
        # "Thanks! And can I bring my daughter?" asks more than it thanks ("hi, how are you?"
        # is a greeting still)
        return Route("smalltalk", (smalltalk[0],))
    return Route("none")


def _errand(content: Content, matcher: FaqMatcher, language: str, text: str, words: list[str],
            by_kind: dict[str, list[str]]) -> Route | None:
    """The request a phrase names (a person, the clinic's details, the client's appointment, a
    booking), or news for staff; None where the message names none."""
    if "person" in by_kind:
        return Route("person")
    if "staff_only" in by_kind:
        return Route("none")
    # Running late ("опаздываю минут на 10, пробки") is news for staff, offered to them; a
    # question asked beside it ("опаздываю, где у вас парковка?") is what is answered.
    if "late" in by_kind and told(content, language, words, text):
        return Route("none")
    # Free time asked for on days the hours name ("на выходных есть свободное время?") is booking;
    # the hours asked, with the writer's own time told beside, are the hours.
    if "logistics" in by_kind and not (by_kind["logistics"] == ["hours"] and "book" in by_kind
                                       and not asks_hours(content, language, text)):
        return Route("logistics", (by_kind["logistics"][0],))
    if "appointment" in by_kind:  # "did I book anything?" asks about a booking, makes none
        return Route("appointment")
    if "book" in by_kind:
        # "Can I come with makeup on?": a question a topic surely explains asks it, not to book.
        asked = matcher.best(text) if opens_question(content, language, text) else None
        return Route("faq", (asked.topic_id,)) if asked and asked.score > BOOK_SURE else Route(
            "book")
    if "late" in by_kind:  # "опаздываю, ничего?": nothing else asked
        return Route("none")
    return None


def someone_elses(keys: tuple[str, ...]) -> bool:
    """Whether what is found tells of a condition someone else has: someone not coming, or
    someone the writer asks about, unless the writer tells of themself too."""
    return "health:absent" in keys or "health:others" in keys and "health:telling" not in keys


def someone_elses_alone(content: Content, language: str, text: str) -> bool:
    """Whether every sentence that names a condition says it is someone else's. Those words
    are read sentence by sentence: across the message they are everyday words ("можно
    прийти с малышом? он на грудном, оставить не с кем"; "бородавка на подбородке, а подруга
    сказала, что вы в субботу принимаете. Это правда?"), and another sentence may tell of the
    writer ("…если он сам не придёт? У меня келоид")."""
    spotter = content.spotters[language]
    named = [keys for keys in (spotter.find(sentence).keys for sentence in _SENTENCE.split(text))
             if any(key.startswith("condition:") for key in keys)]
    return bool(named) and all(map(someone_elses, named))


def told_beside(content: Content, language: str, text: str) -> bool:
    """Whether a clause of the message that asks for nothing the bot does (it names no request
    and no condition) tells of the writer's health: by the rules, or by the safety net, surely,
    where the clause has words no phrase explains and speaks of the writer ("Сколько идти от
    остановки? Я после эндопротезирования колена, хожу с тростью"). Lists miss what nobody
    wrote down, and read whole, the request outweighs the clause beside it. The request is
    still answered, with the caution before it."""
    spotter = content.spotters[language]
    for part in _PART.split(text):
        found = spotter.find(part)
        words = _WORD.findall(part.lower().replace("ё", "е"))
        if len(words) < ASIDE_WORDS or any(
                key.partition(":")[0] in WEIGHED for key in found.keys):
            continue
        if about_own_health(content, language, found, part) or found.leftover and (
                "health:first_person" in found.keys
                or any(map(lemmatiser(language).speaks_of_self, words))) and health_odds(
                content, language, part) > ASIDE_MARGIN:
            return True
    return False


def asks_hours(content: Content, language: str, text: str) -> bool:
    """Whether a question of the message asks the hours and nothing to book ("На работе аврал.
    Вы в воскресенье работаете?", "хочу прийти с подругой. до скольки вы?"): the rest tells
    when the writer is free, and the question is what they asked."""
    spotter = content.spotters[language]
    return any("logistics:hours" in (keys := spotter.find(asked).keys) and "book" not in keys
               for asked in _ASKED.findall(text))


def weeks_along(content: Content, language: str, text: str) -> list[str]:
    """["pregnancy"] where a sentence or clause opens with a count of a pregnancy's weeks and
    a pause ("30 недель, где у вас туалет?", "my OB cleared me, 26 weeks. can I pay by card?",
    "I'm 32 wks and walking is hard"), in any language's units: like conditions, they are looked
    for in every language's words."""
    if "pregnancy" not in content.words[language].conditions:
        return []
    for part in _PART.split(text.lower()):
        lowered = part.lstrip()
        for cues in (content.words[lang].health for lang in content.words_files):
            told = next((lowered[len(opener):] for opener in cues.weeks_told
                         if lowered.startswith(opener + " ")), lowered)
            opening = _COUNT_OPENS.match(told)
            if opening and opening.group(2) in cues.weeks and (
                    PREGNANCY_WEEKS[0] <= int(opening.group(1)) <= PREGNANCY_WEEKS[1]) and (
                    _paused(opening.group(3), cues.weeks_then)):
                return ["pregnancy"]
    return []


def _paused(rest: str, then: tuple[str, ...]) -> bool:
    """Whether what follows a count of weeks is a pause: the end, a stop or an emoji, or a
    word that goes on telling ("I'm 32 wks and walking is hard")."""
    return not rest or not (rest[0].isalnum() or rest[0] == "_") or rest.split()[0] in then


def literal(content: Content, language: str, text: str) -> str:
    """The message without the likenesses of its similes: "долго ходить красной как рак?" asks
    how long the redness lasts and names no cancer. A likeness is the word after one of the
    language's `likeness` words that follows a word that describes (an adjective, a participle:
    "лицо как помидор" is left as it is)."""
    words = content.words[language].likeness
    if not words:
        return text
    describes = lemmatiser(language).describes
    return _likeness(words).sub(
        lambda m: m.group(1) if describes(m.group(1).lower()) else m.group(0), text)


def _spellings(text: str) -> set[str]:
    """The letters of a message and each two letters typed together."""
    lowered = text.lower()
    return set(lowered) | {a + b for a, b in pairwise(lowered)}


@cache
def _likeness(words: tuple[str, ...]) -> re.Pattern[str]:
    """A word, a likeness word and the word after it."""
    return re.compile(r"([^\W\d_]+)\s+(?:" + "|".join(map(re.escape, words))
                      + r")\s+[^\W\d_]+", re.IGNORECASE)


def about_own_health(content: Content, language: str, found: Found, text: str) -> bool:
    """Whether the message speaks of the writer's own health without naming a known condition."""
    cues = set(by for key in found.keys if (by := key.partition("health:")[2]))
    words = _WORD.findall(text.lower().replace("ё", "е"))
    if asks_elsewhere(content, language, found, words, text):
        return False
    if "about" in cues:
        return True
    lemmas = lemmatiser(language)
    # A service the clinic does not offer, had a time ago ("после ботокса прошло 10 дней") or
    # planned at one ahead ("botox on tues, microderm on sat"; a pedicure or a haircut leaves
    # the skin alone), had by the writer ("во вторник делала рф-лифтинг") or followed by a
    # symptom on a part of the body ("после эпиляции над губой раздражение").
    if "elsewhere" in found.keys and (
            "lately" in cues or "ahead" in cues and "apart" not in cues
            or "alongside" in found.keys and {"symptoms", "body"} <= cues
            or had_before(content, language, words)
            or any(lemmas.speaks_of_self(word) and lemmas.happened(word) for word in words)):
        return True
    if "never" in cues or "others" in cues and "telling" not in cues:
        cues -= {"symptoms", "states", "body"}
    # What the writer read or heard of ("слышала, что остаются пятна") is no symptom of theirs.
    if "symptoms" in cues and ("first_person" in cues or any(
            map(lemmas.speaks_of_self, set(words) - hearsay(content, language)))
            or told(content, language, words, text)):
        return True
    if "states" in cues and told(content, language, words, text):
        return True
    # A symptom that has lasted ("уже 2 дня после процедуры, а всё ещё жжёт"), that came out
    # on a part of the body ("высыпало на лбу"), or that a clause of its own tells of a part
    # of the body, whatever the message then asks ("веки отекают, можно?"); a skin state a
    # clause tells has lasted ("3 день а всё еще красное"), or that has lasted beside what the
    # writer did ("делала позавчера, сегодня краснота держится. мазать?"): someone has it.
    if {"symptoms", "lately"} <= cues or {"symptoms", "body"} <= cues and (
            any(map(lemmas.happened, words)) or told_of(content, language, text, OF_BODY)) \
            or cues >= LASTING_CUES and (told_of(content, language, text, LASTING) or any(
                map(lemmas.speaks_of_self, set(words) - hearsay(content, language)))):
        return True
    if changed_since(content, language, text, cues):
        return True
    # A part of the body broken, twisted, pulled ("сломала руку"; "my phone broke" is none).
    if {"injured", "body"} <= cues:
        return True
    # ...or said to fail ("my hip is bad", "колени больные", "my knees aren't what they
    # were"; "is it bad for my eyes?" asks).
    if {"ailing", "body"} <= cues and "?" not in text and not opens_question(
            content, language, text):
        return True
    # A part of the body and a time gone by: a complaint, however it is worded ("my jaw
    # clicks since monday", "ухо заложило позавчера"), when said of oneself, of what
    # happened, or told.
    if {"body", "lately"} <= cues and (
            not {"first_person", "telling"}.isdisjoint(cues) or any(map(lemmas.happened, words))
            or told(content, language, words, text)):
        return True
    # What the writer has come through, an act named right after ("я после удаления матки").
    acts = content.words[language].health.act_endings
    if any(rest and lemmas.names_act(rest[0], acts)
           for rest in _after_typed(words, content.words[language].health.through)):
        return True
    # A part of the body given as the reason ("по лестнице нельзя из-за сердца").
    spotter, reasons = content.spotters[language], content.words[language].health.reasons
    if "body" in cues and any(rest and "health:body" in spotter.find(rest[0]).keys
                              for rest in _after_typed(words, reasons)):
        return True
    endings = content.words[language].health.medical_endings
    # The word as typed, or the form it is listed in when that is as long ("блефаропластику":
    # "визитом" is a "визит", no "гастрит"); a word a phrase explains is no name of an illness
    # ("реквизиты для оплаты").
    return any(len(word) >= MEDICAL_NAME and (name := lemmas.name_form(word)) is not None
               and (word.endswith(endings) or len(name) >= MEDICAL_NAME
                    and name.endswith(endings)) for word in words if word in found.leftover)


def changed_since(content: Content, language: str, text: str, cues: set[str]) -> bool:
    """Whether a sentence tells of a change since this procedure (`since_this`, word for word):
    a verb in the past tense after it, where the language tells the tense ("после шлифовки
    кожа покрылась сеточкой"; "после процедуры поры станут меньше?" asks for a goal, "хотела
    спросить, после процедуры…" tells nothing of the skin, "после процедуры никто не сказал"
    no change: `negation` before the verb); else a skin state or symptom named, in a sentence
    that opens as no question ("my pores look bigger than before", not "will my pores look
    smaller than before?"). Someone else's change, asked about ("дочь после шлифовки была
    красная, это нормально?"), is not the writer's."""
    if changed_after(content, language, text, cues):
        return True
    # A skin state or symptom told in a clause of a message placed after this procedure, not
    # one with a word of negation ("3 день после процедуры. Немного покраснения на скулах";
    # "не хочу быть красной" tells none): the writer's, unless someone else's is told.
    words = _WORD.findall(text.lower().replace("ё", "е"))
    since = content.words[language].health.since_this
    if {"states", "symptoms"}.isdisjoint(cues) or "others" in cues or next(
            _after_typed(words, since), None) is None:
        return False
    denying = frozenset(content.words[language].health.negation)
    affirmed = "".join(clause for clause in _TOLD_CLAUSE.findall(literal(content, language, text))
                       if denying.isdisjoint(_WORD.findall(clause.lower())))
    return told_of(content, language, affirmed, *TOLD_STATE)


def changed_after(content: Content, language: str, text: str, cues: set[str]) -> bool:
    """Whether a sentence tells of a change right after the words of this procedure, by a verb
    in the past tense (see `changed_since`)."""
    lemmas = lemmatiser(language)
    negation = content.words[language].health.negation
    for sentence in _SENTENCE.split(text):
        words = _WORD.findall(sentence.lower().replace("ё", "е"))
        after = next(_after_typed(words, content.words[language].health.since_this), None)
        if after is None or "health:others" in content.spotters[language].find(sentence).keys:
            continue
        if lemmas.tells_tense:
            changed = any(lemmas.happened(word) and before not in negation
                          for before, word in pairwise(["", *after]))
        else:
            changed = not {"states", "symptoms"}.isdisjoint(cues) and not opens_question(
                content, language, sentence, clauses=1)
        if changed:
            return True
    return False


def had_before(content: Content, language: str, words: list[str]) -> bool:
    """Whether a service the clinic does not offer is named right after a word of
    `before_this` ("после ботокса можно?", "after lip filler, how long do I wait?"): had
    before this procedure, not asked about having after it ("ботокс после шлифовки можно?")."""
    before = content.words[language].health.before_this
    spotter = content.spotters[language]
    return any(word in before and "elsewhere" in spotter.find(" ".join(words[i + 1:i + 3])).keys
               for i, word in enumerate(words[:-1]))


def had_first(content: Content, language: str, text: str) -> list[str]:
    """The conditions whose procedure (`had_first`: "laser", "химический пилинг") is named
    starting within two words after a word of `before_this`, in a sentence that asks: had
    before this procedure, and the wait asked about ("can I do it a week after laser", "how
    long should I wait after a chemical peel?", "сколько ждать после чистки лица"). A sentence
    that tells ("после прошлой чистки у вас всё ок, спасибо") is read as it was."""
    before = content.words[language].health.before_this
    spotter = content.spotters[language]

    def named(words: list[str]) -> set[str]:
        return {key for key in spotter.find(" ".join(words)).keys if key.startswith(FIRST)}

    found: dict[str, None] = {}
    for sentence in ENDED_SENTENCE.findall(text):
        words = _WORD.findall(sentence.lower().replace("ё", "е"))
        if told(content, language, words, sentence):
            continue
        for i, word in enumerate(words[:-1]):
            if word in before:
                after = words[i + 1:i + 1 + FIRST_WORDS]
                found |= dict.fromkeys(named(after) - named(after[2:]))
    return [key.removeprefix(FIRST) for key in found]


def told_of(content: Content, language: str, text: str, *cues: frozenset[str],
            unless: frozenset[str] = frozenset()) -> bool:
    """Whether a clause of the message, not one that asks nor one with a key of `unless`, has
    all the cues of one of `cues` ("веки отекают" in "веки отекают, можно?" tells a symptom of
    a part of the body; "I read that with epilepsy…" speaks in general)."""
    spotter = content.spotters[language]
    for clause in map(str.strip, _TOLD_CLAUSE.findall(text)):
        if clause.endswith("?"):
            continue
        keys = set(spotter.find(clause).keys)
        if unless.isdisjoint(keys) and any(cue <= keys for cue in cues) and told(
                content, language, _WORD.findall(clause.lower().replace("ё", "е")), clause):
            return True
    return False


def tells_apart(content: Content, matcher: FaqMatcher, language: str, text: str) -> bool:
    """Whether a sentence or clause of the message only tells what the writer takes, uses or
    has, in words no vocabulary knows (nor the dictionary, but as a name: "я на пенсии" is no
    pill), and the safety net reads it as a health statement ("I'm on yasmin, does that affect
    anything?", "How much is it? I have MS"): whatever else the message asks, it asks so. A
    name is a word or two: "I'm on holiday till the 20th" tells no medicine."""
    lemmas = lemmatiser(language)
    for part in _PART.split(text):
        found = content.spotters[language].find(part)
        if "health:telling" in found.keys and all(
                key.startswith("health:") for key in found.keys) and 0 < len(
                found.leftover) <= NAME_WORDS and all(
                not matcher.knows(word) and (lemmas.may_be_name(word) or not lemmas.known(word))
                for word in found.leftover) and health_odds(content, language, part) > 0:
            return True
    return False


def asks_elsewhere(content: Content, language: str, found: Found, words: list[str],
                   text: str) -> bool:
    """Whether the message only asks the clinic for a service it does not offer ("контурную
    пластику губ делаете?", "do you do facelifts?"): the clinic addressed, and no word of the
    writer, of a time gone by or ahead, of what happened or of this procedure beside it. An
    operation named there is the service asked for, not one had."""
    keys = set(found.keys)
    lemmas = lemmatiser(language)
    addressing = content.words[language].health.addressing
    return "elsewhere" in keys and keys.isdisjoint(
        ("alongside", "health:first_person", "health:telling", "health:lately",
         "health:ahead")) and not told(
        content, language, words, text) and not any(map(lemmas.speaks_of_self, words)) and (
        any(map(lemmas.addresses, words)) or not asking_words(language, addressing).isdisjoint(
            map(lemmas.written, words)))


def named_in_general(content: Content, language: str, found: Found, text: str,
                     conditions: list[str]) -> str | None:
    """The FAQ topic whose answer names every condition of a message that asks about them of
    nobody in particular ("can diabetics have it?", "при беременности можно?"): asked, with a
    word that speaks in general, and no word of the writer or of what happened to them. None
    when the message tells, speaks of the writer ("I have diabetes, can diabetics…") or of one
    person ("беременна вторым… вы где вообще?"), tells a symptom of a part of the body ("на
    носу высыпало как при герпесе"), tells a symptom or the condition in a clause of its own
    ("при ГВ кожа шелушится, ваша процедура поможет?", "exclusively pumping, is that the same
    as breastfeeding?"), or names a condition no answer names: that
    one is answered about the condition, cautiously. What the writer read or heard ("читала,
    что при…") is no word of them."""
    cues = {key for key in found.keys if key.startswith("health:")}
    words = _WORD.findall(text.lower().replace("ё", "е"))
    heard, lemmas = hearsay(content, language), lemmatiser(language)
    if "health:general" not in cues or not cues.isdisjoint(
            ("health:first_person", "health:telling")) or told(content, language, words, text) \
            or {"health:symptoms", "health:body"} <= cues \
            or told_of(content, language, text, *TOLD_STATE, ABOUT) or told_of(
                content, language, text, *(frozenset((f"condition:{condition}",))
                                           for condition in conditions), unless=GENERAL) \
            or any(lemmas.speaks_of_self(word) or lemmas.describes_one(word)
                   for word in words if word not in heard):
        return None
    return naming(content, conditions)


def hearsay(content: Content, language: str) -> frozenset[str]:
    """Words of what the writer read or heard ("=читала", "=слышала"): no word of them as a
    client, though they speak of themself."""
    return frozenset(word.removeprefix(EXACT) for word in content.words[language].health.general
                     if word.startswith(EXACT))


def feared(content: Content, language: str, text: str, errand: bool, found: Found) -> bool:
    """The safety net behind the rules: the model learned from the examples (health statement
    or not) takes the message for a health statement, surely so if it is asked rather than
    told or asks for something the bot does (`errand`: "запишите меня на пятницу"). It can only
    send a message to caution, never away from it. An errand whose every word a phrase
    explains, a phrase that only marks the message included ("хочу перенести запись с
    понедельника на следующую неделю"), leaves it nothing unlisted to read: many who move a
    visit are ill, so the model leans to health on the errand and its days alone."""
    if errand and not found.unlisted or _only_ahead(content, language, found):
        return False
    odds = health_odds(content, language, text)
    if odds <= 0:
        return False
    words = _WORD.findall(text.lower().replace("ё", "е"))
    return odds >= (TOLD_MARGIN if not errand and told(content, language, words, text)
                    else ASKED_MARGIN)


def _only_ahead(content: Content, language: str, found: Found) -> bool:
    """Whether the message names a day or a time ahead and nothing else ("понедельник", "next
    week"): many health statements tell when, so the safety net leans to health on the day
    alone."""
    words, read = _words_of(content.words[language].health.ahead), lemmatiser(language).read
    return "health:ahead" in found.keys and HEALTH_WORDS.isdisjoint(found.keys) and all(
        word in words or word.isdigit() and "0" in words or not words.isdisjoint(read(word))
        for word in found.leftover)


def health_odds(content: Content, language: str, text: str) -> float:
    """The log-odds of a health statement over anything else, as the safety net reads the
    message: 0 where it knows no word of it."""
    model = content.cautions.get(language)
    guess = model.guess(text) if model else None
    if guess is None:
        return 0.0
    return guess.margin if guess.label == HEALTH else -guess.margin


# Cues of the words files that name health itself: a medicine or diagnosis, a symptom, the body.
HEALTH_WORDS = frozenset(("health:about", "health:symptoms", "health:body"))
# ...or the writer telling what they take or had, and nothing else the lists know, though its
# name is no word of them ("forgot to say, im on prednisolone"; not "у меня сухая кожа", nor a
# plan): answered "a specialist decides", it must reach one.
TELLING = frozenset(("health:first_person", "health:telling"))


def tells_health(content: Content, language: str, text: str, found: Route) -> bool:
    """Whether a routed message surely tells of the writer's health, to be counted by a check:
    a condition named, or a health statement the safety net is sure of that names health
    itself ("I have Crohn's and take methotrexate") or tells what the writer takes ("im on
    prednisolone"); not one only the safety net's wide reading
    finds ("in 2 weeks": a plan ahead; "scared of pain": a worry about the procedure); nor a
    condition named of someone close to the writer alone ("my mom has diabetes",
    `of_another`); nor a period ("can we move it, my period starts that day"): a matter of
    when."""
    if found.kind == "condition":
        return not of_another(content, language, text) and not _in_general(
            content, language, text)
    text = without_period(content, language, text) or text
    keys = content.spotters[language].find(text).keys
    return (found.kind == "health" or found.cautious) and (
        health_odds(content, language, text) > TOLD_MARGIN and (
            not HEALTH_WORDS.isdisjoint(keys)
            or set(keys) == TELLING and not content.replies[language].names_skin_type(text)))


def _in_general(content: Content, language: str, text: str) -> bool:
    """Whether the message asks of the procedure beside a condition, of no one ("is it ok
    during pregnancy?", "с диабетом можно?"), or supposing it ("is it safe if im pregnant?",
    `conditionals`): nothing the writer tells, and her check asks it."""
    if not asks(content, language, text):
        return False
    spotter = content.spotters[language]
    keys = spotter.find(text).keys
    if "alongside" in keys and TELLING.isdisjoint(keys):
        return True
    supposing = content.words[language].health.conditionals
    named = [clause for clause in clauses(content, language, text)
             if any(key.startswith("condition:") for key in spotter.find(clause).keys)]
    return bool(supposing and named) and all(
        re.search(r"(?<!\w)(?:{})(?!\w)".format("|".join(map(re.escape, supposing))),
                  clause.lower()) for clause in named)


# Conditions a child named beside them does not make another's ("baby due in March!", "сыну 3
# месяца, на ГВ"); another relative does ("подруга беременна").
_WRITERS_OWN = frozenset(("condition:pregnancy", "condition:breastfeeding"))


def clauses(content: Content, language: str, text: str) -> list[str]:
    """The message's clauses: cut at punctuation and at a word of `contrasts` ("у мамы диабет
    а мне можно")."""
    contrasts = content.words[language].health.contrasts
    turns = re.compile(r"(?i)(?<!\w)(?:{})(?!\w)".format("|".join(map(re.escape, sorted(
        contrasts, key=len, reverse=True))))) if contrasts else None
    return [part for whole in _PART.split(text)
            for part in (turns.split(whole) if turns else (whole,))]


def writers_clauses(content: Content, language: str, text: str) -> list[str]:
    """Of a message that tells only of a relative's condition (`of_another`), the clauses that
    name none: the writer's own ("у мамы астма, у меня нет")."""
    spotter = content.spotters[language]
    return [clause for clause in clauses(content, language, text)
            if not any(key.startswith("condition:") for key in spotter.find(clause).keys)]


def of_another(content: Content, language: str, text: str) -> bool:
    """Whether every clause of the message that names a condition names someone close to the
    writer (`relatives`) before it, and nothing of the writer (`self_words`, a verb in the first
    person, `possessives` before anything else: "my face"): "my mom has diabetes, can I do
    it?", "у мужа эпилепсия, а у меня нет"; not "got sunburnt at my kid's game", nor a
    pregnancy told beside a child. Theirs, not the writer's, to count in the writer's own
    check; still answered, as they may be coming."""
    health = content.words[language].health
    if not health.relatives:
        return False
    spotter, lemmas = content.spotters[language], lemmatiser(language)
    relatives, selves = frozenset(health.relatives), frozenset(health.self_words)
    children = frozenset(health.children)
    possessives = frozenset(health.possessives)

    def read(word: str) -> set[str]:
        return {word, *lemmas.read(word)}

    named = False
    for clause in clauses(content, language, text):
        keys = spotter.find(clause).keys
        conditions = [key for key in keys if key.startswith("condition:")]
        words = _WORD.findall(clause.lower().replace("ё", "е"))
        read_words = [read(word) for word in words]
        if not conditions:
            # A symptom told in a clause of its own ("кожа шелушится пятнами, бабушка говорит
            # лишай") is the writer's.
            if not SYMPTOMS.isdisjoint(keys) and all(
                    word.isdisjoint(relatives) for word in read_words):
                return False
            continue
        if not _WRITERS_OWN.isdisjoint(conditions) and (any(
                not word.isdisjoint(children) for word in read_words) or all(
                word.isdisjoint(relatives) for word in read_words)):
            return False
        mine = any(not possessives.isdisjoint(word) and next_word.isdisjoint(relatives)
                   for word, next_word in pairwise([*read_words, set()]))
        first = next((i for i, word in enumerate(read_words) if not word.isdisjoint(relatives)),
                     None)
        if first is None or mine or any(not word.isdisjoint(selves) for word in read_words) \
                or any(map(lemmas.in_first_person, words)) or any(
                key.startswith("condition:") for key in spotter.find(" ".join(words[:first])).keys):
            return False
        named = True
    return named


def told(content: Content, language: str, words: list[str], text: str) -> bool:
    """A statement, not a question: no question mark, none of the language's question words
    and no sentence opening with a word that asks there ("после бритья раздражение" and "my
    skin is raw" are told; "покраснение долго держится" and "is it sore after" are asked). A
    question word followed by an `indefinite` one asks nothing ("какие-то бугорки")."""
    cues = content.words[language].health
    asking = asking_words(language, cues.asking)
    written = lemmatiser(language).written
    asked = [word for word, after in pairwise([*words, ""]) if after not in cues.indefinite]
    return "?" not in text and asking.isdisjoint(map(written, asked)) and asking.isdisjoint(
        EXACT + word for word in asked) and not opens_question(content, language, text)


def asks_only(content: Content, language: str, text: str) -> bool:
    """Whether a message asks and tells nothing of the writer ("what is a fungal infection?",
    "what does rosacea look like?", "что такое купероз?"): not `told`, and no word of the
    writer (`first_person`, `self_words`, `possessives`, a verb in the first person or of
    what happened to them): not "can I have it with rosacea?", nor "у меня розацеа?"."""
    health, lemmas = content.words[language].health, lemmatiser(language)
    words = _WORD.findall(text.lower().replace("ё", "е"))
    mine = frozenset((*health.self_words, *health.possessives))
    return not told(content, language, words, text) and not any(
        word in mine or lemmas.in_first_person(word) or lemmas.speaks_of_self(word)
        for word in words) and "health:first_person" not in content.spotters[language].find(
        text).keys


def naming(content: Content, conditions: Iterable[str]) -> str | None:
    """The FAQ topic whose answer names every one of the conditions."""
    return next((topic.id for topic in content.faq if set(conditions) <= set(topic.names)), None)


def opens_question(content: Content, language: str, text: str, clauses: int | None = None) -> bool:
    """Whether a sentence of the message (of its first `clauses` only, if given) opens with a
    word that asks there ("do I have to…"), after any `fillers` ("um, does it hurt")."""
    cues = content.words[language].health
    opening, fillers = asking_words(language, cues.opening), asking_words(language, cues.fillers)
    written = lemmatiser(language).written
    return any(next(dropwhile(fillers.__contains__, map(written, words)), "") in opening
               for part in _CLAUSE.split(text)[:clauses]
               if (words := _WORD.findall(part.lower().replace("ё", "е"))))


def said_alone(content: Content, language: str, words: list[str], kind: str) -> bool:
    """Whether the message is small talk of `kind` (one of `ALONE`) in its words alone, as
    typed, a greeting aside ("help!", "hi, what can you do?", "нет"): beside other words, help
    is the procedure's ("will it help my acne"), a no part of a question ("no side effects?")."""
    said = content.words[language].smalltalk
    own = said.get(kind, ())  # type: ignore[call-overload]
    return set(words) <= _words_of(own + said.get("greeting", ())) and any(
        words[i:i + len(phrase)] == list(phrase) for phrase in _sequences(own)
        for i in range(len(words)))


@cache
def _words_of(phrases: tuple[str, ...]) -> frozenset[str]:
    """Every word of the phrases, lowercased."""
    return frozenset(word.removeprefix(EXACT) for phrase in phrases
                     for word in phrase.lower().split())


@cache
def _sequences(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Each phrase as the words it is typed with, in their order."""
    return tuple(tuple(_WORD.findall(phrase.lower().replace("ё", "е"))) for phrase in phrases)


def _after_typed(words: list[str], phrases: tuple[str, ...]) -> Iterator[list[str]]:
    """The words after each place where one of `phrases` is typed word for word (the keys read
    so, `through`, `since_this`, `caring`: a phrase's words anywhere would tell nothing)."""
    at: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        at.setdefault(word, []).append(i)
    for seq in _sequences(phrases):
        for i in at.get(seq[0], ()) if seq else range(len(words) + 1):
            if tuple(words[i:i + len(seq)]) == seq:
                yield words[i + len(seq):]


@cache
def asking_words(language: str, words: tuple[str, ...]) -> frozenset[str]:
    """The words' lemmas; a word written `=будет` is kept as that form."""
    written = lemmatiser(language).written
    return frozenset(word if word.startswith(EXACT) else written(word) for word in words)


def learned(content: Content, matcher: FaqMatcher, language: str, text: str, found: Found,
            match: Match | None) -> Route | None:
    """The classifier's reading where the FAQ match is unsure: a topic the content has, booking
    or a person where it is surer (`ERRAND_MARGIN`: "можно на завтра утром?"), the clinic's
    details where it is surer still (`CONFIDENT`: "от вокзала далеко идти?"), or nothing the
    bot knows; None when it is unsure too or guesses anything else. A fairly sure
    match gives way only to a guess far surer than its runner-up (`CONFIDENT`). A match that
    rests on everyday words around one no topic knows ("what's your instagram") is unsure too,
    so far as the classifier says none."""
    score = match.score if match else 0.0
    model = content.classifiers.get(language)
    if score > NONE_SURE or model is None:
        return None
    guess = model.guess(text)
    if guess is None or guess.margin < MARGIN:
        return None
    kind, _, topic = guess.label.partition(":")
    if score > SURE and guess.margin < CONFIDENT and (
            kind != "none" or all(map(matcher.knows, found.leftover))):
        return None
    unknown = sum(not matcher.knows(word) for word in found.leftover)
    if kind == "faq" and unknown <= UNKNOWN_WORDS and content.faq_topic(topic) is not None:
        return Route("faq", (topic,))
    if guess.margin >= ERRAND_MARGIN and kind in ("book", "person"):
        return Route("book" if kind == "book" else "person")
    if guess.margin >= CONFIDENT and kind == "logistics":
        return Route("logistics", (topic,))
    return Route("none") if kind == "none" else None


def faq_matcher(content: Content, language: str) -> FaqMatcher:
    """The FAQ matcher of `language`, built from the catalog's keywords as the bot builds it."""
    return FaqMatcher(language,
                      {t.id: content.tr_button_label(language, t.keywords) for t in content.faq},
                      content.tr_button_label(language, content.faq_ignore_words))


def had_days_ago(content: Content, language: str, text: str) -> int | None:
    """How many days ago the message tells this procedure was had by the writer: 0 today
    ("Мне сегодня сделали процедуру", "had microdermabrasion this morning"), 1 yesterday, 2
    the day before; `had_this` typed word for word once the words of the day (`today`,
    `yesterday`, `day_before`) are left out, one of them typed, and nothing of
    `not_this_time` ("my friend had it today"). None when it tells none of these."""
    health = content.words[language].health
    lowered = text.lower().replace("ё", "е")
    for m in re.finditer(r"(?<![\d.,:])(\d{1,2})\s+(\w+(?:\s+\w+)?)", lowered):
        # "3 days ago", "5 дней назад": that many, within the week's days
        if m[2] in health.days_ago and _had_on(content, language, lowered.replace(
                m[0], " " + m[2] + " "), health.days_ago):
            ago = int(m[1])
            return ago if ago < content.aftercare.closing_day else None
    days = {2: health.day_before, 1: health.yesterday, 0: health.today}  # "day before yesterday"
    return next((ago for ago, day in days.items() if _had_on(content, language, text, day)),
                None)


def _had_on(content: Content, language: str, text: str, day: tuple[str, ...]) -> bool:
    health = content.words[language].health
    words = _WORD.findall(text.lower().replace("ё", "е"))
    named = {i + n for seq in _sequences(day) for i in range(len(words))
             if seq and tuple(words[i:i + len(seq)]) == seq for n in range(len(seq))}
    rest = [word for i, word in enumerate(words) if i not in named]
    return bool(named) and next(_after_typed(words, health.not_this_time), None) is None \
        and next(_after_typed(rest, health.had_this), None) is not None


def tells_period(content: Content, language: str, text: str) -> bool:
    """Whether the message names a period (`periods`, word for word)."""
    words = _WORD.findall(text.lower().replace("ё", "е"))
    return next(_after_typed(words, content.words[language].health.periods), None) is not None


def without_period(content: Content, language: str, text: str) -> str | None:
    """The message without the period it names (`periods`, word for word), to read what else
    it says ("not pregnant but on my period": a no); None when it names none."""
    tokens = re.split(r"([^\W\d_]+)", text)
    at = [i for i, token in enumerate(tokens) if _WORD.fullmatch(token)]
    words = [tokens[i].lower().replace("ё", "е") for i in at]
    dropped = {at[n + k] for seq in _sequences(content.words[language].health.periods) if seq
               for n in range(len(words) - len(seq) + 1)
               if tuple(words[n:n + len(seq)]) == seq for k in range(len(seq))}
    return "".join(t for i, t in enumerate(tokens) if i not in dropped) if dropped else None


def asks(content: Content, language: str, text: str) -> bool:
    """Whether the message asks rather than tells (`told`)."""
    return not told(content, language, _WORD.findall(text.lower().replace("ё", "е")), text)


def ended_days_ago(content: Content, language: str, text: str) -> int | None:
    """How many days ago the message tells something ended ("I stopped isotretinoin two years
    ago", "пила роаккутан год назад, бросила": `ended`, `counts`, `units`, `ago`): the longest
    time told; None where it tells no end, or tells of a start or of now (`ongoing`)."""
    cues = content.words[language].health
    typed = text.lower().replace("ё", "е")
    words = re.findall(r"\d+(?:[.,]\d+)?|[^\W\d_]+", typed)
    if next(_after_typed(words, cues.ended), None) is None or next(
            _after_typed(words, cues.ongoing), None) is not None:
        return None
    told = []
    for i, word in enumerate(words[:-1]):
        if word in cues.units and words[i + 1] in cues.ago:
            before = words[i - 1] if i else ""
            count = float(before.replace(",", ".")) if before[:1].isdigit() else cues.counts.get(
                before, 1.0)
            told.append(int(count * cues.units[word]))
    return max(told, default=None)


def waited(content: Content, language: str, text: str, conditions: Iterable[str]) -> set[str]:
    """Those of the conditions of the check with a wait of their own (`recheck_days`) that the
    message tells ended longer ago than it (`ended_days_ago`): no reason to wait now."""
    known = content.screening.conditions
    waits = {c: days[0] for c in conditions if c in known and (days := known[c].recheck_days)}
    ago = ended_days_ago(content, language, text) if waits else None
    return {c for c, wait in waits.items() if ago is not None and ago >= wait}


def asks_beside_had(content: Content, language: str, text: str) -> bool:
    """Whether a message that tells this procedure had asks (`asks`), the clinic named as
    where it was had left aside ("вчера делала шлифовку у вас": `at_clinic`)."""
    places = content.words[language].health.at_clinic
    if places:
        text = re.sub(r"(?<!\w)(?:{})(?!\w)".format("|".join(map(re.escape, places))), " ",
                      text.lower().replace("ё", "е"))
    return asks(content, language, text)


def after_this(content: Content, language: str, text: str) -> bool:
    """Whether the message tells of this procedure had by the writer (`had_this`, word for
    word: "I had my procedure today and…", "вчера делала шлифовку, …") or of a change since it,
    not long ago, elsewhere or by someone else (`not_this_time`); asked of a health statement,
    which then is a problem after the procedure rather than a question of whether it suits.
    A change is told by a verb in the past tense where the language tells the tense
    (`changed_after`: "после процедуры появились синяки"), or by a skin state or symptom beside
    the procedure's words in a clause of a sentence that asks nothing ("tiny cracks on my
    cheeks after the treatment"; "would the swelling after treatment be worse?" asks)."""
    health = content.words[language].health
    words = _WORD.findall(text.lower().replace("ё", "е"))
    if next(_after_typed(words, health.not_this_time), None) is not None:
        return False
    if next(_after_typed(words, health.had_this), None) is not None:
        return True
    found = content.spotters[language].find(text)
    cues = {by for key in found.keys if (by := key.partition("health:")[2])}
    if lemmatiser(language).tells_tense and changed_after(content, language, text, cues):
        return True
    if {"states", "symptoms"}.isdisjoint(cues) or "others" in cues:
        return False
    return any(next(_after_typed(_WORD.findall(clause.lower().replace("ё", "е")),
                                 health.since_this), None) is not None
               and not opens_question(content, language, clause, clauses=1)
               for told in _TOLD.findall(text) for clause in _PART.split(told))
