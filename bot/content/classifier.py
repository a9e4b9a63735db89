"""A small learned reading of typed messages, beside the word lists.

Word lists know the words someone wrote down; clients ask the same thing in words nobody
listed ("успею за обеденный перерыв?"). A multinomial naive Bayes model over each word's
lemma, pairs of lemmas and the words' letter groups (3 and 4 letters, so typos and unknown
forms still share most of them) is trained when the content loads, from the labelled
messages of `dialogs/examples.tsv` (text, language, route: the corpus's train split). It is
small and deterministic: counting, no random start. bot/content/routing.py asks it only where
the rules are unsure which FAQ topic a question is about, or whether any is. The same examples
read only as health statement or not (`cautious`) train the safety net behind the health rules:
it can send a message to caution, never away from it.
"""

from __future__ import annotations

import csv
import heapq
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from bot.content.lemmas import lemmatiser

SMOOTHING = 0.1  # additive smoothing of each label's feature counts
LETTERS = (3, 4)  # sizes of the letter groups taken from each word
CACHE_SIZE = 10_000  # messages whose guess is remembered
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Guess:
    label: str  # as the corpus writes it: `faq:price`, `none`, `health`
    margin: float  # log-odds over the runner-up: how sure


class Classifier:
    """One language's model: `guess(text)` → the likeliest label and its margin."""

    def __init__(self, language: str, examples: tuple[tuple[str, str], ...],
                 featured: Sequence[Sequence[str]] | None = None) -> None:
        """`featured`: each example's `features`, when the caller has them already."""
        self._language = language
        counts: dict[str, Counter[str]] = {}
        if featured is None:
            featured = [features(language, text) for text, _ in examples]
        for (_, label), found in zip(examples, featured, strict=True):
            counts.setdefault(label, Counter()).update(found)
        vocabulary = {f for c in counts.values() for f in c}
        self._unseen = {label: math.log(SMOOTHING / (c.total() + SMOOTHING * len(vocabulary)))
                        for label, c in counts.items()}
        # Only the labels a feature was seen with differ from their unseen weight: stored so,
        # a guess costs a look-up per feature of the message.
        # Labels by number, so that a guess adds to a list rather than to a dict.
        self._labels = tuple(self._unseen)
        by_feature: dict[str, list[tuple[int, float]]] = {}
        for number, c in enumerate(counts.values()):
            for feature, n in c.items():
                by_feature.setdefault(feature, []).append(
                    (number, math.log((n + SMOOTHING) / SMOOTHING)))
        self._seen: dict[str, tuple[tuple[int, float], ...]] = {
            f: tuple(pairs) for f, pairs in by_feature.items()}
        self._guessed: dict[str, Guess | None] = {}

    def guess(self, text: str) -> Guess | None:
        """None when the model knows no feature of the message. Remembered: routing asks the
        safety net twice about some messages."""
        if text in self._guessed:
            return self._guessed[text]
        known = [self._seen[f] for f in features(self._language, text) if f in self._seen]
        found = None
        if known and len(self._unseen) >= 2:
            scores = [len(known) * weight for weight in self._unseen.values()]
            for pairs in known:
                for number, weight in pairs:
                    scores[number] += weight
            # The two highest, the label's name breaking a tie: the same as sorting them all.
            (top, best), (runner_up, _) = heapq.nsmallest(
                2, zip(map(float.__neg__, scores), self._labels, strict=True))
            found = Guess(best, runner_up - top)
        if len(self._guessed) < CACHE_SIZE:
            self._guessed[text] = found
        return found


@lru_cache(maxsize=64)
def features(language: str, text: str) -> tuple[str, ...]:
    """Each word's lemma, pairs of lemmas, the words' letter groups; in order, so that a
    guess adds its weights up the same way every time. Remembered for the last few messages:
    the model and its safety net read the same message one after the other."""
    words = _WORD.findall(text.lower().replace("ё", "е"))
    written = lemmatiser(language).written
    lemmas = [written(w) for w in words]
    found = {"w:" + lemma for lemma in lemmas}
    found.update(f"b:{a} {b}" for a, b in zip(lemmas, lemmas[1:], strict=False))
    for word in words:
        padded = f" {word} "
        found.update(padded[i:i + n] for n in LETTERS for i in range(len(padded) - n + 1))
    return tuple(sorted(found))


def read_examples(path: Path) -> tuple[tuple[str, str, str], ...]:
    """(text, language, route) rows of an examples file; none when there is no such file."""
    if not path.is_file():
        return ()
    with path.open(encoding="utf-8", newline="") as file:
        rows = csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE)
        return tuple((row["text"], row["language"], row["route"]) for row in rows)


HEALTH = "health"  # the one label of a health statement, to `cautious`


def cautious(examples: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """The examples labelled only as a health statement (a condition named, or `health`) or
    not (`other`): what the safety net behind the health rules learns."""
    return tuple((text, HEALTH if route.partition(":")[0] in ("condition", HEALTH) else "other")
                 for text, route in examples)


@cache
def trained(language: str, examples: tuple[tuple[str, str], ...]
            ) -> tuple[Classifier, Classifier]:
    """The model of these examples and its safety net (`cautious`), trained once per process
    (a few tenths of a second); each example's features are read once, for both."""
    featured = [features(language, text) for text, _ in examples]
    return (Classifier(language, examples, featured),
            Classifier(language, cautious(examples), featured))
