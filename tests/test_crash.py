"""A killed bot process loses no acknowledged answer, and every client resumes where they were.

The real `clinicbot run` process long-polls the fake Bot API over HTTP while ten clients go
through the eligibility check at once. Midway it is killed with SIGKILL (no shutdown code runs),
the database is inspected, and the process is started again on the same database. An answer
counts as acknowledged once the client has seen the next question.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.content import Content, Step
from bot.devtools.sandbox import ChatUser, Sent
from bot.devtools.sandbox_http import FakeBotServer
from bot.flows.eligibility import path
from tests.chat import screening_of, step_of

ROOT = Path(__file__).parent.parent
CLIENTS = 10
KILL_AT = 0.25  # share of all the clients' answers acknowledged when the process is killed
REPLY_WITHIN = 15.0  # seconds the bot may take to answer one action (including its start-up)


def test_sigkill_midway_loses_no_acknowledged_answer_and_clients_resume(
    tmp_path: Path, shipped_content: Content
) -> None:
    database = tmp_path / "clinic.sqlite3"
    config = tmp_path / "clinic.toml"
    config.write_text(re.sub(r"(?m)^database = .*$", f'database = "{database}"',
                             (ROOT / "clinic.example.toml").read_text()))
    steps = path(shipped_content.screening)
    finished = shipped_content.tr_message("en", "screening.finished")
    with FakeBotServer() as server:
        clients = [Client(server, server.user(5000 + n, f"Client{n}"), steps, finished,
                          _plan(steps, random.Random(n))) for n in range(CLIENTS)]
        process = _start(server, config, tmp_path / "first.log")
        try:
            _run(_until_killed(server, process, clients), tmp_path)
        finally:
            _stop(process, kill=True)
        assert any(c.answered for c in clients) and not all(c.done for c in clients)

        stored = _answers(database)
        for client in clients:
            for step_id, answer in client.acknowledged.items():
                assert stored.get((client.id, step_id)) == answer, (
                    f"client {client.id}: acknowledged {step_id}={answer!r} is not stored")
        assert _integrity(database) == "ok"

        process = _start(server, config, tmp_path / "second.log")
        try:
            _settle(server)
            _run(_all(client.resume() for client in clients), tmp_path)
        finally:
            _stop(process, kill=False)

    assert all(c.done for c in clients)
    stored = _answers(database)
    with closing(sqlite3.connect(database)) as db:
        statuses = db.execute("SELECT user_id, status FROM screenings ORDER BY id").fetchall()
        # every update the first process fetched and confirmed was handled, by one or the other
        unhandled = db.execute("SELECT update_id FROM inbox WHERE handled_at IS NULL").fetchall()
        owed = db.execute("SELECT id FROM outbox").fetchall()
    assert unhandled == [] and owed == []
    for client in clients:
        assert {s: stored.get((client.id, s)) for s in client.plan} == client.plan
        assert [s for u, s in statuses if u == client.id] == ["finished"]
    assert _integrity(database) == "ok"


@dataclass
class Client:
    """A scripted client who goes through the check with fixed answers (`plan`)."""

    server: FakeBotServer
    user: ChatUser
    steps: list[Step]
    finished: str  # the text that replaces the last question
    plan: dict[str, str]  # step id → the answer given
    acknowledged: dict[str, str] = field(default_factory=dict)  # what the client saw accepted
    answered: list[str] = field(default_factory=list)  # steps the client saw move on
    in_flight: str | None = None  # the step of an answer pressed but not yet acknowledged
    gave_up: bool = False  # the bot went away
    done: bool = False

    @property
    def id(self) -> int:
        return self.user.id

    async def begin(self) -> None:
        menu = await self._reply(self.user.send("/menu"), _has("menu:screening"))
        if menu is None:
            return
        consent = await self._reply(self.user.press_data("menu:screening", menu),
                                    _has("consent:yes"))
        if consent is None:
            return
        question = await self._reply(self.user.press_data("consent:yes", consent),
                                     self._asks(self.steps[0]))
        if question is not None:
            await self.answer_from(question)

    async def resume(self) -> None:
        """After the restart: open the check from the menu, expect the question the client was
        at (or the next, when an unacknowledged answer got through), and finish."""
        if self.done:
            return
        menu = await self._reply(self.user.send("/menu"), _has("menu:screening"))
        assert menu is not None
        opened = await self._reply(self.user.press_data("menu:screening", menu),
                                   lambda m: step_of(m) is not None or _has("consent:yes")(m))
        assert opened is not None
        expected = [self.steps[len(self.answered)].id]
        if self.in_flight == expected[0] and len(self.answered) + 1 < len(self.steps):
            expected.append(self.steps[len(self.answered) + 1].id)
        if step_of(opened) is None:
            assert not self.answered, f"client {self.id} was asked for consent again"
            opened = await self._reply(self.user.press_data("consent:yes", opened),
                                       self._asks(self.steps[0]))
            assert opened is not None
        else:
            assert step_of(opened) in expected, (
                f"client {self.id} resumed at {step_of(opened)}, expected one of {expected}")
        await self.answer_from(opened)
        assert self.done

    async def answer_from(self, question: Sent) -> None:
        while not self.gave_up:
            step_id, screening_id = step_of(question), screening_of(question)
            index = [s.id for s in self.steps].index(step_id or "")
            answer = self.plan[self.steps[index].id]
            prefix = f"scr:{screening_id}:{step_id}:"
            if self.steps[index].kind == "choose_many":
                if not any(label.startswith("✅") for label, _ in question.buttons):
                    toggled = await self._reply(
                        self.user.press_data(f"{prefix}t.{answer}", question),
                        _ticked(question))
                    if toggled is None:
                        return
                    self.acknowledged[self.steps[index].id] = answer
                data = f"{prefix}done"
            else:
                data = prefix + answer
            last = index + 1 == len(self.steps)
            self.in_flight = step_id
            reply = await self._reply(
                self.user.press_data(data, question),
                self._finishes() if last else self._asks(self.steps[index + 1]))
            if reply is None:
                return
            self.acknowledged[self.steps[index].id] = answer
            self.answered.append(self.steps[index].id)
            self.in_flight = None
            if last:
                self.done = True
                return
            question = reply

    async def _reply(self, act: Awaitable[object],
                     matches: Callable[[Sent], bool]) -> Sent | None:
        """Act, then wait for a message of this chat, sent or edited since, that `matches`;
        None when the bot goes away meanwhile."""
        start = len(self.server.api.touched)
        await act

        def seen() -> Sent | bool | None:
            if self.gave_up:
                return True
            return next((m for m in self.server.api.touched[start:]
                         if m.chat_id == self.id and matches(m)), None)

        async with asyncio.timeout(REPLY_WITHIN):
            found = await self.server.until(seen)
        return found if isinstance(found, Sent) else None

    def _finishes(self) -> Callable[[Sent], bool]:
        return lambda m: self.finished in m.text

    def _asks(self, step: Step) -> Callable[[Sent], bool]:
        return lambda m: step_of(m) == step.id


def _plan(steps: list[Step], rng: random.Random) -> dict[str, str]:
    return {s.id: rng.choice([o.id for o in s.options]) if s.kind == "choose_many"
            else rng.choice(["yes", "no", "no", "no"]) for s in steps}


def _has(data: str) -> Callable[[Sent], bool]:
    return lambda m: any(d == data for _, d in m.buttons)


def _ticked(question: Sent) -> Callable[[Sent], bool]:
    """The goals question, shown again with the chosen goal ticked."""
    return lambda m: m is question and any(label.startswith("✅") for label, _ in m.buttons)




async def _until_killed(server: FakeBotServer, process: subprocess.Popen[bytes],
                        clients: list[Client]) -> None:
    async def kill_midway() -> None:
        async with asyncio.timeout(4 * REPLY_WITHIN):
            midway = KILL_AT * sum(len(c.steps) for c in clients)
            await server.until(lambda: sum(len(c.answered) for c in clients) >= midway)
        process.kill()
        for client in clients:
            client.gave_up = True

    await _all([kill_midway(), *(client.begin() for client in clients)])
    for client in clients:
        client.gave_up = False


async def _all(coroutines: Iterable[Coroutine[Any, Any, None]]) -> None:
    async with asyncio.TaskGroup() as group:
        for coroutine in coroutines:
            group.create_task(coroutine)


def _run(main: Coroutine[Any, Any, None], logs: Path) -> None:
    try:
        asyncio.run(main)
    except* TimeoutError as exc:
        tails = "\n".join(f"--- {log.name}\n" + log.read_text()[-3000:]
                          for log in sorted(logs.glob("*.log")))
        raise AssertionError(f"the bot did not answer in time\n{tails}") from exc


def _start(server: FakeBotServer, config: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TELEGRAM_") and k != "CLINICBOT_CONFIG"}
    env.update(TELEGRAM_BOT_TOKEN="123:TEST", TELEGRAM_API_BASE_URL=server.url,
               CLINICBOT_CONFIG=str(config), PYTHONPATH=str(ROOT))
    with log.open("wb") as out:
        return subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env, stdout=out,
                                stderr=subprocess.STDOUT, cwd=config.parent)


def _stop(process: subprocess.Popen[bytes], *, kill: bool) -> None:
    if process.poll() is None:
        if kill:
            process.kill()
        else:
            process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def _settle(server: FakeBotServer) -> None:
    """Let the new process take over what was queued or fetched and not confirmed before the
    kill, so the clients' next presses are not raced by those old ones."""
    server.wait_for(lambda: server.pending == 0, timeout=REPLY_WITHIN)
    deadline, seen = time.monotonic() + 3, -1
    while seen != len(server.api.touched) and time.monotonic() < deadline:
        seen = len(server.api.touched)
        time.sleep(0.3)


def _answers(database: Path) -> dict[tuple[int, str], str]:
    with closing(sqlite3.connect(database)) as db:
        rows = db.execute("SELECT s.user_id, a.step_id, a.answer FROM screening_answers a"
                          " JOIN screenings s ON s.id = a.screening_id").fetchall()
    return {(user_id, step_id): answer for user_id, step_id, answer in rows}


def _integrity(database: Path) -> str:
    with closing(sqlite3.connect(database)) as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])
