"""`clinicbot check` on the vocabulary: every condition can be recognised in every language, and
every condition the words name is one the screening content classifies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.content.report import Report

if TYPE_CHECKING:
    from bot.content import Content


def check_words(content: Content, report: Report) -> None:
    screening = content.screening
    outcomes = {o.id for o in screening.outcomes} - {screening.when_nothing_declared}
    for i, wait in enumerate(content.health.waits):
        if wait.outcome not in outcomes:
            report.problems.append(f"dialogs/health.yaml: waits[{i}] ({wait.id}): unknown "
                                   f"outcome {wait.outcome!r}; expected one of {sorted(outcomes)}")
        if wait.id in screening.conditions:
            report.problems.append(f"dialogs/health.yaml: waits[{i}] ({wait.id}): the check "
                                   "already asks about it (dialogs/screening.yaml)")
    known = set(screening.conditions) | {w.id for w in content.health.waits}
    for language in content.words_files:
        words, where = content.words[language], f"dialogs/words.{language}.yaml"
        for condition in sorted(known - set(words.conditions)):
            report.problems.append(f"{where}: conditions: no words for {condition!r}")
        for condition, phrases in words.conditions.items():
            if condition not in known:
                report.problems.append(f"{where}: conditions: {condition!r} is no condition of "
                                       "dialogs/screening.yaml or dialogs/health.yaml")
            elif not phrases:
                report.problems.append(f"{where}: conditions: no words for {condition!r}")
        for condition in sorted(set(words.had_first) - known):
            report.problems.append(f"{where}: had_first: {condition!r} is no condition of "
                                   "dialogs/screening.yaml or dialogs/health.yaml")
    report.counts["condition words"] = sum(
        len(p) for lang in content.words_files for p in content.words[lang].conditions.values())
