"""pydantic's validation errors as plain findings, for reports that name where each problem is.

The configuration and the content each word their findings their own way (a TOML key; a file,
entry and field); both read them from here. A validator that finds several problems at once, or
one that belongs to a sub-key of what it validates, raises `Problems`.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

Location = tuple[str | int, ...]


class Problems(ValueError):
    """Raised inside a validator: each problem with its location below the validated value."""

    def __init__(self, *found: tuple[Location, str]) -> None:
        super().__init__("; ".join(message for _, message in found))
        self.found = found


@dataclass(frozen=True)
class Finding:
    location: Location
    kind: str  # pydantic's error type: "missing", "value_error", "int_type", …
    message: str
    value: object


def findings(error: ValidationError) -> list[Finding]:
    """Every problem of `error`, in order, with `Problems` expanded to one finding each."""
    found: list[Finding] = []
    for item in error.errors():
        location = tuple(part for part in item["loc"] if part != "[key]")
        raised = item.get("ctx", {}).get("error")
        if isinstance(raised, Problems):
            found += [Finding(location + below, "value_error", message, item["input"])
                      for below, message in raised.found]
        elif isinstance(raised, ValueError):
            found.append(Finding(location, "value_error", str(raised), item["input"]))
        else:
            found.append(Finding(location, item["type"], item["msg"], item["input"]))
    return [f for f in found if f.kind != "too_short" or not _inside(f.location, found)]


def _inside(location: Location, found: list[Finding]) -> bool:
    """Whether a problem lies below `location`: a list of bad items is not also too short."""
    return any(f.location[:len(location)] == location and f.location != location for f in found)
