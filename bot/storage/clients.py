"""Clients (who is talking, in which language) and their per-chat dialog state."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.storage.base import StorageBase, iso


@dataclass(frozen=True)
class Client:
    user_id: int
    chat_id: int
    first_name: str
    last_name: str | None
    username: str | None
    telegram_language: str | None
    language: str | None
    timezone: str | None = None
    unreachable_at: str | None = None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


@dataclass(frozen=True)
class ChatState:
    """Where a client is in a multi-step dialog that waits for their typing (booking, FAQ)."""

    state: str
    data: dict[str, Any]


class ClientStore(StorageBase):
    async def upsert_client(
        self, *, user_id: int, chat_id: int, first_name: str, last_name: str | None,
        username: str | None, telegram_language: str | None, now: datetime,
    ) -> Client:
        await self.write(
            """
            INSERT INTO clients (user_id, chat_id, first_name, last_name, username,
                                 telegram_language, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (user_id) DO UPDATE SET
                chat_id = excluded.chat_id, first_name = excluded.first_name,
                last_name = excluded.last_name, username = excluded.username,
                telegram_language = excluded.telegram_language, updated_at = excluded.updated_at,
                unreachable_at = NULL
            """,
            (user_id, chat_id, first_name, last_name, username, telegram_language,
             iso(now), iso(now)))
        client = await self.client(user_id)
        assert client is not None
        return client

    async def client(self, user_id: int) -> Client | None:
        row = await self.one(
            "SELECT user_id, chat_id, first_name, last_name, username, telegram_language,"
            " language, timezone, unreachable_at FROM clients WHERE user_id = ?", (user_id,))
        return Client(*row) if row else None

    async def set_language(self, user_id: int, language: str) -> None:
        await self.write("UPDATE clients SET language = ? WHERE user_id = ?", (language, user_id))

    async def chat_state(self, user_id: int) -> ChatState | None:
        row = await self.one("SELECT state, data FROM chat_states WHERE user_id = ?", (user_id,))
        return ChatState(row[0], json.loads(row[1])) if row else None

    async def set_chat_state(
        self, user_id: int, state: str, data: dict[str, Any], now: datetime
    ) -> None:
        await self.write(
            "INSERT INTO chat_states (user_id, state, data, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET state = excluded.state,"
            " data = excluded.data, updated_at = excluded.updated_at",
            (user_id, state, json.dumps(data), iso(now)))

    async def clear_chat_state(self, user_id: int) -> None:
        await self.write("DELETE FROM chat_states WHERE user_id = ?", (user_id,))
