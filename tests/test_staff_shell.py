"""The shell: staff press a lead card's numbered buttons and answer with /reply."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from bot.content import Content
from tests.slots import without_slots
from tests.test_cli import ROOT, clinicbot


def screen_and_book(content: Content) -> list[str]:
    """Numbered presses through the check (goal "pores", no to every question) to a booking in
    the evening, counted from the content."""
    screening, times = content.screening, content.booking.preferred_times
    goals = screening.goals
    assert goals is not None
    menu = [item.action for item in content.menu].index("screening") + 1
    pores = [option.id for option in goals.options].index("pores") + 1
    questions = sum(1 for step in screening.steps if step.kind == "yes_no")
    evening = [time.id for time in times].index("evening") + 1
    return (["/start", str(menu), "1", str(pores), str(len(goals.options) + 1)]
            + ["2"] * questions + ["1", "/contact", str(evening)])


def next_year_weekday() -> date:
    """A working day ahead whatever today is (the shell runs on the real clock), and no
    further than staff may book."""
    day = date(date.today().year + 1, 3, 2)
    while day.weekday() > 4:  # Saturday's hours end at 16:00, Sunday is closed
        day += timedelta(days=1)
    return day


def test_staff_move_a_lead_to_treated_and_answer_a_question(
    tmp_path: Path, content: Content
) -> None:
    config = tmp_path / "clinic.toml"
    config.write_text(without_slots((ROOT / "clinic.example.toml").read_text(encoding="utf-8"))
                      + f'\n[content]\ndirectory = "{content.root}"\n', encoding="utf-8")
    staff = ["/as staff", "2", "3", f"/reply {next_year_weekday().isoformat()} 14:30", "4",
             "1", "/export"]  # Treated before the appointment's day: asked, then confirmed
    question = ["/as client", "/menu", "Is there wifi in your waiting room for a friend?", "1",
                "/reply Yes, at the reception.", "Great, thanks!"]
    result = clinicbot("shell", "--config", str(config),
                       "--database", str(tmp_path / "shell.sqlite3"), "--language", "en",
                       stdin="\n".join(screen_and_book(content) + staff + question + ["/quit"])
                       + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "[2] 📞 Contacted" in out and "(to press: /as staff, then the number)" in out
    assert "Status: 📞 Contacted" in out and "Status: 📅 Booked" in out
    assert "Status: ✅ Treated" in out
    assert "┄┄ to Alex ┄┄\n✅ Your appointment at Lumière Skin Clinic is confirmed" in out
    assert "[file] leads_start_" in out and "id,created_at,status,name" in out
    assert "bot: 💬 Answer from Lumière Skin Clinic\n     \n     Yes, at the reception." in out
    assert "💬 Alex (@alex_client):\n\nGreat, thanks!" in out
