"""The "Scale" section of docs/BENCHMARKS.md: `bench/scale.py`'s figures, one table per figure,
a row per number of clients and a column per engine."""

from __future__ import annotations

from report_format import Spread, fmt, triple

ENGINES = [("sqlite", "SQLite"), ("postgresql", "PostgreSQL")]
# (figure, title, unit)
FIGURES = [
    ("database_bytes_per_client", "Database size per client", "bytes"),
    ("database_size", "Database size in total", "MB"),
    ("due_query_first_500", "Due-message claim, `claim_due(NOW, 5 min, 500)`, "
     "median of 20", "ms"),
    ("due_query_claimed", "Messages that claim took", "messages"),
    ("due_query_nothing_due", "Due-message claim with nothing due", "ms"),
    ("due_query_uses_index", "The claim's selection reads the due index", ""),
    ("rss_after_start", "Resident memory of the bot after start, empty database", "MB"),
    ("rss_after_clients_stored", "Resident memory of the bot with the clients stored, after "
     "serving 900 updates", "MB"),
    ("rss_clinicbot_run_start", "Resident memory of the real `clinicbot run` on that database, "
     "at its first poll", "MB"),
    ("rss_clinicbot_run_served", "Resident memory of the real `clinicbot run` once it has "
     "answered 300 stored and 300 new clients (and sent the nudges due meanwhile)", "MB"),
    ("seed_time", "Time to store the clients with bulk inserts", "s"),
]

Scale = dict[tuple[str, int], dict[str, Spread]]  # (engine, clients) → figures


def cell(figures: dict[str, Spread] | None, name: str) -> str:
    if figures is None or name not in figures:
        return "—"
    if name == "due_query_uses_index":
        low, _, high = figures[name]
        return "yes" if low == 1 else ("no" if high == 0 else "not in every run")
    return triple(figures[name])


def scale_section(scale: Scale, runs: int) -> list[str]:
    sizes = sorted({clients for _, clients in scale})
    shown = ", ".join(fmt(clients) for clients in sizes)
    lines = [f"## Scale: {shown} clients (`scale.py`, {runs} run"
             f"{'s' if runs > 1 else ''} of each engine and size)", "",
             "Each engine and size is a fresh process running the real Application on the "
             "in-process fake Bot API, on a new SQLite file or a new database of a throwaway "
             "PostgreSQL server on loopback (fsync off: seeding speed is not production's). "
             "The clients are stored with bulk inserts (`bench/seeding.py`; on PostgreSQL COPY "
             "with the foreign-key triggers off for the load): consent, finished "
             "screening with an answer to every step; every fifth client had a procedure in the "
             "last 60 days and has its aftercare plan of 8 messages, so the plans of the last 7 "
             "days have one message each due at the moment of the claim. Sizes are the SQLite "
             "file after a WAL checkpoint and `pg_database_size` after `VACUUM ANALYZE`, minus "
             "the empty schema's. The claim's rows are released after each timing, so all 20 "
             "see the same rows; its plan is `EXPLAIN QUERY PLAN` / `EXPLAIN` of the very "
             "statement the store ran. The real command runs on the same database once the "
             "benchmark's own Application has stopped, polling a fake Bot API over HTTP on "
             "loopback (`bot/devtools/sandbox_http.py`).", ""]
    for name, title, unit in FIGURES:
        lines += [f"### {title}{f' ({unit})' if unit else ''}", "",
                  "| clients | " + " | ".join(label for _, label in ENGINES) + " |",
                  "| --- " * (len(ENGINES) + 1) + "|"]
        lines += [f"| {fmt(clients)} | "
                  + " | ".join(cell(scale.get((engine, clients)), name)
                               for engine, _ in ENGINES) + " |" for clients in sizes]
        lines.append("")
    return lines
