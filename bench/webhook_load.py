"""The webhook path end to end: real `clinicbot run --webhook` processes receive HTTP POSTs, as
Telegram sends them, from a load generator in this process, and answer through the fake Bot
API served over HTTP (bot/devtools/sandbox_http.py), also in this process.

    .venv/bin/python bench/webhook_load.py [--engine sqlite|postgresql] [--instances 1]
        [--clients 600] [--concurrency 32] [--messages-per-second 30]

Each simulated client POSTs /start, then, `THINK` seconds after the reply reached the fake Bot
API, a free-text question: Telegram lets the bot write to one chat a few messages at once, then
one a second, so a client asking on without a pause would measure that pace (and the update
slot its reply holds while it waits), not the bot. `--concurrency` updates are in flight at any
time (a closed loop; clients reading are not in flight). Instances share the load round
robin and one database: SQLite (one instance only) or a throwaway PostgreSQL server
(`ThrowawayPostgres`), which gets the machine's last core to itself while this process and the
instances share the others, so that a second instance's figure means something.

Every reply shares the bot's send limit, as in production (`[telegram] messages_per_second`,
30): with every update owing a reply, that limit is what one sees. `--messages-per-second 1000`
(the most the configuration allows) lifts it, so the instances' own ceiling shows; the fake
Bot API answers every call at once, whatever the rate.

Printed: updates/s, p50/p99 from the POST to the reply's request, updates acknowledged but
never answered and chats where one reply came twice (both must be 0). The generator and the
fake Bot API share this process's interpreter: on a small machine they, not the bot, may be the
limit; `generator_cpu_share` says how busy they were.
"""

from __future__ import annotations

import argparse
import heapq
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from common import ROOT, emit, percentile
from faq_questions import EN

from bot.devtools.postgres import ThrowawayPostgres
from bot.devtools.sandbox_http import FakeBotServer

SECRET = "bench-secret"
SETTLE = 2.0  # seconds after the last reply in which a late duplicate would still show
THINK = 1.0  # seconds a client reads the reply to /start before asking: a person's pace, and
# the pace at which Telegram lets the bot write to one chat after a few messages at once


