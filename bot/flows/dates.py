"""An appointment's day as a sentence says it: in the client's language, without the year when
it is this one, and with the weekday in the case the sentence needs. Babel gives a weekday's
name only in the nominative; the other cases are words in the catalog
(`date.weekdays.genitive`: seven forms, Monday first, comma-separated)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from bot.content.i18n import N_, format_appointment
from bot.flows import Services

Case = Literal["nominative", "genitive", "accusative", "on"]
# "on": with the word for "on that day" where the language puts one ("во вторник").
CASES = {"genitive": N_("date.weekdays.genitive"), "accusative": N_("date.weekdays.accusative"),
         "on": N_("date.weekdays.on")}


def appointment_day(services: Services, value: datetime, language: str,
                    case: Case = "nominative") -> tuple[str, str]:
    """(date, time) of an appointment for a client of `language`."""
    weekdays = None
    if case in CASES:
        weekdays = services.content.tr_button_label(language, CASES[case]).split(",")
    return format_appointment(value, language, services.settings.timezone,
                              now=services.clock.now(), weekdays=weekdays)
