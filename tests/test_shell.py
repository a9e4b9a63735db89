"""`clinicbot shell`, the newcomer's first sight of the bot: whatever the bot sends is shown,
and the session goes on."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.devtools.sandbox import Sandbox
from bot.devtools.shell import Shell


def shell_of(bot: Sandbox, settings: Settings) -> Shell:
    client = bot.user(1001, "Alex", username="alex_client")
    staff = bot.user(min(settings.staff_user_ids), "Staff member")
    staff.chat = {"id": settings.staff_chat_id, "type": "supergroup", "title": "Staff"}
    return Shell(bot, client, staff)


async def test_a_chart_sent_to_staff_is_named_not_printed(
    bot: Sandbox, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    """/stats sends a PNG chart: the shell printed it as text and died on its first byte."""
    shell = shell_of(bot, settings)
    for line in ("/start", "/as staff", "/stats"):
        assert await shell.handle(line)
    shown = capsys.readouterr().out
    assert "[file] stats.png (" in shown and "bytes)" in shown
    assert await shell.handle("/as client") and await shell.handle("/start")
