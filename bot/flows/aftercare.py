"""The aftercare week: start (client or staff), daily messages with check-ins, problem alerts,
/stop and the client's own timezone. The messages themselves go out from
bot/telegram/scheduler.py."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any
from zoneinfo import ZoneInfo, available_timezones

from markupsafe import Markup

from bot.callbacks import MAX_ID, Between, CallbackData
from bot.content import CheckinAnswer, Content
from bot.content.i18n import N_, display_name, format_hour, format_when
from bot.content.letters import as_meant
from bot.content.routing import asks
from bot.flows import (
    Button,
    Reply,
    Services,
    StaffPost,
    Turn,
    Visit,
    aftercourse,
    funnel,
    phones,
    receipts,
)
from bot.flows.aftercare_reading import read
from bot.flows.aftercare_times import schedule
from bot.flows.dates import appointment_day
from bot.flows.menu import MenuAction, main_menu
from bot.flows.statuses import OPEN
from bot.storage import Lead, Plan

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.flows.router import Router

DETAILS = "aftercare_details"
QUOTED = 3000  # characters of the client's words an alert shows
FOLLOW_UP = timedelta(hours=1)  # words after a problem reported within this join it
# Files in the tz database that are not places: the server's own zone, a POSIX fallback,
# "no zone configured", and the leap-second and POSIX-only copies of every zone.
NOT_PLACES = frozenset({"localtime", "posixrules", "factory"})


@dataclass(frozen=True)
class Checkin(CallbackData, prefix="care"):
    """A check-in answer (dialogs/aftercare.yaml `answers`) for one day of one week."""

    plan: int
    day: Annotated[int, Between(0, 366)]
    answer: str

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[Checkin]:
        aftercare = content.aftercare
        return (cls(MAX_ID, day, a.id) for day in aftercare.days for a in aftercare.answers)


async def _visit_ahead(visit: Visit) -> Lead | None:
    """The client's request with an appointment on a day after today, in the clinic's
    calendar, if any."""
    tz = visit.settings.timezone
    today = visit.now.astimezone(tz).date()
    return next((lead for lead in await visit.stores.leads.of_client(
        visit.client.user_id) if lead.status in OPEN and lead.appointment_at is not None
        and lead.appointment_at.astimezone(tz).date() > today), None)


def client_timezone(services: Services, timezone: str | None) -> ZoneInfo:
    return ZoneInfo(timezone) if timezone else services.settings.timezone


def _schedule(services: Services, plan_start: datetime, tz: ZoneInfo,
              treated_on: date | None = None) -> list[tuple[int, datetime]]:
    aftercare = services.content.aftercare
    return schedule(plan_start, sorted(aftercare.days), nudge_hour=services.settings.nudge_hour,
                    evening_hour=aftercare.evening_hour, tz=tz, treated_on=treated_on)


async def start_plan(services: Services, user_id: int, now: datetime,
                     treated_at: datetime | None = None, *, handed_over: bool = False) -> bool:
    """Write the whole week for a treated client, counted from `treated_at` (now unless staff
    start it for an appointment still ahead); False when a week is already running. With
    `handed_over`, what is already due is the caller's to show (stored as sent)."""
    client = await services.stores.clients.get(user_id)
    if client is None:
        return False
    tz = client_timezone(services, client.timezone)
    start = treated_at or now
    plan_id = await services.stores.aftercare.create_plan(
        user_id, start.astimezone(tz).date(), tz.key,
        _schedule(services, start, tz), now, handed_over=handed_over)
    if plan_id is not None:
        await aftercourse.plan_review(services, user_id, start.astimezone(tz).date(), tz)
    return plan_id is not None


