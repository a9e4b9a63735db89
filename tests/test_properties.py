"""Properties over random chats: whatever several clients send, in any order, the bot never
fails, every message it sends is one Telegram accepts, and one client's actions never change
another client's stored state or chat.

Each example is a fresh bot on a fresh database: a random history of updates from three clients
(texts in any script, texts up to 5,000 characters, commands known and unknown, contacts, media,
edits, group messages, random and real buttons, aftercare check-ins, time passing, and actions
of several clients at once, run concurrently as the application runs updates), then a burst
from one of them, during which the others' rows and chats must stay exactly as they were.

The examples are the same in every run (`derandomize`), so the suite stays deterministic; a
defect found by searching wider for a while (more `max_examples`, `derandomize=False`) becomes
a test of its own (a superscript figure: tests/test_bad_input.py).
"""

from __future__ import annotations

import asyncio
import html
import re
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.callbacks import MAX_BYTES
from bot.clock import FixedClock
from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import ChatUser, Sandbox, Sent
from bot.flows.routes import callback_data
from tests.chat import Texts

START = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
USER_IDS = (1001, 1002, 1003)
GROUP_ID = -100200300
GROUP = {"id": GROUP_ID, "type": "supergroup", "title": "Skin talk"}
MAX_TEXT, MAX_ALERT, MAX_CAPTION = 4096, 200, 1024

# Strategies ---------------------------------------------------------------------------------

names = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=64)
people = st.lists(
    st.tuples(names, st.sampled_from(["en", "ru", "de-AT", "pt-br", None]),
              st.none() | st.from_regex(r"[a-z][a-z0-9_]{4,31}", fullmatch=True)),
    min_size=len(USER_IDS), max_size=len(USER_IDS))
long_texts = st.builds(lambda piece, times: (piece * times)[:5000],
                       st.text(min_size=1, max_size=8), st.integers(200, 5000))
texts = st.one_of(
    st.text(min_size=1, max_size=60),
    st.sampled_from(["How much does it cost?", "сколько стоит процедура", "does it hurt",
                     "+44 7700 900123", "07700 900123", "07400 123456", "@anna_k",
                     "<b>hi</b> & <script>", "Europe/Berlin", "yes", "💎✨", " ", "\u200b"]),
    long_texts,
)
commands = st.one_of(
    st.sampled_from(["/start", "/menu", "/help", "/language", "/cancel", "/aftercare", "/stop",
                     "/timezone", "/timezone Europe/Berlin", "/timezone Mars/Olympus",
                     "/menu@clinic_bot", "/start@another_bot", "/START", "/unknown",
                     "/start payload", "/cancel now please"]),
    st.builds(lambda word: "/" + word, st.from_regex(r"[a-z_]{1,20}", fullmatch=True)),
)
forged_data = st.one_of(
    st.text(max_size=70),
    st.builds(lambda ns, args: ":".join([ns, *args]),
              st.sampled_from([*callback_data(), "x", ""]),
              st.lists(st.text("abcyesno0123456789.-_:", max_size=6), max_size=4)),
)
user = st.integers(0, len(USER_IDS) - 1)
# A real button: which of the newest three keyboards (mostly the newest), which button on it.
button = st.tuples(st.sampled_from([0] * 7 + [1, 1, 2]), st.integers(0, 11))
# Real button data with one argument replaced, including digits that str.isdigit() accepts but
# int() does not ("²").
NASTY = ["", "0", "-1", "00", "1" * 30, "٣", "²", "1.5", " 1", "yes", "no", "done", "back",
         "cancel", "t.", "t.nope", "x" * 40, "%s", "<b>", "None"]
