"""`clinicbot check` passes on the shipped content and catches each kind of broken content."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

from bot.cli import main
from bot.config import EXAMPLE_CONFIG, Settings
from bot.content import Content, ContentError, load_content
from bot.content.check import check_content
from bot.content.extract import KEYWORDS, extract_dialogs, extracted_msgids
from bot.content.loading import read_yaml
from bot.flows.routes import wiring

ROOT = Path(__file__).parent.parent


def test_shipped_content_passes_the_check(example_settings: Settings) -> None:
    content = load_content(ROOT, example_settings.languages)
    report = check_content(example_settings, content, wiring())
    assert report.problems == []
    assert report.counts["languages"] == len(example_settings.languages)
    assert report.counts["message ids"] > 150


def test_test_content_passes_the_check(test_settings: Settings, content: Content) -> None:
    """tests/content/ over the project's content is whole: every message id has its texts."""
    assert check_content(test_settings, content, wiring()).problems == []


def test_template_catalog_is_up_to_date() -> None:
    """Every id the bot renders, with plural forms where it is rendered with a count."""
    with (ROOT / "locales" / "messages.pot").open("rb") as fh:
        pot = {(m.id[0] if m.pluralizable else m.id): {m.pluralizable}
               for m in read_po(fh) if m.id}
    assert pot == extracted_msgids(ROOT), "run clinicbot catalogs (README)"


def problems(settings: Settings, root: Path) -> list[str]:
    """What `clinicbot check` reports: problems found while loading, else those of the check."""
    settings = replace(settings, content_dir=root)
    try:
        content = load_content(root, settings.languages)
    except ContentError as exc:
        return exc.problems
    return check_content(settings, content, wiring()).problems


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_missing_translation_is_reported(example_settings: Settings, copy: Path) -> None:
    po = copy / "locales/ru/LC_MESSAGES/messages.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    index = lines.index('msgid "screening.q.pacemaker"')
    lines[index + 1] = 'msgstr ""'
    while lines[index + 2].startswith('"'):
        del lines[index + 2]
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "locales/ru: no translation for 'screening.q.pacemaker'" in problems(
        example_settings, copy)


def test_a_count_without_plural_forms_is_reported(example_settings: Settings,
                                                  copy: Path) -> None:
    """A message rendered with a count finds no text in a catalog that holds it as one text,
    nor one rendered as one text in a catalog of plural forms: the client would see its id."""
    edit(copy / "dialogs/templates/privacy.j2",
         'ngettext("privacy.how_long", "privacy.how_long", retention_days, days=retention_days)',
         '_("privacy.how_long", days=retention_days)')
    edit(copy / "dialogs/templates/stats.j2",
         'ngettext("staff.stats.title", "staff.stats.title", days, days=days)',
         '_("staff.stats.title", days=days)')
    po = copy / "locales/ru/LC_MESSAGES/messages.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    index = lines.index('msgid "aftercare.next_session.course"')
    end = lines.index("", index)
    lines[index + 1:end] = ['msgstr "Косметолог советует следующий сеанс через %(weeks)s нед."']
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = problems(example_settings, copy)
    assert "locales/ru: 'aftercare.next_session.course' is rendered with a count, but the " \
        "catalog has no plural forms for it; run clinicbot catalogs" in found
    for language in example_settings.languages:
        assert f"locales/{language}: 'privacy.how_long' is rendered as one text, but the " \
            "catalog has plural forms for it; run clinicbot catalogs" in found
        assert f"locales/{language}: 'staff.stats.title' is rendered both with a count and " \
            "as one text: render it the one way" in found


def test_unreachable_and_missing_steps_are_reported(
    example_settings: Settings, copy: Path
) -> None:
    edit(copy / "dialogs/screening.yaml", "{id: herpes, kind: yes_no, outcome: not_now}",
         "{id: herpes, kind: yes_no, outcome: not_now, next: nowhere}")
    found = problems(example_settings, copy)
    assert "dialogs/screening.yaml: steps[1] (herpes): field 'next': goes to missing " \
        "step 'nowhere'" in found
    assert "dialogs/screening.yaml: steps[2] (pacemaker): can never be reached" in found


def test_contraindication_classified_suitable_is_reported(
    example_settings: Settings, copy: Path
) -> None:
    edit(copy / "dialogs/screening.yaml", "{id: pacemaker, kind: yes_no, outcome: doctor}",
         "{id: pacemaker, kind: yes_no, outcome: suitable}")
    assert any(p.startswith("dialogs/screening.yaml: steps[2] (pacemaker): field 'outcome': "
                            "leads to 'suitable', the outcome when nothing is declared")
               for p in problems(example_settings, copy))


