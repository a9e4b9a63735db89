"""The outbox: messages owed to clients and to the staff chat, stored before they are sent so
a transient Telegram error delays them instead of losing them. What a post contains is the
sender's business (bot/telegram/outbox.py); here it is JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.storage.base import Store, iso


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    kind: str  # "staff" or "client"
    payload: dict[str, Any]
    attempts: int


class OutboxStore(Store):
    async def add(self, entries: list[tuple[str, int | None, dict[str, Any]]],
                  now: datetime) -> list[int]:
        """Store (kind, client's user id or None, payload) rows in one transaction. A new
        edit of a staff-chat message replaces one still waiting, which would show older text."""
        ids = []
        async with self.transaction() as db:
            for kind, user_id, payload in entries:
                if kind == "staff" and payload.get("edit") is not None:
                    await db.execute(
                        "DELETE FROM outbox WHERE kind = 'staff'"
                        " AND json_extract(payload, '$.edit') = ?", (payload["edit"],))
                cursor = await db.execute(
                    "INSERT INTO outbox (kind, user_id, payload, retry_at, created_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (kind, user_id, json.dumps(payload), iso(now), iso(now)))
                ids.append(cursor.lastrowid or 0)
        return ids

    async def pending(self, ids: list[int]) -> list[OutboxEntry]:
        """Those of `ids` still waiting to be sent, in order."""
        marks = ", ".join("?" * len(ids))
        return await self._entries(f"WHERE id IN ({marks}) ORDER BY id", tuple(ids))

    async def due(self, now: datetime, limit: int) -> list[OutboxEntry]:
        return await self._entries("WHERE retry_at <= ? ORDER BY id LIMIT ?", (iso(now), limit))

    async def _entries(self, where: str, args: tuple[Any, ...]) -> list[OutboxEntry]:
        rows = await self.all(f"SELECT id, kind, payload, attempts FROM outbox {where}", args)
        return [OutboxEntry(r[0], r[1], json.loads(r[2]), r[3]) for r in rows]

    async def defer(self, entry_id: int, retry_at: datetime) -> None:
        await self.write(
            "UPDATE outbox SET retry_at = ?, attempts = attempts + 1 WHERE id = ?",
            (iso(retry_at), entry_id))

    async def done(self, entry_id: int) -> None:
        """Sent, or given up for good: nothing of it is kept."""
        await self.write("DELETE FROM outbox WHERE id = ?", (entry_id,))