def start(server: FakeBotServer, config: Path, port: int, database_url: str | None,
          args: argparse.Namespace) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(TELEGRAM_BOT_TOKEN="123:TEST", TELEGRAM_API_BASE_URL=server.url,
               TELEGRAM_WEBHOOK_SECRET=SECRET, CLINICBOT_CONFIG=str(config),
               MESSAGES_PER_SECOND=str(args.messages_per_second), PYTHONPATH=str(ROOT))
    if database_url:
        env["DATABASE_URL"] = database_url
    url = f"http://127.0.0.1:{port}/telegram"
    command = [str(ROOT / "bench" / "bare_webhook.py"), str(port)] if args.bare else \
        ["-m", "bot", "run", "--webhook", "--webhook-url", url, "--port", str(port)]
    return subprocess.Popen([sys.executable, *command], env=env, cwd=config.parent,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def cpu_seconds(process: subprocess.Popen[bytes]) -> float:
    """CPU time (user and system) the process has used so far."""
    fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def listening(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                time.sleep(1.0)  # the webhook is set right after the server listens
                return
        if time.monotonic() > deadline:
            raise SystemExit(f"nothing listens on port {port} after {timeout} s")
        time.sleep(0.1)


def post(port: int, update: dict[str, object]) -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/telegram", json.dumps(update).encode(),
        {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return int(answer.status)


class Work:
    """What the generator's threads do next: a new client's /start, or the question of a
    client who read the reply to theirs for `THINK` seconds (not counted as in flight)."""

    def __init__(self, clients: int) -> None:
        self.fresh = iter(range(clients))
        self.reading: list[tuple[float, int]] = []  # (when the question comes, client)
        self.starting = 0  # /starts in flight: each brings a question later
        self.changed = threading.Condition()

    def take(self) -> tuple[int, int] | None:
        """(client, 0 for /start or 1 for the question), or None once everything is done."""
        with self.changed:
            while True:
                now = time.monotonic()
                if self.reading and self.reading[0][0] <= now:
                    return heapq.heappop(self.reading)[1], 1
                if (n := next(self.fresh, None)) is not None:
                    self.starting += 1
                    return n, 0
                if not self.reading and not self.starting:
                    return None
                self.changed.wait(self.reading[0][0] - now if self.reading else None)

    def done(self, n: int, k: int) -> None:
        with self.changed:
            if k == 0:
                self.starting -= 1
                heapq.heappush(self.reading, (time.monotonic() + THINK, n))
            self.changed.notify_all()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--instances", type=int, default=1)
    parser.add_argument("--clients", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--messages-per-second", type=int, default=30,
                        help="the bot's send limit (production: 30; 1000 lifts it)")
    parser.add_argument("--bare", action="store_true",
                        help="a bare PTB Application echoing each text (bench/bare_webhook.py)"
                             " instead of the bot: the floor of the path")
    args = parser.parse_args()
    if args.engine == "sqlite" and args.instances != 1:
        parser.error("an SQLite file is served by one instance")
    if args.engine == "postgresql":
        with ThrowawayPostgres() as database:
            cores = pin_apart(database)
            emit("database_cores", cores, "of the machine's, the server's alone")
            load(args, database.fresh_database("webhook"))
    else:
        load(args, None)


def pin_apart(database: ThrowawayPostgres) -> int:
    """Give the server the last core and this process (and the instances it starts) the
    others; how many the server has (0 on a machine of one core: nothing is pinned)."""
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) < 2:
        return 0
    assert database.directory is not None
    postmaster = int((database.directory / "data" / "postmaster.pid").read_text().split()[0])
    for pid in [postmaster, *children(postmaster)]:  # backends forked later follow it
        os.sched_setaffinity(pid, cores[-1:])
    os.sched_setaffinity(0, cores[:-1])
    return 1


def children(parent: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


def load(args: argparse.Namespace, database_url: str | None) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="clinicbot-webhook-"))
    config = tmp / "clinic.toml"
    text = re.sub(r"(?m)^database = .*$", 'database = "clinic.sqlite3"',
                  (ROOT / "clinic.example.toml").read_text())
    limit = "# [telegram]\n# messages_per_second = 30"
    assert limit in text, "clinic.example.toml no longer shows the send limit this sets"
    config.write_text(text.replace(
        limit, f"[telegram]\nmessages_per_second = {args.messages_per_second}"))
    ports = [18600 + n for n in range(args.instances)]
    latencies: list[float] = []
    unanswered = [0]
    with FakeBotServer() as server:
        processes = [start(server, config, port, database_url, args) for port in ports]
        try:
            for port in ports:
                listening(port, 120)

            work = Work(args.clients)

            def worker() -> None:
                while (step := work.take()) is not None:
                    client(*step)

            def client(n: int, k: int) -> None:
                user = server.user(5_000_000 + n, f"C{n}")
                port = ports[n % len(ports)]
                text = "/start" if k == 0 else EN[(n + k) % len(EN)]
                extra = {"entities": [{"type": "bot_command", "offset": 0, "length": 6}]} \
                    if k == 0 else {}
                seen = len(server.messages(user.id))
                update = {"update_id": n * 1000 + k + 1,
                          "message": server.message(user.user, user.chat, text=text, **extra)}
                began = time.perf_counter()
                assert post(port, update) == 200
                try:
                    server.wait_for(lambda: len(server.messages(user.id)) > seen, 30)
                except TimeoutError:
                    unanswered[0] += 1
                else:
                    latencies.append(time.perf_counter() - began)
                work.done(n, k)

            cpu = time.process_time()
            instances_cpu = sum(map(cpu_seconds, processes))
            calls = len(server.api.calls)
            began = time.perf_counter()
            threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - began
            cpu = time.process_time() - cpu
            instances_cpu = sum(map(cpu_seconds, processes)) - instances_cpu
            calls = len(server.api.calls) - calls
            time.sleep(SETTLE)
            twice = sum(len(texts) != len(set(texts)) for texts in (
                [m.text for m in server.messages(5_000_000 + n)] for n in range(args.clients)))
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(30)
    emit("served_by", "bare_ptb_echo" if args.bare else "clinicbot")
    emit("instances", args.instances)
    emit("engine", args.engine)
    emit("messages_per_second", args.messages_per_second, "the bot's send limit")
    emit("updates", len(latencies) + unanswered[0], "updates")
    emit("updates_per_second", len(latencies) / wall, "updates/s")
    emit("reply_p50", percentile(latencies, 50) * 1000, "ms (POST → reply's request)")
    emit("reply_p99", percentile(latencies, 99) * 1000, "ms")
    emit("unanswered", unanswered[0], "updates acknowledged, never answered")
    emit("answered_twice", twice, "chats where one reply came twice")
    emit("instance_cpu_per_update", instances_cpu / len(latencies) * 1000,
         "ms (the instances' CPU time over the updates answered)")
    emit("bot_api_calls_per_update", calls / len(latencies), "calls")
    emit("instances_cpu_share", instances_cpu / wall, "of one core (all instances)")
    emit("generator_cpu_share", cpu / wall, "of one core (generator + fake Bot API)")


if __name__ == "__main__":
    main()
