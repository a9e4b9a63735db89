"""A pybabel extractor for dialogs/*.yaml: every message id the dialogs refer to.

Registered in babel.cfg, so `pybabel extract` sees the same ids that `clinicbot check` and the
tests require in every catalog: the ids written in the YAML and those its conventions derive.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from babel.messages.extract import DEFAULT_KEYWORDS, extract, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.util import pathmatch

from bot.config import SHIPPED_CONTENT
from bot.content.loading import DIALOGS, parse_dialog
from bot.content.models import message_ids

# The gettext keywords of our Python code: Speaking.tr/tr_label/tr_button/tr_counted(msgid, …)
# and Content.tr_message/tr_button_label/tr_counted_message/tr_counted_label(language, msgid, …).
# Names no ordinary variable has, so the extractor cannot mistake code for a message; `clinicbot
# catalogs` passes the same. A counted message is its own plural id (`(1, 1)`): the catalog
# then holds its plural forms.
PYTHON_KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "tr": None, "tr_label": None, "tr_button": None, "tr_message": (2,),
    "tr_button_label": (2,), "tr_counted": (1, 1), "tr_counted_message": (2, 2),
    "tr_counted_label": (2, 2)}
KEYWORDS = {**DEFAULT_KEYWORDS, **PYTHON_KEYWORDS}


def extract_dialogs(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: dict[str, Any]
) -> Iterator[tuple[int, str, str, list[str]]]:
    """The message ids of one dialog file, read through the same model as the bot reads it,
    so ids the convention derives are found too. A file that is not a dialog holds none."""
    name = Path(getattr(fileobj, "name", "")).name
    if name in DIALOGS:
        model = parse_dialog(name, fileobj.read(), f"dialogs/{name}")
        for msgid in message_ids(model):
            yield 1, "", str(msgid), []


def referenced_msgids(content_root: Path) -> set[str]:
    """Every message id the bot refers to, found exactly as `pybabel extract` finds them: in the
    installed package's code and in the dialogs and templates under `content_root` (the shipped
    content or a clinic's own copy), by the shipped babel.cfg."""
    return set(extracted_msgids(content_root))


def extracted_msgids(content_root: Path) -> dict[str, frozenset[bool]]:
    """`referenced_msgids`, each with how it is rendered: with a count (its plural forms, True),
    as one text (False), or, wrongly, both."""
    method_map, options_map = _babel_cfg()
    found = dict(_code_msgids())
    content_map = [(pattern, method) for pattern, method in method_map if method != "python"]
    for _, _, message, _, _ in extract_from_dir(
        content_root, content_map, options_map, keywords=KEYWORDS,
        directory_filter=lambda d: not Path(d).name.startswith(".")
    ):
        if msgid := singular(message):
            found[msgid] = found.get(msgid, frozenset()) | {isinstance(message, tuple)}
    return found


def singular(message: object) -> str:
    """An extracted message's id: of one with plural forms, its singular."""
    if isinstance(message, tuple) and message:
        message = message[0]
    return message if isinstance(message, str) else ""


def _babel_cfg() -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
    with (SHIPPED_CONTENT / "babel.cfg").open(encoding="utf-8") as fh:
        return parse_mapping_cfg(fh)  # type: ignore[no-untyped-call,no-any-return]


@lru_cache(maxsize=1)
def _code_msgids() -> dict[str, frozenset[bool]]:
    """The message ids in the package's code; extracted once per process, since the code does
    not change while it runs (the content, checked again and again in tests, may)."""
    code = [pattern for pattern, method in _babel_cfg()[0] if method == "python"]
    found: dict[str, frozenset[bool]] = {}
    package = Path(__file__).resolve().parent.parent
    for path in package.rglob("*.py"):
        relative = f"{package.name}/{path.relative_to(package).as_posix()}"
        if any(pathmatch(pattern, relative) for pattern in code):
            with path.open("rb") as fh:
                for _, message, _, _ in extract("python", fh, KEYWORDS):
                    if msgid := singular(message):
                        found[msgid] = found.get(msgid, frozenset()) | {
                            isinstance(message, tuple)}
    return found
