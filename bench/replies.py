"""How well typed replies are read, on messages written by someone who never saw the rules:

    .venv/bin/python bench/replies.py

tests/corpus/test/answers.tsv (yes / no / unsure / other, a reply to a yes/no question of the
check) is read as the check reads it (bot/content/replies.py); tests/corpus/test/aftercare.tsv
(a question about the week, a symptom's class, or "fine") as the aftercare week reads it
(bot/flows/aftercare_typed.py). Prints the share read right, overall and by language and label.
These are test sets: rules are written from how people talk, never tuned against them.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.content import Content, load_content  # noqa: E402
from bot.flows.aftercare_typed import read  # noqa: E402

TEST = ROOT / "tests" / "corpus" / "test"
Scored = list[tuple[str, str, str]]  # (language, expected, got)


def rows(name: str) -> list[tuple[str, str, str]]:
    with (TEST / name).open(encoding="utf-8", newline="") as fh:
        return [(r[0], r[1], r[2]) for r in csv.reader(fh, delimiter="\t") if r][1:]


def answers(content: Content) -> Scored:
    return [(lang, expected, content.replies[lang].answer(text) or "other")
            for text, lang, expected in rows("answers.tsv")]


def aftercare(content: Content) -> Scored:
    return [(lang, expected, read(content, lang, text).label)
            for text, lang, expected in rows("aftercare.tsv")]


def share(scored: Scored) -> float:
    return sum(expected == got for _, expected, got in scored) / len(scored)


def report(content: Content) -> str:
    lines = []
    for name, scored in (("answers", answers(content)), ("aftercare", aftercare(content))):
        right = sum(e == g for _, e, g in scored)
        lines.append(f"{name}: {right}/{len(scored)} ({share(scored):.1%})")
        for key, index in (("language", 0), ("label", 1)):
            groups = Counter(row[index] for row in scored)
            lines.append(f"  by {key}: " + ", ".join(
                f"{group} {sum(r[1] == r[2] for r in scored if r[index] == group)}/{count}"
                for group, count in sorted(groups.items())))
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(load_content(ROOT, ("en", "ru"))))
