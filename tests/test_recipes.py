"""docs/CONTRIBUTING.md works: on a copy of the project, a FAQ topic and a screening question
are added as its recipes say, and the check and the tests pass with only content changed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from bot.content import Content
from tests.test_install import BIN, ROOT, catalog_commands

COPIED = ("bot", "dialogs", "locales", "tests", "babel.cfg", "pyproject.toml",
          "clinic.example.toml")
TOPIC = "  - licence\n"
QUESTION = "  - {id: shingles, kind: yes_no, outcome: doctor}\n"
EXAMPLES = "are your cosmetologists qualified?\ten\tfaq:licence\n" \
           "у вас есть лицензия?\tru\tfaq:licence\n"
# Questions no example has: the topic's keywords and examples must reach them.
ASKED = {"en": "is your clinic licensed?", "ru": "у клиники есть лицензия?"}
ROUTED = """
from pathlib import Path
from bot.config import load_settings
from bot.content import load_content
from bot.content.routing import faq_matcher, route
settings = load_settings(Path("clinic.example.toml"))
content = load_content(Path("."), settings.languages, settings.default_language)
for language, text in {asked}.items():
    print(route(content, faq_matcher(content, language), language, text).label)
"""
WORDS = {"en": "  shingles: [shingles, zoster]\n",
         "ru": "  shingles: [опоясывающий лишай, зостер]\n"}
TEXTS = {
    "en": {"faq.licence.title": "Licence and qualifications",
           "faq.licence.answer": "<b>Licence</b>\\n\\nOur cosmetologists are certified. "
                                 "Ask us: %(phone)s.",
           "faq.licence.keywords": "licence, licensed, license, certified, qualified, "
                                   "qualifications, diploma",
           "screening.q.shingles": "Have you had shingles recently?",
           "screening.reason.shingles": "Shingles needs a specialist's assessment first.",
           "screening.condition.shingles": "Shingles"},
    "ru": {"faq.licence.title": "Лицензия и квалификация",
           "faq.licence.answer": "<b>Лицензия</b>\\n\\nНаши косметологи обучены. "
                                 "Звоните: %(phone)s.",
           "faq.licence.keywords": "лицензия, квалификация, диплом, обучение косметолога",
           "screening.q.shingles": "Недавно был опоясывающий лишай?",
           "screening.reason.shingles": "При опоясывающем лишае сначала нужна оценка специалиста.",
           "screening.condition.shingles": "Опоясывающий лишай"},
}


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}


def insert_after(path: Path, anchor: str, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert anchor in text
    path.write_text(text.replace(anchor, anchor + line, 1), encoding="utf-8")


def translate(po: Path, texts: dict[str, str]) -> None:
    """Fill in the empty entries `pybabel update` added."""
    text = po.read_text(encoding="utf-8")
    for msgid, msgstr in texts.items():
        empty = f'msgid "{msgid}"\nmsgstr ""\n\n'
        assert empty in text, msgid
        text = text.replace(empty, f'msgid "{msgid}"\nmsgstr "{msgstr}"\n\n')
    po.write_text(text, encoding="utf-8")


def run(command: list[str] | str, cwd: Path) -> str:
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("CLINICBOT_CONFIG", "TELEGRAM_BOT_TOKEN")}
    environment["PYTHONPATH"] = str(cwd)
    result = subprocess.run(command, shell=isinstance(command, str), cwd=cwd, env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_a_topic_and_a_question_added_by_the_recipes_change_only_content(
    tmp_path: Path, shipped_content: Content
) -> None:
    recipes = (ROOT / "docs" / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert TOPIC.strip() in recipes and QUESTION.strip() in recipes
    assert WORDS["en"].strip() in recipes
    assert all(example in recipes for example in EXAMPLES.splitlines())
    project = tmp_path / "project"
    for name in COPIED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, project / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy(ROOT / name, project / name)
    before = snapshot(project)

    insert_after(project / "dialogs" / "faq.yaml", "\ntopics:\n", TOPIC)
    insert_after(project / "dialogs" / "screening.yaml", "\nsteps:\n", QUESTION)
    for language, words in WORDS.items():
        insert_after(project / "dialogs" / f"words.{language}.yaml", "\nconditions:\n", words)
    for command in catalog_commands():
        run(command.replace(".venv/bin/", f"{BIN}/"), project)
    for language, texts in TEXTS.items():
        translate(project / "locales" / language / "LC_MESSAGES" / "messages.po", texts)
    with (project / "dialogs" / "examples.tsv").open("a", encoding="utf-8") as examples:
        examples.write(EXAMPLES)

    check = run([sys.executable, "-m", "bot", "check"], project)
    steps = len(shipped_content.screening.steps) + 1
    assert check.strip().splitlines()[-1].startswith("check: ok (")
    assert f"{steps} screening steps" in check
    topic = TOPIC.strip(" -\n")
    routed = run([sys.executable, "-c", ROUTED.format(asked=ASKED)], project)
    assert routed.split() == [f"faq:{topic}"] * len(ASKED)
    # Content is the same on either engine: the journeys run on SQLite only.
    tests = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0",
                 "-k", "not postgresql", "tests/test_content.py", "tests/test_medical_rules.py",
                 "tests/test_screening.py", "tests/test_faq.py"], project)
    assert re.search(r"\d+ passed", tests) and "failed" not in tests

    after = snapshot(project)
    changed = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    assert changed == {"dialogs/faq.yaml", "dialogs/screening.yaml", "dialogs/words.en.yaml",
                       "dialogs/examples.tsv",
                       "dialogs/words.ru.yaml", "locales/messages.pot",
                       "locales/en/LC_MESSAGES/messages.po",
                       "locales/ru/LC_MESSAGES/messages.po"}
    for path in changed:  # each named by the recipes, a language's file by its pattern
        languages = "|".join(shipped_content.languages)
        named = re.sub(rf"(words\.|locales/)({languages})\b", r"\1<lang>", path)
        assert f"`{named}`" in recipes, named
