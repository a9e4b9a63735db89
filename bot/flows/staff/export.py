"""`/export [from] [to]`: leads as a CSV file, one row per lead, for spreadsheets.

UTF-8 with a byte-order mark (so spreadsheet programs detect the encoding and show Cyrillic
names correctly), a header row, ISO 8601 dates in the clinic's timezone, and stable ids rather
than translated labels (status, outcome, language, time of day, conditions, goals), so a sheet
can be filtered the same way whatever the clinic's language. `from` and `to` are clinic-local
days, both included. No cell can run as a formula when the file is opened.
"""

from __future__ import annotations

import csv
import io
from datetime import MAXYEAR, MINYEAR, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from bot.content.i18n import N_
from bot.flows import Document, Reply, Turn, phones
from bot.flows.eligibility import evaluate
from bot.flows.staff import Desk, client_language
from bot.storage import Lead

if TYPE_CHECKING:
    from bot.flows.router import DeskRouter

COLUMNS = ("id", "created_at", "status", "name", "username", "phone", "contact_username",
           "language", "outcome", "flagged", "goals", "preferred_time", "appointment_at", "note")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _days(args: list[str]) -> list[date] | None:
    try:
        days = [datetime.strptime(a, "%Y-%m-%d").date() for a in args]
    except ValueError:
        return None
    # A day at the calendar's very ends cannot be turned into the clinic's midnight.
    within = all(MINYEAR < day.year < MAXYEAR for day in days)
    return days if within and len(days) <= 2 and days == sorted(days) else None


async def export(desk: Desk, args: list[str]) -> Turn:
    days = _days(args)
    if days is None:
        return Turn([Reply(desk.tr("staff.export.usage"))])
    tz = desk.services.settings.timezone
    since = datetime.combine(days[0], time(), tz) if days else None
    until = datetime.combine(days[1] + timedelta(days=1), time(), tz) if len(days) == 2 else None
    leads = await desk.stores.leads.created(since, until)
    rows = [await _row(desk, lead) for lead in leads]
    today = desk.now.astimezone(tz).date()
    first = days[0].isoformat() if days else "start"
    filename = f"leads_{first}_{(days[1] if len(days) == 2 else today).isoformat()}.csv"
    caption = desk.tr("staff.export.caption", count=len(rows))
    return Turn([Reply(caption, document=Document(filename, to_csv(rows), caption),
                       about=tuple(lead.client.user_id for lead in leads))])


def to_csv(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows({key: _cell(value) for key, value in row.items()} for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(value: str) -> str:
    """A cell that starts like a formula (a name, a phone typed as +7-912-…, any text) gets an
    apostrophe in front, so a spreadsheet shows it instead of evaluating it (OWASP's rule for
    CSV injection). Every cell, not only the ones a client typed: one rule cannot be missed."""
    return "'" + value if value.startswith(_FORMULA_START) else value


async def _row(desk: Desk, lead: Lead) -> dict[str, str]:
    services = desk.services
    screening = services.content.screening
    tz = services.settings.timezone
    record = await desk.stores.screenings.get(lead.screening_id) if lead.screening_id else None
    answers = record.answers if record else {}
    goal_step = screening.goals
    goals = answers.get(goal_step.id, "") if goal_step else ""

    def iso(value: datetime | None) -> str:
        return value.astimezone(tz).isoformat() if value else ""

    return {
        "id": str(lead.id), "created_at": iso(lead.created_at), "status": lead.status,
        "name": lead.client.full_name, "username": lead.client.username or "",
        "phone": phones.for_staff(lead.phone, phones.clinic_region(services.settings)) or "",
        "contact_username": lead.contact_username or "",
        "language": client_language(services, lead.client), "outcome": lead.outcome,
        "flagged": ";".join(c.id for c in evaluate(screening, answers).conditions),
        "goals": ";".join(g for g in goals.split(",") if g and g != "-"),
        "preferred_time": lead.preferred_time, "appointment_at": iso(lead.appointment_at),
        "note": lead.note or "",
    }


def register(desk: DeskRouter) -> None:
    desk.command("export", N_("staff.command.export"))(export)
