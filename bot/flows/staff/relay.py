"""The relay between a client's private chat and a thread in the staff chat.

A thread starts at a staff-chat message registered with `relays.register_thread` (a forwarded
FAQ question, a lead card; aftercare problem alerts use the same call). A staff member answers
by replying to any message of the thread: the client gets the text as an answer from the
clinic, never a staff name; a reply that mentions someone (@ivan) is for colleagues, and stays
in the staff chat with a note saying so, as does a photo or an edit (only text reaches the
client, once), and a date and time alone (meant as the appointment, which «Booked» sets). The
client's next free-text messages then go back to the same thread, as replies to its first
message and marked with the client's name, until the client uses the menu, a button or a
command, or until 24 hours have passed since the last staff answer (`WINDOW`); after that, free
text is handled as usual (FAQ matching). Each relayed message joins the thread, so staff can
reply to it too.

An open relay is the client's conversation state (bot/flows/router.py), `RELAY`; whatever
conversation it interrupted (a booking waiting for a contact) is kept in its data and comes back
when the relay ends, or when the client types what it waits for: a phone number. A typed answer
to the open check's question is the check's too, the relay staying open.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.content.i18n import N_
from bot.flows import ClientPost, Reply, StaffPost, Turn, Visit, aftercare, phones, receipts
from bot.flows.faq import MAX_QUESTION
from bot.flows.questions import open_step
from bot.flows.staff import BOOKED, LABELS, Desk, client_language
from bot.flows.staff.when import parse_when
from bot.storage import Stores

if TYPE_CHECKING:
    from bot.flows.router import DeskRouter, Router

WINDOW = timedelta(hours=24)
RELAY = "relay"
MAX_ANSWER = 3500  # characters: leaves room for the framing within Telegram's 4096
# An @name (a Telegram username, or a colleague's name typed so), not inside an e-mail address.
_MENTION = re.compile(r"(?<![\w@.])@[^\W\d_][\w]{1,31}\b")


async def staff_answer(desk: Desk, replied_to: int, reply_id: int, text: str) -> Turn | None:
    """A staff reply to a staff-chat message; None when that message is not a thread's."""
    stores = desk.stores
    thread = await stores.relays.thread(replied_to)
    client = await stores.clients.get(thread.user_id) if thread else None
    if thread is None or client is None:
        return None
    if len(text) > MAX_ANSWER:
        note = desk.tr("staff.relay.too_long", limit=MAX_ANSWER)
        return Turn(staff=[StaffPost(note, reply_to=reply_id)])
    if mention := _MENTION.search(text):  # "@ivan can you call her?": said to a colleague
        return Turn(staff=[StaffPost(desk.tr("staff.relay.mentions", name=mention.group(0)),
                                     reply_to=reply_id)])
    if parse_when(text, desk.now, desk.settings.timezone) is not None:
        # "7.12 10:00" alone, meant as the appointment: to the client it says nothing.
        return Turn(staff=[StaffPost(desk.tr("staff.relay.bare_time",
                                             button=desk.tr_label(LABELS[BOOKED])),
                                     reply_to=reply_id)])
    language = client_language(desk.services, client)
    answer = desk.services.content.render(language, "staff_answer.j2",
                                          clinic=desk.services.settings, answer=text)
    await _open(stores, client.user_id, thread.root_message_id, desk.now)
    return Turn(clients=[ClientPost(
        client.chat_id, answer,
        delivered=StaffPost(desk.tr("staff.relay.sent"), reply_to=reply_id),
        undeliverable=StaffPost(desk.tr("staff.relay.unreachable"), reply_to=reply_id))])


async def _open(stores: Stores, user_id: int, root_message_id: int, now: datetime) -> None:
    state = await stores.chat_states.get(user_id)
    then = state.data["then"] if state and state.state == RELAY else (
        {"state": state.state, "data": state.data} if state else None)
    await stores.chat_states.save(user_id, RELAY, {
        "root": root_message_id, "opened_at": now.isoformat(), "then": then}, now)