async def follow_visit(services: Services, user_id: int, was: datetime | None,
                       at: datetime | None) -> None:
    """A week started for the client's appointment `was`, still ahead, nothing of it sent
    yet, follows the visit: to its new day when it moved to `at`, away when it was called off
    (None): "The evening after your procedure" reached a client whose visit was cancelled."""
    plan = await services.stores.aftercare.active_plan(user_id)
    if was is None or was <= services.clock.now() or plan is None:
        return
    tz = ZoneInfo(plan.timezone)
    if was.astimezone(tz).date() != plan.treated_on or (
            at is not None and at.astimezone(tz).date() == plan.treated_on) or (
            not await services.stores.aftercare.not_begun(plan.id)):
        return
    if at is None:
        await services.stores.aftercare.drop_plan(plan.id)
        await services.stores.reminders.cancel(user_id, aftercourse.REVIEW)
        return
    await services.stores.aftercare.move_plan(plan.id, at.astimezone(tz).date(),
                                              _schedule(services, at, tz))
    await aftercourse.plan_review(services, user_id, at.astimezone(tz).date(), tz)


async def end_earlier(services: Services, user_id: int, treated_at: datetime) -> bool:
    """End a running week that counts from a day before the procedure at `treated_at` (the
    client pressed "I had my procedure today" before their visit): its days, and the day the
    sun no longer matters, would all come early. True when one ended."""
    plan = await services.stores.aftercare.active_plan(user_id)
    if plan is None or plan.treated_on >= treated_at.astimezone(
            ZoneInfo(plan.timezone)).date():
        return False
    await services.stores.aftercare.end_plan(plan.id, "finished", services.clock.now())
    return True


def nudge(content: Content, language: str, plan: Plan, day: int,
          course_weeks: int | None = None, problem_on: int | None = None) -> Reply:
    """One day's message with the check-in buttons; the closing day also offers booking, with
    the weeks still to the next session where staff set a course (`course_weeks` after the
    procedure), or nothing of it where its offer comes that day. A problem the client's last
    check-in reported (on day `problem_on`) is named first: the day's cheer alone would read
    as if nobody had heard."""
    aftercare = content.aftercare
    left = None if course_weeks is None else (course_weeks * 7 - day) // 7
    text = content.render(language, "aftercare_day.j2", day_text=content.tr_message(
        language, aftercare.days[day]), closing=day == aftercare.closing_day,
        course_weeks=left, course=course_weeks is not None, problem_on=problem_on)
    rows = _checkins(content, language, plan, day)
    if day == aftercare.closing_day:
        rows.append((Button(content.tr_button_label(language, "aftercare.book_next"),
                            MenuAction("booking").pack()),))
    return Reply(text, tuple(rows))


def _checkins(content: Content, language: str, plan: Plan, day: int
              ) -> list[tuple[Button, ...]]:
    """The day's check-in buttons, two to a row."""
    answers = [Button(content.tr_button_label(language, a.label),
                      Checkin(plan.id, day, a.id).pack()) for a in content.aftercare.answers]
    return [tuple(answers[i:i + 2]) for i in range(0, len(answers), 2)]


async def week_plan(visit: Visit) -> Plan | None:
    """The client's running week, or the one whose closing message went out today: that
    message asks how the skin is too ("всё прошло, всё хорошо" got the page about how the
    procedure goes)."""
    stores, user_id = visit.stores, visit.client.user_id
    plan = await stores.aftercare.active_plan(user_id)
    if plan is None and (latest := await stores.aftercare.latest_plan(user_id)) is not None \
            and latest.status == "finished" \
            and today(visit, latest) == visit.content.aftercare.closing_day:
        return latest
    return plan


async def unclear(visit: Visit) -> Turn | None:
    """A message of the week that tells nothing ("лол", "?", "1"): the day's check-in asked
    again, rather than staff alerted of nothing; None without a running week."""
    plan = await week_plan(visit)
    if plan is None:
        return None
    rows = _checkins(visit.content, visit.language, plan, today(visit, plan))
    return Turn([Reply(visit.tr("aftercare.unclear"), tuple(rows))])


@dataclass(frozen=True)
class BeginAnyway(CallbackData, prefix="care_any"):
    """"I had my procedure today" confirmed although a visit is booked for a later day."""

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[BeginAnyway]:
        return (cls(),)


