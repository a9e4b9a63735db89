"""The benchmarks still drive today's conversations. They press the buttons a client would; when
the screening gained a choose-many question, the morning wave stopped at it with "no such
button" and then hung, and nothing noticed until the report was due. Each runs here at a size
that takes seconds, and must finish every journey it starts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("parse", "inbox", "flow", "routing", "outbox", "bot_api", "other")


def figures(script: str, *args: str) -> dict[str, str]:
    """`name value` of each line the benchmark prints."""
    done = subprocess.run([sys.executable, f"bench/{script}", *args], cwd=ROOT, text=True,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return dict(line.split()[:2] for line in done.stdout.splitlines() if line.strip())


def test_clients_screening_at_once_all_reach_their_outcome() -> None:
    found = figures("concurrency.py", "--clients", "3", "--skip-paced")
    assert found["burst_finished_screenings"] == "3"
    assert found["burst_updates"] == str(3 * 22)  # /start, menu, consent, goals, 18 questions


def test_the_morning_wave_sends_every_nudge_while_clients_finish_their_screening() -> None:
    """The first client starts within a second and needs about 2 s; the wave lasts at least
    4 s (120 nudges at 30 a second at most), about 8 s beside the clients."""
    found = figures("morning_wave.py", "--nudges", "120", "--clients", "2",
                    "--think", "0.1", "0.15")
    assert found["wave_nudges_sent"] == "120"
    assert found["http_429_received"] == "0"
    assert int(found["client_screenings_finished"]) >= 1


def test_per_update_times_every_kind_and_a_whole_screening() -> None:
    found = figures("per_update.py", "--rounds", "1", "--batch", "30")
    assert found["updates_per_kind"] == "30"
    assert "screening_last_answer_p50" in found  # 30 answers run through a whole screening
    # A button press is answered and its message edited; a question gets one new message.
    calls = {"screening_answer": "2", "menu_button": "2", "faq_text": "1"}
    assert {kind: found[f"{kind}_bot_api_calls"] for kind in calls} == calls
    # Routing is timed inside the FAQ questions it is part of.
    assert 0 < float(found["faq_text_routing_p50"]) < float(found["faq_text_p50"])
    # Where the time goes: the parts add up to the whole; the bare handlers keep no inbox or
    # outbox, the bot's handlers do, and only a typed question is routed.
    parts = {kind: {part: float(found[f"{kind}_part_{part}"]) for part in PARTS}
             for kind in ("echo", "ptb_button", "screening_answer", "faq_text", "menu_button")}
    for kind, spent in parts.items():
        assert abs(sum(spent.values()) - float(found[f"{kind}_part_total"])) < 1, kind
        assert spent["parse"] > 0 and spent["bot_api"] > 0, kind
        kept = spent["inbox"] > 0 and spent["outbox"] > 0 and spent["flow"] > 0
        assert kept == (kind not in ("echo", "ptb_button")), kind
        assert (spent["routing"] > 0) == (kind == "faq_text"), kind
