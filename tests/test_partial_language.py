"""A language is content plus one line of configuration: on a copy of the project, Ukrainian is
added with only the greeting, the menu and one FAQ topic translated. Its clients see those in
Ukrainian and every other text in the default language, never a raw message id, and
`clinicbot check` passes, reporting each language's coverage."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from bot.cli import check, main
from bot.clock import FixedClock
from bot.config import Settings, load_settings
from bot.content import load_content
from bot.devtools.sandbox import Sandbox, Sent
from tests.chat import Texts, health_reason, shown
from tests.test_recipes import translate

ROOT = Path(__file__).parent.parent
RAW_ID = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")
UK = {
    "welcome.greeting": "Вітаю, %(name)s! 👋 Я віртуальний помічник <b>%(clinic)s</b>.",
    "welcome.can_do": "Ось чим я можу допомогти:\\n• відповісти на ваші запитання;\\n"
                      "• перевірити, чи підходить вам процедура;\\n• записати на консультацію.",
    "welcome.disclaimer": "Я надаю інформацію, а не діагноз.",
    "menu.title": "Що бажаєте зробити?",
    "menu.faq": "❓ Запитання",
    "menu.screening": "✅ Перевірка протипоказань",
    "menu.booking": "📅 Записатися на консультацію",
    "menu.aftercare": "🌿 Сьогодні в мене була процедура",
    "menu.contacts": "📍 Контакти",
    "menu.person": "💬 Поговорити з людиною",
    "menu.language": "🌐 Мова",
    "button.menu": "🏠 Меню",
    "faq.what.title": "Що це таке?",
    "faq.what.answer": "<b>Що таке алмазна мікродермабразія?</b>\\n\\nЦе механічний пілінг "
                       "алмазною насадкою.",
    "faq.what.keywords": "що таке мікродермабразія, алмазний пілінг, як це працює",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with Ukrainian added the way CONTRIBUTING says."""
    project = tmp_path_factory.mktemp("project")
    for name in ("bot", "dialogs", "locales"):
        shutil.copytree(ROOT / name, project / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(ROOT / "babel.cfg", project / "babel.cfg")
    config = (ROOT / "clinic.example.toml").read_text(encoding="utf-8")
    line = next(li for li in config.splitlines() if li.startswith("available = "))
    configured = line.replace('"ru"]', '"ru", "uk"]')
    assert configured != line
    (project / "clinic.toml").write_text(config.replace(line, configured), encoding="utf-8")
    assert main(["catalogs", "--root", str(project), "--config",
                 str(project / "clinic.toml")]) == 0
    translate(project / "locales" / "uk" / "LC_MESSAGES" / "messages.po", UK)
    return project


@pytest.fixture
def settings(project: Path, tmp_path: Path) -> Settings:
    settings = load_settings(project / "clinic.toml")
    assert settings.languages[-1] == "uk" and "uk" not in settings.complete
    return replace(settings, content_dir=project).with_database(tmp_path / "clinic.sqlite3")


def raw_ids(messages: list[Sent]) -> list[str]:
    return [text for m in messages for text in (m.text, *(label for label, _ in m.buttons))
            if RAW_ID.match(text.strip())]


async def test_a_partial_language_speaks_what_it_has_and_the_default_language_elsewhere(
    settings: Settings, clock: FixedClock
) -> None:
    content = load_content(settings.content_dir, settings.languages, settings.default_language)
    uk, default = Texts(content, "uk"), Texts(content, settings.default_language)
    bot = await Sandbox.start(settings, clock)
    try:
        client = bot.user(language_code="uk-UA")
        welcome = shown(await client.send("/start"))
        assert "Вітаю, Anna!" in welcome and "Я надаю інформацію" in welcome
        await client.send("/menu")
        assert client.last.text == "Що бажаєте зробити?"
        assert [label for label, _ in client.last.buttons][0] == "❓ Запитання"

        topics = await client.press("❓ Запитання")
        labels = [label for m in topics for label, _ in m.buttons]
        assert "Що це таке?" in labels and default.label("faq.results.title") in labels
        assert "Що таке алмазна мікродермабразія?" in shown(await client.press("Що це таке?"))
        await client.press(uk.label("button.more_questions"))
        results = shown(await client.press(default.label("faq.results.title")))
        assert default.faq("results", settings) in results
        assert raw_ids(client.messages) == []
    finally:
        await bot.stop()
    assert bot.errors == []


async def test_a_partial_language_reads_typed_messages_with_the_default_languages_words(
    settings: Settings, clock: FixedClock
) -> None:
    """Ukrainian ships no words file: its clients' typed questions and health statements are
    read as the default language's would be, never an error."""
    content = load_content(settings.content_dir, settings.languages, settings.default_language)
    default = Texts(content, settings.default_language)
    bot = await Sandbox.start(settings, clock)
    try:
        client = bot.user(language_code="uk")
        await client.send("/start")
        assert default.faq("duration", settings) in shown(
            await client.send("how long does it take?"))
        pregnant = shown(await client.send("I'm pregnant, can I still have it?"))
        assert default(health_reason(content, "pregnancy")[0]) in pregnant
        assert default.faq("duration", settings) not in pregnant
    finally:
        await bot.stop()
    assert bot.errors == []


def test_check_passes_and_reports_each_languages_coverage(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(settings) == 0
    out = capsys.readouterr().out
    total = int(re.search(r"coverage: en (\d+)/\1 texts, configured as complete", out)[1])
    assert f"coverage: ru {total}/{total} texts, configured as complete" in out
    assert (f"coverage: uk {len(UK)}/{total} texts, the other {total - len(UK)} shown in en; "
            "typed messages read with the en words") in out
    assert out.strip().splitlines()[-1].startswith("check: ok (")


def test_a_gap_in_a_language_configured_as_complete_fails_the_check(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(replace(settings, complete_languages=("ru", "uk"))) == 1
    out = capsys.readouterr().out
    assert "locales/uk: no translation for 'faq.results.title'" in out
    assert "locales/uk: no translation for 'faq.what.title'" not in out
