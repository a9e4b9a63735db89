"""Fixtures: the real bot wired to the fake Bot API, a fixed clock, a fresh database and the
test content (tests/content/ over the project's own; see tests/fixture_content.py)."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.config import Settings, load_settings
from bot.content import Content, load_content
from bot.devtools.sandbox import Sandbox
from tests.fixture_content import build_content
from tests.migrated import migrate

pytest_plugins = ["tests.conftest_postgres"]

ROOT = Path(__file__).parent.parent
# A Tuesday in late November: autumn in the north, so the "good season" tip is shown.
START = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


LANGUAGES = load_settings(ROOT / "clinic.example.toml").languages


@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> str:
    """Each language the configuration lists: a test that takes `language` runs in each."""
    return str(request.param)


@pytest.fixture(scope="session")
def example_settings() -> Settings:
    """The shipped example configuration with the shipped content."""
    return load_settings(ROOT / "clinic.example.toml")


@pytest.fixture(scope="session")
def shipped_content(example_settings: Settings) -> Content:
    return load_content(example_settings.content_dir, example_settings.languages)


@pytest.fixture(scope="session")
def content_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test content, built once per run: what `content` and the bot under test read."""
    return build_content(tmp_path_factory.mktemp("content"), ROOT)


@pytest.fixture
def copy(tmp_path: Path, content_dir: Path) -> Path:
    """A copy of the test content to break."""
    for name in ("dialogs", "locales"):
        shutil.copytree(content_dir / name, tmp_path / name)
    return tmp_path


@pytest.fixture(scope="session")
def test_settings(example_settings: Settings, content_dir: Path) -> Settings:
    """Without free slots: clients leave a time of day and staff call them back, as a clinic
    without `[booking]` works. tests/slots.py turns the slots on."""
    return replace(example_settings, content_dir=content_dir, booking=None)


@pytest.fixture(scope="session")
def content(test_settings: Settings) -> Content:
    return load_content(test_settings.content_dir, test_settings.languages)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests marked `engines` run once on SQLite and once on PostgreSQL; `engines("sqlite")`
    on a test narrows its module's mark to what only that engine does."""
    marker = metafunc.definition.get_closest_marker("engines")
    if "engine" in metafunc.fixturenames and marker:
        metafunc.parametrize("engine", marker.args or ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file migrated once per run (per worker): copying it is a tenth of the cost
    of creating and migrating a file for every test."""
    path = tmp_path_factory.mktemp("template") / "clinic.sqlite3"
    migrate(path)
    return path


@pytest.fixture
def storage(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Path | str:
    """Where this test's data lives: an SQLite file, or a PostgreSQL database, of its own and
    already migrated (the bot's start finds it at the current schema, as after a restart).
    Creating and migrating an empty one is tested on its own (tests/test_storage.py,
    tests/test_shared_database.py, tests/test_schema_engines.py)."""
    if engine == "postgresql":
        return str(request.getfixturevalue("migrated_postgres_url"))
    path = tmp_path / "clinic.sqlite3"
    shutil.copy2(request.getfixturevalue("sqlite_template"), path)
    return path


@pytest.fixture
def settings(test_settings: Settings, storage: Path | str, tmp_path: Path) -> Settings:
    """The test settings on this test's storage (`settings.storage`); the SQLite path points
    into the test's own directory either way, so nothing can reach a file outside it."""
    local = test_settings.with_database(tmp_path / "clinic.sqlite3")
    return replace(local, database_url=storage) if isinstance(storage, str) else local


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
