"""What only the clinic can say about money matters, from its configuration: how clients can pay
(`clinic.payment_methods`) and its gift certificates (`clinic.gift_certificates`). A clinic that
has not written the text gets its clients' question passed on to staff instead, on request:
the bot never guesses (and never answers with the price page).
"""

from __future__ import annotations

from typing import Literal

from bot.content.i18n import N_
from bot.flows import Turn, Visit, faq
from bot.flows.menu import main_menu

Kind = Literal["payment", "gift"]
TITLES = {"payment": N_("clinic.payment_methods"), "gift": N_("clinic.gift_certificates")}


async def answer(visit: Visit, kind: Kind, text: str) -> Turn:
    """The clinic's text about `kind` with the menu, or the offer to ask staff `text`."""
    said = written(visit, kind)
    if said is None:
        return await faq.offer_to_staff(visit, text)
    return main_menu(visit, note=said)


def written(visit: Visit, kind: Kind) -> str | None:
    """The clinic's text about `kind` under its title; None where the clinic wrote none."""
    settings = visit.settings
    texts = settings.payment_methods if kind == "payment" else settings.gift_certificates
    said = settings.text_for(texts, visit.language)
    return None if said is None else visit.tr(TITLES[kind], text=said)
