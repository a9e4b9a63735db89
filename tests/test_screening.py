"""Journey 3: consent, one question at a time with Back and Cancel, resume, and outcomes."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest

from bot.config import Settings
from bot.content import Content
from bot.content.i18n import format_day
from bot.devtools.sandbox import Sandbox
from bot.flows.eligibility import evaluate, path
from tests.chat import Texts, at_second_question, consented, screen, shown

pytestmark = pytest.mark.engines


async def stored(bot: Sandbox, sql: str, *args: object) -> list[tuple[object, ...]]:
    stores = bot.app.bot_data["services"].stores
    return [tuple(r) for r in await stores.database.all(sql, args)]


async def test_refused_consent_is_respected_and_stores_nothing(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t = Texts(content, language)
    user = bot.user(language_code=language)
    reply = shown(await screen(user, t, consent=False))
    assert t("screening.consent.refused", phone=settings.phone) in reply
    assert await stored(bot, "SELECT * FROM consents") == []
    assert await stored(bot, "SELECT * FROM screenings") == []
    # Booking goes through the check: without it, a person books, one tap away (it said
    # "contact the clinic directly", and "just book me" typed led to the consent again).
    assert user.find_button(t.label("menu.person"))


async def test_no_contraindication_is_suitable_and_offers_booking(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    user = bot.user(language_code=language)
    reply = shown(await screen(user, t, goals=("pores", "wrinkles")))
    assert t.content.tr_message(language, "screening.outcome.suitable.title") in reply
    assert user.find_button(t.label("screening.outcome.suitable.book"))
    consent = await stored(bot, "SELECT user_id, version FROM consents")
    assert consent == [(user.id, content.screening.consent_version)]
    answers = dict(await stored(bot, "SELECT step_id, answer FROM screening_answers"))
    assert answers["goals"] == "pores,wrinkles"
    assert answers["pacemaker"] == "no"
    assert await stored(bot, "SELECT status, outcome FROM screenings") == [
        ("finished", "suitable")]


async def test_temporary_condition_means_not_now_with_reason_and_reminder(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    user = bot.user(language_code=language)
    reply = shown(await screen(user, t, yes=frozenset({"herpes", "sun"})))
    assert t("screening.outcome.not_now.title") in reply
    assert t("screening.reason.herpes") in reply and t("screening.reason.sun_planned") in reply
    assert t("screening.outcome.suitable.title") not in reply
    due = bot.clock.now() + timedelta(days=content.booking.recheck_days[0])
    reply = shown(await user.press(t.label("screening.remind_on", date=format_day(due, language))))
    assert t("screening.reminder_set", date=format_day(due, language)) in reply
    assert await stored(bot, "SELECT kind, due_at, sent_at FROM reminders") == [
        ("recheck", due.isoformat(), None)]


async def test_chronic_condition_means_doctor_decides(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    user = bot.user(language_code=language)
    reply = shown(await screen(user, t, yes=frozenset({"pacemaker", "herpes"})))
    assert t("screening.outcome.doctor.title") in reply
    assert t("screening.reason.pacemaker") in reply and t("screening.reason.herpes") in reply
    assert user.find_button(t.label("screening.outcome.doctor.book"))


def test_no_declared_contraindication_ever_ends_suitable(content: Content) -> None:
    """Every combination of yes/no answers: suitable exactly when nothing was declared."""
    screening = content.screening
    yes_no = [s for s in screening.steps if s.kind == "yes_no"]
    chronic = {c for c, cond in screening.conditions.items() if cond.outcome == "doctor"}
    assert chronic and len(yes_no) > len(chronic)
    for combination in itertools.product(("yes", "no"), repeat=len(yes_no)):
        answers = {s.id: a for s, a in zip(yes_no, combination, strict=True)}
        verdict = evaluate(screening, answers)
        declared = {s.declares for s in yes_no if answers[s.id] == "yes"}
        assert (verdict.outcome == "suitable") == (not declared)
        if declared & chronic:
            assert verdict.outcome == "doctor"
        assert {c.id for c in verdict.conditions} == declared


async def test_back_returns_to_the_previous_question_and_answers_can_change(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    _, first, second = path(content.screening)[:3]
    user = bot.user()
    await consented(user, t)
    await user.press(t.label("screening.done"))
    await user.press_exact(t.label("screening.yes"))
    assert t(second.question) in user.last.text
    await user.press(t.label("screening.back"))
    assert t(first.question) in user.last.text
    await user.press_exact(t.label("screening.no"))
    answers = dict(await stored(bot, "SELECT step_id, answer FROM screening_answers"))
    assert answers[first.id] == "no"


async def test_cancel_ends_the_check_and_its_old_buttons_go_stale(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    user = bot.user()
    await consented(user, t)
    question, old_answer = user.find_button(t.label("screening.done"))
    reply = shown(await user.press(t.label("screening.cancel")))
    assert t("screening.cancelled") in reply
    assert await stored(bot, "SELECT status FROM screenings") == [("cancelled",)]
    stale = shown(await user.press_data(old_answer, question))
    assert t("error.stale_button") in stale
    assert await stored(bot, "SELECT * FROM screening_answers") == []


async def test_a_check_left_for_over_a_month_begins_again(
    bot: Sandbox, content: Content, language: str
) -> None:
    """Left at question 4 and taken up 100 days later, the check went on, and "no burns, no
    wounds" answered in the summer ended "nothing stands in the way" in the autumn."""
    t = Texts(content, language)
    goals, first, second = path(content.screening)[:3]
    user = bot.user(language_code=language)
    await at_second_question(user, t)
    old_question, old_no = user.find_button(t.label("screening.no"))
    bot.clock.advance(timedelta(days=31))
    assert t("welcome.unfinished_check") not in shown(await user.send("/start"))
    reply = shown(await user.press(t.label("menu.screening")))
    assert t("screening.begun_again") in reply and t(goals.question) in reply
    assert await stored(bot, "SELECT status FROM screenings ORDER BY id") == [
        ("cancelled",), ("active",)]
    assert await stored(bot, "SELECT * FROM screening_answers") == []
    assert t("error.stale_button_short") in shown(await user.press_data(old_no, old_question))


