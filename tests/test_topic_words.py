"""A new FAQ topic whose keywords another topic, or another answer, already claims is named by
`clinicbot check`: typed questions made of those words would never reach it."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from bot.config import Settings
from bot.content import load_content
from bot.content.check import check_content
from bot.content.i18n import po_path
from bot.content.report import Report
from bot.flows.routes import wiring

ROOT = Path(__file__).parent.parent
MAKEUP = {"en": ("Makeup after the procedure", "Wait a day before makeup.", "makeup, concealer"),
          "ru": ("Макияж после процедуры", "Подождите с макияжем сутки.", "макияж, консилер")}
# The clinic's details (dialogs/words.*.yaml, `logistics: gift`) and staff (`staff_only`) answer
# these already.
GIFTS = {"en": ("Gift cards", "Ask at the reception.", "gift card, discount"),
         "ru": ("Сертификаты", "Спросите на ресепшене.", "подарочный сертификат, подарок")}


def checked_with_topic(settings: Settings, root: Path, topic: str,
                       texts: dict[str, tuple[str, str, str]]) -> Report:
    """`clinicbot check` on a copy of the content with `topic` added first, in every language."""
    for name in ("dialogs", "locales"):
        shutil.copytree(ROOT / name, root / name)
    faq = root / "dialogs" / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8").replace(
        "\ntopics:\n", f"\ntopics:\n  - {topic}\n", 1), encoding="utf-8")
    for language in settings.languages:
        path = po_path(root / "locales", language)
        with path.open("rb") as fh:
            catalog = read_po(fh)
        title, answer, keywords = texts.get(language, texts["en"])
        for field, text in (("title", title), ("answer", answer), ("keywords", keywords)):
            catalog.add(f"faq.{topic}.{field}", text)
        with path.open("wb") as fh:
            write_po(fh, catalog)
    settings = replace(settings, content_dir=root)
    return check_content(settings, load_content(root, settings.languages), wiring())


def test_a_topic_claiming_another_topics_keywords_is_named(
    example_settings: Settings, tmp_path: Path
) -> None:
    settings = example_settings
    report = checked_with_topic(settings, tmp_path, "makeup", MAKEUP)

    assert report.problems == []
    warnings = [n for n in report.notes if "'makeup'" in n]
    assert [w.split(":")[1].strip() for w in warnings] == [
        f"locales/{language}" for language in settings.languages]
    assert warnings[0].startswith(
        "warning: locales/en: topics 'makeup' ('makeup') and 'aftercare' ('makeup') claim the "
        "same keywords")


def test_a_topic_whose_keywords_another_answer_takes_is_named(
    example_settings: Settings, tmp_path: Path
) -> None:
    report = checked_with_topic(example_settings, tmp_path, "gift_cards", GIFTS)

    assert report.problems == []
    warnings = [n for n in report.notes if "'gift_cards'" in n]
    assert warnings == [
        "warning: locales/en: topic 'gift_cards' ('gift card'): a question made of it is "
        "answered as the clinic's detail 'gift' (dialogs/words.en.yaml), never by the topic",
        "warning: locales/en: topic 'gift_cards' ('discount'): a question made of it is "
        "answered as a question only staff answer (`staff_only`, dialogs/words.en.yaml), "
        "never by the topic",
        "warning: locales/ru: topic 'gift_cards' ('подарочный сертификат'): a question made "
        "of it is answered as the clinic's detail 'gift' (dialogs/words.ru.yaml), never by "
        "the topic",
        "warning: locales/ru: topic 'gift_cards' ('подарок'): a question made of it is "
        "answered as the clinic's detail 'gift' (dialogs/words.ru.yaml), never by the topic"]
