"""A Bot API call searches for no module: an import that fails is not remembered, so a library
that tries one on every call walks sys.path each time. httpcore did so for sniffio once anyio
stopped installing it, a millisecond of every call (pyproject.toml says why sniffio is listed).
"""

from __future__ import annotations

import importlib.abc
import sys
from collections.abc import Sequence
from types import ModuleType

from telegram import Bot
from telegram.request import HTTPXRequest

from bot.devtools.sandbox import TOKEN
from bot.devtools.sandbox_http import FakeBotServer


class Searches(importlib.abc.MetaPathFinder):
    """Records every module looked for, and finds none (the other finders still run)."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> None:
        self.names.append(fullname)


async def test_bot_api_calls_search_for_no_module() -> None:
    with FakeBotServer() as server:
        server.user(7001, "Anna")
        bot = Bot(TOKEN, base_url=server.url, request=HTTPXRequest(connection_pool_size=4))
        async with bot:
            await bot.send_message(7001, "warm-up: the first call imports what it needs")
            searches = Searches()
            sys.meta_path.insert(0, searches)
            try:
                for n in range(5):
                    await bot.send_message(7001, f"message {n}")
                    await bot.get_me()
            finally:
                sys.meta_path.remove(searches)
    assert searches.names == []
