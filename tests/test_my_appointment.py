""""My appointment": the time, the address and the status, from the menu, /appointment or a
typed question, with Reschedule (a new free slot) and Cancel (the time is free again)."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import ChatUser, Sandbox
from tests.chat import Texts, shown
from tests.desk import card, stores_of
from tests.slots import at_picker, buttons, with_slots

pytestmark = pytest.mark.engines


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return with_slots(settings)


async def held(bot: Sandbox, content: Content, language: str) -> ChatUser:
    client = await at_picker(bot, content, language=language)
    await client.press_data(buttons(client.last, "sday:")[4][1], client.last)
    await client.press_data(buttons(client.last, "stime:")[0][1], client.last)
    return client


async def test_my_appointment_shows_time_address_and_status(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t = Texts(content, language)
    client = await held(bot, content, language)
    for ask in ("/appointment", {"en": "when is my booking?", "ru": "когда у меня запись?"}[
            language]):
        reply = shown(await client.send(ask))
        assert t("my_appointment.held") in reply and settings.address in reply
    reply = shown(await client.press(t.label("menu.appointment")))
    assert t.label("appointment.reschedule") in str(client.last.buttons)


async def test_cancel_frees_the_slot_and_rescheduling_moves_it(
    bot: Sandbox, content: Content, language: str
) -> None:
    t, staff = Texts(content, language), Texts(content, "en")
    client = await held(bot, content, language)
    await client.send("/appointment")
    await client.press(t.label("appointment.reschedule"))
    await client.press_data(buttons(client.last, "sday:")[4][1], client.last)
    held_at = int((await stores_of(bot).leads.get(1)).appointment_at.timestamp())
    assert f"stime:1:{held_at}" not in str(buttons(client.last, "stime:"))  # it is taken
    new = buttons(client.last, "stime:")[1]
    await client.press_data(new[1], client.last)
    assert "🔁" in bot.staff_chat()[-1].text
    await client.send("/appointment")
    assert t("appointment.cancelled") in shown(await client.press(t.label("appointment.cancel")))
    assert staff.label("staff.status.client_cancelled") in (await card(bot, 1)).text
    other = await at_picker(bot, content, user_id=1002, language=language)
    await other.press_data(buttons(other.last, "sday:")[4][1], other.last)
    assert new[1].split(":")[2] in str(buttons(other.last, "stime:"))
    assert (await stores_of(bot).leads.get(1)).status == "client_cancelled"
    reply = shown(await client.press(t.label("my_appointment.book_again")))
    assert t("booking.already_open", id=1) not in reply
