"""/stop, in a command or in words ("stop the reminders", "не пишите мне"): nothing more the
bot would send unasked. That is the aftercare week, the review request and the next session
after it, the reminder to check again and an appointment's reminders; the appointment itself
stays, and the client is told so. The wish is kept (`clients.stop`): staff moving the time or
marking the visit treated plan no reminders and start no week for the client, until the
client books again or starts a week themselves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.content.i18n import N_
from bot.flows import StaffPost, Turn, Visit, aftercare, my_appointment, receipts
from bot.flows.dates import appointment_day
from bot.flows.menu import main_menu

if TYPE_CHECKING:
    from bot.flows.router import Router


async def stop(visit: Visit) -> Turn:
    stores, user_id = visit.stores, visit.client.user_id
    await stores.clients.stop(user_id, visit.now)
    plan = await stores.aftercare.active_plan(user_id)
    told = Turn()
    if plan is not None:
        if (since := await stores.aftercare.open_problem(plan.id)) is not None:
            told = _stopped_with_a_problem(visit, aftercare.today(visit, plan), since)
        await stores.aftercare.end_plan(plan.id, "stopped", visit.now)
    stopped = await stores.reminders.cancel(user_id) > 0 or plan is not None
    booked = await my_appointment.current(visit)
    if booked is None or booked.appointment_at is None:
        return main_menu(visit, note=visit.tr("aftercare.stopped") if stopped
                         else visit.tr("aftercare.nothing_to_stop")) + told
    await stores.appointments.cancel(booked.id)
    day, hour = appointment_day(visit.services, booked.appointment_at, visit.language)
    return main_menu(visit, note="\n\n".join((visit.tr("aftercare.stopped"), visit.tr(
        "stop.appointment_kept", date=day, time=hour)))) + told


def _stopped_with_a_problem(visit: Visit, day: int, since: int) -> Turn:
    """The week stopped while the last check-in reported a problem: staff, who may be waiting
    for the next check-in to see how it goes, will not get one."""
    user_id = visit.client.user_id
    note = visit.content.tr_message(visit.settings.default_language,
                                    "staff.aftercare.stopped_open", name=visit.client.full_name,
                                    day=day, since=since)
    return Turn(staff=[StaffPost(note, receipts.thread(user_id), about=user_id)])


def register(router: Router) -> None:
    router.command("stop", N_("command.stop"))(lambda v, _: stop(v))
    router.menu_action("stop")(stop)  # the button offered where "stop" may mean the messages
