"""Runs the benchmarks and writes docs/BENCHMARKS.md from their output, so no figure in it is
ever typed by hand.

    .venv/bin/python bench/report.py [--runs 3] [--wave-runs 1] [--output docs/BENCHMARKS.md]

Each run is a fresh process; a figure is given as min / median / max over the runs. The
morning wave also runs once through the limiter used before (`--fifo`), for comparison.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import sqlite3
import statistics
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from common import ROOT, machine
from report_text import BUDGETS, KINDS, render

Figures = dict[str, list[float]]
FIFO_NUDGES = 600  # the comparison with the old limiter needs no full wave


def run(script: str, *args: str) -> tuple[Figures, dict[str, str]]:
    """The numeric figures and the units of one run of a benchmark script."""
    out = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args], check=True,
                         capture_output=True, text=True, cwd=ROOT).stdout
    figures: Figures = {}
    units: dict[str, str] = {}
    for line in out.splitlines():
        name, value, *unit = line.split(" ", 2)
        try:
            figures[name] = [float(value)]
        except ValueError:
            continue
        units[name] = unit[0] if unit else ""
    return figures, units


def runs(script: str, count: int, *args: str) -> tuple[Figures, dict[str, str]]:
    merged: Figures = {}
    units: dict[str, str] = {}
    for n in range(count):
        print(f"{script}: run {n + 1} of {count}", file=sys.stderr, flush=True)
        figures, units = run(script, *args)
        for name, values in figures.items():
            merged.setdefault(name, []).extend(values)
    return merged, units


def spread(values: list[float]) -> tuple[float, float, float]:
    return min(values), statistics.median(values), max(values)


def setting() -> dict[str, str]:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=ROOT).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", ".", ":!docs/BENCHMARKS.md"],
                           capture_output=True, text=True, cwd=ROOT).stdout.strip()
    versions = ", ".join(f"{name} {importlib.metadata.version(name)}"
                         for name in ("python-telegram-bot", "aiosqlite"))
    found = machine()
    return {"cores": found["cpus"], "CPU": found["cpu"], "RAM": f"{found['ram_gib']} GiB",
            "Python": found["python"], "libraries": f"{versions}, SQLite {sqlite3.sqlite_version}",
            "commit": commit + (" with uncommitted changes" if dirty else ""),
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--wave-runs", type=int, default=3)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "BENCHMARKS.md")
    args = parser.parse_args()
    per_update, _ = runs("per_update.py", args.runs)
    wave, wave_units = runs("morning_wave.py", args.wave_runs)
    fifo, _ = runs("morning_wave.py", 1, "--fifo", "--nudges", str(FIFO_NUDGES))
    text = render(setting(), {k: spread(v) for k, v in per_update.items()},
                  {k: spread(v) for k, v in wave.items()}, wave_units,
                  {k: spread(v) for k, v in fifo.items()},
                  runs=args.runs, wave_runs=args.wave_runs)
    args.output.write_text(text)
    print(f"wrote {args.output}", file=sys.stderr)


__all__ = ["BUDGETS", "KINDS", "main"]

if __name__ == "__main__":
    main()
