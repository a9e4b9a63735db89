"""Real bot processes in webhook mode, as a clinic runs them behind one URL.

Clients go through the eligibility check and book, each waiting for the bot's reply before the
next step, their updates spread over the instances (tests/instances.py). With two instances on
one PostgreSQL database, one is killed mid-run (SIGKILL, after its last Bot API calls were held
unanswered): what a client was told is stored exactly once, every lead reaches the staff chat
exactly once, the aftercare messages both schedulers race for go out exactly once, and every
update the killed instance had answered with 200 is answered by the other, without Telegram
sending it again.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Coroutine
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox_http import FakeBotServer
from bot.devtools.webhook import InstanceGone, Webhook, post
from bot.flows.eligibility import path
from bot.storage import Stores
from tests.chat import Texts
from tests.instances import (
    POLL,
    STEPS,
    STEPS_TO_BOOK,
    Balancer,
    Client,
    Instance,
    clinic_toml,
)

START_WITHIN = 20.0  # seconds for the processes to start and register their webhooks
RUN_WITHIN = 90.0  # seconds for all the clients to get through, the kill included
CLAIM_SECONDS = 6.0
CLIENTS = 40  # each costs ~11 sends
RATE = 120  # the bot's sending limit (messages_per_second), shared by the instances: at
# Telegram's default 30 the run would take 75 s of pacing alone; the morning-wave benchmark
# measures the default
BOOKING = 10  # one client in BOOKING books: a group chat takes 20 posts a minute
CARED = list(range(9000, 9020))  # clients in their aftercare week
NUDGE_DAYS = (1, 2, 3)


def test_the_fake_tells_instances_apart_and_holds_one() -> None:
    def call(instance: str, method: str, **params: object) -> int:
        return post(f"{server.url_for(instance)}123:TEST/{method}", params, None)

    outcomes: list[object] = []
    with FakeBotServer() as server:
        for name in ("a", "b"):
            assert call(name, "setWebhook", url=f"http://127.0.0.1:1/{name}",
                        secret_token=name) == 200
        assert server.webhooks == {"a": ("http://127.0.0.1:1/a", "a"),
                                   "b": ("http://127.0.0.1:1/b", "b")}
        assert call("a", "sendMessage", chat_id=1, text="from a") == 200
        held_from = server.hold("a")
        held = threading.Thread(target=lambda: outcomes.append(
            _attempt(lambda: call("a", "sendMessage", chat_id=1, text="never"))))
        held.start()
        server.wait_for(lambda: server.held["a"] == 1)
        assert call("b", "sendMessage", chat_id=1, text="from b") == 200
        assert [m.text for m in server.messages(1)] == ["from a", "from b"]
        assert server.touched_by[held_from:] == ["b"]
        assert [m.text for m in server.sent_by("a")] == ["from a"]
    held.join(timeout=5)
    assert outcomes and isinstance(outcomes[0], InstanceGone), "a held call got an answer"


def _attempt(action: Callable[[], object]) -> object:
    try:
        return action()
    except InstanceGone as gone:
        return gone


def test_one_webhook_instance_answers_every_client(
    tmp_path: Path, content: Content, content_dir: Path, test_settings: Settings
) -> None:
    database = tmp_path / "clinic.sqlite3"
    config = tmp_path / "clinic.toml"
    config.write_text(clinic_toml(content_dir, database=database))
    cared = list(range(9000, 9005))
    _run(seed_aftercare(str(database), cared, [datetime.now(UTC)] * len(NUDGE_DAYS)), within=10)
    with FakeBotServer() as server:
        instance = Instance.start(server, "a", config)
        try:
            instance.wait_ready(server, START_WITHIN)
            clients = _clients(server, Balancer(["a"]), content, 20, booking=2)
            staff = Staff(server, test_settings.staff_chat_id, Texts(content, "en"))
            _run(_all(c.go() for c in clients), within=30)
            _settled(server, str(database), staff, cared, within=10)
        finally:
            instance.stop()
        _check(str(database), staff, clients, cared)
    assert instance.process.returncode == 0
    assert "Traceback" not in instance.log.read_text()


def test_two_instances_lose_and_double_nothing_when_one_is_killed(
    tmp_path: Path, content: Content, content_dir: Path, test_settings: Settings,
    postgres_url: str
) -> None:
    config = tmp_path / "clinic.toml"
    config.write_text(clinic_toml(content_dir, scheduler={"interval_seconds": 0.5,
                                                         "claim_seconds": CLAIM_SECONDS},
                                  messages_per_second=RATE))
    killed_midway(config, postgres_url, {"DATABASE_URL": postgres_url}, content,
                  test_settings.staff_chat_id, nudges_in=(2, 6, 10))


def killed_midway(config: Path, database: str, env: dict[str, str], content: Content,
                  staff_chat_id: int, nudges_in: tuple[float, ...]) -> None:
    """Instances a and b on `database`, CLIENTS clients; a is killed midway. Aftercare
    nudges fall due `nudges_in` seconds after the instances are up."""
    with FakeBotServer() as server:
        server.api.flood_limit = RATE  # the bot's limit, whichever instance sends
        balancer = Balancer(["a", "b"])
        a = Instance.start(server, "a", config, env)
        b = Instance.start(server, "b", config, env)
        try:
            a.wait_ready(server, START_WITHIN)
            b.wait_ready(server, START_WITHIN)
            now = datetime.now(UTC)
            _run(seed_aftercare(database, CARED,
                                [now + timedelta(seconds=s) for s in nudges_in]), within=10)
            clients = _clients(server, balancer, content, CLIENTS, booking=BOOKING)
            held_from = _run_and_kill(server, balancer, clients, a)
            staff = Staff(server, staff_chat_id, Texts(content, "en"))
            _settled(server, database, staff, CARED, within=20)
        finally:
            for instance in (a, b):
                instance.stop()
        _check(database, staff, clients, CARED)
        assert server.sent_by("a"), "a answered nobody before it was killed"
        assert set(server.touched_by[held_from:]) == {"b"}, "b alone went on after the kill"
    assert sum(c.taken_over for c in clients) > 0, "no acknowledged update was in flight"
    assert b.process.returncode == 0
    for instance in (a, b):
        log = instance.log.read_text()
        assert "Traceback" not in log, log[-3000:]
    # The limit is the bot's, whichever instance sends: the fake answers 429 above it.
    assert server.api.too_many == 0


def _run_and_kill(server: FakeBotServer, balancer: Balancer, clients: list[Client],
                  victim: Instance) -> int:
    """Run the clients; once half their updates are sent, hold the victim's Bot API calls,
    SIGKILL it and send its unanswered updates to the others. Returns where in
    `server.api.touched` the victim stopped being heard."""
    held_from = 0

    async def kill_midway() -> None:
        nonlocal held_from
        half = sum(STEPS + STEPS_TO_BOOK * bool(c.phone) for c in clients) // 2
        await server.until(lambda: sum(c.updates for c in clients) >= half)
        held_from = server.hold(victim.name)
        await server.until(lambda: server.held[victim.name] > 0)
        # What Telegram answered before the hold is recorded in the database within
        # milliseconds; a kill in that instant repeats the one message (at least once).
        await asyncio.sleep(0.3)
        victim.kill()
        balancer.down.add(victim.name)

    try:
        _run(_all([kill_midway(), *(c.go() for c in clients)]), within=RUN_WITHIN)
    except TimeoutError as exc:
        raise AssertionError(_progress(server, clients)) from exc
    return held_from


def _progress(server: FakeBotServer, clients: list[Client]) -> str:
    """Where the run stood: for a run that did not finish in time."""
    waiting = [c.id for c in clients if not c.done]
    return (f"{len(clients) - len(waiting)} of {len(clients)} clients through; "
            f"{sum(c.updates for c in clients)} updates, {sum(c.redelivered for c in clients)}"
            f" delivered again, calls held {dict(server.held)}; waiting: {waiting[:20]}")


def _clients(server: FakeBotServer, balancer: Balancer, content: Content, count: int,
             booking: int) -> list[Client]:
    """`count` people who answer the check at random (no answer that rules booking out); one
    in `booking` goes on to book."""
    steps = path(content.screening)
    t = Texts(content, "en")
    clients = []
    for index in range(count):
        rng = random.Random(index)
        plan = {s.id: rng.choice([o.id for o in s.options]) if s.kind == "choose_many"
                else "yes" if s.outcome == "doctor" and rng.random() < 0.3 else "no"
                for s in steps}
        route = Webhook(server)
        user = route.user(5000 + index, f"Client{index:03d}")
        phone = f"+44 7400 {100000 + index}" if index % booking == 0 else None
        clients.append(Client(server, balancer, index, user, route, t, plan, phone))
    return clients


async def seed_aftercare(database: str, users: list[int], due: list[datetime]) -> None:
    """Clients in their aftercare week whose next messages fall due at `due`, written with the
    bot's own stores, as a procedure marked done would leave them."""
    stores = await Stores.open(Path(database) if "://" not in database else database)
    try:
        now = datetime.now(UTC)
        for user_id in users:
            await stores.clients.upsert(user_id=user_id, chat_id=user_id,
                                        first_name=f"Care{user_id}", last_name=None,
                                        username=None, telegram_language="en", now=now)
            schedule = list(zip(NUDGE_DAYS, due, strict=True))
            assert await stores.aftercare.create_plan(user_id, now.date(), "UTC", schedule,
                                                      now) is not None
    finally:
        await stores.close()


