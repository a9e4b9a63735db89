"""During the aftercare week, what clients ask is answered and raises no alarm, and what they
feel is that day's check-in with its answer, so the day's rule decides whether staff hear."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.content import Content
from bot.devtools.sandbox import Sandbox
from tests.chat import Texts, shown, week_started

QUESTIONS = [
    ("en", "can I go to the sauna?", "sauna"), ("en", "can I use retinol?", "retinoids"),
    ("en", "is it normal to peel?", "peeling"), ("en", "when can I wear makeup again", "makeup"),
    ("en", "is the gym ok tomorrow?", "gym"), ("en", "how should I wash my face", "washing"),
    ("ru", "можно в баню?", "sauna"), ("ru", "можно пользоваться ретинолом?", "retinoids"),
    ("ru", "это нормально что кожа шелушится?", "peeling"),
    ("ru", "когда можно краситься?", "makeup"), ("ru", "можно на тренировку?", "gym"),
    ("ru", "чем умываться?", "washing"),
]


@pytest.mark.parametrize("language, text, question", QUESTIONS)
async def test_a_question_about_the_week_is_answered_without_alarm(
    bot: Sandbox, language: str, text: str, question: str
) -> None:
    """"can I go to the sauna?" used to alert staff with "Aftercare problem reported"."""
    user, t = await week_started(bot, language)
    reply = shown(await user.send(text))
    assert t(f"aftercare.question.{question}") in reply
    assert t("aftercare.problem.guidance") not in reply
    assert bot.staff_chat() == []


@pytest.mark.parametrize("language, text", [("en", "very red and burning"),
                                            ("ru", "очень красная и жжёт")])
async def test_a_symptom_that_is_always_a_problem_alerts_staff_with_its_class(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    user, t = await week_started(bot, language)
    staff = Texts(content, content.languages[0])
    reply = shown(await user.send(text))
    assert t("aftercare.problem.guidance") in reply
    [alert] = bot.staff_chat()
    assert staff.label("aftercare.answer.pain") in alert.text
    assert staff.label("aftercare.answer.other") not in alert.text


@pytest.mark.parametrize("language, text", [("en", "my face is still a bit red"),
                                            ("ru", "лицо ещё немного красное")])
async def test_a_symptom_follows_the_days_rule(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    user, t = await week_started(bot, language)
    redness = content.aftercare.answer("redness")
    assert redness is not None and redness.problem_from_day
    reply = shown(await user.send(text))
    assert t("aftercare.reply.redness") in reply and bot.staff_chat() == []
    bot.clock.advance(timedelta(days=redness.problem_from_day))
    reply = shown(await user.send(text))
    assert t("aftercare.problem.guidance") in reply
    [alert] = bot.staff_chat()
    assert Texts(content, content.languages[0]).label("aftercare.answer.redness") in alert.text


@pytest.mark.parametrize("language, text", [("en", "no swelling, no redness, all good"),
                                            ("ru", "не болит, всё хорошо")])
async def test_all_good_is_a_fine_checkin(bot: Sandbox, language: str, text: str) -> None:
    user, t = await week_started(bot, language)
    assert t("aftercare.reply.fine") in shown(await user.send(text))
    assert bot.staff_chat() == []
