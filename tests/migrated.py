"""Storage migrated once and copied per test (the `storage` fixture in tests/conftest.py)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bot.storage import Stores


def migrate(where: Path | str) -> None:
    """Open and close storage at `where`, which migrates it as the bot's start does; in a
    thread with its own event loop, as fixtures may be set up inside a running one."""

    async def open_and_close() -> None:
        await (await Stores.open(where)).close()

    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, open_and_close()).result()
