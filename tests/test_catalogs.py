"""`clinicbot catalogs` on a copy of the project: a new message id reaches every catalog, and a
failed extraction changes no byte of any catalog and says why in one line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cli import main

ROOT = Path(__file__).parent.parent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("bot", "dialogs", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(ROOT / "babel.cfg", tmp_path / "babel.cfg")
    return tmp_path


def catalogs(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted((root / "locales").rglob("*")) if p.is_file()}


def test_a_failed_extraction_leaves_every_catalog_byte_identical(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    screening = project / "dialogs" / "screening.yaml"
    screening.write_text(screening.read_text(encoding="utf-8").replace(
        "{id: warts, kind: yes_no, outcome: doctor}",
        "{id: implants, kind: yes_no, outcome: docter}"), encoding="utf-8")
    before = catalogs(project)

    assert main(["catalogs", "--root", str(project)]) == 2

    assert catalogs(project) == before
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("clinicbot: catalogs left unchanged: extraction failed:")
    assert "dialogs/screening.yaml" in lines[0] and "docter" in lines[0]


def test_a_new_message_id_reaches_every_language_and_nothing_else_changes(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = catalogs(project)
    faq = project / "dialogs" / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8").replace(
        "\ntopics:\n", "\ntopics:\n  - gift_cards\n", 1), encoding="utf-8")

    assert main(["catalogs", "--root", str(project)]) == 0

    after = catalogs(project)
    assert after.keys() == before.keys()
    for name in after:
        if name.endswith((".po", ".pot")):
            added = after[name].decode().count('msgid "faq.gift_cards.')
            assert added == 3, name
    assert "updated en, ru" in capsys.readouterr().out
    assert (project / "locales" / "messages.pot").stat().st_mode & 0o777 == 0o644


def test_unchanged_content_changes_no_catalog(project: Path) -> None:
    before = catalogs(project)
    assert main(["catalogs", "--root", str(project)]) == 0
    assert catalogs(project) == before


def test_outside_a_checkout_it_changes_nothing_and_says_where_to_run_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["catalogs", "--root", str(tmp_path)]) == 2
    assert "run it in the project's checkout" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
