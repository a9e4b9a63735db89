"""Typed callback data: what the bot builds unpacks to the same value, anything else (junk,
oversized numbers, forged prefixes) is one exception and, in a chat, the stale-button answer;
and every kind of button and every command is registered where the bot and `check` look."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Annotated, Literal

import pytest

import bot
from bot.callbacks import MAX_BYTES, MAX_ID, Between, CallbackData, OneOf, StaleButton
from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import Sandbox
from bot.flows.aftercare import Checkin
from bot.flows.questions import Answer
from bot.flows.routes import callback_data, client_router, desk_router
from tests.chat import Texts, shown
from tests.desk import lead_by_chat, staff_member, stores_of


@dataclass(frozen=True)
class Sample(CallbackData, prefix="sample"):
    id: int
    day: Annotated[int, Between(0, 7)]
    mood: Literal["fine", "sore"]
    status: Annotated[str, OneOf(("new", "old"))]
    word: str


def test_packed_data_unpacks_to_the_same_value() -> None:
    sample = Sample(MAX_ID, 7, "sore", "old", "t.pores")
    assert sample.pack() == f"sample:{MAX_ID}:7:sore:old:t.pores"
    assert Sample.unpack(sample.pack()) == sample


@pytest.mark.parametrize("data", [
    None, "", "sample", "sample:1:0:fine:new", "sample:1:0:fine:new:w:extra",
    "other:1:0:fine:new:w", "Sample:1:0:fine:new:w", "sample:99999999999999999999:0:fine:new:w",
    f"sample:{MAX_ID + 1}:0:fine:new:w", "sample:-1:0:fine:new:w", "sample:²:0:fine:new:w",
    "sample:1:8:fine:new:w", "sample:1:0:bad:new:w", "sample:1:0:fine:gone:w",
    "sample:1:0:fine:new:", "sample:1:0:fine:new:ü", "sample:1:0:fine:new:a b",
    "sample:1:0:fine:new:" + "w" * 60,
])
def test_anything_the_bot_did_not_build_is_a_stale_button(data: str | None) -> None:
    with pytest.raises(StaleButton):
        Sample.unpack(data)


def test_packing_refuses_what_telegram_or_unpacking_would_refuse() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        Sample(1, 0, "fine", "new", "w" * MAX_BYTES).pack()
    for bad in (Sample(-1, 0, "fine", "new", "w"), Sample(1, 9, "fine", "new", "w"),
                Sample(1, 0, "fine", "new", "a:b")):
        with pytest.raises(ValueError):
            bad.pack()


@pytest.mark.parametrize("data", [
    "care:99999999999999999999:1:fine", "care:1:99999999999999999999:fine",
    "scr:99999999999999999999:burns:yes", "lead:99999999999999999999:new:contacted",
    "leads:open:99999999999999999999", "recheck:99999999999999999999", "menux:faq", "MENU:faq",
    "menu", "scr:1:burns:yes:extra", "consent:maybe", ":", "::::", "a" * 65,
])
async def test_junk_and_oversized_data_get_the_stale_button_answer(
    bot: Sandbox, content: Content, settings: Settings, data: str
) -> None:
    client = await lead_by_chat(bot, content)
    assert Texts(content, "en")("error.stale_button") in shown(await client.press_data(data))
    staff_posts = len(bot.staff_chat())
    await staff_member(bot, settings).press_data(data)
    assert len(bot.staff_chat()) == staff_posts
    lead = await stores_of(bot).leads.get(1)
    assert lead is not None and lead.status == "new"


def test_every_kind_of_button_is_registered_once() -> None:
    for module in pkgutil.walk_packages(bot.__path__, "bot."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    declared = {cls for cls in _subclasses(CallbackData) if cls.__module__.startswith("bot.")}
    registered = set(callback_data().values())
    assert declared == registered
    assert len(client_router().buttons) + len(desk_router().buttons) == len(registered)
    assert {Answer, Checkin} <= registered


def test_every_kind_of_button_gives_examples_that_fit(content: Content,
                                                      example_settings: Settings) -> None:
    for data in callback_data().values():
        examples = list(data.examples(content, example_settings))
        assert examples, data.__name__
        assert all(data.unpack(e.pack()) == e for e in examples)


def test_every_command_has_a_label_in_every_complete_language(
    content: Content, test_settings: Settings
) -> None:
    """What the registries hold, not a list kept here: a new command is checked the day it is
    registered, and a language configured as complete must describe it (unless it is kept out
    of the command menu, without a label)."""
    for router in (client_router(), desk_router()):
        assert router.commands
        for command in router.commands.values():
            for language in test_settings.complete if command.label else ():
                assert content.catalogs[language].has(command.label), (language, command.name)


def _subclasses(cls: type) -> set[type]:
    return {sub for direct in cls.__subclasses__() for sub in {direct, *_subclasses(direct)}}
