"""A clinic's configuration file: bad values are named with the key and what is expected."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.config import EXAMPLE_CONFIG, ConfigError, load_settings, parse_settings


def example() -> dict:
    return tomllib.loads(EXAMPLE_CONFIG.read_text(encoding="utf-8"))


def test_example_config_is_valid_and_complete() -> None:
    settings = load_settings(EXAMPLE_CONFIG)
    assert settings.clinic_name == "Lumière Skin Clinic"
    languages = example()["languages"]
    assert settings.languages == tuple(languages["available"])
    assert settings.default_language == languages["default"] == settings.complete[0]
    assert settings.timezone.key == "Europe/London"
    assert settings.staff_chat_id == -1001234567890
    assert settings.database == EXAMPLE_CONFIG.parent / "clinicbot.sqlite3"
    assert settings.price_for("ru").startswith("Алмазная") and settings.price_for("de")
    assert (settings.messages_per_second, settings.scheduler_interval,
            settings.claim_seconds, settings.database_url) == (30, 30.0, 300.0, None)


@pytest.mark.parametrize("section, key, value, message", [
    ("clinic", "timezone", "Mars/Olympus", "clinic.timezone: unknown timezone 'Mars/Olympus'"),
    ("clinic", "hemisphere", "east", "clinic.hemisphere: got 'east'"),
    ("languages", "default", "de", "languages.default: 'de' is not in languages.available"),
    ("languages", "complete", ["en", "de"], "languages.complete: ['de'] not in languages.avai"),
    ("staff", "chat_id", "staff", "staff.chat_id: got 'staff'; expected the staff group's"),
    ("staff", "user_ids", [1, "two"], "staff.user_ids: expected a list of numeric"),
    ("aftercare", "nudge_hour", 25, "aftercare.nudge_hour: got 25; expected an hour"),
    ("aftercare", "quiet_hours", ["9pm", "08:00"], "aftercare.quiet_hours[0]: got '9pm'"),
    ("clinic", "name", "  ", "clinic.name: is empty"),
    ("opening_hours", "mon", "10-20", "opening_hours.mon: got '10-20'; expected opening and"),
    ("opening_hours", "sat", "16:00-10:00", "opening_hours.sat: got '16:00-10:00'"),
    ("telegram", "messages_per_second", 0, "telegram.messages_per_second: got 0; expected the"
     " bot's sending limit"),
    ("scheduler", "claim_seconds", 0, "scheduler.claim_seconds: got 0; expected seconds an"),
])
def test_bad_values_name_the_key(section: str, key: str, value: object, message: str) -> None:
    data = example()
    data.setdefault(section, {})[key] = value
    with pytest.raises(ConfigError) as error:
        parse_settings(data, Path("."))
    assert any(p.startswith(message) for p in error.value.problems), error.value.problems


def test_missing_keys_are_all_reported_at_once() -> None:
    data = example()
    del data["clinic"]["phone"], data["staff"]
    with pytest.raises(ConfigError) as error:
        parse_settings(data, Path("."))
    assert "clinic.phone: missing; expected a non-empty string" in error.value.problems
    assert any(p.startswith("staff.chat_id: missing") for p in error.value.problems)


def test_unreadable_file_is_one_clear_problem(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_settings(tmp_path / "nope.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[clinic\nname = 1")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(broken)


def test_a_misspelt_key_is_reported_not_ignored() -> None:
    data = example()
    data["clinic"]["nmae"] = "Lumière"
    data["aftercare"]["quiet_hours"] = ["21:00", "08:00", "09:00"]
    with pytest.raises(ConfigError) as error:
        parse_settings(data, Path("."))
    assert error.value.problems == [
        "clinic.nmae: unknown key",
        "aftercare.quiet_hours: got ['21:00', '08:00', '09:00']; expected two times, "
        'e.g. ["21:00", "09:00"]']
