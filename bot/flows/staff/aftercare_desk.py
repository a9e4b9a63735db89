"""`/aftercare ID`: start the aftercare week for a lead's client, or see how it is going."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.content.i18n import N_
from bot.flows import Reply, Turn, aftercare
from bot.flows.staff import Desk, lead_named

if TYPE_CHECKING:
    from bot.flows.router import DeskRouter


async def aftercare_for_lead(desk: Desk, args: list[str]) -> Turn:
    lead = await lead_named(desk, args, N_("staff.aftercare_cmd.usage"))
    if isinstance(lead, Turn):
        return lead
    lead_id = lead.id
    user_id, name = lead.client.user_id, lead.client.full_name
    started = await aftercare.start_plan(desk.services, user_id, desk.now)
    plan = await desk.stores.aftercare.active_plan(user_id)
    about = (user_id,)
    if plan is None:
        return Turn([Reply(desk.tr("staff.aftercare_cmd.unreachable", id=lead_id, name=name),
                           about=about)])
    if started:
        return Turn([Reply(desk.tr("staff.aftercare_cmd.started", id=lead_id, name=name),
                           about=about)])
    sent, problems = await desk.stores.aftercare.progress(plan.id)
    today = desk.now.astimezone(aftercare.client_timezone(desk.services, plan.timezone)).date()
    day = (today - plan.treated_on).days
    return Turn([Reply(desk.tr("staff.aftercare_cmd.running", id=lead_id, name=name, day=day,
                                 sent=sent, total=len(desk.services.content.aftercare.days),
                                 problems=problems), about=about)])


def register(desk: DeskRouter) -> None:
    desk.command("aftercare")(aftercare_for_lead)
