"""The clinic's TOML file as pydantic models: one per table, each key with what it expects.

A key's `description` completes the sentence "expected …" in a problem report, so a clinic reads
e.g. `staff.chat_id: got 'staff'; expected the staff group's numeric chat id`.
"""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from bot.validation import Location, Problems

TEXT = "a non-empty string"
TEXTS = 'a table of texts by language, e.g. en = "..."'
TEXT_OR_TEXTS = 'a non-empty string, or a table of texts by language, e.g. en = "..."'
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def _non_empty(value: str) -> str:
    if not value.strip():
        raise ValueError(f"is empty; expected {TEXT}")
    return value


def _known_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown timezone {name!r}; expected an IANA name such as "
                         "\"Europe/Berlin\"") from None
    return name


def _hhmm(value: object) -> time:
    if isinstance(value, str) and (m := _HHMM.match(value)):
        return time(int(m.group(1)), int(m.group(2)))
    raise ValueError(f"got {value!r}; expected a time as \"HH:MM\"")


def _list_of(kind: type, expected: str) -> BeforeValidator:
    """A list whose every item is a non-empty `kind` (never a bool), else one clear problem."""
    def check(value: object) -> object:
        if isinstance(value, list) and value and all(
                isinstance(x, kind) and not isinstance(x, bool) and x != "" for x in value):
            return value
        raise ValueError(f"expected {expected}")
    return BeforeValidator(check)


Text = Annotated[StrictStr, AfterValidator(_non_empty)]
Clock = Annotated[time, BeforeValidator(_hhmm)]