async def begin(visit: Visit, days_ago: int = 0, *, anyway: bool = False) -> Turn:
    """The client says they had the procedure today, or `days_ago`: the week counts from
    then, and the newest of its messages already due is shown. With a visit booked for a
    later day, asked first (`anyway` once confirmed): the week would come before it."""
    stores = visit.stores
    running = await stores.aftercare.active_plan(visit.client.user_id)
    if running is not None:
        day = (visit.now.astimezone(ZoneInfo(running.timezone)).date()
               - running.treated_on).days
        return Turn([Reply(visit.tr("aftercare.already_running", day=day))])
    ahead = await _visit_ahead(visit)
    if ahead is not None and ahead.appointment_at is not None:
        # "назначена на среду", not "на среда".
        date_of, hour = appointment_day(visit.services, ahead.appointment_at, visit.language,
                                        "accusative")
        if not anyway:
            return Turn([Reply(visit.tr("aftercare.booked_ahead", date=date_of, time=hour), (
                (visit.tr_button("aftercare.begin_anyway", BeginAnyway().pack()),),
                (visit.tr_button("button.menu", MenuAction("menu").pack()),)))])
    await stores.clients.resume(visit.client.user_id)  # asked for the week: /stop is over
    started = await start_plan(visit.services, visit.client.user_id, visit.now,
                               visit.now - timedelta(days=days_ago) if days_ago else None,
                               handed_over=True)
    plan = await stores.aftercare.active_plan(visit.client.user_id)
    assert plan is not None
    tz = ZoneInfo(plan.timezone)
    hour = format_hour(visit.settings.nudge_hour, tz, visit.now, visit.language)
    turn = Turn([Reply(visit.tr("aftercare.started", time=hour))])
    due = [m.day for m in await stores.aftercare.plan_messages(plan.id) if m.status == "sent"]
    if started and due:
        turn.replies.append(nudge(visit.content, visit.language, plan, max(due)))
    if ahead is not None and ahead.appointment_at is not None:
        # Treated today with a visit still booked ahead: the clinic sorts out which is so.
        turn += _treated_before(visit, ahead, ahead.appointment_at)
    elif started and (open_lead := next((lead for lead in reversed(
            await stores.leads.of_client(visit.client.user_id)) if lead.status in OPEN), None)):
        # A request the clinic still holds: staff mark it Treated, or find out what happened.
        post = visit.content.tr_message(visit.settings.default_language,
                                        "staff.aftercare.self_started", id=open_lead.id,
                                        name=open_lead.client.full_name)
        turn += Turn(staff=[StaffPost(post, reply_to=open_lead.staff_message_id,
                                      about=open_lead.client.user_id)])
    return turn


def _treated_before(visit: Visit, lead: Lead, at: datetime) -> Turn:
    """The client is told their later visit still stands until they or the clinic cancel
    it, and staff that the client says the procedure was today."""
    date_of, hour = appointment_day(visit.services, at, visit.language, "accusative")
    staff = visit.settings.default_language
    when = format_when(at, staff, visit.settings.timezone)
    post = visit.content.tr_message(staff, "staff.aftercare.treated_before", id=lead.id,
                                    name=lead.client.full_name, when=when)
    return Turn([Reply(visit.tr("aftercare.visit_still_booked", date=date_of, time=hour), (
        (visit.tr_button("menu.appointment", MenuAction("appointment").pack()),),))],
        [StaffPost(post, reply_to=lead.staff_message_id, about=lead.client.user_id)])


