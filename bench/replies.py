"""How well typed replies are read, on messages written by someone who never saw the rules:

    .venv/bin/python bench/replies.py

`answers.tsv` of each split (yes / no / unsure / other, a reply to a yes/no question of the
check) is read as the check reads it (bot/content/replies.py); `aftercare.tsv` (a question about
the week, a symptom's class, or "fine") as the aftercare week reads it
(bot/flows/aftercare_typed.py). Prints, for the dev and the test split apart (tests/corpus/dev/,
tests/corpus/test/), the share read right, overall and by language and label, and lists dev's
messages read wrong with what was expected and what was read. The test split's are never
listed: rules are fixed against dev's misses and never tuned against the test split, whose
figures are the ones the project reports.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.content import Content, load_content  # noqa: E402
from bot.flows.aftercare_reading import read  # noqa: E402
from tests.corpus import REPLY_SPLITS, replies  # noqa: E402

Read = list[tuple[str, str, str, str]]  # (text, language, expected, got)
Scored = list[tuple[str, str, str]]  # (language, expected, got)


def read_answers(content: Content, split: str) -> Read:
    return [(text, lang, expected, content.replies[lang].answer(text) or "other")
            for text, lang, expected in replies(split, "answers")]


def read_aftercare(content: Content, split: str) -> Read:
    return [(text, lang, expected, read(content, lang, text).label)
            for text, lang, expected in replies(split, "aftercare")]


def answers(content: Content, split: str = "test") -> Scored:
    return [(lang, expected, got) for _, lang, expected, got in read_answers(content, split)]


def aftercare(content: Content, split: str = "test") -> Scored:
    return [(lang, expected, got) for _, lang, expected, got in read_aftercare(content, split)]


def share(scored: Scored) -> float:
    return sum(expected == got for _, expected, got in scored) / len(scored)


def report(content: Content) -> str:
    lines = []
    for split in REPLY_SPLITS:
        lines.append(f"{split}:")
        for name, reader in (("answers", read_answers), ("aftercare", read_aftercare)):
            done = reader(content, split)
            scored = [(lang, expected, got) for _, lang, expected, got in done]
            right = sum(e == g for _, e, g in scored)
            lines.append(f"  {name}: {right}/{len(scored)} ({share(scored):.1%})")
            for key, index in (("language", 0), ("label", 1)):
                groups = Counter(row[index] for row in scored)
                lines.append(f"    by {key}: " + ", ".join(
                    f"{group} {sum(r[1] == r[2] for r in scored if r[index] == group)}/{count}"
                    for group, count in sorted(groups.items())))
            if split == "dev":
                lines.extend(f"    read wrong: {text!r} ({lang}) expected {expected}, got {got}"
                             for text, lang, expected, got in done if expected != got)
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(load_content(ROOT, ("en", "ru"))))
