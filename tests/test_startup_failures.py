"""A database the bot cannot open, check or migrate stops `run` at once with one line naming the
file or the server (never a password), and `health` answers in one line: no traceback, and no
process left waiting on a connection that failed."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import cli
from bot.devtools.sandbox import TOKEN
from bot.devtools.sandbox_http import FakeBotServer
from bot.storage import DatabaseUnavailable, Stores

ROOT = Path(__file__).parent.parent
PASSWORD = "s3cret-pw"
BAD_URLS = {
    "port": f"postgresql://clinic:{PASSWORD}@127.0.0.1:notaport/clinic",
    "bracket": f"postgresql://clinic:{PASSWORD}@[bad/clinic",
    "sslmode": f"postgresql://clinic:{PASSWORD}@127.0.0.1:55432/clinic?sslmode=bogus",
}


def clinicbot(config: Path, *args: str, env: dict[str, str] | None = None,
              user: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in its own process; a process still alive after 20 s fails the test
    (TimeoutExpired), which is how a hang shows."""
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("TELEGRAM_BOT_TOKEN", "CLINICBOT_CONFIG", "DATABASE_URL")}
    environment.update(PYTHONPATH=str(ROOT), TELEGRAM_BOT_TOKEN=TOKEN, **(env or {}))
    return subprocess.run([*(user or []), sys.executable, "-m", "bot", "--config", str(config),
                           *args], text=True, capture_output=True, cwd=config.parent,
                          env=environment, timeout=20)


@pytest.fixture(scope="module")
def telegram() -> Iterator[dict[str, str]]:
    """A Bot API that accepts the token, so nothing but the database can stop `run`."""
    with FakeBotServer() as server:
        yield {"TELEGRAM_API_BASE_URL": server.url}


def config_in(directory: Path) -> Path:
    config = directory / "clinic.toml"
    config.write_text((ROOT / "clinic.example.toml").read_text().replace(
        'database = "clinicbot.sqlite3"', 'database = "clinic.sqlite3"'))
    return config


def healthy_bytes(directory: Path) -> bytes:
    """A migrated database file as the bot leaves it, with its WAL folded in."""
    import asyncio

    async def build() -> None:
        stores = await Stores.open(directory / "healthy.sqlite3")
        await stores.database.checkpoint()
        await stores.close()

    asyncio.run(build())
    return (directory / "healthy.sqlite3").read_bytes()


def damaged(kind: str, directory: Path) -> bytes:
    if kind == "random":
        return os.urandom(64 * 1024)
    whole = healthy_bytes(directory)
    return whole[:100] if kind == "header-only" else whole[:len(whole) // 2]


@pytest.mark.parametrize("kind", ["random", "truncated", "header-only"])
def test_run_on_a_damaged_file_exits_at_once_with_one_line(
    tmp_path: Path, kind: str, telegram: dict[str, str]
) -> None:
    config = config_in(tmp_path)
    (tmp_path / "clinic.sqlite3").write_bytes(damaged(kind, tmp_path))
    result = clinicbot(config, "run", env=telegram)
    assert result.returncode == 2, result.stderr
    [line] = result.stderr.strip().splitlines()
    database = tmp_path / "clinic.sqlite3"
    assert line.startswith(f"clinicbot: cannot use the database file {database}:"), line
    assert "damaged or not a database" in line


@pytest.mark.parametrize("kind", ["random", "truncated", "header-only"])
def test_health_on_a_damaged_file_is_one_line(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """In this process: health opens nothing that could outlive it (checked by the last test
    of this file), so what matters here is what it prints."""
    config = config_in(tmp_path)
    (tmp_path / "clinic.sqlite3").write_bytes(damaged(kind, tmp_path))
    assert cli.main(["--config", str(config), "health"]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    [line] = out.strip().splitlines()
    assert line.startswith(f"database: unusable ({tmp_path}/clinic.sqlite3: it is damaged")


@pytest.mark.parametrize("form", sorted(BAD_URLS))
def test_run_with_a_malformed_database_url_is_one_line_without_the_password(
    tmp_path: Path, form: str, telegram: dict[str, str]
) -> None:
    result = clinicbot(config_in(tmp_path), "run",
                       env={"DATABASE_URL": BAD_URLS[form], **telegram})
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("clinicbot: DATABASE_URL is malformed (PostgreSQL at "), line
    assert PASSWORD not in line
    assert not (tmp_path / "clinic.sqlite3").exists()


@pytest.mark.parametrize("form", sorted(BAD_URLS))
def test_health_with_a_malformed_database_url_is_one_line_without_the_password(
    tmp_path: Path, form: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", BAD_URLS[form])
    assert cli.main(["--config", str(config_in(tmp_path)), "health"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    [line] = err.strip().splitlines()
    assert line.startswith("clinicbot: DATABASE_URL is malformed (PostgreSQL at "), line
    assert PASSWORD not in line


@pytest.fixture
def unprivileged() -> Iterator[tuple[list[str], Path]]:
    """A command prefix that runs as an ordinary user, and a directory that user owns. Root
    writes any file whatever its mode, so as root the bot runs as `nobody` (setpriv); as any
    other user it runs as that user."""
    directory = Path(tempfile.mkdtemp(prefix="clinicbot-ro-"))
    try:
        if os.geteuid() != 0:
            yield [], directory
            return
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: cannot drop privileges")
        nobody = pwd.getpwnam("nobody")
        os.chmod(directory, 0o755)
        os.chown(directory, nobody.pw_uid, nobody.pw_gid)
        prefix = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}",
                  "--clear-groups"]
        if subprocess.run([*prefix, sys.executable, "-c", "import bot"],
                          capture_output=True, cwd=directory).returncode != 0:
            pytest.skip("this checkout is not readable by nobody (a private parent directory)")
        yield prefix, directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def test_run_on_a_read_only_file_exits_with_one_line(
    unprivileged: tuple[list[str], Path], telegram: dict[str, str]
) -> None:
    user, directory = unprivileged
    config = config_in(directory)
    database = directory / "clinic.sqlite3"
    database.write_bytes(healthy_bytes(directory))
    (directory / "healthy.sqlite3").unlink()
    os.chown(database, directory.stat().st_uid, directory.stat().st_gid)
    database.chmod(0o400)
    # What the test stands on: that user really cannot write the file.
    probe = subprocess.run([*user, sys.executable, "-c", f"open({str(database)!r}, 'r+b')"],
                           capture_output=True, text=True, timeout=20)
    assert "PermissionError" in probe.stderr
    result = clinicbot(config, "run", env=telegram, user=user)
    assert result.returncode == 2, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line == (f"clinicbot: cannot use the database file {database}: the bot's user may"
                    " not write it (read-only); it needs to read and write the file and its"
                    " directory")
    health = clinicbot(config, "health", user=user)
    assert health.stdout.startswith(f"database: ok ({database}, schema version "), health.stderr


async def test_a_file_that_cannot_be_opened_leaves_no_connection_behind(tmp_path: Path) -> None:
    """The aiosqlite worker thread of a failed open would keep the process alive for ever."""
    before = threading.active_count()
    (tmp_path / "clinic.sqlite3").write_bytes(os.urandom(8192))
    with pytest.raises(DatabaseUnavailable):
        await Stores.open(tmp_path / "clinic.sqlite3")
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join(timeout=2)
    assert threading.active_count() <= before
