"""`/leads [status]`, `/lead ID` and `/find TEXT`: leads as lists and as full cards."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from bot.callbacks import Between, CallbackData, OneOf
from bot.content.i18n import N_, format_when
from bot.flows import Button, Reply, Turn, phones
from bot.flows.staff import FOLLOW_UP, LABELS, STATUSES, Desk, lead_named
from bot.flows.staff.cards import full_card, status_buttons
from bot.storage import Lead

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.content import Content
    from bot.flows.router import DeskRouter

PAGE = 10
FOUND = 20
ECHO = 64  # characters of a search shown back in its title: a query can be 4,000
OPEN_LIST, ALL = "open", "all"  # what /leads lists besides a single status
LISTS = (OPEN_LIST, ALL, *STATUSES)
MAX_PAGE = 10**9


@dataclass(frozen=True)
class LeadsPage(CallbackData, prefix="leads"):
    """A page of a `/leads` list: `which` is one of `LISTS`, `page` counts from 0."""

    which: Annotated[str, OneOf(LISTS)]
    page: Annotated[int, Between(0, MAX_PAGE)]

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[LeadsPage]:
        return (cls(which, MAX_PAGE) for which in LISTS)


@dataclass(frozen=True)
class LeadLine:
    id: int
    status: str
    name: str
    contact: str
    created: str
    visit: str | None  # the appointment, where one is set: the date staff look for


def line(desk: Desk, lead: Lead) -> LeadLine:
    phone = phones.for_staff(lead.phone, phones.clinic_region(desk.services.settings))
    contact = phone or (f"@{lead.contact_username}" if lead.contact_username else "")
    if not contact and lead.client.username:
        contact = f"@{lead.client.username}"
    tz = desk.services.settings.timezone
    visit = format_when(lead.appointment_at, desk.language, tz) if lead.appointment_at else None
    return LeadLine(lead.id, desk.tr_label(LABELS[lead.status]), lead.client.full_name, contact,
                    format_when(lead.created_at, desk.language, tz), visit)


async def leads(desk: Desk, args: list[str]) -> Turn:
    which = args[0].lower() if args else OPEN_LIST
    if which not in LISTS or len(args) > 1:
        return usage(desk)
    return await page(desk, which, 0)


async def page(desk: Desk, which: str, number: int, *, edit: bool = False) -> Turn:
    """One page of the list, newest first; `which` is one of `LISTS`."""
    statuses = FOLLOW_UP if which == OPEN_LIST else STATUSES if which == ALL else (which,)
    found, total = await desk.stores.leads.page(statuses, number * PAGE, PAGE)
    pages = max(1, -(-total // PAGE))
    if number >= pages:  # the list has shrunk since its buttons were drawn
        number = pages - 1
        found, total = await desk.stores.leads.page(statuses, number * PAGE, PAGE)
    text = desk.render("leads_list.j2", title=_title(desk, which, total),
                       lines=[line(desk, lead) for lead in found], page=number + 1, pages=pages)
    arrows: list[Button] = []
    if number > 0:
        arrows.append(Button("◀", LeadsPage(which, number - 1).pack()))
    if number + 1 < pages:
        arrows.append(Button("▶", LeadsPage(which, number + 1).pack()))
    return Turn([Reply(text, (tuple(arrows),) if arrows else (), edit=edit,
                       about=tuple(lead.client.user_id for lead in found))])


def _title(desk: Desk, which: str, total: int) -> str:
    if which == OPEN_LIST:
        return desk.tr("staff.leads.open", count=total)
    if which == ALL:
        return desk.tr("staff.leads.all", count=total)
    return desk.tr("staff.leads.status", status=desk.tr_label(LABELS[which]), count=total)


def usage(desk: Desk) -> Turn:
    return Turn([Reply(desk.tr("staff.leads.usage", statuses=", ".join(LISTS)))])


async def lead(desk: Desk, args: list[str]) -> Turn:
    found = await lead_named(desk, args, N_("staff.lead.usage"))
    if isinstance(found, Turn):
        return found
    return Turn([Reply(await full_card(desk.services, found),
                       status_buttons(desk.services, found), about=(found.client.user_id,))])


async def find(desk: Desk, args: list[str]) -> Turn:
    text = " ".join(args).strip()
    if len(text) < 2:
        return Turn([Reply(desk.tr("staff.find.usage"))])
    found = await desk.stores.leads.find(
        text, FOUND, phones.matcher(text, phones.clinic_region(desk.services.settings)))
    shown = text if len(text) <= ECHO else text[:ECHO - 1] + "…"
    title = desk.tr("staff.find.title", text=shown, count=len(found))
    rendered = desk.render("leads_list.j2", title=title,
                           lines=[line(desk, lead) for lead in found], page=1, pages=1)
    return Turn([Reply(rendered, about=tuple(lead.client.user_id for lead in found))])


def register(desk: DeskRouter) -> None:
    desk.command("leads", N_("staff.command.leads"))(leads)
    desk.command("lead", N_("staff.command.lead"))(lead)
    desk.command("find", N_("staff.command.find"))(find)
    desk.button(LeadsPage)(lambda d, data: page(d, data.which, data.page, edit=True))