def _settled(server: FakeBotServer, database: str, staff: Staff, cared: list[int],
             within: float) -> None:
    """Until every nudge reached its client and was recorded as sent (a process stopped in
    between would send it again), and every lead has its card in the staff chat."""
    server.wait_for(lambda: all(len(_nudge_days(server, u)) >= len(NUDGE_DAYS) for u in cared),
                    within)
    deadline = time.monotonic() + within
    while (_rows(database, "SELECT id FROM aftercare_messages WHERE status != 'sent'")
           or 0 in staff.cards(database).values()):
        assert time.monotonic() < deadline, f"nudges or lead cards missing after {within} s"
        time.sleep(POLL)


@dataclass
class Staff:
    """The staff chat as the fake holds it."""

    server: FakeBotServer
    chat_id: int
    t: Texts

    def cards(self, database: str) -> dict[int, int]:
        """Each stored lead (by id) and how many posts in the staff chat are its card."""
        leads = [lead for lead, in _rows(database, "SELECT id FROM leads")]
        posts = [m.text for m in self.server.messages(self.chat_id)]
        titles = {lead: f"<b>{self.t('staff.lead.title', id=lead)}</b>" for lead in leads}
        return {lead: sum(title in text for text in posts) for lead, title in titles.items()}


def _nudge_days(server: FakeBotServer, user_id: int) -> list[int]:
    """The aftercare day of each message in the client's chat, from its check-in buttons."""
    return [int(next(d for _, d in m.buttons if d.startswith("care:")).split(":")[2])
            for m in server.messages(user_id)]


