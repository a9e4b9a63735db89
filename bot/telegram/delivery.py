"""Turns → the outbox → Bot API calls. A turn's replies in the chat its update came from
(inline and reply keyboards, edits in place, documents), its staff posts and its messages to
clients on the staff's behalf are all stored in the turn's transaction (`store`), with its
state changes and the mark that its update was handled; once that committed they are sent
(`send`), replies first, in order, then staff posts, then the messages to clients. An
instance that dies between two of them leaves the rest in the outbox, where another instance
(or the same one restarted) finds and sends them (bot/telegram/outbox.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from telegram import Message

from bot.flows import Turn
from bot.telegram.outbox import HeldReply, Outbox


@dataclass(frozen=True)
class Held:
    """What `store` held: the turn's replies as stored, then its other entries' ids."""

    replies: list[HeldReply] = field(default_factory=list)
    others: list[int] = field(default_factory=list)

    @property
    def ids(self) -> list[int]:
        return [held.entry.id for held in self.replies] + self.others


async def store(outbox: Outbox, chat_id: int, turn: Turn, pressed: Message | None = None
                ) -> Held:
    """Store what the turn owes, claimed by the caller; the first `edit` reply may replace the
    message whose button was pressed. The client is not kept waiting for the staff group,
    which takes 20 posts a minute: their replies come first."""
    return Held(await outbox.hold_replies(chat_id, turn.replies,
                                          pressed.message_id if pressed is not None else None),
                await outbox.hold(turn.staff) + await outbox.hold(turn.clients))


async def send(outbox: Outbox, held: Held) -> int:
    """Send what `store` held, once its turn committed; what cannot go now waits for the
    scheduler. How many went."""
    try:
        return await outbox.send_held(held.ids, held.replies)
    except BaseException:
        await outbox.release(held.ids)
        raise
