"""The language a client is answered in, worked out here for every path: an update, a
scheduled message, what staff send them, a note in a group, an apology."""

from __future__ import annotations

from bot.config import Settings
from bot.content.i18n import negotiate


def language_for(settings: Settings, chosen: str | None, telegram: str | None) -> str:
    """The client's own choice while it is still offered; else their Telegram app's language
    (`uk-UA` → `uk`) when it is configured; else the clinic's default."""
    if chosen is not None and chosen in settings.languages:
        return chosen
    return negotiate(telegram, settings.languages, settings.default_language)

