"""One client flooding the bot cannot stall everyone: they hold one update slot at most, their
backlog waits outside the slots and is bounded, and what comes beyond it is dropped with one
"please slow down" note.

Updates go through the application's update processor, as `clinicbot run` hands them over.
The flooding client's chat is held (the Bot API does not answer it) while the flood comes in:
another client is answered meanwhile.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from telegram import Update

from bot.content import Content
from bot.devtools.sandbox import ChatUser, Sandbox
from bot.telegram.fairness import BACKLOG

FLOOD = 60


async def handed_over(bot: Sandbox, update: dict[str, Any]) -> None:
    """Stored, then handed to the update processor, as PTB's update fetcher does."""
    await bot.accept(update)
    parsed = Update.de_json(update, bot.app.bot)
    await bot.app.update_processor.process_update(parsed, bot.app.process_update(parsed))


def text_update(bot: Sandbox, user: ChatUser, text: str) -> dict[str, Any]:
    entities = [{"type": "bot_command", "offset": 0, "length": len(text)}] \
        if text.startswith("/") else []
    return {"update_id": next(bot._update_ids),
            "message": bot.message(user.user, user.chat, text=text, entities=entities)}


async def test_a_flood_from_one_client_leaves_the_others_answered(
    bot: Sandbox, content: Content, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture
) -> None:
    flooder, other = bot.user(1001, "Flo"), bot.user(1002, "Otto")
    held = asyncio.Event()
    answer = bot.api.do_request

    async def holding_the_flooder(url: str, method: str, request_data: Any = None,
                                  *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        if request_data is not None and request_data.parameters.get("chat_id") == flooder.id:
            await held.wait()
        return await answer(url, method, request_data, *args, **kwargs)

    monkeypatch.setattr(bot.api, "do_request", holding_the_flooder)
    flood = [asyncio.create_task(handed_over(bot, text_update(bot, flooder, f"hello {n}")))
             for n in range(FLOOD)]
    await asyncio.sleep(0)
    async with asyncio.timeout(5):
        await handed_over(bot, text_update(bot, other, "/menu"))
    assert other.messages, "the other client waited behind the flood"
    assert bot.app.update_processor.busy <= 1  # type: ignore[attr-defined]

    held.set()
    async with asyncio.timeout(10):
        await asyncio.gather(*flood)
    note = content.tr_message("en", "flood.slow_down")
    assert [m.text for m in flooder.messages].count(note) == 1
    answered = [m for m in flooder.messages if m.text != note]
    assert 0 < len(answered) <= (1 + BACKLOG) * 2  # a reply or two for each one handled
    database = bot.app.bot_data["services"].stores.database
    assert await database.all("SELECT update_id FROM inbox WHERE handled_at IS NULL") == []
    dropped = FLOOD - 1 - BACKLOG
    assert f"user {flooder.id}: {dropped} updates dropped in a flood" in caplog.text
    assert "hello" not in caplog.text
