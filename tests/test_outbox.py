"""What the bot owes someone outside the update at hand — a staff answer or a booking
confirmation for a client, a post to the staff chat — survives a transient Telegram error: it
waits in the outbox and the scheduler sends it, exactly once, after the clock has moved on."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import ChatUser, Sandbox
from tests.chat import Texts
from tests.desk import booking_prompt, card, staff_member, stores_of

pytestmark = pytest.mark.engines

BAD_GATEWAY = (502, {"description": "Bad Gateway"})
BLOCKED = (403, {"description": "Forbidden: bot was blocked by the user"})


async def later(bot: Sandbox, minutes: int = 1) -> None:
    bot.clock.advance(timedelta(minutes=minutes))
    await bot.run_scheduler()
    await bot.run_scheduler()


async def forward_question(bot: Sandbox, content: Content) -> ChatUser:
    client = bot.user(first_name="Mira", username="mira_k")
    await client.send("Is there wifi in your waiting room for a friend?")
    await client.press(Texts(content, "en").label("faq.forward.yes"))
    return client


async def test_a_staff_answer_that_meets_a_bad_gateway_reaches_the_client_once(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    client = await forward_question(bot, content)
    [question] = bot.staff_chat()
    received = len(client.messages)
    bot.api.fail_chat[client.id].append(BAD_GATEWAY)
    assert await staff_member(bot, settings).reply_to(question, "We have racks.") == []
    assert client.messages[received:] == []
    await later(bot)
    assert ["We have racks." in m.text for m in client.messages[received:]] == [True]
    assert bot.staff_chat()[-1].text == staff("staff.relay.sent")
    await later(bot, 60)
    assert len(client.messages) == received + 1


async def test_a_booking_confirmation_that_meets_a_bad_gateway_is_sent_later(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    client, maria, prompt = await booking_prompt(bot, content, settings)
    received = len(client.messages)
    bot.api.fail_chat[client.id].append(BAD_GATEWAY)
    await maria.reply_to(prompt, "2026-12-03 14:30")
    assert (await stores_of(bot).leads.get(1)).status == "booked"
    assert client.messages[received:] == []
    await later(bot)
    confirmation, calendar = client.messages[received:]
    assert settings.clinic_name in confirmation.text
    assert calendar.document is not None and calendar.document["filename"].endswith(".ics")
    await later(bot, 60)
    assert len(client.messages) == received + 2


async def test_a_forwarded_question_that_meets_a_bad_gateway_is_posted_later_and_answerable(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    bot.api.fail_chat[settings.staff_chat_id].append(BAD_GATEWAY)
    client = await forward_question(bot, content)
    assert bot.staff_chat() == []
    assert Texts(content, "en")("faq.forward.sent") in client.texts()[-2] + client.texts()[-1]
    await later(bot)
    [question] = bot.staff_chat()
    assert "waiting room" in question.text
    await later(bot, 60)
    assert len(bot.staff_chat()) == 1
    await staff_member(bot, settings).reply_to(question, "We have racks.")
    assert "We have racks." in client.last.text


async def test_a_client_who_blocked_the_bot_is_reported_and_not_retried(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    client = await forward_question(bot, content)
    [question] = bot.staff_chat()
    bot.api.fail_chat[client.id].append(BLOCKED)
    [note] = await staff_member(bot, settings).reply_to(question, "We have racks.")
    assert note.text == Texts(content, "en")("staff.relay.unreachable")
    calls = len(bot.api.calls)
    await later(bot, 60)
    assert [c for c, p in bot.api.calls[calls:] if p.get("chat_id") == client.id] == []


async def test_a_newer_edit_of_a_staff_message_replaces_one_still_waiting(bot: Sandbox) -> None:
    outbox, now = stores_of(bot).outbox, bot.clock.now()
    [older] = await outbox.add([("staff", 7, {"text": "Status: new", "edit": 5})], now,
                               timedelta())
    [other, newer] = await outbox.add([("staff", 8, {"text": "Lead 2", "edit": 6}),
                                       ("staff", 7, {"text": "Status: booked", "edit": 5})],
                                      now, timedelta())
    waiting = await outbox.claim_due(now, timedelta(minutes=5), 10)
    assert [(e.id, e.payload["text"]) for e in waiting] == [(other, "Lead 2"),
                                                           (newer, "Status: booked")]
    assert older not in [e.id for e in waiting]


async def test_a_client_who_blocked_the_bot_is_shown_on_the_lead_card(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    client, maria, prompt = await booking_prompt(bot, content, settings)
    bot.api.fail_chat[client.id].append(BLOCKED)
    await maria.reply_to(prompt, "2026-12-03 14:30")
    note = bot.staff_chat()[-1]
    assert note.text == staff("staff.client_unreachable", id=1)
    assert staff("staff.card.unreachable") in (await card(bot, 1)).text
