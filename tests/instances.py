"""Real `clinicbot run --webhook` processes behind one fake Telegram (bot/devtools/webhook.py),
and clients who talk to them like people: each reads the bot's reply before the next step.

Telegram posts each update to one URL; here `Balancer` plays the load balancer behind it:
client i's k-th update goes to instance (i + k) % n while all are up. An update that an
instance did not answer with 200 (it was down) is delivered again to one still up, as Telegram
redelivers a webhook it got no answer for. One that was answered with 200 is never sent again:
the client waits for its reply, whichever instance sends it.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bot.devtools.sandbox import ChatUser, Sent
from bot.devtools.sandbox_http import FakeBotServer
from bot.devtools.webhook import InstanceGone, Webhook
from tests.chat import Texts, screening_of, step_of
from tests.slots import without_slots

ROOT = Path(__file__).parent.parent
SECRET = "instances-webhook-secret"
POLL = 0.02  # seconds between looks at a chat while waiting for the bot
STEPS = 8  # updates to the outcome: /menu, check, consent, goal, done, three answers
STEPS_TO_BOOK = 3  # and on to a lead: book, phone, time


def free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _listening(url: str) -> bool:
    with closing(socket.socket()) as probe:
        return probe.connect_ex(("127.0.0.1", int(urlsplit(url).port or 0))) == 0


def clinic_toml(content_dir: Path, *, database: Path | None = None,
                scheduler: dict[str, float] | None = None, messages_per_second: int = 30) -> str:
    """The shipped example with the test content, no quiet hours (the run sends nudges at any
    hour of the day it happens), a database file or none, a `[scheduler]` section and the
    bot's sending limit; without free slots, so every booking client leaves a time of day."""
    text = without_slots((ROOT / "clinic.example.toml").read_text())
    text = re.sub(r"(?m)^quiet_hours = .*$", 'quiet_hours = ["00:00", "00:00"]', text)
    text = re.sub(r"(?m)^database = .*$", f'database = "{database or "unused.sqlite3"}"', text)
    text += f'\n[content]\ndirectory = "{content_dir}"\n'
    if scheduler:
        text += "\n[scheduler]\n" + "".join(f"{k} = {v}\n" for k, v in scheduler.items())
    return text + f"\n[telegram]\nmessages_per_second = {messages_per_second}\n"


