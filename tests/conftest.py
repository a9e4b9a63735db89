"""Fixtures: the real bot wired to the fake Bot API, a fixed clock and a fresh database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.config import Settings, load_settings
from bot.content import Content, load_content
from bot.devtools.sandbox import Sandbox

# A Tuesday in late November: autumn in the north, so the "good season" tip is shown.
START = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def example_settings() -> Settings:
    return load_settings(Path(__file__).parent.parent / "clinic.example.toml")


@pytest.fixture(scope="session")
def content(example_settings: Settings) -> Content:
    return load_content(example_settings.content_dir, example_settings.languages)


@pytest.fixture
def settings(example_settings: Settings, tmp_path: Path) -> Settings:
    return example_settings.with_database(tmp_path / "clinic.sqlite3")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
async def bot(settings: Settings, clock: FixedClock) -> AsyncIterator[Sandbox]:
    sandbox = await Sandbox.start(settings, clock)
    try:
        yield sandbox
    finally:
        await sandbox.stop()
    assert sandbox.errors == [], f"handlers raised: {sandbox.errors!r}"
