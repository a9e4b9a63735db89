"""Staff-chat messages that name clients, by message id: erasure finds them here
(bot/storage/privacy.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot.storage.base import Store, iso, marks


class StaffPostStore(Store):
    async def record(self, message_id: int, user_ids: Iterable[int], now: datetime, *,
                     document: bool = False) -> set[int]:
        """Remember that the message names these clients. Returns those already erased: their
        /forget committed while the message was on its way, so the caller erases it."""
        named = sorted(set(user_ids))
        if not named:
            return set()
        async with self.transaction() as db:
            present = {int(r[0]) for r in await db.all(
                f"SELECT user_id FROM clients WHERE user_id IN ({marks(named)})"
                f" ORDER BY user_id{self.database.for_update}", named)}
            await db.write_many(
                "INSERT INTO staff_posts (message_id, user_id, document, created_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [(message_id, user_id, int(document), iso(now)) for user_id in sorted(present)])
        return set(named) - present
