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
import statistics  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

from common import emit, lean_api, rss_kib, temp_settings  # noqa: E402
from real_process import PolledServer, clinicbot_run, config_for  # noqa: E402
from seeding import seed, serve_some  # noqa: E402

from bot.clock import Clock  # noqa: E402
from bot.devtools.sandbox import Sandbox  # noqa: E402
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

def start_once(server: PolledServer, config: Path, workdir: Path) -> tuple[float, int, float]:
    """(seconds to the first getUpdates, VmRSS KiB then, seconds to exit after SIGTERM)."""
    started = time.monotonic()
    with clinicbot_run(server, config, workdir):
        startup = server.first_poll_at - started
        rss = server.first_poll_rss_kib
        stopping = time.monotonic()
    return startup, rss, time.monotonic() - stopping


def startup(database: Path, workdir: Path, starts: int) -> None:
    with PolledServer() as server:
        for label, db in (("empty_db", workdir / "empty.sqlite3"), ("clients_db", database)):
            config = config_for(workdir, label, db)
            runs = [start_once(server, config, workdir) for _ in range(starts)]
            times = [r[0] for r in runs]
            emit(f"startup_{label}_median", statistics.median(times), "s")
            emit(f"startup_{label}_max", max(times), "s")
            emit(f"startup_{label}_first", times[0], "s")
            emit(f"rss_clinicbot_run_{label}", statistics.median(r[1] for r in runs) / 1024, "MB")
            emit(f"shutdown_{label}_median", statistics.median(r[2] for r in runs), "s")


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
