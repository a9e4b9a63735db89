"""Health told outside the check: held for the check that counts it, kept with consent.

What a client tells of their health at the menu, while booking or in the aftercare week is
noted at once, without the words (the date and the check's conditions it named): the check
that comes next, whichever way the client opens it, counts it, so "I have red patches and
visible vessels" followed by a No to the question about rosacea never ends "suitable". A
client who agreed to the check's processing of health answers has it kept as their answers
are. Anyone else (a new client, one who just used /forget) is asked at once whether to keep it
for the specialist: yes keeps it, no deletes it, and unanswered it is deleted after `UNKEPT`
unless they agree to the check's consent meanwhile (retention, bot/storage/privacy.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Literal

from bot.callbacks import CallbackData
from bot.content.i18n import N_
from bot.flows import Reply, Turn, Visit
from bot.flows.menu import MenuAction

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.content import Content
    from bot.flows.router import Router

UNKEPT = timedelta(days=1)  # how long health told is held while the client is asked
KEEP_ASKED = "keep_asked"


@dataclass(frozen=True)
class KeepTold(CallbackData, prefix="told"):
    """The client's answer to "keep what you told for the specialist?"."""

    answer: Literal["yes", "no"]

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[KeepTold]:
        return cls("yes"), cls("no")


async def consented(visit: Visit) -> bool:
    """Whether the client agreed to the processing of health answers (the check's consent)."""
    return await visit.stores.consents.latest_id(
        visit.client.user_id, visit.content.screening.consent_version) is not None


async def keep(visit: Visit, conditions: Sequence[str] = (), *,
               ask: str = N_("health.keep.ask")) -> Turn:
    """Note health told, naming `conditions` of the check; without the client's consent, ask
    whether to keep it, in the words of `ask` (a yes or no typed answers too, unless another
    conversation is open)."""
    user_id = visit.client.user_id
    await visit.stores.clients.tell_health(user_id, visit.now, conditions)
    if await consented(visit):
        return Turn()
    if await visit.stores.chat_states.get(user_id) is None:
        await visit.stores.chat_states.save(user_id, KEEP_ASKED, {}, visit.now)
    buttons = ((visit.tr_button("health.keep.yes", KeepTold("yes").pack()),),
               (visit.tr_button("health.keep.no", KeepTold("no").pack()),))
    return Turn([Reply(visit.tr(ask, hours=int(UNKEPT.total_seconds()) // 3600), buttons)])


async def pressed(visit: Visit, data: KeepTold, *, edit: bool = True) -> Turn:
    await _leave(visit, {})
    if data.answer == "no":
        await visit.stores.clients.take_health_told(visit.client.user_id)
        return Turn([Reply(visit.tr("health.keep.not_kept"), edit=edit)])
    if not await visit.stores.clients.keep_health_told(visit.client.user_id):
        return Turn([Reply(visit.tr("health.keep.gone"), edit=edit)])  # a day passed
    check = ((visit.tr_button("health.check", MenuAction("screening").pack()),),)
    return Turn([Reply(visit.tr("health.keep.kept"), check, edit=edit, offer="screening")])


async def _leave(visit: Visit, data: dict[str, Any]) -> None:
    state = await visit.stores.chat_states.get(visit.client.user_id)
    if state is not None and state.state == KEEP_ASKED:
        await visit.stores.chat_states.clear(visit.client.user_id)


def register(router: Router) -> None:
    router.button(KeepTold)(pressed)

    @router.state(KEEP_ASKED, leave=_leave)
    async def typed(visit: Visit, text: str, data: dict[str, Any]) -> Turn | None:
        """"да" or "нет" typed to the question answers it as its buttons do; anything else
        leaves it to its buttons and is answered as usual."""
        await _leave(visit, data)
        reader = visit.content.replies[visit.language]
        if reader.affirms(text) or reader.answer(text) == "yes" or visit.typed_label(
                text, "health.keep.yes"):
            return await pressed(visit, KeepTold("yes"), edit=False)
        if reader.answer(text) == "no" or visit.typed_label(text, "health.keep.no"):
            return await pressed(visit, KeepTold("no"), edit=False)
        return None