mutation = st.tuples(button, st.integers(0, 3), st.sampled_from(NASTY) | st.text(max_size=6))
# One action: (kind, client index, argument). Real buttons are weighted up; a "walk" presses
# onward buttons (no Back, Cancel or Menu) several times in a row, and "screen" answers the
# eligibility check from the menu with the buttons shown, so that random chats get deep into
# the screening, the booking and the aftercare week.
ACTIONS = [
    st.tuples(st.just("text"), user, texts),
    st.tuples(st.just("command"), user, commands),
    st.tuples(st.just("contact"), user, st.booleans()),
    st.tuples(st.just("media"), user, st.sampled_from(["sticker", "photo", "voice"])),
    st.tuples(st.just("edit"), user, texts),
    st.tuples(st.just("group"), user, texts | commands),
    st.tuples(st.just("group_button"), user, forged_data),
    st.tuples(st.just("forged"), user, forged_data),
    *[st.tuples(st.just("mutated"), user, mutation)] * 2,
    st.tuples(st.just("others_button"), user, button),
    *[st.tuples(st.just("button"), user, button)] * 4,
    *[st.tuples(st.just("walk"), user, st.lists(st.integers(0, 11), min_size=1, max_size=20))] * 3,
    st.tuples(st.just("screen"), user,
              st.lists(st.sampled_from([False] * 5 + [True]), min_size=20, max_size=20)),
]
# The aftercare week: start it, let the evening check-in come, press one of its buttons.
WEEK = st.tuples(st.just("week"), user, st.integers(0, 11))
# Actions of several clients (or one client twice) run concurrently.
TOGETHER = st.tuples(st.just("together"), user, st.lists(st.one_of(*ACTIONS, WEEK), min_size=2,
                                                         max_size=4))
history = st.lists(st.one_of(*ACTIONS, WEEK, TOGETHER,
                             st.tuples(st.just("time"), user, st.integers(1, 30))), max_size=30)
burst = st.lists(st.one_of(*ACTIONS), min_size=1, max_size=15)


