"""The text of docs/BENCHMARKS.md around the figures `bench/report.py` collects."""

from __future__ import annotations

from report_format import Spread, fmt, triple
from report_scale import Scale, scale_section
from report_webhook import Webhook, webhook_section

KINDS = [("echo", "echo (bare PTB)"), ("ptb_button", "button (bare PTB)"),
         ("screening_answer", "screening answer"), ("faq_text", "FAQ question"),
         ("menu_button", "menu button")]
# (figure, budget, what it is): a ratio of p50s, at most the budget
BUDGETS = [("screening_answer_ratio_to_ptb_button", 1.3,
            "screening answer vs a bare PTB button handler (answer + edit)"),
           ("faq_text_ratio_to_echo", 2.0,
            "FAQ free-text answer (phrasings asked once, caches cold) vs a bare PTB echo"),
           ("menu_button_ratio_to_ptb_button", 1.5, "menu button vs a bare PTB button handler")]

HEADER = """\
# Benchmarks and performance budget

Written by `.venv/bin/python bench/report.py` from the benchmarks' output: do not edit by
hand, run it again. Each benchmark prints one figure per line (`name value unit`) and writes
nothing into the repository (databases live in temporary directories). A *run* is a fresh
process; every figure below is **min / median / max** over the runs.

- `bench/per_update.py`: the cost of one update of the bot's real handlers against bare PTB
  handlers, in one process through the same in-process fake Bot API, on a real SQLite file;
  p50s and p50 ratios; SQL statements on all three connections (aiosqlite's, the read-only
  one and the quick writer), aiosqlite round trips and Bot API calls per update.
- `bench/morning_wave.py`: aftercare nudges falling due at once while clients go through the
  screening, through the production rate limiter; the fake Bot API answers 429 above 30
  sendMessage in any one second.
- `bench/webhook_load.py`: real `clinicbot run --webhook` processes (one on SQLite, one and
  two on PostgreSQL) and a bare PTB echo behind `run_webhook`, loaded with HTTP POSTs as
  Telegram sends them; updates/s, p50/p99 from the POST to the reply's request, CPU per update.
- `bench/scale.py`: database size per client, the due-message claim and the bot's memory with
  10,000, 100,000 and 1,000,000 clients stored, on SQLite and on PostgreSQL.
- `bench/concurrency.py`, `bench/footprint.py`, `bench/scheduled_sending.py`: 1,000 clients at
  once, start-up with 100,000 clients, the send rate of scheduled messages. They take long and
  are not part of this report: run them by hand.
- `bench/routing.py --write docs/ROUTING.md`: typed messages of the labelled corpus routed as
  the bot does, with the confusion table and the time per message; its own report is
  docs/ROUTING.md.
"""


SCREENING_NOTE = """\
The screening answer makes the same two Bot API calls as the bare button handler. On top, it
keeps the update before anything else (one insert into the inbox, and one read for the
sender's earlier updates still waiting), then in one transaction marks it handled, reads the
client, any open conversation and the open screening, stores the answer, the next step and
the reply it owes (the outbox), and once the reply is sent drops it from the outbox: three
commits, each a WAL append without fsync, on a connection in the event loop's thread (a round
trip to aiosqlite's thread cost more than the statements). On SQLite, which one process owns,
the bot's pace and a private chat's are kept in the process; the staff chat's window, which
must outlast a restart, and every pace on PostgreSQL, which several instances share, are taken
from the database. A question's text and labels are the same for every client, so they are
worked out once per language and step; per client only the screening's id goes into the
buttons."""


def faq_note(per: dict[str, Spread]) -> str:
    """Where a FAQ question's time goes, in the run's own figures."""
    return (
        "A FAQ question is read before it is answered (bot/content/routing.py: the health "
        "rules, the word lists, the FAQ matcher and the learned model): routing took "
        f"{triple(per['faq_text_routing_p50'], ' µs')} of the question's p50 of "
        f"{triple(per['faq_text_p50'], ' µs')}. The budget, twice the bare echo's p50, leaves "
        f"the bot the echo's own {triple(per['echo_p50'], ' µs')} for everything it does on "
        "top: reading the message, keeping the update, the client's state and the reply, and "
        "a longer reply with its buttons.")


PARTS = [("parse", "reading the update (PTB's objects from Telegram's JSON)"),
         ("inbox", "keeping the update: stored before it is handled, marked handled"),
         ("flow", "the flow: the client, their state, what to answer"),
         ("routing", "routing a typed message"),
         ("outbox", "keeping the replies owed until they are sent"),
         ("bot_api", "the Bot API calls, through the limiter, PTB and the fake API"),
         ("other", "the rest: PTB's dispatch, the client's lock, BEGIN and COMMIT")]
