"""Updates run concurrently (eight at a time), but one client's updates, and staff actions on
that client's lead or thread, run one at a time in the order they came — even when confirming
a button press is slow."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import Sandbox
from bot.flows.staff import Desk, status
from bot.storage import Lead
from tests.chat import Texts
from tests.desk import booking_prompt, card, stores_of

pytestmark = pytest.mark.engines


async def test_a_slow_press_and_the_command_after_it_run_in_order(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    user = bot.user()
    await user.send("/menu")
    await user.press(t.label("menu.screening"))
    message, data = user.find_button(t.label("screening.consent.yes"))
    bot.api.slow["answerCallbackQuery"] = 0.05
    await asyncio.gather(user.press_data(data, message), user.send("/cancel"))
    screenings = await stores_of(bot).database.all("SELECT status FROM screenings")
    assert [s[0] for s in screenings] == ["cancelled"]  # started by the press, then cancelled


async def test_a_status_press_racing_the_clients_erasure_leaves_no_name_on_the_card(
    bot: Sandbox, content: Content, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """"Treated" renders the card, starts the aftercare week, then edits the card: the
    client's /forget must not slip in between (starting the week is made slow here)."""
    t = Texts(content, "en")
    client, maria, prompt = await booking_prompt(bot, content, settings, first_name="Olga")
    await maria.reply_to(prompt, "2026-12-03 14:30")
    posted = await card(bot, 1)
    [treated] = [d for text, d in posted.buttons if "Treated" in text]
    await client.send("/forget")
    confirm, forget = client.find_button(t.label("privacy.forget.yes"))
    start_week = status.start_aftercare

    async def slow_start(desk: Desk, lead: Lead) -> None:
        await asyncio.sleep(0.1)
        await start_week(desk, lead)

    async def forget_meanwhile() -> None:
        await asyncio.sleep(0.02)
        await client.press_data(forget, confirm)

    monkeypatch.setattr(status, "start_aftercare", slow_start)
    await asyncio.gather(maria.press_data(treated, posted), forget_meanwhile())
    shown = [m for m in bot.staff_chat() if m.message_id == posted.message_id]
    assert [m.text for m in shown] == [Texts(content, "en")("staff.erased.lead", id=1)]
    assert all("Olga" not in m.text and "345" not in m.text for m in bot.staff_chat())


async def test_the_evening_check_in_is_sent_once_when_the_scheduler_runs_meanwhile(
    bot: Sandbox, content: Content
) -> None:
    """A client starting the week in the evening gets that evening's check-in in the answer;
    the scheduler running at the same moment must not send it too."""
    t = Texts(content, "en")
    user = bot.user()
    await user.send("/start")
    bot.clock.advance(timedelta(hours=10))  # 20:00 in London: the evening message is due
    await asyncio.gather(user.send("/aftercare"), bot.run_scheduler(), bot.run_scheduler())
    evening = t("aftercare.checkin.question")
    assert sum(evening in m.text for m in user.messages) == 1
