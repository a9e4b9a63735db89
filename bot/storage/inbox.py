"""The inbox: every update as Telegram sent it, stored before Telegram is told it arrived, and
marked handled in the same transaction as the turn it caused (`start`). An update is handled
once whoever receives it, however often it comes; what an instance accepted and did not finish
is found again here (bot/telegram/inbox.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.storage.base import Store, iso, marks

# A handled update keeps only its id and when: nothing in it names or quotes anyone any more.
HANDLED = ("handled_at = ?, sender_id = NULL, payload = NULL, claimed_until = NULL,"
           " claimed_by = NULL")


@dataclass(frozen=True)
class StoredUpdate:
    update_id: int
    payload: dict[str, Any]


class InboxStore(Store):
    async def accept(self, update_id: int, sender_id: int | None,
                     payload: dict[str, Any] | str, now: datetime, lease: timedelta) -> None:
        """Keep an update (its JSON as Telegram sent it, or as a dict), claimed by this
        instance for `lease`; one already kept (Telegram sent it again) stays as it is."""
        await self.database.write_small(
            "INSERT INTO inbox (update_id, sender_id, payload, received_at, claimed_until,"
            f" claimed_by) VALUES (?, ?, ?, ?, {self.database.claim_clock(now, lease)}, ?)"
            " ON CONFLICT (update_id) DO NOTHING",
            (update_id, sender_id, payload if isinstance(payload, str) else json.dumps(payload),
             iso(now), self.database.owner))

    async def start(self, update_id: int, now: datetime) -> bool:
        """Mark the update handled, inside the turn that handles it: False when it was handled
        already, and the turn must change nothing. On PostgreSQL a second handler of the same
        update waits here until the first commits, then gets False."""
        rows = await self.database.write_returning(
            "INSERT INTO inbox (update_id, received_at, handled_at) VALUES (?, ?, ?)"
            f" ON CONFLICT (update_id) DO UPDATE SET {HANDLED.replace('?', 'excluded.handled_at')}"
            " WHERE inbox.handled_at IS NULL RETURNING update_id",
            (update_id, iso(now), iso(now)))
        return bool(rows)

    async def finish(self, update_ids: list[int], now: datetime) -> None:
        """Handled without a turn of its own (nothing to answer, dropped in a flood, failed)."""
        if update_ids:
            await self.database.write_small(f"UPDATE inbox SET {HANDLED} WHERE handled_at IS NULL"
                             f" AND update_id IN ({marks(update_ids)})",
                             (iso(now), *update_ids))

    async def before(self, sender_id: int | None,
                     update_id: int) -> tuple[bool, list[StoredUpdate]]:
        """Whether the update was handled already, and the sender's updates stored before it
        and not handled yet, oldest first (one query: this runs for every update)."""
        rows = await self.all(
            "SELECT update_id, payload, handled_at FROM inbox WHERE update_id = ?"
            " OR (sender_id = ? AND handled_at IS NULL AND update_id < ?) ORDER BY update_id",
            (update_id, sender_id, update_id))
        handled = any(r[0] == update_id and r[2] is not None for r in rows)
        return handled, self._stored([r for r in rows if r[0] != update_id])

    async def claim_orphans(self, now: datetime, alive_since: datetime, lease: timedelta,
                            limit: int) -> list[StoredUpdate]:
        """Updates not handled whose claim ran out and whose instance stopped beating (it
        died: one merely slow under load keeps its work), now this one's."""
        ids = await self.database.claim(
            "inbox", "SELECT update_id FROM inbox WHERE handled_at IS NULL"
            f" AND (claimed_until IS NULL OR {self.database.unclaimed(now)} AND NOT EXISTS ("
            " SELECT 1 FROM heartbeats WHERE name = 'instance ' || inbox.claimed_by"
            " AND at > ?)) ORDER BY update_id LIMIT ?",
            (iso(alive_since), limit), now, lease, key="update_id")
        if not ids:
            return []
        return self._stored(await self.all(
            f"SELECT update_id, payload FROM inbox WHERE update_id IN ({marks(ids)})"
            " AND handled_at IS NULL ORDER BY update_id", tuple(ids)))

    async def newest_id(self) -> int:
        """The highest update id kept (0 with none): Telegram numbers updates upward, so a
        stand-in for it (the shell, on the database of an earlier run) goes on from there."""
        row = await self.one("SELECT MAX(update_id) FROM inbox")
        return int(row[0] or 0)

    async def purge(self, before: datetime) -> int:
        """Handled updates are kept a while only, so Telegram's repeats of them change
        nothing."""
        return await self.write("DELETE FROM inbox WHERE handled_at < ?", (iso(before),))

    @staticmethod
    def _stored(rows: list[Any]) -> list[StoredUpdate]:
        return [StoredUpdate(int(r[0]), json.loads(r[1])) for r in rows]
