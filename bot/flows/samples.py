"""Sample values for every template: realistic and long, so `clinicbot check` renders each one
in every language and measures it against Telegram's limit."""

from __future__ import annotations

from typing import Any

from bot.config import Settings
from bot.content import Content
from bot.flows.slot_picker import NOTE_LIMIT


def template_samples(settings: Settings, content: Content, language: str) -> dict[str, Any]:
    """Realistic, long-ish values for every template, so rendering and length are checked."""
    from bot.flows.staff.cards import CardStatus
    from bot.storage import Client
    from bot.storage.courses import Course

    client = Client(1, 1, "Alexandra-Marie", "Konstantinopolskaya", "a" * 32, "en", language)
    screening = content.screening
    long = "Lorem ipsum dolor sit amet " * 37  # a question of 1,000 characters
    outcome = screening.outcomes[0]
    card = {
        "lead_id": 123456, "client": client, "client_language": "English",
        "earlier": [123450, 123451, 123452], "last_treated": "x" * 19,
        "week_problems": [content.tr_button_label(
            language, "staff.card.week_problem", day=14,
            answer=content.tr_button_label(language, answer.label))
            for answer in content.aftercare.answers],
        "phone": "+44 20 7946 0000", "username": "a" * 32, "outcome": outcome,
        "flagged": [content.tr_button_label(language, c.label)
                    for c in screening.conditions.values()],
        "unsure": [],
        "goals": ["x" * 30] * 6, "preferred_time": "x" * 30, "note": "x" * NOTE_LIMIT,
        "status": CardStatus("x" * 24, "x" * 64, "x" * 30, "x" * 30),
        "course": Course(52, 50)}
    return {
        "welcome.j2": {"name": client.first_name, "unfinished_check": True},
        "help.j2": {},
        "contacts.j2": {},
        "consent.j2": {"consent": screening.consent_text},
        "question.j2": {"number": 10, "total": len(screening.steps),
                        "question": content.tr_message(language, screening.steps[-1].question)},
        "outcome.j2": {"outcome": outcome, "reasons": [
            content.tr_message(language, c.reason) for c in screening.conditions.values()]},
        "booking_tips.j2": {"good_season": False, "declared": set()},
        "booking_done.j2": {},
        "my_appointment.j2": {"date": "x" * 40, "time": "x" * 10, "confirmed": False},
        "lead_card.j2": card,
        "staff_question.j2": {"client": client, "client_language": "English", "lead_id": 123456,
                              "question": long[:1000], "emergency": True},
        "booking_confirmed.j2": {"date": "x" * 40, "time": "x" * 10, "moved_from": "x" * 52,
                                "reminders": ["eve", "morning"]},
        "appointment_reminder.j2": {"kind": "eve", "date": "x" * 40, "time": "x" * 10,
                                    "confirmed": False},
        "client_says.j2": {"client": client, "text": long[:1000], "emergency": True},
        "aftercare_day.j2": {"day_text": content.tr_message(language, "aftercare.day.7"),
                             "closing": True, "course_weeks": 52, "course": True,
                             "problem_on": 6},
        "aftercare_problem.j2": {"urgent": True, "already": False},
        "aftercare_alert.j2": {"client": client, "day": 7, "answer": "x" * 30, "lead_id": 123456,
                               "details": long[:1000], "phone": "+44 20 7946 0000",
                               "client_language": "English", "urgent": True, "since": None},
        "privacy.j2": {"retention_days": 3650},
        "mydata.j2": _mydata_sample(content, language),
        **_staff_samples(content, language, card),
    }


def _mydata_sample(content: Content, language: str) -> dict[str, Any]:
    """A client who used everything: /mydata is paged (bot/flows/privacy.py), so one of each."""
    from bot.flows.privacy import readable_answers
    from bot.storage import PersonalData

    screening = content.screening
    answers = [{"step_id": s.id, "answer": "yes" if s.declares else
                ",".join(o.id for o in s.options)} for s in screening.steps]
    data = PersonalData(
        profile={"first_name": "x" * 64, "last_name": "x" * 64, "username": "a" * 32,
                 "timezone": "America/Argentina/ComodRivadavia", "created_at": "2026-01-01",
                 "health_told_at": "2026-01-02T10:00:00+00:00"},
        consents=[{"version": 999, "given_at": "2026-01-01T00:00:00"}],
        screenings=[{"started_at": "2026-01-01", "answers": answers}],
        leads=[], aftercare=[], questions=[{"created_at": "2026-01-01T00:00:00"}])
    readable = readable_answers(content, language, answers)
    lead = {"date": "2026-01-01", "contact": "+" + "9" * 20, "time": "x" * 30,
            "status": "x" * 30, "appointment": "x" * 40, "note": "x" * NOTE_LIMIT}
    checkin = {"day": 7, "answer": "x" * 40, "details": "x" * 500}
    return {"data": data, "language_name": "x" * 30,
            "screenings": [{"date": "2026-01-01", "outcome": "x" * 40, "answers": readable}],
            "leads": [lead],
            "plans": [{"treated_on": "2026-01-01", "checkins": [checkin]}],
            "reminders": [("mydata.reminder", "2026-01-15")], "unfinished": ["x" * 1000],
            "told": [content.tr_button_label(language, c.label)
                     for c in list(screening.conditions.values())[:3]]}


def _staff_samples(content: Content, language: str, card: dict[str, Any]) -> dict[str, Any]:
    """The staff desk's templates, with the longest values the desk can produce."""
    from bot.flows import funnel
    from bot.flows.staff.cards import HISTORY, Answer
    from bot.flows.staff.listing import FOUND, LeadLine
    from bot.flows.staff.relay import MAX_ANSWER
    from bot.flows.staff.stats import Step

    when = "x" * 30
    line = LeadLine(2**31, "x" * 24, "x" * 64, "@" + "a" * 32, when, when)
    return {
        "lead_full.j2": {**card, "answers": [
            Answer(content.tr_button_label(language, c.label), "x" * 10, True)
            for c in content.screening.conditions.values()],
            "history": [(when, "x" * 24, "x" * 24, "x" * 64)] * HISTORY},
        "leads_list.j2": {"title": "x" * 100, "lines": [line] * FOUND, "page": 999,
                          "pages": 999},
        "stats.j2": {"days": 3660, "problems": 10**6, "problems_label": "x" * 40,
                     "steps": [Step("x" * 40, 10**6, "100%") for _ in funnel.STAGES],
                     "ratings": "x" * 120},
        "staff_answer.j2": {"answer": "x" * MAX_ANSWER},
    }