# (budgeted kind, its baseline, the budget)
ALLOWANCES = [("screening_answer", "ptb_button", 1.3), ("faq_text", "echo", 2.0),
              ("menu_button", "ptb_button", 1.5)]


def parts_section(per: dict[str, Spread]) -> list[str]:
    """Where an update's time goes, part by part, against what each budget leaves."""
    if "echo_part_total" not in per:
        return []
    kinds = [(kind, label) for kind, label in KINDS if f"{kind}_part_total" in per]
    lines = ["## Where an update's time goes", "",
             "Medians over the runs of each part's mean µs per update, the part's own time "
             "(less the parts inside it), in a further round of each kind with the parts "
             "timed (`per_update.py`, `Phases`): the timing adds a little, so the totals are "
             "above the p50s. The quickest 90 % of the updates are averaged; the rest waited "
             "for the limiter or a collection.", "",
             "| part | " + " | ".join(label for _, label in kinds) + " |",
             "| --- " * (len(kinds) + 1) + "|"]
    for part, what in [*PARTS, ("total", "**total**")]:
        lines.append(f"| {what} | " + " | ".join(
            fmt(per[f"{kind}_part_{part}"][1]) for kind, _ in kinds) + " |")
    lines.append("")
    for kind, base, budget in ALLOWANCES:
        label = dict(KINDS)[kind]
        left = (budget - 1) * per[f"{base}_p50"][1]
        kept = per[f"{kind}_part_inbox"][1] + per[f"{kind}_part_outbox"][1]
        lines.append(
            f"- {label}: the budget ({budget:g}× the p50 of the {dict(KINDS)[base]}) leaves "
            f"{fmt(left)} µs for all the bot does beyond it. Keeping the update and the "
            f"replies it owes takes {fmt(kept)} µs on its own, the flow "
            f"{fmt(per[f'{kind}_part_flow'][1] + per[f'{kind}_part_routing'][1])} µs.")
    return [*lines, ""]


def verdict(spread: Spread, budget: float, at_most: bool = True) -> str:
    low, mid, high = spread
    ok = (lambda v: v <= budget) if at_most else (lambda v: v >= budget)
    if ok(high if at_most else low):
        return "met in every run"
    return "met on the median, not in every run" if ok(mid) else "**missed**"


def worst(found: Webhook, name: str) -> Spread:
    """The spread of `name` over every configuration's runs."""
    spreads = [figures[name] for figures in found.values()]
    return (min(s[0] for s in spreads), max(s[1] for s in spreads), max(s[2] for s in spreads))


def render(setting: dict[str, str], per: dict[str, Spread], wave: dict[str, Spread],
           wave_units: dict[str, str], fifo: dict[str, Spread], scale: Scale, *, runs: int,
           wave_runs: int, scale_runs: int, old: dict[str, Spread] | None = None,
           burst: dict[str, Spread] | None = None, webhook: Webhook | None = None,
           webhook_runs: int = 1) -> str:
    lines = [HEADER, "## Machine and command", "", "| | |", "| --- | --- |"]
    old = old or {}
    lines += [f"| {key} | {value} |" for key, value in setting.items()]
    sizes = ",".join(str(clients) for clients in sorted({n for _, n in scale}))
    lines += ["| command | `.venv/bin/python bench/report.py` "
              f"(`--runs {runs} --wave-runs {wave_runs} --scale-clients {sizes} "
              f"--scale-runs {scale_runs} --webhook-runs {webhook_runs}`) |", ""]
    lines += ["## Budget", "", "| line | budget | measured | verdict "
              "| before: no limiter, GC frozen, warm caches (`--old`) |", "| --- " * 5 + "|"]
    for name, budget, what in BUDGETS:
        before = triple(old[name], "×") if name in old else ""
        lines.append(f"| {what} (ratio of p50s) | ≤ {budget:g}× | {triple(per[name], '×')} "
                     f"| {verdict(per[name], budget)} | {before} |")
    limit = 0.9 * 30
    lines += [
        f"| morning wave: client reply p99, update → reply's request | < 500 ms "
        f"| {triple(wave['client_reply_p99'], ' ms')} "
        f"| {verdict(wave['client_reply_p99'], 500)} |",
        f"| morning wave: limiter's rate (nudges + replies) | ≥ 90 % of 30/s "
        f"| {triple(wave['limiter_rate'], '/s')} | {verdict(wave['limiter_rate'], limit, False)} |",
        f"| morning wave: nudges alone | — | {triple(wave['wave_rate'], '/s')} | see below |",
        f"| morning wave: 429 answers | 0 | {triple(wave['http_429_received'])} "
        f"| {verdict(wave['http_429_received'], 0)} |"]
    if burst:
        lines += [
            f"| 100 leads in a minute: client reply p99 (virtual time) | < 500 ms "
            f"| {triple(burst['client_reply_p99'], ' ms')} "
            f"| {verdict(burst['client_reply_p99'], 500)} |",
            f"| 100 leads in a minute: posts in any 60 s | ≤ 20 "
            f"| {triple(burst['most_in_60_s'])} | {verdict(burst['most_in_60_s'], 20)} |",
            f"| 100 leads in a minute: posts arrived twice | 0 | {triple(burst['posts_twice'])} "
            f"| {verdict(burst['posts_twice'], 0)} |"]
    if webhook:
        lines += [
            f"| webhook, every configuration: updates acknowledged, never answered | 0 "
            f"| {triple(worst(webhook, 'unanswered'))} "
            f"| {verdict(worst(webhook, 'unanswered'), 0)} |",
            f"| webhook, every configuration: chats where one reply came twice | 0 "
            f"| {triple(worst(webhook, 'answered_twice'))} "
            f"| {verdict(worst(webhook, 'answered_twice'), 0)} |"]
    lines += ["", SCREENING_NOTE, ""]
    if "faq_text_routing_p50" in per:
        lines += [faq_note(per), ""]
    lines += per_update_section(per, runs) + parts_section(per)
    lines += wave_section(wave, wave_units, fifo, wave_runs)
    if webhook:
        lines += webhook_section(webhook, webhook_runs)
    lines += scale_section(scale, scale_runs)
    return "\n".join(lines) + "\n"