def test_overlong_message_and_callback_data_are_reported(
    example_settings: Settings, copy: Path
) -> None:
    po = copy / "locales/en/LC_MESSAGES/messages.po"
    edit(po, 'msgid "faq.duration.answer"\nmsgstr ""',
         'msgid "faq.duration.answer"\nmsgstr "' + "x" * 4100 + '"')
    edit(copy / "dialogs/faq.yaml", "  - season\n", "  - " + "r" * 70 + "\n")
    found = problems(example_settings, copy)
    assert any("'faq.duration.answer' is" in p and "Telegram allows 4096" in p for p in found)
    assert any(p.startswith("callback data: callback data over 64 bytes") for p in found)


def test_a_topic_naming_no_condition_of_the_check_is_reported(
    example_settings: Settings, copy: Path
) -> None:
    edit(copy / "dialogs/faq.yaml", "{id: contraindications, offer: screening}",
         "{id: contraindications, offer: screening, names: [pacemaker, sunburn]}")
    assert problems(example_settings, copy) == [
        "dialogs/faq.yaml: topic 'contraindications' names 'sunburn', no condition of "
        "dialogs/screening.yaml"]


def test_a_topic_answering_no_question_of_the_week_is_reported(
    example_settings: Settings, copy: Path
) -> None:
    edit(copy / "dialogs/faq.yaml", "week: [sauna, gym,", "week: [sauna, pool, gym,")
    assert problems(example_settings, copy) == [
        "dialogs/faq.yaml: topic 'aftercare' answers 'pool', no question of "
        "dialogs/aftercare.yaml"]


def test_an_aftercare_question_naming_no_condition_of_the_check_is_reported(
    example_settings: Settings, copy: Path
) -> None:
    edit(copy / "dialogs/aftercare.yaml", "{id: sun, names: [sun_planned]}",
         "{id: sun, names: [sun_planned, beach]}")
    assert problems(example_settings, copy) == [
        "dialogs/aftercare.yaml: question 'sun' names 'beach', no condition of "
        "dialogs/screening.yaml"]


def test_broken_template_is_reported(example_settings: Settings, copy: Path) -> None:
    edit(copy / "dialogs/templates/contacts.j2", "{{ clinic.address }}", "{{ clinic.adress }}")
    found = problems(example_settings, copy)
    assert any(p.startswith("dialogs/templates/contacts.j2 (en)") for p in found)


SCREENING = "dialogs/screening.yaml"
PACEMAKER = "{id: pacemaker, kind: yes_no, outcome: doctor}"


def test_a_step_missing_its_kind_is_named_by_file_entry_and_field(
    example_settings: Settings, copy: Path
) -> None:
    edit(copy / SCREENING, PACEMAKER, "{id: pacemaker, outcome: doctor}")
    assert problems(example_settings, copy) == [
        f"{SCREENING}: steps[2] (pacemaker): field 'kind': missing"]


def test_a_step_whose_question_is_not_a_message_id_is_named(
    example_settings: Settings, copy: Path
) -> None:
    edit(copy / SCREENING, PACEMAKER, "{id: pacemaker, kind: yes_no, outcome: doctor, question: 7}")
    assert problems(example_settings, copy) == [
        f"{SCREENING}: steps[2] (pacemaker): field 'question': input should be a valid string; "
        "got 7"]


def test_an_unquoted_yes_key_stays_the_word_yes(example_settings: Settings, copy: Path) -> None:
    """In YAML 1.1 `yes:` is the boolean True; here it is the key "yes", a field steps lack."""
    edit(copy / SCREENING, PACEMAKER,
         "{id: pacemaker, kind: yes_no, outcome: doctor, yes: pacemaker}")
    assert problems(example_settings, copy) == [
        f"{SCREENING}: steps[2] (pacemaker): field 'yes': unknown field (a typo?)"]


def test_yaml_booleans_are_only_true_and_false() -> None:
    text = "yes: no\nOn: OFF\nY: n\nanswers: [Yes, No, on, off, true, False, TRUE]\n"
    assert read_yaml(text) == {"yes": "no", "On": "OFF", "Y": "n",
                               "answers": ["Yes", "No", "on", "off", True, False, True]}


