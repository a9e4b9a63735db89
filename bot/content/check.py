"""`clinicbot check`: configuration and all content validated before a clinic goes live.

Loading already validates each dialog file against its model (bot/content/models.py); this
checks what needs the whole: catalogs, templates, references between files, quiet hours, the
size of callback data. Every problem is reported with where it is; the test suite runs the same
check on the shipped content, so a missing translation or a broken dialog fails CI too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Protocol

from jinja2 import TemplateError

from bot.clock import is_quiet
from bot.config import Settings
from bot.content import Content
from bot.content.check_placeholders import PLACEHOLDER, check_placeholders
from bot.content.check_replies import check_replies
from bot.content.check_topics import check_topic_words
from bot.content.check_words import check_words
from bot.content.extract import extracted_msgids
from bot.content.report import Report

TELEGRAM_TEXT_LIMIT = 4096


class Packable(Protocol):
    def pack(self) -> str: ...


@dataclass(frozen=True)
class Wiring:
    """What the code registers, which the content must agree with. The content knows no
    flows: `clinicbot check` gathers this from the router (bot/flows/routes.py `wiring`)."""

    menu_actions: frozenset[str]
    commands: tuple[tuple[str, str | None], ...]  # (name, message id of its menu label)
    # For each kind of button: every callback data the content can make it carry.
    buttons: tuple[Callable[[Content, Settings], Iterable[Packable]], ...]
    # Each template's sample values in a language, long as the flows make them.
    samples: Callable[[Settings, Content, str], dict[str, Any]]


def check_content(settings: Settings, content: Content, wiring: Wiring) -> Report:
    report = Report()
    _check_catalogs(settings, content, report)
    _check_templates(settings, content, wiring, report)
    report.counts["screening steps"] = len(content.screening.steps)
    _check_menus(settings, content, wiring, report)
    _check_aftercare(settings, content, report)
    _check_callback_data(settings, content, wiring, report)
    check_words(content, report)
    check_topic_words(content, report)
    check_replies(content, report)
    report.counts["languages"] = len(content.languages)
    return report


def _check_catalogs(settings: Settings, content: Content, report: Report) -> None:
    extracted = extracted_msgids(content.root)
    msgids = set(extracted)
    report.counts["message ids"] = len(msgids)
    for language, catalog in content.catalogs.items():
        missing = catalog.missing(msgids)
        if language in settings.complete:
            report.problems += [f"locales/{language}: no translation for {msgid!r}"
                                for msgid in missing]
        report.notes.append(_coverage(settings, content, language, len(msgids), len(missing)))
        for msgid in sorted(msgids):
            if not catalog.has(msgid):
                continue
            if {catalog.catalog[msgid].pluralizable} != extracted[msgid]:
                report.problems.append(f"locales/{language}: {msgid!r} is rendered " + (
                    "both with a count and as one text: render it the one way" if len(
                        extracted[msgid]) > 1 else "with a count, but the catalog has no plural"
                    " forms for it; run clinicbot catalogs" if catalog.catalog[
                        msgid].pluralizable is False else "as one text, but the catalog has "
                    "plural forms for it; run clinicbot catalogs"))
                continue
            for text in catalog.forms(msgid):
                try:
                    formatted = text % {n: "x" * 40 for n in PLACEHOLDER.findall(text)}
                except (ValueError, TypeError, KeyError) as exc:
                    report.problems.append(
                        f"locales/{language}: {msgid!r} is not a valid format string ({exc});"
                        " write a literal percent sign as %%")
                    break
                if len(formatted) > TELEGRAM_TEXT_LIMIT:
                    report.problems.append(
                        f"locales/{language}: {msgid!r} is {len(formatted)} characters; "
                        f"Telegram allows {TELEGRAM_TEXT_LIMIT}")
                    break
    check_placeholders(settings, content, msgids, report)


def _coverage(settings: Settings, content: Content, language: str, total: int,
              missing: int) -> str:
    """One language's share of the texts, and what its clients see of the rest."""
    line = f"coverage: {language} {total - missing}/{total} texts"
    if language in settings.complete:
        line += ", configured as complete"
    elif missing:
        line += f", the other {missing} shown in {settings.default_language}"
    if language not in content.words_files:
        line += f"; typed messages read with the {settings.default_language} words"
    return line


