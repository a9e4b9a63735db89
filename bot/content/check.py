"""`clinicbot check`: configuration and all content validated before a clinic goes live.

Loading already validates each dialog file against its model (bot/content/models.py); this
checks what needs the whole: catalogs, templates, references between files, quiet hours, the
size of callback data. Every problem is reported with where it is; the test suite runs the same
check on the shipped content, so a missing translation or a broken dialog fails CI too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from jinja2 import TemplateError

from bot.config import Settings
from bot.content import Content
from bot.content.extract import referenced_msgids
from bot.flows.aftercare_times import is_quiet

TELEGRAM_TEXT_LIMIT = 4096
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        figures = ", ".join(f"{n} {what}" for what, n in self.counts.items())
        if self.problems:
            return f"check: {len(self.problems)} problem(s) ({figures})"
        return f"check: ok ({figures})"


def check_content(settings: Settings, content: Content) -> Report:
    report = Report()
    _check_catalogs(settings, content, report)
    _check_templates(settings, content, report)
    report.counts["screening steps"] = len(content.screening.steps)
    _check_menus(content, report)
    _check_aftercare(settings, content, report)
    _check_callback_data(settings, content, report)
    report.counts["languages"] = len(content.languages)
    return report


def _check_catalogs(settings: Settings, content: Content, report: Report) -> None:
    msgids = referenced_msgids(content.root)
    report.counts["message ids"] = len(msgids)
    reference = content.catalogs[settings.default_language]
    for language, catalog in content.catalogs.items():
        for msgid in catalog.missing(msgids):
            report.problems.append(f"locales/{language}: no translation for {msgid!r}")
        for msgid in sorted(msgids):
            if not catalog.has(msgid):
                continue
            text = catalog.catalog[msgid].string
            assert isinstance(text, str)
            names = set(_PLACEHOLDER.findall(text))
            expected = set(_PLACEHOLDER.findall(str(reference.catalog[msgid].string))) \
                if reference.has(msgid) else names
            if names != expected:
                report.problems.append(
                    f"locales/{language}: {msgid!r} uses placeholders {sorted(names)}, "
                    f"expected {sorted(expected)} as in {settings.default_language}")
            try:
                formatted = text % {n: "x" * 40 for n in names}
            except (ValueError, TypeError, KeyError) as exc:
                report.problems.append(
                    f"locales/{language}: {msgid!r} is not a valid format string ({exc}); "
                    "write a literal percent sign as %%")
                continue
            if len(formatted) > TELEGRAM_TEXT_LIMIT:
                report.problems.append(
                    f"locales/{language}: {msgid!r} is {len(formatted)} characters; "
                    f"Telegram allows {TELEGRAM_TEXT_LIMIT}")


def template_samples(settings: Settings, content: Content, language: str) -> dict[str, Any]:
    """Realistic, long-ish values for every template, so rendering and length are checked."""
    from bot.flows.staff.cards import CardStatus
    from bot.storage import Client

    client = Client(1, 1, "Alexandra-Marie", "Konstantinopolskaya", "a" * 32, "en", language)
    screening = content.screening
    long = "Lorem ipsum dolor sit amet " * 37  # a question of 1,000 characters
    outcome = screening.outcomes[0]
    card = {
        "lead_id": 123456, "client": client, "client_language": "English",
        "phone": "+44 20 7946 0000", "username": "a" * 32, "outcome": outcome,
        "flagged": [content.tr_button_label(language, c.label)
                    for c in screening.conditions.values()],
        "goals": ["x" * 30] * 6, "preferred_time": "x" * 30,
        "status": CardStatus("x" * 24, "x" * 64, "x" * 30, "x" * 30)}
    return {
        "welcome.j2": {"name": client.first_name, "unfinished_check": True},
        "help.j2": {},
        "contacts.j2": {},
        "consent.j2": {"consent": screening.consent_text},
        "question.j2": {"number": 10, "total": len(screening.steps),
                        "question": content.tr_message(language, screening.steps[-1].question)},
        "outcome.j2": {"outcome": outcome, "reasons": [
            content.tr_message(language, c.reason) for c in screening.conditions.values()]},
        "booking_tips.j2": {"good_season": False},
        "booking_done.j2": {},
        "lead_card.j2": card,
        "staff_question.j2": {"client": client, "client_language": "English",
                              "question": long[:1000]},
        "booking_confirmed.j2": {"date": "x" * 40, "time": "x" * 10},
        "client_says.j2": {"client": client, "text": long[:1000]},
        "aftercare_day.j2": {"day_text": content.tr_message(language, "aftercare.day.7"),
                             "closing": True, "next_session": "28 September 2026"},
        "aftercare_problem.j2": {},
        "aftercare_alert.j2": {"client": client, "day": 7, "answer": "x" * 30,
                               "details": long[:1000], "phone": "+44 20 7946 0000",
                               "client_language": "English"},
        "privacy.j2": {"retention_days": 3650},
        "mydata.j2": _mydata_sample(content, language),
        **_staff_samples(content, language, card),
    }


def _mydata_sample(content: Content, language: str) -> dict[str, Any]:
    """A client who used everything several times: the longest /mydata can get."""
    from bot.flows.privacy import readable_answers
    from bot.storage import PersonalData

    screening = content.screening
    answers = [{"step_id": s.id, "answer": "yes" if s.declares else
                ",".join(o.id for o in s.options)} for s in screening.steps]
    data = PersonalData(
        profile={"first_name": "x" * 64, "last_name": "x" * 64, "username": "a" * 32,
                 "timezone": "America/Argentina/ComodRivadavia", "created_at": "2026-01-01"},
        consents=[{"version": 999, "given_at": "2026-01-01T00:00:00"}] * 5,
        screenings=[{"started_at": "2026-01-01", "answers": answers}] * 5,
        leads=[{"created_at": "2026-01-01", "phone": "+" + "9" * 20,
                "contact_username": None}] * 5,
        aftercare=[{"treated_on": "2026-01-01", "checkins": [{}] * 30}] * 5, questions=999)
    readable = readable_answers(content, language, answers)
    return {"data": data, "language_name": "x" * 30,
            "screenings": [{"date": "2026-01-01", "answers": readable}] * 5}


def _staff_samples(content: Content, language: str, card: dict[str, Any]) -> dict[str, Any]:
    """The staff desk's templates, with the longest values the desk can produce."""
    from bot.flows import funnel
    from bot.flows.staff import STATUSES
    from bot.flows.staff.cards import Answer
    from bot.flows.staff.listing import FOUND, LeadLine
    from bot.flows.staff.relay import MAX_ANSWER
    from bot.flows.staff.stats import Step

    when = "x" * 30
    line = LeadLine(2**31, "x" * 24, "x" * 64, "@" + "a" * 32, when)
    return {
        "lead_full.j2": {**card, "answers": [
            Answer(content.tr_button_label(language, c.label), "x" * 10, True)
            for c in content.screening.conditions.values()],
            "history": [(when, "x" * 24, "x" * 24, "x" * 64)] * 2 * len(STATUSES)},
        "leads_list.j2": {"title": "x" * 100, "lines": [line] * FOUND, "page": 999,
                          "pages": 999},
        "stats.j2": {"days": 3660, "problems": 10**6, "problems_label": "x" * 40,
                     "steps": [Step("x" * 40, 10**6, "100%") for _ in funnel.STAGES]},
        "staff_answer.j2": {"answer": "x" * MAX_ANSWER},
    }


