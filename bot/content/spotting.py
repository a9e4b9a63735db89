"""Finding known phrases in a typed message: which conditions, small talk or logistics it names.

Unlike the FAQ matcher, which weighs how much of a question a topic explains, a phrase here is
simply there or not: all its words in the message, in any order and word form (lemmas, see
bot/content/lemmas.py), a small typo tolerated in words of four letters or more. A health
statement must be caught however much else the message says. Digits and emoji count as words
("type 2", "👍"); a phrase's "0" is any number typed right beside a word written beside it
("на 0 =неделе" is "на 20 неделе", not "на этой неделе, после 17"), its "37.0" any body
temperature above the normal typed with its tenth or degrees ("37,8", "38°"), but a sum
("37,5 тыс"). A word written `=делала` matches only that exact form, where the tense or person
is what tells ("делала пилинг" is about the client, "делать пилинг" may be a question). What
tells a sum or degrees after a figure, and the words a person named by an illness stands for,
are the words files' (`Reading`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from bot.content.lemmas import CACHE_SIZE, lemmatiser
from bot.content.matcher import Typos

_FIRST_WORD = re.compile(r"\w+")
_DEGREES = "°cfсф"  # a temperature's marks: "38°", "38C", "101F"
ANY = "*"  # a word after a figure written "руб*" is any word it begins ("рублей")
EXACT = "="
NUMBER = "0"  # a phrase's word that any number typed stands for ("на 0 =неделе")
BEFORE, AFTER = "<", ">"  # marks of a word written right before or after the number
FEVERISH = "37.0"  # ...and any body temperature above the normal ("37,8", "38°", "101F")
WARM, HOT = 37.0, 43.0  # °C; a figure marked in °F is read so first
CONDITION = "condition:"  # keys of conditions: one gives way only to another condition
HEALTH_CUE = "health:"  # keys of the cues that tell of health together, never in each other's stead
TELLS = "health:about"  # the cue that alone tells of health: a condition gives way to a longer one
KIN = 5  # letters a dictionary word needs before a stem a letter or two longer counts as it


@dataclass(frozen=True)
class Reading:
    """How a language's typed words are read, from the words files (dialogs/words.*.yaml): a
    noun ending as a key of `patients` stands for the words of its stem and the key's endings
    too ("гипертоничка": "гипертоник", "гипертония"), where the dictionary knows it; `money`
    after a figure with its tenth makes it a sum ("37,5 тыс"), `degrees` written out after a
    figure are its mark ("38 градусов" is "38°"). These two are every language's: each
    language's words read every message for conditions, and a sum is a sum in any of them."""

    patients: Mapping[str, tuple[str, ...]]
    money: tuple[str, ...]
    degrees: tuple[str, ...]


@dataclass(frozen=True)
class Found:
    """The keys whose phrases a message contains, and the words no phrase explained."""

    keys: tuple[str, ...]
    leftover: frozenset[str]
    unlisted: frozenset[str]  # the leftover less words a phrase that only marks explains


