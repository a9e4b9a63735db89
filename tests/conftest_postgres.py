"""PostgreSQL fixtures: `postgres_server` (started on first use, once per run),
`postgres_url`, a brand-new empty database for one test, and `migrated_postgres_url`, one
already at the current schema.

With TEST_DATABASE_URL set (a server someone already runs; its role may create databases),
the tests use that server; otherwise a throwaway one is started from the PostgreSQL programs on
this machine. Neither available is a failure, not a skip: the engine must not go untested.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest

from bot.devtools.postgres import Postgres, PostgresUnavailable, ThrowawayPostgres
from tests.migrated import migrate

_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Postgres]:
    if url := os.environ.get("TEST_DATABASE_URL"):
        yield Postgres(url)
        return
    server = ThrowawayPostgres()
    try:
        server.start()
        unavailable = ""
    except PostgresUnavailable as missing:
        unavailable = str(missing)
    if unavailable:
        pytest.fail(unavailable, pytrace=False)
    try:
        yield server
    finally:
        server.stop()


def _database(server: Postgres, template: str | None = None) -> Iterator[str]:
    """A database of its own for one test, dropped afterwards. The process id in the name
    keeps runs sharing one TEST_DATABASE_URL server apart."""
    name = f"test_{os.getpid()}_{next(_database_numbers)}"
    url = server.fresh_database(name, template)
    try:
        yield url
    finally:
        server.drop_database(name)


@pytest.fixture
def postgres_url(postgres_server: Postgres) -> Iterator[str]:
    """An empty database: what a first start, or a migration, begins from."""
    yield from _database(postgres_server)


@pytest.fixture(scope="session")
def postgres_template(postgres_server: Postgres) -> Iterator[str]:
    """A database migrated once per run (per worker) as the bot's own start migrates it: each
    `migrated_postgres_url` is a copy of it, which is faster than migrating every test's."""
    name = f"template_{os.getpid()}"
    migrate(postgres_server.fresh_database(name))
    try:
        yield name
    finally:
        postgres_server.drop_database(name)


@pytest.fixture
def migrated_postgres_url(postgres_server: Postgres, postgres_template: str) -> Iterator[str]:
    """A database already at the current schema, as a bot leaves it after its first start."""
    yield from _database(postgres_server, postgres_template)
