"""The shell: staff press a lead card's numbered buttons and answer with /reply."""

from __future__ import annotations

from pathlib import Path

from tests.test_cli import clinicbot

SCREEN_AND_BOOK = ["/start", "2", "1", "2", "7"] + ["2"] * 15 + ["1", "/contact", "3"]


def test_staff_move_a_lead_to_treated_and_answer_a_question(tmp_path: Path) -> None:
    staff = ["/as staff", "1", "1", "/reply 2099-12-03 14:30", "2", "/export"]
    question = ["/as client", "/menu", "Do you sell gift cards for a friend?", "1",
                "/reply Yes, at the reception.", "Great, thanks!"]
    result = clinicbot("shell", "--database", str(tmp_path / "shell.sqlite3"),
                       "--language", "en",
                       stdin="\n".join(SCREEN_AND_BOOK + staff + question + ["/quit"]) + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "[1] 📞 Contacted" in out and "(to press: /as staff, then the number)" in out
    assert "Status: 📞 Contacted" in out and "Status: 📅 Booked" in out
    assert "Status: ✅ Treated" in out
    assert "┄┄ to Alex ┄┄\n✅ Your appointment at Lumière Skin Clinic is confirmed" in out
    assert "[file] leads_start_" in out and "id,created_at,status,name" in out
    assert "bot: 💬 Answer from Lumière Skin Clinic\n     \n     Yes, at the reception." in out
    assert "💬 Alex (@alex_client):\n\nGreat, thanks!" in out
