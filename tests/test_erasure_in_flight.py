"""/forget while a message about the client is on its way: nothing that names them is sent
after their erasure commits, and a message already in flight when it commits is erased in the
staff chat as soon as Telegram gives its id. The send is held in the fake Bot API at the moment
the client confirms (`FakeBotApi.hold`)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import ChatUser, Sandbox, Sent
from tests.appointments import EVE, book, move_to
from tests.chat import Texts
from tests.desk import lead_by_chat, staff_member, stores_of
from tests.test_erasure_in_staff_chat import NEEDLES

pytestmark = pytest.mark.engines

BAD_GATEWAY = (502, {"description": "Bad Gateway"})


async def forget_in_flight(bot: Sandbox, content: Content, client: ChatUser,
                           held: tuple[str, int], sending: Callable[[], Awaitable[object]]
                           ) -> None:
    """`sending` starts a send, and the fake API holds it in flight (`held`: the method and
    the chat); meanwhile the client confirms /forget; then the send arrives and both finish."""
    t = Texts(content, "en")
    await client.send("/forget")
    hold = bot.api.hold(*held)
    task = asyncio.ensure_future(sending())
    await asyncio.wait_for(hold.arrived.wait(), 5)
    forgetting = asyncio.ensure_future(client.press(t.label("privacy.forget.yes")))
    await asyncio.wait({forgetting}, timeout=0.3)  # done by now, unless it waits for the send
    hold.release()
    await asyncio.wait_for(asyncio.gather(task, forgetting), 5)
    assert await stores_of(bot).clients.get(client.id) is None


def assert_nothing_names_the_client(bot: Sandbox) -> None:
    for message in bot.staff_chat():
        assert message.copied_from is None and message.document is None, "a file is left"
        for needle in NEEDLES:
            assert needle not in message.text, f"{needle!r} still shown: {message.text!r}"


async def a_retry(bot: Sandbox) -> int:
    bot.clock.advance(timedelta(minutes=1))
    return await bot.run_scheduler()


async def test_a_lead_card_sent_again_while_the_client_forgets_is_erased(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    bot.api.fail_chat[settings.staff_chat_id].append(BAD_GATEWAY)
    client = await lead_by_chat(bot, content, first_name="Olga")
    assert bot.staff_chat() == []
    await forget_in_flight(bot, content, client, ("sendMessage", settings.staff_chat_id),
                           lambda: a_retry(bot))
    assert_nothing_names_the_client(bot)
    staff = Texts(content, "en")
    assert [m.text for m in bot.staff_chat()] == [staff("staff.erased.lead", id=1)]


async def test_a_photo_copied_again_while_the_client_forgets_is_deleted(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    client = await lead_by_chat(bot, content, first_name="Olga")
    await client.send("/aftercare")
    bot.api.fail_next["copyMessage"].append(BAD_GATEWAY)
    await client.send_photo()
    assert not any(m.copied_from for m in bot.staff_chat())
    await forget_in_flight(bot, content, client, ("copyMessage", settings.staff_chat_id),
                           lambda: a_retry(bot))
    assert_nothing_names_the_client(bot)


@pytest.mark.parametrize(("command", "method"), [("/find Olga", "sendMessage"),
                                                  ("/lead 1", "sendMessage"),
                                                  ("/export", "sendDocument")])
async def test_a_staff_answer_naming_the_client_in_flight_is_erased(
    bot: Sandbox, content: Content, settings: Settings, command: str, method: str
) -> None:
    client = await lead_by_chat(bot, content, first_name="Olga")
    await forget_in_flight(bot, content, client, (method, settings.staff_chat_id),
                           lambda: staff_member(bot, settings).send(command))
    assert_nothing_names_the_client(bot)


def order_of(bot: Sandbox, message: Sent) -> int:
    """When `message` last appeared or changed, among everything the fake API touched."""
    return max(i for i, touched in enumerate(bot.api.touched) if touched is message)


async def assert_sent_before_the_erasure(bot: Sandbox, content: Content, client: ChatUser,
                                         count: int) -> None:
    """The message held in flight reached the client before they were told their data was
    erased (the /forget question after `count` messages, edited), and nothing came after."""
    told, in_flight, *after = client.messages[count:]
    assert told.text == Texts(content, "en")("privacy.forget.done")
    assert order_of(bot, in_flight) < order_of(bot, told), "sent after the erasure"
    assert after == []
    bot.clock.advance(timedelta(days=2))
    await bot.run_scheduler()
    assert client.messages[count + 2:] == []


async def test_an_appointment_reminder_in_flight_reaches_the_client_before_the_erasure(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    client = await book(bot, content, settings)
    move_to(bot, EVE)
    count = len(client.messages)
    await forget_in_flight(bot, content, client, ("sendMessage", client.id), bot.run_scheduler)
    reminder = client.messages[count + 1]
    assert settings.address in reminder.text
    await assert_sent_before_the_erasure(bot, content, client, count)
    assert_nothing_names_the_client(bot)
    staff_chat = len(bot.staff_chat())
    [confirm, *_] = reminder.buttons
    await client.press_data(confirm[1], reminder)  # the reminder's button, after the erasure
    assert client.last.text == Texts(content, "en")("appointment.gone")
    assert len(bot.staff_chat()) == staff_chat


async def test_an_aftercare_message_in_flight_reaches_the_client_before_the_erasure(
    bot: Sandbox, content: Content
) -> None:
    client = await lead_by_chat(bot, content, first_name="Olga")
    await client.send("/aftercare")
    bot.clock.advance(timedelta(days=1))
    count = len(client.messages)
    await forget_in_flight(bot, content, client, ("sendMessage", client.id), bot.run_scheduler)
    await assert_sent_before_the_erasure(bot, content, client, count)
    assert_nothing_names_the_client(bot)


async def test_a_client_busy_with_an_update_gets_their_message_on_the_next_run(
    bot: Sandbox, content: Content
) -> None:
    """The scheduler never waits for a client's lock: while an update of theirs runs, their
    scheduled message waits for the next run, and others' go out."""
    client = await lead_by_chat(bot, content, first_name="Olga")
    other = await lead_by_chat(bot, content, user_id=2002, first_name="Vera",
                               phone="+44 7400 123456")
    for person in (client, other):
        await person.send("/aftercare")
    bot.clock.advance(timedelta(days=1))
    before = {person.id: len(person.messages) for person in (client, other)}
    async with stores_of(bot).database.client_lock(client.id):
        assert await asyncio.wait_for(bot.run_scheduler(), 5) == 1
    assert len(client.messages) == before[client.id]
    assert len(other.messages) == before[other.id] + 1
    assert await bot.run_scheduler() == 1
    assert len(client.messages) == before[client.id] + 1
