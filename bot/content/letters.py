"""Russian typed on a Latin keyboard ("vchera obozhgla lob", "p'yu akkutan"), read in its own
letters letter group by letter group (the words file's `latin` and `latin_also`), so the
message is routed as if typed in Cyrillic; and the words such a reading leaves unknown, for other
languages' words to read (a brand name). Russian typed with the keyboard left in the Latin
layout ("ghbdtn", the keys of "привет") is read key by key (`keyboard`) first."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from itertools import chain, combinations
from typing import TYPE_CHECKING

from bot.content.lemmas import lemmatiser

if TYPE_CHECKING:
    from bot.content import Content

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LATIN_WORD = re.compile(r"[a-z']+")
MIXED = 3  # words of the language typed in Latin that a message in two alphabets needs
# Letters a word read key by key has, to count as a word of the language: the dictionary knows
# two-letter abbreviations ("ес", "мн") that anything typed may read as.
KEYED_WORD = 3


def readable(content: Content, language: str, text: str) -> str:
    """The message in its language's letters: one typed on a Latin keyboard ("vchera obozhgla
    lob") is read letter group by letter group (the words file's `latin`) when most of its
    words then are words of the language; anything else (a brand name, English) as typed. An
    emoji beside the words ("bol'no? 😬") is no letter of the language. Where the keyboard was
    switched mid-message ("здравствуйте! u menya dermatit"), its Latin-typed words are read so
    when a few of them, and most, are words of the language then, each that is one; brands
    ("yandex pay или apple pay", "iPhone 13") stay as typed."""
    table = content.words[language].latin if language in content.words else {}
    if not table:
        return text
    pattern = _latin(tuple(table))
    lemmas = lemmatiser(language)
    also = content.words[language].latin_also
    if not all(word.isascii() for word in _WORD.findall(text)):
        latin = set(_LATIN_WORD.findall(text.lower()))
        native = {word: reading for word in latin if lemmas.known(
            reading := _spelled(pattern.findall(word), table, lemmas.known, also))}
        if len(native) < MIXED or 2 * len(native) < len(latin):
            return text
        return _LATIN_WORD.sub(lambda m: native.get(m.group(0), m.group(0)), text.lower())
    spelled = _LATIN_WORD.sub(
        lambda m: _spelled(pattern.findall(m.group(0)), table, lemmas.known, also),
        text.lower())
    words = _WORD.findall(spelled)
    return spelled if 2 * sum(map(lemmas.known, words)) >= len(words) else text


def as_meant(content: Content, language: str, text: str) -> str:
    """The message in its language's letters, however the keyboard was set (`keyed`, then
    `readable`)."""
    return readable(content, language, keyed(content, language, text))


def keyed(content: Content, language: str, text: str) -> str:
    """The message as meant where the keyboard was left in the Latin layout ("ghbdtn z
    ,thtvtyyf vj;yj r dfv" is "привет я беременна можно к вам", "gm. hjfrrenfy можно?" is "пью
    роаккутан можно?"): its Latin-typed runs read key by key when at least half of them are
    then words of the language, and more than when read letter group by letter group
    ("vchera" is "вчера", no "мсрукф"; "net" is "нет", no "туе"). Anything else as typed."""
    keys = content.words[language].keyboard if language in content.words else {}
    lowered, typed_keys = text.lower(), _keys(tuple(keys))
    runs = [run for run in typed_keys.findall(lowered) if _LATIN_WORD.search(run)]
    if not runs:
        return text
    known = lemmatiser(language).known
    read = {run: "".join(keys.get(key, key) for key in run) for run in runs}
    words = [word for word in read.values() if len(word) > 1]
    meant = sum(len(word) >= KEYED_WORD and known(word) for word in words)
    if not meant or 2 * meant < len(words):
        return text
    table, also = content.words[language].latin, content.words[language].latin_also
    pattern = _latin(tuple(table))
    spelled = (_spelled(pattern.findall(word), table, known, also)
               for word in _LATIN_WORD.findall(lowered))
    if sum(len(word) >= KEYED_WORD and known(word) for word in spelled) >= meant:
        return text
    return typed_keys.sub(lambda m: read.get(m.group(0), m.group(0)), lowered)


def unread(content: Content, language: str, typed: str) -> str:
    """The words of a message read in the language's letters that are no words of it there
    (a brand name: "p'yu akkutan"): only these are left to other languages' words, so "chem"
    typed for "чем" is no chemo."""
    table = content.words[language].latin
    pattern = _latin(tuple(table))
    known = lemmatiser(language).known
    also = content.words[language].latin_also
    return " ".join(word for word in _LATIN_WORD.findall(typed.lower())
                    if not known(_spelled(pattern.findall(word), table, known, also)))


def in_letters(content: Content, language: str, text: str, unexplained: frozenset[str]) -> str:
    """The message with each Latin-typed word that is a word of `language` in its letters
    ("my mama has kardiostimulyator": "кардиостимулятор"): how another language's words read
    a message that mixes in this one. Only the words the message's own phrases left
    `unexplained` are tried."""
    table = content.words[language].latin if language in content.words else {}
    if not table:
        return text
    pattern = _latin(tuple(table))
    known = lemmatiser(language).known
    also = content.words[language].latin_also

    def read(match: re.Match[str]) -> str:
        word = match.group(0)
        if word not in unexplained:
            return word
        spelled = _spelled(pattern.findall(word), table, known, also, thorough=False)
        return spelled if known(spelled) else word

    return _LATIN_WORD.sub(read, text.lower())


def _spelled(groups: list[str], table: dict[str, str], known: Callable[[str], bool],
             also: Mapping[str, tuple[str, ...]], thorough: bool = True) -> str:
    """One Latin-typed word, as its letter groups, in the language's letters. Where the
    dictionary does not know the first reading, others are tried: a group read letter by
    letter ("stoit" is "стоит", not "стойт"), the letter written `'` put back where the
    typist left it out ("skolko" is "сколько"), or one or two groups read as the other letters
    they are typed for (`also`: "eshe" is "еще", "epilyacii" "эпиляции"). Not `thorough`, only
    one group read otherwise: for the words of a message in another language, most of which
    are no words of this one, so every reading tried is a look-up spent."""
    letters = [table.get(group, group) for group in groups]
    first = "".join(letters)
    if known(first):
        return first
    other = [(i, other) for i, group in enumerate(groups) for other in also.get(group, ())]

    def instead(*changes: tuple[int, str]) -> str:
        changed = list(letters)
        for i, letter in changes:
            changed[i] = letter
        return "".join(changed)

    once = (instead(change) for change in other)
    if not thorough:
        return next((reading for reading in once if known(reading)), first)
    split = ("".join(letters[:i]) + "".join(table.get(c, c) for c in group)
             + "".join(letters[i + 1:]) for i, group in enumerate(groups) if len(group) > 1)
    soft = table.get("'")
    left_out = ("".join(letters[:i]) + soft + "".join(letters[i:])
                for i in range(1, len(letters) + 1)) if soft else ()
    twice = (instead(a, b) for a, b in combinations(other, 2) if a[0] != b[0])
    return next((reading for reading in chain(split, left_out, once, twice) if known(reading)),
                first)


@cache
def _keys(keys: tuple[str, ...]) -> re.Pattern[str]:
    """Runs of the keys a layout maps: letters, and the signs on its letters' keys (",", ";");
    none in a word with a figure ("HbA1c", "b12")."""
    return re.compile(r"(?<!\d)[" + "".join(map(re.escape, keys)) + r"]++(?!\d)") if keys \
        else re.compile("(?!)")


@cache
def _latin(groups: tuple[str, ...]) -> re.Pattern[str]:
    """Letter groups, longest first; any other character stands for itself."""
    return re.compile("|".join(map(re.escape, sorted(groups, key=len, reverse=True))) + "|.")
