"""The webhook path end to end: real `clinicbot run --webhook` processes receive HTTP POSTs, as
Telegram sends them, from a load generator in this process, and answer through the fake Bot
API served over HTTP (bot/devtools/sandbox_http.py), also in this process.

    .venv/bin/python bench/webhook_load.py [--instances 1] [--clients 600] [--concurrency 32]
        [--database-url postgresql://...]

Each simulated client POSTs /start, then a free-text question once the reply to /start reached
the fake Bot API (a client's chat takes a few messages at once, then one a second: a client
asking on and on would measure that pace, not the bot). `--concurrency` clients are in flight
at any time (a closed loop, enough to saturate one instance). Instances share the load round
robin and one database: SQLite (one instance only) or PostgreSQL at `--database-url`; to give
the database a core of its own, start the server under `taskset -c 1` and this script under
`taskset -c 0`. Printed: updates/s, p50/p99 from the POST to the reply's request, and updates
acknowledged but never answered (must be 0). The generator and the fake Bot API share this
process's interpreter: on a small machine they, not the bot, may be the limit;
`generator_cpu_share` says how busy they were.
"""

from __future__ import annotations

import argparse
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

from bot.devtools.sandbox_http import FakeBotServer

SECRET = "bench-secret"


def start(server: FakeBotServer, config: Path, port: int, database_url: str | None
          ) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(TELEGRAM_BOT_TOKEN="123:TEST", TELEGRAM_API_BASE_URL=server.url,
               TELEGRAM_WEBHOOK_SECRET=SECRET, CLINICBOT_CONFIG=str(config),
               PYTHONPATH=str(ROOT))
    if database_url:
        env["DATABASE_URL"] = database_url
    url = f"http://127.0.0.1:{port}/telegram"
    return subprocess.Popen([sys.executable, "-m", "bot", "run", "--webhook", "--webhook-url",
                             url, "--port", str(port)], env=env, cwd=config.parent,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--instances", type=int, default=1)
    parser.add_argument("--clients", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="clinicbot-webhook-"))
    config = tmp / "clinic.toml"
    config.write_text(re.sub(r"(?m)^database = .*$", 'database = "clinic.sqlite3"',
                             (ROOT / "clinic.example.toml").read_text()))
    ports = [18600 + n for n in range(args.instances)]
    latencies: list[float] = []
    unanswered = [0]
    with FakeBotServer() as server:
        processes = [start(server, config, port, args.database_url) for port in ports]
        try:
            for port in ports:
                listening(port, 120)

            numbers = iter(range(args.clients))
            taking = threading.Lock()

            def worker() -> None:
                while True:
                    with taking:
                        n = next(numbers, None)
                    if n is None:
                        return
                    client(n)

            def client(n: int) -> None:
                user = server.user(5_000_000 + n, f"C{n}")
                port = ports[n % len(ports)]
                for k in range(2):
                    text = "/start" if k == 0 else EN[(n + k) % len(EN)]
                    extra = {"entities": [{"type": "bot_command", "offset": 0, "length": 6}]} \
                        if k == 0 else {}
                    seen = len(server.messages(user.id))
                    update = {"update_id": n * 1000 + k + 1,
                              "message": server.message(user.user, user.chat, text=text,
                                                        **extra)}
                    began = time.perf_counter()
                    assert post(port, update) == 200
                    try:
                        server.wait_for(lambda s=seen: len(server.messages(user.id)) > s, 30)
                    except TimeoutError:
                        unanswered[0] += 1
                        continue
                    latencies.append(time.perf_counter() - began)

            cpu = time.process_time()
            began = time.perf_counter()
            threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - began
            cpu = time.process_time() - cpu
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(30)
    emit("instances", args.instances)
    emit("engine", "postgresql" if args.database_url else "sqlite")
    emit("updates", len(latencies) + unanswered[0], "updates")
    emit("updates_per_second", len(latencies) / wall, "updates/s")
    emit("reply_p50", percentile(latencies, 50) * 1000, "ms (POST → reply's request)")
    emit("reply_p99", percentile(latencies, 99) * 1000, "ms")
    emit("unanswered", unanswered[0], "updates acknowledged, never answered")
    emit("generator_cpu_share", cpu / wall, "of one core (generator + fake Bot API)")


if __name__ == "__main__":
    main()
