"""Phone numbers: read as clients type or share them, stored in E.164 (+447400123456), shown to
staff the way the clinic dials them, and found however staff type them.

A number typed without a country code belongs to the clinic's own country, which the clinic's
own number (`clinic.phone`, written internationally) already says: no second setting to keep
in step with it. Validation is Google's libphonenumber: the number must exist in its country's
numbering plan, not merely have a plausible length.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberFormat

from bot.config import Settings

# What a client may type: ASCII digits, one leading +, spaces and the usual separators. Digits
# of other scripts, newlines and tabs are refused before libphonenumber, which would take them.
_TYPED = re.compile(r"\+?[0-9 ()\-.]{1,32}")


def clinic_region(settings: Settings) -> str | None:
    """The clinic's country (ISO 3166 alpha-2, "GB") from its own phone number; None when the
    number is written without its country code (then clients must type theirs with one)."""
    return _region_of(settings.phone)


@lru_cache(maxsize=8)
def _region_of(clinic_phone: str) -> str | None:
    number = _parse(clinic_phone, None)
    if number is None:
        return None
    region = phonenumbers.region_code_for_number(number) or \
        phonenumbers.region_code_for_country_code(number.country_code or 0)
    return None if region == phonenumbers.UNKNOWN_REGION else region


def is_clinics(number: str, settings: Settings) -> bool:
    """Whether `number` (E.164) is the clinic's own: a client who types it has given no way
    to reach them."""
    return number == _e164(settings.phone)


@lru_cache(maxsize=8)
def _e164(clinic_phone: str) -> str | None:
    number = _parse(clinic_phone, None)
    return phonenumbers.format_number(number, PhoneNumberFormat.E164) if number else None


def _parse(text: str, region: str | None) -> PhoneNumber | None:
    try:
        return phonenumbers.parse(text, region)
    except NumberParseException:
        return None


def typed(text: str, region: str | None) -> str | None:
    """E.164 for a valid number as a client typed it (`07400 123456`, `+44 7400 123456`,
    `0044 …`), else None."""
    value = text.strip(" ")
    if not _TYPED.fullmatch(value):
        return None
    number = _parse(value, region)
    if number is None or not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def within(text: str, region: str | None) -> tuple[str, str] | None:
    """The one number a client wrote, alone or among other words ("my number is 07400
    123456, call after 6"), in E.164, and the words around it; None when the text holds no
    valid number, or two different ones. libphonenumber's matcher finds it; one written with
    another script's digits counts as none, as when typed alone."""
    if number := typed(text, region):
        return number, ""
    found: set[str] = set()
    rest, end = [], 0
    for match in phonenumbers.PhoneNumberMatcher(text, region):
        if not _TYPED.fullmatch(match.raw_string):
            continue
        found.add(phonenumbers.format_number(match.number, PhoneNumberFormat.E164))
        rest.append(text[end:match.start])
        end = match.end
    if len(found) != 1:
        return None
    return found.pop(), _tidy(" ".join([*rest, text[end:]]))


def _tidy(words: str) -> str:
    """The words around a number taken out: no gap before a comma, none left at either end."""
    words = re.sub(r"\s+([,.;:!?)])", r"\1", re.sub(r"\s+", " ", words))
    return words.strip(" ,.;:-–—()")


def shared(phone: str) -> str | None:
    """E.164 for a number from Telegram's contact button: always international, though often
    without its +."""
    value = phone.strip(" ")
    return typed(value if value.startswith("+") else "+" + value, None)


def _stored(phone: str, region: str | None) -> PhoneNumber | None:
    """A stored number: E.164, or as typed by a client before numbers were normalised."""
    number = _parse(phone, region)
    return number if number is not None and phonenumbers.is_possible_number(number) else None


def for_staff(phone: str | None, region: str | None) -> str | None:
    """The clinic's national format for its own country's numbers (07400 123456), the
    international one for others (+7 912 345-67-89); a value that is no valid number (kept
    from before numbers were checked) as it is."""
    number = _parse(phone, region) if phone else None
    if number is None or not phonenumbers.is_valid_number(number):
        return phone
    home = region is not None and number.country_code == \
        phonenumbers.country_code_for_region(region)
    return phonenumbers.format_number(
        number, PhoneNumberFormat.NATIONAL if home else PhoneNumberFormat.INTERNATIONAL)


def _digits(text: str) -> str:
    return phonenumbers.normalize_digits_only(text)


def _forms(phone: str, region: str | None) -> tuple[str, ...]:
    """The digits of a stored number in every way staff may write it: international and in its
    country's national format (with a trunk prefix such as 0 or 8)."""
    number = _stored(phone, region)
    if number is None:
        return (_digits(phone),)
    return tuple(_digits(phonenumbers.format_number(number, style))
                 for style in (PhoneNumberFormat.E164, PhoneNumberFormat.NATIONAL))


def matcher(text: str, region: str | None) -> Callable[[str], bool] | None:
    """Whether a stored phone matches what staff searched for: part of the number in any of
    its forms (`7700 900`), or the whole number in any notation (`0044 7700 900123`). None
    when the text has too few digits to be a phone search."""
    digits = _digits(text)
    if len(digits) < 3:
        return None
    number = _stored(text, region)
    whole = _digits(phonenumbers.format_number(number, PhoneNumberFormat.E164)) \
        if number is not None else None

    def matches(phone: str) -> bool:
        forms = _forms(phone, region)
        return any(digits in form for form in forms) or whole in forms

    return matches
