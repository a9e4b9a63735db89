"""`clinicbot check` on placeholders: each text's `%(name)s` against the names the code and
templates pass where it is rendered (bot/content/placeholders.py), so a misspelling made the same
way in every language is caught before it raises KeyError in front of a client, and named with
its file, message id and language."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from bot.content.i18n import po_path
from bot.content.placeholders import passed_names
from bot.content.report import Report

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.content import Content

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
PACKAGE = Path(__file__).resolve().parent.parent  # the installed bot's code


def check_placeholders(settings: Settings, content: Content, msgids: set[str],
                        report: Report) -> None:
    """Each text's `%(name)s` against the names passed where it is rendered; a message whose
    rendering places cannot be followed is compared across languages instead."""
    models = (content.menu, content.faq, content.screening, content.booking, content.aftercare,
              content.health)
    passed = passed_names(PACKAGE, content.envs[settings.default_language], models, msgids)
    report.counts["messages whose placeholders the code confirms"] = len(passed.names)
    for msgid in sorted(msgids):
        used = {language: frozenset(PLACEHOLDER.findall(" ".join(catalog.forms(msgid))))
                for language, catalog in content.catalogs.items() if catalog.has(msgid)}
        if msgid in passed.names:
            allowed, sites = passed.names[msgid], passed.sites[msgid]
            where = sites[0] + (f" and {len(sites) - 1} more" if len(sites) > 1 else "")
            for language, names in used.items():
                if unknown := names - allowed:
                    report.problems.append(
                        f"{_po(language)}: {msgid!r} ({language}) uses "
                        f"{_listed(unknown)}, which the code does not pass ({where} passes "
                        f"{_listed(allowed) if allowed else 'no values'})")
        else:
            compare_languages(msgid, used, report)


def compare_languages(msgid: str, used: dict[str, frozenset[str]], report: Report) -> None:
    """Where the languages disagree, blame those that differ from most of them."""
    by_names = Counter(used.values())
    if len(by_names) < 2:
        return
    (common, most), (_, second) = by_names.most_common(2)
    if most == second:
        report.problems.append(
            f"locales: {msgid!r} uses different placeholders in each language: "
            + "; ".join(f"{_po(lang)} ({lang}) {_listed(names) or 'none'}"
                        for lang, names in used.items()))
        return
    agree = [lang for lang, names in used.items() if names == common]
    for language, names in used.items():
        if names != common:
            report.problems.append(
                f"{_po(language)}: {msgid!r} ({language}) uses {_listed(names) or 'none'}, "
                f"expected {_listed(common) or 'none'} as in {', '.join(agree)}")


def _po(language: str) -> str:
    return po_path(Path("locales"), language).as_posix()


def _listed(names: frozenset[str]) -> str:
    return ", ".join(f"%({name})s" for name in sorted(names))
