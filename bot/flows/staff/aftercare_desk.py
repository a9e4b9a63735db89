"""`/aftercare ID`: start the aftercare week for a lead's client, or see how it is going."""

from __future__ import annotations

from datetime import date

from bot.flows import Reply, Turn, aftercare
from bot.flows.staff import Desk


async def aftercare_for_lead(desk: Desk, args: list[str]) -> Turn:
    if len(args) != 1 or not args[0].lstrip("#").isdecimal():
        return Turn([Reply(desk.text("staff.aftercare_cmd.usage"))])
    lead_id = int(args[0].lstrip("#"))
    lead = await desk.storage.lead_details(lead_id)
    if lead is None:
        return Turn([Reply(desk.text("staff.lead.unknown", id=lead_id))])
    user_id, name = lead.client.user_id, lead.client.full_name
    started = await aftercare.start_plan(desk.services, user_id, desk.now)
    plan = await desk.storage.active_plan(user_id)
    if plan is None:
        return Turn([Reply(desk.text("staff.aftercare_cmd.unreachable", id=lead_id, name=name))])
    if started:
        return Turn([Reply(desk.text("staff.aftercare_cmd.started", id=lead_id, name=name))])
    sent, problems = await desk.storage.plan_progress(plan.id)
    today = desk.now.astimezone(aftercare.client_timezone(desk.services, plan.timezone)).date()
    day = (today - date.fromisoformat(plan.treated_on)).days
    return Turn([Reply(desk.text("staff.aftercare_cmd.running", id=lead_id, name=name, day=day,
                                 sent=sent, total=len(desk.services.content.aftercare.days),
                                 problems=problems))])
