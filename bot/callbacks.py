"""Callback data: one compact format and one parser, so a stale or forged button has one path.

Format: `namespace:arg:arg…`, ASCII, at most 64 bytes (Telegram's limit, not checked by PTB).
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_BYTES = 64

# namespace → number of arguments it carries
NAMESPACES: dict[str, int] = {
    "m": 1,   # main menu action
    "f": 1,   # FAQ topic
    "fq": 1,  # forward the pending question to staff: yes / no
    "l": 1,   # language
    "c": 1,   # consent: yes / no
    "s": 3,   # screening: screening id, step id, answer (yes, no, back, t.<goal>, done, cancel)
    "b": 1,   # booking: preferred time id
    "r": 1,   # re-check reminder: days
    "a": 3,   # aftercare check-in: plan id, day, answer id
    "fg": 1,  # erase my data: yes / no
    "ls": 3,  # staff: lead status — lead id, status the card showed, status to set
    "lp": 2,  # staff: leads list page — "open", "all" or a status; page number from 0
}


class CallbackDataError(ValueError):
    pass


@dataclass(frozen=True)
class Callback:
    namespace: str
    args: tuple[str, ...]


def build(namespace: str, *args: object) -> str:
    parts = [namespace, *map(str, args)]
    if namespace not in NAMESPACES or len(args) != NAMESPACES[namespace]:
        raise CallbackDataError(f"bad callback shape: {namespace} with {len(args)} args")
    if any(not part or ":" in part for part in parts):
        raise CallbackDataError(f"empty part or ':' inside an argument: {parts!r}")
    data = ":".join(parts)
    if len(data.encode()) > MAX_BYTES:
        raise CallbackDataError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def parse(data: str | None) -> Callback:
    """Raise CallbackDataError for anything this bot did not build."""
    if not data or not data.isascii() or len(data) > MAX_BYTES:
        raise CallbackDataError("empty, non-ASCII or oversized callback data")
    namespace, *args = data.split(":")
    if NAMESPACES.get(namespace) != len(args) or not all(args):
        raise CallbackDataError("unknown callback data")
    return Callback(namespace, tuple(args))
