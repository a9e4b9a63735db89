"""Free-text FAQ questions → the best topic, per language.

Each topic's localized keywords (comma-separated phrases) are tokenized and stemmed with the
Snowball stemmer of that language; a question's words match a keyword's words when their stems
are equal or close (rapidfuzz, for typos). Words that appear under many topics weigh less.
A topic's score is the best weighted share of one of its phrases found in the question.
"""

from __future__ import annotations

import math
import re
from collections import Counter
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
    def __init__(self, language: str, keywords: dict[str, str]) -> None:
        self._stemmer = _stemmer(language)
        self._phrases: list[tuple[str, tuple[str, ...]]] = []
        for topic_id, text in keywords.items():
            for phrase in text.split(","):
                stems = tuple(dict.fromkeys(self.stems(phrase)))
                if stems:
                    self._phrases.append((topic_id, stems))
        topic_count = len(keywords) or 1
        document_frequency = Counter(
            stem for stem, topics in self._topics_by_stem().items() for _ in topics
        )
        self._weight = {
            stem: math.log(1 + topic_count / df) for stem, df in document_frequency.items()
        }

    def _topics_by_stem(self) -> dict[str, set[str]]:
        by_stem: dict[str, set[str]] = {}
        for topic_id, stems in self._phrases:
            for stem in stems:
                by_stem.setdefault(stem, set()).add(topic_id)
        return by_stem

    def stems(self, text: str) -> list[str]:
        words = [w for w in _WORD.findall(text.lower().replace("ё", "е")) if not w.isdigit()]
        return self._stemmer.stemWords(words) if self._stemmer else words

    @staticmethod
    def _same(word: str, stem: str) -> bool:
        if word == stem:
            return True
        if min(len(word), len(stem)) < 4:
            return False
        return fuzz.ratio(word, stem) >= TYPO_SIMILARITY or (
            len(stem) >= 5 and word.startswith(stem)
        )

    def best(self, question: str) -> Match | None:
        words = set(self.stems(question))
        if not words:
            return None
        best: Match | None = None
        for topic_id, stems in self._phrases:
            total = sum(self._weight[s] for s in stems)
            found = sum(self._weight[s] for s in stems if any(self._same(w, s) for w in words))
            score = found / total if total else 0.0
            if best is None or score > best.score:
                best = Match(topic_id, score)
        return best
