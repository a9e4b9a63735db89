"""Memory, start-up time and database size.

    .venv/bin/python bench/footprint.py [--clients 100000] [--starts 5]

1. Resident memory of this process (VmRSS from /proc/self/status): before the bot's modules
   are imported, after the bot has started (the real Application on the in-process fake Bot
   API, content, FAQ matchers, storage), and after 100,000 clients have been stored (bulk
   inserts through the bot's own storage connection, on the real schema, bench/seeding.py:
   client, consent, finished screening with its answers, for every fifth an aftercare plan) and
   the bot has served updates against that database. bench/scale.py measures the same on
   PostgreSQL too, at 10,000 to 1,000,000 clients.
2. Database size per client: the SQLite file after a WAL checkpoint, minus the empty schema,
   divided by the number of clients.
3. Start-up of the real command: `clinicbot run` in a subprocess against a tiny fake Bot API
   HTTP server on 127.0.0.1 started here (TELEGRAM_API_BASE_URL), with a dummy token. Start-up
   is the time from starting the process to its first getUpdates request; the process's own
   VmRSS is read at that moment. Measured on an empty database and on the 100,000-client one,
   `--starts` times each; then the process is stopped with SIGTERM.

Everything is written to a temporary directory.
"""

from __future__ import annotations

from pathlib import Path


def _rss_now() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


RSS_BARE = _rss_now()  # before the bot, PTB, Babel, Jinja2… are imported

import argparse  # noqa: E402
import asyncio  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer  # noqa: E402
from typing import Any  # noqa: E402

from common import EXAMPLE_CONFIG, emit, lean_api, rss_kib, temp_settings  # noqa: E402
from seeding import seed, serve_some  # noqa: E402

from bot.clock import Clock  # noqa: E402
from bot.devtools.sandbox import BOT_USER, Sandbox  # noqa: E402
from bot.storage import Stores  # noqa: E402

# 1–2: memory and database size -----------------------------------------------------------------

def wal_bytes(path: Path) -> int:
    wal = Path(f"{path}-wal")
    return wal.stat().st_size if wal.exists() else 0


def db_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


async def memory_and_size(clients: int) -> tuple[Path, Any]:
    settings, tmp = temp_settings("footprint")
    sandbox = await Sandbox.start(settings, Clock(), lean_api())
    try:
        stores: Stores = sandbox.app.bot_data["services"].stores
        steps = [s.id for s in sandbox.app.bot_data["content"].screening.steps]
        await stores.database.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        empty = db_bytes(settings.database)
        gc.collect()
        emit("rss_before_import", RSS_BARE / 1024, "MB")
        emit("rss_after_start", rss_kib() / 1024, "MB")

        seeded = await seed(stores, clients, steps)
        emit("stored_clients", clients, "clients")
        emit("store_time", seeded.seconds, "s")
        await serve_some(sandbox, clients)
        gc.collect()
        emit("rss_after_clients_stored", rss_kib() / 1024, "MB")
        emit("rss_peak", _peak_kib() / 1024, "MB")

        emit("wal_size_before_checkpoint", wal_bytes(settings.database) / 2**20, "MB")
        await stores.database.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = db_bytes(settings.database)
        emit("database_size", size / 2**20, "MB")
        emit("database_bytes_per_client", (size - empty) / clients, "bytes")
    finally:
        await sandbox.stop()
    if sandbox.errors:
        raise SystemExit(f"handlers raised: {sandbox.errors[:3]!r}")
    return settings.database, tmp


def _peak_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


# 3: start-up of `clinicbot run` -----------------------------------------------------------------

class FakeTelegram(ThreadingHTTPServer):
    """Just enough Bot API over HTTP for `clinicbot run` to start and poll."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.first_poll = threading.Event()
        self.first_poll_at = 0.0
        self.first_poll_rss_kib = 0
        self.pid = 0
        self.methods: list[str] = []

    def reset(self, pid: int) -> None:
        self.first_poll.clear()
        self.pid = pid
        self.methods = []


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: FakeTelegram

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        method = self.path.rsplit("/", 1)[-1]
        self.server.methods.append(method)
        result: Any = True
        if method == "getMe":
            result = BOT_USER
        elif method == "getUpdates":
            if not self.server.first_poll.is_set():
                self.server.first_poll_at = time.monotonic()
                try:
                    self.server.first_poll_rss_kib = rss_kib(self.server.pid)
                except (OSError, RuntimeError):
                    self.server.first_poll_rss_kib = 0
                self.server.first_poll.set()
            time.sleep(0.2)  # a short long-poll with nothing new
            result = []
        body = json.dumps({"ok": True, "result": result}).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the bot was stopped during its long poll

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        return None


def clinicbot_command() -> list[str]:
    script = Path(sys.executable).parent / "clinicbot"
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


def start_once(server: FakeTelegram, config: Path, workdir: Path) -> tuple[float, int, float]:
    """(seconds to the first getUpdates, VmRSS KiB then, seconds to exit after SIGTERM)."""
    env = {k: v for k, v in os.environ.items() if k != "CLINICBOT_CONFIG"}
    env["TELEGRAM_BOT_TOKEN"] = "123456:BENCHMARK-NOT-A-REAL-TOKEN"
    env["TELEGRAM_API_BASE_URL"] = f"http://127.0.0.1:{server.server_port}/bot"
    log = open(workdir / "run.log", "ab")  # noqa: SIM115
    started = time.monotonic()
    process = subprocess.Popen([*clinicbot_command(), "--config", str(config), "run"],
                               cwd=workdir, env=env, stdout=log, stderr=log)
    server.reset(process.pid)
    try:
        if not server.first_poll.wait(timeout=30):
            raise SystemExit(f"clinicbot run never polled; see {workdir / 'run.log'}")
        startup = server.first_poll_at - started
        rss = server.first_poll_rss_kib
        stopping = time.monotonic()
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=15)
        return startup, rss, time.monotonic() - stopping
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        log.close()


def startup(database: Path, workdir: Path, starts: int) -> None:
    server = FakeTelegram()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        empty = workdir / "empty.sqlite3"
        for label, db in (("empty_db", empty), ("clients_db", database)):
            config = workdir / f"clinic-{label}.toml"
            text = EXAMPLE_CONFIG.read_text(encoding="utf-8").replace(
                'database = "clinicbot.sqlite3"', f"database = {json.dumps(str(db))}")
            config.write_text(text, encoding="utf-8")
            runs = [start_once(server, config, workdir) for _ in range(starts)]
            times = [r[0] for r in runs]
            emit(f"startup_{label}_median", statistics.median(times), "s")
            emit(f"startup_{label}_max", max(times), "s")
            emit(f"startup_{label}_first", times[0], "s")
            emit(f"rss_clinicbot_run_{label}", statistics.median(r[1] for r in runs) / 1024, "MB")
            emit(f"shutdown_{label}_median", statistics.median(r[2] for r in runs), "s")
    finally:
        server.shutdown()
        server.server_close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--starts", type=int, default=5)
    args = parser.parse_args()
    database, tmp = await memory_and_size(args.clients)
    try:
        await asyncio.to_thread(startup, database, Path(tmp.name), args.starts)
    finally:
        tmp.cleanup()


if __name__ == "__main__":
    asyncio.run(main())
