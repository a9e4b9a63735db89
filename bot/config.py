"""Clinic settings: one TOML file in, one frozen object out.

Every bad value is reported with its key and what was expected, all at once, so a clinic can fix
its file in one pass. Secrets (the bot token, webhook secret) never live here: only in the
environment.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from datetime import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from bot.config_schema import LOCALISABLE, ClinicFile, expectation
from bot.validation import Finding, findings


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
class BookingRules:
    """`[booking]`: the free slots clients pick (bot/flows/slots.py)."""

    minutes: int = 30
    buffer_minutes: int = 15
    seats: int = 1
    days_ahead: int = 14
    notice_minutes: int = 120
    auto_confirm: bool = False


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
    # A PostgreSQL server instead of the SQLite file: from the environment (DATABASE_URL),
    # never the file, since the URL may hold a password.
    database_url: str | None = None
    scheduler_interval: float = 30.0
    messages_per_second: int = 30  # the bot's, shared by the instances sending for it
    claim_seconds: float = 300.0
    opening_hours: dict[int, tuple[time, time]] | None = None  # weekday (Mon 0) → open, close
    map_link: str | None = None
    parking: str | None = None
    directions: str | None = None
    # Optional texts by language: how clients can pay, and the clinic's gift certificates.
    payment_methods: dict[str, str] | None = None
    gift_certificates: dict[str, str] | None = None
    # The clinic's public review pages, by the name clients know (Google, Yandex Maps, 2GIS).
    review_links: dict[str, str] | None = None
    weekly_digest: bool = False  # /stats posted to the staff chat on Monday mornings
    # The clinic's own texts given per language (address, parking, directions): `address` and
    # `parking` above hold the default language's, `speaking()` a client's.
    clinic_texts: dict[str, dict[str, str]] = field(default_factory=dict)
    content_dir: Path = SHIPPED_CONTENT
    source: Path | None = None
    # Languages whose catalogs must be whole (`clinicbot check` fails on a gap); any other
    # language shows the default language's text where its own is missing.
    complete_languages: tuple[str, ...] = ()
    # Free slots for clients to pick; without it, clients leave a preferred time of day and
    # staff call them back.
    booking: BookingRules | None = None

    @property
    def complete(self) -> tuple[str, ...]:
        """The languages configured as complete, and always the default: the one others fall
        back to."""
        return tuple(dict.fromkeys((self.default_language, *self.complete_languages)))

    def price_for(self, language: str) -> str:
        return self.price_text.get(language) or self.price_text[self.default_language]

    def text_for(self, texts: dict[str, str] | None, language: str) -> str | None:
        """One of the clinic's optional texts in `language`, else the default language's."""
        if not texts:
            return None
        return texts.get(language) or texts.get(self.default_language)

    def address_for(self, language: str) -> str:
        return self.text_for(self.clinic_texts.get("address"), language) or self.address

    def parking_for(self, language: str) -> str | None:
        return self.text_for(self.clinic_texts.get("parking"), language) or self.parking

    def directions_for(self, language: str) -> str | None:
        return self.text_for(self.clinic_texts.get("directions"), language) or self.directions

    def speaking(self, language: str) -> Settings:
        """These settings as a client of `language` reads them in a template (`clinic.address`,
        `clinic.parking`): the clinic's texts in their language where it gave one."""
        if not self.clinic_texts:
            return self
        return replace(self, address=self.address_for(language),
                       parking=self.parking_for(language))

    def with_database(self, path: Path) -> Settings:
        return replace(self, database=path, database_url=None)

    @property
    def storage(self) -> Path | str:
        """Where the data lives: the PostgreSQL URL when there is one, else the SQLite file."""
        return self.database_url or self.database


def parse_settings(data: dict[str, Any], base_dir: Path) -> Settings:
    try:
        file = ClinicFile.model_validate(data, context={"base_dir": base_dir})
    except ValidationError as exc:
        raise ConfigError([_problem(f) for f in findings(exc)]) from None
    database = Path(file.storage.database)
    content_dir = Path(file.content.directory) if file.content.directory else SHIPPED_CONTENT
    clinic, languages, aftercare = file.clinic, file.languages, file.aftercare
    texts = {key: dict(value) for key in LOCALISABLE
             if isinstance(value := getattr(clinic, key), dict)}

    def default(key: str) -> str | None:
        value: str | dict[str, str] | None = getattr(clinic, key)
        return value[languages.default] if isinstance(value, dict) else value

    return Settings(
        clinic_name=clinic.name, address=default("address") or "",
        clinic_texts=texts, phone=clinic.phone,
        website=clinic.website, timezone=ZoneInfo(clinic.timezone), hemisphere=clinic.hemisphere,
        languages=languages.available, default_language=languages.default,
        complete_languages=languages.complete,
        staff_chat_id=file.staff.chat_id, staff_user_ids=file.staff.user_ids,
        price_text=dict(file.price), database=base_dir / database,
        nudge_hour=aftercare.nudge_hour, quiet_start=aftercare.quiet_hours[0],
        quiet_end=aftercare.quiet_hours[1], retention_days=file.privacy.retention_days,
        content_dir=base_dir / content_dir,
        opening_hours=file.opening_hours.by_weekday() if file.opening_hours else None,
        map_link=clinic.map_link, parking=default("parking"),
        directions=default("directions"),
        payment_methods=dict(clinic.payment_methods) if clinic.payment_methods else None,
        gift_certificates=dict(clinic.gift_certificates) if clinic.gift_certificates else None,
        review_links=dict(clinic.review_links) if clinic.review_links else None,
        weekly_digest=file.staff.weekly_digest,
        scheduler_interval=file.scheduler.interval_seconds,
        claim_seconds=file.scheduler.claim_seconds,
        messages_per_second=file.telegram.messages_per_second,
        booking=BookingRules(**file.booking.model_dump()) if file.booking else None,
    )


def _problem(found: Finding) -> str:
    """One finding as `key: what is wrong; what was expected`, the way the file names it."""
    key = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in found.location)[1:]
    if found.kind == "value_error":
        return f"{key}: {found.message}"
    if found.kind == "extra_forbidden":
        return f"{key}: unknown key"
    expected = expectation(found.location)
    if found.kind == "missing":
        return f"{key}: missing; expected {expected}"
    return f"{key}: got {found.value!r}; expected {expected}"


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