class Spotter:
    """Phrases by key (e.g. `herpes` → ["cold sore", "fever blister"]) in one language. The
    phrases of a key in `marks` only mark the message: their words stay in the leftover, for
    what else reads it ("I have veneers" still tells of the writer in words no list knows)."""

    def __init__(self, language: str, phrases: Mapping[str, Iterable[str]], reading: Reading,
                 ignore: str = "", marks: Iterable[str] = (),
                 stands_for: Mapping[str, str] | None = None) -> None:
        """`stands_for`: words that, typed together, read as something else, and what they
        stand for ("diamond peeling" is the procedure, no skin peeling)."""
        self._lemmas = lemmatiser(language)
        self._stands_for = {typed.lower(): meant for typed, meant in (stands_for or {}).items()}
        self._together = re.compile(
            r"\b(?:" + "|".join(map(re.escape, self._stands_for)) + r")\b",
            re.IGNORECASE) if self._stands_for else None
        # Their first words: a message with none of them is left as it is, without the search
        # through all of them (a tenth of routing a Russian message). One opening with no word
        # ("👋 …") is searched for always.
        self._firsts = frozenset(found.group(0) if (found := _FIRST_WORD.match(typed)) else ""
                                 for typed in self._stands_for)
        self._patients = reading.patients
        self._token, self._degree_word = _token(reading.money), _degree_word(reading.degrees)
        self._marks = frozenset(marks)
        self._ignore = frozenset(self.stems(ignore))
        self._phrases: list[tuple[str, frozenset[str]]] = []
        # The words written right beside a phrase's "0", one of which the number must be
        # typed beside: "на 0 =неделе" is "на 20 неделе", not "на этой неделе, после 17".
        self._beside_number: dict[int, frozenset[str]] = {}
        for key, texts in phrases.items():
            for text in texts:
                written = self.stems(text)
                if written:
                    if NUMBER in written:
                        self._beside_number[len(self._phrases)] = _beside(written, NUMBER)
                    self._phrases.append((key, frozenset(written)))
        self._by_letter: dict[str, set[str]] = {}
        # A phrase is present only when all its stems are, so it is enough to look at the
        # phrases filed under one of its stems that the message has: a few of hundreds.
        self._filed: dict[str, list[int]] = {}
        for number, (_, stems) in enumerate(self._phrases):
            for stem in stems:
                self._by_letter.setdefault(stem[0], set()).add(stem)
            self._filed.setdefault(min(stems), []).append(number)
        self._known = frozenset(s for _, stems in self._phrases for s in stems)
        self._typos = Typos(self._known)
        self._cache: dict[str, frozenset[str]] = {}
        self._read_cache: dict[str, tuple[str, ...]] = {}

    def stems(self, text: str) -> list[str]:
        """The written form of each word (a vocabulary's); a word written `=word` is kept."""
        return [w if w.startswith(EXACT) else self._lemmas.written(w) for w in self._words(text)]

    def readings(self, text: str) -> dict[str, tuple[str, ...]]:
        """Each typed word → the forms it may stand for."""
        return {w: self._read(w) for w in self._words(text)}

    def _read(self, word: str) -> tuple[str, ...]:
        """The dictionary's readings of `word`, and what a person it names by an illness has."""
        found = self._read_cache.get(word)
        if found is None:
            found = self._lemmas.read(word)
            if self._patients and self._lemmas.known(word):
                found = tuple(dict.fromkeys(found + tuple(
                    ill for form in found for ill in _ill_with(form, self._patients))))
            if len(self._read_cache) < CACHE_SIZE:
                self._read_cache[word] = found
        return found

    def _words(self, text: str) -> list[str]:
        typed = text.lower().replace("ё", "е").replace("’", "'")
        return self._token.findall(self._degree_word.sub(r"\1°", typed))

    def _meaning(self, word: str, spelled: bool = False) -> frozenset[str]:
        """The phrase stems `word` counts as: itself when known ("great" is not "greet"); an
        everyday word is no typo of another ("would" is no "wound"). A word `spelled` as the
        dictionary or the list of common words knows it is no typo either ("понимать" is not
        "принимать", "couch" is not "cough"), only kin to a stem (`_kin`)."""
        found = self._cache.get(EXACT + word if spelled else word)
        if found is None:
            found = frozenset({word}) if word in self._known else frozenset() if (
                word in self._ignore) else frozenset(
                s for s in self._by_letter.get(word[0], ())
                if _kin(word, s, self._lemmas.lemmatised)) if (
                spelled) else self._typos.of(word)
            if len(self._cache) < 50_000:
                self._cache[EXACT + word if spelled else word] = found
        return found

    def meant(self, text: str) -> str:
        """The text with what its words typed together stand for ("the diamond peel" is "the
        diamond microdermabrasion")."""
        if self._together is None or "" not in self._firsts and self._firsts.isdisjoint(
                _FIRST_WORD.findall(text.lower())):
            return text
        return self._together.sub(lambda m: self._stands_for[m.group(0).lower()], text)

    def find(self, text: str) -> Found:
        """Keys in the order of their first phrase in the content, but one found only inside a
        longer phrase of another; leftover words without the ignore-words. A typo is
        forgiven in a word's likeliest reading only: the rarer readings of a word ("рак" may be
        "рака") must be vocabulary words as they are (a letter alone has none: "к" is no
        "как"), and a word the dictionary knows is no typo ("понимает" is not "принимает")."""
        typed = self.meant(text).replace(EXACT, " ")
        meaning = {w: self._meaning(forms[0], self._lemmas.known(w))
                   | self._known.intersection(forms[1:] if len(w) > 1 else ())
                   for w, forms in self.readings(typed).items()}
        present = set().union(*meaning.values()) if meaning else set()
        present |= {EXACT + w for w in meaning} | {NUMBER for w in meaning if _number(w)} | {
            FEVERISH for w in meaning if _feverish(w)}
        numbered = self._beside_numbers(typed, meaning) if NUMBER in present else set()
        matched = [self._phrases[number] for number in sorted(
            {n for stem in present for n in self._filed.get(stem, ())})
            if self._phrases[number][1] <= present and (
                number not in self._beside_number or numbered & self._beside_number[number])]
        keys: dict[str, None] = {}
        used: set[str] = set()
        marked: set[str] = set()
        for key, stems in matched:
            if key not in keys and not _narrowed(key, matched):
                keys[key] = None
            (marked if key in self._marks else used).update(stems)
        leftover = frozenset(w for w, m in meaning.items()
                             if not (m & used) and EXACT + w not in used
                             and self._lemmas.written(w) not in self._ignore)
        return Found(tuple(keys), leftover, frozenset(
            w for w in leftover if not (meaning[w] & marked) and EXACT + w not in marked))

    def explains(self, text: str) -> bool:
        """Whether phrases explain every word of the text."""
        found = self.find(text)
        return bool(found.keys) and not found.leftover

    def _beside_numbers(self, typed: str, meaning: Mapping[str, frozenset[str]]) -> set[str]:
        """The stems of the words typed right before a number (marked `BEFORE`) or right
        after it (`AFTER`)."""
        words = self._words(typed)
        found: set[str] = set()
        for i, word in enumerate(words):
            if _number(word):
                for side, others in ((BEFORE, words[max(i - 1, 0):i]), (AFTER, words[i + 1:i + 2])):
                    found |= {side + stem for other in others
                              for stem in meaning.get(other, frozenset()) | {EXACT + other}}
        return found

    def whole(self, text: str) -> str | None:
        """The key of the phrase the whole message is (typed answers: "yes", "не знаю")."""
        words = frozenset(self.stems(text.replace(EXACT, " ")))
        return next((key for key, stems in self._phrases if stems == words), None)


