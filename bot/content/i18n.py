"""Catalogs from locales/, language negotiation and locale-aware formatting.

Catalogs are read from the .po files at start (no compile step, no committed .mo files):
read_po → write_mo into memory → GNUTranslations, as Babel's own tooling does.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, format_time
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.content.loading import ContentError

DOMAIN = "messages"


@dataclass(frozen=True)
class LocaleCatalog:
    language: str
    catalog: Catalog
    translations: gettext.GNUTranslations

    def missing(self, msgids: set[str]) -> list[str]:
        """Message ids with no usable (non-empty, non-fuzzy) translation."""
        return sorted(m for m in msgids if not self.has(m))

    def has(self, msgid: str) -> bool:
        msg = self.catalog.get(msgid)
        return msg is not None and not msg.fuzzy and all(self.forms(msgid))

    def forms(self, msgid: str) -> tuple[str, ...]:
        """A message's text, or each of its plural forms."""
        text = self.catalog[msgid].string
        return tuple(text) if isinstance(text, list | tuple) else (text or "",)


def po_path(locales_dir: Path, language: str) -> Path:
    return locales_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


# A line of a catalog, as gettext writes it: a keyword and a quoted string, a quoted string
# continuing the one before, a comment (obsolete entries are comments), or nothing.
_PO_STRING = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(rf"(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?{_PO_STRING}"
                      r"\s*|#.*|\s*")


def po_problems(path: Path, where: str) -> list[str]:
    """What in a catalog Babel would read past without a word: a line that is no keyword and
    string (a quote missing, "msgtsr"), or a message id given twice, of which one would be
    lost. Each names `where` and the line."""
    problems: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    context = ""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not _PO_LINE.fullmatch(line):
            problems.append(f"{where}, line {number}: not a catalog line (a quote missing, or "
                            f"a misspelt keyword?): {line[:60]}")
        elif line.startswith("msgctxt "):
            context = line
        elif line.startswith("msgid "):
            key = (context, line)
            if key in seen and line != 'msgid ""':
                problems.append(f"{where}, line {number}: {line} is there twice (line "
                                f"{seen[key]} too): one of them would be lost")
            seen.setdefault(key, number)
            context = ""
    return problems


def load_catalog(locales_dir: Path, language: str,
                 fallback: LocaleCatalog | None = None) -> LocaleCatalog:
    """A language's catalog; a message it does not translate (empty or fuzzy) is taken from
    `fallback`, the default language's, one message at a time, as gettext's add_fallback does,
    so a partly translated language never shows a client a raw message id."""
    path = po_path(locales_dir, language)
    if problems := po_problems(path, po_path(Path("locales"), language).as_posix()):
        raise ContentError(problems)
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=language, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    translations = gettext.GNUTranslations(buffer)
    if fallback is not None:
        translations.add_fallback(fallback.translations)
    return LocaleCatalog(language, catalog, translations)


@lru_cache(maxsize=1024)
def negotiate(language_code: str | None, available: tuple[str, ...], default: str) -> str:
    """Telegram's IETF code (`pt-br`, `ru-RU`, `en`) → one of the shipped languages."""
    if not language_code:
        return default
    code = language_code.replace("-", "_")
    try:
        parsed = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return default
    preferred = [str(parsed), parsed.language]
    return Locale.negotiate(preferred, list(available)) and str(
        Locale.negotiate(preferred, list(available))
    ) or default


def display_name(language: str) -> str:
    """A language's name in itself: "English", "Русский"."""
    name = Locale.parse(language).get_display_name(language) or language
    return name[:1].upper() + name[1:]


def N_(msgid: str) -> str:  # noqa: N802 - gettext's conventional name for a no-op marker
    """Marks a message id that code names but translates later, so pybabel and
    `clinicbot check` find it (statuses, funnel stages)."""
    return msgid


def format_day(value: date | datetime, language: str) -> str:
    return format_date(value, format="long", locale=language)


def format_moment(value: datetime, language: str) -> str:
    return format_datetime(value, format="medium", locale=language)


def format_when(value: datetime, language: str, timezone: tzinfo) -> str:
    """A moment for a card or a list, in the locale's own order: "Dec 3, 2026, 2:30 PM",
    "3 дек. 2026 г., 14:30" (no seconds, unlike Babel's medium datetime)."""
    local = value.astimezone(timezone)
    pattern = str(Locale.parse(language).datetime_formats["medium"])
    return pattern.format(format_time(local, "short", locale=language),
                          format_date(local, "medium", locale=language))


def format_appointment(value: datetime, language: str, timezone: tzinfo, *,
                       now: datetime | None = None,
                       weekdays: Sequence[str] | None = None) -> tuple[str, str]:
    """An appointment's (date, time) for a client: "Thursday, December 3, 2026", "2:30 PM".
    Given `now`, the year is left out when it is this one ("Thursday, December 3"); given
    `weekdays` (Monday first), the weekday is written in that form, for the case a sentence
    needs ("с четверга, 3 декабря … на пятницу, 11 декабря")."""
    local = value.astimezone(timezone)
    pattern = str(Locale.parse(language).date_formats["full"].pattern)
    if now is not None and now.astimezone(timezone).year == local.year:
        pattern = _without_year(pattern)
    day = format_date(local, pattern, locale=language)
    if weekdays is not None and len(weekdays) == 7:
        named = str(Locale.parse(language).days["format"]["wide"][local.weekday()])
        day = day.replace(named, weekdays[local.weekday()].strip(), 1)
    return day, format_time(local, "short", locale=language)


def _without_year(pattern: str) -> str:
    """A full date pattern without its year, where the year ends it ("EEEE, MMMM d, y",
    "EEEE, d MMMM y 'г'."); any other order keeps its year rather than lose the day."""
    shorter = re.sub(r"[\s,]*y+[^dMELc]*$", "", pattern)
    return shorter if shorter != pattern and "d" in shorter and "M" in shorter else pattern


def format_hour(hour: int, tz: ZoneInfo, on: datetime, language: str) -> str:
    """A local hour of the day as the client's locale writes it ("10:00 AM", "10:00")."""
    local = datetime.combine(on.astimezone(tz).date(), time(hour), tzinfo=tz)
    return format_time(local, format="short", locale=language)


def format_opening_hours(hours: dict[int, tuple[time, time]], language: str) -> str:
    """`{0: (10:00, 20:00), …}` as the client reads it: days with the same hours in a row are
    one range ("Mon–Fri 10:00 AM – 8:00 PM; Sat 10:00 AM – 4:00 PM"), in their language."""
    names = Locale.parse(language).days["format"]["abbreviated"]
    runs: list[tuple[int, int, tuple[time, time]]] = []
    for day in sorted(hours):
        if runs and runs[-1][1] == day - 1 and runs[-1][2] == hours[day]:
            runs[-1] = (runs[-1][0], day, hours[day])
        else:
            runs.append((day, day, hours[day]))

    def span(opens: time, closes: time) -> str:
        return (f"{format_time(opens, 'short', locale=language)} – "
                f"{format_time(closes, 'short', locale=language)}")

    return "; ".join(
        f"{names[first]}{'–' + names[last] if last != first else ''} {span(*times)}"
        for first, last, times in runs)