@settings(max_examples=60, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(people=people, before=history, actor=user, actions=burst)
def test_random_chats_never_fail_and_never_touch_other_clients(
    test_settings: Settings, people: list[tuple[str, str | None, str | None]],
    before: list[tuple[str, int, Any]], actor: int, actions: list[tuple[str, int, Any]],
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        asyncio.run(_example(test_settings.with_database(Path(directory) / "c.sqlite3"),
                             people, before, actor, actions))


async def _example(settings: Settings, people: list[tuple[str, str | None, str | None]],
                   before: list[tuple[str, int, Any]], actor: int,
                   actions: list[tuple[str, int, Any]]) -> None:
    sandbox = await Sandbox.start(settings, FixedClock(START))
    try:
        users = [sandbox.user(uid, name, language_code=language, username=username)  # type: ignore[arg-type]
                 for uid, (name, language, username) in zip(USER_IDS, people, strict=True)]
        for action in before:
            await _perform(sandbox, users, action)
        others = [u for i, u in enumerate(users) if i != actor]
        snapshot = [await _state(sandbox, u) for u in others]
        for kind, _, argument in actions:
            await _perform(sandbox, users, (kind, actor, argument))
        for other, was in zip(others, snapshot, strict=True):
            assert await _state(sandbox, other) == was, (
                f"client {users[actor].id}'s actions changed client {other.id}")
    finally:
        await sandbox.stop()
    assert sandbox.errors == [], f"handlers raised: {sandbox.errors!r}"
    for method, params in sandbox.api.calls:
        _check_call(method, params)


async def _perform(sandbox: Sandbox, users: list[ChatUser], action: tuple[str, int, Any]) -> None:
    kind, index, argument = action
    client = users[index]
    if kind in ("text", "command"):
        await client.send(argument)
    elif kind == "contact":
        await client.share_contact(own=argument)
    elif kind == "media":
        await getattr(client, f"send_{argument}")()
    elif kind == "edit":
        await client.edit(argument)
    elif kind == "group":
        await client.send(argument, chat=GROUP)
    elif kind == "group_button":
        await client.press_data(argument, Sent(GROUP_ID, 1, "…", None))
    elif kind == "forged":
        await client.press_data(argument, await _own_message(client))
    elif kind == "button":
        await _press_real(client, client, argument)
    elif kind == "mutated":
        await _press_mutated(client, *argument)
    elif kind == "walk":
        for choice in argument:
            await _press_onward(client, choice)
    elif kind == "screen":
        await _screen(client, argument)
    elif kind == "others_button":  # data copied from another client's chat
        await _press_real(client, users[(index + 1) % len(users)], argument)
    elif kind == "time":
        sandbox.clock.advance(timedelta(hours=argument))
        await sandbox.run_scheduler()
    elif kind == "week":
        await client.send("/aftercare")
        sandbox.clock.advance(timedelta(hours=9))
        await sandbox.run_scheduler()
        await _press_real(client, client, (0, argument))
    elif kind == "together":
        await asyncio.gather(*(_perform(sandbox, users, one) for one in argument))
    else:
        raise AssertionError(kind)


async def _press_real(client: ChatUser, owner: ChatUser, choice: tuple[int, int]) -> None:
    """Press a button of one of `owner`'s newest three keyboards."""
    keyboards = [m for m in reversed(owner.messages) if m.buttons][:3]
    if not keyboards:
        await client.send("/menu")
        return
    message = keyboards[min(choice[0], len(keyboards) - 1)]
    _, data = message.buttons[choice[1] % len(message.buttons)]
    if owner is client:
        await client.press_data(data, message)
    else:
        await client.press_data(data, await _own_message(client))


async def _press_mutated(client: ChatUser, choice: tuple[int, int], part: int,
                         token: str) -> None:
    keyboards = [m for m in reversed(client.messages) if m.buttons][:3]
    if not keyboards:
        await client.send("/menu")
        return
    message = keyboards[min(choice[0], len(keyboards) - 1)]
    namespace, *args = message.buttons[choice[1] % len(message.buttons)][1].split(":")
    if args:
        args[part % len(args)] = token
    await client.press_data(":".join([namespace, *args]), message)


async def _press_onward(client: ChatUser, choice: int) -> None:
    """Press a button of the newest keyboard that moves on (not Back, Cancel or Menu); share
    the phone number when the bot asks for it with the contact button."""
    if client.messages and any(b.get("request_contact") for b in client.last.keyboard):
        await client.share_contact()
        return
    keyboard = next((m for m in reversed(client.messages) if m.buttons), None)
    onward = [d for _, d in keyboard.buttons
              if not d.endswith((":back", ":cancel")) and d != "menu:menu"] if keyboard else []
    if keyboard is None or not onward:
        await client.send("/menu")
        return
    await client.press_data(onward[choice % len(onward)], keyboard)


async def _screen(client: ChatUser, answers: list[bool]) -> None:
    """Open the eligibility check from the menu and answer with the buttons shown: consent,
    a goal, then yes or no by `answers` (a started check is resumed where it is)."""
    await client.send("/menu")
    await _press_data_shown(client, "menu:screening")
    await _press_data_shown(client, "consent:yes")
    for yes in answers:
        keyboard = next((m for m in reversed(client.messages) if m.buttons), None)
        data = [d for _, d in keyboard.buttons if d.startswith("scr:")] if keyboard else []
        if not data:
            return
        wanted = [d for d in data if d.endswith((":done", ":yes" if yes else ":no"))]
        if any(d.endswith(":done") for d in data) and not any(
                label.startswith("✅") for label, _ in keyboard.buttons):
            wanted = data[:1]  # tick the first goal before Done
        await client.press_data(wanted[0], keyboard)


async def _press_data_shown(client: ChatUser, data: str) -> None:
    for message in reversed(client.messages[-3:]):
        if any(d == data for _, d in message.buttons):
            await client.press_data(data, message)
            return


async def _own_message(client: ChatUser) -> Sent:
    """A message of the bot in this client's chat, to carry a forged button press."""
    if not client.messages:
        await client.send("/start")
    return client.last


async def _state(sandbox: Sandbox, client: ChatUser) -> tuple[Any, ...]:
    """Everything stored about a client (every table that refers to them, directly or through
    a parent row), and their chat as they see it."""
    db = sandbox.app.bot_data["services"].stores.database.db

    async def rows(sql: str, *args: object) -> list[tuple[Any, ...]]:
        async with db.execute(sql, args) as cursor:
            return [tuple(r) for r in await cursor.fetchall()]

    stored: dict[str, list[tuple[Any, ...]]] = {}
    owned: set[str] = set()
    tables = [r[0] for r in await rows(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        if "user_id" in {c[1] for c in await rows(f"PRAGMA table_info({table})")}:
            owned.add(table)
            stored[table] = await rows(f"SELECT * FROM {table} WHERE user_id = ?", client.id)
    for table in tables:
        for fk in await rows(f"PRAGMA foreign_key_list({table})"):
            parent, column, key = fk[2], fk[3], fk[4]
            if table not in owned and parent in owned:
                stored[table] = await rows(
                    f"SELECT * FROM {table} WHERE {column} IN"
                    f" (SELECT {key} FROM {parent} WHERE user_id = ?)", client.id)
    chat = [(m.message_id, m.text, m.reply_markup, m.edits) for m in client.messages]
    return tuple(sorted((t, sorted(r, key=repr)) for t, r in stored.items())), chat


def _check_call(method: str, params: dict[str, Any]) -> None:
    if method in ("sendMessage", "editMessageText"):
        text = str(params.get("text", ""))
        if params.get("parse_mode") == "HTML":
            problem = _html_problem(text)
            assert problem is None, f"{method}: {problem} in {text[:300]!r}"
            text = html.unescape(_ANY_TAG.sub("", text))
        assert text.strip() and len(text) <= MAX_TEXT, f"{method}: {len(text)} characters"
    if method == "answerCallbackQuery":
        assert len(str(params.get("text") or "")) <= MAX_ALERT
    if method == "sendDocument":
        assert len(str(params.get("caption") or "")) <= MAX_CAPTION
    markup = params.get("reply_markup") or {}
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None:
                assert 1 <= len(data.encode()) <= MAX_BYTES, f"callback data {data!r}"
            assert button["text"].strip(), "a button without a label"


# Telegram's HTML parse mode: these tags only, balanced; `<` and `&` only as tags and entities.
_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
         "span", "tg-spoiler", "tg-emoji", "blockquote"}
_ANY_TAG = re.compile(r"<[^>]*>")
_TAG = re.compile(r'<(/?)([a-z-]+)((?:\s+[a-z-]+(?:="[^"<]*")?)*)\s*>')
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


def _html_problem(text: str) -> str | None:
    open_tags: list[str] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char == "<":
            tag = _TAG.match(text, position)
            if tag is None or tag[2] not in _TAGS:
                return f"an unsupported tag or a bare '<' at {position}"
            if tag[1] and (not open_tags or open_tags.pop() != tag[2]):
                return f"unbalanced </{tag[2]}> at {position}"
            if not tag[1]:
                open_tags.append(tag[2])
            position = tag.end()
        elif char == "&":
            entity = _ENTITY.match(text, position)
            if entity is None:
                return f"a bare '&' at {position}"
            position = entity.end()
        else:
            position += 1
    return f"unclosed <{open_tags[-1]}>" if open_tags else None


@pytest.mark.parametrize("data", ["recheck:²", "care:²:0:fine", "care:{plan}:²:fine"])
async def test_forged_buttons_with_superscript_digits_get_the_stale_button_answer(
    bot: Sandbox, content: Content, data: str
) -> None:
    user = bot.user()
    await user.send("/aftercare")
    plan = await bot.app.bot_data["services"].stores.aftercare.active_plan(user.id)
    reply = await user.press_data(data.format(plan=plan.id))
    errors, bot.errors[:] = list(bot.errors), []
    assert errors == []
    assert Texts(content, "en")("error.stale_button") in reply[-1].text
