"""What a 90 MB POST without the secret costs a `clinicbot run --webhook` process: how soon it
is answered, and the process's peak memory (VmHWM) before and after.

    .venv/bin/python bench/webhook_body.py

Linux only (reads /proc). Everything lives in a temporary directory.
"""

from __future__ import annotations

import socket
import tempfile
import time
from pathlib import Path

from bot.devtools.sandbox_http import FakeBotServer
from tests.test_deployment import _wait_listening, config_in, free_port, start, stop_gracefully

BODY = 90 * 1024 * 1024


def peak_mb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        line = next(line for line in status if line.startswith("VmHWM"))
    return int(line.split()[1]) // 1024


def main() -> None:
    with tempfile.TemporaryDirectory() as directory, FakeBotServer() as server:
        config, port = config_in(Path(directory)), free_port()
        url = f"http://127.0.0.1:{port}/telegram"
        process = start(server, config, "--webhook", "--webhook-url", url,
                        "--listen", "127.0.0.1", "--port", str(port))
        try:
            _wait_listening(port, process, 30)
            before = peak_mb(process.pid)
            began = time.monotonic()
            with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
                connection.sendall(b"POST /telegram HTTP/1.1\r\nHost: bench\r\nContent-Type:"
                                   b" application/json\r\nContent-Length: %d\r\n\r\n" % BODY)
                chunk, sent = b"x" * (1 << 20), 0
                try:
                    while sent < BODY:
                        connection.sendall(chunk)
                        sent += len(chunk)
                except OSError:
                    pass  # the server answered and closed without reading the rest
                status = connection.recv(100).split(b"\r\n")[0].decode()
            answered = time.monotonic() - began
            print(f"answer {status!r}")
            print(f"answered_after {answered:.2f} s")
            print(f"body_sent {sent // (1 << 20)} MiB")
            print(f"peak_rss_before {before} MB")
            print(f"peak_rss_after {peak_mb(process.pid)} MB")
        finally:
            stop_gracefully(process, config)


if __name__ == "__main__":
    main()
