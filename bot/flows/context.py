"""Short replies that only make sense in context.

A "yes" to what the bot just offered ("давайте", "sounds good", "ок" under a topic that offers
the check, a health answer, an outcome that offers booking) takes the offer's main action: the
reply that offered it names it (`Reply.offer`) and it is remembered until the client's next
step; a no to it is taken kindly. Elsewhere such a reply gets a short acknowledgement and the
menu, and "where was I" with nothing open says so; an open check and an open booking answer
those themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.flows import Turn, Visit
from bot.flows.menu import main_menu
from bot.flows.typed_text import Typed

if TYPE_CHECKING:
    from bot.flows.router import Router

OFFERED = "offered"


async def remember_offer(visit: Visit, turn: Turn) -> None:
    """Keep the offer of the turn's last reply, unless the client is in another conversation."""
    offer = turn.replies[-1].offer if turn.replies else None
    if offer is None:
        return
    state = await visit.stores.chat_states.get(visit.client.user_id)
    if state is None or state.state == OFFERED:
        await visit.stores.chat_states.save(visit.client.user_id, OFFERED, {"action": offer},
                                            visit.now)


async def short_reply(visit: Visit, text: str) -> Turn | None:
    """An affirmation with no offer before it, or "where was I" with nothing open."""
    reader = visit.content.replies[visit.language]
    if reader.affirms(text):
        return main_menu(visit, note=visit.tr("smalltalk.ok"))
    if reader.resumes(text):
        return main_menu(visit, note=visit.tr("resume.nothing_open"))
    return None


async def _forget_offer(visit: Visit, data: dict[str, Any]) -> None:
    await visit.stores.chat_states.clear(visit.client.user_id)


def register(router: Router) -> None:
    @router.state(OFFERED, leave=_forget_offer)
    async def offered(visit: Visit, text: str, data: dict[str, Any]) -> Turn | None:
        """The reply to an offer: a yes takes it, a no or a "not yet" is taken kindly;
        anything else is routed as usual."""
        await _forget_offer(visit, data)
        flow = router.menu_actions.get(str(data.get("action")))
        reader = visit.content.replies[visit.language]
        if flow is not None and reader.answer(text) in ("no", "unsure") and not (
                reader.turns_on(text) or reader.says_more(text)):
            return main_menu(visit, note=visit.tr("offer.declined"))  # "no", "пока нет"
        # "no, but I'm on warfarin": more than a no to the offer, routed as said
        if flow is None or not reader.affirms(text):
            return None
        return await flow(visit)

    router.after.append(remember_offer)
    router.typed(Typed.SHORT_REPLY)(short_reply)
