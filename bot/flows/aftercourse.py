"""After the aftercare week: a review request on day 8, and the next session of the course when
staff set one on the card.

Both are durable reminders (bot/storage/reminders.py) the scheduler sends at the nudge hour in
the client's timezone, never in quiet hours; /stop drops them, /forget erases them with the
client. A rating of 4–5 is thanked with the clinic's public review links; 1–3 alerts staff at
once, and the words the client may type next reach them too. Ratings are counted in the
anonymous funnel, never stored with the client.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

from markupsafe import Markup, escape

from bot.callbacks import Between, CallbackData
from bot.content.i18n import N_
from bot.content.routing import route
from bot.flows import Button, Reply, Services, StaffPost, Turn, Visit, funnel, phones
from bot.flows.aftercare_times import local_due
from bot.flows.menu import MenuAction, main_menu
from bot.flows.statuses import OPEN
from bot.flows.typed_text import Typed
from bot.storage import Client

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from bot.config import Settings
    from bot.content import Content
    from bot.flows.router import Router

REVIEW, COURSE = "review", "course"
KINDS = (REVIEW, COURSE)
REVIEW_DAY = 8
WORDS = "review_words"  # the chat state after a low rating: what the client types goes to staff
LOW = 3
STAR = "⭐"
# A rating typed: a digit 1–5 opening the message, alone or before "/5", a word or a sign.
_TYPED_STARS = re.compile(r"\s*([1-5])(?:\s*/\s*5)?(?![\d.:,]\d)(?=\W|$)")
_WORD = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Rating(CallbackData, prefix="rate"):
    """The client's rating of their visit, 1–5."""

    stars: Annotated[int, Between(1, 5)]

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[Rating]:
        return (cls(stars) for stars in range(1, 6))


async def plan_review(services: Services, user_id: int, treated_on: date, tz: ZoneInfo) -> None:
    """Day 8 after the procedure, at the nudge hour: the review request."""
    due = local_due(treated_on, REVIEW_DAY, services.settings.nudge_hour, tz)
    await services.stores.reminders.schedule(user_id, REVIEW, due)


async def plan_next_session(services: Services, user_id: int, weeks: int, treated_at: datetime,
                            tz: ZoneInfo) -> datetime:
    """The offer of the next session, `weeks` after the procedure, at the nudge hour; when
    it goes."""
    due = max(local_due(treated_at.astimezone(tz).date(), weeks * 7,
                        services.settings.nudge_hour, tz), services.clock.now())
    await services.stores.reminders.schedule(user_id, COURSE, due)
    return due


async def reminder(services: Services, client: Client, kind: str, language: str) -> Reply | None:
    """The message a due reminder of `kind` sends; None when there is nothing to send any
    more (the client blocked the bot or said /stop, the course was taken off the card, or the
    client has asked for the next session already)."""
    content, clinic = services.content, services.settings.clinic_name
    if client.unreachable_at is not None:  # the client blocked the bot: nothing more
        return None
    if await services.stores.clients.stopped(client.user_id):  # /stop, whatever staff set
        return None
    if kind == REVIEW:
        plan = await services.stores.aftercare.latest_plan(client.user_id)
        if plan is not None and await services.stores.aftercare.open_problem(plan.id) is not None:
            return None  # a problem still open: staff are with it, no rating asked for now
        stars = tuple(Button(content.tr_button_label(language, "aftercourse.review.stars",
                                                     stars=n), Rating(n).pack())
                      for n in range(1, 6))
        return Reply(content.tr_message(language, "aftercourse.review.ask", clinic=clinic),
                     (stars,))
    found = await services.stores.courses.latest_of_client(client.user_id)
    if found is None or any(lead.status in OPEN for lead in await services.stores.leads.of_client(
            client.user_id)):
        return None  # no course, or the next session already asked for
    course = found[1]
    text = content.tr_counted_message(language, "aftercourse.course.due", course.weeks,
                                      clinic=clinic, weeks=course.weeks)
    if course.sessions:
        text += " " + content.tr_counted_message(language, "aftercourse.course.sessions",
                                                 course.sessions, sessions=course.sessions)
    book = Button(content.tr_button_label(language, "aftercourse.course.book"),
                  MenuAction("booking").pack())
    return Reply(text, ((book,),), offer="booking")