def _narrowed(key: str, matched: list[tuple[str, frozenset[str]]]) -> bool:
    """Whether each phrase of `key` found is part of a longer one of another key found:
    "солнечный ожог" is a sunburn (`tan`), not also the burn of "ожог"; "opening hours" asks
    the hours, not for "openings". Only a phrase of the same kind counts (a condition is never
    lost to a request); health cues are always kept: they add up. A condition gives way to a
    longer phrase that alone tells of health too, as something else: "hay fever" is an allergy,
    "не кормлю" denies breastfeeding, "переболела ковидом" is over; answered cautiously."""
    kind = _kind(key)
    return kind != HEALTH_CUE and all(
        any(other != key and (_kind(other) == kind or kind == CONDITION and other == TELLS)
            and stems < longer for other, longer in matched)
        for found, stems in matched if found == key)


def _kind(key: str) -> str:
    """Conditions, health cues, and everything else: a phrase gives way only to its own kind's."""
    return next((kind for kind in (CONDITION, HEALTH_CUE) if key.startswith(kind)), "")


def _beside(written: list[str], word: str) -> frozenset[str]:
    """The words written right before (marked `BEFORE`) and after (`AFTER`) each `word` of a
    phrase. Between two words, the number must be typed between them too ("на 0 =неделе" is
    not "после 19 на этой неделе"); beside one word at an end, on either side of it
    ("зрение 0" is "зрение -6" and "-6 зрение")."""
    found: set[str] = set()
    for i, w in enumerate(written):
        if w == word:
            before, after = written[max(i - 1, 0):i], written[i + 1:i + 2]
            if before and after:
                found |= {BEFORE + before[0], AFTER + after[0]}
            else:
                found |= {side + other for other in before + after for side in (BEFORE, AFTER)}
    return frozenset(found)