def test_wrong_types_and_unknown_outcomes_are_all_reported_at_once(
    example_settings: Settings, copy: Path
) -> None:
    edit(copy / "dialogs/aftercare.yaml", "closing_day: 7", "closing_day: seven")
    edit(copy / "dialogs/faq.yaml", "match_threshold: 0.5", "match_threshold: [0.5]")
    edit(copy / SCREENING, PACEMAKER, "{id: pacemaker, kind: yes_no, outcome: docter}")
    found = problems(example_settings, copy)
    assert found == [
        "dialogs/faq.yaml: field 'match_threshold': input should be a valid number; got [0.5]",
        f"{SCREENING}: steps[2] (pacemaker): field 'outcome': unknown outcome 'docter'; "
        "expected one of ['doctor', 'not_now', 'suitable']",
        "dialogs/aftercare.yaml: field 'closing_day': input should be a valid integer; "
        "got 'seven'"]


def test_the_outcome_when_nothing_is_declared_must_exist(
    example_settings: Settings, copy: Path
) -> None:
    edit(copy / SCREENING, "when_nothing_declared: suitable", "when_nothing_declared: fine")
    assert problems(example_settings, copy) == [
        f"{SCREENING}: field 'when_nothing_declared': unknown outcome 'fine'; expected one of "
        "['doctor', 'not_now', 'suitable']"]


def test_a_step_must_fit_its_kind(example_settings: Settings, copy: Path) -> None:
    edit(copy / SCREENING, "    records: goals\n", "")
    edit(copy / SCREENING, PACEMAKER, "{id: pacemaker, kind: yes_no}")
    assert problems(example_settings, copy) == [
        f"{SCREENING}: steps[0] (goals): field 'records': missing; a choose_many step needs it",
        f"{SCREENING}: steps[2] (pacemaker): field 'outcome': missing; a yes_no step needs it"]


