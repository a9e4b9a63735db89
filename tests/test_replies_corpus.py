"""Typed replies read on messages written by someone who never saw the rules (tests/corpus/dev/
and tests/corpus/test/, scored by bench/replies.py): the figures the project reports, those of
the test split, must hold, and so must dev's, which the rules are fixed against."""

from __future__ import annotations

import pytest

from bench.replies import aftercare, answers, share
from bot.content import Content

# Test split: first measured, rules written before the sets were seen: answers 95/105,
# aftercare 75/95. Then, from the figures alone (never the rows): hedges ("кажется", "I think")
# read as not sure, and the aftercare vocabulary broadened: answers 100/105, aftercare 76/95.
# Dev split, written from the product brief alone, apart from the rules and the test split:
# answers 46/51, aftercare 83/90 before any rule was fixed against it; then, from its misses,
# families of phrasing (hedges after an opening yes or no, stretched and informal yes and no,
# "kinda"; "no problems" and "looks normal" as fine, "not very good" as not, a symptom told of
# earlier and all well now, more sports, going outside, cracks and stinging words): answers
# 51/51, aftercare 88/90 ("itchy all over" is read as the button "Rash or itching" says, not
# as "other"; the watering eye beside "irritated" alerts as `other` but is labelled by
# redness). Test split after those fixes, looked at once and never tuned against: answers
# 101/105, aftercare 81/95. A change that reads clients worse fails here.
FLOORS = {"test": {"answers": 0.96, "aftercare": 0.85},
          "dev": {"answers": 1.0, "aftercare": 0.97}}
SPLITS = tuple(FLOORS)
ROWS = {"test": {"answers": 100, "aftercare": 90}, "dev": {"answers": 50, "aftercare": 90}}


@pytest.fixture
def content(shipped_content: Content) -> Content:
    return shipped_content


@pytest.mark.parametrize("split", SPLITS)
def test_yes_no_and_not_sure_are_read_as_written(content: Content, split: str) -> None:
    scored = answers(content, split)
    assert len(scored) >= ROWS[split]["answers"] and {lang for lang, _, _ in scored} == {"en", "ru"}
    assert share(scored) >= FLOORS[split]["answers"]
    # Never a yes read as a no or the other way round: that would store the opposite answer.
    assert [row for row in scored if {row[1], row[2]} == {"yes", "no"}] == []


@pytest.mark.parametrize("split", SPLITS)
def test_what_clients_type_in_the_aftercare_week_is_classified(
    content: Content, split: str
) -> None:
    scored = aftercare(content, split)
    assert len(scored) >= ROWS[split]["aftercare"]
    assert {lang for lang, _, _ in scored} == {"en", "ru"}
    assert share(scored) >= FLOORS[split]["aftercare"]
    # A symptom is never taken for a question or for "fine": it would raise no alarm.
    unheard = [row for row in scored if row[1].startswith("problem:")
               and not row[2].startswith("problem:")]
    assert len(unheard) <= 2, unheard
