"""Free-text FAQ questions → the best topic, per language.

Each topic's localized keywords (comma-separated phrases) are tokenized and stemmed with the
Snowball stemmer of that language; a question's words match a keyword's words when their stems
are equal or close (rapidfuzz, for typos). Words that appear under many topics weigh less.
A topic's score is the best weighted share of one of its phrases found in the question.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import snowballstemmer
from babel import Locale
from rapidfuzz import fuzz

_WORD = re.compile(r"\w+", re.UNICODE)
TYPO_SIMILARITY = 80.0  # rapidfuzz ratio above which two stems of 4+ letters count as one


def _stemmer(language: str) -> snowballstemmer.stemmer | None:
    name = (Locale.parse(language).english_name or language).split(" ")[0].lower()
    try:
        return snowballstemmer.stemmer(name)
    except KeyError:
        return None


@dataclass(frozen=True)
class Match:
    topic_id: str
    score: float


class FaqMatcher:
    def __init__(self, language: str, keywords: dict[str, str], ignore: str = "") -> None:
        self._stemmer = _stemmer(language)
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
        self._unknown_weight = math.log(1 + topic_count)

    def _stem_words(self, text: str) -> list[str]:
        words = [w for w in _WORD.findall(text.lower().replace("ё", "е")) if not w.isdigit()]
        return self._stemmer.stemWords(words) if self._stemmer else words

    def stems(self, text: str) -> list[str]:
        """Stems of the words that carry meaning (the catalog's ignore-words left out)."""
        return [w for w in self._stem_words(text) if w not in self._ignore]

    @staticmethod
    def _same(word: str, stem: str) -> bool:
        if word == stem:
            return True
        if min(len(word), len(stem)) < 4 or word[0] != stem[0]:
            return False  # typos rarely hit the first letter; "along" is not "long"
        return fuzz.ratio(word, stem) >= TYPO_SIMILARITY or (
            len(stem) >= 5 and word.startswith(stem)
        )

    def best(self, question: str) -> Match | None:
        """The topic whose best phrase is most fully present, weighed by how much of the
        question that topic explains (so one shared word in a long question is not enough)."""
        words = set(self.stems(question))
        if not words:
            return None
        question_weight = sum(self._weight.get(w, self._unknown_weight) for w in words)
        best: Match | None = None
        for topic_id in dict.fromkeys(t for t, _ in self._phrases):
            phrases = [stems for t, stems in self._phrases if t == topic_id]
            coverage = max(self._coverage(words, stems) for stems in phrases)
            vocabulary = {s for stems in phrases for s in stems}
            explained = sum(self._weight.get(w, self._unknown_weight) for w in words
                            if any(self._same(w, s) for s in vocabulary))
            score = coverage * (0.5 + 0.5 * explained / question_weight)
            if best is None or score > best.score:
                best = Match(topic_id, score)
        return best

    def _coverage(self, words: set[str], stems: tuple[str, ...]) -> float:
        total = sum(self._weight[s] for s in stems)
        found = sum(self._weight[s] for s in stems if any(self._same(w, s) for w in words))
        return found / total if total else 0.0
