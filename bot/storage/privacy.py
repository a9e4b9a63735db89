"""A client's own data: everything stored about them, erasure on request, and retention.

Every client table references `clients(user_id)` with ON DELETE CASCADE (directly or through a
parent), so erasing the client row erases the rest; the test suite scans every table to prove it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.storage.base import Store, iso, marks, maybe_moment


@dataclass(frozen=True)
class PersonalData:
    profile: dict[str, Any]
    consents: list[dict[str, Any]]
    screenings: list[dict[str, Any]]
    leads: list[dict[str, Any]]
    aftercare: list[dict[str, Any]]
    questions: list[dict[str, Any]]
    reminders: list[dict[str, Any]] = field(default_factory=list)  # not sent yet
    conversation: dict[str, Any] | None = None  # an unfinished dialog and what it holds
    staff_posts: int = 0  # staff-chat messages about the client (their words in some)


@dataclass(frozen=True)
class Erased:
    """Staff-chat messages that showed the erased client, to be marked as erased."""

    lead_cards: list[tuple[int, int]]  # (lead id, staff message id)
    other_posts: list[int]
    documents: list[int] = field(default_factory=list)  # files naming the client: deleted


@dataclass(frozen=True)
class Purged:
    """What retention removed: rows deleted or cleared, and the staff-chat cards of the
    requests deleted, (lead id, staff message id), to be marked as expired."""

    rows: int
    lead_cards: list[tuple[int, int]]


# A request that never came to a visit: never booked nor treated, and its last change is
# older than the retention period; nor any time it holds still to come.
EXPIRED_LEADS = (
    "SELECT l.id, l.staff_message_id, l.screening_id FROM leads AS l"
    " WHERE l.status NOT IN ('booked', 'treated') AND NOT EXISTS ("
    " SELECT 1 FROM lead_history AS h WHERE h.lead_id = l.id"
    " AND h.new_status IN ('booked', 'treated'))"
    " AND COALESCE((SELECT MAX(h.changed_at) FROM lead_history AS h WHERE h.lead_id = l.id),"
    " l.created_at) < ? AND (l.appointment_at IS NULL OR l.appointment_at < ?)")


class PrivacyStore(Store):
    async def personal_data(self, user_id: int) -> PersonalData | None:
        profile = await self.database.dicts(
            "SELECT first_name, last_name, username, language, telegram_language, timezone,"
            " created_at, health_told_at, health_told FROM clients WHERE user_id = ?",
            (user_id,))
        if not profile:
            return None
        screenings = await self.database.dicts(
            "SELECT id, status, outcome, started_at, finished_at FROM screenings"
            " WHERE user_id = ? ORDER BY id", (user_id,))
        for screening in screenings:
            screening["answers"] = await self.database.dicts(
                "SELECT step_id, answer FROM screening_answers WHERE screening_id = ?"
                " ORDER BY answered_at", (screening["id"],))
        plans = await self.database.dicts(
            "SELECT id, treated_on, status FROM aftercare_plans WHERE user_id = ? ORDER BY id",
            (user_id,))
        for plan in plans:
            plan["checkins"] = await self.database.dicts(
                "SELECT day, answer, details FROM aftercare_checkins WHERE plan_id = ?"
                " ORDER BY id", (plan["id"],))
        leads = await self.database.dicts(
            "SELECT id, created_at, phone, contact_username, preferred_time, status,"
            " appointment_at, note FROM leads WHERE user_id = ? ORDER BY id", (user_id,))
        for lead in leads:
            lead["appointment_at"] = maybe_moment(lead["appointment_at"])
        return PersonalData(
            profile=profile[0],
            consents=await self.database.dicts(
                "SELECT version, given_at FROM consents WHERE user_id = ? ORDER BY id",
                (user_id,)),
            screenings=screenings,
            leads=leads,
            aftercare=plans,
            questions=await self.database.dicts(
                "SELECT created_at FROM staff_questions WHERE user_id = ? ORDER BY id",
                (user_id,)),
            reminders=await self.database.dicts(
                "SELECT kind, due_at FROM reminders WHERE user_id = ? AND sent_at IS NULL"
                " ORDER BY due_at", (user_id,)),
            conversation=next(iter(await self.database.dicts(
                "SELECT state, data FROM chat_states WHERE user_id = ?", (user_id,))), None),
            staff_posts=int((await self.one(
                "SELECT COUNT(*) FROM staff_posts WHERE user_id = ?", (user_id,)))[0]),
        )

    async def forget(self, user_id: int) -> Erased:
        """Delete every row tied to the client, in one commit. The client's row is locked
        first: a staff-chat message being recorded as naming them (`StaffPostStore.record`)
        is either seen here, or finds them gone."""
        async with self.transaction() as db:
            await db.all(f"SELECT user_id FROM clients WHERE user_id = ?"
                         f"{self.database.for_update}", (user_id,))
            cards = [(int(r[0]), int(r[1])) for r in await db.all(
                "SELECT id, staff_message_id FROM leads WHERE user_id = ?"
                " AND staff_message_id IS NOT NULL", (user_id,))]
            card_ids = {message_id for _, message_id in cards}
            posts = sorted(int(r[0]) for r in await db.all(
                "SELECT staff_message_id FROM staff_questions WHERE user_id = ?"
                " AND staff_message_id IS NOT NULL"
                " UNION SELECT staff_message_id FROM relay_threads WHERE user_id = ?"
                " UNION SELECT p.message_id FROM booking_prompts AS p"
                " JOIN leads AS l ON l.id = p.lead_id WHERE l.user_id = ?"
                " UNION SELECT message_id FROM staff_posts WHERE user_id = ? AND document = 0",
                (user_id, user_id, user_id, user_id)) if int(r[0]) not in card_ids)
            documents = [int(r[0]) for r in await db.all(
                "SELECT message_id FROM staff_posts WHERE user_id = ? AND document = 1"
                " ORDER BY message_id", (user_id,))]
            await db.write("DELETE FROM staff_posts WHERE user_id = ?", (user_id,))
            await db.write("DELETE FROM outbox WHERE user_id = ?", (user_id,))
            await db.write("DELETE FROM clients WHERE user_id = ?", (user_id,))
        await self.database.checkpoint()
        return Erased(cards, posts, documents)

    async def purge(self, before: datetime, unkept_before: datetime) -> Purged:
        """Retention: health answers of checks that never led to a visit, and their outcomes;
        requests that never came to a visit, whole; the details of aftercare weeks; and health
        told outside a check; each once older than `before`. A check left unfinished counts
        from its last answer: it is cancelled, as if the client had left it then. Health told
        by a client who neither agreed to keep it nor to the check's processing of health
        answers goes once older than `unkept_before`."""
        async with self.transaction() as db:
            last_activity = ("COALESCE((SELECT MAX(a.answered_at) FROM screening_answers AS a"
                             " WHERE a.screening_id = screenings.id), started_at)")
            await db.write(
                "UPDATE screenings SET status = 'cancelled', current_step = NULL,"
                f" finished_at = {last_activity} WHERE status = 'active'"
                f" AND {last_activity} < ?", (iso(before),))
            expired = await db.all(EXPIRED_LEADS, (iso(before), iso(before)))
            ids = [int(r[0]) for r in expired]
            leads = await db.write(f"DELETE FROM leads WHERE id IN ({marks(ids)})",
                                   tuple(ids)) if ids else 0
            unled = ("SELECT s.id FROM screenings AS s WHERE s.finished_at < ?"
                     " AND NOT EXISTS (SELECT 1 FROM leads AS l WHERE l.screening_id = s.id)")
            answers = await db.write(
                f"DELETE FROM screening_answers WHERE screening_id IN ({unled})",
                (iso(before),))
            outcomes = await db.write(
                f"UPDATE screenings SET outcome = NULL WHERE outcome IS NOT NULL"
                f" AND id IN ({unled})", (iso(before),))
            checkins = await db.write(
                "DELETE FROM aftercare_checkins WHERE plan_id IN ("
                " SELECT id FROM aftercare_plans WHERE ended_at < ?)", (iso(before),))
            messages = await db.write(
                "DELETE FROM aftercare_messages WHERE plan_id IN ("
                " SELECT id FROM aftercare_plans WHERE ended_at < ?)", (iso(before),))
            told = await db.write(
                "UPDATE clients SET health_told_at = NULL, health_told = NULL,"
                " health_told_kept = 0 WHERE health_told_at < ? OR health_told_at < ?"
                " AND health_told_kept = 0 AND NOT EXISTS (SELECT 1 FROM consents"
                " WHERE consents.user_id = clients.user_id)", (iso(before), iso(unkept_before)))
        purged = leads + answers + outcomes + checkins + messages + told
        if purged:  # else there is nothing erased to truncate away, and it runs every hour
            await self.database.checkpoint()
        return Purged(purged, [(int(r[0]), int(r[1])) for r in expired if r[1] is not None])
