"""Transport edges: optional Bot API methods missing, a rejected token, unexpected errors."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import FakeBotApi, Sandbox
from bot.flows import consent
from bot.flows.routes import client_router
from tests.chat import Texts, shown
from tests.test_cli import clinicbot


async def test_server_without_optional_methods_logs_one_warning_and_works(
    settings: Settings, clock: FixedClock, content: Content, caplog: pytest.LogCaptureFixture
) -> None:
    api = FakeBotApi(unsupported={"setMyCommands"})
    with caplog.at_level(logging.WARNING):
        sandbox = await Sandbox.start(settings, clock, api)
    try:
        warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warnings) == 1 and "command menu" in warnings[0].getMessage()
        reply = shown(await sandbox.user().send("/start"))
        assert Texts(content, "en")("welcome.disclaimer") in reply
    finally:
        await sandbox.stop()


async def test_commands_are_announced_per_language(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """Every registered command with a label, in the order the flows register them, described
    in each configured language (the default one for clients of any other)."""
    announced = [p for method, p in bot.api.calls
                 if method == "setMyCommands" and "scope" not in p]  # the staff chat's apart
    assert [p.get("language_code") for p in announced] == [
        None if language == settings.default_language else language
        for language in settings.languages]
    listed = [c for c in client_router().commands.values() if c.label]
    for language, call in zip(settings.languages, announced, strict=True):
        assert [(c["command"], c["description"]) for c in call["commands"]] == [
            (c.name, Texts(content, language).label(str(c.label))) for c in listed]


async def test_unexpected_error_is_logged_without_text_and_the_client_gets_an_apology(
    bot: Sandbox, content: Content, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(visit: object) -> None:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(consent, "begin", broken)
    user = bot.user()
    await user.send("/menu")
    with caplog.at_level(logging.ERROR):
        await user.press("Eligibility")
    assert user.last.text == Texts(content, "en")("error.internal")
    assert [type(e) for e in bot.errors] == [RuntimeError]
    bot.errors.clear()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "callback_query" in logged and "Anna" not in logged


class _Rejecting(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        body = b'{"ok": false, "error_code": 401, "description": "Unauthorized"}'
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def rejecting_server() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Rejecting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/bot"
    server.shutdown()
    server.server_close()


def test_rejected_token_is_one_clear_line(rejecting_server: str, tmp_path: Path) -> None:
    result = clinicbot("run", env={"TELEGRAM_BOT_TOKEN": "1:wrong",
                                   "TELEGRAM_API_BASE_URL": rejecting_server}, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("clinicbot:")]
    assert lines == ["clinicbot: Telegram rejected the bot token in TELEGRAM_BOT_TOKEN; "
                     "check it with @BotFather"]
    assert "Traceback" not in result.stderr and "1:wrong" not in result.stderr