async def client_text(visit: Visit, text: str, relay: dict[str, Any]) -> Turn | None:
    """A client's free text while a thread is open goes to the staff chat; None when the
    thread has just closed (after `WINDOW`), or when the text answers the question of an open
    check ("no"): the check takes it, and the thread stays open; or when it is a phone number
    and the thread interrupted a conversation (a booking waiting for the contact): that
    conversation takes it back."""
    user_id = visit.client.user_id
    if visit.now - datetime.fromisoformat(relay["opened_at"]) > WINDOW:
        await end(visit, relay)
        return None
    if (alert := await aftercare.urgent(visit, text)) is not None:
        return alert  # "my eye hurts" after the procedure: the urgent alert, not a chat line
    if len(text) > MAX_QUESTION:
        return Turn([Reply(visit.tr("faq.too_long", limit=MAX_QUESTION))])
    if visit.content.replies[visit.language].answer(text) is not None and await open_step(visit):
        return None  # the answer to the check's question on screen: the check takes it
    if relay.get("then") and phones.within(text, phones.clinic_region(visit.settings)):
        await end(visit, relay)  # the phone the interrupted booking waits for
        return None
    post = visit.content.render(visit.settings.default_language, "client_says.j2",
                                client=visit.client, text=text,
                                emergency=aftercare.tells_emergency(visit, text))
    root = int(relay["root"])
    return aftercare.emergency(visit, text) + Turn(
        [Reply(visit.tr("relay.forwarded"))],
        [StaffPost(post, receipts.thread(user_id, root), reply_to=root, about=user_id)])


async def client_photo(visit: Visit, photo: int, caption: str) -> Turn | None:
    """A photo while a thread is open ("could you send me a photo?", the nurse asked): into
    the thread, as the client's text goes, the photo copied below its note; never a new
    aftercare problem beside the one the thread is about. None once the thread has closed."""
    state = await visit.stores.chat_states.get(visit.client.user_id)
    relay = state.data if state is not None else {}
    if visit.now - datetime.fromisoformat(relay["opened_at"]) > WINDOW:
        await end(visit, relay)
        return None
    said = caption[:MAX_QUESTION] or visit.content.tr_message(
        visit.settings.default_language, "staff.aftercare.photo")
    user_id, root = visit.client.user_id, int(relay["root"])
    post = visit.content.render(visit.settings.default_language, "client_says.j2",
                                client=visit.client, text=said,
                                emergency=aftercare.tells_emergency(visit, caption))
    return Turn([Reply(visit.tr("relay.forwarded"))],
                [StaffPost(post, receipts.thread(user_id, root), reply_to=root, about=user_id),
                 StaffPost("", about=user_id, copy_from=(user_id, photo))])


async def end(visit: Visit, relay: dict[str, Any]) -> None:
    """The client used the menu, a button or a command: free text is theirs again, for the
    conversation the relay interrupted, if any."""
    user_id, then = visit.client.user_id, relay.get("then")
    if then:
        await visit.stores.chat_states.save(user_id, then["state"], then["data"], visit.now)
    else:
        await visit.stores.chat_states.clear(user_id)


def register(router: Router) -> None:
    router.state(RELAY, leave=end, verbatim=True)(client_text)
    router.state_photos[RELAY] = client_photo


NOT_RELAYED = {"media": N_("staff.relay.text_only"), "edit": N_("staff.relay.edit_not_sent"),
               "mention": N_("staff.relay.mentions")}


async def not_relayed(desk: Desk, replied_to: int, reply_id: int, why: str,
                      name: str = "") -> Turn | None:
    """A photo, a voice note, a sticker (`media`), an edit of an answer sent (`edit`), or a
    reply that mentions a colleague picked from Telegram's list (`mention`, with the `name`
    shown), replied to a client's thread: it does not reach the client, and staff are told so
    rather than left to think it went."""
    if await desk.stores.relays.thread(replied_to) is None:
        return None
    return Turn(staff=[StaffPost(desk.tr(NOT_RELAYED[why], name=name), reply_to=reply_id)])


def register_desk(desk: DeskRouter) -> None:
    desk.replies.append(staff_answer)
    desk.not_relayed = not_relayed