def test_cli_prints_content_problems_and_exits_2(
    copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(copy / SCREENING, PACEMAKER, "{id: pacemaker, kind: yes_or_no, outcome: doctor}")
    config = copy / "clinic.toml"
    config.write_text(EXAMPLE_CONFIG.read_text(encoding="utf-8")
                      + f'\n[content]\ndirectory = "{copy}"\n', encoding="utf-8")
    for command in ("check", "shell"):
        assert main([command, "--config", str(config)]) == 2
        error = capsys.readouterr().err
        assert error.splitlines() == [
            "clinicbot: content problems:",
            f"  {SCREENING}: steps[2] (pacemaker): field 'kind': input should be 'yes_no' or "
            "'choose_many'; got 'yes_or_no'"]


def test_message_ids_follow_from_entry_ids(content: Content) -> None:
    screening = content.screening
    sun = screening.step("sun")
    assert sun is not None and sun.condition is not None
    assert (sun.question, sun.condition.reason, sun.condition.label, sun.condition.outcome) == (
        "screening.q.sun", "screening.reason.sun_planned", "screening.condition.sun_planned",
        "not_now")
    assert screening.goals is not None and screening.goals.id == "goals"
    assert [o.label for o in screening.goals.options][:2] == ["screening.goal.dry",
                                                              "screening.goal.pores"]
    assert [o.book for o in screening.outcomes] == [
        "screening.outcome.doctor.book", None, "screening.outcome.suitable.book"]
    assert screening.nothing_declared.title == "screening.outcome.suitable.title"
    duration = content.faq_topic("duration")
    assert duration is not None and (duration.title, duration.answer, duration.keywords) == (
        "faq.duration.title", "faq.duration.answer", "faq.duration.keywords")
    assert content.aftercare.days[7] == "aftercare.day.7"
    assert [a.normal for a in content.aftercare.answers] == [
        "aftercare.reply.fine", "aftercare.reply.redness", "aftercare.reply.swelling",
        None, None, None, None, None]
    assert content.menu[0].label == "menu.faq"
    with (content.root / SCREENING).open("rb") as fh:
        extracted = {m[2] for m in extract_dialogs(fh, KEYWORDS, [], {})}
    assert {"screening.q.sun", "screening.reason.sun_planned", "screening.goal.dry",
            "screening.outcome.doctor.book", "screening.consent.text"} <= extracted
    assert "screening.outcome.not_now.book" not in extracted


def test_a_new_question_is_one_entry_plus_its_texts_and_words(
    example_settings: Settings, copy: Path
) -> None:
    edit(copy / SCREENING, PACEMAKER,
         PACEMAKER + "\n  - {id: shingles, kind: yes_no, outcome: doctor}")
    found = problems(example_settings, copy)
    for language in example_settings.complete:
        for msgid in ("screening.q.shingles", "screening.reason.shingles",
                      "screening.condition.shingles"):
            assert f"locales/{language}: no translation for {msgid!r}" in found
        assert f"dialogs/words.{language}.yaml: conditions: no words for 'shingles'" in found
    assert len(found) == 4 * len(example_settings.complete)


def test_an_explicit_message_id_overrides_the_convention(copy: Path) -> None:
    edit(copy / SCREENING, PACEMAKER,
         "{id: pacemaker, kind: yes_no, outcome: doctor, question: screening.q.herpes}")
    content = load_content(copy, ("en",))
    pacemaker = content.screening.step("pacemaker")
    assert pacemaker is not None and pacemaker.question == "screening.q.herpes"
    assert pacemaker.condition is not None and (
        pacemaker.condition.reason == "screening.reason.pacemaker")


def test_a_choose_many_step_declares_nothing(example_settings: Settings, copy: Path) -> None:
    edit(copy / SCREENING, "    records: goals\n", "    records: goals\n    outcome: doctor\n")
    assert problems(example_settings, copy) == [
        f"{SCREENING}: steps[0] (goals): field 'outcome': not used by a choose_many step"]


def test_a_step_without_an_id_is_named_by_its_place(
    example_settings: Settings, copy: Path
) -> None:
    edit(copy / SCREENING, PACEMAKER, "{kind: yes_no, outcome: doctor}")
    assert problems(example_settings, copy) == [f"{SCREENING}: steps[2]: field 'id': missing"]


def test_every_condition_has_words_and_every_word_a_condition(
    example_settings: Settings, copy: Path
) -> None:
    words = copy / "dialogs/words.ru.yaml"
    data = yaml.safe_load(words.read_text(encoding="utf-8"))
    data["conditions"]["shingles"] = data["conditions"].pop("herpes")
    data["had_first"] = {"shingles_treatment": ["лазер"]}
    words.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    edit(copy / "dialogs/health.yaml", "waits: []",
         "waits:\n  - {id: isotretinoin, outcome: suitable}")
    found = problems(example_settings, copy)
    assert "dialogs/words.ru.yaml: conditions: no words for 'herpes'" in found
    assert ("dialogs/words.ru.yaml: conditions: 'shingles' is no condition of "
            "dialogs/screening.yaml or dialogs/health.yaml") in found
    assert ("dialogs/words.ru.yaml: had_first: 'shingles_treatment' is no condition of "
            "dialogs/screening.yaml or dialogs/health.yaml") in found
    assert any(p.startswith("dialogs/health.yaml: waits[0] (isotretinoin): unknown outcome "
                            "'suitable'") for p in found)



def change_words(root: Path, language: str, **keys: object) -> None:
    """Set top-level keys of a words file; `health_<cue>` sets a cue of `health`."""
    words = root / f"dialogs/words.{language}.yaml"
    data = yaml.safe_load(words.read_text(encoding="utf-8"))
    for key, value in keys.items():
        cue = key.removeprefix("health_")
        (data["health"] if cue != key else data)[cue] = value
    words.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_malformed_endings_and_words_after_a_figure_are_named_by_file_and_key(
    example_settings: Settings, copy: Path
) -> None:
    change_words(copy, "ru", patient_endings={"ичка": ["ик", 7]}, health_act_endings=["", "ние"],
                 degrees=["гра*дус"])
    change_words(copy, "en", money=[1000, "k", "*"])
    assert sorted(problems(example_settings, copy)) == [
        "dialogs/words.en.yaml: money.0: Input should be a valid string",
        "dialogs/words.en.yaml: money.2: '*': '*' only ends a word, after its beginning ('руб*')",
        "dialogs/words.ru.yaml: degrees.0: 'гра*дус': '*' only ends a word, after its beginning "
        "('руб*')",
        "dialogs/words.ru.yaml: health.act_endings.0: String should have at least 1 character",
        "dialogs/words.ru.yaml: patient_endings.ичка.1: Input should be a valid string"]
    change_words(copy, "ru", patient_endings={"": ["ия"], "ичка": ["ик"]})
    assert "dialogs/words.ru.yaml: patient_endings: an empty ending: every word ends so" in (
        problems(example_settings, copy))


def test_a_word_after_a_figure_is_read_as_written_not_as_a_pattern(
    example_settings: Settings, copy: Path
) -> None:
    """A clinic adds "у.е." to the sums: "37,5 у.е." is a sum, "37,5 уже" still a temperature."""
    change_words(copy, "ru", money=["у.е.", "тыс*", "руб*", "к", "р"])
    assert problems(example_settings, copy) == []
    spotter = load_content(copy, example_settings.languages).spotters["ru"]
    assert "37,5" not in spotter.readings("курс 37,5 у.е., это окончательно?")
    assert "37,5" in spotter.readings("вчера 37,5 уже к вечеру")
