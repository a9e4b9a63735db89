"""Transient Bot API errors while a client answers the eligibility check and books.

A reply can fail on the way to Telegram: a 502 from a proxy, a 429 flood wait, or a timeout —
either before Telegram got the call, or after it carried it out and the answer was lost. Every
answer is committed with the replies it owes before they are sent, so such a failure loses
nothing: the reply waits in the outbox and goes out a little later, the client's old buttons
cannot answer a question twice, and re-opening the check goes on at the right question. A
timeout after Telegram carried the call out is the one case a reply can come twice (at least
once). A lead is stored before its card goes to the staff chat.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from bot.clock import FixedClock
from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import ChatUser, FakeBotApi, Sandbox
from bot.flows.eligibility import path
from bot.telegram.app import telegram_rate_limiter
from tests.chat import Texts, screen, shown

FAILURES: dict[str, tuple[int, dict[str, Any]] | str] = {
    "bad gateway": (502, {"description": "Bad Gateway"}),
    "flood wait": (429, {"description": "Too Many Requests: retry after 5",
                         "parameters": {"retry_after": 5}}),
    "timeout before Telegram": "before",
    "timeout after Telegram": "after",
}


def fail_once(api: FakeBotApi, method: str, failure: str) -> None:
    answer = FAILURES[failure]
    if isinstance(answer, str):
        api.timeout_next[method].append(answer)
    else:
        api.fail_next[method].append(answer)


async def later(bot: Sandbox) -> None:
    """A minute on: the scheduler sends what waits in the outbox."""
    bot.clock.advance(timedelta(minutes=1))
    await bot.run_scheduler()


def times_shown(user: ChatUser, text: str, failure: str) -> None:
    """The client sees `text` once; twice only when Telegram carried the first attempt out
    and its answer was lost."""
    seen = sum(text in m.text for m in user.messages)
    assert seen == (2 if failure == "timeout after Telegram" else 1), seen


async def answers(bot: Sandbox) -> dict[str, tuple[str, str]]:
    """step → (answer, answered_at) of the client's screening."""
    database = bot.app.bot_data["services"].stores.database
    rows = await database.all("SELECT step_id, answer, answered_at FROM screening_answers")
    return {r[0]: (r[1], r[2]) for r in rows}


async def current_step(bot: Sandbox) -> str | None:
    database = bot.app.bot_data["services"].stores.database
    row = await database.one("SELECT current_step FROM screenings WHERE status = 'active'")
    return row[0] if row else None


async def open_check(user: ChatUser, t: Texts) -> None:
    await user.send("/menu")
    await user.press(t.label("menu.screening"))
    await user.press(t.label("screening.consent.yes"))


async def reopen(user: ChatUser, t: Texts) -> str:
    await user.send("/menu")
    return shown(await user.press(t.label("menu.screening")))


async def finish(user: ChatUser, t: Texts, content: Content) -> str:
    """Answer "no" to every question from the one shown to the end; the outcome's text."""
    reply = ""
    while t("screening.finished") not in reply:
        assert any(t(s.question) in user.last.text for s in content.screening.steps), reply
        reply = shown(await user.press_exact(t.label("screening.no")))
    return reply


@pytest.mark.parametrize("failure", FAILURES)
async def test_answer_is_kept_when_the_next_question_cannot_be_shown(
    bot: Sandbox, content: Content, failure: str
) -> None:
    t = Texts(content, "en")
    goals, first, second = path(content.screening)[:3]
    user = bot.user()
    await open_check(user, t)
    await user.press(t.label("screening.done"))
    question, no = user.find_button(t.label("screening.no"), exact=True)
    _, yes = user.find_button(t.label("screening.yes"), exact=True)
    fail_once(bot.api, "editMessageText", failure)  # the next question replaces this one

    assert t("error.internal") not in shown(await user.press_data(no, question))
    assert bot.errors == []
    await later(bot)
    assert t(second.question) in question.text
    stored = await answers(bot)
    assert {step: answer for step, (answer, _) in stored.items()} == {
        goals.id: "-", first.id: "no"}
    assert await current_step(bot) == second.id

    # Pressing the old buttons again, the same answer or the other, answers nothing twice.
    for data in (no, yes):
        assert t("error.stale_button_short") in shown(await user.press_data(data, question))
    assert await answers(bot) == stored

    reply = await reopen(user, t)
    assert t("screening.resume") in reply and t(second.question) in reply
    assert t("screening.outcome.suitable.title") in await finish(user, t, content)
    final = await answers(bot)
    assert final[first.id] == stored[first.id]
    assert len(final) == len(content.screening.steps)


@pytest.mark.parametrize("failure", FAILURES)
async def test_consent_is_kept_when_the_first_question_cannot_be_sent(
    bot: Sandbox, content: Content, failure: str
) -> None:
    t = Texts(content, "en")
    user = bot.user()
    await user.send("/menu")
    await user.press(t.label("menu.screening"))
    fail_once(bot.api, "sendMessage", failure)  # the first question is a new message

    reply = shown(await user.press(t.label("screening.consent.yes")))
    assert t("screening.consent.thanks") in reply and t("error.internal") not in reply
    assert bot.errors == []
    assert await current_step(bot) == "goals"
    await later(bot)
    times_shown(user, t("screening.q.goals"), failure)

    reply = await reopen(user, t)
    assert t("screening.resume") in reply and t("screening.q.goals") in reply
    assert t("screening.consent.yes") not in reply  # consent is not asked twice
    await user.press(t.label("screening.done"))
    await finish(user, t, content)
    database = bot.app.bot_data["services"].stores.database
    assert (await database.one("SELECT count(*) FROM consents"))[0] == 1


