"""A kind of scheduled message is a flow (bot/flows/scheduled.py) that the Telegram layer only
carries: what it composes reaches the client as composed, each row's outcome is recorded once,
and what waits is given back for the next run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.devtools.sandbox import Sandbox
from bot.flows import Button, Reply, Services
from bot.flows.scheduled import Due, Hold, Schedule
from bot.telegram.due import send_due


@dataclass(frozen=True)
class Row:
    id: int
    user_id: int


@dataclass
class Offers(Schedule[Row]):
    """Row 1 is offered now, row 2 waits, row 3 is out of date."""

    rows: list[Row]
    recorded: list[tuple[int, str]] = field(default_factory=list)
    released: list[int] = field(default_factory=list)

    async def claim(self, services: Services, now: datetime, lease: timedelta
                    ) -> Sequence[Row]:
        return self.rows

    async def compose(self, services: Services, row: Row, now: datetime) -> Due | Hold:
        if row.id == 1:
            offer = Reply("A next session?", ((Button("Yes, please", "menu:booking"),),))
            return Due(row.user_id, row.user_id, offer, f"offer {row.id}")
        return Hold.WAIT if row.id == 2 else Hold.SKIP

    async def record(self, services: Services, row: Row, outcome: str, now: datetime) -> None:
        self.recorded.append((row.id, outcome))

    async def release(self, services: Services, ids: list[int]) -> None:
        self.released += ids


async def test_a_scheduled_kind_is_carried_as_its_flow_composed_it(bot: Sandbox) -> None:
    client = bot.user()
    offers = Offers([Row(1, client.id), Row(2, client.id), Row(3, client.id)])
    sender = bot.app.bot_data["outbox"].sender
    services = bot.app.bot_data["services"]
    sent = await send_due(sender, services, offers, bot.clock.now(), timedelta(minutes=5),
                          lambda: False)
    assert sent == 1
    assert [m.text for m in client.messages] == ["A next session?"]
    assert client.last.buttons == [("Yes, please", "menu:booking")]
    assert offers.recorded == [(1, "sent"), (3, "skipped")]
    assert offers.released == [2]