def _number(word: str) -> bool:
    """Digits a figure is written with ("²" is a digit to `isdigit`, but no figure)."""
    return word.rstrip(_DEGREES).replace(".", "").replace(",", "").isdecimal()


def _feverish(word: str) -> bool:
    """A figure that a body has only when ill, typed with its tenth or its degrees ("37,8",
    "38°", "38C", "101F")."""
    figure = word.rstrip(_DEGREES)
    if figure == word and word.isdecimal() or not _number(word):
        return False
    value = float(figure.replace(",", "."))
    if word.endswith(("f", "ф", "°")) and value > HOT:
        value = (value - 32) * 5 / 9
    return WARM <= value < HOT


def _ill_with(form: str, patients: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """What a person named by an illness has, and the man's word for the woman's: a
    "гипертоник" or "гипертоничка" has "гипертония", a "диабетик" "диабет", an "аллергик"
    "аллергия"; a "сердечница" is a "сердечник", an "астматичка" an "астматик"."""
    for ending, instead in patients.items():
        if form.endswith(ending) and len(form) > len(ending) + 3:
            stem = form.removesuffix(ending)
            return tuple(stem + other for other in instead)
    return ()


@cache
def _token(money: tuple[str, ...]) -> re.Pattern[str]:
    """A word; a figure with its degree mark is one, so is a figure with its tenth, unless a
    word of `money` follows ("37,5 тыс", "37.5k"); a figure typed together with its unit is two
    ("100mg" is "100 mg")."""
    return re.compile(r"\d+(?:[.,]\d)?(?:°[cfсф]?|[cfсф]\b)"
                      rf"|\d+[.,]\d(?!\d)(?!\s*(?:{_either(money)}))"
                      r"|\d+(?=[^\W\d_])"
                      r"|=?[^\W_]+|[\u2600-\u27bf\U0001f300-\U0001faff]", re.UNICODE)


@cache
def _degree_word(degrees: tuple[str, ...]) -> re.Pattern[str]:
    """A figure and a word of `degrees` after it ("38 градусов")."""
    return re.compile(rf"(\d+(?:[.,]\d)?)\s*(?:{_either(degrees)})")


def _either(words: tuple[str, ...]) -> str:
    """A pattern of any of `words` as written: one ending in `ANY` begins a word ("руб*":
    "рублей"), one ending in a letter or digit is a whole word ("k" is no "kg"), a sign is
    itself ("$"). Of no word, a pattern that nothing matches."""
    return "|".join(re.escape(word.lower().removesuffix(ANY)) + (
        r"\w*" if word.endswith(ANY) else r"\b" if re.match(r"\w", word[-1]) else "")
        for word in words) or "(?!)"


def _kin(word: str, stem: str, lemmatised: bool) -> bool:
    """A dictionary form a letter or two longer or shorter that begins the other
    ("накрасить", "накраситься"); of stems, one of `KIN` letters the word begins with
    ("feverish": "fever"), but none the word only begins ("candid" is no "candida")."""
    if not lemmatised:
        return len(stem) >= KIN and word.startswith(stem)
    short, long = sorted((word, stem), key=len)
    return len(short) >= KIN and len(long) - len(short) <= 2 and long.startswith(short)

