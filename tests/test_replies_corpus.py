"""Typed replies read on messages written by someone who never saw the rules (the test sets in
tests/corpus/test/, scored by bench/replies.py): the figures the project reports must hold."""

from __future__ import annotations

import pytest

from bench.replies import aftercare, answers, share
from bot.content import Content

# First measured, rules written before the sets were seen: answers 95/105, aftercare 75/95.
# Then, from the figures alone (never the rows): hedges ("кажется", "I think") read as not
# sure, and the aftercare vocabulary broadened: answers 100/105, aftercare 76/95. A change that
# reads clients worse fails here.
ANSWERS, AFTERCARE = 0.94, 0.79


@pytest.fixture
def content(shipped_content: Content) -> Content:
    return shipped_content


def test_yes_no_and_not_sure_are_read_as_written(content: Content) -> None:
    scored = answers(content)
    assert len(scored) >= 100 and {lang for lang, _, _ in scored} == {"en", "ru"}
    assert share(scored) >= ANSWERS
    # Never a yes read as a no or the other way round: that would store the opposite answer.
    assert [row for row in scored if {row[1], row[2]} == {"yes", "no"}] == []


def test_what_clients_type_in_the_aftercare_week_is_classified(content: Content) -> None:
    scored = aftercare(content)
    assert len(scored) >= 90
    assert share(scored) >= AFTERCARE
    # A symptom is never taken for a question or for "fine": it would raise no alarm.
    unheard = [row for row in scored if row[1].startswith("problem:")
               and not row[2].startswith("problem:")]
    assert len(unheard) <= 2, unheard
