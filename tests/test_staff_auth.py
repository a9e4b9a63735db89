"""Only configured staff, in the staff chat or privately, get staff data or actions. Forged
updates from a client, a stranger in the staff chat and a staff member in another group all
get what they would get if the staff desk did not exist, and are logged with ids only."""

from __future__ import annotations

import logging

import pytest

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import ChatUser, Sandbox
from tests.chat import Texts, shown
from tests.desk import STAFF_ID, card, lead_by_chat, press_on_card, staff_member, stores_of

COMMANDS = ["/leads", "/leads all", "/lead 1", "/find Olga", "/export", "/stats"]
STRANGER = 424242


def refusals(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]


def assert_no_personal_data(caplog: pytest.LogCaptureFixture) -> None:
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for private in ("Olga", "Eve", "+7 912", "user1001", "2026-12-03"):
        assert private not in logged


async def test_a_client_gets_the_unknown_command_answer(
    bot: Sandbox, content: Content, caplog: pytest.LogCaptureFixture
) -> None:
    client = await lead_by_chat(bot, content)
    t = Texts(content, "en")
    with caplog.at_level(logging.WARNING):
        for command in COMMANDS:
            reply = await client.send(command)
            assert [m.text for m in reply] == [
                f"{t('error.unknown_command')}\n\n{t('menu.title')}"], command
            assert all(m.document is None for m in reply)
    assert len(refusals(caplog)) == len(COMMANDS)
    assert f"user {client.id} in chat {client.id}" in refusals(caplog)[0]
    assert_no_personal_data(caplog)


async def test_a_client_forging_staff_buttons_changes_nothing(
    bot: Sandbox, content: Content, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    client = await lead_by_chat(bot, content)
    t = Texts(content, "en")
    with caplog.at_level(logging.WARNING):
        for data in ("lead:1:new:contacted", "lead:1:new:booked", "leads:all:0", "leads:open:0"):
            reply = shown(await client.press_data(data))
            assert t("error.stale_button") in reply and "+7 912" not in reply
    lead = await stores_of(bot).leads.get(1)
    assert lead.status == "new" and await stores_of(bot).leads.history(1) == []
    assert len(refusals(caplog)) == 4
    assert_no_personal_data(caplog)


async def stranger_in_staff_chat(bot: Sandbox, settings: Settings) -> ChatUser:
    return staff_member(bot, settings, user_id=STRANGER, first_name="Eve")


async def test_a_stranger_in_the_staff_chat_gets_nothing(
    bot: Sandbox, content: Content, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    client = await lead_by_chat(bot, content)
    eve = await stranger_in_staff_chat(bot, settings)
    posted = len(bot.staff_chat())
    with caplog.at_level(logging.WARNING):
        for command in COMMANDS:
            assert await eve.send(command) == []
        await press_on_card(bot, eve, 1, "Contacted")
        await press_on_card(bot, eve, 1, "Booked")
    assert len(bot.staff_chat()) == posted and (await card(bot, 1)).edits == 0
    answers = [p for m, p in bot.api.calls if m == "answerCallbackQuery"]
    assert answers[-1]["text"] == Texts(content, "en").label("error.stale_button_short")

    [prompt] = await press_on_card(bot, staff_member(bot, settings), 1, "Booked")
    received = len(client.messages)
    with caplog.at_level(logging.WARNING):
        assert await eve.reply_to(prompt, "2026-12-03 14:30") == []
    assert (await stores_of(bot).leads.get(1)).status == "new"
    assert client.messages[received:] == []
    assert len(refusals(caplog)) == len(COMMANDS) + 3
    assert all(f"user {STRANGER} in chat {settings.staff_chat_id}" in r
               for r in refusals(caplog))
    assert_no_personal_data(caplog)


async def test_a_stranger_cannot_answer_a_clients_question(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    client = bot.user(first_name="Mira")
    await client.send("Is there wifi in your waiting room?")
    await client.press(Texts(content, "en").label("faq.forward.yes"))
    [question] = bot.staff_chat()
    received = len(client.messages)
    eve = await stranger_in_staff_chat(bot, settings)
    assert await eve.reply_to(question, "Come to my shop instead") == []
    assert client.messages[received:] == []
    assert await stores_of(bot).chat_states.get(client.id) is None


async def test_a_staff_member_in_another_group_gets_nothing(
    bot: Sandbox, content: Content, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    await lead_by_chat(bot, content)
    other = {"id": -100777, "type": "supergroup", "title": "Friends"}
    maria = bot.user(STAFF_ID, "Maria")
    maria.chat = other
    with caplog.at_level(logging.WARNING):
        for command in COMMANDS:
            reply = await maria.send(command)
            assert [m.text for m in reply] == [Texts(content, "en")("error.group_chat")]
        there = bot.api.messages[-100777][-1]  # a message of that group carries the buttons
        await maria.press_data("lead:1:new:contacted", there)
        await maria.press_data("leads:all:0", there)
    assert (await stores_of(bot).leads.get(1)).status == "new"
    assert len(bot.api.messages[-100777]) == len(COMMANDS)  # only the pointers
    assert len(refusals(caplog)) == len(COMMANDS) + 2
    assert all(f"user {STAFF_ID} in chat -100777" in r for r in refusals(caplog))
    assert_no_personal_data(caplog)
