"""Screenings and their answers: each answer is committed the moment it is given."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from bot.storage.base import Store, iso, maybe_moment

# The answers of a screening as one JSON object, in each engine's words.
_ANSWERS = {"sqlite": "json_group_object(a.step_id, a.answer)",
            "postgresql": "json_object_agg(a.step_id, a.answer)::text"}


@dataclass(frozen=True)
class ScreeningRecord:
    id: int
    user_id: int
    status: str
    current_step: str | None
    outcome: str | None
    finished_at: datetime | None
    consent_version: int
    answers: dict[str, str]
    aside: bool = False  # its question left for something else: typed text does not answer it
    started_at: datetime | None = None

    def answered(self, step_id: str, answer: str) -> ScreeningRecord:
        """This record as it stands once `save_answer` has stored one more answer."""
        return replace(self, answers={**self.answers, step_id: answer})


class ScreeningStore(Store):
    async def start(self, user_id: int, consent_id: int, first_step: str, now: datetime) -> int:
        """A new active screening; one still active is cancelled in the same commit."""
        async with self.transaction() as db:
            await db.write(
                "UPDATE screenings SET status = 'cancelled', finished_at = ?"
                " WHERE user_id = ? AND status = 'active'", (iso(now), user_id))
            return await db.insert(
                "INSERT INTO screenings (user_id, consent_id, status, current_step, started_at)"
                " VALUES (?, ?, 'active', ?, ?) RETURNING id",
                (user_id, consent_id, first_step, iso(now)))

    async def _latest(self, where: str, args: tuple[Any, ...]) -> ScreeningRecord | None:
        row = await self.one(
            "SELECT s.id, s.user_id, s.status, s.current_step, s.outcome, s.finished_at,"
            f" c.version, (SELECT {_ANSWERS[self.database.dialect]}"
            "  FROM screening_answers AS a WHERE a.screening_id = s.id), s.aside, s.started_at"
            " FROM screenings AS s JOIN consents AS c ON c.id = s.consent_id"
            f" WHERE {where} ORDER BY s.id DESC LIMIT 1", args)
        if row is None:
            return None
        return ScreeningRecord(
            id=row[0], user_id=row[1], status=row[2], current_step=row[3], outcome=row[4],
            finished_at=maybe_moment(row[5]), consent_version=row[6],
            answers=json.loads(row[7] or "{}"), aside=bool(row[8]),
            started_at=maybe_moment(row[9]))

    async def active(self, user_id: int) -> ScreeningRecord | None:
        return await self._latest("s.user_id = ? AND s.status = 'active'", (user_id,))

    async def last_finished(self, user_id: int) -> ScreeningRecord | None:
        return await self._latest("s.user_id = ? AND s.status = 'finished'", (user_id,))

    async def get(self, screening_id: int) -> ScreeningRecord | None:
        return await self._latest("s.id = ?", (screening_id,))

    async def save_answer(
        self, screening_id: int, step_id: str, answer: str, current_step: str, now: datetime
    ) -> None:
        """Store one answer and move the screening on, in one commit (and one round trip:
        this runs on every answer)."""
        await self.database.write_together(
            ("INSERT INTO screening_answers (screening_id, step_id, answer, answered_at)"
             " VALUES (?, ?, ?, ?) ON CONFLICT (screening_id, step_id)"
             " DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at",
             (screening_id, step_id, answer, iso(now))),
            ("UPDATE screenings SET current_step = ?, aside = 0 WHERE id = ?",
             (current_step, screening_id)))

    async def set_aside(self, user_id: int, aside: bool) -> None:
        """The open check's question left for something else, or shown again."""
        await self.write("UPDATE screenings SET aside = ? WHERE user_id = ?"
                         " AND status = 'active' AND aside <> ?", (int(aside), user_id, int(aside)))

    async def told_after(self, screening_id: int, told: str, answer: str, outcome: str,
                         now: datetime) -> None:
        """Health told after the check finished counts in it (`told`: the answer's step id),
        with the outcome that follows."""
        await self.database.write_together(
            ("INSERT INTO screening_answers (screening_id, step_id, answer, answered_at)"
             " VALUES (?, ?, ?, ?) ON CONFLICT (screening_id, step_id)"
             " DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at",
             (screening_id, told, answer, iso(now))),
            ("UPDATE screenings SET outcome = ? WHERE id = ?", (outcome, screening_id)))

    async def attach_consent(self, screening_id: int, consent_id: int) -> None:
        """A resumed screening continues under the consent the client has just given."""
        await self.write("UPDATE screenings SET consent_id = ? WHERE id = ?",
                         (consent_id, screening_id))

    async def move_to_step(self, screening_id: int, step_id: str) -> None:
        await self.write("UPDATE screenings SET current_step = ?, aside = 0 WHERE id = ?",
                         (step_id, screening_id))

    async def end(self, screening_id: int, status: str, outcome: str | None, now: datetime) -> None:
        """Finish or cancel; a cancelled screening keeps no answers."""
        async with self.transaction() as db:
            await db.write(
                "UPDATE screenings SET status = ?, outcome = ?, current_step = NULL,"
                " finished_at = ? WHERE id = ? AND status = 'active'",
                (status, outcome, iso(now), screening_id))
            if status == "cancelled":
                await db.write("DELETE FROM screening_answers WHERE screening_id = ?",
                                 (screening_id,))
