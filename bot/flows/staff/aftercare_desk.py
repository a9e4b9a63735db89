"""`/aftercare ID`: start the aftercare week for a lead's client, or see how it is going.

A week started by mistake sends "Day 1 after your procedure" to someone who has not had it, so
a lead that is not booked or treated, whose appointment is still ahead, or whose client said
/stop, is only started after a staff member confirms; the week then counts from the
appointment's day, and follows the visit until it begins (moved, or dropped when cancelled:
bot/flows/aftercare.py `follow_visit`). A week that already ran for the lead is reported,
never started again."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from babel.dates import format_date

from bot.callbacks import MAX_ID, CallbackData
from bot.content.i18n import N_, format_when
from bot.flows import Reply, Turn, aftercare
from bot.flows.staff import BOOKED, LABELS, TREATED, Desk, lead_named
from bot.storage import Lead
from bot.storage.aftercare import Plan

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.content import Content
    from bot.flows.router import DeskRouter


VISIT_LATELY = timedelta(days=2)  # a visit this recent is what Treated marks


@dataclass(frozen=True)
class StartAftercare(CallbackData, prefix="care_go"):
    """A staff member confirms starting lead `lead`'s week despite the warning."""

    lead: int

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[StartAftercare]:
        return (cls(MAX_ID),)


def _ahead(desk: Desk, lead: Lead) -> datetime | None:
    """The appointment, when it is still ahead."""
    at = lead.appointment_at
    return at if at is not None and at > desk.now else None


def treated_at(desk: Desk, lead: Lead) -> datetime | None:
    """What the week counts from: the appointment when it is ahead, or lately past (marked
    Treated the morning after the visit: not a day late); else now (None). An appointment
    longer ago may have moved by phone, so the week then starts from when staff say."""
    at = lead.appointment_at
    return at if at is not None and at > desk.now - VISIT_LATELY else None


async def aftercare_for_lead(desk: Desk, args: list[str]) -> Turn:
    lead = await lead_named(desk, args, N_("staff.aftercare_cmd.usage"))
    if isinstance(lead, Turn):
        return lead
    stores, user_id = desk.stores, lead.client.user_id
    running = await stores.aftercare.active_plan(user_id)
    if running is None and (latest := await stores.aftercare.latest_plan(user_id)) and (
            latest.treated_on >= lead.created_at.astimezone(desk.settings.timezone).date()):
        return await _progress(desk, lead, latest, N_("staff.aftercare_cmd.stopped_week")
                               if latest.status == "stopped" else N_("staff.aftercare_cmd.ended"))
    if running is None and (lead.status not in (BOOKED, TREATED) or _ahead(desk, lead)
                            or await stores.clients.stopped(user_id)):
        return await ask(desk, lead)
    return await _start(desk, lead)


async def ask(desk: Desk, lead: Lead) -> Turn:
    """Whether to start the week after all: the client said /stop, the lead is not treated
    yet, or its appointment is still ahead (also after "Treated" pressed before the visit)."""
    name, ahead = lead.client.full_name, _ahead(desk, lead)
    stopped = await desk.stores.clients.stopped(lead.client.user_id)
    if stopped is not None:
        text = desk.tr("staff.aftercare_cmd.stopped", id=lead.id, name=name,
                       when=format_when(stopped, desk.language, desk.settings.timezone))
    elif ahead is not None:
        text = desk.tr("staff.aftercare_cmd.ahead", id=lead.id, name=name,
                       when=format_when(ahead, desk.language, desk.settings.timezone))
    else:
        text = desk.tr("staff.aftercare_cmd.not_treated", id=lead.id, name=name,
                       status=desk.tr_label(LABELS[lead.status]))
    button = desk.tr_button("staff.aftercare_cmd.start_anyway", StartAftercare(lead.id).pack())
    return Turn([Reply(text, ((button,),), about=(lead.client.user_id,))])


async def confirmed(desk: Desk, pressed: StartAftercare) -> Turn:
    lead = await desk.stores.leads.get(pressed.lead)
    return await _start(desk, lead, edit=True) if lead else Turn()


async def _start(desk: Desk, lead: Lead, *, edit: bool = False) -> Turn:
    lead_id, user_id, name = lead.id, lead.client.user_id, lead.client.full_name
    await desk.stores.clients.resume(user_id)  # a staff member agreed it with the client
    started = await aftercare.start_plan(desk.services, user_id, desk.now, treated_at(desk, lead))
    plan = await desk.stores.aftercare.active_plan(user_id)
    about = (user_id,)
    if plan is None:
        return Turn([Reply(desk.tr("staff.aftercare_cmd.unreachable", id=lead_id, name=name),
                           edit=edit, about=about)])
    if started and plan.treated_on > desk.now.astimezone(ZoneInfo(plan.timezone)).date():
        # The visit's own evening, not today's: it follows the visit if it moves or is off.
        return Turn([Reply(desk.tr("staff.aftercare_cmd.planned", id=lead_id, name=name,
                                   date=format_date(plan.treated_on, "long",
                                                    locale=desk.language)),
                           edit=edit, about=about)])
    if started:
        return Turn([Reply(desk.tr("staff.aftercare_cmd.started", id=lead_id, name=name),
                           edit=edit, about=about)])
    return await _progress(desk, lead, plan, N_("staff.aftercare_cmd.running"), edit=edit)


async def _progress(desk: Desk, lead: Lead, plan: Plan, msgid: str, *,
                    edit: bool = False) -> Turn:
    """How the week goes (`running`) or went (`ended`): the day, messages sent, problems."""
    sent, problems = await desk.stores.aftercare.progress(plan.id)
    today = desk.now.astimezone(aftercare.client_timezone(desk.services, plan.timezone)).date()
    day = (today - plan.treated_on).days
    return Turn([Reply(desk.tr(msgid, id=lead.id, name=lead.client.full_name, day=day,
                               sent=sent, total=len(desk.services.content.aftercare.days),
                               problems=problems), edit=edit, about=(lead.client.user_id,))])


def register(desk: DeskRouter) -> None:
    desk.command("aftercare", N_("staff.command.aftercare"))(aftercare_for_lead)
    desk.button(StartAftercare)(confirmed)