@pytest.mark.parametrize("failure", FAILURES)
async def test_outcome_is_kept_when_it_cannot_be_sent(
    bot: Sandbox, content: Content, failure: str
) -> None:
    t = Texts(content, "en")
    user = bot.user()
    await open_check(user, t)
    await user.press(t.label("screening.done"))
    for _ in content.screening.steps[1:-1]:
        await user.press_exact(t.label("screening.no"))
    fail_once(bot.api, "sendMessage", failure)  # the outcome follows "finished" as a new message

    reply = shown(await user.press_exact(t.label("screening.no")))
    assert t("screening.finished") in reply and t("error.internal") not in reply
    assert bot.errors == []
    await later(bot)
    times_shown(user, t("screening.outcome.suitable.title"), failure)
    database = bot.app.bot_data["services"].stores.database
    rows = await database.all("SELECT status, outcome FROM screenings")
    assert [tuple(r) for r in rows] == [("finished", "suitable")]

    # The booking honours the stored outcome: no need to answer everything again.
    await user.send("/menu")
    reply = shown(await user.press(t.label("menu.booking")))
    assert t("booking.screen_first") not in reply
    assert any(b.get("request_contact") for b in user.last.keyboard)


@pytest.mark.parametrize("failure", FAILURES)
async def test_answer_is_given_once_when_the_button_press_cannot_be_confirmed(
    bot: Sandbox, content: Content, failure: str
) -> None:
    """Confirming the press to Telegram (stopping the button's spinner) fails: the client gets
    an apology and can press again, or the answer is applied at once; never twice."""
    t = Texts(content, "en")
    goals, first, second = path(content.screening)[:3]
    user = bot.user()
    await open_check(user, t)
    await user.press(t.label("screening.done"))
    question, no = user.find_button(t.label("screening.no"), exact=True)
    fail_once(bot.api, "answerCallbackQuery", failure)

    reply = shown(await user.press_data(no, question))
    bot.errors.clear()
    next_question = t(second.question)
    assert t("error.internal") in reply or next_question in reply
    if next_question not in reply:
        assert next_question in shown(await user.press_data(no, question))
    stored = await answers(bot)
    assert {step: answer for step, (answer, _) in stored.items()} == {
        goals.id: "-", first.id: "no"}
    assert await current_step(bot) == second.id


async def test_answer_is_applied_even_when_the_button_press_cannot_be_confirmed(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    first = path(content.screening)[1]
    user = bot.user()
    await open_check(user, t)
    await user.press(t.label("screening.done"))
    fail_once(bot.api, "answerCallbackQuery", "bad gateway")
    try:
        await user.press_exact(t.label("screening.no"))
        assert (await answers(bot)).get(first.id, ("",))[0] == "no"
    finally:
        bot.errors.clear()


@pytest.mark.parametrize("failing", ["the client's tips", "the staff card"])
async def test_lead_reaches_the_staff_chat_after_a_transient_error(
    bot: Sandbox, content: Content, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    t = Texts(content, "en")
    user = bot.user()
    await screen(user, t)
    await user.press(t.label("screening.outcome.suitable.book"))
    await user.share_contact("+44 7400 123456")
    staff_chat = bot.app.bot_data["settings"].staff_chat_id
    chat = user.id if failing == "the client's tips" else staff_chat
    answer, failed = bot.api.answer, []

    def bad_gateway_once(method: str, params: dict[str, Any]) -> tuple[int, bytes]:
        if method == "sendMessage" and params.get("chat_id") == chat and not failed:
            failed.append(method)
            return 502, json.dumps({"ok": False, "error_code": 502,
                                    "description": "Bad Gateway"}).encode()
        return answer(method, params)

    monkeypatch.setattr(bot.api, "answer", bad_gateway_once)
    await user.press(t.label("booking.time.evening"))
    assert failed
    bot.errors.clear()  # whether the error still reaches the error handler is not the point
    bot.clock.advance(timedelta(minutes=5))
    await bot.run_scheduler()
    assert any("07400 123456" in m.text for m in bot.staff_chat())
    lead = await bot.app.bot_data["services"].stores.leads.get(1)
    assert lead is not None and lead.staff_message_id is not None


async def test_a_flood_wait_under_the_production_limiter_is_waited_out_and_answered_once(
    settings: Settings, clock: FixedClock, content: Content
) -> None:
    """The limiter `clinicbot run` uses retries a 429 itself after Telegram's `retry_after`
    (here its smallest, one second): the client gets the greeting once and nothing fails."""
    bot = await Sandbox.start(settings, clock, rate_limiter=telegram_rate_limiter())
    try:
        bot.api.fail_next["sendMessage"].append(
            (429, {"description": "Too Many Requests: retry after 1",
                   "parameters": {"retry_after": 1}}))
        user = bot.user()
        await user.send("/start")
        greeting = content.tr_message("en", "welcome.disclaimer")
        assert [m for m in user.messages if greeting in m.text] != []
        assert len(user.messages) == 1 and bot.errors == []
        assert [name for name, _ in bot.api.calls].count("sendMessage") == 2
    finally:
        await bot.stop()
