"""Words reduced to the form the vocabulary is written in, per language.

Russian inflects a noun into a dozen forms and a verb into dozens: a word list of forms is
never complete. Russian words are reduced to their dictionary form (lemma) with pymorphy3 and
its Russian dictionary, so `рубец` in a list covers `рубцы`, `рубцам`, `рубцами`. Other
languages use the Snowball stemmer, which is enough for English. One analyser is shared by the
whole process: its dictionary adds about 23 MiB to the bot's memory and a quarter of a second
to its start. A stemmed language may have a list of its common words (bot/content/dictionary/,
English's adds about 4 MiB), so that a word spelled right is never read as a typo of another.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import Stemmer
from babel import Locale
from pymorphy3 import MorphAnalyzer

MORPHOLOGY = ("ru",)  # languages whose dictionary package is installed (pymorphy3-dicts-ru)
CACHE_SIZE = 50_000  # distinct words remembered per language; clients use far fewer


def stemmer(language: str) -> Stemmer.Stemmer | None:
    name = (Locale.parse(language).english_name or language).split(" ")[0].lower()
    try:
        return Stemmer.Stemmer(name)
    except KeyError:
        return None


@cache
def _analyser(language: str) -> MorphAnalyzer:
    return MorphAnalyzer(lang=language)


class Lemmatiser:
    """`written(word)`: the one form a vocabulary word stands for; `read(word)`: the forms a
    typed word may stand for (every dictionary reading of an ambiguous word, and the word
    itself when the dictionary does not know it: brand names, typos)."""

    def __init__(self, language: str) -> None:
        self._morph = _analyser(language) if language in MORPHOLOGY else None
        self._stemmer = None if self._morph else stemmer(language)
        self._read: dict[str, tuple[str, ...]] = {}
        self._self: dict[str, bool] = {}
        self._names: dict[str, str | None] = {}
        self._spelled = frozenset() if self._morph else common_words(language)

    def written(self, word: str) -> str:
        return self.read(word)[0]

    def read(self, word: str) -> tuple[str, ...]:
        found = self._read.get(word)
        if found is None:
            found = self._forms(word)
            if len(self._read) < CACHE_SIZE:
                self._read[word] = found
        return found

    def known(self, word: str) -> bool:
        """Whether the dictionary, or the list of common words, knows `word` as typed: then it
        is no typo of another word ("понимает" is not "принимает", "couch" is not "cough")."""
        if self._morph is None:
            return word in self._spelled
        return bool(self._morph.word_is_known(word))

    @property
    def lemmatised(self) -> bool:
        """Whether words are reduced to their dictionary forms; else to Snowball stems, where
        one a letter longer than another is often another word ("candid", "candida")."""
        return self._morph is not None

    def may_be_name(self, word: str) -> bool:
        """Whether `word` may be a brand's name: one the dictionary does not know ("эутирокс")
        or knows only as a person's name ("ярину"). Without a dictionary none is told so."""
        if self._morph is None:
            return False
        tag = self._morph.parse(word)[0].tag
        return not self._morph.word_is_known(word) or "Name" in tag or "Surn" in tag

    def speaks_of_self(self, word: str) -> bool:
        """A verb in the first person ("принимаю") or in the past tense, but for the neuter
        ("делала", "появились", not "было"): in a client's message, the client speaking of
        themself or of what happened to them, pronoun or not. A word that may
        also be a noun ("отек") does not count. Only languages with a dictionary tell;
        elsewhere the words file's first-person phrases do."""
        found = self._self.get(word)
        if found is None:
            parses = self._morph.parse(word) if self._morph else []
            tag = parses[0].tag if parses else None
            found = bool(tag and tag.POS == "VERB" and (
                "1per" in tag or ("past" in tag and "neut" not in tag))
                and all(p.tag.POS == "VERB" for p in parses if p.is_known))
            if len(self._self) < CACHE_SIZE:
                self._self[word] = found
        return found

    def _verb(self, word: str, grammeme: str) -> bool:
        """Whether the likeliest reading of `word` is a verb with `grammeme`."""
        tag = self._morph.parse(word)[0].tag if self._morph else None
        return bool(tag and tag.POS == "VERB" and grammeme in tag)

    def in_first_person(self, word: str) -> bool:
        """A verb in the first person ("болею", "принимаю"). Only languages with a dictionary
        tell."""
        tag = self._morph.parse(word)[0].tag if self._morph else None
        return bool(tag and tag.POS == "VERB" and "1per" in tag)

    def describes_one(self, word: str) -> bool:
        """A short adjective or participle in the singular, of a man or a woman ("беременна",
        "простужен"): said of one person, not of people in general. Only languages with a
        dictionary tell."""
        tag = self._morph.parse(word)[0].tag if self._morph else None
        return bool(tag and tag.POS in ("ADJS", "PRTS") and "sing" in tag and "neut" not in tag)

    @property
    def tells_tense(self) -> bool:
        """Whether a verb's tense can be read (`happened`): only languages with a dictionary."""
        return self._morph is not None

    def happened(self, word: str) -> bool:
        """A verb in the past tense, of any gender ("заложило", "подвернула"): something that
        happened, to whomever. Only languages with a dictionary tell."""
        return self._verb(word, "past")

    def addresses(self, word: str) -> bool:
        """A verb in the second person ("делаете"): the writer addressing the clinic. Only
        languages with a dictionary tell; elsewhere the words file's `addressing` does."""
        return self._verb(word, "2per")

    def names_act(self, word: str, endings: tuple[str, ...]) -> bool:
        """A noun naming an act or what befell, by the `endings` of its dictionary form
        ("удаления", "коронарографии", "сотрясения"), or a word the dictionary does not know;
        not a thing, a time or a term ("работы", "отпуска", "сессии"). Only languages with a
        dictionary tell."""
        if self._morph is None:
            return False
        if not self._morph.word_is_known(word):
            return True
        parse = self._morph.parse(word)[0]
        return bool(parse.tag.POS == "NOUN" and parse.normal_form.endswith(endings))

    def describes(self, word: str) -> bool:
        """An adjective or a participle ("красной", "опухшая"): a word a likeness may follow.
        Only languages with a dictionary tell."""
        tag = self._morph.parse(word)[0].tag if self._morph else None
        return bool(tag and tag.POS in ("ADJF", "ADJS", "PRTF", "PRTS") and "Apro" not in tag)

    def name_form(self, word: str) -> str | None:
        """The form `word` would be listed in if it may be a name (of a medicine, a diagnosis,
        an operation): a noun or a word the dictionary does not know, in the form the dictionary
        guesses ("блефаропластику" → "блефаропластика"); None for a verb ending alike
        ("проходит" is no "гастрит"). Without a dictionary, the word's stem: "statins" is a
        "statin"."""
        if self._morph is None:
            return self._stemmer.stemWord(word) if self._stemmer else word
        if word in self._names:
            return self._names[word]
        parse = self._morph.parse(word)[0]
        found = None if parse.is_known and parse.tag.POS != "NOUN" else (
            parse.normal_form.replace("ё", "е"))
        if len(self._names) < CACHE_SIZE:
            self._names[word] = found
        return found

    def _forms(self, word: str) -> tuple[str, ...]:
        if self._morph is None:
            return (self._stemmer.stemWord(word),) if self._stemmer else (word,)
        if not self._morph.word_is_known(word):  # before `parse`, whose guesses at an unknown
            return (word,)                         # word (a typo) take a millisecond
        parses = self._morph.parse(word)
        return tuple(dict.fromkeys(p.normal_form.replace("ё", "е") for p in parses if p.is_known))


def common_words(language: str) -> frozenset[str]:
    """The language's list of common words (bot/content/dictionary/<language>.txt), if any."""
    listed = resources.files("bot.content") / "dictionary" / f"{language}.txt"
    if not listed.is_file():
        return frozenset()
    return frozenset(line for line in listed.read_text(encoding="utf-8").splitlines()
                     if line and not line.startswith("#"))


@cache
def lemmatiser(language: str) -> Lemmatiser:
    """The process's one lemmatiser of `language`, shared by every matcher."""
    return Lemmatiser(language)
