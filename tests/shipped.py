"""The content and configuration the clinic ships, in place of the small test content: for
tests of what clients type (the shipped words) and of the brief's contraindications (the shipped
screening). A test module opts in with one line:
`content, settings = shipped.content, shipped.settings`."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.content import Content


@pytest.fixture
def content(shipped_content: Content) -> Content:
    return shipped_content


@pytest.fixture
def settings(example_settings: Settings, tmp_path: Path) -> Settings:
    return example_settings.with_database(tmp_path / "clinic.sqlite3")
