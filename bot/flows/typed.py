"""Typed messages outside a conversation: routed (bot/content/routing.py) to a health answer,
a person, the clinic's details, the client's appointment, booking, a FAQ topic or small talk;
payment and gift certificates from the clinic's configuration (bot/flows/clinic_answers.py);
what nothing answers, and what only staff know (discounts), is offered to staff. A request
beside which the client may have told something of their health is answered with the caution
before it; the clinic's detail asked beside a health statement, after the health answer; two
or three topics or details asked apart, each (bot/content/asked.py). During the aftercare
week, a health statement or anything unknown is that day's check-in for staff instead (a word
or less that nothing reads asks for the check-in again); with no week running, a health
statement beside the procedure had ("I had my procedure today and my skin is burning"), or
from a client treated lately (a week stopped or over), reaches staff as its check-in would;
the procedure had today, told, starts the week. "Talk to a person" is also a main-menu
button: the next message goes to staff. A message nothing answers
in the client's language, written in the letters of another language the clinic speaks
("сколько стоит?" from an English Telegram), is read in that one: answered in it, with the
switch offered (bot/flows/language.py `written_in`)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from bot.content.asked import asked_apart, asked_beside
from bot.content.i18n import N_, format_opening_hours
from bot.content.letters import readable
from bot.content.routing import (
    SURE,
    Route,
    after_this,
    asks,
    asks_beside_had,
    had_days_ago,
    of_another,
    route,
    tells_health,
    waited,
    without_period,
)
from bot.flows import (
    Reply,
    StaffPost,
    Turn,
    Visit,
    aftercare,
    booking,
    clinic_answers,
    faq,
    health,
    health_kept,
    my_appointment,
    phones,
    slot_picker,
)
from bot.flows.days import names_hours
from bot.flows.language import written_in
from bot.flows.menu import MenuAction, help_text, language_offer, main_menu
from bot.flows.typed_text import Typed

if TYPE_CHECKING:
    from bot.flows.router import Router

TO_PERSON = "to_person"
CHECKIN_WORDS = 2  # words a message of the aftercare week needs to be a check-in in them
_WORD = re.compile(r"[^\W\d_]+")
SMALLTALK = {"greeting": N_("smalltalk.greeting"), "thanks": N_("smalltalk.thanks"),
             "ok": N_("smalltalk.ok"), "bye": N_("smalltalk.bye")}


async def message(visit: Visit, text: str) -> Turn:
    if len(text) > faq.MAX_QUESTION:
        return Turn([Reply(visit.tr("faq.too_long", limit=faq.MAX_QUESTION))])
    found = route(visit.content, visit.services.matchers[visit.language], visit.language, text)
    offer = Turn()
    # A name, a brand or one word is no sign of another language ("London", "нет"). Words
    # of another script that the client's language took for a medicine's name are none
    # either ("how long does it take" from a Russian Telegram), unless they are its own words
    # typed in Latin letters ("lico shelushitsa", `readable`): read in their own language.
    if found.kind in ("none", "health") and len(text.split()) > 1 and (
            written := written_in(visit.settings, visit.language, text)) and (
            found.kind == "none" or readable(visit.content, visit.language, text) == text):
        there = route(visit.content, visit.services.matchers[written], written, text)
        if there.kind not in ("none", "health", "condition") or (
                found.kind == "none" and there.kind != "none"):  # answered as it was asked
            visit, found = Visit(visit.services, visit.client, written), there
            offer = Turn([language_offer(visit)])
    if found.kind == "condition" and (
            over := waited(visit.content, visit.language, text, found.keys)):
        # "I stopped isotretinoin two years ago": past the wait it asks for, no reason to wait
        if not (rest := tuple(key for key in found.keys if key not in over)):
            return health.waited(visit) + offer
        found = replace(found, keys=rest)
    if tells_health(visit.content, visit.language, text, found):
        # Kept, without the words, for the check that comes next or the one a booking rests
        # on: health told here is never lost to "nothing stands in the way" (with the client's
        # consent: else it is asked for). With a request open, it reaches its card and the
        # staff now.
        # A problem after the procedure goes to staff as such: the check is not asked about.
        if await health_kept.consented(visit) or not (after_this(
                visit.content, visit.language, text) or await aftercare.treated_lately(visit)):
            offer += await health_kept.keep(
                visit, found.keys if found.kind == "condition" else ())
        offer += await booking.told_since(visit)
    # In the week, a word or less that nothing reads ("лол", "?") describes nothing to alert
    # staff of: the day's check-in is asked again.
    if found.kind == "none" and len(_WORD.findall(text)) < CHECKIN_WORDS and (
            again := await aftercare.unclear(visit)):
        return again
    if (found.kind in ("condition", "health", "none") or _guessed_topic(visit, text, found)) and (
            checkin := await aftercare.typed(visit, text)):
        return checkin
    if found.kind == "none" and not _WORD.search(text):  # "???", a "2" meant for a button
        return main_menu(visit, note=visit.tr("typed.unclear")) + offer
    # "Мне сегодня сделали процедуру" says what the menu's button says: the week begins; asked
    # beside a question ("I had it today, can I wear makeup tomorrow?"), it is offered.
    ago = had_days_ago(visit.content, visit.language, text)
    told_when = ago is not None and found.kind != "condition"
    today = told_when and ago == 0
    if told_when and not asks_beside_had(visit.content, visit.language, text):
        if _felt(visit, text):  # "вчера сделали шлифовку, сегодня печёт": staff hear first
            return await aftercare.reported(visit, text)
        return await aftercare.begin(visit, days_ago=ago or 0) + offer
    apart = asked_apart(visit.content, visit.services.matchers[visit.language], visit.language,
                        text, found)
    answered = await _apart(visit, apart) if len(apart) > 1 and not _changes_plans(
        visit, text) else None
    if answered is None:
        answered = await _answer(visit, found, text)
    if found.cautious:
        answered = Turn([health.beside(visit)]) + answered
    elif found.detail:
        answered += _detail(visit, found.detail)
    if today:
        answered += Turn([Reply(visit.tr("aftercare.offer"), ((visit.tr_button(
            "menu.aftercare", MenuAction("aftercare").pack()),),))])
    return answered + offer


def _detail(visit: Visit, kind: str) -> Turn:
    """The clinic's detail asked beside a health statement, after its answer (which offers a
    person): payment and gift certificates only where the clinic wrote about them."""
    said = _detail_text(visit, kind)
    return Turn([Reply(said)]) if said else Turn()


def _detail_text(visit: Visit, kind: str) -> str | None:
    """The clinic's detail of `kind`; None for payment or gift certificates where the clinic
    wrote nothing about them."""
    if kind in ("payment", "gift"):
        return clinic_answers.written(visit, kind)  # type: ignore[arg-type]
    return logistics(visit, kind)


async def _apart(visit: Visit, asked: list[Route]) -> Turn | None:
    """Several questions asked apart ("how much is it and how long does it take?"): each
    topic's page in the order asked, then the clinic's details together above the menu. None
    where a detail is one the clinic wrote nothing about: the message is then answered whole,
    which offers to ask staff."""
    pages, details = Turn(), []
    for found in asked:
        if found.kind == "faq":
            page = faq.answer(visit, found.keys[0])
            assert page is not None
            pages += page
        elif (said := _detail_text(visit, found.keys[0])) is not None:
            details.append(said)
        else:
            return None
    return pages + main_menu(visit, note="\n\n".join(details)) if details else pages


async def _answer(visit: Visit, found: Route, text: str) -> Turn:
    since = found.kind in ("condition", "health") and after_this(
        visit.content, visit.language, text)
    if found.kind in ("condition", "health") and (
            since or await aftercare.treated_lately(visit)):
        if found.kind == "health" and not since and asks(
                visit.content, visit.language, text) and not _felt(visit, text):
            # "can I take ibuprofen?" after the procedure: a question for staff, no problem
            return await faq.offer_to_staff(visit, text)
        told = await aftercare.reported(visit, text)  # a problem the procedure left
        # "я забеременела, мне теперь можно?": what the condition means for the next session
        return told + health.answer(visit, found.keys) if found.kind == "condition" and not \
            since else told
    if found.kind == "condition" and of_another(visit.content, visit.language, text):
        # "у подруги астма а у меня нет": about them if they come, not "with you".
        return Turn([Reply(visit.tr("health.of_another"))]) + health.answer(visit, found.keys)
    if found.kind == "condition":  # ...then the price asked beside the diabetes
        return await _and_the_visit(visit, text, health.answer(visit, found.keys)) + \
            _asked_beside(visit, text, found)
    if found.kind == "health" and await _period_moves(visit, text):
        # "my period will start that day, can we move it?": a matter of when, not of health.
        return Turn([Reply(visit.tr("booking.tip.menstruation"))]) + await my_appointment.show(
            visit)
    if found.kind == "health":
        return await _and_the_visit(visit, text, health.unknown(visit, text))
    if found.kind == "person" and (phones.within(
            text, phones.clinic_region(visit.settings)) or visit.content.replies[
            visit.language].calls_back(text) and await visit.stores.leads.latest_phone(
            visit.client.user_id)):
        # "call me back on 07400 123456", or "перезвоните мне" with a number on a request:
        # the message itself, for staff to call
        return await faq.pass_on(visit, text)
    if found.kind == "person":
        return await ask_person(visit)
    if visit.content.replies[visit.language].asks_cancel(text) and (
            lead := await my_appointment.current(visit)) and my_appointment.upcoming(visit, lead):
        return await my_appointment.ask_cancel(visit, lead, edit=False)  # "cancel it please"
    if found.kind == "appointment":
        return await my_appointment.show(visit)  # with a Book button when there is none
    if found.kind in ("faq", "none", "smalltalk") and _changes_plans(visit, text):
        # The client's appointment, to move or cancel; with none here (booked by phone, or a
        # question about cancelling), a person rather than a topic the words only look like.
        if moved := await my_appointment.move_to_day(visit, text):
            return moved  # "can we move it to next tuesday?": that day's times to move to
        return await my_appointment.show(visit) if await my_appointment.current(visit) \
            else await faq.offer_to_staff(visit, text)
    if found.kind == "book" or (found.kind == "none" and slot_picker.asked_day(visit, text) and (
            not await _asked_in_the_week(visit, text))) or (
            found.kind in ("none", "smalltalk") and names_hours(text)
            and await booking.waiting(visit)):
        # "evenings after 6 please", once the request went to staff: when to call is theirs.
        # "id like to book for tuesday, also does it hurt?": it hurts not; "на субботу"
        # alone: that day
        return _asked_beside(visit, text, found) + await booking.begin(visit, text)
    if found.kind == "logistics" and found.keys[0] in ("payment", "gift"):
        return await clinic_answers.answer(visit, found.keys[0], text)  # type: ignore[arg-type]
    if found.kind == "logistics":
        return main_menu(visit, note=logistics(visit, found.keys[0]))
    if found.kind == "faq":
        topic = faq.answer(visit, found.keys[0], asked=text)
        assert topic is not None
        if await _week_question_unanswered(visit, found, text):
            # "можно пить алкоголь?" in the week: the week's page, and a person for the rest
            topic += await faq.offer_to_staff(visit, text, N_("faq.week_not_here"))
        return topic
    if found.kind == "smalltalk" and found.keys[0] == "help":
        return help_text(visit)
    if found.kind == "smalltalk":
        return main_menu(visit, note=visit.tr(SMALLTALK.get(found.keys[0], "smalltalk.ok")))
    return await faq.offer_to_staff(visit, text)


async def _week_question_unanswered(visit: Visit, found: Route, text: str) -> bool:
    """Whether a question asked after the procedure reached the page of the week's care
    without one of the week's own questions in it ("can I drink alcohol?", "можно бриться?"):
    the page is general, the question is not."""
    topic = visit.content.faq_topic(found.keys[0])
    return topic is not None and bool(topic.week) and "?" in text and not visit.content.replies[
        visit.language].aftercare_questions(text) and await aftercare.treated_lately(visit)


async def _asked_in_the_week(visit: Visit, text: str) -> bool:
    """Whether a question naming a day is asked during the aftercare week ("can I fly
    tomorrow?"): of the week, for staff, not a wish to book; the next session cannot be that
    close anyway."""
    return asks(visit.content, visit.language, text) and await aftercare.treated_lately(visit)


def _guessed_topic(visit: Visit, text: str, found: Route) -> bool:
    """Whether a FAQ topic answers a message that tells rather than asks only on a guess (no
    sure match of its words): "лицо как помидор" in the aftercare week is the day's
    check-in, not the page on how the procedure goes."""
    if found.kind != "faq" or asks(visit.content, visit.language, text):
        return False
    match = visit.services.matchers[visit.language].best(text)
    return match is None or match.topic_id != found.keys[0] or match.score < SURE


def _felt(visit: Visit, text: str) -> bool:
    """Whether the message tells of something felt that the week's check-in would record as
    other than all well ("печёт", "a bit red")."""
    never = {a.id for a in visit.content.aftercare.answers if a.problem_from_day is None}
    return bool(set(visit.content.replies[visit.language].checkin(text)) - never)


async def _period_moves(visit: Visit, text: str) -> bool:
    """Whether the message asks to move or cancel the client's appointment for a period and
    tells nothing else of health."""
    plain = without_period(visit.content, visit.language, text)
    if plain is None:
        return False
    rest = route(visit.content, visit.services.matchers[visit.language], visit.language, plain)
    return rest.kind not in ("condition", "health") and (
        rest.kind == "book" or _changes_plans(visit, plain)) and await my_appointment.current(
        visit) is not None


def _asked_beside(visit: Visit, text: str, found: Route) -> Turn:
    """The pages of the topics the message asks apart beside what answers it
    (`asked_beside`)."""
    asked = Turn()
    for beside in asked_beside(visit.content, visit.services.matchers[visit.language],
                               visit.language, text, found):
        asked += faq.answer(visit, beside.keys[0]) or Turn()
    return asked


async def _and_the_visit(visit: Visit, text: str, answer: Turn) -> Turn:
    """Health told as the reason a visit cannot be kept ("не смогу завтра, заболела"): after
    its answer, the appointment with its Reschedule and Cancel."""
    if visit.content.replies[visit.language].cancels(text) and await my_appointment.current(
            visit) is not None:
        return answer + await my_appointment.show(visit)
    return answer


def _changes_plans(visit: Visit, text: str) -> bool:
    """"I need to cancel", "could I come Thursday instead": about the client's visit, however
    much the words look like a question about the procedure ("instead" asks to move it only
    beside a day or time)."""
    reader = visit.content.replies[visit.language]
    return reader.cancels(text) or reader.another_time(text) and (
        slot_picker.asked_day(visit, text) is not None)


def logistics(visit: Visit, kind: str) -> str:
    """The clinic's details that answer `kind` (address, phone, hours, parking, directions)."""
    s = visit.settings
    where = visit.tr("logistics.address", clinic=s.clinic_name,
                     address=s.address_for(visit.language))
    map_link = f"\n{s.map_link}" if s.map_link else ""
    call = visit.tr("logistics.call", phone=s.phone)
    if kind == "phone":
        return visit.tr("logistics.phone", phone=s.phone)
    if kind == "hours":
        return visit.tr("logistics.hours", hours=format_opening_hours(
            s.opening_hours, visit.language)) if s.opening_hours else call
    parking, directions = s.parking_for(visit.language), s.directions_for(visit.language)
    if kind == "parking":
        return visit.tr("logistics.parking", parking=parking) if parking else \
            f"{where}{map_link}\n{call}"
    if kind == "directions" and directions:
        return f"{where}\n{escape(directions)}{map_link}"
    return f"{where}{map_link}"


async def ask_person(visit: Visit) -> Turn:
    await visit.stores.chat_states.save(visit.client.user_id, TO_PERSON, {}, visit.now)
    return Turn([Reply(visit.tr("person.ask"))])


async def again(visit: Visit, note: str) -> Turn | None:
    """"Talk to a person" waiting for the message, asked again under why the client's last one
    was not understood (a sticker, a voice message); None when it is not waiting."""
    state = await visit.stores.chat_states.get(visit.client.user_id)
    if state is None or state.state != TO_PERSON:
        return None
    return Turn([Reply(visit.tr(note) + "\n\n" + visit.tr("person.ask"))])


async def to_person(visit: Visit, text: str, data: dict[str, Any]) -> Turn:
    if len(text) > faq.MAX_QUESTION:
        return Turn([Reply(visit.tr("faq.too_long", limit=faq.MAX_QUESTION))])
    await visit.stores.chat_states.clear(visit.client.user_id)
    return await faq.pass_on(visit, text)


async def _leave(visit: Visit, data: dict[str, Any]) -> None:
    await visit.stores.chat_states.clear(visit.client.user_id)


async def photo_to_person(visit: Visit, photo: int, caption: str) -> Turn:
    """A photo sent for a person ("Talk to a person", then a photo): passed on as the message,
    the photo itself copied below it, never read as an aftercare check-in."""
    await visit.stores.chat_states.clear(visit.client.user_id)
    said = caption[:faq.MAX_QUESTION] or visit.content.tr_message(
        visit.settings.default_language, "staff.aftercare.photo")
    turn = await faq.pass_on(visit, said)
    user_id = visit.client.user_id
    return Turn(turn.replies, [*turn.staff, StaffPost("", about=user_id,
                                                       copy_from=(user_id, photo))])


async def message_to_person(visit: Visit, pressed: health.PersonAbout) -> Turn:
    """"Talk to a person" under the answer to a message ("can I have it a week after
    botox?"): that message, copied from the client's chat, is the question for staff; the
    words pass through Telegram, never the bot's storage."""
    await visit.stores.chat_states.clear(visit.client.user_id)
    said = visit.content.tr_message(visit.settings.default_language, "staff.question.copied")
    turn = await faq.pass_on(visit, said)
    user_id = visit.client.user_id
    return Turn(turn.replies, [*turn.staff, StaffPost(
        "", about=user_id, copy_from=(visit.client.chat_id, pressed.message))])


def register(router: Router) -> None:
    router.menu_action("person")(ask_person)
    router.button(health.PersonAbout)(message_to_person)
    router.state(TO_PERSON, leave=_leave)(to_person)
    router.state_photos[TO_PERSON] = photo_to_person
    router.typed(Typed.MESSAGE)(message)
