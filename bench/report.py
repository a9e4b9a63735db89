"""Runs the benchmarks and writes docs/BENCHMARKS.md from their output, so no figure in it is
ever typed by hand.

    .venv/bin/python bench/report.py [--runs 3] [--wave-runs 1] [--output docs/BENCHMARKS.md]
        [--scale-clients 0,100000,1000000] [--scale-runs 1] [--webhook-runs 1] [--scale-only]

Each run is a fresh process; a figure is given as min / median / max over the runs. The
morning wave also runs once through the limiter used before (`--fifo`), for comparison. The
webhook path runs once per configuration of `report_webhook.CONFIGURATIONS`. The
scale benchmark runs once per engine and number of clients; `--scale-only` runs just it and
prints its section instead of writing the document (which is only ever written whole).
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
from report_scale import ENGINES, Scale, scale_section
from report_text import BUDGETS, KINDS, render
from report_webhook import CONFIGURATIONS, Webhook, arguments

from bot.devtools.postgres import PostgresUnavailable, find_binaries

Figures = dict[str, list[float]]


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
        print(f"{' '.join((script, *args))}: run {n + 1} of {count}", file=sys.stderr,
              flush=True)
        figures, units = run(script, *args)
        for name, values in figures.items():
            merged.setdefault(name, []).extend(values)
    return merged, units


def spread(values: list[float]) -> tuple[float, float, float]:
    return min(values), statistics.median(values), max(values)


def scale_runs(sizes: list[int], count: int) -> Scale:
    found: Scale = {}
    for clients in sizes:
        for engine, _ in ENGINES:
            figures, _ = runs("scale.py", count, "--engine", engine, "--clients", str(clients))
            found[engine, clients] = {k: spread(v) for k, v in figures.items()}
    return found


def webhook_runs(count: int) -> Webhook:
    return {key: {k: spread(v) for k, v in runs(
                "webhook_load.py", count,
                *arguments(engine, instances, rate, serves != "clinicbot"))[0].items()}
            for key, serves, engine, instances, rate in CONFIGURATIONS}


def postgresql_version() -> str:
    try:
        pg_ctl = find_binaries().pg_ctl
    except PostgresUnavailable:
        return "PostgreSQL not installed"
    # "pg_ctl (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
    out = subprocess.run([str(pg_ctl), "--version"], capture_output=True, text=True).stdout
    return "PostgreSQL " + out.split("(PostgreSQL)", 1)[-1].split("(", 1)[0].strip()


def setting() -> dict[str, str]:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=ROOT).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", ".", ":!docs/BENCHMARKS.md"],
                           capture_output=True, text=True, cwd=ROOT).stdout.strip()
    versions = ", ".join(f"{name} {importlib.metadata.version(name)}"
                         for name in ("python-telegram-bot", "aiosqlite", "asyncpg"))
    found = machine()
    engines = f"SQLite {sqlite3.sqlite_version}, {postgresql_version()}"
    return {"cores": found["cpus"], "CPU": found["cpu"], "RAM": f"{found['ram_gib']} GiB",
            "Python": found["python"], "libraries": f"{versions}, {engines}",
            "commit": commit + (" with uncommitted changes" if dirty else ""),
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")}


def sizes(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--wave-runs", type=int, default=3)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "BENCHMARKS.md")
    parser.add_argument("--scale-clients", type=sizes, default=[0, 100_000, 1_000_000],
                        help="numbers of clients, comma-separated")
    parser.add_argument("--scale-runs", type=int, default=1)
    parser.add_argument("--webhook-runs", type=int, default=1)
    parser.add_argument("--scale-only", action="store_true",
                        help="run only the scale benchmark and print its section")
    args = parser.parse_args()
    if args.scale_only:
        print("\n".join(scale_section(scale_runs(args.scale_clients, args.scale_runs),
                                      args.scale_runs)))
        return
    per_update, _ = runs("per_update.py", args.runs)
    old, _ = runs("per_update.py", args.runs, "--old")
    burst, _ = runs("staff_burst.py", 1)
    wave, wave_units = runs("morning_wave.py", args.wave_runs)
    fifo, _ = runs("morning_wave.py", 1, "--fifo")
    webhook = webhook_runs(args.webhook_runs)
    text = render(setting(), {k: spread(v) for k, v in per_update.items()},
                  {k: spread(v) for k, v in wave.items()}, wave_units,
                  {k: spread(v) for k, v in fifo.items()},
                  scale_runs(args.scale_clients, args.scale_runs),
                  runs=args.runs, wave_runs=args.wave_runs, scale_runs=args.scale_runs,
                  old={k: spread(v) for k, v in old.items()},
                  burst={k: spread(v) for k, v in burst.items()},
                  webhook=webhook, webhook_runs=args.webhook_runs)
    args.output.write_text(text)
    print(f"wrote {args.output}", file=sys.stderr)


__all__ = ["BUDGETS", "KINDS", "main"]

if __name__ == "__main__":
    main()