async def checkin(visit: Visit, pressed: Checkin) -> Turn | None:
    """A check-in button; None when it is not this client's running (or just closed) week.
    Pressed under an earlier day's message ("Redness" on day 3, before its morning message),
    it tells of today, and today's rule decides whether it is a problem."""
    plan = await visit.stores.aftercare.plan(pressed.plan)
    answer, day = visit.content.aftercare.answer(pressed.answer), pressed.day
    if (plan is None or plan.user_id != visit.client.user_id or answer is None
            or plan.status not in ("active", "finished")
            or day not in visit.content.aftercare.days):
        return None
    if (now := today(visit, plan)) > day and now in visit.content.aftercare.days:
        day = now
    if not answer.describe and await visit.stores.aftercare.pressed_last(plan.id, day, answer.id):
        # A double tap, or the button pressed again: staff already have it.
        if answer.is_problem(day):
            return Turn([Reply(visit.render("aftercare_problem.j2", already=True, urgent=False))])
        return Turn([Reply(visit.tr(answer.normal or "aftercare.reply.fine"))])
    if answer.describe:
        await visit.stores.chat_states.save(visit.client.user_id, DETAILS,
                                           {"plan": plan.id, "day": day,
                                            "answer": answer.id}, visit.now)
        return Turn([Reply(visit.tr("aftercare.describe"))])
    return await record(visit, plan, day, answer.id, None)


async def details(visit: Visit, text: str, data: dict[str, Any]) -> Turn | None:
    """The client's own words after "something else", the same day; a later day's message
    ("all fine today") is that day's, read as any other (None)."""
    await visit.stores.chat_states.clear(visit.client.user_id)
    plan = await visit.stores.aftercare.plan(int(str(data["plan"])))
    if plan is None:
        return main_menu(visit)
    day = int(str(data["day"]))
    if today(visit, plan) > day:
        return None
    if (fine := _all_well(visit, text)) is not None:  # "ой, передумала, всё нормально"
        return await record(visit, plan, day, fine, None, said=text)
    return await record(visit, plan, day, str(data["answer"]), text)


def _all_well(visit: Visit, text: str) -> str | None:
    """The answer that says all is well, where the words typed for "something else" say so
    as the week reads them and tell no symptom (the client pressed it by mistake, or changed
    their mind)."""
    reading = read(visit.content, visit.language, text)
    if reading.symptoms or needs_care_today(visit, text, eyes=False):
        return None
    return reading.fine


async def _leave_details(visit: Visit, data: dict[str, Any]) -> None:
    await visit.stores.chat_states.clear(visit.client.user_id)


async def typed(visit: Visit, text: str, photo: int | None = None) -> Turn | None:
    """During the week, a typed message is that day's check-in in the client's own words (the
    answer that asks for a description); so is a photo (its message id, `text` its caption),
    copied to staff under the note. None without a running week."""
    plan = await week_plan(visit)
    answer = _described(visit)
    if plan is None or answer is None or photo is None and _only_asks(visit, text):
        return None
    return await record(visit, plan, today(visit, plan), answer.id, text or None, photo)


def _described(visit: Visit) -> CheckinAnswer | None:
    """The check-in answer that asks the client to describe it (Something else)."""
    return next((a for a in visit.content.aftercare.answers if a.describe), None)


def _only_asks(visit: Visit, text: str) -> bool:
    """Whether the message asks a question of the week ("can I shave?") and tells nothing of
    the skin: not "is this normal?", which asks of something the client sees."""
    fine = {a.id for a in visit.content.aftercare.answers if a.problem_from_day is None}
    return asks(visit.content, visit.language, text) and fine.isdisjoint(
        visit.content.replies[visit.language].checkin(text))


def today(visit: Visit, plan: Plan) -> int:
    """The day of the week the client is on, in the plan's timezone (0: the procedure's)."""
    return (visit.now.astimezone(ZoneInfo(plan.timezone)).date() - plan.treated_on).days


