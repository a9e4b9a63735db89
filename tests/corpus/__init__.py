"""The labelled corpus of client messages, in three splits (text, language, expected route).

- `train`: the messages the words and keywords are written against, and the examples the
  bot's classifier learns from when the content loads: so they ship, as `dialogs/examples.tsv`;
- `dev`: messages written apart from the words, to check that a change generalises before it
  lands; tune on both;
- `test`: written by someone who never saw the word lists, from the product brief and how
  clients write. Never tuned against: its figures are the ones the project reports, and a test
  checks that the file is unchanged.

The dev and test splits are `<split>/messages.tsv` here. Both also hold typed replies, scored by
bench/replies.py: `<split>/answers.tsv` (text, language, yes / no / unsure / other: a reply to a
yes/no question of the check) and `<split>/aftercare.tsv` (text, language, `aftercare:<question>`,
`problem:<answer>` or `fine`: typed during the aftercare week). Those of dev were written by
someone who read only the product brief, apart from the rules and from the test split; rules
are fixed against dev's misses, never against the test split's.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).parent
SPLITS = ("train", "dev", "test")
REPLY_SPLITS = ("dev", "test")  # the splits with typed replies (train has none)
TRAIN = HERE.parent.parent / "dialogs" / "examples.tsv"


def path(split: str) -> Path:
    return TRAIN if split == "train" else HERE / split / "messages.tsv"


def messages(split: str | None = None) -> list[tuple[str, str, str]]:
    """(text, language, route) of one split, or of all of them."""
    if split is None:
        return [m for s in SPLITS for m in messages(s)]
    with path(split).open(encoding="utf-8", newline="") as file:
        rows = csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["text"], row["language"], row["route"]) for row in rows]


def replies(split: str, kind: str) -> list[tuple[str, str, str]]:
    """(text, language, label) of the typed replies of one kind, "answers" or "aftercare"."""
    with (HERE / split / f"{kind}.tsv").open(encoding="utf-8", newline="") as file:
        return [(r[0], r[1], r[2]) for r in csv.reader(file, delimiter="\t") if r][1:]
