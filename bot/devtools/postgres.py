"""PostgreSQL servers for tests and benchmarks: one that someone already runs (`Postgres`, from
a URL such as TEST_DATABASE_URL) or a throwaway one started here (`ThrowawayPostgres`).

Both hand out brand-new empty databases (`fresh_database`), so each test gets its own schema
without sharing state. The throwaway server lives in a temporary directory (data, log and Unix
socket), listens on a free loopback port and is deleted with its directory on exit.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

import asyncpg

INSTALLED_BINDIRS = "/usr/lib/postgresql/*/bin"
INSTALL_HINT = (
    "install the PostgreSQL server (Debian/Ubuntu: apt-get install postgresql) so that initdb, "
    "pg_ctl and postgres are on PATH, under `pg_config --bindir` or in "
    f"{INSTALLED_BINDIRS}; or set TEST_DATABASE_URL to a server you run"
)
_DATABASE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server programs on this machine (or no `postgres` user to run them as
    root): the message says what to install."""


@dataclass(frozen=True)
class ServerBinaries:
    initdb: Path
    pg_ctl: Path


def _bindir_binaries(directory: Path) -> ServerBinaries | None:
    programs = [directory / name for name in ("initdb", "pg_ctl", "postgres")]
    if all(os.access(program, os.X_OK) for program in programs):
        return ServerBinaries(programs[0], programs[1])
    return None


