"""Free-text FAQ questions → the best topic, per language.

Each topic's localized keywords (comma-separated phrases) are tokenized and reduced to lemmas
(Russian) or Snowball stems (bot/content/lemmas.py); a question's words match a keyword's words
when those are equal or close (rapidfuzz, for typos). Words that appear under many topics weigh
less. A topic's score is the best weighted share of one of its phrases found in the question.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.content.lemmas import lemmatiser

_WORD = re.compile(r"\w+", re.UNICODE)
_DOUBLE = re.compile(r"(\w)\1")
TYPO_SIMILARITY = 80.0  # rapidfuzz ratio above which two stems of 4+ letters count as one
LONG_TYPO = 6  # letters of a word that may be a typo of a stem two or more letters longer


class Typos:
    """The stems of a vocabulary a word not in it may be a typo of: both of four letters or
    more, the same first letter (typos rarely hit it: "along" is not "long"), and close by
    rapidfuzz's ratio, a letter longer or shorter at most where the word is short (a typo
    drops or adds one: "rear" is no "relvar") unless it is the stem's beginning ("prep"), or
    the word begins with a stem of five letters or more. A word is
    compared with all of its letter's stems in one call of rapidfuzz's: it runs on every
    word of every message the caches have not seen."""

    def __init__(self, stems: Iterable[str]) -> None:
        self._by_letter: dict[str, list[str]] = {}
        for stem in dict.fromkeys(stems):
            if len(stem) >= 4:
                self._by_letter.setdefault(stem[0], []).append(stem)
        self._long = frozenset(s for stems in self._by_letter.values() for s in stems
                               if len(s) >= 5)

    def of(self, word: str) -> frozenset[str]:
        stems = self._by_letter.get(word[0]) if len(word) >= 4 else None
        if not stems:
            return frozenset()
        close = process.extract(word, stems, scorer=fuzz.ratio, score_cutoff=TYPO_SIMILARITY,
                                limit=None)
        return frozenset([stem for stem, _, _ in close
                          if abs(len(stem) - len(word)) < 2 or len(word) >= LONG_TYPO
                          or stem.startswith(word)]
                         + [word[:n] for n in range(5, len(word)) if word[:n] in self._long])


@dataclass(frozen=True)
class Match:
    topic_id: str
    score: float


class FaqMatcher:
    def __init__(self, language: str, keywords: dict[str, str], ignore: str = "") -> None:
        self._lemmas = lemmatiser(language)
        self._ignore = set(self._stem_words(ignore))
        self._phrases: list[tuple[str, tuple[str, ...]]] = []
        for topic_id, text in keywords.items():
            for phrase in text.split(","):
                stems = tuple(dict.fromkeys(self.stems(phrase)))
                if stems:
                    self._phrases.append((topic_id, stems))
        by_stem: dict[str, set[str]] = {}
        for topic_id, stems in self._phrases:
            for stem in stems:
                by_stem.setdefault(stem, set()).add(topic_id)
        topic_count = len(keywords) or 1
        self._weight = {s: math.log(1 + topic_count / len(t)) for s, t in by_stem.items()}
        self._topics: dict[str, list[tuple[str, ...]]] = {}
        for topic_id, stems in self._phrases:
            self._topics.setdefault(topic_id, []).append(stems)
        self._typos = Typos(self._weight)
        self._ignored_typos = Typos(self._ignore)
        self._unknown_weight = math.log(1 + topic_count)
        # Each phrase's total weight, and which phrases each stem appears in (computed once).
        self._totals = {t: [sum(self._weight[s] for s in stems) for stems in phrases]
                        for t, phrases in self._topics.items()}
        self._holding: dict[str, dict[str, list[int]]] = {}  # stem → topic → its phrases' places
        for topic_id, phrases in self._topics.items():
            for number, stems in enumerate(phrases):
                for stem in stems:
                    self._holding.setdefault(stem, {}).setdefault(topic_id, []).append(number)
        self._meaning_cache: dict[str, frozenset[str]] = {}

    def _stem_words(self, text: str) -> list[str]:
        words = [w for w in _WORD.findall(text.lower().replace("ё", "е")) if not w.isdigit()]
        return [self._lemmas.written(w) for w in words]

    def stems(self, text: str) -> list[str]:
        """Stems of the words that carry meaning (the catalog's ignore-words left out)."""
        return [w for w in self._stem_words(text) if w not in self._ignore]

    def _question_stems(self, text: str) -> list[str]:
        """Like `stems`, but a word unknown to the topics is tried with doubled letters made
        single ("painfull" is "painful"), whose stem may differ more than a typo allows."""
        found = []
        for word in _WORD.findall(text.lower().replace("ё", "е")):
            if word.isdigit():
                continue
            [stem] = self._stem_words(word) or [word]
            if stem not in self._weight and _DOUBLE.search(word):
                [single] = self._stem_words(_DOUBLE.sub(r"\1", word)) or [stem]
                stem = single if single in self._weight else stem
            if stem not in self._ignore:
                found.append(stem)
        return found

    def _meaning(self, word: str) -> frozenset[str]:
        """The vocabulary stems `word` counts as: itself where the vocabulary has it (a word
        spelled right is no typo of another: "осложнение" is not "омоложение"), else those it
        is a typo of."""
        meaning = self._meaning_cache.get(word)
        if meaning is None:
            meaning = frozenset((word,)) if word in self._weight else self._typos.of(word)
            if len(self._meaning_cache) < 50_000:
                self._meaning_cache[word] = meaning
        return meaning

    def knows(self, word: str) -> bool:
        """Whether `word` belongs to some topic's vocabulary or is an everyday word (a typo of
        one counts)."""
        return all(self._meaning(s) or s in self._ignore or self._ignored_typos.of(s)
                   for s in self._question_stems(word))

    def best(self, question: str) -> Match | None:
        """The topic whose best phrase is most fully present, weighed by how much of the
        question that topic explains (so one shared word in a long question is not enough)."""
        words = set(self._question_stems(question))
        if not words:
            return None
        # Each question word against the vocabulary once (remembered: clients ask alike).
        meaning = {w: self._meaning(w) for w in words}
        found = set().union(*meaning.values())
        question_weight = math.fsum(self._weight.get(w, self._unknown_weight) for w in words)
        # The phrases of each topic that hold a word found (any other covers nothing), and the
        # weights of the question's words whose meaning the topic's phrases hold.
        touched: dict[str, set[int]] = {}
        for stem in found:
            for topic_id, numbers in self._holding[stem].items():
                touched.setdefault(topic_id, set()).update(numbers)
        explains: dict[str, list[float]] = {}
        for word, stems in meaning.items():
            for topic_id in set().union(*(self._holding[s] for s in stems)):
                explains.setdefault(topic_id, []).append(
                    self._weight.get(word, self._unknown_weight))
        best: Match | None = None
        for topic_id, phrases in self._topics.items():
            if topic_id not in touched:  # no word of any of its phrases: scores nothing
                if best is None:
                    best = Match(topic_id, 0.0)
                continue
            totals = self._totals[topic_id]
            coverage = max(math.fsum(self._weight[s] for s in phrases[n] if s in found) / totals[n]
                           for n in touched[topic_id])
            explained = math.fsum(explains[topic_id])
            score = coverage * (0.5 + 0.5 * explained / question_weight)
            if best is None or score > best.score:
                best = Match(topic_id, score)
        return best
