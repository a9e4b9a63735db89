"""The test content: tests/content/ laid over the project's own, so behaviour tests do not
change when the clinic adds a FAQ topic or a screening question.

tests/content/ holds the dialogs the tests own (a few FAQ topics, a short screening) and only
their texts. Everything else — the other dialogs, the templates, every text the code and
templates use — comes from the project being tested, so a code change that adds a message id
needs nothing here. tests/content/README.md says why it is built this way.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml
from babel.messages.pofile import read_po, write_po

from bot.content.loading import parse_dialog
from bot.content.models import message_ids

FIXTURE = Path(__file__).parent / "content"
OWNED = tuple(sorted(p.name for p in (FIXTURE / "dialogs").glob("*.yaml")))


def dialog_ids(dialogs: Path) -> set[str]:
    """The message ids the owned dialog files under `dialogs` refer to."""
    return {str(msgid) for name in OWNED
            for msgid in message_ids(parse_dialog(name, (dialogs / name).read_bytes(), name))}


def _keep_words_of_known_conditions(dialogs: Path) -> None:
    """The project's words for typed messages, less those of conditions (skin goals, doubts and
    not_me of questions) the short screening does not ask about (the check would rightly call them
    unknown); so too the conditions the aftercare week's questions name."""
    screening = yaml.safe_load((dialogs / "screening.yaml").read_text(encoding="utf-8"))
    health = yaml.safe_load((dialogs / "health.yaml").read_text(encoding="utf-8"))
    known = {step.get("declares", step["id"]) for step in screening["steps"]
             if step.get("kind") == "yes_no"} | {wait["id"] for wait in health["waits"]}
    known |= {option["id"] for step in screening["steps"] for option in step.get("options", ())
              if isinstance(option, dict) and "outcome" in option}
    for words in dialogs.glob("words.*.yaml"):
        data = yaml.safe_load(words.read_text(encoding="utf-8"))
        for part in ("conditions", "had_first"):
            data[part] = {k: v for k, v in data.get(part, {}).items() if k in known}
        words.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                         encoding="utf-8")
    week = dialogs / "aftercare.yaml"  # edited as written: tests edit its lines
    week.write_text(re.sub(r"names: \[([^\]]*)\]", lambda found: "names: [{}]".format(
        ", ".join(n for n in map(str.strip, found.group(1).split(",")) if n in known)),
        week.read_text(encoding="utf-8")), encoding="utf-8")
    goals = {option if isinstance(option, str) else option["id"]
             for step in screening["steps"] if step.get("records") == "goals"
             for option in step["options"]}
    questions = {step["id"] for step in screening["steps"] if step.get("kind") == "yes_no"}
    for replies in dialogs.glob("replies.*.yaml"):
        data = yaml.safe_load(replies.read_text(encoding="utf-8"))
        data["goals"] = {k: v for k, v in data.get("goals", {}).items() if k in goals}
        for part in ("doubts", "not_me"):
            data[part] = {k: v for k, v in data.get(part, {}).items() if k in questions}
        replies.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                           encoding="utf-8")


def build_content(target: Path, project: Path) -> Path:
    """Write the test content into `target` (a content folder, as `[content] directory` names
    one) from `project`'s dialogs, templates and catalogs and the fixture's own files."""
    shutil.copytree(project / "dialogs", target / "dialogs")
    for name in OWNED:
        shutil.copy(FIXTURE / "dialogs" / name, target / "dialogs" / name)
    _keep_words_of_known_conditions(target / "dialogs")
    unused = dialog_ids(project / "dialogs") - dialog_ids(target / "dialogs")
    for po in sorted((project / "locales").glob("*/LC_MESSAGES/messages.po")):
        relative = po.relative_to(project)
        with po.open("rb") as fh:
            catalog = read_po(fh)
        for msgid in unused:
            if msgid in catalog:
                del catalog[msgid]
        if (FIXTURE / relative).exists():  # a language the tests do not speak keeps its own
            with (FIXTURE / relative).open("rb") as fh:
                for message in read_po(fh):
                    if message.id:
                        catalog[message.id] = message
        (target / relative).parent.mkdir(parents=True)
        with (target / relative).open("wb") as fh:
            write_po(fh, catalog, omit_header=False)
    return target