def per_update_section(per: dict[str, Spread], runs: int) -> list[str]:
    lines = [f"## Per update (`per_update.py`, {runs} runs of "
             f"{fmt(per['updates_per_kind'][1])} updates of each kind)", "",
             "| kind | p50 µs | p99 µs | × echo | × PTB button | SQL statements "
             "| aiosqlite round trips | Bot API calls |", "| --- " * 8 + "|"]
    for kind, label in KINDS:
        ratio_echo = per.get(f"{kind}_ratio_to_echo")
        ratio_button = per.get(f"{kind}_ratio_to_ptb_button")
        lines.append(
            f"| {label} | {triple(per[f'{kind}_p50'])} | {triple(per[f'{kind}_p99'])} "
            f"| {triple(ratio_echo) if ratio_echo else '1'} "
            f"| {triple(ratio_button) if ratio_button else '—'} "
            f"| {triple(per[f'{kind}_sql_statements'])} "
            f"| {triple(per[f'{kind}_sqlite_round_trips'])} "
            f"| {triple(per[f'{kind}_bot_api_calls'])} |")
    lines += [
        f"| last screening answer (outcome) | {triple(per['screening_last_answer_p50'])} | "
        f"| {triple(per['screening_last_answer_ratio_to_echo'])} | | | | |", "",
        "Both the bot and the bare PTB baseline send through the production rate limiter "
        "(its rate raised so that back-to-back updates never wait for a slot: "
        f"{triple(per['limiter_sleeps'])} waits); the garbage collector runs as in production "
        f"({triple(per['gc_collections_while_timing'])} collections while timing, spread over "
        "all kinds: they are interleaved round by round). Every FAQ question is one of the 62 "
        "phrasings of `bench/faq_questions.py` with typos of its own, asked once in the run by "
        "a client who just said /start, so the matcher's caches never hold it; the fake Bot "
        "API keeps the last 50 messages of each chat and finds a message to edit by its id. "
        "The last screening answer is fed right after a screening's edits, back to back: its "
        "time is almost all the wait for that chat's own send pace (Telegram's limit on one "
        "chat), which a client who reads each question never meets.",
        ""]
    return lines


def wave_section(wave: dict[str, Spread], units: dict[str, str], fifo: dict[str, Spread],
                 runs: int) -> list[str]:
    names = ["wave_nudges_due", "wave_nudges_sent", "wave_duration", "wave_rate", "limiter_rate",
             "http_429_received", "clients", "client_screenings_finished", "client_updates",
             "client_reply_p50", "client_reply_p99", "client_reply_max"]
    lines = [f"## Morning wave (`morning_wave.py`, {runs} runs)", "",
             "| figure | production limiter | before: PTB's FIFO limiter (`--fifo`, one run) "
             "| unit |", "| --- " * 4 + "|"]
    lines += [f"| {name} | {triple(wave[name])} "
              f"| {triple(fifo[name]) if name in fifo else ''} | {units.get(name, '')} |"
              for name in names if name in wave]
    lines += ["", "Replies to clients go before waiting nudges (`bot/telegram/limiter.py`); "
              "the limiter paces one message under the limit (29 in any 1.05 s), so that one "
              "request held up on its way cannot make a 429, and the nudges get what the "
              "clients leave: the wave's own rate is the limiter's minus the clients' requests. "
              "Each run is the full wave of 10,000 nudges, the comparison with the old limiter "
              "too. At a reading pace of 5-15 s a question, clients finish the screening within "
              "the wave and new ones take their place.", ""]
    return lines
