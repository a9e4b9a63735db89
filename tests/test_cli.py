"""The console: run without a token, check, and the shell as a newcomer would use them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def clinicbot(*args: str, stdin: str = "", env: dict[str, str] | None = None,
              cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("TELEGRAM_BOT_TOKEN", "CLINICBOT_CONFIG", "DATABASE_URL")}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, text=True,
                          capture_output=True, cwd=cwd, env=environment, timeout=60)


def test_run_without_a_token_is_one_clear_line(tmp_path: Path) -> None:
    result = clinicbot("run", cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "clinicbot: TELEGRAM_BOT_TOKEN is not set (put it in the environment or a .env file);"
        " get one from @BotFather"]


def test_bad_config_names_the_key(tmp_path: Path) -> None:
    config = tmp_path / "clinic.toml"
    config.write_text((ROOT / "clinic.example.toml").read_text().replace(
        'timezone = "Europe/London"', 'timezone = "Europe/Atlantis"'))
    result = clinicbot("--config", str(config), "check")
    assert result.returncode == 2
    assert "clinic.timezone: unknown timezone 'Europe/Atlantis'" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_passes_on_shipped_content() -> None:
    result = clinicbot("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("check: ok (")


def test_shell_runs_a_journey_and_keeps_its_database(tmp_path: Path) -> None:
    database = tmp_path / "shell.sqlite3"
    first = clinicbot("shell", "--database", str(database), "--language", "ru",
                      stdin="/start\n3\n/quit\n")
    assert first.returncode == 0, first.stderr
    assert "Lumière Skin Clinic" in first.stdout and "[1]" in first.stdout
    # The next run goes on with the same chat, and is answered: its messages are new to the
    # bot, though it saw as many before.
    second = clinicbot("shell", "--database", str(database), "--language", "ru",
                       stdin="/start\nсколько стоит?\n")
    assert second.returncode == 0, second.stderr
    answers = second.stdout.split("you> ")
    assert "Lumière Skin Clinic" in answers[1] and "[1]" in answers[1], second.stdout
    assert "bot:" in answers[2], second.stdout


def test_shell_clock_shows_the_whole_aftercare_week(tmp_path: Path) -> None:
    result = clinicbot("shell", "--database", str(tmp_path / "week.sqlite3"), "--language", "en",
                       stdin="/aftercare\n/clock +8d\n/quit\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("How is your skin today?") == 8
    assert "Day 7: your aftercare week is complete" in result.stdout


def test_config_is_accepted_before_or_after_the_subcommand(tmp_path: Path) -> None:
    config = tmp_path / "clinic.toml"
    config.write_text((ROOT / "clinic.example.toml").read_text().replace(
        'name = "Lumière Skin Clinic"', 'name = ""'))
    for args in (("--config", str(config), "check"), ("check", "--config", str(config))):
        result = clinicbot(*args, cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})
        assert result.returncode == 2, args
        assert "clinic.name: is empty" in result.stderr


def test_example_configuration_shows_the_form_the_cli_accepts() -> None:
    example = (ROOT / "clinic.example.toml").read_text()
    form = re.search(r"`(clinicbot run --config clinic\.toml)`", example)
    assert form is not None
    result = clinicbot(*form.group(1).split()[1:], "--help")
    assert result.returncode == 0 and "--config" in result.stdout


def content_copy(tmp_path: Path) -> Path:
    """A configuration whose content is a copy of the shipped one, to damage."""
    import shutil

    for name in ("dialogs", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name)
    config = tmp_path / "clinic.toml"
    config.write_text((ROOT / "clinic.example.toml").read_text(encoding="utf-8")
                      + f'\n[content]\ndirectory = "{tmp_path}"\n', encoding="utf-8")
    return config


def test_a_misspelt_placeholder_stops_the_start_not_every_greeting(tmp_path: Path) -> None:
    """"%(nam)s" in the Russian greeting: `check` named it, but the shell (and `run`) started,
    and every Russian /start answered "something went wrong"."""
    config = content_copy(tmp_path)
    po = tmp_path / "locales" / "ru" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    greeting = text.index('msgid "welcome.greeting"')
    at = text.index("%(name)s", greeting)
    po.write_text(text[:at] + "%(nam)s" + text[at + len("%(name)s"):], encoding="utf-8")
    result = clinicbot("--config", str(config), "shell", "--database",
                       str(tmp_path / "shell.sqlite3"), "--language", "ru", stdin="/start\n")
    assert result.returncode == 2
    assert "'welcome.greeting' (ru) uses %(nam)s" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_yaml_slip_in_a_words_file_names_the_file(tmp_path: Path) -> None:
    """A bracket too many in dialogs/words.en.yaml gave a 39-line traceback naming no file."""
    config = content_copy(tmp_path)
    words = tmp_path / "dialogs" / "words.en.yaml"
    text = words.read_text(encoding="utf-8")
    words.write_text(text.replace("  today: [", "  today: [[", 1), encoding="utf-8")
    result = clinicbot("--config", str(config), "check")
    assert result.returncode == 2
    assert "dialogs/words.en.yaml: not valid YAML" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_with_the_bot_api_out_of_reach_is_one_clear_line(tmp_path: Path) -> None:
    """With Telegram out of reach, `run` printed an 80-line traceback, exit 1."""
    config = tmp_path / "clinic.toml"
    config.write_text((ROOT / "clinic.example.toml").read_text(encoding="utf-8").replace(
        'database = "clinicbot.sqlite3"', f'database = "{tmp_path / "bot.sqlite3"}"'),
        encoding="utf-8")
    result = clinicbot("--config", str(config), "run", env={
        "TELEGRAM_BOT_TOKEN": "123456:ABCdef", "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot"})
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("clinicbot: cannot reach the Bot API at http://127.0.0.1:9/bot")
