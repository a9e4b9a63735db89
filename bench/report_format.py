"""How docs/BENCHMARKS.md writes a figure measured over several runs."""

from __future__ import annotations

Spread = tuple[float, float, float]  # min, median, max over the runs


def fmt(value: float) -> str:
    if abs(value) >= 100 or value == int(value):
        return f"{value:,.0f}"
    return f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"


def triple(spread: Spread, unit: str = "") -> str:
    low, mid, high = spread
    if fmt(low) == fmt(high):
        return f"{fmt(mid)}{unit}"
    return f"{fmt(low)} / **{fmt(mid)}** / {fmt(high)}{unit}"
