"""The language a client is answered in, worked out here for every path: an update, a
scheduled message, what staff send them, a note in a group, an apology."""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import cache

from babel.core import get_global

from bot.config import Settings
from bot.content.i18n import negotiate

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
    """The configured language a message is written in, where its letters are mostly of
    another script than `language`'s and one configured language alone writes in that script
    ("сколько стоит?" from an English Telegram is Russian); None otherwise."""
    scripts = Counter(_SCRIPTS.get(unicodedata.name(c, "").partition(" ")[0])
                      for c in text if c.isalpha())
    script, count = scripts.most_common(1)[0] if scripts else (None, 0)
    if script is None or count * 2 <= sum(scripts.values()) or script == _script(language):
        return None
    writing = [lang for lang in settings.languages if _script(lang) == script]
    return writing[0] if len(writing) == 1 else None


@cache
def _script(language: str) -> str | None:
    likely = get_global("likely_subtags").get(language.split("_")[0], "")
    parts = likely.split("_")
    return parts[1] if len(parts) > 2 else None
