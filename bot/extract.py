"""A pybabel extractor for dialogs/*.yaml: every message id the dialogs refer to.

Registered in babel.cfg, so `pybabel extract` sees the same ids that `clinicbot check` and the
tests require in every catalog.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import yaml
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

# The gettext keywords of our Python code: Speaking.tr/tr_label/tr_button(msgid, …) and
# Content.tr_message/tr_button_label(language, msgid, …). Names no ordinary variable has, so the
# extractor cannot mistake code for a message; the README's pybabel command passes the same.
PYTHON_KEYWORDS = {"tr": None, "tr_label": None, "tr_button": None,
                   "tr_message": (2,), "tr_button_label": (2,)}
KEYWORDS = {**DEFAULT_KEYWORDS, **PYTHON_KEYWORDS}
MESSAGE_KEYS = frozenset(
    {"label", "title", "answer", "keywords", "question", "text", "reason", "book", "explain",
     "ignore_words", "normal"}
)


def extract_dialogs(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: dict[str, Any]
) -> Iterator[tuple[int, str, str, list[str]]]:
    loader = yaml.SafeLoader(fileobj.read().decode("utf-8"))
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    if root is not None:
        yield from _walk(root)


def _walk(node: yaml.Node) -> Iterator[tuple[int, str, str, list[str]]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value in MESSAGE_KEYS and isinstance(value, yaml.ScalarNode):
                yield value.start_mark.line + 1, "", value.value, []
            else:
                yield from _walk(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item)


def referenced_msgids(root: Path) -> set[str]:
    """Every message id the project refers to, found exactly as `pybabel extract` finds them."""
    with (root / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)  # type: ignore[no-untyped-call]
    found: set[str] = set()
    for _, _, message, _, _ in extract_from_dir(
        root, method_map, options_map, keywords=KEYWORDS,
        directory_filter=lambda d: not Path(d).name.startswith(".")
    ):
        if isinstance(message, str) and message:
            found.add(message)
    return found
