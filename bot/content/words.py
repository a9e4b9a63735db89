"""The words clients type, per language (dialogs/words.<language>.yaml): one file per language,
so a clinic adding a language writes its vocabulary next to its catalog."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StrictStr, ValidationError

from bot.content.loading import ContentError, read_yaml
from bot.content.models import Dialog, Id
from bot.validation import findings

Phrases = tuple[Annotated[StrictStr, Field(min_length=1)], ...]
LOGISTICS = ("address", "phone", "hours", "parking", "directions")


class Words(Dialog):
    conditions: dict[Id, Phrases]
    smalltalk: dict[Literal["greeting", "thanks", "ok", "bye"], Phrases]
    logistics: dict[Literal["address", "phone", "hours", "parking", "directions"], Phrases]
    person: Phrases


def words_path(root: Path, language: str) -> Path:
    return root / "dialogs" / f"words.{language}.yaml"


def load_words(root: Path, languages: tuple[str, ...]) -> dict[str, Words]:
    """Each language's words, or one ContentError naming every problem."""
    loaded: dict[str, Words] = {}
    problems: list[str] = []
    for language in languages:
        where = f"dialogs/words.{language}.yaml"
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
