"""`clinicbot shell`: the real bot in a terminal, as a client of the in-process fake Bot API.

You are a client in a private chat; `/as staff` switches to a staff member in the staff chat.
Buttons are numbered: type the number to press one. Messages to the staff chat are shown too.
"""

from __future__ import annotations

import asyncio
import html
import re
import sys
from datetime import timedelta

from bot.clock import Clock
from bot.config import Settings
from bot.sandbox import ChatUser, Sandbox, Sent

HELP = """Shell commands (everything else goes to the bot as you typed it):
  1, 2, …         press the numbered button
  /contact        share your phone number (the contact button)
  /sticker, /photo, /voice   send one of those
  /as staff       speak as a staff member in the staff chat   (/as client to go back)
  /clock +1d      move the bot's clock forward (d, h, m) and send what is due
  /shellhelp      this help          /quit   leave (the conversation is kept)"""

_TAG = re.compile(r"<[^>]+>")
_DELTA = re.compile(r"^\+(\d+)([dhm])$")
CLOCK_TICK = timedelta(minutes=15)


def plain(text: str) -> str:
    return html.unescape(_TAG.sub("", text))


class Shell:
    def __init__(self, sandbox: Sandbox, client: ChatUser, staff: ChatUser) -> None:
        self.sandbox, self.client, self.staff = sandbox, client, staff
        self.speaker = client
        self.choices: list[tuple[Sent, str, str]] = []
        self.staff_seen = len(sandbox.staff_chat())

    def show(self, messages: list[Sent]) -> None:
        for message in messages:
            edited = " (edited)" if message.edits else ""
            print(f"\nbot{edited}: " + plain(message.text).replace("\n", "\n     "))
            self._show_buttons(message)
        staff_new = self.sandbox.staff_chat()[self.staff_seen:]
        self.staff_seen = len(self.sandbox.staff_chat())
        for message in staff_new:
            print("\n┄┄ to the staff chat ┄┄\n" + plain(message.text) + "\n┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄")

    def _show_buttons(self, message: Sent) -> None:
        if message.buttons:
            self.choices = [(message, label, data) for label, data in message.buttons]
            for number, (_, label, _) in enumerate(self.choices, start=1):
                print(f"     [{number}] {label}")
        for button in message.keyboard:
            hint = " — type /contact" if button.get("request_contact") else ""
            print(f"     [keyboard] {button['text']}{hint}")

    async def handle(self, line: str) -> bool:
        """One line typed by the person at the terminal; False to leave."""
        if line in ("/quit", "/exit"):
            return False
        if line == "/shellhelp":
            print(HELP)
        elif line in ("/as staff", "/as client"):
            self.speaker = self.staff if line.endswith("staff") else self.client
            print(f"(you are now the {'staff member' if self.speaker is self.staff else 'client'})")
        elif line.startswith("/clock"):
            await self._clock(line.removeprefix("/clock").strip())
        elif line == "/contact":
            self.show(await self.speaker.share_contact())
        elif line in ("/sticker", "/photo", "/voice"):
            self.show(await getattr(self.speaker, f"send_{line[1:]}")())
        elif line.isdigit() and 1 <= int(line) <= len(self.choices):
            message, _, data = self.choices[int(line) - 1]
            self.show(await self.speaker.press_data(data, message))
        elif line:
            self.show(await self.speaker.send(line))
        return True

    async def _clock(self, arg: str) -> None:
        match = _DELTA.match(arg)
        if not match:
            print("(usage: /clock +1d, /clock +3h or /clock +30m)")
            return
        amount, unit = int(match.group(1)), match.group(2)
        remaining = timedelta(**{{"d": "days", "h": "hours", "m": "minutes"}[unit]: amount})
        while remaining > timedelta(0):  # time passes in ticks, as it would for a running bot
            step = min(CLOCK_TICK, remaining)
            self.sandbox.clock.advance(step)
            remaining -= step
            start = len(self.sandbox.api.touched)
            await self.sandbox.run_scheduler()
            arrived = [m for m in self.sandbox.api.touched[start:] if m.chat_id == self.client.id]
            if arrived:
                print(f"\n({self._now()})", end="")
                self.show(arrived)
        print(f"(clock: {self._now()})")

    def _now(self) -> str:
        tz = self.sandbox.app.bot_data["settings"].timezone
        return f"{self.sandbox.clock.now().astimezone(tz):%a %Y-%m-%d %H:%M %Z}"


async def run_shell(settings: Settings, language: str) -> int:
    sandbox = await Sandbox.start(settings, Clock(), scheduler_loop=True)
    staff_id = min(settings.staff_user_ids, default=1)
    client = sandbox.user(1001, "Alex", language_code=language.replace("_", "-"),
                          username="alex_client")
    staff = sandbox.user(staff_id, "Staff member", language_code=settings.default_language)
    staff.chat = {"id": settings.staff_chat_id, "type": "supergroup", "title": "Staff"}
    shell = Shell(sandbox, client, staff)
    print(f"{settings.clinic_name} — clinicbot shell (database: {settings.database})")
    print(HELP + "\n\nSay /start to begin.")
    loop = asyncio.get_running_loop()
    try:
        while True:
            prompt = "staff> " if shell.speaker is staff else "you> "
            line = await loop.run_in_executor(None, _read, prompt)
            if line is None or not await shell.handle(line.strip()):
                break
    finally:
        await sandbox.stop()
    for error in sandbox.errors:
        print(f"(error inside the bot: {error!r})", file=sys.stderr)
    return 1 if sandbox.errors else 0


def _read(prompt: str) -> str | None:
    try:
        line = input(prompt)
    except EOFError:
        return None
    if not sys.stdin.isatty():  # piped input: echo it, so the transcript reads as a chat
        print(line)
    return line
