"""`clinicbot check` compares each text's placeholders with the names the code and templates
pass where it is rendered: a misspelling made the same way in every language would otherwise
raise KeyError in front of a client, and one language's slip is blamed on that language."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment
from pydantic import BaseModel

from bot.config import Settings
from bot.content import load_content
from bot.content.check import Report, check_content
from bot.content.check_placeholders import compare_languages
from bot.content.models import Msg
from bot.content.placeholders import passed_names
from bot.flows.routes import wiring


def misspell(root: Path, language: str, msgid: str, right: str, wrong: str) -> None:
    po = root / "locales" / language / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    start = text.index(f'msgid "{msgid}"\n')
    end = text.index("\n\n", start)
    assert right in text[start:end]
    po.write_text(text[:start] + text[start:end].replace(right, wrong) + text[end:],
                  encoding="utf-8")


def problems(settings: Settings, root: Path) -> list[str]:
    settings = replace(settings, content_dir=root)
    content = load_content(root, settings.languages)
    return check_content(settings, content, wiring()).problems


@pytest.mark.parametrize("msgid", ["logistics.phone", "faq.price.answer"])
def test_a_misspelling_made_in_every_language_is_reported_in_each(
    test_settings: Settings, copy: Path, msgid: str
) -> None:
    for language in test_settings.languages:
        misspell(copy, language, msgid, "%(phone)s", "%(phon)s")
    found = problems(test_settings, copy)
    for language in test_settings.languages:
        line = next(p for p in found if p.startswith(
            f"locales/{language}/LC_MESSAGES/messages.po: {msgid!r} ({language}) uses %(phon)s"))
        assert "which the code does not pass" in line and "%(phone)s" in line
    assert len(found) == len(test_settings.languages)


def test_a_misspelling_in_one_language_names_that_language(
    test_settings: Settings, copy: Path
) -> None:
    default = test_settings.default_language
    misspell(copy, default, "logistics.phone", "%(phone)s", "%(phon)s")
    found = problems(test_settings, copy)
    assert len(found) == 1
    assert found[0].startswith(
        f"locales/{default}/LC_MESSAGES/messages.po: 'logistics.phone' ({default}) uses "
        "%(phon)s, which the code does not pass (bot/flows/typed.py:")


def test_the_shipped_and_test_content_use_only_names_the_code_passes(
    test_settings: Settings, copy: Path
) -> None:
    assert problems(test_settings, copy) == []


class Topic(BaseModel):
    answer: Msg


class Outcome(BaseModel):
    title: Msg


def test_ids_written_as_expressions_are_followed_to_the_ids_they_hold(tmp_path: Path) -> None:
    package = tmp_path / "shop"
    (package / "flows").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "flows" / "__init__.py").write_text("")
    (package / "flows" / "stages.py").write_text(
        'LABELS = {"new": N_("stage.new"), "old": N_("stage.old")}\n')
    (package / "flows" / "cards.py").write_text(
        "from shop.flows import stages\n"
        "from shop.flows.stages import LABELS\n"
        "TITLES = (N_('card.today'), N_('card.tomorrow'))\n"
        "def card(desk, topic, stage, day, values):\n"
        "    desk.tr(TITLES[day], date=1)\n"
        "    desk.tr(stages.LABELS[stage])\n"
        "    desk.tr(LABELS[stage], count=2)\n"
        "    desk.tr(topic.answer, phone=3, price=4)\n"
        "    desk.content.tr_message('en', 'card.footer', phone=5)\n"
        "    desk.tr('card.any', **values)\n")
    env = Environment(loader=DictLoader({"card.j2": '{{ _("card.footer") }}'
                                                    '{{ _(outcome.title, name=x) }}'}))
    models = [Topic(answer="faq.a.answer"), Outcome(title="outcome.x.title")]
    known = {"stage.new", "stage.old", "card.today", "card.tomorrow", "faq.a.answer",
             "card.footer", "card.any", "outcome.x.title"}

    passed = passed_names(package, env, models, known)

    assert passed.names == {
        "card.today": {"date"}, "card.tomorrow": {"date"},
        "stage.new": set(), "stage.old": set(),  # one place passes nothing: none is safe
        "faq.a.answer": {"phone", "price"},
        "card.footer": set(),  # the template passes nothing, the code phone
        "outcome.x.title": {"name"},
    }
    assert passed.sites["card.footer"] == ["shop/flows/cards.py:9", "dialogs/templates/card.j2:1"]


def test_where_the_code_cannot_be_followed_the_odd_language_is_named() -> None:
    report = Report()
    compare_languages("staff.lead.usage", {"en": frozenset({"id"}), "ru": frozenset({"id"}),
                                           "uk": frozenset({"di"})}, report)
    assert report.problems == [
        "locales/uk/LC_MESSAGES/messages.po: 'staff.lead.usage' (uk) uses %(di)s, expected "
        "%(id)s as in en, ru"]
    report = Report()
    compare_languages("staff.lead.usage", {"en": frozenset({"di"}), "ru": frozenset({"id"})},
                      report)
    assert report.problems == [
        "locales: 'staff.lead.usage' uses different placeholders in each language: "
        "locales/en/LC_MESSAGES/messages.po (en) %(di)s; "
        "locales/ru/LC_MESSAGES/messages.po (ru) %(id)s"]
