"""`clinicbot shell`: the real bot in a terminal, as a client of the in-process fake Bot API.

You are a client in a private chat; `/as staff` switches to a staff member in the staff chat.
Buttons are numbered: type the number to press one. What the bot sends to the other side (the
staff chat while you are the client, the client's chat while you are staff) is shown in a box,
and buttons there (a lead card's statuses) are numbered for that side.
"""

from __future__ import annotations

import asyncio
import html
import re
import sys
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from bot.clock import Clock
from bot.config import Settings
from bot.devtools.sandbox import ChatUser, Sandbox, Sent

HELP = """Shell commands (everything else goes to the bot as you typed it):
  1, 2, …         press the numbered button
  /contact        share your phone number (the contact button)
  /sticker, /photo, /voice   send one of those
  /as staff       speak as a staff member in the staff chat   (/as client to go back)
  /reply TEXT     as staff, reply to the newest staff-chat message that takes an answer
                  (a client's question, or the appointment time for a booked lead)
  /clock +1d      move the bot's clock forward (d, h, m) and send what is due
  /shellhelp      this help          /quit   leave (the conversation is kept)"""

_TAG = re.compile(r"<[^>]+>")
_DELTA = re.compile(r"^\+(\d+)([dhm])$")
CLOCK_TICK = timedelta(minutes=15)


def _copied(message: Sent) -> str:
    """A copy of the client's own message (a question passed on, a photo): Telegram shows the
    original; the fake API does not hold it."""
    return "[a copy of the client's message]" if message.copied_from else ""


def plain(text: str) -> str:
    return html.unescape(_TAG.sub("", text))


class Shell:
    def __init__(self, sandbox: Sandbox, client: ChatUser, staff: ChatUser) -> None:
        self.sandbox, self.client, self.staff = sandbox, client, staff
        self.speaker = client
        self.choices: dict[int, list[tuple[Sent, str]]] = {client.id: [], staff.id: []}

    async def act(self, action: Awaitable[object],
                  stamp: Callable[[], str] | None = None) -> None:
        """Run an action and show everything the bot sent or edited meanwhile, by chat;
        `stamp` labels what arrived with the (simulated) time."""
        start, gone = len(self.sandbox.api.touched), len(self.sandbox.api.deleted)
        await action
        shown: list[Sent] = []
        for message in self.sandbox.api.touched[start:]:
            if message not in shown:
                shown.append(message)
        if shown and stamp is not None:
            print(f"\n({stamp()})", end="")
        for message in shown:
            side = self.staff if message.chat_id == self.staff.chat["id"] else self.client
            edited = " (edited)" if message.edits else ""
            text = plain(message.text) or _copied(message)
            if side is self.speaker:
                print(f"\nbot{edited}: " + text.replace("\n", "\n     "))
            else:
                where = "the staff chat" if side is self.staff else self.client.user["first_name"]
                print(f"\n┄┄ to {where}{edited} ┄┄\n{text}")
            if message.document:
                self._show_document(message.document)
            self._show_buttons(message, side)
            if side is not self.speaker:
                print("┄" * 24)
        for message in self.sandbox.api.deleted[gone:]:
            where = "the staff chat" if message.chat_id == self.staff.chat["id"] else "your chat"
            what = message.document["filename"] if message.document else (
                plain(message.text) or _copied(message)).split("\n")[0]
            print(f"\n┄┄ deleted from {where}: {what} ┄┄")

    @staticmethod
    def _show_document(document: dict[str, Any]) -> None:
        """A text file (an export, a calendar entry) by its first lines; anything else (the
        /stats chart) by its name and size."""
        content: bytes = document["content"]
        try:
            lines = content.decode("utf-8-sig").splitlines()[:3]
        except UnicodeDecodeError:
            print(f"     [file] {document['filename']} ({len(content)} bytes)")
            return
        print(f"     [file] {document['filename']} ({len(content)} bytes), first lines:")
        for line in lines:
            print(f"       {line}")

    def _show_buttons(self, message: Sent, side: ChatUser) -> None:
        if message.buttons:
            self.choices[side.id] = [(message, data) for _, data in message.buttons]
            for number, (label, _) in enumerate(message.buttons, start=1):
                print(f"     [{number}] {label}")
            if side is self.staff and self.speaker is not self.staff:
                print("     (to press: /as staff, then the number)")
        for button in message.keyboard:
            hint = " — type /contact" if button.get("request_contact") else ""
            print(f"     [keyboard] {button['text']}{hint}")

    async def handle(self, line: str) -> bool:
        """One line typed by the person at the terminal; False to leave."""
        speaker, choices = self.speaker, self.choices[self.speaker.id]
        if line in ("/quit", "/exit"):
            return False
        if line == "/shellhelp":
            print(HELP)
        elif line in ("/as staff", "/as client"):
            self.speaker = self.staff if line.endswith("staff") else self.client
            print(f"(you are now the {'staff member' if self.speaker is self.staff else 'client'})")
        elif line.startswith("/clock"):
            await self._clock(line.removeprefix("/clock").strip())
        elif line.startswith("/reply"):
            await self._reply(line.removeprefix("/reply").strip())
        elif line == "/contact":
            await self.act(speaker.share_contact())
        elif line in ("/sticker", "/photo", "/voice"):
            await self.act(getattr(speaker, f"send_{line[1:]}")())
        elif line.isdecimal() and 1 <= int(line) <= len(choices):
            message, data = choices[int(line) - 1]
            await self.act(speaker.press_data(data, message))
        elif line:
            await self.act(speaker.send(line))
        return True

    async def _reply(self, text: str) -> None:
        stores = self.sandbox.app.bot_data["services"].stores
        for message in reversed(self.sandbox.staff_chat()):
            if (await stores.booking_prompts.lead_of(message.message_id) is not None
                    or await stores.relays.thread(message.message_id) is not None):
                print(f"(staff reply to: {plain(message.text).splitlines()[0][:60]})")
                await self.act(self.staff.reply_to(message, text))
                return
        print("(nothing in the staff chat to reply to)")

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
            await self.act(self.sandbox.run_scheduler(), stamp=self._now)
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
