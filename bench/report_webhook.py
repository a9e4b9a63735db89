"""The "Webhook path" section of docs/BENCHMARKS.md: `bench/webhook_load.py`'s figures, a row per
configuration (what serves, engine, instances, send limit)."""

from __future__ import annotations

from report_format import Spread, triple

# (key, what serves, engine, instances, the bot's send limit a second)
CONFIGURATIONS = [
    ("sqlite_1_paced", "clinicbot", "sqlite", 1, 30),
    ("postgresql_1_paced", "clinicbot", "postgresql", 1, 30),
    ("postgresql_2_paced", "clinicbot", "postgresql", 2, 30),
    ("sqlite_1_lifted", "clinicbot", "sqlite", 1, 1000),
    ("postgresql_1_lifted", "clinicbot", "postgresql", 1, 1000),
    ("postgresql_2_lifted", "clinicbot", "postgresql", 2, 1000),
    ("bare_lifted", "bare PTB echo", "sqlite", 1, 1000),
]
ENGINE = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
Webhook = dict[str, dict[str, Spread]]  # configuration key → figures


def arguments(engine: str, instances: int, rate: int, bare: bool) -> list[str]:
    return ["--engine", engine, "--instances", str(instances),
            "--messages-per-second", str(rate), *(["--bare"] if bare else [])]


def webhook_section(found: Webhook, runs: int) -> list[str]:
    lines = [f"## Webhook path (`webhook_load.py`, {runs} run{'s' if runs > 1 else ''} each)", "",
             "Real `clinicbot run --webhook` processes, each update POSTed as Telegram sends "
             "it, the replies going to the fake Bot API over HTTP. Each client sends /start, "
             "then a question a second after the reply (a person's pace, and the pace Telegram "
             "allows one chat); 32 updates are in flight at any time. On PostgreSQL the server "
             "has the last core to itself, the instances and the load generator share the "
             "others. \"Send limit\" is the bot's `[telegram] messages_per_second`: 30 as in "
             "production, or 1000 to lift it, so that what limits the instances themselves "
             "shows. The last row is a bare PTB Application echoing each text through "
             "`run_webhook` and the same limiter: the floor of the path.", "",
             "| serves | engine | instances | send limit | updates/s | p50 ms | p99 ms "
             "| acknowledged, never answered | answered twice | CPU ms per update (instances) "
             "| instances' CPU (cores) | generator's CPU (cores) |", "| --- " * 12 + "|"]
    for key, serves, engine, instances, rate in CONFIGURATIONS:
        if key not in found:
            continue
        figures = found[key]
        lines.append(
            f"| {serves} | {ENGINE[engine] if serves == 'clinicbot' else '—'} | {instances} "
            f"| {rate}/s | {triple(figures['updates_per_second'])} "
            f"| {triple(figures['reply_p50'])} | {triple(figures['reply_p99'])} "
            f"| {triple(figures['unanswered'])} | {triple(figures['answered_twice'])} "
            f"| {triple(figures['instance_cpu_per_update'])} "
            f"| {triple(figures['instances_cpu_share'])} "
            f"| {triple(figures['generator_cpu_share'])} |")
    if "sqlite_1_lifted" in found and "bare_lifted" in found:
        bot = found["sqlite_1_lifted"]["instance_cpu_per_update"][1]
        bare = found["bare_lifted"]["instance_cpu_per_update"][1]
        lines += ["", f"On this path one update costs the bot {bot / bare:.2f}× the CPU of the "
                  "bare PTB echo (medians, SQLite, send limit lifted). Both are served by PTB's "
                  "webhook server and build PTB's objects; the echo reaches the Bot API through "
                  "PTB's default client (httpx), the bot through aiohttp "
                  "(`bot/telegram/transport.py`), which costs a sixth of the CPU per call."]
    lines.append("")
    return lines
