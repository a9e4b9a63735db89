"""An instance killed at any point of a client's final booking step: the client still gets
every message of the turn once, the staff chat the lead card once, and the update, which
Telegram was told had arrived, is not lost.

The step (pressing a preferred time) stores the lead, then sends "time noted", the tips and
"your request is sent", then the lead card. Here the process dies at each of those points: an
exception no handler catches stops everything in flight, as SIGKILL would (what a transaction
had not committed is gone), and the next instance — the same bot restarted, on SQLite, or
another one once the claims ran out — finds what was left. (A kill between Telegram accepting
a message and the bot recording it can repeat that one message: README, "at least once".)
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import ChatUser, Sandbox
from bot.flows import Reply
from bot.storage.leads import LeadStore
from bot.storage.outbox import OutboxEntry
from bot.telegram.outbox import Outbox
from bot.telegram.sending import Delivery
from tests.chat import Texts, instance_died, screen

pytestmark = pytest.mark.engines
# Where the process dies, and how many of the step's three messages and cards went out first.
KILL_POINTS = {"after the lead is stored": (0, 0), "after the first reply": (1, 0),
               "before the card": (3, 0), "after the card": (3, 1)}


class Killed(BaseException):
    """The process is gone: nothing catches this, as nothing runs after SIGKILL."""


async def ready_to_choose_a_time(bot: Sandbox, t: Texts) -> ChatUser:
    user = bot.user(first_name="Olga", username="olga_i")
    await screen(user, t)
    await user.press(t.label("screening.outcome.suitable.book"))
    await user.share_contact("+44 7400 123456")
    return user


def kill_at(point: str, monkeypatch: pytest.MonkeyPatch) -> None:
    create, send = LeadStore.create, Outbox._send
    replies: list[int] = []

    async def create_then_die(self: LeadStore, **values: Any) -> int:
        await create(self, **values)
        raise Killed(point)

    async def send_or_die(self: Outbox, entry: OutboxEntry, reply: Reply | None = None
                          ) -> Delivery:
        if point == "before the card" and entry.kind == "staff":
            raise Killed(point)
        result = await send(self, entry, reply)
        replies.extend([entry.id] if entry.kind == "reply" else [])
        if point == "after the first reply" and len(replies) == 1 or (
                point == "after the card" and entry.kind == "staff"):
            raise Killed(point)
        return result

    if point == "after the lead is stored":
        monkeypatch.setattr(LeadStore, "create", create_then_die)
    else:
        monkeypatch.setattr(Outbox, "_send", send_or_die)


async def final_step(bot: Sandbox, user: ChatUser, t: Texts,
                     press: Callable[[], Awaitable[object]]) -> list[str]:
    """What the client saw of the final step (sent or edited since the press)."""
    before = {m.message_id: m.edits for m in user.messages}
    await press()
    return [m.text for m in user.messages if before.get(m.message_id) != m.edits]


@pytest.mark.parametrize("point", KILL_POINTS)
async def test_a_kill_during_the_final_booking_step_loses_and_doubles_nothing(
    bot: Sandbox, settings: Settings, content: Content, monkeypatch: pytest.MonkeyPatch,
    point: str
) -> None:
    t = Texts(content, "en")
    reference = await ready_to_choose_a_time(bot, t)
    expected = await final_step(bot, reference, t,
                                lambda: reference.press(t.label("booking.time.evening")))
    assert len(expected) == 3 and len(bot.staff_chat()) == 1

    user = bot.user(2002, "Vera", username="vera_v")
    await screen(user, t)
    await user.press(t.label("screening.outcome.suitable.book"))
    await user.share_contact("+44 7400 654321")
    before = {m.message_id: m.edits for m in user.messages}
    kill_at(point, monkeypatch)
    with pytest.raises(Killed):
        await user.press(t.label("booking.time.evening"))
    monkeypatch.undo()
    seen = [m for m in user.messages if before.get(m.message_id) != m.edits]
    assert (len(seen), len(bot.staff_chat()) - 1) == KILL_POINTS[point]

    await instance_died(bot, settings)
    await bot.run_scheduler()
    await bot.run_scheduler()

    got = [m.text for m in user.messages if before.get(m.message_id) != m.edits]
    assert [_anonymous(text) for text in got] == [_anonymous(text) for text in expected]
    assert [m.edits for m in user.messages if before.get(m.message_id) != m.edits][1:] == \
        [0, 0], "a message of the turn went out twice"
    cards = [m for m in bot.staff_chat() if "vera_v" in m.text]
    assert len(cards) == 1
    stores = bot.app.bot_data["services"].stores
    leads = await stores.database.all("SELECT id FROM leads WHERE user_id = ?", (user.id,))
    assert len(leads) == 1
    assert (await stores.leads.get(leads[0][0])).staff_message_id == cards[0].message_id
    assert await stores.database.all("SELECT id FROM outbox") == []
    assert await stores.database.all("SELECT update_id FROM inbox WHERE handled_at IS NULL") \
        == []


def _anonymous(text: str) -> str:
    """The step's texts without what differs between two clients (the request's number)."""
    return "".join(c for c in text if not c.isdigit())