async def record(visit: Visit, plan: Plan, day: int, answer_id: str,
                  text: str | None, photo: int | None = None, *,
                  said: str | None = None) -> Turn:
    """A check-in: `text` the client's words kept with it, `said` words telling all is well
    (not kept: staff read them under the problem they end)."""
    answer = visit.content.aftercare.answer(answer_id)
    assert answer is not None
    # Swelling is expected on day 1; of the lips and tongue, breathing hard, it is urgent; any
    # symptom told of the eyes is.
    urgent = text is not None and needs_care_today(
        visit, text, eyes=answer.problem_from_day is not None)
    problem = answer.is_problem(day) or urgent
    # Words typed soon after a problem reported ("Pain" pressed, then what it is like) are
    # more of the same: they join it for staff rather than raise a second alarm.
    more = problem and not urgent and text is not None and photo is None and (
        await reported_lately(visit, plan, day))
    open_since = None if problem else await visit.stores.aftercare.open_problem(plan.id)
    await visit.stores.aftercare.record_checkin(plan.id, day, answer.id, text, problem, visit.now)
    if not problem and photo is None:
        reply = Turn([Reply(visit.tr(answer.normal or "aftercare.reply.fine"))])
        if open_since is None or answer.problem_from_day is not None:  # news only of all well
            return reply
        return reply + better(visit, day, open_since, said or text, answer.label)
    if more and text is not None:
        return added(visit, day, text)
    staff_language = visit.settings.default_language
    shown = text if photo is None else " ".join(filter(None, (
        visit.content.tr_message(staff_language, "staff.aftercare.photo"), text)))
    turn = await _alerted(visit, shown, day=day, urgent=urgent,
                          answer=visit.content.tr_button_label(staff_language, answer.label))
    if photo is None:
        return turn
    user_id = visit.client.user_id
    guidance = visit.tr("aftercare.photo_passed_on") + "\n\n" + turn.replies[0].text
    return Turn([Reply(guidance)],
                [*turn.staff, StaffPost("", about=user_id, copy_from=(user_id, photo))])


def added(visit: Visit, day: int, text: str) -> Turn:
    """Words typed soon after a problem reported on `day`: for staff, under its alert."""
    note = visit.content.tr_message(visit.settings.default_language, "staff.aftercare.more",
                                    name=visit.client.full_name, day=day)
    user_id = visit.client.user_id
    return Turn([Reply(visit.tr("aftercare.problem.added"))],
                [StaffPost(Markup("{}\n{}").format(note, _quoted(text)),
                           receipts.thread(user_id), about=user_id)])


async def reported_lately(visit: Visit, plan: Plan, day: int) -> bool:
    """Whether a problem was reported on `day` within `FOLLOW_UP`: words typed now join it."""
    return await visit.stores.aftercare.problem_since(plan.id, day, visit.now - FOLLOW_UP)


def better(visit: Visit, day: int, since: int, text: str | None, label: str) -> Turn:
    """All well told after a problem reported on day `since` ("уже всё прошло", `text`, or
    the button `label` the next morning): for staff, under the alert, so nobody calls about
    what has passed, or misses that it comes back."""
    staff, user_id = visit.settings.default_language, visit.client.user_id
    if text is None:
        note = visit.content.tr_message(staff, "staff.aftercare.better_pressed",
                                        name=visit.client.full_name, day=day, since=since,
                                        answer=visit.content.tr_button_label(staff, label))
    else:
        note = Markup("{}\n{}").format(visit.content.tr_message(
            staff, "staff.aftercare.better", name=visit.client.full_name, day=day,
            since=since), _quoted(text))
    return Turn(staff=[StaffPost(note, receipts.thread(user_id), about=user_id)])


async def urgent(visit: Visit, text: str) -> Turn | None:
    """A sign that needs care today told after the procedure (its week running, or within
    `reports_days`), however else the message reads and wherever it is typed ("мне трудно
    дышать" reads as a question of who the procedure is for): the urgent alert. None
    otherwise. Most messages are from clients never treated: one read of the database
    tells, before the message is read for signs (as long as routing it)."""
    if not await treated_lately(visit) or not needs_care_today(visit, text):
        return None
    return await typed(visit, text) or await reported(visit, text)


