"""The outbox: what the bot owes someone outside the update that caused it — answers and
confirmations staff send to clients, posts to the staff chat — is stored before anything is
sent, then sent at once (the fast path) and, after a transient error, by the scheduler, with
the error policy of bot/telegram/sending.py. A client who blocked the bot, or a message Telegram
refuses, is reported to the staff chat (the post's `undeliverable`); a client who blocked the
bot is shown so on their lead cards too.

A turn's replies in its own chat wait here too ('reply'), stored in the turn's transaction:
whoever sends them sends them in order, as interactive messages, so a reply left unsent when an
instance died is sent by another."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from telegram import Bot, ForceReply, ReplyParameters
from telegram.error import BadRequest

from bot.flows import ClientPost, Reply, Services, StaffPost, privacy, receipts
from bot.flows.staff.unreachable import client_unreachable
from bot.storage import OutboxEntry
from bot.telegram import outgoing, replies
from bot.telegram.limiter import HANDLING_UPDATE
from bot.telegram.markup import inline
from bot.telegram.sending import Delivery, Sender, backoff
from bot.telegram.staff_backlog import StaffBacklog

log = logging.getLogger(__name__)
Post = StaffPost | ClientPost


@dataclass(frozen=True)
class HeldReply:
    """An entry held for sending; a turn's reply with the `Reply` it was made from, which is
    sent as it is rather than read back from the stored JSON."""

    entry: OutboxEntry
    reply: Reply | None = None


class Outbox:
    """One per application, shared by the handlers' fast path and the scheduler. An entry is
    sent by whoever claimed it: the update that stored it, else a scheduler run (of any
    instance sharing the database) once it is due and unclaimed."""

    def __init__(self, bot: Bot, services: Services, sender: Sender) -> None:
        self.bot, self.services, self.sender = bot, services, sender
        self.backlog = StaffBacklog(services, sender)

    @property
    def staff_chat_id(self) -> int:
        return self.services.settings.staff_chat_id

    async def hold(self, posts: Iterable[Post]) -> list[int]:
        """Store posts, claimed for sending by the caller, who must `release` them."""
        rows = [("staff", p.about, p.to_dict()) if isinstance(p, StaffPost)
                else ("client", p.chat_id, p.to_dict()) for p in posts]
        if not rows:
            return []
        lease = timedelta(seconds=self.services.settings.claim_seconds)
        return await self.services.stores.outbox.add(rows, self.services.clock.now(), lease)

    async def hold_replies(self, chat_id: int, turn_replies: list[Reply],
                           pressed: int | None) -> list[HeldReply]:
        """Store a turn's replies to `chat_id`, claimed by the caller like `hold`; the
        entries as stored, with the replies they hold, for `send_held` to send as they are."""
        if not turn_replies:
            return []
        lease = timedelta(seconds=self.services.settings.claim_seconds)
        payloads = replies.payloads(chat_id, turn_replies, pressed)
        ids = await self.services.stores.outbox.add(
            [("reply", chat_id, payload) for payload in payloads],
            self.services.clock.now(), lease)
        return [HeldReply(OutboxEntry(entry_id, "reply", payload, 0, chat_id), reply)
                for entry_id, payload, reply in zip(ids, payloads, turn_replies, strict=True)]

    async def release(self, ids: list[int]) -> None:
        """Whatever of `ids` is still waiting goes to the scheduler."""
        await self.services.stores.outbox.release(ids)

    async def send_held(self, ids: list[int], stored: Iterable[HeldReply] = ()) -> int:
        """Send entries this caller holds, each if still waiting (erasure or a newer edit may
        have taken it); what fails transiently, and a chat's replies after one that did, wait
        for the scheduler: none stays claimed unless this raises. `stored`: a turn's replies
        among them as `hold_replies` gave them, sent without reading them back (nobody else
        changes them while the client's lock is held); any other entry is read just before
        its turn comes."""
        if not ids:
            return 0
        sent, waiting = 0, set[int]()  # chats whose earlier reply waits: theirs keep order
        held = {kept.entry.id: kept for kept in stored}
        for entry_id in ids:
            found = [held[entry_id]] if entry_id in held else [
                HeldReply(entry) for entry in await self.services.stores.outbox.pending([entry_id])]
            for kept in found:
                entry = kept.entry
                chat = entry.payload["chat_id"] if entry.kind == "reply" else None
                if chat in waiting:
                    await self.release([entry.id])
                    continue
                result = await self._send(entry, kept.reply)
                sent += result is Delivery.SENT
                if chat is not None and result in (Delivery.RETRY, Delivery.WAIT):
                    waiting.add(chat)
        return sent

    async def send_due(self, now: datetime, lease: timedelta, limit: int = 200) -> int:
        """The scheduler's part: every entry due and claimed by nobody. One that names a
        client goes out under their lock, if it is free: /forget then either removed the
        entry first, or finds the message it must erase; a busy client's waits a run."""
        await self.backlog.check()
        entries = await self.services.stores.outbox.claim_due(now, lease, limit)
        sent = 0
        try:
            for entry in entries:
                if entry.user_id is None:
                    sent += await self.send_held([entry.id])
                    continue
                async with self.services.stores.database.try_client_lock(entry.user_id) as held:
                    sent += await self.send_held([entry.id]) if held else 0
        finally:
            await self.release([entry.id for entry in entries])
        return sent

    async def post(self, posts: list[Post]) -> None:
        """Store and send at once (posts made outside an update: the outcome of a client post)."""
        ids = await self.hold(posts)
        try:
            await self.send_held(ids)
        finally:
            await self.release(ids)

    async def _send(self, entry: OutboxEntry, reply: Reply | None = None) -> Delivery:
        what = f"outbox entry {entry.id}"
        message = ClientPost.from_dict(entry.payload) if entry.kind == "client" else None
        if entry.kind == "reply":
            result = await self._reply(entry.payload,
                                       reply or Reply.from_dict(entry.payload["reply"]), what)
        elif message is not None:
            result = await self._to_client(message, what)
        else:
            result = await self._to_staff(StaffPost.from_dict(entry.payload), what)
        stores, now = self.services.stores, self.services.clock.now()
        if result is Delivery.RETRY:
            await stores.outbox.defer(entry.id, now + backoff(entry.attempts))
        elif result is Delivery.WAIT:
            await stores.outbox.defer(entry.id, self.sender.paused_until or now)
        else:
            await stores.outbox.done(entry.id)
        if message is not None and result in (Delivery.SENT, Delivery.GONE, Delivery.FAILED):
            outcome = message.delivered if result is Delivery.SENT else message.undeliverable
            if outcome is not None:
                await self.post([outcome])
        if message is not None and result is Delivery.GONE:
            told = await client_unreachable(self.services, message.chat_id)
            await self.post([*told.staff, *told.clients])
        return result

    async def _reply(self, payload: dict[str, object], reply: Reply, what: str) -> Delivery:
        """A turn's reply, with a client's priority whoever sends it; one in the staff chat
        that names clients is remembered, so erasing them edits it."""
        chat_id, target = payload["chat_id"], payload["edit"]
        assert isinstance(chat_id, int) and (target is None or isinstance(target, int))
        token = HANDLING_UPDATE.set(True)
        try:
            result, shown = await self.sender.attempt(
                lambda: replies.show(self.bot, chat_id, target, reply),
                None if chat_id < 0 else chat_id, what)
        finally:
            HANDLING_UPDATE.reset(token)
        if shown is not None and reply.about and chat_id == self.staff_chat_id:
            await self.record_post(shown, reply.about, document=reply.document is not None)
        return result

    async def _to_client(self, message: ClientPost, what: str) -> Delivery:
        """The text, then the document if there is one. A retry after the text went out but the
        document did not sends both again: at least once, as for aftercare."""
        result, _ = await self.sender.attempt(
            lambda: outgoing.send_text(self.bot, message.chat_id, message.text),
            message.chat_id, what)
        document = message.document
        if result is Delivery.SENT and document is not None:
            result, _ = await self.sender.attempt(
                lambda: outgoing.send_document(self.bot, message.chat_id, document.content,
                                               document.filename, document.caption),
                message.chat_id, what)
        return result

    async def _to_staff(self, post: StaffPost, what: str) -> Delivery:
        """Post to (or edit a card in) the staff chat; a card that cannot be edited (deleted
        from the chat) is posted again."""
        if post.delete is not None:
            doomed = post.delete
            result, _ = await self.sender.attempt(
                lambda: self.bot.delete_message(self.staff_chat_id, doomed), None, what)
            return result
        if post.copy_from is not None:
            return await self._copy(post, what)
        if post.edit is not None:
            result, _ = await self.sender.attempt(lambda: self._edit(post), None, what)
            if result is not Delivery.FAILED:
                return result
        keyboard = ForceReply(input_field_placeholder=post.ask_reply) if post.ask_reply \
            else inline(post.buttons)
        reply_to = ReplyParameters(post.reply_to, allow_sending_without_reply=True) \
            if post.reply_to else None
        result, message = await self.sender.attempt(
            lambda: outgoing.send_text(self.bot, self.staff_chat_id, post.text,
                                       reply_markup=keyboard, reply_parameters=reply_to),
            None, what)
        if message is None:
            return result
        card = post.on_sent.values[0] if post.on_sent and post.on_sent.kind == "lead_card" \
            else None
        if post.about is not None and not await self.record_post(
                message.message_id, (post.about,), lead_id=card):
            return result
        if post.on_sent is not None:
            await receipts.record(self.services.stores, post.on_sent, message.message_id,
                                  self.services.clock.now())
        return result

    async def _copy(self, post: StaffPost, what: str) -> Delivery:
        """A client's message (a photo) copied in, with the post's text as its caption if there
        is one; kept as a file naming the client, so erasing them deletes it."""
        assert post.copy_from is not None
        from_chat, message_id = post.copy_from
        result, copied = await self.sender.attempt(
            lambda: outgoing.copy_message(self.bot, self.staff_chat_id, from_chat, message_id,
                                          post.text),
            None, what)
        if copied is not None and post.about is not None:
            await self.record_post(copied.message_id, (post.about,), document=True)
        return result

    async def record_post(self, message_id: int, about: Iterable[int], *,
                          lead_id: int | None = None, document: bool = False) -> bool:
        """Remember that a staff-chat message names these clients, so erasing one of them
        reaches it. If one was erased while it was on its way, it is erased now (edited, or
        deleted if a file); returns whether it stays."""
        gone = await self.services.stores.staff_posts.record(
            message_id, about, self.services.clock.now(), document=document)
        if gone:
            log.info("staff-chat message %s named a client erased meanwhile; erasing it",
                     message_id)
            await self.post([privacy.erased_post(self.services, message_id, lead_id=lead_id,
                                                 document=document)])
        return not gone

    async def _edit(self, post: StaffPost) -> None:
        assert post.edit is not None
        try:
            await outgoing.edit_text(self.bot, self.staff_chat_id, post.edit, post.text,
                                     reply_markup=inline(post.buttons))
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():
                raise

