"""Clinic settings: one TOML file in, one frozen object out.

Every bad value is reported with its key and what was expected, all at once, so a clinic can fix
its file in one pass. Secrets (the bot token, webhook secret) never live here: only in the
environment.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, replace
from datetime import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def _shipped_root() -> Path:
    """Where the shipped dialogs/, locales/ and example configuration are: inside the installed
    package (a wheel carries them in bot/shipped/), else the checkout an editable install runs
    from."""
    package = Path(__file__).resolve().parent
    packaged = package / "shipped"
    return packaged if packaged.is_dir() else package.parent


SHIPPED_CONTENT = _shipped_root()
EXAMPLE_CONFIG = SHIPPED_CONTENT / "clinic.example.toml"


class ConfigError(Exception):
    """Raised with every problem found, one per line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Settings:
    clinic_name: str
    address: str
    phone: str
    website: str
    timezone: ZoneInfo
    hemisphere: str
    languages: tuple[str, ...]
    default_language: str
    staff_chat_id: int
    staff_user_ids: frozenset[int]
    price_text: dict[str, str]
    database: Path
    nudge_hour: int
    quiet_start: time
    quiet_end: time
    retention_days: int = 365
    content_dir: Path = SHIPPED_CONTENT
    source: Path | None = None

    def price_for(self, language: str) -> str:
        return self.price_text.get(language) or self.price_text[self.default_language]

    def with_database(self, path: Path) -> Settings:
        return replace(self, database=path)


class _Reader:
    """Pulls typed values out of the parsed TOML, collecting problems instead of stopping."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.problems: list[str] = []

    def get(self, key: str, kind: type, expected: str, default: Any = ...) -> Any:
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                if default is ...:
                    self.problems.append(f"{key}: missing; expected {expected}")
                return None if default is ... else default
            node = node[part]
        if kind is int and isinstance(node, bool) or not isinstance(node, kind):
            self.problems.append(f"{key}: got {node!r}; expected {expected}")
            return None
        return node

    def string(self, key: str, default: Any = ...) -> str:
        value = self.get(key, str, "a non-empty string", default)
        if value is not None and not value.strip():
            self.problems.append(f"{key}: is empty; expected a non-empty string")
        return value or ""


_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def _parse_time(reader: _Reader, key: str, value: Any) -> time:
    if isinstance(value, str) and (m := _HHMM.match(value)):
        return time(int(m.group(1)), int(m.group(2)))
    reader.problems.append(f"{key}: got {value!r}; expected a time as \"HH:MM\"")
    return time(0, 0)


def parse_settings(data: dict[str, Any], base_dir: Path) -> Settings:
    r = _Reader(data)
    name, address = r.string("clinic.name"), r.string("clinic.address")
    phone, website = r.string("clinic.phone"), r.string("clinic.website")
    tz_name = r.string("clinic.timezone")
    tz = ZoneInfo("UTC")
    if tz_name:
        try:
            tz = ZoneInfo(tz_name)
        except (ZoneInfoNotFoundError, ValueError):
            r.problems.append(
                f"clinic.timezone: unknown timezone {tz_name!r}; expected an IANA name "
                "such as \"Europe/Berlin\""
            )
    hemisphere = r.get("clinic.hemisphere", str, '"north" or "south"', "north")
    if hemisphere not in ("north", "south"):
        r.problems.append(f"clinic.hemisphere: got {hemisphere!r}; expected \"north\" or \"south\"")

    languages = r.get("languages.available", list, 'a list of language codes like ["en", "ru"]')
    languages = languages or []
    if not languages or not all(isinstance(x, str) and x for x in languages):
        r.problems.append("languages.available: expected a non-empty list of language codes")
        languages = ["en"]
    default_language = r.string("languages.default")
    if default_language and default_language not in languages:
        r.problems.append(
            f"languages.default: {default_language!r} is not in languages.available {languages}"
        )

    chat_id = r.get("staff.chat_id", int, "the staff group's numeric chat id, e.g. -1001234567890")
    user_ids = r.get("staff.user_ids", list, "a list of numeric Telegram user ids") or []
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in user_ids):
        r.problems.append("staff.user_ids: expected a list of numeric Telegram user ids")
        user_ids = []

    prices = r.get("price", dict, "a table of price texts by language, e.g. en = \"...\"") or {}
    if prices and default_language and default_language not in prices:
        r.problems.append(
            f"price.{default_language}: missing; expected the default language's price text")
    for lang, value in prices.items():
        if not isinstance(value, str) or not value.strip():
            r.problems.append(f"price.{lang}: expected a non-empty string")

    db_value = r.get("storage.database", str, "a file path", "clinicbot.sqlite3")
    database = Path(db_value) if db_value else Path("clinicbot.sqlite3")
    if not database.is_absolute():
        database = base_dir / database

    nudge_hour = r.get("aftercare.nudge_hour", int, "an hour from 0 to 23", 10)
    if nudge_hour is not None and not 0 <= nudge_hour <= 23:
        r.problems.append(f"aftercare.nudge_hour: got {nudge_hour}; expected an hour from 0 to 23")
    quiet = r.get("aftercare.quiet_hours", list, 'two times, e.g. ["21:00", "09:00"]',
                  ["21:00", "08:00"]) or []
    if len(quiet) != 2:
        r.problems.append(f"aftercare.quiet_hours: got {quiet!r}; expected two times")
        quiet = ["21:00", "08:00"]
    quiet_start = _parse_time(r, "aftercare.quiet_hours[0]", quiet[0])
    quiet_end = _parse_time(r, "aftercare.quiet_hours[1]", quiet[1])

    content_value = r.get("content.directory", str, "a folder holding dialogs/ and locales/", "")
    content_dir = SHIPPED_CONTENT
    if content_value:
        content_dir = Path(content_value)
        if not content_dir.is_absolute():
            content_dir = base_dir / content_dir
        if not (content_dir / "dialogs").is_dir() or not (content_dir / "locales").is_dir():
            r.problems.append(f"content.directory: {content_dir} has no dialogs/ and locales/")

    retention = r.get("privacy.retention_days", int, "a number of days (at least 30)", 365)
    if retention is not None and retention < 30:
        r.problems.append(f"privacy.retention_days: got {retention}; expected at least 30 days")

    if r.problems:
        raise ConfigError(r.problems)
    return Settings(
        clinic_name=name, address=address, phone=phone, website=website, timezone=tz,
        hemisphere=hemisphere, languages=tuple(languages), default_language=default_language,
        staff_chat_id=chat_id, staff_user_ids=frozenset(user_ids), price_text=dict(prices),
        database=database, nudge_hour=nudge_hour, quiet_start=quiet_start, quiet_end=quiet_end,
        retention_days=retention, content_dir=content_dir,
    )


def load_settings(path: Path | None = None) -> Settings:
    """Read the file named by --config, else CLINICBOT_CONFIG, else the shipped example."""
    if path is None:
        env = os.environ.get("CLINICBOT_CONFIG")
        path = Path(env) if env else EXAMPLE_CONFIG
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError([f"{path}: configuration file not found"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{path}: not valid TOML: {exc}"]) from None
    return replace(parse_settings(data, path.resolve().parent), source=path)
