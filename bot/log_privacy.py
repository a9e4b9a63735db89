"""Keeps client text out of what libraries log.

The bot's own loggers log ids only. Libraries log what they hold: python-telegram-bot logs a
webhook update it cannot parse at CRITICAL with the whole payload ("Received data was: …"), and
at DEBUG every update, request and answer. `NoClientText`, on the log handlers, replaces such
payloads — a dict, a list, bytes, a library object, a JSON text, any long text — by what they
are (an update's id and kinds, a type and a size), and drops the traceback that came with them,
keeping its exception's type: a parse error can quote the value it choked on.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from enum import Enum
from typing import Any

OWN = "bot"
SHORT_TEXT = 64  # a method name, a status, an id: longer texts may be a client's


class NoClientText(logging.Filter):
    """On a handler: every record passes, its payloads replaced by what they are."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == OWN or record.name.startswith(OWN + ".") or not record.args:
            return True
        args = (record.args,) if isinstance(record.args, Mapping) else tuple(record.args)
        if not any(_payload(arg) for arg in args):
            return True
        record.args = tuple(describe(arg) if _payload(arg) else arg for arg in args)
        if record.exc_info and record.exc_info[0] is not None:
            record.msg = f"{record.msg} [{record.exc_info[0].__name__}; traceback withheld]"
        record.exc_info, record.exc_text = None, None
        return True


def _payload(value: Any) -> bool:
    if value is None or isinstance(value, bool | int | float | Enum | BaseException):
        return False
    if isinstance(value, str):
        return len(value) > SHORT_TEXT or value.lstrip()[:1] in ("{", "[")
    return True


def describe(value: Any) -> str:
    """What a payload is, without what it says."""
    if isinstance(value, Mapping):
        if "update_id" in value:
            kinds = ", ".join(str(key) for key in value if key != "update_id")
            return f"<update {value['update_id']}: {kinds or 'empty'}>"
        return f"<{type(value).__name__} with keys {', '.join(map(str, value))}>"
    if isinstance(value, str):
        return f"<text of {len(value)} characters>"
    if isinstance(value, bytes | bytearray):
        return f"<{len(value)} bytes>"
    identifier = getattr(value, "update_id", None)
    if identifier is not None:
        return f"<update {identifier}>"
    return f"<{type(value).__name__}>"


def install(logger: logging.Logger | None = None) -> None:
    """On every handler of `logger` (the root logger)."""
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, NoClientText) for f in handler.filters):
            handler.addFilter(NoClientText())
