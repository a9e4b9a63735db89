"""Where a client is in a multi-step dialog that waits for their typing (booking, FAQ)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.storage.base import Store, iso, moment


@dataclass(frozen=True)
class ChatState:
    state: str
    data: dict[str, Any]
    since: datetime | None = None  # when the client last moved it on


class ChatStateStore(Store):
    async def get(self, user_id: int) -> ChatState | None:
        row = await self.one("SELECT state, data, updated_at FROM chat_states WHERE user_id = ?",
                             (user_id,))
        return ChatState(row[0], json.loads(row[1]), moment(row[2])) if row else None

    async def left(self, state: str, before: datetime, limit: int) -> list[int]:
        """Clients in `state` who have not moved it on since `before`, longest first."""
        rows = await self.all("SELECT user_id FROM chat_states WHERE state = ? AND updated_at < ?"
                              " ORDER BY updated_at LIMIT ?", (state, iso(before), limit))
        return [int(row[0]) for row in rows]

    async def save(self, user_id: int, state: str, data: dict[str, Any], now: datetime) -> None:
        await self.write(
            "INSERT INTO chat_states (user_id, state, data, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET state = excluded.state,"
            " data = excluded.data, updated_at = excluded.updated_at",
            (user_id, state, json.dumps(data), iso(now)))

    async def clear(self, user_id: int) -> None:
        await self.write("DELETE FROM chat_states WHERE user_id = ?", (user_id,))
