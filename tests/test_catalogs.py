"""`clinicbot catalogs` on a copy of the project: a new message id reaches every catalog, and a
failed extraction changes no byte of any catalog and says why in one line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.content import ContentError, load_content

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


def test_a_template_that_does_not_parse_stops_the_extraction_and_names_its_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A "}}" typed "}" in welcome.j2: the extraction skipped the template without a word,
    exited 0, and marked its three messages obsolete in every catalog."""
    welcome = project / "dialogs" / "templates" / "welcome.j2"
    welcome.write_text(welcome.read_text(encoding="utf-8").replace("}}", "}", 1),
                       encoding="utf-8")
    before = catalogs(project)

    assert main(["catalogs", "--root", str(project)]) == 2

    assert catalogs(project) == before
    error = capsys.readouterr().err.strip()
    assert "dialogs/templates/welcome.j2, line 1" in error


@pytest.mark.parametrize("damage", ["quote", "keyword", "twice"])
def test_a_damaged_catalog_is_named_and_left_as_it_is(
    project: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    """A closing quote missing, "msgtsr" for "msgstr", a message id given twice: `check`
    passed, and `catalogs` wrote back what Babel made of them, a greeting cut short, a
    translation emptied, one of the two lost."""
    po = project / "locales" / "ru" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    if damage == "twice":
        text += '\nmsgid "welcome.can_do"\nmsgstr "ещё раз"\n'
    else:
        start = text.index('msgid "button.menu"')
        line_end = text.index("\n", text.index("msgstr", start))
        line = text[text.index("msgstr", start):line_end]
        broken = line[:-1] if damage == "quote" else line.replace("msgstr", "msgtsr", 1)
        text = text[:text.index("msgstr", start)] + broken + text[line_end:]
    po.write_text(text, encoding="utf-8")
    before = catalogs(project)

    assert main(["catalogs", "--root", str(project)]) == 2
    assert catalogs(project) == before
    assert "locales/ru/LC_MESSAGES/messages.po, line" in capsys.readouterr().err
    with pytest.raises(ContentError) as raised:  # what `check` and start-up report
        load_content(project, ("en", "ru"))
    assert any("locales/ru/LC_MESSAGES/messages.po, line" in p for p in raised.value.problems)
