"""The outbox: messages owed to clients and to the staff chat, stored before they are sent so
a transient Telegram error delays them instead of losing them. What a post contains is the
sender's business (bot/telegram/outbox.py); here it is JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.storage.base import FREE, Store, iso, marks


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    kind: str  # "staff" or "client"
    payload: dict[str, Any]
    attempts: int
    user_id: int | None = None  # the client it names or goes to: sent under their lock


class OutboxStore(Store):
    async def add(self, entries: list[tuple[str, int | None, dict[str, Any]]],
                  now: datetime, lease: timedelta) -> list[int]:
        """Store (kind, client's user id or None, payload) rows in one transaction, claimed by
        the caller for `lease`, who sends them at once. A new edit of a staff-chat message
        replaces one still waiting, which would show older text."""
        ids: list[int] = []
        async with self.transaction() as db:
            if not any(kind == "staff" and payload.get("edit") is not None
                       for kind, _, payload in entries):
                until = self.database.claim_clock(now, lease)
                rows = await db.all(
                    "INSERT INTO outbox (kind, user_id, payload, retry_at, created_at,"
                    " claimed_until, claimed_by) VALUES "
                    + ", ".join([f"(?, ?, ?, ?, ?, {until}, ?)"] * len(entries))
                    + " RETURNING id",
                    [value for kind, user_id, payload in entries
                     for value in (kind, user_id, json.dumps(payload), iso(now), iso(now),
                                   self.database.owner)])
                return sorted(int(r[0]) for r in rows)
            for kind, user_id, payload in entries:
                replaces = payload.get("edit") if kind == "staff" else None
                if replaces is not None:
                    await db.write("DELETE FROM outbox WHERE kind = 'staff' AND replaces = ?",
                                   (replaces,))
                ids.append(await db.insert(
                    "INSERT INTO outbox (kind, user_id, payload, retry_at, created_at,"
                    " claimed_until, claimed_by, replaces) VALUES (?, ?, ?, ?, ?,"
                    f" {self.database.claim_clock(now, lease)}, ?, ?) RETURNING id",
                    (kind, user_id, json.dumps(payload), iso(now), iso(now),
                     self.database.owner, replaces)))
        return ids

    async def pending(self, ids: list[int]) -> list[OutboxEntry]:
        """Those of `ids` still waiting to be sent, in order."""
        return await self._entries(f"WHERE id IN ({marks(ids)}) ORDER BY id", tuple(ids))

    async def claim_due(self, now: datetime, lease: timedelta, limit: int) -> list[OutboxEntry]:
        """Entries due and claimed by nobody (or by someone whose claim ran out), now claimed
        by the caller for `lease`. A turn's reply waits while an earlier one to the same
        chat does: a chat's replies go out in order."""
        ids = await self.database.claim(
            "outbox", "SELECT id FROM outbox WHERE retry_at <= ?"
            f" AND {self.database.unclaimed(now)} AND NOT (kind = 'reply'"
            " AND EXISTS (SELECT 1 FROM outbox AS earlier WHERE earlier.kind = 'reply'"
            " AND earlier.user_id = outbox.user_id AND earlier.id < outbox.id))"
            " ORDER BY id LIMIT ?",
            (iso(now), limit), now, lease)
        return await self.pending(ids) if ids else []

    async def staff_waiting(self) -> int:
        """Posts to the staff chat not sent yet."""
        rows = await self.all("SELECT count(*) FROM outbox WHERE kind = 'staff'", ())
        return int(rows[0][0])

    async def backlog(self, now: datetime) -> tuple[int, int]:
        """(entries waiting, of them due by `now`)."""
        rows = await self.all("SELECT count(*), coalesce(sum(CASE WHEN retry_at <= ? THEN 1"
                              " ELSE 0 END), 0) FROM outbox", (iso(now),))
        return int(rows[0][0]), int(rows[0][1])

    async def release(self, ids: list[int]) -> None:
        """Claims given up without sending: the scheduler sends what is still there."""
        if ids:
            await self.database.write_small(f"UPDATE outbox SET {FREE} WHERE id IN ({marks(ids)})",
                                            tuple(ids))

    async def _entries(self, where: str, args: tuple[Any, ...]) -> list[OutboxEntry]:
        rows = await self.all(
            f"SELECT id, kind, payload, attempts, user_id FROM outbox {where}", args)
        return [OutboxEntry(r[0], r[1], json.loads(r[2]), r[3], r[4]) for r in rows]

    async def defer(self, entry_id: int, retry_at: datetime) -> None:
        await self.write(
            f"UPDATE outbox SET retry_at = ?, attempts = attempts + 1, {FREE} WHERE id = ?",
            (iso(retry_at), entry_id))

    async def done(self, entry_id: int) -> None:
        """Sent, or given up for good: nothing of it is kept."""
        await self.database.write_small("DELETE FROM outbox WHERE id = ?", (entry_id,))