def needs_care_today(visit: Visit, text: str, *, eyes: bool = True) -> bool:
    """Whether the message tells a sign that needs care today (`urgent` and `emergency` in the
    replies files) or, `eyes`, a symptom of the eyes: as typed, or as meant where typed in
    Latin letters ("guby opuhli")."""
    reader = visit.content.replies[visit.language]
    return any(reader.urgent(said) or eyes and reader.of_the_eyes(said)
               for said in _as_typed_and_meant(visit, text))


def _as_typed_and_meant(visit: Visit, text: str) -> tuple[str, ...]:
    meant = as_meant(visit.content, visit.language, text)
    return (text,) if meant == text else (text, meant)


async def photo(visit: Visit, message_id: int, caption: str) -> Turn | None:
    """A photo in the week is that day's check-in (`typed`); after it, one whose caption tells
    a sign that needs care today is the urgent alert, and any other from a client treated
    lately is a problem reported (the skin shown is for staff to see), the photo copied below
    either. None otherwise."""
    if (turn := await typed(visit, caption, message_id)) is not None:
        return turn
    user_id = visit.client.user_id
    copy = Turn(staff=[StaffPost("", about=user_id, copy_from=(user_id, message_id))])
    if caption and (alert := await urgent(visit, caption)) is not None:
        return alert + copy
    if not await treated_lately(visit):
        return None
    told = await reported(visit, " ".join(filter(None, (visit.content.tr_message(
        visit.settings.default_language, "staff.aftercare.photo"), caption))))
    guidance = visit.tr("aftercare.photo_passed_on") + "\n\n" + told.replies[0].text
    return Turn([Reply(guidance)], told.staff, told.clients) + copy


def emergency(visit: Visit, text: str) -> Turn:
    """A sign of a severe allergic reaction told by someone the bot knows of no procedure for
    (`urgent` answers the others): emergency services and the clinic's phone, to go before
    whatever else answers the message. Nothing otherwise."""
    if not tells_emergency(visit, text):
        return Turn()
    return Turn([Reply(visit.tr("health.emergency", phone=visit.settings.phone))])


def tells_emergency(visit: Visit, text: str) -> bool:
    """Whether the message tells a sign of a severe allergic reaction (`emergency` in the
    replies files), not denied: as typed, or as meant where typed in Latin letters."""
    reader = visit.content.replies[visit.language]
    return any(map(reader.emergency, _as_typed_and_meant(visit, text)))


async def problem_open(visit: Visit) -> bool:
    """Whether a problem the client reported after their latest procedure is open: nothing
    since said all is well, and the days staff hear of problems have not passed."""
    plan = await visit.stores.aftercare.latest_plan(visit.client.user_id)
    return plan is not None and 0 <= today(visit, plan) <= visit.content.aftercare.reports_days \
        and await visit.stores.aftercare.open_problem(plan.id) is not None


async def treated_lately(visit: Visit) -> bool:
    """Whether the client had the procedure within the last `reports_days` (a week was
    started for it, whatever became of the week)."""
    plan = await visit.stores.aftercare.latest_plan(visit.client.user_id)
    return plan is not None and 0 <= today(visit, plan) <= visit.content.aftercare.reports_days


async def reported(visit: Visit, text: str) -> Turn:
    """A problem told after the procedure that no check-in records (no week running, or a
    condition told in it): staff hear of it as of a check-in, in the client's words, with the
    week's day where it runs, and a reply reaches the client."""
    plan = await visit.stores.aftercare.latest_plan(visit.client.user_id)
    day = today(visit, plan) if plan is not None else None
    running = plan is not None and await week_plan(visit) == plan
    described = _described(visit)
    if plan is not None and day is not None and day >= 0 and described is not None:
        # Kept with the week's check-ins, as a problem in the client's words: /aftercare
        # counts it, and the card of the next session shows it.
        await visit.stores.aftercare.record_checkin(plan.id, day, described.id, text, True,
                                                    visit.now)
    return await _alerted(visit, text, urgent=needs_care_today(visit, text),
                          day=day if running else None, since=None if running else day)


