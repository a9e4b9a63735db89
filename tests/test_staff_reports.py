"""/export (a CSV file for spreadsheets) and /stats (the anonymous funnel)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import Sandbox
from bot.flows.staff.export import COLUMNS
from tests.chat import Texts, shown
from tests.conftest import START
from tests.desk import (
    booking_prompt,
    press_on_card,
    seed_lead,
    staff_member,
    stores_of,
)


def rows_of(document: dict[str, object]) -> list[dict[str, str]]:
    content = document["content"]
    assert isinstance(content, bytes) and content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline=""))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


async def test_export_sends_every_lead_as_csv(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    stores = stores_of(bot)
    await seed_lead(stores, user_id=71, first_name="Ольга", last_name="Иванова",
                    username="olga_iv", phone="+7 912 345-67-89", language="ru",
                    created=START - timedelta(days=10), status="booked",
                    answers={"goals": "pores,dry", "pacemaker": "yes", "herpes": "no"},
                    outcome="doctor")
    await stores.leads.set_note(1, "call me on friday please")  # the card shows it: so does this
    await seed_lead(stores, user_id=72, first_name="=HYPERLINK(\"x\")", created=START)
    [sent] = await staff_member(bot, settings).send("/export")
    assert sent.document is not None and sent.document["filename"].endswith(".csv")
    assert sent.text == Texts(content, "en")("staff.export.caption", count=2)
    olga, formula = rows_of(sent.document)
    assert olga == {
        "id": "1", "created_at": "2026-11-14T10:00:00+00:00", "status": "booked",
        "name": "Ольга Иванова", "username": "olga_iv", "phone": "'+7 912 345-67-89",
        "contact_username": "", "language": "ru", "outcome": "doctor", "flagged": "pacemaker",
        "goals": "pores;dry", "preferred_time": "morning", "appointment_at": "",
        "note": "call me on friday please"}
    assert formula["created_at"] == START.isoformat()
    assert formula["name"] == "'=HYPERLINK(\"x\")"  # shown, never evaluated


async def test_export_between_two_days_includes_both(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    stores = stores_of(bot)
    for n, days_ago in enumerate((10, 3, 2, 0), start=1):
        await seed_lead(stores, user_id=80 + n, first_name=f"Client{n}",
                        created=START - timedelta(days=days_ago))
    maria = staff_member(bot, settings)
    [sent] = await maria.send("/export 2026-11-21 2026-11-22")
    assert sent.document is not None
    assert [r["name"] for r in rows_of(sent.document)] == ["Client2", "Client3"]
    assert sent.document["filename"] == "leads_2026-11-21_2026-11-22.csv"
    [since] = await maria.send("/export 2026-11-22")
    assert since.document is not None
    assert [r["name"] for r in rows_of(since.document)] == ["Client3", "Client4"]
    for bad in ("/export yesterday", "/export 2026-11-22 2026-11-01",
                "/export 2026-01-01 9999-12-31", "/export 0001-01-01 9999-12-31"):
        [usage] = await maria.send(bad)
        assert usage.document is None and usage.text == Texts(content, "en")("staff.export.usage")


async def test_a_booked_lead_exports_its_appointment(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    _, maria, prompt = await booking_prompt(bot, content, settings)
    await maria.reply_to(prompt, "2026-12-03 14:30")
    [sent] = await maria.send("/export")
    assert sent.document is not None
    [row] = rows_of(sent.document)
    assert (row["status"], row["appointment_at"]) == ("booked", "2026-12-03T14:30:00+00:00")
    assert (row["goals"], row["preferred_time"]) == ("pores", "evening")


STAGES = {"started": 10, "consented": 8, "screened": 8, "suitable": 5, "lead": 4,
          "booked": 2, "treated": 1, "aftercare_problem": 1}


async def test_stats_show_the_funnel_with_conversion_from_each_step(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    stores = stores_of(bot)
    today = START.date()
    for stage, count in STAGES.items():
        for _ in range(count):
            await stores.funnel.record(stage, today)
    await stores.funnel.record("started", today - timedelta(days=40))
    staff = Texts(content, "en")
    maria = staff_member(bot, settings)
    text = shown(await maria.send("/stats"))
    assert staff.counted("staff.stats.title", 30, days=30) in text
    expected = [("started", 10, None), ("consented", 8, "80%"), ("screened", 8, "100%"),
                ("suitable", 5, "62%"), ("lead", 4, "50%"), ("booked", 2, "50%"),
                ("treated", 1, "50%"), ("aftercare_finished", 0, "0%")]
    for stage, count, rate in expected:
        line = f"{staff.label(f'staff.funnel.{stage}')}: <b>{count}</b>"
        assert (f"{line} ({rate})" if rate else f"{line}\n") in text, stage
    assert f"{staff.label('staff.funnel.aftercare_problem')}: <b>1</b>" in text
    assert "<b>11</b>" in shown(await maria.send("/stats 60"))
    assert shown(await maria.send("/stats forever")) == staff("staff.stats.usage", max=3660)


async def test_no_step_shows_more_than_all_of_the_step_it_is_compared_with(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """Leads include those a specialist decides on, so they outnumbered "suitable" and
    showed 120 %; a client treated without a booking (or a step begun before the period)
    made "treated" outnumber "booked". Leads now count from the finished checks; a step
    counted more often than the one above it shows a dash."""
    stores = stores_of(bot)
    for stage, count in {"started": 10, "screened": 8, "suitable": 5, "lead": 6, "booked": 2,
                         "treated": 3}.items():
        for _ in range(count):
            await stores.funnel.record(stage, START.date())
    staff = Texts(content, "en")
    text = shown(await staff_member(bot, settings).send("/stats"))
    assert f"{staff.label('staff.funnel.lead')}: <b>6</b> (75%)" in text
    assert f"{staff.label('staff.funnel.treated')}: <b>3</b> (—)" in text
    assert "120%" not in text and "150%" not in text


async def test_the_flows_count_each_stage_anonymously(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    _, maria, prompt = await booking_prompt(bot, content, settings)
    await maria.reply_to(prompt, "2026-12-03 14:30")
    await press_on_card(bot, maria, 1, "Treated")
    await maria.press(Texts(content, "en").label("staff.treated.anyway"))  # before the day
    stores = stores_of(bot)
    [row, *_] = await stores.database.dicts("SELECT * FROM funnel_events")
    assert list(row) == ["id", "stage", "day"]
    await stores.database.write("DELETE FROM clients")  # as deleting a client's data will
    counts = await stores.funnel.counts(START.date())
    assert counts == {s: 1 for s in ("started", "consented", "screened", "suitable", "lead",
                                     "booked", "treated")}


async def test_no_cell_of_the_export_is_evaluated_as_a_formula(
    bot: Sandbox, settings: Settings
) -> None:
    stores = stores_of(bot)
    await seed_lead(stores, user_id=73, first_name="=HYPERLINK(\"x\")", phone="-1-2-3-4-5-6-7",
                    created=START)
    await seed_lead(stores, user_id=74, first_name="Anna", phone="@SUM(1+1)", created=START)
    [sent] = await staff_member(bot, settings).send("/export")
    assert sent.document is not None
    formula, other = rows_of(sent.document)
    assert formula["name"] == "'=HYPERLINK(\"x\")"
    assert formula["phone"] == "'-1-2-3-4-5-6-7"
    assert other["phone"] == "'@SUM(1+1)"
    for row in (formula, other):
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())
