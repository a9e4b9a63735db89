"""Staff-chat messages that name clients, by message id: erasure finds them here
(bot/storage/privacy.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot.storage.base import Store, iso


class StaffPostStore(Store):
    async def record(self, message_id: int, user_ids: Iterable[int], now: datetime, *,
                     document: bool = False) -> None:
        async with self.transaction() as db:
            await db.write_many(
                "INSERT INTO staff_posts (message_id, user_id, document, created_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [(message_id, user_id, int(document), iso(now)) for user_id in set(user_ids)])
