"""`clinicbot check` passes on the shipped content and catches each kind of broken content."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.config import Settings
from bot.content import load_content
from bot.content.check import check_content
from bot.content.extract import referenced_msgids

ROOT = Path(__file__).parent.parent


def test_shipped_content_passes_the_check(example_settings: Settings) -> None:
    content = load_content(ROOT, example_settings.languages)
    report = check_content(example_settings, content)
    assert report.problems == []
    assert report.counts["languages"] == 2 and report.counts["message ids"] > 150


def test_template_catalog_is_up_to_date() -> None:
    with (ROOT / "locales" / "messages.pot").open("rb") as fh:
        pot = {m.id for m in read_po(fh) if m.id}
    assert pot == referenced_msgids(ROOT), "run the pybabel extract command in the README"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    for name in ("dialogs", "locales", "bot"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "babel.cfg", tmp_path / "babel.cfg")
    return tmp_path


def problems(settings: Settings, root: Path) -> list[str]:
    settings = replace(settings, content_dir=root)
    return check_content(settings, load_content(root, settings.languages)).problems


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_missing_translation_is_reported(example_settings: Settings, copy: Path) -> None:
    po = copy / "locales/ru/LC_MESSAGES/messages.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    index = lines.index('msgid "screening.q.asthma"')
    lines[index + 1] = 'msgstr ""'
    while lines[index + 2].startswith('"'):
        del lines[index + 2]
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "locales/ru: no translation for 'screening.q.asthma'" in problems(
        example_settings, copy)


def test_unreachable_and_missing_steps_are_reported(
    example_settings: Settings, copy: Path
) -> None:
    edit(copy / "dialogs/screening.yaml", '"yes": open_wounds}',
         '"yes": open_wounds, next: nowhere}')
    found = problems(example_settings, copy)
    assert "dialogs/screening.yaml: step 'open_wounds' goes to missing step 'nowhere'" in found
    assert "dialogs/screening.yaml: step 'boils' can never be reached" in found


def test_contraindication_classified_suitable_is_reported(
    example_settings: Settings, copy: Path
) -> None:
    edit(copy / "dialogs/screening.yaml", "rosacea: {outcome: doctor",
         "rosacea: {outcome: suitable")
    assert any("condition 'rosacea' leads to 'suitable'" in p
               for p in problems(example_settings, copy))


def test_overlong_message_and_callback_data_are_reported(
    example_settings: Settings, copy: Path
) -> None:
    po = copy / "locales/en/LC_MESSAGES/messages.po"
    edit(po, 'msgid "faq.what.answer"\nmsgstr ""',
         'msgid "faq.what.answer"\nmsgstr "' + "x" * 4100 + '"')
    edit(copy / "dialogs/faq.yaml", "{id: results,", "{id: " + "r" * 70 + ",")
    found = problems(example_settings, copy)
    assert any("'faq.what.answer' is" in p and "Telegram allows 4096" in p for p in found)
    assert any(p.startswith("callback data: callback data over 64 bytes") for p in found)


def test_broken_template_is_reported(example_settings: Settings, copy: Path) -> None:
    edit(copy / "dialogs/templates/contacts.j2", "{{ clinic.address }}", "{{ clinic.adress }}")
    found = problems(example_settings, copy)
    assert any(p.startswith("dialogs/templates/contacts.j2 (en)") for p in found)
