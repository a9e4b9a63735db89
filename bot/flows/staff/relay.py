"""The relay between a client's private chat and a thread in the staff chat.

A thread starts at a staff-chat message registered with `RelayStore.register_thread` (a forwarded
FAQ question; aftercare problem alerts use the same call). A staff member answers by replying to
any message of the thread: the client gets the text as an answer from the clinic, never a staff
name. The client's next free-text messages then go back to the same thread, as replies to its
first message and marked with the client's name, until the client uses the menu, a button or a
command, or until 24 hours have passed since the last staff answer (`WINDOW`); after that, free
text is handled as usual (FAQ matching). Each relayed message joins the thread, so staff can
reply to it too.
"""

from __future__ import annotations

from datetime import timedelta

from bot.flows import ClientPost, Reply, StaffPost, Turn, Visit
from bot.flows.faq import MAX_QUESTION
from bot.flows.staff import Desk, client_language

WINDOW = timedelta(hours=24)
MAX_ANSWER = 3500  # characters: leaves room for the framing within Telegram's 4096


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
    language = client_language(desk.services, client)
    answer = desk.services.content.render(language, "staff_answer.j2",
                                          clinic=desk.services.settings, answer=text)
    await stores.relays.open(client.user_id, thread.root_message_id, desk.now)
    return Turn(clients=[ClientPost(
        client.chat_id, answer,
        delivered=StaffPost(desk.tr("staff.relay.sent"), reply_to=reply_id),
        undeliverable=StaffPost(desk.tr("staff.relay.unreachable"), reply_to=reply_id))])


async def client_text(visit: Visit, text: str) -> Turn | None:
    """A client's free text while a thread is open goes to the staff chat; None otherwise."""
    user_id, stores = visit.client.user_id, visit.stores
    relay = await stores.relays.open_of(user_id)
    if relay is None:
        return None
    if visit.now - relay.opened_at > WINDOW:
        await stores.relays.end(user_id)
        return None
    if len(text) > MAX_QUESTION:
        return Turn([Reply(visit.tr("faq.too_long", limit=MAX_QUESTION))])
    post = visit.content.render(visit.settings.default_language, "client_says.j2",
                                client=visit.client, text=text)
    now = visit.now

    async def join_thread(message_id: int) -> None:
        await stores.relays.register_thread(message_id, user_id, now, relay.root_message_id)

    return Turn([Reply(visit.tr("relay.forwarded"))],
                [StaffPost(post, join_thread, reply_to=relay.root_message_id)])


async def end(visit: Visit) -> None:
    """The client used the menu, a button or a command: free text is theirs again."""
    if await visit.stores.relays.open_of(visit.client.user_id) is not None:
        await visit.stores.relays.end(visit.client.user_id)
