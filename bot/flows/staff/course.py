"""`/course ID WEEKS [SESSIONS]`: the course staff set on a lead's card ("next session in 3
weeks, 6 sessions"). The client is offered the next session that long after the procedure
(bot/flows/aftercourse.py); a lead with no course set offers nothing. For a treated lead the
reply says the day the offer goes, or that the client said /stop and it will not."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from bot.content.i18n import N_, format_when
from bot.flows import Reply, Turn, aftercourse
from bot.flows.aftercare import client_timezone
from bot.flows.staff import TREATED, Desk, lead_named
from bot.flows.staff.aftercare_desk import VISIT_LATELY
from bot.flows.staff.cards import COURSE_ON, CourseChoice, card_post
from bot.storage import Lead

if TYPE_CHECKING:
    from bot.flows.router import DeskRouter

USAGE = N_("staff.course.usage")
WEEKS, SESSIONS = range(1, 53), range(2, 51)  # a course is two sessions or more


def _number(text: str, allowed: range) -> int | None:
    return int(text) if text.isdecimal() and len(text) <= 3 and int(text) in allowed else None


async def course(desk: Desk, args: list[str]) -> Turn:
    if len(args) not in (2, 3):
        return Turn([Reply(desk.tr(USAGE))])
    found = await lead_named(desk, args[:1], USAGE)
    if isinstance(found, Turn):
        return found
    weeks = _number(args[1], WEEKS)
    sessions = _number(args[2], SESSIONS) if len(args) == 3 else None
    if weeks is None or (len(args) == 3 and sessions is None):
        return Turn([Reply(desk.tr(USAGE))])
    if len(args) == 2 and (current := await desk.stores.courses.of_lead(found.id)):
        sessions = current.sessions  # "/course 1 3" after "/course 1 4 6": still 6 sessions
    goes = await set_course(desk, found, weeks, sessions)
    done = [desk.tr_counted("staff.course.set", weeks, id=found.id, weeks=weeks)]
    if await desk.stores.clients.stopped(found.client.user_id):
        done.append(desk.tr("staff.course.stopped"))
    elif goes is not None:
        done.append(desk.tr("staff.course.on", when=format_when(
            goes, desk.language, desk.settings.timezone)))
    return Turn([Reply("\n".join(done))], [await card_post(desk.services, found)])


async def chosen(desk: Desk, pressed: CourseChoice) -> Turn:
    """A course button on the card: the value pressed, the rest as set; the card is drawn
    again. A second press of the same value, or a press on a card the lead has left behind,
    changes nothing."""
    lead = await desk.stores.leads.get(pressed.lead)
    if lead is None:
        return Turn()
    if lead.status not in COURSE_ON:  # a card from before the lead moved on
        return Turn(staff=[await card_post(desk.services, lead)])
    current = await desk.stores.courses.of_lead(lead.id)
    weeks = pressed.weeks or (current.weeks if current else None)
    sessions = pressed.sessions or (current.sessions if current else None)
    if weeks is not None and (current is None or (weeks, sessions) != (current.weeks,
                                                                       current.sessions)):
        await set_course(desk, lead, weeks, sessions)
    return Turn(staff=[await card_post(desk.services, lead)])


async def set_course(desk: Desk, lead: Lead, weeks: int, sessions: int | None
                     ) -> datetime | None:
    """Store the course; a treated lead's offer moves with a new interval (a new number of
    sessions leaves the offer where it was, sent or not). When a new offer goes, if one was
    planned."""
    before = await desk.stores.courses.of_lead(lead.id)
    await desk.stores.courses.set(lead.id, weeks, sessions, desk.now)
    if lead.status == TREATED and (before is None or before.weeks != weeks):
        return await plan(desk, lead, weeks)
    return None


async def plan(desk: Desk, lead: Lead, weeks: int) -> datetime:
    """Offer the next session `weeks` after the procedure: the visit, where Treated was
    pressed within `VISIT_LATELY` after it (the morning after), else the press. When it
    goes."""
    treated = [h.changed_at for h in await desk.stores.leads.history(lead.id)
               if h.new_status == TREATED]
    pressed, visit = treated[-1] if treated else desk.now, lead.appointment_at
    done = visit if visit is not None and pressed - VISIT_LATELY < visit <= pressed \
        else pressed
    tz = client_timezone(desk.services, lead.client.timezone)
    return await aftercourse.plan_next_session(desk.services, lead.client.user_id, weeks, done,
                                               tz)


async def on_treated(desk: Desk, lead: Lead) -> None:
    """A lead just treated: its course, if staff set one, is planned from today. A lead
    without one carries on the client's course from an earlier session until its sessions
    are done: set on the first visit's card, it offered the second session only."""
    stores, user_id = desk.stores, lead.client.user_id
    found = await stores.courses.of_lead(lead.id)
    if found is None and (earlier := await stores.courses.latest_of_client(user_id)):
        course = earlier[1]
        done = 1 + sum([other.status == TREATED and await stores.courses.of_lead(
            other.id) == course for other in await stores.leads.of_client(user_id)
            if other.id != lead.id])  # this session, and those the course was carried to
        if course.sessions is None or done < course.sessions:
            await stores.courses.set(lead.id, course.weeks, course.sessions, desk.now)
            found = course
    if found is not None:
        await plan(desk, lead, found.weeks)


def register(desk: DeskRouter) -> None:
    desk.command("course", N_("staff.command.course"))(course)
    desk.button(CourseChoice)(chosen)
