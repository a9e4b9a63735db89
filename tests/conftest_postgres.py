"""PostgreSQL fixtures: `postgres_server` (started on first use, once per run) and
`postgres_url`, a brand-new empty database for one test.

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


@pytest.fixture
def postgres_url(postgres_server: Postgres) -> Iterator[str]:
    """An empty database of its own for this test, dropped afterwards. The process id in the
    name keeps runs sharing one TEST_DATABASE_URL server apart."""
    name = f"test_{os.getpid()}_{next(_database_numbers)}"
    url = postgres_server.fresh_database(name)
    try:
        yield url
    finally:
        postgres_server.drop_database(name)