def _check_templates(settings: Settings, content: Content, report: Report) -> None:
    names = sorted(content.envs[settings.default_language].list_templates())
    report.counts["templates"] = len(names)
    for language in content.languages:
        samples = template_samples(settings, content, language)
        for name in names:
            if name not in samples:
                report.problems.append(f"dialogs/templates/{name}: no sample values in check.py")
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


def _check_menus(content: Content, report: Report) -> None:
    """What the dialog models cannot see alone: menu actions, offers and command labels
    against the router's registry, and references between files."""
    from bot.flows.routes import client_router

    router = client_router()
    for item in content.menu:
        if item.action not in router.menu_actions:
            report.problems.append(f"dialogs/menu.yaml: unknown menu action {item.action!r}")
    for command in router.commands.values():
        for language, catalog in content.catalogs.items():
            if command.label and not catalog.has(command.label):
                report.problems.append(
                    f"locales/{language}: no label for /{command.name} ({command.label!r})")
    for topic in content.faq:
        if topic.offer and content.menu_item(topic.offer) is None:
            report.problems.append(
                f"dialogs/faq.yaml: topic {topic.id!r} offers {topic.offer!r}, not in the menu")


def _check_aftercare(settings: Settings, content: Content, report: Report) -> None:
    where = "dialogs/aftercare.yaml"
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


def _check_callback_data(settings: Settings, content: Content, report: Report) -> None:
    """Pack every button the content can produce, with the largest ids storage can give."""
    from bot.flows.routes import callback_data

    count = 0
    for data in callback_data().values():
        try:
            for example in data.examples(content, settings):
                count += 1
                example.pack()
        except ValueError as exc:
            report.problems.append(f"callback data: {exc}")
    report.counts["buttons"] = count
