"""Sending slots shared by every instance on the database: Telegram counts the bot's messages
and each chat's, not each process's.

A paced key (the bot, a private chat) keeps the time its next slot falls on an evenly paced
schedule (the "theoretical arrival time" of the generic cell rate algorithm); after a pause up
to `burst` slots fall at once. Taking such a slot is one atomic upsert, so two instances never
take the same one, and an instance that just started takes its slots after those already
taken: it cannot add its own pace on top of the others'. A key limited per window (a group:
20 in any minute) keeps its last slots instead, and takes the next in a short transaction
that holds its row. Times are seconds on the database's clock, so instances on hosts whose
clocks differ still share one schedule; a test passes its own.
"""

from __future__ import annotations

from bot.storage.base import Store

# Seconds since the epoch now, by the engine's clock, fixed for the whole statement.
_CLOCK = {
    "postgresql": "CAST(EXTRACT(EPOCH FROM statement_timestamp()) AS DOUBLE PRECISION)",
    "sqlite": "((julianday('now') - 2440587.5) * 86400.0)",
}


class SendSlotStore(Store):
    def _now(self, parameter: str) -> str:
        return f"coalesce(CAST({parameter} AS DOUBLE PRECISION), {_CLOCK[self.database.dialect]})"

    async def take(self, key: str, interval: float, burst: int = 1,
                   now: float | None = None) -> float:
        """Take `key`'s next slot, slots falling `interval` seconds apart and up to `burst`
        at once after a pause; the seconds to wait before sending in it."""
        now_ = self._now("?4")
        rows = await self.database.write_returning(
            f"INSERT INTO send_slots (key, next_at) VALUES (?1, {now_} + ?2)"
            " ON CONFLICT (key) DO UPDATE SET next_at = CASE"
            f" WHEN send_slots.next_at > {now_} THEN send_slots.next_at ELSE {now_} END + ?2"
            f" RETURNING next_at - ?2 - ?3 - {now_}",
            (key, float(interval), float((burst - 1) * interval), now))
        return max(0.0, float(rows[0][0]))

    async def take_in_window(self, key: str, count: int, seconds: float,
                             now: float | None = None, within: float | None = None
                             ) -> float | None:
        """Take `key`'s next slot, no more than `count` falling in any `seconds` (all at once
        if they like); the seconds to wait before sending in it. None, and nothing taken, if
        it falls more than `within` seconds from now."""
        async with self.transaction() as held:
            recent, now = await held.one(  # the upsert holds the row until the commit
                "INSERT INTO send_slots (key, next_at, recent) VALUES (?1, 0, '')"
                " ON CONFLICT (key) DO UPDATE SET key = excluded.key"
                f" RETURNING recent, {self._now('?2')}", (key, now))
            slots = [t for t in map(float, (recent or "").split()) if t > now - seconds]
            slot = max([now, *slots[-1:]])  # never before a slot already taken
            if len(slots) >= count:
                slot = max(slot, slots[-count] + seconds)
            if within is not None and slot - now > within:
                return None
            slots = [*slots, slot][-count:]
            await held.write("UPDATE send_slots SET next_at = ?, recent = ? WHERE key = ?",
                             (slot + seconds, " ".join(map(repr, slots)), key))
        return slot - now

    async def forget_past(self, now: float | None = None) -> int:
        """Drop the keys whose schedule has caught up with now: they hold nothing a new slot
        would not start from anyway. How many were dropped."""
        return await self.write(f"DELETE FROM send_slots WHERE next_at < {self._now('?1')}",
                                (now,))
