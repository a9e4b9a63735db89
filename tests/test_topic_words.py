"""A new FAQ topic whose keywords another topic already claims is named by `clinicbot check`:
typed questions made of those words would reach only one of the two."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from bot.config import Settings
from bot.content import load_content
from bot.content.check import check_content
from bot.content.i18n import po_path
from bot.flows.routes import wiring

ROOT = Path(__file__).parent.parent
MAKEUP = {"en": ("Makeup after the procedure", "Wait a day before makeup.", "makeup, concealer"),
          "ru": ("Макияж после процедуры", "Подождите с макияжем сутки.", "макияж, консилер")}


def test_a_topic_claiming_another_topics_keywords_is_named(
    example_settings: Settings, tmp_path: Path
) -> None:
    for name in ("dialogs", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name)
    faq = tmp_path / "dialogs" / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8").replace(
        "\ntopics:\n", "\ntopics:\n  - makeup\n", 1), encoding="utf-8")
    for language in example_settings.languages:
        path = po_path(tmp_path / "locales", language)
        with path.open("rb") as fh:
            catalog = read_po(fh)
        title, answer, keywords = MAKEUP.get(language, MAKEUP["en"])
        for field, text in (("title", title), ("answer", answer), ("keywords", keywords)):
            catalog.add(f"faq.makeup.{field}", text)
        with path.open("wb") as fh:
            write_po(fh, catalog)
    settings = replace(example_settings, content_dir=tmp_path)

    report = check_content(settings, load_content(tmp_path, settings.languages), wiring())

    assert report.problems == []
    warnings = [n for n in report.notes if "'makeup'" in n]
    assert [w.split(":")[1].strip() for w in warnings] == [
        f"locales/{language}" for language in settings.languages]
    assert warnings[0].startswith(
        "warning: locales/en: topics 'makeup' ('makeup') and 'aftercare' ('makeup') claim the "
        "same keywords")
