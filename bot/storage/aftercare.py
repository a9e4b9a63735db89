"""Aftercare plans: the week's messages are written when the plan starts, then sent, skipped or
cancelled row by row. `(plan_id, day)` is unique, so no day can be sent twice by mistake."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from bot.storage.base import FREE, Store, calendar_day, iso, marks, moment


@dataclass(frozen=True)
class Plan:
    id: int
    user_id: int
    treated_on: date
    timezone: str
    status: str


@dataclass(frozen=True)
class DueMessage:
    """A pending aftercare message with what is needed to send it, from one query."""

    id: int
    plan_id: int
    day: int
    due_at: datetime
    attempts: int
    user_id: int
    chat_id: int
    timezone: str
    treated_on: date
    language: str | None
    telegram_language: str | None


@dataclass(frozen=True)
class PlanMessage:
    """One day of a plan and where it stands (pending, sent, skipped, cancelled)."""

    id: int
    day: int
    due_at: datetime
    status: str


def _plan(row: Any) -> Plan:
    return Plan(row[0], row[1], calendar_day(row[2]), row[3], row[4])


class AftercareStore(Store):
    async def create_plan(
        self, user_id: int, treated_on: date, timezone: str,
        schedule: list[tuple[int, datetime]], now: datetime, *, handed_over: bool = False,
    ) -> int | None:
        """The plan and all its messages in one commit; None when one is already active. With
        `handed_over`, messages already due are written as sent: the caller shows them now,
        and the scheduler never sees them pending."""
        async with self.transaction() as db:
            if await db.one("SELECT 1 FROM aftercare_plans WHERE user_id = ?"
                            " AND status = 'active'", (user_id,)):
                return None
            plan_id = await db.insert(
                "INSERT INTO aftercare_plans (user_id, treated_on, timezone, status, started_at)"
                " VALUES (?, ?, ?, 'active', ?) RETURNING id",
                (user_id, treated_on.isoformat(), timezone, iso(now)))
            await db.write_many(
                "INSERT INTO aftercare_messages (plan_id, day, due_at, status, sent_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [(plan_id, number, iso(due), *(("sent", iso(now)) if handed_over and due <= now
                                              else ("pending", None)))
                 for number, due in schedule])
        return plan_id

    async def active_plan(self, user_id: int) -> Plan | None:
        row = await self.one(
            "SELECT id, user_id, treated_on, timezone, status FROM aftercare_plans"
            " WHERE user_id = ? AND status = 'active'", (user_id,))
        return _plan(row) if row else None

    async def latest_plan(self, user_id: int) -> Plan | None:
        """The client's most recent week, whatever became of it."""
        row = await self.one(
            "SELECT id, user_id, treated_on, timezone, status FROM aftercare_plans"
            " WHERE user_id = ? ORDER BY treated_on DESC, id DESC LIMIT 1", (user_id,))
        return _plan(row) if row else None

    async def plan(self, plan_id: int) -> Plan | None:
        row = await self.one(
            "SELECT id, user_id, treated_on, timezone, status FROM aftercare_plans WHERE id = ?",
            (plan_id,))
        return _plan(row) if row else None

    async def plan_messages(self, plan_id: int) -> list[PlanMessage]:
        """Each day of the plan, in order."""
        rows = await self.all(
            "SELECT id, day, due_at, status FROM aftercare_messages WHERE plan_id = ?"
            " ORDER BY day", (plan_id,))
        return [PlanMessage(r[0], r[1], moment(r[2]), r[3]) for r in rows]

    async def claim_due(self, now: datetime, lease: timedelta,
                        limit: int = 500) -> list[DueMessage]:
        """Messages due and claimed by nobody (or by someone whose claim ran out), earliest
        first, now claimed by the caller for `lease`: sent, deferred or `release`d."""
        ids = await self.database.claim(
            "aftercare_messages",
            "SELECT m.id FROM aftercare_messages AS m"
            " WHERE m.status = 'pending' AND m.due_at <= ?"
            " AND (m.retry_at IS NULL OR m.retry_at <= ?)"
            f" AND {self.database.unclaimed(now, 'm.claimed_until')}"
            " AND EXISTS (SELECT 1 FROM aftercare_plans AS p WHERE p.id = m.plan_id"
            " AND p.status = 'active') ORDER BY m.due_at LIMIT ?",
            (iso(now), iso(now), limit), now, lease)
        if not ids:
            return []
        rows = await self.all(
            "SELECT m.id, m.plan_id, m.day, m.due_at, m.attempts, p.user_id, c.chat_id,"
            " p.timezone, p.treated_on, c.language, c.telegram_language"
            " FROM aftercare_messages AS m"
            " JOIN aftercare_plans AS p ON p.id = m.plan_id"
            " JOIN clients AS c ON c.user_id = p.user_id"
            f" WHERE m.id IN ({marks(ids)}) ORDER BY m.due_at, m.id", ids)
        return [DueMessage(r[0], r[1], r[2], moment(r[3]), r[4], r[5], r[6], r[7],
                           calendar_day(r[8]), r[9], r[10]) for r in rows]

    async def is_pending(self, message_id: int) -> bool:
        """Whether the message is still to be sent: /stop and /forget end that."""
        return bool(await self.one("SELECT 1 FROM aftercare_messages WHERE id = ?"
                                   " AND status = 'pending'", (message_id,)))

    async def release(self, message_ids: list[int]) -> None:
        """Claims given up without sending (quiet hours, stopping): due again at once."""
        if message_ids:
            await self.write(f"UPDATE aftercare_messages SET {FREE}"
                             f" WHERE id IN ({marks(message_ids)})", message_ids)

    async def mark(
        self, message_id: int, status: str, now: datetime, *, finish_plan: int | None = None
    ) -> None:
        """Record a message as sent or skipped; `finish_plan` also closes the week."""
        async with self.transaction() as db:
            await db.write(
                f"UPDATE aftercare_messages SET status = ?, sent_at = ?, {FREE} WHERE id = ?",
                (status, iso(now), message_id))
            if finish_plan is not None:
                await db.write(
                    "UPDATE aftercare_plans SET status = 'finished', ended_at = ?"
                    " WHERE id = ? AND status = 'active'", (iso(now), finish_plan))

    async def defer(self, message_id: int, retry_at: datetime) -> None:
        await self.write(
            "UPDATE aftercare_messages SET retry_at = ?, attempts = attempts + 1,"
            f" {FREE} WHERE id = ?",
            (iso(retry_at), message_id))

    async def end_plan(self, plan_id: int, status: str, now: datetime) -> None:
        """Stop a plan: nothing pending of it will be sent."""
        async with self.transaction() as db:
            await db.write(
                "UPDATE aftercare_plans SET status = ?, ended_at = ? WHERE id = ?"
                " AND status = 'active'", (status, iso(now), plan_id))
            await db.write(
                "UPDATE aftercare_messages SET status = 'cancelled'"
                " WHERE plan_id = ? AND status = 'pending'", (plan_id,))

    async def end_active_plan(self, user_id: int, status: str, now: datetime) -> None:
        """Stop the client's running plan, if any (the client can no longer be reached)."""
        async with self.transaction() as db:
            await db.write(
                "UPDATE aftercare_messages SET status = 'cancelled' WHERE status = 'pending'"
                " AND plan_id IN (SELECT id FROM aftercare_plans"
                " WHERE user_id = ? AND status = 'active')", (user_id,))
            await db.write(
                "UPDATE aftercare_plans SET status = ?, ended_at = ? WHERE user_id = ?"
                " AND status = 'active'", (status, iso(now), user_id))

    async def reschedule(self, plan_id: int, timezone: str,
                         schedule: list[tuple[int, datetime]]) -> None:
        """New local times (the client changed timezone) for the days not yet sent."""
        async with self.transaction() as db:
            await db.write("UPDATE aftercare_plans SET timezone = ? WHERE id = ?",
                           (timezone, plan_id))
            await db.write_many(
                "UPDATE aftercare_messages SET due_at = ?, retry_at = NULL"
                " WHERE plan_id = ? AND day = ? AND status = 'pending'",
                [(iso(due), plan_id, day) for day, due in schedule])

    async def record_checkin(self, plan_id: int, day: int, answer: str, details: str | None,
                             problem: bool, now: datetime) -> int:
        return await self.insert(
            "INSERT INTO aftercare_checkins (plan_id, day, answer, details, problem,"
            " answered_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            (plan_id, day, answer, details, int(problem), iso(now)))

    async def problem_since(self, plan_id: int, day: int, since: datetime) -> bool:
        """Whether a problem was reported on the plan's `day` since `since` (staff were
        alerted then)."""
        row = await self.one(
            "SELECT 1 FROM aftercare_checkins WHERE plan_id = ? AND day = ? AND problem = 1"
            " AND answered_at >= ? LIMIT 1", (plan_id, day, iso(since)))
        return row is not None

    async def not_begun(self, plan_id: int) -> bool:
        """Whether none of the plan's messages was sent yet."""
        return await self.one("SELECT 1 FROM aftercare_messages WHERE plan_id = ?"
                              " AND status = 'sent' LIMIT 1", (plan_id,)) is None

    async def drop_plan(self, plan_id: int) -> None:
        """A week that never began, for a visit that will not be: nothing of it is kept."""
        async with self.transaction() as db:
            await db.write("DELETE FROM aftercare_messages WHERE plan_id = ?", (plan_id,))
            await db.write("DELETE FROM aftercare_checkins WHERE plan_id = ?", (plan_id,))
            await db.write("DELETE FROM aftercare_plans WHERE id = ?", (plan_id,))

    async def move_plan(self, plan_id: int, treated_on: date,
                        schedule: list[tuple[int, datetime]]) -> None:
        """A week that never began, counted from another day: its visit moved."""
        async with self.transaction() as db:
            await db.write("UPDATE aftercare_plans SET treated_on = ? WHERE id = ?",
                           (treated_on.isoformat(), plan_id))
            await db.write_many(
                "UPDATE aftercare_messages SET due_at = ?, retry_at = NULL"
                " WHERE plan_id = ? AND day = ? AND status = 'pending'",
                [(iso(due), plan_id, day) for day, due in schedule])

    async def pressed_last(self, plan_id: int, day: int, answer: str) -> bool:
        """Whether the plan's latest check-in is `answer` on `day`, pressed without words: the
        same button again is no news."""
        row = await self.one(
            "SELECT day, answer, details FROM aftercare_checkins WHERE plan_id = ?"
            " ORDER BY answered_at DESC, id DESC LIMIT 1", (plan_id,))
        return row is not None and (int(row[0]), row[1], row[2]) == (day, answer, None)

    async def open_problem(self, plan_id: int) -> int | None:
        """The day of the plan's latest check-in if it reported a problem (nothing since has
        said all is well), else None."""
        row = await self.one(
            "SELECT day, problem FROM aftercare_checkins WHERE plan_id = ?"
            " ORDER BY answered_at DESC, id DESC LIMIT 1", (plan_id,))
        return int(row[0]) if row is not None and row[1] else None

    async def problems(self, plan_id: int) -> list[tuple[int, str]]:
        """The plan's check-ins that reported a problem, in order: (day, answer)."""
        rows = await self.all(
            "SELECT day, answer FROM aftercare_checkins WHERE plan_id = ? AND problem = 1"
            " ORDER BY answered_at, id", (plan_id,))
        return [(int(r[0]), str(r[1])) for r in rows]

    async def progress(self, plan_id: int) -> tuple[int, int]:
        """(messages sent, problems reported) of a plan."""
        row = await self.one(
            "SELECT (SELECT COUNT(*) FROM aftercare_messages WHERE plan_id = ?1"
            " AND status = 'sent'), (SELECT COUNT(*) FROM aftercare_checkins"
            " WHERE plan_id = ?1 AND problem = 1)", (plan_id,))
        return (int(row[0]), int(row[1])) if row else (0, 0)
