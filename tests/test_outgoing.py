"""What the bot sends reads the same to the client, and Telegram's answer to it is not turned
into PTB objects: only the id of a new message is read, where it is needed (a staff post)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from telegram import Message

from bot.content import Content
from bot.devtools.sandbox import Sandbox
from tests.chat import Texts, step_of


@contextmanager
def messages_built(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the PTB Messages built (from an update or from a Bot API answer)."""
    built: list[int] = []
    original = Message.de_json.__func__  # type: ignore[attr-defined]

    def counting(cls: type[Message], data: Any, bot: Any = None) -> Message:
        built.append(1)
        return original(cls, data, bot)  # type: ignore[no-any-return]

    monkeypatch.setattr(Message, "de_json", classmethod(counting))
    yield built


async def test_a_screening_answer_edits_the_question_and_reads_no_answer_back(
        bot: Sandbox, content: Content, monkeypatch: pytest.MonkeyPatch) -> None:
    t = Texts(content, "en")
    client = bot.user(5101)
    await client.send("/start")
    await client.press(t.label("menu.screening"))
    await client.press_data("consent:yes")
    for answer in (":goals:t.pores", ":goals:done"):
        await client.press_data(next(d for _, d in client.last.buttons if d.endswith(answer)))
    question = client.last
    asked = step_of(question)  # the fake edits the message in place
    with messages_built(monkeypatch) as built:
        shown = await client.press_data(next(d for _, d in question.buttons
                                             if d.endswith(":no")), question)
    assert len(built) == 1  # the pressed message, in the update; none from the edit's answer
    assert [m.message_id for m in shown] == [question.message_id]
    assert step_of(shown[0]) not in (None, asked)
    labels = [label for label, _ in shown[0].buttons]
    assert t.label("screening.cancel") in labels and t.label("screening.back") in labels


async def test_a_text_answer_reads_no_message_back(
        bot: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    client = bot.user(5102)
    await client.send("/start")
    with messages_built(monkeypatch) as built:
        shown = await client.send("where are you")
    assert shown and all(m.text for m in shown)
    assert len(built) == 1  # the client's own message, in the update
