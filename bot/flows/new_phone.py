"""A new phone number told in the client's own words ("у меня поменялся номер, новый 07400
654321"): every request the clinic still holds gets it, staff hear of it under each card, and
the client sees it stored. Asked without the number ("i need to change my phone number"), the
number is asked for; what comes instead of one is answered as usual."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bot.content.i18n import N_
from bot.content.lemmas import lemmatiser
from bot.content.routing import asking_words
from bot.flows import Reply, StaffPost, Turn, Visit, phones
from bot.flows.staff.cards import card_post
from bot.flows.statuses import OPEN
from bot.flows.typed_text import Typed
from bot.storage import Lead

if TYPE_CHECKING:
    from bot.flows.router import Router

ASKED = "new_phone"


async def typed(visit: Visit, text: str) -> Turn | None:
    """The new number stored, or asked for; None when the message tells of none, or the
    client has no request at the clinic."""
    if not visit.content.replies[visit.language].new_number(text) or not await _held(visit):
        return None
    found = phones.within(text, phones.clinic_region(visit.settings))
    if found is None and _of_the_clinic(visit, text):
        return None  # "do you have a new number?": the clinic's, asked about
    if found is None:
        await visit.stores.chat_states.save(visit.client.user_id, ASKED, {}, visit.now)
        return Turn([Reply(visit.tr("phone.ask_new"))])
    return await _changed(visit, found[0])


async def number_typed(visit: Visit, text: str, data: dict[str, Any]) -> Turn | None:
    """The number asked for; anything else lets the question lapse and is answered as usual."""
    await visit.stores.chat_states.clear(visit.client.user_id)
    found = phones.within(text, phones.clinic_region(visit.settings))
    return await _changed(visit, found[0]) if found else None


def _of_the_clinic(visit: Visit, text: str) -> bool:
    """Whether the message speaks to the clinic of its own ("your new number?", "у вас
    новый номер?"): its words file's `addressing`, or a verb addressing the reader."""
    words = asking_words(visit.language, visit.content.words[visit.language].health.addressing)
    lemmas = lemmatiser(visit.language)
    return any(lemmas.written(word) in words or lemmas.addresses(word)
               for word in re.findall(r"\w+", text.lower()))


async def _held(visit: Visit) -> list[Lead]:
    return [lead for lead in await visit.stores.leads.of_client(visit.client.user_id)
            if lead.status in OPEN]


async def _changed(visit: Visit, number: str) -> Turn:
    region = phones.clinic_region(visit.settings)
    staff: list[StaffPost] = []
    for lead in await _held(visit):
        if lead.phone == number:
            continue
        await visit.stores.leads.set_phone(lead.id, number)
        updated = await visit.stores.leads.get(lead.id)
        assert updated is not None
        note = visit.content.tr_message(
            visit.settings.default_language, N_("staff.phone.changed"), id=lead.id,
            name=lead.client.full_name, phone=phones.for_staff(number, region) or number,
            old=phones.for_staff(lead.phone, region) or "—")
        staff += [await card_post(visit.services, updated),
                  StaffPost(note, reply_to=lead.staff_message_id, about=lead.client.user_id)]
    shown = phones.for_staff(number, region) or number
    return Turn([Reply(visit.tr("phone.changed", phone=shown))], staff)


def register(router: Router) -> None:
    router.typed(Typed.NEW_PHONE)(typed)
    router.state(ASKED)(number_typed)
