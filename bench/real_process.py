"""The real `clinicbot run` in a subprocess, polling the fake Bot API served over HTTP on
loopback (bot/devtools/sandbox_http.py): its start-up time and its resident memory, at its first
poll and later."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from common import EXAMPLE_CONFIG, rss_kib

from bot.devtools.sandbox_http import FakeBotServer


class PolledServer(FakeBotServer):
    """The fake Bot API, noting when the process it serves first polls and its VmRSS then."""

    def __init__(self) -> None:
        super().__init__()
        self.first_poll = threading.Event()
        self.first_poll_at = 0.0
        self.first_poll_rss_kib = 0
        self.pid = 0

    def call(self, method: str, params: dict[str, Any],
             instance: str = "") -> tuple[int, bytes] | None:
        if method == "getUpdates" and not self.first_poll.is_set():
            self.first_poll_at = time.monotonic()
            try:
                self.first_poll_rss_kib = rss_kib(self.pid)
            except (OSError, RuntimeError):
                self.first_poll_rss_kib = 0
            self.first_poll.set()
        return super().call(method, params, instance)


def clinicbot_command() -> list[str]:
    script = Path(sys.executable).parent / "clinicbot"
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


def config_for(workdir: Path, name: str, database: Path | None) -> Path:
    """The shipped example configuration, on `database` (else on DATABASE_URL)."""
    config = workdir / f"clinic-{name}.toml"
    text = EXAMPLE_CONFIG.read_text(encoding="utf-8")
    if database is not None:
        text = text.replace('database = "clinicbot.sqlite3"',
                            f"database = {json.dumps(str(database))}")
    config.write_text(text, encoding="utf-8")
    return config


@contextmanager
def clinicbot_run(server: PolledServer, config: Path, workdir: Path,
                  database_url: str | None = None) -> Iterator[subprocess.Popen[bytes]]:
    """`clinicbot run` polling `server`, once it has polled; stopped with SIGTERM after."""
    env = {k: v for k, v in os.environ.items() if k not in ("CLINICBOT_CONFIG", "DATABASE_URL")}
    env["TELEGRAM_BOT_TOKEN"] = "123456:BENCHMARK-NOT-A-REAL-TOKEN"
    env["TELEGRAM_API_BASE_URL"] = server.url
    if database_url:
        env["DATABASE_URL"] = database_url
    log = open(workdir / "run.log", "ab")  # noqa: SIM115
    server.first_poll.clear()
    process = subprocess.Popen([*clinicbot_command(), "--config", str(config), "run"],
                               cwd=workdir, env=env, stdout=log, stderr=log)
    server.pid = process.pid
    try:
        if not server.first_poll.wait(timeout=60):
            raise SystemExit(f"clinicbot run never polled; see {workdir / 'run.log'}")
        yield process
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        log.close()
