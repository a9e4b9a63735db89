"""`clinicbot shell`, the newcomer's first sight of the bot: whatever the bot sends is shown,
and the session goes on."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.devtools.sandbox import Sandbox
from bot.devtools.shell import Shell
from tests.desk import seed_lead, stores_of


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


async def test_a_file_deleted_from_the_staff_chat_is_shown_deleted(
    bot: Sandbox, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    """/forget after /export deletes the export from the staff chat, and the shell showed
    nothing: a privacy check in the shell found the file still there, as far as it could
    see."""
    shell = shell_of(bot, settings)
    await seed_lead(stores_of(bot), user_id=shell.client.id, first_name="Alex",
                    created=bot.clock.now(), phone="+44 7400 123456")
    for line in ("/as staff", "/export", "/as client", "/forget"):
        assert await shell.handle(line)
    capsys.readouterr()
    assert await shell.handle("1")
    shown = capsys.readouterr().out
    assert "deleted from the staff chat" in shown and "leads_start_" in shown
