"""Everything the bot says, loaded from dialogs/ (structure, templates) and locales/ (wording).

Each dialog file is validated against its model (bot/content/models.py, screening.py), which
also derives the message ids an entry does not write (`faq.what.answer` for topic `what`).
Message ids are symbolic; every shipped language has its own catalog entry for each id. Texts
are rendered for Telegram's HTML parse mode: variables are escaped, HTML written in a
translation is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from bot.content.classifier import Classifier, read_examples, trained
from bot.content.i18n import LocaleCatalog, load_catalog, po_path
from bot.content.loading import ContentError, load_dialogs
from bot.content.models import (
    Aftercare,
    Booking,
    CheckinAnswer,
    Choice,
    Faq,
    FaqTopic,
    Health,
    MenuItem,
    Menus,
)
from bot.content.replies import ReplyReader, load_replies
from bot.content.screening import Condition, Outcome, Screening, Step
from bot.content.spotting import Reading, Spotter
from bot.content.words import ALONE, Words, load_words

__all__ = ["Aftercare", "Booking", "CheckinAnswer", "Choice", "Condition", "Content",
           "ContentError", "FaqTopic", "MenuItem", "Outcome", "Screening", "Step", "load_content"]


@dataclass
class Content:
    root: Path
    languages: tuple[str, ...]
    menu: tuple[MenuItem, ...]
    faq: tuple[FaqTopic, ...]
    faq_threshold: float
    faq_ignore_words: str
    screening: Screening
    booking: Booking
    aftercare: Aftercare
    catalogs: dict[str, LocaleCatalog]
    envs: dict[str, Environment]
    health: Health
    words: dict[str, Words]  # every language's: one without a words file reads with the default's
    words_files: tuple[str, ...]  # the languages with a dialogs/words.<language>.yaml of their own
    spotters: dict[str, Spotter]  # conditions, health cues, small talk, logistics…, per language
    replies: dict[str, ReplyReader]  # yes / no / unsure, offers taken, "where was I"
    classifiers: dict[str, Classifier]  # the languages dialogs/examples.tsv has messages in
    cautions: dict[str, Classifier]  # the same examples read as health statement or not
    # Each language's main-menu labels as `plain_words` reads them → their action, on first use.
    _labelled: dict[str, dict[str, str]] = field(default_factory=dict, repr=False, compare=False)

    def tr_message(self, language: str, msgid: str, **values: Any) -> Markup:
        """One catalog message as Telegram HTML, with `values` escaped into it.

        Like Jinja2's newstyle gettext, a translation is always a %-format string (a literal
        percent sign is written %%), so a text behaves the same in Python and in templates.
        The result is Markup, so a template that includes it does not escape it twice.
        """
        return Markup(self.catalogs[language].translations.gettext(msgid)) % values

    def tr_button_label(self, language: str, msgid: str, **values: Any) -> str:
        """A button label: plain text, never parsed as HTML."""
        return self.catalogs[language].translations.gettext(msgid) % values

    def tr_counted_message(self, language: str, msgid: str, count: int, **values: Any) -> Markup:
        """`tr_message` of a message with plural forms, in the form the language's rule gives
        `count` ("1 week", "2 weeks"; "1 неделю", "2 недели", "5 недель"). The catalog holds
        it with itself as its plural id, as Jinja2's `ngettext` calls in templates do."""
        return Markup(self.catalogs[language].translations.ngettext(msgid, msgid, count)) % values

    def tr_counted_label(self, language: str, msgid: str, count: int, **values: Any) -> str:
        return self.catalogs[language].translations.ngettext(msgid, msgid, count) % values

    def render(self, language: str, template: str, **values: Any) -> Markup:
        """A template from dialogs/templates, in `language`, stripped of outer whitespace. Markup,
        as `tr_message` is: it is Telegram HTML already, so joining it to a catalog message
        must not escape it (a client once saw `<b>` literally)."""
        return Markup(self.envs[language].get_template(template).render(**values).strip())

    def menu_action_labelled(self, language: str, typed: str) -> str | None:
        """The main-menu action whose button `typed` reads in `language`, its emoji, case and
        punctuation aside ("i had my procedure today!")."""
        labels = self._labelled.get(language)
        if labels is None:
            labels = self._labelled[language] = {
                plain_words(self.tr_button_label(language, item.label)): item.action
                for item in self.menu}
        return labels.get(plain_words(typed))

    def menu_item(self, action: str) -> MenuItem | None:
        return next((m for m in self.menu if m.action == action), None)

    def faq_topic(self, topic_id: str) -> FaqTopic | None:
        return next((t for t in self.faq if t.id == topic_id), None)


def plain_words(text: str) -> str:
    """Letters and digits only, lower case, words one space apart."""
    return " ".join(_WORD.findall(text.casefold().replace("ё", "е")))


_WORD = re.compile(r"[^\W_]+")


def _environment(templates: Path, catalog: LocaleCatalog) -> Environment:
    """One environment per language: gettext is installed environment-wide in Jinja2."""
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=select_autoescape(enabled_extensions=("j2", "html")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,  # templates are read once; no stat() of the file on every render
    )
    env.install_gettext_translations(catalog.translations, newstyle=True)  # type: ignore[attr-defined]
    env.globals["language"] = catalog.language
    return env