def _check(database: str, staff: Staff, clients: list[Client], cared: list[int]) -> None:
    """Nothing a client was told is lost or doubled."""
    assert all(c.done for c in clients)
    answers = _rows(database, "SELECT s.user_id, a.step_id, a.answer FROM screening_answers a"
                              " JOIN screenings s ON s.id = a.screening_id")
    stored = Counter((user_id, step) for user_id, step, _ in answers)
    assert [key for key, times in stored.items() if times > 1] == []
    values = {(user_id, step): answer for user_id, step, answer in answers}
    for client in clients:
        assert {s: values.get((client.id, s)) for s in client.acknowledged} == \
            client.acknowledged, f"client {client.id}"
    finished = Counter(u for u, in _rows(
        database, "SELECT user_id FROM screenings WHERE status = 'finished'"))
    assert all(finished[c.id] == 1 for c in clients)

    leads = _rows(database, "SELECT user_id FROM leads")
    assert sorted(u for u, in leads) == sorted(c.id for c in clients if c.phone)
    assert set(staff.cards(database).values()) == {1}, "a lead without a card or with two"

    for user_id in cared:
        assert sorted(_nudge_days(staff.server, user_id)) == list(NUDGE_DAYS), f"{user_id}"
    assert _rows(database, "SELECT id FROM aftercare_messages WHERE status != 'sent'") == []


def _rows(database: str, query: str) -> list[tuple[Any, ...]]:
    if "://" not in database:
        with closing(sqlite3.connect(database)) as db:
            return [tuple(r) for r in db.execute(query).fetchall()]

    async def fetch() -> list[tuple[Any, ...]]:
        connection = await asyncpg.connect(database)
        try:
            return [tuple(r) for r in await connection.fetch(query)]
        finally:
            await connection.close()

    return asyncio.run(fetch())


async def _all(coroutines: Any) -> None:
    async with asyncio.TaskGroup() as group:
        for coroutine in coroutines:
            group.create_task(coroutine)


def _run(main: Coroutine[Any, Any, Any], *, within: float) -> Any:
    async def bounded() -> Any:
        async with asyncio.timeout(within):
            return await main

    return asyncio.run(bounded())
