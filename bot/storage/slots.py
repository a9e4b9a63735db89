"""Seats held by appointments, and times staff blocked: what the free slots are computed from.

A seat row is the lock on one place at one start time (the primary key); which times are taken
is read from the leads whose status keeps their time (held or confirmed), so a status that
ends an appointment frees its place even where no one deleted its seat row (stale rows are
cleared before a seat is taken).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.base import Store, iso, marks, moment


@dataclass(frozen=True)
class Block:
    id: int
    starts_at: datetime
    ends_at: datetime


class SlotStore(Store):
    async def hold(self, lead_id: int, starts_at: datetime, seats: int,
                   active: tuple[str, ...]) -> bool:
        """Give lead `lead_id` a seat at `starts_at` (its earlier seat is given up), or False
        when all `seats` are held by leads in an `active` status. Concurrent holders of the
        last seat: one commits first, the other's insert does nothing. A client's pick and a
        time staff type take seats alike."""
        at = iso(starts_at)
        async with self.transaction() as db:
            if await db.one("SELECT 1 FROM seats WHERE lead_id = ? AND starts_at = ?",
                            (lead_id, at)):
                await db.write("UPDATE leads SET appointment_at = ? WHERE id = ?",
                               (at, lead_id))
                return True  # held already (a client's slot that staff book)
            await db.write(
                "DELETE FROM seats WHERE starts_at = ? AND NOT EXISTS (SELECT 1 FROM leads AS l"
                f" WHERE l.id = seats.lead_id AND l.status IN ({marks(active)})"
                " AND l.appointment_at = seats.starts_at)", (at, *active))
            for seat in range(seats):
                if await db.write("INSERT INTO seats (starts_at, seat, lead_id) VALUES (?, ?, ?)"
                                  " ON CONFLICT DO NOTHING", (at, seat, lead_id)) == 1:
                    await db.write("DELETE FROM seats WHERE lead_id = ? AND starts_at <> ?",
                                   (lead_id, at))
                    await db.write("UPDATE leads SET appointment_at = ? WHERE id = ?",
                                   (at, lead_id))
                    return True
        return False

    async def release(self, lead_id: int) -> None:
        """The lead's appointment ended (cancelled, moved by staff, closed): its seat is free."""
        await self.write("DELETE FROM seats WHERE lead_id = ?", (lead_id,))

    async def taken(self, start: datetime, end: datetime, active: tuple[str, ...],
                    besides: int = 0) -> list[datetime]:
        """Start times in [start, end) of leads in an `active` status, one per lead (a time
        staff typed holds its place too), other than lead `besides`."""
        rows = await self.all(
            f"SELECT appointment_at FROM leads WHERE status IN ({marks(active)})"
            " AND appointment_at >= ? AND appointment_at < ? AND id <> ?",
            (*active, iso(start), iso(end), besides))
        return [moment(r[0]) for r in rows]

    async def block(self, start: datetime, end: datetime, staff_user_id: int,
                    now: datetime) -> int:
        return await self.insert(
            "INSERT INTO blocked_times (starts_at, ends_at, staff_user_id, created_at)"
            " VALUES (?, ?, ?, ?) RETURNING id", (iso(start), iso(end), staff_user_id, iso(now)))

    async def unblock(self, block_id: int) -> bool:
        return await self.write("DELETE FROM blocked_times WHERE id = ?", (block_id,)) == 1

    async def blocks(self, after: datetime) -> list[Block]:
        """Blocks that end after `after`, earliest first."""
        rows = await self.all("SELECT id, starts_at, ends_at FROM blocked_times WHERE ends_at > ?"
                              " ORDER BY starts_at, id", (iso(after),))
        return [Block(int(r[0]), moment(r[1]), moment(r[2])) for r in rows]
