"""The labelled corpus of client messages (messages.tsv: text, language, expected route)."""

from __future__ import annotations

import csv
from pathlib import Path

CORPUS = Path(__file__).with_name("messages.tsv")


def messages() -> list[tuple[str, str, str]]:
    with CORPUS.open(encoding="utf-8", newline="") as file:
        rows = csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["text"], row["language"], row["route"]) for row in rows]
