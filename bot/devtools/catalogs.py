"""`clinicbot catalogs`: regenerate locales/messages.pot and update every language's catalog.

Run by hand, `pybabel extract` opens its output before it reads a file, so an extraction that
fails (a dialog with a wrong outcome name makes the dialogs extractor stop) leaves an empty
template, and the `pybabel update` after it marks every entry of every language obsolete. Here
extraction writes to a temporary file; the template and the catalogs are touched only when it
succeeded and found message ids. The options are the project's fixed ones: entries sorted by
id, no source locations, no fuzzy matching, so unchanged content changes no byte.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po
from jinja2 import Environment, TemplateSyntaxError

from bot.content.extract import PYTHON_KEYWORDS
from bot.content.i18n import DOMAIN, po_problems


class CatalogError(Exception):
    """Why the catalogs were left as they were, in one line."""


def keyword_options() -> list[str]:
    """`-k tr -k tr_message:2 …`: the code's gettext keywords, from the extractor's own list."""
    options: list[str] = []
    for name, spec in PYTHON_KEYWORDS.items():
        options += ["-k", name if spec is None else f"{name}:{','.join(map(str, spec))}"]
    return options


def _pybabel(*argv: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *argv])  # type: ignore[no-untyped-call]


def _templates_parse(root: Path) -> None:
    """Every dialog template parses, or the first that does not is named with its line."""
    env = Environment(extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
    for path in sorted((root / "dialogs" / "templates").glob("**/*.j2")):
        try:
            env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
        except TemplateSyntaxError as exc:
            raise CatalogError(f"extraction failed: {path.relative_to(root)}, line "
                               f"{exc.lineno}: {exc.message}") from None


def extract(root: Path, template: Path) -> int:
    """Extract every message id under `root` into `template`; how many were found."""
    _templates_parse(root)
    try:
        _pybabel("extract", "-F", str(root / "babel.cfg"), *keyword_options(), "--no-location",
                 "--sort-output", "--omit-header", "-o", str(template), str(root))
    except Exception as exc:  # noqa: BLE001 - any failure of pybabel or an extractor is one line
        raise CatalogError("extraction failed: " + " ".join(
            f"{type(exc).__name__}: {exc}".split())) from None
    with template.open("rb") as fh:
        found = sum(1 for message in read_po(fh) if message.id)
    if not found:
        raise CatalogError("extraction failed: it found no message ids")
    return found


def regenerate(root: Path, languages: tuple[str, ...] = ()) -> tuple[int, list[str]]:
    """Extract, start a catalog for each of `languages` (the configured ones) that has none,
    then update every language under root/locales; the message ids found and the languages
    updated. Raises CatalogError, with every catalog unchanged, when a catalog is damaged or
    extraction fails."""
    locales = root / "locales"
    if not (root / "babel.cfg").is_file() or not locales.is_dir():
        raise CatalogError(f"{root} has no babel.cfg and locales/: run it in the project's "
                           "checkout, or pass --root")
    damaged = [problem for po in sorted(locales.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
               for problem in po_problems(po, po.relative_to(root).as_posix())]
    if damaged:  # Babel would read past them and write what it made of them back
        raise CatalogError("; ".join(damaged))
    handle, name = tempfile.mkstemp(suffix=".pot", dir=locales)
    os.close(handle)
    template = Path(name)
    template.chmod(0o644)  # mkstemp's 0600 would become the template's
    try:
        found = extract(root, template)
        for language in languages:
            if not (locales / language / "LC_MESSAGES" / f"{DOMAIN}.po").exists():
                _pybabel("init", "-i", str(template), "-d", str(locales), "-D", DOMAIN,
                         "-l", language)
        _pybabel("update", "-i", str(template), "-d", str(locales), "-D", DOMAIN,
                 "--no-fuzzy-matching", "--ignore-pot-creation-date")
        os.replace(template, locales / f"{DOMAIN}.pot")
    finally:
        template.unlink(missing_ok=True)
    return found, sorted(p.parent.parent.name
                         for p in locales.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
