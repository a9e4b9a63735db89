"""The metrics a webhook instance serves on its loopback port count what happened: a short
journey (a command, a button, a question) shows up as updates by kind and reply times."""

from __future__ import annotations

import asyncio
import socket
import urllib.request

from bot.content import Content
from bot.devtools.sandbox import Sandbox
from tests.chat import Texts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def scrape(port: int) -> dict[str, float]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as answer:
        text = answer.read().decode()
    return {name: float(value) for name, value in
            (line.rsplit(" ", 1) for line in text.splitlines() if not line.startswith("#"))}


async def test_the_endpoint_counts_a_short_journey(bot: Sandbox, content: Content) -> None:
    t = Texts(content, "en")
    metrics = bot.app.bot_data["metrics"]
    port = free_port()
    server = metrics.serve(port)
    try:
        client = bot.user(4242)
        await client.send("/start")
        await client.press(t.label("menu.faq"))
        await client.send("where are you")
        await metrics.refresh(bot.app.bot_data["services"])
        found = await asyncio.to_thread(scrape, port)
    finally:
        server.shutdown()
        server.server_close()
    assert found['clinicbot_updates_total{kind="message"}'] == 2
    assert found['clinicbot_updates_total{kind="callback_query"}'] == 1
    assert found["clinicbot_reply_seconds_count"] == 3
    assert found['clinicbot_reply_seconds_bucket{le="+Inf"}'] == 3
    assert found["clinicbot_outbox_waiting"] == 0 and found["clinicbot_outbox_due"] == 0
    assert found["clinicbot_telegram_429_total"] == 0
    assert found["clinicbot_updates_taken_over_total"] == 0
    assert "clinicbot_instances_alive" in found
