"""Typed callback data, in the manner of aiogram's CallbackData: one base, one parser.

A button's data is declared next to the flow handler that consumes it, as a frozen dataclass:

    @dataclass(frozen=True)
    class Checkin(CallbackData, prefix="care"):
        plan: int
        day: Annotated[int, Between(0, 60)]
        answer: str

`Checkin(12, 3, "fine").pack()` gives `care:12:3:fine`; `Checkin.unpack(data)` gives it back or
raises `StaleButton` for anything this bot did not build (wrong prefix, number of fields or
type, an int out of range, an unknown choice), so a stale or forged button has one graceful
path. Packing checks Telegram's 64-byte limit, which python-telegram-bot does not.
Field types: `str` (ASCII letters, digits, `_ . -`), `int` (ASCII digits, 0..MAX_ID unless
`Between` says otherwise), `Literal[...]` and `Annotated[str, OneOf(...)]`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    ClassVar,
    Literal,
    Self,
    get_args,
    get_origin,
    get_type_hints,
)

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.content import Content

MAX_BYTES = 64
MAX_ID = 2**63 - 1  # SQLite's largest rowid
SEPARATOR = ":"
_WORD = re.compile(r"[A-Za-z0-9_.\-]+")
_DIGITS = re.compile(r"[0-9]{1,19}")
_FIELDS: dict[type, tuple[tuple[str, Callable[[str], Any]], ...]] = {}


class StaleButton(ValueError):
    """Callback data this bot did not build, or built for a state that has passed."""


@dataclass(frozen=True)
class Between:
    """Bounds of an int field, both included."""

    low: int
    high: int


@dataclass(frozen=True)
class OneOf:
    """The values a str field may take."""

    values: tuple[str, ...]


class CallbackData:
    """Base of every button's data; `prefix` names the kind of button on the wire."""

    prefix: ClassVar[str]

    def __init_subclass__(cls, *, prefix: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not _WORD.fullmatch(prefix):
            raise ValueError(f"callback prefix {prefix!r}: use letters, digits, _ . -")
        cls.prefix = prefix

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[Self]:
        """Every button of this kind the content can produce, with the largest ids storage can
        give: `clinicbot check` packs them all, so none can outgrow Telegram's limit."""
        raise NotImplementedError(f"{cls.__name__} gives no examples")

    def pack(self) -> str:
        """The wire form; ValueError when a value would not unpack or the data is too long."""
        parts = [self.prefix]
        for name, parse in _fields(type(self)):
            text = str(getattr(self, name))
            parse(text)
            parts.append(text)
        data = SEPARATOR.join(parts)
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data

    @classmethod
    def unpack(cls, data: str | None) -> Self:
        if not data or len(data) > MAX_BYTES:
            raise StaleButton("empty or oversized callback data")
        prefix, *parts = data.split(SEPARATOR)
        fields = _fields(cls)
        if prefix != cls.prefix or len(parts) != len(fields):
            raise StaleButton(f"not {cls.__name__} data")
        values = (parse(part) for (_, parse), part in zip(fields, parts, strict=True))
        return cls(*values)


def prefix_of(data: str | None) -> str:
    return (data or "").split(SEPARATOR, 1)[0]


def _fields(cls: type[CallbackData]) -> tuple[tuple[str, Callable[[str], Any]], ...]:
    """The dataclass fields with the parser of each, worked out once per class: every button
    shown packs its data, and every press unpacks it."""
    if cls not in _FIELDS:
        hints = get_type_hints(cls, include_extras=True)
        _FIELDS[cls] = tuple((f.name, _parser(hints[f.name]))
                             for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    return _FIELDS[cls]


def _parser(kind: Any) -> Callable[[str], Any]:
    """What turns text into a value of the field type `kind`, raising StaleButton when the
    text is not one."""
    rule = None
    if get_origin(kind) is Annotated:
        kind, rule, *_ = get_args(kind)
    if get_origin(kind) is Literal:
        return partial(_choice, get_args(kind), "not one of the choices")
    if kind is int:
        return partial(_number, rule if isinstance(rule, Between) else Between(0, MAX_ID))
    if kind is str:
        return partial(_word, rule.values if isinstance(rule, OneOf) else None)
    return _unsupported


def _choice(choices: tuple[Any, ...], problem: str, text: str) -> str:
    if text not in choices:
        raise StaleButton(problem)
    return text


def _number(bounds: Between, text: str) -> int:
    if not _DIGITS.fullmatch(text) or not bounds.low <= int(text) <= bounds.high:
        raise StaleButton("not a number in range")
    return int(text)


def _word(values: tuple[str, ...] | None, text: str) -> str:
    if not _WORD.fullmatch(text):
        raise StaleButton("not a value of this field")
    return text if values is None else _choice(values, "not one of the choices", text)


def _unsupported(text: str) -> Any:
    raise StaleButton("not a value of this field")
