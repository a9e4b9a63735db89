"""What `clinicbot check` found: problems (the check fails), notes, and counts. Its own module,
so each part of the check (bot/content/check*.py) adds to it without importing the others."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what is worth knowing but not wrong

    def summary(self) -> str:
        figures = ", ".join(f"{n} {what}" for what, n in self.counts.items())
        if self.problems:
            return f"check: {len(self.problems)} problem(s) ({figures})"
        return f"check: ok ({figures})"
