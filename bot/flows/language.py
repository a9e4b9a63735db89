"""The language a client is answered in, worked out here for every path: an update, a
scheduled message, what staff send them, a note in a group, an apology."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from babel import Locale
from babel.core import get_global

from bot.config import Settings
from bot.content.i18n import negotiate

_WORDS = re.compile(r"[^\W\d_]+")
NAME_START = 5  # letters of a language's name its other forms share ("русский", "по-русски")
# Unicode's names of letters begin with their script's; ISO 15924 codes, as CLDR's likely
# subtags give a language's script (`ru` → `ru_Cyrl_RU`).
_SCRIPTS = {"LATIN": "Latn", "CYRILLIC": "Cyrl", "GREEK": "Grek", "ARMENIAN": "Armn",
            "GEORGIAN": "Geor", "HEBREW": "Hebr", "ARABIC": "Arab"}


def language_for(settings: Settings, chosen: str | None, telegram: str | None) -> str:
    """The client's own choice while it is still offered; else their Telegram app's language
    (`uk-UA` → `uk`) when it is configured; else the clinic's default."""
    if chosen is not None and chosen in settings.languages:
        return chosen
    return negotiate(telegram, settings.languages, settings.default_language)


def written_in(settings: Settings, language: str, text: str) -> str | None:
    """The configured language a message is written in, where all its letters are of another
    script than `language`'s and one configured language alone writes in that script
    ("сколько стоит?" from an English Telegram is Russian; "Apple Pay есть?" is not English);
    None otherwise."""
    scripts = {_SCRIPTS.get(unicodedata.name(c, "").partition(" ")[0])
               for c in text if c.isalpha()}
    script = next(iter(scripts)) if len(scripts) == 1 else None
    if script is None or script == _script(language):
        return None
    writing = [lang for lang in settings.languages if _script(lang) == script]
    return writing[0] if len(writing) == 1 else None


@cache
def _script(language: str) -> str | None:
    likely = get_global("likely_subtags").get(language.split("_")[0], "")
    parts = likely.split("_")
    return parts[1] if len(parts) > 2 else None


def named_language(languages: tuple[str, ...], text: str) -> str | None:
    """The one configured language a message names, in any configured language ("russian",
    "по-английски", "на русском"): a word that begins as its name does; None for none or two."""
    words = [w.casefold() for w in _WORDS.findall(text)]
    named = {language for language in languages for name in _names(language, languages)
             if any(word.startswith(name) for word in words)}
    return named.pop() if len(named) == 1 else None


@cache
def _names(language: str, languages: tuple[str, ...]) -> frozenset[str]:
    """The beginnings of `language`'s name in each configured language and in English, as
    CLDR writes them: "русск", "russi", "англи", "engli"."""
    locale = Locale.parse(language)
    names = [locale.english_name or "", *(locale.get_display_name(other) or ""
                                         for other in languages)]
    return frozenset(name.casefold()[:NAME_START] for name in names if name)
