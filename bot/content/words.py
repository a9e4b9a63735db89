"""The words clients type, per language (dialogs/words.<language>.yaml): one file per language,
so a clinic adding a language writes its vocabulary next to its catalog (or, until it does,
its clients are understood with the default language's words)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StrictStr, ValidationError

from bot.content.loading import ContentError, read_yaml
from bot.content.models import Dialog, Id
from bot.validation import findings

Phrases = tuple[Annotated[StrictStr, Field(min_length=1)], ...]
Logistics = Literal["address", "phone", "hours", "parking", "directions", "payment", "gift"]


class HealthCues(Dialog):
    """What tells that a message is about the writer's own health when it names no condition
    the content knows (bot/content/routing.py)."""

    about: Phrases  # on their own: medicines, diagnoses, strong symptoms
    symptoms: Phrases  # skin states, symptoms, procedures: health when said of oneself
    first_person: Phrases  # the writer speaking of themself
    telling: Phrases  # "у меня", "I'm on": what nothing else answers is about the writer's health
    medical_endings: Phrases  # of medicines' and diagnoses' names ("-cycline"), 7+ letters


class Words(Dialog):
    conditions: dict[Id, Phrases]
    health: HealthCues
    smalltalk: dict[Literal["greeting", "thanks", "ok", "bye"], Phrases]
    logistics: dict[Logistics, Phrases]
    person: Phrases
    book: Phrases
    staff_only: Phrases  # what only staff can answer (discounts): offered to a person


def words_path(root: Path, language: str) -> Path:
    return root / "dialogs" / f"words.{language}.yaml"


def load_words(root: Path, languages: tuple[str, ...], default: str) -> dict[str, Words]:
    """Each language's words, or one ContentError naming every problem. A language other than
    the default may ship without a words file: its clients' typed messages are then read with
    the default language's words."""
    loaded: dict[str, Words] = {}
    problems: list[str] = []
    for language in languages:
        where = f"dialogs/words.{language}.yaml"
        if language != default and not words_path(root, language).exists():
            continue
        try:
            loaded[language] = Words.model_validate(
                read_yaml(words_path(root, language).read_bytes()))
        except OSError as exc:
            problems.append(f"{where}: cannot be read ({exc.strerror})")
        except ValidationError as exc:
            problems += [f"{where}: {'.'.join(map(str, f.location))}: {f.message}"
                         for f in findings(exc)]
    if problems:
        raise ContentError(problems)
    return loaded