def _pg_config_bindir(path: str | None) -> Path | None:
    pg_config = shutil.which("pg_config", path=path)
    if pg_config is None:
        return None
    done = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
    return Path(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else None


def _version_key(directory: Path) -> tuple[int, str]:
    version = directory.parent.name
    return (int(version), version) if version.isdigit() else (0, version)


def find_binaries(path: str | None = None, installed: str = INSTALLED_BINDIRS) -> ServerBinaries:
    """initdb and pg_ctl from PATH, else `pg_config --bindir`, else the newest of `installed`
    (Debian keeps the server programs off PATH, in /usr/lib/postgresql/VERSION/bin)."""
    initdb, pg_ctl = shutil.which("initdb", path=path), shutil.which("pg_ctl", path=path)
    if initdb and pg_ctl:
        return ServerBinaries(Path(initdb), Path(pg_ctl))
    installed_dirs = sorted(Path("/").glob(installed.lstrip("/")), key=_version_key, reverse=True)
    candidates = [_pg_config_bindir(path), *installed_dirs]
    for directory in candidates:
        if directory is not None and (found := _bindir_binaries(directory)):
            return found
    raise PostgresUnavailable(f"PostgreSQL server programs not found: {INSTALL_HINT}")


def free_port() -> int:
    """A loopback port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run_statement(url: str, statement: str | Callable[[int], str]) -> None:
    """One statement on its own connection, in a thread with its own event loop: the callers
    are synchronous (fixtures, benchmarks) and may sit inside a running loop. A callable
    writes the statement for the server's major version."""

    async def run() -> None:
        connection = await asyncpg.connect(url)
        try:
            major = connection.get_server_version().major
            await connection.execute(statement if isinstance(statement, str) else statement(major))
        finally:
            await connection.close()

    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(lambda: asyncio.run(run())).result()


def _quoted(name: str) -> str:
    if not _DATABASE_NAME.fullmatch(name):
        raise ValueError(f"database names here are lower-case identifiers, not {name!r}")
    return f'"{name}"'


class Postgres:
    """A running server reached at `url` (a database to connect to for administration, such as
    `postgres`); the role in it must be allowed to create databases."""

    def __init__(self, url: str) -> None:
        self.url = url

    def database_url(self, name: str) -> str:
        return urlsplit(self.url)._replace(path=f"/{name}").geturl()

    def fresh_database(self, name: str, template: str | None = None) -> str:
        """A database called `name` (one left by an earlier run is dropped first), empty or a
        copy of the database `template`, which nothing may be connected to; its URL."""
        self.drop_database(name)
        copy = f" TEMPLATE {_quoted(template)}" if template else ""
        # Copying a template's files is what servers before 15 always do, and for a database
        # this small twice as fast as 15's default of copying it through the write-ahead log.
        _run_statement(self.url, lambda major: f"CREATE DATABASE {_quoted(name)}{copy}"
                       + (" STRATEGY FILE_COPY" if copy and major >= 15 else ""))
        return self.database_url(name)

    def drop_database(self, name: str) -> None:
        """Drops `name` if it exists, closing any connection still open to it."""
        _run_statement(self.url, f"DROP DATABASE IF EXISTS {_quoted(name)} WITH (FORCE)")


class ThrowawayPostgres(Postgres):
    """A private server for one test run or benchmark, deleted with all its data on exit.

    Tuned for speed, not safety: fsync, full_page_writes and synchronous_commit are off, so a
    crash of the machine can corrupt it. That is fine for data that is thrown away anyway, and
    wrong for anything else. Local connections are trusted (no password) and the server listens
    on 127.0.0.1 only, as role `clinic`. PostgreSQL refuses to run as root: as root, the
    directory belongs to the `postgres` user and every server program runs as that user.
    """

    def __init__(self) -> None:
        self.port = free_port()
        super().__init__(f"postgresql://clinic@127.0.0.1:{self.port}/postgres")
        self.directory: Path | None = None

    def __enter__(self) -> ThrowawayPostgres:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        """initdb and start the server, waiting until it accepts connections."""
        binaries = find_binaries()
        as_user = _server_user_prefix()
        directory = Path(tempfile.mkdtemp(prefix="clinic-postgres-"))
        self.directory = directory
        try:
            if as_user:
                shutil.chown(directory, user="postgres", group="postgres")
            data = directory / "data"
            self._run(as_user, str(binaries.initdb), "-D", str(data), "-A", "trust", "-U",
                      "clinic", "-E", "UTF8", "--no-locale", "--no-sync")
            options = (f"-p {self.port} -k {shlex.quote(str(directory))}"
                       " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
                       " -c synchronous_commit=off")
            self._run(as_user, str(binaries.pg_ctl), "-D", str(data), "-l",
                      str(directory / "server.log"), "-o", options, "-w", "-t", "30", "start")
        except BaseException:
            shutil.rmtree(directory, ignore_errors=True)
            self.directory = None
            raise

    def stop(self) -> None:
        """Stops the server at once (its data is not kept) and deletes its directory."""
        if self.directory is None:
            return
        directory, self.directory = self.directory, None
        try:
            binaries = find_binaries()
            subprocess.run([*_server_user_prefix(), str(binaries.pg_ctl), "-D",
                            str(directory / "data"), "-m", "immediate", "-w", "stop"],
                           cwd=directory, capture_output=True, check=False)
        finally:
            shutil.rmtree(directory, ignore_errors=True)

    def _run(self, as_user: list[str], *command: str) -> None:
        assert self.directory is not None
        done = subprocess.run([*as_user, *command], cwd=self.directory, capture_output=True,
                              text=True, check=False)
        if done.returncode != 0:
            log = self.directory / "server.log"
            raise RuntimeError(
                f"{Path(command[0]).name} failed ({done.returncode}): {done.stderr.strip()}"
                + (f"\nserver log:\n{log.read_text(errors='replace')}" if log.exists() else ""))


def _server_user_prefix() -> list[str]:
    """`runuser -u postgres --` when running as root (the server refuses root), else nothing."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise PostgresUnavailable(
            f"running as root needs a `postgres` system user to run the server as: {INSTALL_HINT}"
        ) from None
    runuser = shutil.which("runuser")
    if runuser is None:
        raise PostgresUnavailable("running as root needs `runuser` (util-linux) to start "
                                  "PostgreSQL as the `postgres` user")
    return [runuser, "-u", "postgres", "--"]
