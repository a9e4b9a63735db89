"""The corpus of client messages: every health statement reaches its condition, and nearly all
other messages the route a person would choose."""

from __future__ import annotations

import statistics
import time

from bot.content import Content
from bot.content.routing import faq_matcher, route
from tests.corpus import messages

OVERALL = 0.95


def routed(content: Content) -> list[tuple[str, str, str]]:
    """(text, expected, got) for every message of the corpus."""
    matchers = {lang: faq_matcher(content, lang) for lang in content.languages}
    return [(text, expected, route(content, matchers[lang], lang, text).label)
            for text, lang, expected in messages()]


def test_the_corpus_is_large_and_bilingual() -> None:
    corpus = messages()
    assert len(corpus) >= 300
    assert {lang for _, lang, _ in corpus} == {"en", "ru"}


def test_every_health_statement_reaches_its_condition(content: Content) -> None:
    missed = [(text, expected, got) for text, expected, got in routed(content)
              if expected.startswith("condition:") and got != expected]
    assert missed == []


def test_no_other_message_is_taken_for_a_health_statement(content: Content) -> None:
    wrong = [(text, got) for text, expected, got in routed(content)
             if got.startswith("condition:") and not expected.startswith("condition:")]
    assert wrong == []


def test_overall_routing(content: Content) -> None:
    results = routed(content)
    wrong = [(text, expected, got) for text, expected, got in results if got != expected]
    assert 1 - len(wrong) / len(results) >= OVERALL, wrong


def test_routing_stays_fast(content: Content) -> None:
    """Offline and cheap: the median message is routed in well under a millisecond."""
    matchers = {lang: faq_matcher(content, lang) for lang in content.languages}
    times = []
    for text, lang, _ in messages():
        start = time.perf_counter()
        route(content, matchers[lang], lang, text)
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.001