async def test_restart_resumes_at_the_same_question(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    goals, first, second, third = path(content.screening)[:4]
    user = bot.user(language_code=language)
    await consented(user, t)
    await user.press(t.label("screening.done"))
    await user.press_exact(t.label("screening.no"))
    question = user.last.text
    assert t(second.question) in question
    await bot.restart()
    bot.clock.advance(timedelta(days=5))
    assert t("welcome.unfinished_check") in shown(await user.send("/start"))
    reply = shown(await user.press(t.label("menu.screening")))
    assert t("screening.resume") in reply and t(second.question) in reply
    # The old message's buttons still work after the restart: they name the same question.
    await bot.restart()
    reply = shown(await user.press_exact(t.label("screening.yes")))
    assert t(third.question) in reply
    answers = dict(await stored(bot, "SELECT step_id, answer FROM screening_answers"))
    assert answers == {goals.id: "-", first.id: "no", second.id: "yes"}


async def test_new_consent_version_asks_returning_clients_again_before_storing(
    bot: Sandbox, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    t = Texts(content, "en")
    user = bot.user()
    await screen(user, t)
    reply = shown(await user.press(t.label("menu.screening")))  # a second check: no re-consent
    assert t("screening.consent.on_record") in reply
    await user.press(t.label("screening.done"))
    services = bot.app.bot_data["services"]
    screening = services.content.screening
    newer = screening.model_copy(
        update={"consent": screening.consent.model_copy(update={"version": 2})})
    monkeypatch.setattr(services.content, "screening", newer)
    await user.send("/menu")
    reply = shown(await user.press(t.label("menu.screening")))
    assert t("screening.consent.title") in reply
    answered = await stored(bot, "SELECT COUNT(*) FROM screening_answers")
    first = path(screening)[1]
    again = shown(await user.press_data(f"scr:2:{first.id}:yes"))  # the old question's button
    assert t("screening.consent.title") in again
    assert await stored(bot, "SELECT COUNT(*) FROM screening_answers") == answered
    await user.press(t.label("screening.consent.yes"))
    assert await stored(bot, "SELECT version FROM consents ORDER BY id") == [(1,), (2,)]
    assert t(first.question) in user.last.text  # resumed where the client was
