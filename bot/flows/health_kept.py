"""Health told outside the check is kept only with the client's consent.

A client who agreed to the check's processing of health answers has it noted at once, for the
check that counts it (bot/flows/eligibility.py) and the request it reaches (booking.told_since).
Anyone else is asked first, under the answer to what they told: "keep it for the specialist?"
The conditions it named travel in the button, so nothing is stored until the client agrees;
only the date and the conditions are kept then, never the words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from bot.callbacks import MAX_BYTES, SEPARATOR, CallbackData
from bot.flows import Reply, Turn, Visit
from bot.flows.menu import MenuAction

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.content import Content
    from bot.flows.router import Router

NONE = "-"  # no condition named: "I take heart pills"


@dataclass(frozen=True)
class KeepTold(CallbackData, prefix="told"):
    """The client's answer to "keep what you told for the specialist?", with the conditions
    it named joined by dots (NONE for none)."""

    answer: Literal["yes", "no"]
    conditions: str

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[KeepTold]:
        longest = sorted(content.screening.conditions, key=len, reverse=True)
        return cls("yes", _joined(longest)), cls("no", NONE)


async def consented(visit: Visit) -> bool:
    """Whether the client agreed to the processing of health answers (the check's consent)."""
    return await visit.stores.consents.latest_id(
        visit.client.user_id, visit.content.screening.consent_version) is not None


async def keep(visit: Visit, conditions: Sequence[str] = ()) -> Turn:
    """Note health told, naming `conditions` of the check, if the client consented; else ask
    whether to keep it."""
    if await consented(visit):
        await visit.stores.clients.tell_health(visit.client.user_id, visit.now, conditions)
        return Turn()
    joined = _joined(conditions)
    buttons = ((visit.tr_button("health.keep.yes", KeepTold("yes", joined).pack()),),
               (visit.tr_button("health.keep.no", KeepTold("no", joined).pack()),))
    # A "yes" typed to it goes on to the check the answer above offers, whose questions ask
    # about what was told: a typed word carries no conditions, and none are stored for it.
    return Turn([Reply(visit.tr("health.keep.ask"), buttons, offer="screening")])


async def pressed(visit: Visit, data: KeepTold) -> Turn:
    if data.answer == "no":
        return Turn([Reply(visit.tr("health.keep.not_kept"), edit=True)])
    known = visit.content.screening.conditions
    named = [c for c in data.conditions.split(".") if c in known]
    await visit.stores.clients.tell_health(visit.client.user_id, visit.now, named)
    check = ((visit.tr_button("health.check", MenuAction("screening").pack()),),)
    return Turn([Reply(visit.tr("health.keep.kept"), check, edit=True)])


def _joined(conditions: Sequence[str]) -> str:
    """As many of the conditions as a button holds: those left out are told all the same
    (the check asks about each), and the note says that health was told."""
    room = MAX_BYTES - len(SEPARATOR.join((KeepTold.prefix, "yes", "")))
    joined = ""
    for condition in conditions:
        longer = f"{joined}.{condition}" if joined else condition
        if len(longer) > room:
            break
        joined = longer
    return joined or NONE


def register(router: Router) -> None:
    router.button(KeepTold)(pressed)
