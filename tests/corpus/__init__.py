"""The labelled corpus of client messages, in three splits (text, language, expected route).

- `train`: the messages the words and keywords are written against, and the examples the
  bot's classifier learns from when the content loads: so they ship, as `dialogs/examples.tsv`;
- `dev`: messages written apart from the words, to check that a change generalises before it
  lands; tune on both;
- `test`: written by someone who never saw the word lists, from the product brief and how
  clients write. Never tuned against: its figures are the ones the project reports, and a test
  checks that the file is unchanged. `test/aftercare.tsv` and `test/answers.tsv` hold its
  messages typed during the aftercare week and inside the check.

The dev and test splits are `<split>/messages.tsv` here.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).parent
SPLITS = ("train", "dev", "test")
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
