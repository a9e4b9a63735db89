"""Shared pieces of the benchmarks: settings on a throw-away database, simulated clients that
build the same JSON updates Telegram sends, and plain `name value unit` output.

Nothing here writes into the repository: every database lives in a temporary directory.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import platform
import statistics
import sys
import tempfile
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from telegram.request import RequestData  # noqa: E402

from bot.config import Settings, load_settings  # noqa: E402
from bot.devtools.sandbox import FakeBotApi, Sandbox, Sent  # noqa: E402

EXAMPLE_CONFIG = ROOT / "clinic.example.toml"


def emit(name: str, value: float | int | str, unit: str = "") -> None:
    """One figure per line: `name value unit`."""
    if isinstance(value, float):
        text = f"{value:.3f}" if abs(value) < 100 else f"{value:.1f}"
    else:
        text = str(value)
    print(f"{name} {text} {unit}".rstrip(), flush=True)


def temp_settings(prefix: str) -> tuple[Settings, tempfile.TemporaryDirectory[str]]:
    """The shipped example configuration on a fresh SQLite file in a temporary directory."""
    tmp = tempfile.TemporaryDirectory(prefix=f"clinicbot-{prefix}-")
    settings = load_settings(EXAMPLE_CONFIG).with_database(Path(tmp.name) / "bench.sqlite3")
    return settings, tmp


class NetworkLikeApi(FakeBotApi):
    """The fake Bot API as a network would behave for concurrency: each call suspends the
    caller once (like awaiting a socket), so other updates run meanwhile; the answer itself
    is immediate. It keeps only its last few calls, so a long run holds no more Python objects
    than the real bot would (the plain fake records every call, for the tests)."""

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        await asyncio.sleep(0)
        return await super().do_request(url, method, request_data, *args, **kwargs)


def lean_api() -> FakeBotApi:
    return NetworkLikeApi(calls=deque(maxlen=256), touched=deque(maxlen=256))  # type: ignore[arg-type]


def rss_kib(pid: int | str = "self") -> int:
    """Resident memory (VmRSS) of a process, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("VmRSS not found")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of unsorted values."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def mean(values: list[float]) -> float:
    return statistics.fmean(values)


def machine() -> dict[str, str]:
    model = "unknown"
    with open("/proc/cpuinfo") as fh:
        for line in fh:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem_kib = 0
    with open("/proc/meminfo") as fh:
        for line in fh:
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    return {"cpus": str(os.cpu_count()), "cpu": model, "ram_gib": f"{mem_kib / 1048576:.1f}",
            "python": platform.python_version()}


class Client:
    """A simulated client: builds updates like Telegram's and finds buttons in the chat as the
    fake Bot API holds it. Feeding is left to the caller, so it can be timed."""

    _update_ids = itertools.count(10_000_000)
    _message_ids = itertools.count(50_000_000)

    def __init__(self, api: FakeBotApi, user_id: int, first_name: str = "Anna",
                 language_code: str = "en") -> None:
        self.api, self.id = api, user_id
        self.user = {"id": user_id, "is_bot": False, "first_name": first_name,
                     "language_code": language_code}
        self.chat = {"id": user_id, "type": "private", "first_name": first_name}

    @property
    def messages(self) -> list[Sent]:
        return self.api.messages[self.id]

    def text(self, text: str) -> dict[str, Any]:
        message: dict[str, Any] = {"message_id": next(self._message_ids), "date": 1_780_000_000,
                                   "chat": self.chat, "from": self.user, "text": text}
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0,
                                    "length": len(text.split()[0])}]
        return {"update_id": next(self._update_ids), "message": message}

    def button(self, data: str, message: Sent) -> dict[str, Any]:
        query = {"id": str(next(self._update_ids)), "from": self.user,
                 "chat_instance": str(self.id), "data": data,
                 "message": FakeBotApi._json(message)}
        return {"update_id": next(self._update_ids), "callback_query": query}

    def find(self, wanted: Callable[[str, str], bool]) -> tuple[Sent, str]:
        """The newest message with a button whose (label, data) satisfies `wanted`."""
        for message in reversed(self.messages):
            for label, data in message.buttons:
                if wanted(label, data):
                    return message, data
        last = self.messages[-1].text if self.messages else None
        raise AssertionError(f"client {self.id}: no such button; last message: {last!r}")

    def press(self, wanted: Callable[[str, str], bool]) -> dict[str, Any]:
        message, data = self.find(wanted)
        return self.button(data, message)


def data_is(value: str) -> Callable[[str, str], bool]:
    return lambda _label, data: data == value


def data_endswith(suffix: str) -> Callable[[str, str], bool]:
    return lambda _label, data: data.endswith(suffix)


def no_or_none(label: str, data: str) -> bool:
    """"No" on a yes/no question, "None of these" on a choose-many one: a real answer."""
    return data.endswith((":no", ":done"))


__all__ = ["ROOT", "Client", "FakeBotApi", "Sandbox", "data_endswith", "data_is", "emit",
           "lean_api", "machine", "mean", "percentile", "rss_kib", "temp_settings"]
