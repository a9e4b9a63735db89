"""Two flows registering the same command stop the bot at start with one line naming the
command and both flows, never a traceback."""

from __future__ import annotations

import pytest

from bot.cli import main
from bot.flows import privacy
from bot.flows.router import DeskRouter, Router
from bot.flows.staff import stats


@pytest.fixture
def twice(monkeypatch: pytest.MonkeyPatch) -> None:
    """The privacy flow also registers /start, which the menu flow owns."""
    registered = privacy.register

    def register(router: Router) -> None:
        registered(router)
        router.command("start")(privacy.my_data)  # type: ignore[arg-type]

    monkeypatch.setattr(privacy, "register", register)


@pytest.mark.usefixtures("twice")
@pytest.mark.parametrize("command", ["check", "run", "shell"])
def test_a_command_registered_twice_is_one_line_at_start(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:not-checked")
    assert main([command]) == 2
    captured = capsys.readouterr()
    assert captured.err.strip().splitlines() == [
        "clinicbot: command /start is registered twice: by bot.flows.menu and by "
        "bot.flows.privacy"]
    assert captured.out == ""


def test_a_staff_command_registered_twice_names_both_flows(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    registered = stats.register

    def register(desk: DeskRouter) -> None:
        registered(desk)
        desk.command("today")(stats.stats)

    monkeypatch.setattr(stats, "register", register)
    assert main(["check"]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        "clinicbot: staff command /today is registered twice: by bot.flows.staff.agenda and by "
        "bot.flows.staff.stats"]