@dataclass
class Instance:
    """One `clinicbot run --webhook` process, told apart by the fake through its base URL."""

    name: str
    process: subprocess.Popen[bytes]
    log: Path

    @classmethod
    def start(cls, server: FakeBotServer, name: str, config: Path,
              env: dict[str, str] | None = None) -> Instance:
        port = free_port()
        url = f"http://127.0.0.1:{port}/telegram"
        environ = {k: v for k, v in os.environ.items()
                   if not k.startswith(("TELEGRAM_", "WEBHOOK_"))
                   and k not in ("CLINICBOT_CONFIG", "DATABASE_URL")}
        environ.update(TELEGRAM_BOT_TOKEN="123:TEST", TELEGRAM_API_BASE_URL=server.url_for(name),
                       TELEGRAM_WEBHOOK_SECRET=SECRET, CLINICBOT_CONFIG=str(config),
                       PYTHONPATH=str(ROOT), **(env or {}))
        log = config.parent / f"{name}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run", "--webhook", "--webhook-url", url,
                 "--listen", "127.0.0.1", "--port", str(port)],
                env=environ, stdout=out, stderr=subprocess.STDOUT, cwd=config.parent)
        return cls(name, process, log)

    def wait_ready(self, server: FakeBotServer, timeout: float) -> None:
        """Until it registered its webhook and listens there (PTB registers it first); a
        process that exits instead fails the test with its log."""
        deadline = time.monotonic() + timeout
        while not (self.name in server.webhooks and _listening(server.webhook(self.name)[0])):
            if self.process.poll() is not None:
                raise AssertionError(f"instance {self.name} exited:\n{self.log.read_text()}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"instance {self.name} not ready in {timeout} s")
            time.sleep(POLL)

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs."""
        self.process.kill()
        self.process.wait(timeout=5)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


@dataclass
class Balancer:
    """Where each update goes: by turns while all instances are up, else to one still up."""

    names: list[str]
    down: set[str] = field(default_factory=set)

    def pick(self, client: int, update: int) -> str:
        name = self.names[(client + update) % len(self.names)]
        return name if name not in self.down else self.survivor()

    def survivor(self) -> str:
        return next(n for n in self.names if n not in self.down)


@dataclass
class Client:
    """A person who goes through the eligibility check (and books, given a phone), acting on
    what the bot shows last, so a lost reply or a stale button costs a step, never the way
    on."""

    server: FakeBotServer
    balancer: Balancer
    index: int
    user: ChatUser
    route: Webhook
    t: Texts
    plan: dict[str, str]  # step id → the answer given (a goal's id for the goals step)
    phone: str | None  # None: the client stops at the outcome and does not book
    updates: int = 0  # updates sent (deliveries again not counted)
    redelivered: int = 0
    taken_over: int = 0  # answered with 200 by an instance that died before replying
    acknowledged: dict[str, str] = field(default_factory=dict)  # answers the bot moved on from
    screened: bool = False  # the last answer went through
    booked: bool = False

    @property
    def done(self) -> bool:
        return self.booked or (self.screened and self.phone is None)

    @property
    def id(self) -> int:
        return self.user.id

    async def go(self) -> None:
        """Through the check, and on to booking when the client has a phone to leave."""
        shown = await self._act(lambda: self.user.send("/menu"))
        while (action := self._next(shown)) is not None:
            shown = await self._act(action)

    def _next(self, shown: Sent) -> Callable[[], Awaitable[object]] | None:
        """What the person does on seeing `shown`; None once they know the clinic has the
        request."""
        data = [d for _, d in shown.buttons]
        if self._done_text in shown.text or self._open_text in shown.text:
            self.booked = True
        if self.done:
            return None
        if step_of(shown) is not None:
            return self._answer(shown)
        if "consent:yes" in data:
            return lambda: self.user.press_data("consent:yes", shown)
        if "time:evening" in data:
            return lambda: self.user.press_data("time:evening", shown)
        if any(b.get("request_contact") for b in shown.keyboard) and self.phone:
            return lambda: self.user.send(self.phone or "")
        if "menu:booking" in data and (self.screened or "menu:screening" not in data):
            return lambda: self.user.press_data("menu:booking", shown)
        if "menu:screening" in data:
            return lambda: self.user.press_data("menu:screening", shown)
        raise AssertionError(f"client {self.id} cannot go on from {shown.text!r} {data}")

    def _answer(self, question: Sent) -> Callable[[], Awaitable[object]]:
        step, screening = step_of(question), screening_of(question)
        assert step is not None
        prefix, answer = f"scr:{screening}:{step}:", self.plan[step]
        ticked = any(label.startswith("✅") for label, _ in question.buttons)
        data = prefix + ("t." + answer if step == "goals" and not ticked else
                         "done" if step == "goals" else answer)

        async def press() -> None:
            reply = await self._act(lambda: self.user.press_data(data, question))
            if step == "goals" and not ticked:
                return
            if step_of(reply) != step and self.t("error.stale_button") not in reply.text:
                self.acknowledged[step] = answer
            self.screened = self.screened or step == list(self.plan)[-1]

        return press

    async def _act(self, action: Callable[[], Awaitable[object]]) -> Sent:
        """Send one update and wait for the reply to act on; deliver it again to an instance
        still up when the one it went to did not take it (no 200)."""
        before = self._seen()
        target = self.route.instance = self.balancer.pick(self.index, self.updates)
        self.updates += 1
        try:
            await action()
        except InstanceGone:
            target = await self._redeliver()
        found = await self._reply(before)
        self.taken_over += target in self.balancer.down
        return found

    async def _redeliver(self) -> str:
        assert self.route.last is not None
        while True:
            survivor = self.balancer.survivor()
            self.redelivered += 1
            try:
                await self.route.deliver(self.route.last, survivor)
            except InstanceGone:
                await asyncio.sleep(POLL)  # the balancer has not seen it go down yet
                continue
            return survivor

    def _seen(self) -> dict[int, int]:
        """Edits so far of each message in the chat, to tell what a reply sent or changed."""
        with self.server.changed:
            return {m.message_id: m.edits for m in self.server.api.messages[self.id]}

    async def _reply(self, before: dict[int, int]) -> Sent:
        """The newest message sent or edited since `before` that ends a turn."""
        while True:
            with self.server.changed:
                changed = [m for m in self.server.api.messages[self.id]
                           if before.get(m.message_id) != m.edits]
                found = next((m for m in reversed(changed) if self._actionable(m)), None)
            if found is not None:
                return found
            await asyncio.sleep(POLL)

    def _actionable(self, message: Sent) -> bool:
        """Buttons to press, the contact request, or the news that the request is in."""
        return bool(message.buttons or any(b.get("request_contact") for b in message.keyboard)
                    or self._done_text in message.text)

    @property
    def _done_text(self) -> str:
        return self.t("booking.done", clinic="Lumière Skin Clinic")

    @property
    def _open_text(self) -> str:
        return self.t("booking.already_open", id="\0").split("\0")[0]
