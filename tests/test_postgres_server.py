"""The throwaway PostgreSQL server: it serves fresh databases, and leaves nothing behind (no
listening port, no directory) once its block ends."""

from __future__ import annotations

import socket
from pathlib import Path

import asyncpg
import pytest

from bot.devtools.postgres import PostgresUnavailable, ThrowawayPostgres, find_binaries


async def test_throwaway_server_serves_a_fresh_database_and_leaves_nothing_behind() -> None:
    with ThrowawayPostgres() as server:
        directory = server.directory
        assert directory is not None and directory.is_dir()
        connection = await asyncpg.connect(server.fresh_database("scratch"))
        try:
            await connection.execute("CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT)")
            await connection.execute("INSERT INTO notes VALUES (5000000000, 'kept')")
            assert await connection.fetchval("SELECT body FROM notes") == "kept"
        finally:
            await connection.close()
    assert not directory.exists()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", server.port), timeout=2).close()


def test_missing_server_programs_say_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(PostgresUnavailable, match="install the PostgreSQL server"):
        find_binaries(path=str(tmp_path), installed=str(tmp_path / "*" / "bin"))