def load_content(root: Path, languages: tuple[str, ...], default: str | None = None) -> Content:
    """Read dialogs/ and the catalogs of `languages`; ContentError names every problem.

    `default` (else the first language) is the language the others fall back to, one message
    at a time, and whose words read typed messages in a language that has no words file."""
    default = default or languages[0]
    problems: list[str] = []
    try:
        dialogs = load_dialogs(root / "dialogs")
    except ContentError as exc:
        problems, dialogs = exc.problems, {}
    catalogs: dict[str, LocaleCatalog] = {}
    for lang in (default, *(lang for lang in languages if lang != default)):
        try:
            catalogs[lang] = load_catalog(root / "locales", lang, catalogs.get(default))
        except OSError as exc:
            where = po_path(Path("locales"), lang).as_posix()
            problems.append(f"{where}: cannot be read ({exc.strerror})")
        except ContentError as exc:
            problems += exc.problems
    try:
        words = load_words(root, languages, default)
    except ContentError as exc:
        problems, words = problems + exc.problems, {}
    try:
        replies = load_replies(root, languages, default)
    except ContentError as exc:
        problems, replies = problems + exc.problems, {}
    if problems:
        raise ContentError(problems)
    menus, faq = cast(Menus, dialogs["menu.yaml"]), cast(Faq, dialogs["faq.yaml"])
    readings = _readings(words, languages, default)
    spotters = {lang: _spotter(lang, w, readings[lang],
                               catalogs[lang].translations.gettext(faq.ignore_words))
                for lang, w in words.items()}
    readers = {lang: ReplyReader(lang, r, readings[lang]) for lang, r in replies.items()}
    examples = read_examples(root / "dialogs" / "examples.tsv")
    learned = {lang: trained(lang, mine) for lang in languages if (mine := tuple(
        (text, route) for text, of, route in examples if of == lang))}
    return Content(
        root=root,
        languages=languages,
        menu=menus.main_menu,
        faq=faq.topics,
        faq_threshold=faq.match_threshold,
        faq_ignore_words=faq.ignore_words,
        screening=cast(Screening, dialogs["screening.yaml"]),
        booking=cast(Booking, dialogs["booking.yaml"]),
        aftercare=cast(Aftercare, dialogs["aftercare.yaml"]),
        catalogs={lang: catalogs[lang] for lang in languages},
        envs={lang: _environment(root / "dialogs" / "templates", catalogs[lang])
              for lang in languages},
        health=cast(Health, dialogs["health.yaml"]),
        words={lang: words.get(lang, words[default]) for lang in languages},
        words_files=tuple(words),
        spotters={lang: spotters.get(lang, spotters[default]) for lang in languages},
        replies={lang: readers.get(lang, readers[default]) for lang in languages},
        classifiers={lang: models[0] for lang, models in learned.items()},
        cautions={lang: models[1] for lang, models in learned.items()},
    )


def _readings(words: dict[str, Words], languages: tuple[str, ...],
              default: str) -> dict[str, Reading]:
    """How each language's typed words are read: by its words file (or the default's), but
    sums and degrees after a figure by every language's (bot/content/spotting.py)."""
    money = tuple(dict.fromkeys(m for w in words.values() for m in w.money))
    degrees = tuple(dict.fromkeys(d for w in words.values() for d in w.degrees))
    return {lang: Reading(words.get(lang, words[default]).patient_endings, money, degrees)
            for lang in languages}


def _spotter(language: str, words: Words, reading: Reading, ignore: str) -> Spotter:
    """One spotter for every kind of phrase: keys are `condition:<id>`, `health:<cue>`,
    `smalltalk:<kind>`, `logistics:<kind>`, `person`, `book`, `appointment`, `staff_only`,
    `late`, `elsewhere`, `alongside` and `first:<id>` (these three, and the cues
    `health:general`, `health:body`, `health:lately`, `health:ahead`, `health:apart`,
    `health:injured` and `health:ailing`, only mark the message; small talk said only
    `ALONE` is no phrase: bot/content/routing.py `said_alone` reads it)."""
    phrases: dict[str, tuple[str, ...]] = {"person": words.person, "book": words.book,
                                           "appointment": words.appointment,
                                           "staff_only": words.staff_only,
                                           "late": words.late,
                                           "elsewhere": words.elsewhere,
                                           "alongside": words.alongside}
    cues = {"about": words.health.about, "symptoms": words.health.symptoms,
            "first_person": words.health.first_person, "telling": words.health.telling,
            "states": words.health.states, "never": words.health.never,
            "general": words.health.general, "body": words.health.body,
            "injured": words.health.injured, "ailing": words.health.ailing,
            "lately": words.health.lately, "ahead": words.health.ahead,
            "apart": words.health.apart,
            "absent": words.health.absent, "others": words.health.others}
    for kind, entries in (("condition", words.conditions), ("health", cues),
                          ("smalltalk", {kind: said for kind, said in words.smalltalk.items()
                                         if kind not in ALONE}),
                          ("logistics", words.logistics),
                          ("first", words.had_first)):
        phrases |= {f"{kind}:{key}": texts for key, texts in dict(entries).items()}
    return Spotter(language, phrases, reading, ignore, marks=(
        "elsewhere", "alongside", "health:general", "health:body", "health:lately",
        "health:ahead", "health:apart", "health:injured", "health:ailing",
        *(f"first:{key}" for key in words.had_first)), stands_for=words.stands_for)