def _check_templates(settings: Settings, content: Content, wiring: Wiring,
                     report: Report) -> None:
    names = sorted(content.envs[settings.default_language].list_templates())
    report.counts["templates"] = len(names)
    for language in content.languages:
        samples = wiring.samples(settings, content, language)
        for name in names:
            if name not in samples:
                report.problems.append(
                    f"dialogs/templates/{name}: no sample values in bot/flows/samples.py")
                continue
            try:
                text = content.render(language, name, clinic=settings, **samples[name])
            except (TemplateError, KeyError, TypeError, ValueError) as exc:
                report.problems.append(f"dialogs/templates/{name} ({language}): {exc}")
                continue
            if len(text) > TELEGRAM_TEXT_LIMIT:
                report.problems.append(
                    f"dialogs/templates/{name} ({language}): renders to {len(text)} characters;"
                    f" Telegram allows {TELEGRAM_TEXT_LIMIT}")


def _check_menus(settings: Settings, content: Content, wiring: Wiring, report: Report) -> None:
    """What the dialog models cannot see alone: menu actions, offers and command labels
    against the router's registry, and references between files."""
    for item in content.menu:
        if item.action not in wiring.menu_actions:
            report.problems.append(f"dialogs/menu.yaml: unknown menu action {item.action!r}")
    for name, label in wiring.commands:
        for language in settings.complete:
            if label and not content.catalogs[language].has(label):
                report.problems.append(f"locales/{language}: no label for /{name} ({label!r})")
    for topic in content.faq:
        if topic.offer and content.menu_item(topic.offer) is None:
            report.problems.append(
                f"dialogs/faq.yaml: topic {topic.id!r} offers {topic.offer!r}, not in the menu")
        report.problems += [f"dialogs/faq.yaml: topic {topic.id!r} names {name!r}, no condition"
                            " of dialogs/screening.yaml" for name in topic.names
                            if name not in content.screening.conditions]
        report.problems += [f"dialogs/faq.yaml: topic {topic.id!r} answers {name!r}, no"
                            " question of dialogs/aftercare.yaml" for name in topic.week
                            if content.aftercare.question(name) is None]


def _check_aftercare(settings: Settings, content: Content, report: Report) -> None:
    where = "dialogs/aftercare.yaml"
    report.problems += [f"{where}: question {question.id!r} names {name!r}, no condition of"
                        " dialogs/screening.yaml" for question in content.aftercare.questions
                        for name in question.names if name not in content.screening.conditions]
    aftercare = content.aftercare
    if sorted(aftercare.days) != list(range(aftercare.closing_day + 1)):
        report.problems.append(
            f"{where}: expected one message for each day 0 to {aftercare.closing_day}")
    hours = {"evening_hour": aftercare.evening_hour, "aftercare.nudge_hour": settings.nudge_hour}
    tz = settings.timezone
    for name, hour in hours.items():
        moment = datetime.combine(date(2026, 1, 1), time(hour), tzinfo=tz)
        if is_quiet(moment, tz, settings.quiet_start, settings.quiet_end):
            report.problems.append(f"{name}: {hour}:00 falls inside the quiet hours "
                                   f"{settings.quiet_start:%H:%M}–{settings.quiet_end:%H:%M}")
    for answer in aftercare.answers:
        always_problem = answer.problem_from_day == 0
        if not always_problem and not answer.normal:
            report.problems.append(
                f"{where}: answer {answer.id!r} needs `normal` (it is not always a problem)")


def _check_callback_data(settings: Settings, content: Content, wiring: Wiring,
                         report: Report) -> None:
    """Pack every button the content can produce, with the largest ids storage can give."""
    count = 0
    for examples in wiring.buttons:
        try:
            for example in examples(content, settings):
                count += 1
                example.pack()
        except ValueError as exc:
            report.problems.append(f"callback data: {exc}")
    report.counts["buttons"] = count