def _links(settings: Settings) -> str:
    return " · ".join(f'<a href="{escape(url)}">{escape(name)}</a>'
                      for name, url in (settings.review_links or {}).items())


async def rated(visit: Visit, pressed: Rating) -> Turn | None:
    """A rating: counted; 4–5 thanked with the review links, 1–3 sent to staff at once. Only
    one, and only in answer to a review request sent: else None, out of date."""
    stars, services = pressed.stars, visit.services
    if not await visit.stores.reminders.answer(visit.client.user_id, REVIEW):
        return None
    await funnel.record(services, funnel.REVIEWED)
    await funnel.record(services, f"{funnel.RATING}{stars}")
    if stars > LOW:
        links = _links(visit.settings)
        text = visit.tr("aftercourse.review.thanks") + (
            Markup("\n\n") + visit.tr("aftercourse.review.links", links=Markup(links))
            if links else "")
        return Turn([Reply(text, edit=True)])
    await visit.stores.chat_states.save(visit.client.user_id, WORDS, {"stars": stars}, visit.now)
    alert = await _staff(visit, N_("staff.review.low"), stars=stars)
    return Turn([Reply(visit.tr("aftercourse.review.sorry"), edit=True)], [alert])


async def _staff(visit: Visit, msgid: str, **values: Any) -> StaffPost:
    """A post about the client's rating, with their request's number and phone: staff call
    back about a low one without looking the client up."""
    client, settings, leads = visit.client, visit.settings, visit.stores.leads
    language = settings.default_language
    name = client.full_name + (f" (@{client.username})" if client.username else "")
    lines = [visit.content.tr_message(language, msgid, name=name, **values)]
    if (lead_id := await leads.latest_id(client.user_id)) is not None:
        lines.append(visit.content.tr_message(language, "staff.lead.title", id=lead_id))
    if phone := phones.for_staff(await leads.latest_phone(client.user_id),
                                 phones.clinic_region(settings)):
        lines.append(Markup("{}: {}").format(
            visit.content.tr_message(language, "staff.lead.phone"), phone))
    return StaffPost(Markup("\n").join(lines), about=client.user_id)


async def words(visit: Visit, text: str, data: dict[str, Any]) -> Turn:
    """What the client typed after a low rating: to staff, in their words."""
    await visit.stores.chat_states.clear(visit.client.user_id)
    post = await _staff(visit, N_("staff.review.words"), stars=data.get("stars", "?"),
                        words=text)
    return main_menu(visit, note=visit.tr("aftercourse.review.heard")) + Turn(staff=[post])


async def typed_rating(visit: Visit, text: str) -> Turn | None:
    """A rating typed under the review request ("5 stars! loved it", "4, bit of a wait at
    reception", "⭐⭐⭐⭐"), as its button: typed, it was offered to staff as a question, and
    the words beside a low one were lost. What a message asks or books is not a rating
    ("3 pm tomorrow?"); None then, and without a request waiting."""
    found = _TYPED_STARS.match(text)
    stars = int(found.group(1)) if found else min(text.count(STAR), 5)
    if not stars or route(visit.content, visit.services.matchers[visit.language],
                          visit.language, text).kind in ("book", "appointment", "logistics"):
        return None
    turn = await rated(visit, Rating(stars))
    if turn is None:
        return None
    turn = Turn([replace(r, edit=False) for r in turn.replies], turn.staff, turn.clients)
    said = (text[found.end():] if found else text.replace(STAR, "")).strip(" ,.!-–—:;")
    if not _WORD.search(said):
        return turn
    if stars > LOW:  # "4, bit of a wait at reception": thanked, and staff read the words
        return turn + Turn(staff=[await _staff(visit, N_("staff.review.words"), stars=stars,
                                               words=said)])
    return Turn(staff=turn.staff) + await words(visit, said, {"stars": stars})


def register(router: Router) -> None:
    router.button(Rating)(rated)
    router.state(WORDS)(words)
    router.typed(Typed.RATING)(typed_rating)
