"""The staff desk: lead cards and their statuses, the relay to clients, lists, export, stats.

A staff flow gets a `Desk` (which staff member acts, and the bot's services) and returns a
`Turn`, like the client flows. Staff read everything in the clinic's default language; what
reaches a client is in the client's language. Who counts as staff is decided before any of this
runs, in one place: bot/telegram/staff_auth.py.
"""

from __future__ import annotations

from bot.content.i18n import N_
from bot.flows import Desk as Desk
from bot.flows import Reply, Services, Turn
from bot.flows import StaffMember as StaffMember
from bot.flows.language import language_for
from bot.flows.statuses import ARCHIVED as ARCHIVED
from bot.flows.statuses import BOOKED as BOOKED
from bot.flows.statuses import CLIENT_CANCELLED as CLIENT_CANCELLED
from bot.flows.statuses import CONTACTED as CONTACTED
from bot.flows.statuses import NEW as NEW
from bot.flows.statuses import OPEN as OPEN
from bot.flows.statuses import STATUSES as STATUSES
from bot.flows.statuses import TREATED as TREATED
from bot.flows.statuses import UNSUITABLE as UNSUITABLE
from bot.storage import Client, Lead

FOLLOW_UP = (*OPEN, CLIENT_CANCELLED)  # what `/leads` lists: what staff may still act on
CALL_BACK = "any"  # the preferred time of a request whose client no free time suits
LEFT = "left"  # ...of one the client left at the choice of time, handed over to staff
LARGEST = 2**63 - 1  # SQLite's largest integer: no lead id or list offset lies beyond it
LABELS = {
    NEW: N_("staff.status.new"), CONTACTED: N_("staff.status.contacted"),
    BOOKED: N_("staff.status.booked"), TREATED: N_("staff.status.treated"),
    UNSUITABLE: N_("staff.status.unsuitable"), ARCHIVED: N_("staff.status.archived"),
    CLIENT_CANCELLED: N_("staff.status.client_cancelled"),
}
# Where a lead can go from each status. Booked → booked sets a new appointment time.
NEXT: dict[str, tuple[str, ...]] = {
    NEW: (CONTACTED, BOOKED, TREATED, UNSUITABLE, ARCHIVED),  # treated: came to a time held
    CONTACTED: (BOOKED, TREATED, UNSUITABLE, ARCHIVED),
    BOOKED: (BOOKED, CONTACTED, TREATED, UNSUITABLE, ARCHIVED),  # contacted: visit called off
    TREATED: (ARCHIVED,),
    UNSUITABLE: (ARCHIVED,),
    ARCHIVED: (),
    CLIENT_CANCELLED: (BOOKED, ARCHIVED),
}


def client_language(services: Services, client: Client) -> str:
    """The language a stored client is answered in (bot/flows/language.py)."""
    return language_for(services.settings, client.language, client.telegram_language)


async def lead_named(desk: Desk, args: list[str], usage: str) -> Lead | Turn:
    """The lead a command's one argument names (`12` or `#12`), or the answer explaining why
    there is none: the command's `usage` text, or "there is no lead #N"."""
    if len(args) != 1 or not args[0].lstrip("#").isdecimal():
        return Turn([Reply(desk.tr(usage))])
    lead_id = int(args[0].lstrip("#"))
    lead = await desk.stores.leads.get(lead_id) if lead_id <= LARGEST else None
    return lead or Turn([Reply(desk.tr("staff.lead.unknown", id=lead_id))])