class Table(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


LOCALISABLE = ("address", "parking", "directions")  # one string for all, or one per language


class Clinic(Table):
    name: Text = Field(description=TEXT)
    address: Text | dict[str, Text] = Field(description=TEXT_OR_TEXTS)
    phone: Text = Field(description=TEXT)
    website: Text = Field(description=TEXT)
    timezone: Annotated[Text, AfterValidator(_known_zone)] = Field(description=TEXT)
    hemisphere: Literal["north", "south"] = Field("north", description='"north" or "south"')
    map_link: Text | None = Field(None, description=TEXT)
    parking: Text | dict[str, Text] | None = Field(None, description=TEXT_OR_TEXTS)
    directions: Text | dict[str, Text] | None = Field(None, description=TEXT_OR_TEXTS)
    payment_methods: dict[str, Text] | None = Field(None, description=TEXTS)
    gift_certificates: dict[str, Text] | None = Field(None, description=TEXTS)
    review_links: dict[str, Text] | None = Field(
        None, description='a table of public review pages, e.g. Google = "https://..."')


class Languages(Table):
    available: Annotated[tuple[str, ...],
                         _list_of(str, "a non-empty list of language codes")] = Field(
        description='a list of language codes like ["en", "ru"]')
    default: Text = Field(description=TEXT)

    @field_validator("default")
    @classmethod
    def _available(cls, default: str, info: ValidationInfo) -> str:
        available = info.data.get("available")
        if available is not None and default not in available:
            raise ValueError(f"{default!r} is not in languages.available {list(available)}")
        return default

    complete: tuple[StrictStr, ...] = Field(
        (), description='a list of codes from languages.available, like ["en", "ru"]')

    @field_validator("complete")
    @classmethod
    def _complete_available(cls, complete: tuple[str, ...], info: ValidationInfo
                            ) -> tuple[str, ...]:
        available = info.data.get("available")
        unknown = [code for code in complete if available is not None and code not in available]
        if unknown:
            raise ValueError(f"{unknown} not in languages.available {list(available or ())}")
        return complete


class Staff(Table):
    chat_id: StrictInt = Field(
        description="the staff group's numeric chat id, e.g. -1001234567890")
    user_ids: Annotated[frozenset[int], _list_of(int, "a list of numeric Telegram user ids")] = \
        Field(description="a list of numeric Telegram user ids")
    weekly_digest: StrictBool = Field(
        False, description="true or false: /stats posted to the staff chat on Monday mornings")


class Storage(Table):
    database: StrictStr = Field("clinicbot.sqlite3", description="a file path")


class Telegram(Table):
    messages_per_second: StrictInt = Field(
        30, ge=1, le=1000, description="the bot's sending limit: 30 unless Telegram raised it")


class Scheduler(Table):
    interval_seconds: float = Field(30.0, gt=0, le=3600,
                                    description="seconds between looks for due messages")
    claim_seconds: float = Field(
        300.0, gt=0, description="seconds an instance keeps a due message it took before"
        " another instance may send it (several instances on PostgreSQL)")


class Aftercare(Table):
    nudge_hour: StrictInt = Field(10, ge=0, le=23, description="an hour from 0 to 23")
    quiet_hours: tuple[Clock, Clock] = Field(
        (time(21), time(8)), description='two times, e.g. ["21:00", "09:00"]')


_SPAN = re.compile(r"^\s*(\d\d:\d\d)\s*[-–]\s*(\d\d:\d\d)\s*$")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _span(value: object) -> tuple[time, time]:
    m = _SPAN.match(value) if isinstance(value, str) else None
    if m:
        opens, closes = _hhmm(m.group(1)), _hhmm(m.group(2))
        if opens < closes:
            return opens, closes
    raise ValueError(f"got {value!r}; expected opening and closing times as \"10:00-20:00\"")


Span = Annotated[tuple[time, time], BeforeValidator(_span)]


class OpeningHours(Table):
    """A day left out is closed; with no table at all, the hours are not told or checked."""

    mon: Span | None = Field(None, description='a span like "10:00-20:00"')
    tue: Span | None = Field(None, description='a span like "10:00-20:00"')
    wed: Span | None = Field(None, description='a span like "10:00-20:00"')
    thu: Span | None = Field(None, description='a span like "10:00-20:00"')
    fri: Span | None = Field(None, description='a span like "10:00-20:00"')
    sat: Span | None = Field(None, description='a span like "10:00-20:00"')
    sun: Span | None = Field(None, description='a span like "10:00-20:00"')

    def by_weekday(self) -> dict[int, tuple[time, time]]:
        return {day: span for day, name in enumerate(DAYS)
                if (span := getattr(self, name)) is not None}


class Booking(Table):
    """Free slots the client picks: laid out from opening time, one every `minutes` plus
    `buffer_minutes`, each with `seats` places."""

    minutes: StrictInt = Field(30, ge=5, le=480,
                               description="the procedure's length in minutes (5 to 480)")
    buffer_minutes: StrictInt = Field(
        15, ge=0, le=240, description="minutes kept free after each procedure (0 to 240)")
    seats: StrictInt = Field(1, ge=1, le=50,
                             description="how many clients can be seen at once (1 to 50)")
    days_ahead: StrictInt = Field(14, ge=1, le=60,
                                  description="how many days ahead clients may book (1 to 60)")
    notice_minutes: StrictInt = Field(
        120, ge=0, le=2880, description="how soon a slot may start, in minutes from now")
    auto_confirm: bool = Field(False, description="true or false: a picked slot is confirmed"
                               " at once, without staff")


class Privacy(Table):
    retention_days: StrictInt = Field(365, ge=30, description="a number of days (at least 30)")


class OwnContent(Table):
    directory: StrictStr = Field("", description="a folder holding dialogs/ and locales/")

    @field_validator("directory")
    @classmethod
    def _has_content(cls, directory: str, info: ValidationInfo) -> str:
        base = info.context["base_dir"] if info.context else Path(".")
        folder = base / directory
        if directory and not ((folder / "dialogs").is_dir() and (folder / "locales").is_dir()):
            raise ValueError(f"{folder} has no dialogs/ and locales/")
        return directory


def _table(description: str) -> Any:
    """A table that may be left out: its keys are then checked (and reported) one by one."""
    return Field(default_factory=dict, validate_default=True, description=description)


class ClinicFile(Table):
    clinic: Clinic = _table("a [clinic] table")
    languages: Languages = _table("a [languages] table")
    staff: Staff = _table("a [staff] table")
    price: dict[str, StrictStr] = Field(
        description='a table of price texts by language, e.g. en = "..."')
    storage: Storage = _table("a [storage] table")
    aftercare: Aftercare = _table("an [aftercare] table")
    privacy: Privacy = _table("a [privacy] table")
    scheduler: Scheduler = _table("a [scheduler] table")
    telegram: Telegram = _table("a [telegram] table")
    content: OwnContent = _table("a [content] table")
    opening_hours: OpeningHours | None = Field(None, description="an [opening_hours] table")
    booking: Booking | None = Field(None, description="a [booking] table")

    @field_validator("price", mode="before")
    @classmethod
    def _texts(cls, prices: object, info: ValidationInfo) -> object:
        if not isinstance(prices, dict):
            return prices
        found = [((lang,), f"expected {TEXT}") for lang, text in prices.items()
                 if not isinstance(text, str) or not text.strip()]
        languages = info.data.get("languages")
        if languages is not None and languages.default not in prices:
            found.append(((languages.default,),
                          "missing; expected the default language's price text"))
        if found:
            raise Problems(*found)
        return prices

    @model_validator(mode="after")
    def _slots_need_opening_hours(self) -> ClinicFile:
        if self.booking is not None and self.opening_hours is None:
            raise Problems((("booking",), "needs an [opening_hours] table to lay out the slots"))
        return self

    @model_validator(mode="after")
    def _clinic_texts_in_the_default_language(self) -> ClinicFile:
        """An optional per-language clinic text, once given, has the default language's."""
        default = self.languages.default
        found = [(("clinic", key, default), "missing; expected the default language's text")
                 for key in ("payment_methods", "gift_certificates", *LOCALISABLE)
                 if isinstance(texts := getattr(self.clinic, key), dict)
                 and default not in texts]
        if found:
            raise Problems(*found)
        return self


def expectation(location: Location) -> str:
    """The `description` of the key at `location`, or of the nearest table above it."""
    model: Any = ClinicFile
    expected = "a valid value"
    for part in location:
        field = model.model_fields.get(part) if isinstance(part, str) and model else None
        if field is None:
            break
        expected = field.description or expected
        model = field.annotation if isinstance(field.annotation, type) and issubclass(
            field.annotation, BaseModel) else None
    return expected
