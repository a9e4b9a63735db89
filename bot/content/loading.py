"""Reading dialogs/*.yaml into their models, with every problem named by file, entry and field.

YAML 1.1 reads `yes`, `no`, `on` and `off` as booleans, so a key or answer written `yes:` would
silently become True; here only true and false are booleans and everything else stays a string.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from bot.content.models import Aftercare, Booking, Faq, Health, Menus
from bot.content.screening import Screening
from bot.validation import Finding, findings

DIALOGS: dict[str, type[BaseModel]] = {
    "menu.yaml": Menus, "faq.yaml": Faq, "screening.yaml": Screening,
    "booking.yaml": Booking, "aftercare.yaml": Aftercare, "health.yaml": Health}
_BOOL = "tag:yaml.org,2002:bool"
M = TypeVar("M", bound=BaseModel)


class ContentError(Exception):
    """Raised with every problem found, one per line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


# libyaml's parser where PyYAML was built with it (its wheels are): the pure-Python one took
# 0.2 s of every content load, libyaml a tenth of that.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):  # type: ignore[misc,valid-type]
    """SafeLoader with YAML 1.2's booleans: true and false, in any of their three spellings."""

    yaml_implicit_resolvers = {
        first: [(tag, rule) for tag, rule in resolvers if tag != _BOOL]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def read_yaml(text: str | bytes) -> Any:
    return yaml.load(text, Loader=_Loader)


def parse_dialog(name: str, text: str | bytes, where: str) -> BaseModel:
    """The model of dialog file `name`; `where` names the file in problems."""
    try:
        raw = read_yaml(text)
    except yaml.YAMLError as exc:
        raise ContentError([f"{where}: not valid YAML: {' '.join(str(exc).split())}"]) from None
    try:
        return DIALOGS[name].model_validate(raw)
    except ValidationError as exc:
        raise ContentError([f"{where}: {_problem(f, raw)}" for f in findings(exc)]) from None


def load_dialogs(dialogs: Path) -> dict[str, BaseModel]:
    """Every dialog file's model, or one ContentError with the problems of all of them."""
    loaded: dict[str, BaseModel] = {}
    problems: list[str] = []
    for name in DIALOGS:
        where = f"dialogs/{name}"
        try:
            loaded[name] = parse_dialog(name, (dialogs / name).read_bytes(), where)
        except OSError as exc:
            problems.append(f"{where}: cannot be read ({exc.strerror})")
        except ContentError as exc:
            problems += exc.problems
    if problems:
        raise ContentError(problems)
    return loaded


def load_per_language(root: Path, kind: str, model: type[M], languages: tuple[str, ...],
                      default: str) -> dict[str, M]:
    """Each language's `dialogs/<kind>.<language>.yaml`, or one ContentError naming every
    problem. A language other than the default may ship without one: its clients' messages
    are then read with the default language's."""
    loaded: dict[str, M] = {}
    problems: list[str] = []
    for language in languages:
        where = f"dialogs/{kind}.{language}.yaml"
        if language != default and not (root / where).exists():
            continue
        try:
            loaded[language] = model.model_validate(read_yaml((root / where).read_bytes()))
        except OSError as exc:
            problems.append(f"{where}: cannot be read ({exc.strerror})")
        except yaml.YAMLError as exc:
            problems.append(f"{where}: not valid YAML: {' '.join(str(exc).split())}")
        except ValidationError as exc:
            problems += [f"{where}: {'.'.join(map(str, f.location))}: {f.message}"
                         for f in findings(exc)]
    if problems:
        raise ContentError(problems)
    return loaded


def _problem(found: Finding, raw: Any) -> str:
    """`steps[3] (asthma): field 'kind': what is wrong`: entries of a list are named by their
    index and id, what is left of the location is the field."""
    parts: list[str] = []
    field, node = "", raw
    for part in found.location:
        node = _child(node, part)
        field += f"[{part}]" if isinstance(part, int) else f".{part}" if field else part
        name = node.get("id", node.get("action")) if isinstance(node, dict) else node
        if isinstance(part, int) and isinstance(node, dict | str):
            parts.append(f"{field} ({name})" if isinstance(name, str) else field)
            field = ""
    if field:
        parts.append(f"field {field!r}")
    return ": ".join(parts + [_wrong(found)])


def _child(node: Any, part: str | int) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and part < len(node):
        return node[part]
    return None


_EXPECTED = {"model_type": "expected a mapping of fields", "dict_type": "expected a mapping",
             "tuple_type": "expected a list", "too_short": "expected at least one item"}


def _wrong(found: Finding) -> str:
    if found.kind == "missing":
        return "missing"
    if found.kind == "extra_forbidden":
        return "unknown field (a typo?)"
    if found.kind == "value_error":
        return found.message
    wrong = _EXPECTED.get(found.kind) or found.message[:1].lower() + found.message[1:]
    return f"{wrong}; got {found.value!r}"
