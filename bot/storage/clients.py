"""Clients: who is talking, in which language and timezone, and whether the bot can reach them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.storage.base import Store, iso, maybe_moment

COLUMNS = ("user_id, chat_id, first_name, last_name, username, telegram_language, language,"
           " timezone, unreachable_at")


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
    unreachable_at: datetime | None = None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


def client_of(row: Any) -> Client:
    """A client from the `COLUMNS` of a row, in that order."""
    user_id, chat_id, first_name, last_name, username, telegram_language, language, timezone = (
        row[:8])
    return Client(user_id, chat_id, first_name, last_name, username, telegram_language,
                  language, timezone, maybe_moment(row[8]))


class ClientStore(Store):
    async def upsert(
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
        client = await self.get(user_id)
        assert client is not None
        return client

    async def get(self, user_id: int) -> Client | None:
        row = await self.one(f"SELECT {COLUMNS} FROM clients WHERE user_id = ?", (user_id,))
        return client_of(row) if row else None

    async def set_language(self, user_id: int, language: str) -> None:
        await self.write("UPDATE clients SET language = ? WHERE user_id = ?", (language, user_id))

    async def set_timezone(self, user_id: int, timezone: str) -> None:
        await self.write("UPDATE clients SET timezone = ? WHERE user_id = ?",
                         (timezone, user_id))

    async def tell_health(self, user_id: int, now: datetime,
                          conditions: Sequence[str] = ()) -> None:
        """The client told something of their health outside the check (0018_health_told),
        naming `conditions` of the check, kept beside those told before (0023)."""
        named = ",".join(conditions)
        await self.write("UPDATE clients SET health_told_at = ?, health_told = CASE"
                         " WHEN ? = '' THEN health_told WHEN health_told IS NULL THEN ?"
                         " ELSE health_told || ',' || ? END WHERE user_id = ?",
                         (iso(now), named, named, named, user_id))

    async def keep_health_told(self, user_id: int) -> bool:
        """The client agreed to keep the health they told (0024_health_told_kept); False when
        none waits (a day passed, or a check counted it)."""
        return bool(await self.write(
            "UPDATE clients SET health_told_kept = 1 WHERE user_id = ?"
            " AND health_told_at IS NOT NULL", (user_id,)))

    async def take_health_told(self, user_id: int) -> tuple[str, ...] | None:
        """Health told outside the check that waits to be counted, the conditions it named
        (none where it named none); None where none waits. It is counted now."""
        row = await self.one("SELECT health_told_at, health_told FROM clients"
                             " WHERE user_id = ?", (user_id,))
        if row is None or row[0] is None:
            return None
        await self.write("UPDATE clients SET health_told_at = NULL, health_told = NULL,"
                         " health_told_kept = 0 WHERE user_id = ?", (user_id,))
        return tuple(dict.fromkeys(filter(None, (row[1] or "").split(","))))

    async def stop(self, user_id: int, now: datetime) -> None:
        """The client asked for nothing more unasked (0019_stopped)."""
        await self.write("UPDATE clients SET stopped_at = ? WHERE user_id = ?",
                         (iso(now), user_id))

    async def resume(self, user_id: int) -> None:
        """The client asked for something that sends unasked again (a booking, a week)."""
        await self.write("UPDATE clients SET stopped_at = NULL WHERE user_id = ?"
                         " AND stopped_at IS NOT NULL", (user_id,))

    async def stopped(self, user_id: int) -> datetime | None:
        row = await self.one("SELECT stopped_at FROM clients WHERE user_id = ?", (user_id,))
        return maybe_moment(row[0]) if row else None

    async def mark_unreachable(self, user_id: int, now: datetime) -> None:
        """The client blocked the bot; their next message makes them reachable again."""
        await self.write("UPDATE clients SET unreachable_at = ? WHERE user_id = ?",
                         (iso(now), user_id))