async def _alerted(visit: Visit, details: str | None, *, day: int | None = None,
                   answer: str | None = None, urgent: bool = False,
                   since: int | None = None) -> Turn:
    """Staff alerted (the day and check-in answer where a week runs; else the days `since` the
    last procedure the bot knows of), the client calmed; or, `urgent` (the client's words tell
    of a sign that needs care today), both told so."""
    user_id = visit.client.user_id
    alert = visit.content.render(
        visit.settings.default_language, "aftercare_alert.j2", client=visit.client, day=day,
        client_language=display_name(visit.language), details=_quoted(details), answer=answer,
        urgent=urgent, since=since,
        lead_id=await visit.stores.leads.latest_id(user_id),
        phone=phones.for_staff(await visit.stores.leads.latest_phone(user_id),
                               phones.clinic_region(visit.settings)))
    await funnel.record(visit.services, funnel.AFTERCARE_PROBLEM)
    return Turn([Reply(visit.render("aftercare_problem.j2", urgent=urgent, already=False))],
                [StaffPost(alert, receipts.thread(user_id), about=user_id)])


def _quoted(details: str | None) -> str | None:
    """The client's words for the staff alert, within Telegram's length for a message: a very
    long one loses its middle, never its end, where what matters most is often told last."""
    if details is None or len(details) <= QUOTED:
        return details
    return details[:QUOTED // 3] + " […] " + details[-(QUOTED - QUOTED // 3):]


@cache
def _known_timezones() -> dict[str, str]:
    """Every place's zone name, by its case-folded spelling."""
    return {name.casefold(): name for name in available_timezones()
            if name.casefold() not in NOT_PLACES and not name.startswith(("right/", "posix/"))}


async def set_timezone(visit: Visit, name: str) -> Turn:
    """`/timezone Europe/Berlin`: later messages follow the client's local time."""
    current = visit.client.timezone or visit.settings.timezone.key
    if not name:
        return Turn([Reply(visit.tr("aftercare.timezone.usage", timezone=current))])
    known = _known_timezones().get(name.casefold())
    if known is None:
        return Turn([Reply(visit.tr("aftercare.timezone.unknown", timezone=name[:64]))])
    tz = ZoneInfo(known)
    await visit.stores.clients.set_timezone(visit.client.user_id, tz.key)
    plan = await visit.stores.aftercare.active_plan(visit.client.user_id)
    if plan is not None:
        treated_on = plan.treated_on
        await visit.stores.aftercare.reschedule(plan.id, tz.key, _schedule(
            visit.services, visit.now, tz, treated_on))
    return Turn([Reply(visit.tr("aftercare.timezone.set", timezone=tz.key))])


async def unreadable(visit: Visit) -> Turn | None:
    """A voice message, a sticker or a file in the week: not "photos are not supported" (a
    photo reaches staff here) but a request for words or a photo, with the day's check-in;
    None without a running week."""
    plan = await week_plan(visit)
    if plan is None:
        return None
    rows = _checkins(visit.content, visit.language, plan, today(visit, plan))
    return Turn([Reply(visit.tr("aftercare.unreadable"), tuple(rows))])


def register(router: Router) -> None:
    router.command("aftercare", N_("command.aftercare"))(lambda v, _: begin(v))
    router.command("timezone", N_("command.timezone"))(
        lambda v, args: set_timezone(v, " ".join(args)))
    router.menu_action("aftercare")(lambda v: begin(v))
    router.button(BeginAnyway)(lambda v, _: begin(v, anyway=True))
    router.button(Checkin)(checkin)
    # The client's words about a problem reach staff whatever they are: "отмена" typed there
    # must not drop the problem just reported.
    # A command or a button leaves it: the client changed their mind, and what they type next
    # ("how much is it?" under the menu's questions) is no description of a problem.
    router.state(DETAILS, verbatim=True, leave=_leave_details)(details)
    router.photo = photo
    router.unreadable = unreadable
    router.urgent = urgent
    router.emergency = emergency
