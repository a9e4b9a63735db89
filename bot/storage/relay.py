"""Relay threads: staff-chat messages that lead back to a client's private chat.

Any part of the bot that posts about a client to the staff chat (a forwarded question, an
aftercare problem alert) registers the posted message with `register_thread`; a staff reply to
it then reaches that client, and the client's answer comes back to the same thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.base import Store, iso


@dataclass(frozen=True)
class RelayThread:
    user_id: int
    root_message_id: int


class RelayStore(Store):
    async def register_thread(
        self, staff_message_id: int, user_id: int, now: datetime,
        root_message_id: int | None = None,
    ) -> None:
        """Make `staff_message_id` answerable: a staff reply to it goes to `user_id`. Without
        `root_message_id` the message starts a new thread."""
        await self.write(
            "INSERT INTO relay_threads (staff_message_id, user_id, root_message_id, created_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (staff_message_id) DO UPDATE SET"
            " user_id = excluded.user_id, root_message_id = excluded.root_message_id,"
            " created_at = excluded.created_at",
            (staff_message_id, user_id, root_message_id or staff_message_id, iso(now)))

    async def thread(self, staff_message_id: int) -> RelayThread | None:
        row = await self.one(
            "SELECT user_id, root_message_id FROM relay_threads WHERE staff_message_id = ?",
            (staff_message_id,))
        return RelayThread(*row) if row else None
