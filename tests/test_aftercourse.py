"""After the week: on day 8 a review request (1–5); 4–5 is thanked with the clinic's review
links, 1–3 alerts staff with the client's words. The next session of a course is offered only
when staff set one on the card. Neither comes after /stop or /forget, nor in quiet hours."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from babel.dates import format_date, format_skeleton

from bot.config import Settings
from bot.content import Content
from bot.content.i18n import format_when
from bot.devtools.sandbox import ChatUser, Sandbox
from bot.flows.aftercourse import Rating
from tests.appointments import book, move_to
from tests.chat import Texts, shown
from tests.desk import card, press_on_card, seed_lead, staff_member, stores_of

pytestmark = pytest.mark.engines

TREATED = datetime(2026, 12, 2, 11, 0, tzinfo=UTC)  # London is on UTC in December
DAY_8 = datetime(2026, 12, 10, 10, 0, tzinfo=UTC)  # clinic.example.toml: nudge_hour = 10
LINKS = {"Google": "https://g.example/review", "Yandex Maps": "https://y.example/review"}


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, review_links=LINKS)


async def treated(bot: Sandbox, content: Content, settings: Settings,
                  language: str) -> ChatUser:
    client = await book(bot, content, settings, language=language, when="2.12 9:00")
    move_to(bot, TREATED)
    await bot.run_scheduler()
    await press_on_card(bot, staff_member(bot, settings), 1, "Treated")
    return client


async def review_request(bot: Sandbox, client: ChatUser, t: Texts) -> list[str]:
    move_to(bot, DAY_8)
    await bot.run_scheduler()
    return [m.text for m in client.messages
            if t("aftercourse.review.ask", clinic="").split("<b>")[0] in m.text]


async def test_day_8_asks_for_a_rating_and_a_good_one_gets_the_review_links(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t = Texts(content, language)
    client = await treated(bot, content, settings, language)
    move_to(bot, DAY_8 - timedelta(minutes=1))
    await bot.run_scheduler()
    assert not [m for m in client.messages if t.label("aftercourse.review.stars", stars=5)
                in [label for label, _ in m.buttons]]
    assert len(await review_request(bot, client, t)) == 1
    thanks = (await client.press(t.label("aftercourse.review.stars", stars=5)))[0]
    assert t("aftercourse.review.thanks") in thanks.text
    assert '<a href="https://g.example/review">Google</a>' in thanks.text
    assert thanks.buttons == []  # the rating cannot be given twice from the same message
    assert not [m for m in bot.staff_chat() if "5 of 5" in m.text or "5 из 5" in m.text]


@pytest.mark.parametrize("passed", [False, True])
async def test_no_rating_is_asked_while_a_problem_reported_is_open(
    bot: Sandbox, content: Content, settings: Settings, language: str, passed: bool
) -> None:
    """"Появились пузыри и гной" on day 3, then the week went on as if nothing were said:
    "almost there!", "your aftercare week is complete 🎉", and "rate your visit from 1 to 5".
    Each day's message now names the problem first, and no rating is asked while it is open;
    once the client says all is well, the week reads as usual again."""
    t = Texts(content, language)
    client = await treated(bot, content, settings, language)
    move_to(bot, TREATED + timedelta(days=3))
    await client.send({"en": "blisters and pus on my cheek", "ru": "появились пузыри и гной"}[
        language])
    move_to(bot, datetime(2026, 12, 6, 10, 0, tzinfo=UTC))  # day 4's message
    await bot.run_scheduler()
    assert t("aftercare.problem_open", day=3) in client.last.text
    if passed:
        await client.send({"en": "all good now", "ru": "всё прошло, всё хорошо"}[language])
        move_to(bot, datetime(2026, 12, 7, 10, 0, tzinfo=UTC))
        await bot.run_scheduler()
        assert t("aftercare.problem_open", day=3) not in client.last.text
    assert len(await review_request(bot, client, t)) == (1 if passed else 0)


async def test_a_low_rating_alerts_staff_with_the_clients_words(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t, staff = Texts(content, language), Texts(content, "en")
    client = await treated(bot, content, settings, language)
    await review_request(bot, client, t)
    posts = len(bot.staff_chat())
    sorry = await client.press(t.label("aftercourse.review.stars", stars=2))
    assert t("aftercourse.review.sorry") in sorry[0].text
    assert "links" not in sorry[0].text and "g.example" not in sorry[0].text
    alert = bot.staff_chat()[posts]
    # With the request's number and phone: "rated their visit 1 of 5" alone sent staff to
    # /find before they could call back.
    assert alert.text.startswith(staff("staff.review.low", name="Olga (@user1001)", stars=2))
    assert staff("staff.lead.title", id=1) in alert.text
    assert "+7 912 345-67-89" in alert.text
    reply = await client.send("The room was cold")
    assert t("aftercourse.review.heard") in reply[0].text
    words = bot.staff_chat()[-1]
    assert "The room was cold" in words.text and "Olga" in words.text


async def test_a_rating_is_taken_once_and_only_after_a_review_request(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """A second press of the request (before its buttons are gone), or a rating button nobody
    was sent, alerts no one and counts nothing: out of date."""
    t = Texts(content, "en")
    client = await treated(bot, content, settings, "en")
    stranger = bot.user(5005, "Mallory")
    await stranger.send("/start")
    forged = Rating(1).pack()
    assert t("error.stale_button") in shown(await stranger.press_data(forged))
    await review_request(bot, client, t)
    request = client.last
    posts = len(bot.staff_chat())
    await client.press_data(forged, request)
    again = shown(await client.press_data(Rating(2).pack(), request))
    assert t("error.stale_button") in again
    [alert] = bot.staff_chat()[posts:]
    assert alert.text.startswith(
        Texts(content, "en")("staff.review.low", name="Olga (@user1001)", stars=1))
    await stranger.send("your clinic burned my face")
    assert len(bot.staff_chat()) == posts + 1
    [stats] = await staff_member(bot, settings).send("/stats")
    assert "Ratings in the last 7 days: <b>1</b>, average <b>1.0</b>" in stats.text


async def test_no_review_request_after_stop_or_forget(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t = Texts(content, language)
    client = await treated(bot, content, settings, language)
    move_to(bot, datetime(2026, 12, 9, 12, 0, tzinfo=UTC))  # the week has closed
    await bot.run_scheduler()
    await client.send("/stop")
    assert await review_request(bot, client, t) == []


async def test_forget_erases_the_review_request(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    t = Texts(content, "en")
    client = await treated(bot, content, settings, "en")
    await bot.app.bot_data["services"].stores.privacy.forget(client.id)
    assert await review_request(bot, client, t) == []


async def test_quiet_hours_hold_the_review_request_until_morning(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    t = Texts(content, "en")
    client = await treated(bot, content, settings, "en")
    move_to(bot, datetime(2026, 12, 10, 22, 0, tzinfo=UTC))  # past the due hour, quiet hours
    await bot.run_scheduler()
    assert not [m for m in client.messages if "⭐" in str(m.buttons)]
    move_to(bot, datetime(2026, 12, 11, 8, 30, tzinfo=UTC))
    await bot.run_scheduler()
    assert [m for m in client.messages if t.label("aftercourse.review.stars", stars=1)
            in [label for label, _ in m.buttons]]


async def test_the_next_session_is_offered_when_staff_set_the_course(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t, staff = Texts(content, language), Texts(content, "en")
    client = await treated(bot, content, settings, language)
    done = shown(await staff_member(bot, settings).send("/course 1 4 6"))
    assert staff.counted("staff.course.set", 4, id=1, weeks=4) in done
    # The lead is treated: staff see the day the offer goes, not only "4 weeks after".
    goes = format_when(datetime(2026, 12, 30, 10, 0, tzinfo=UTC), "en", settings.timezone)
    assert staff("staff.course.on", when=goes) in done
    assert staff.counted("staff.card.course", 4, weeks=4) in (await card(bot, 1)).text
    offer = t.counted("aftercourse.course.due", 4, clinic=settings.clinic_name, weeks=4)
    move_to(bot, datetime(2026, 12, 30, 9, 0, tzinfo=UTC))  # a day before four weeks
    await bot.run_scheduler()
    assert not [m for m in client.messages if offer in m.text]
    move_to(bot, datetime(2026, 12, 30, 10, 0, tzinfo=UTC))
    await bot.run_scheduler()
    [message] = [m for m in client.messages if offer in m.text]
    assert t.counted("aftercourse.course.sessions", 6, sessions=6) in message.text
    assert [label for label, _ in message.buttons] == [t.label("aftercourse.course.book")]


async def test_the_weeks_last_day_names_the_interval_staff_set(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """After staff pressed "in 3 wk" on the card, day 7 still said "your cosmetologist will
    advise when the next session makes sense"; then it said "in about 3 weeks", a week after
    the procedure, for an offer that came two weeks later."""
    t = Texts(content, language)
    client = await treated(bot, content, settings, language)
    await staff_member(bot, settings).send("/course 1 3")
    move_to(bot, datetime(2026, 12, 9, 10, 0, tzinfo=UTC))  # day 7, the nudge hour
    await bot.run_scheduler()
    closing = client.last.text
    assert t.counted("aftercare.next_session.course", 2, weeks=2) in closing
    assert t("aftercare.next_session") not in closing


# A course of one week and one session, and of five weeks: each number in its own form.
ONE_WEEK = {"en": "one every 1 week.", "ru": "раз в 1 неделю."}
FIVE_WEEKS = {"en": "one every 5 weeks.", "ru": "раз в 5 недель."}


async def test_a_new_interval_keeps_the_number_of_sessions(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """"/course 1 3 5", then "/course 1 1": the five sessions were gone from the card."""
    staff = Texts(content, "en")
    await treated(bot, content, settings, "en")
    maria = staff_member(bot, settings)
    await maria.send("/course 1 3 5")
    await maria.send("/course 1 2")
    text = (await card(bot, 1)).text
    assert staff.counted("staff.card.course", 2, weeks=2) in text
    assert staff.counted("staff.card.course_sessions", 5, sessions=5) in text


async def test_a_course_of_one_session_is_no_course(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """"/course 1 5 1" set "next session in 5 weeks · 1 session", and the client was later
    offered a next session of a course that had none."""
    staff = Texts(content, "en")
    await treated(bot, content, settings, "en")
    reply = shown(await staff_member(bot, settings).send("/course 1 5 1"))
    assert staff("staff.course.usage") in reply
    assert await stores_of(bot).courses.of_lead(1) is None


async def test_counts_take_their_languages_plural_forms(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """Staff set a course of one week: they read "the next session 1 weeks after the
    procedure" and "1 sessions", and a client read "раз в 1 нед." """
    client = await treated(bot, content, settings, language)
    desk = staff_member(bot, settings)
    done = shown(await desk.send("/course 1 1 21"))
    assert "the next session 1 week after the procedure" in done
    assert "🔁 Course: next session in 1 week · 21 sessions\n" in (await card(bot, 1)).text
    move_to(bot, datetime(2026, 12, 9, 10, 0, tzinfo=UTC))  # day 7 and a week: both are due
    await bot.run_scheduler()
    texts = "\n".join(m.text for m in client.messages)
    assert ONE_WEEK[language] in texts
    # The offer itself comes that morning: day 7 speaks of no later session, nor of one the
    # cosmetologist will advise on.
    t = Texts(content, language)
    assert str(t.counted("aftercare.next_session.course", 1, weeks=1))[:40] not in texts
    assert t("aftercare.next_session") not in texts
    assert {"en": "1 weeks", "ru": "нед."}[language] not in texts
    assert {"en": "is 21 sessions in all", "ru": "в курсе 21 сеанс."}[language] in texts
    assert "weeks after" in shown(await desk.send("/course 1 5"))
    move_to(bot, datetime(2027, 1, 6, 10, 0, tzinfo=UTC))  # five weeks after the procedure
    await bot.run_scheduler()
    assert FIVE_WEEKS[language] in client.last.text


async def test_the_weeks_last_day_keeps_the_sunscreen(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """Day 7 said "from tomorrow the sun restriction no longer applies" to a client in the
    middle of a course: the skin between sessions still needs its sunscreen."""
    t = Texts(content, language)
    client = await treated(bot, content, settings, language)
    move_to(bot, datetime(2026, 12, 9, 10, 0, tzinfo=UTC))  # day 7, the nudge hour
    await bot.run_scheduler()
    closing = client.last.text
    assert t("aftercare.day.7").split("\n")[0] in closing and "SPF" in closing
    assert {"en": "no longer applies", "ru": "не действует"}[language] not in closing


async def test_a_booking_soon_after_the_procedure_says_so_to_the_client_and_staff(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """Five days after the procedure a client booked again: nothing told them, or staff, that
    sessions too close together can inflame the skin; the card said only "repeat request"."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = await treated(bot, content, settings, language)
    move_to(bot, TREATED + timedelta(days=5))
    await client.send("/menu")
    reply = shown(await client.press(t.label("menu.booking")))
    assert t("booking.too_soon", date=format_skeleton("MMMMd", TREATED, locale=language),
             first=format_skeleton("MMMMd", TREATED + timedelta(weeks=2),
                                   locale=language)) in reply
    await client.send("+44 7400 123456")
    await client.press(t.label("booking.time.morning"))
    assert staff("staff.card.last_treated", date=format_date(TREATED, "long", locale="en")) \
        in (await card(bot, 2)).text


async def test_the_next_sessions_card_shows_the_problems_of_the_week_after_the_last(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """A rash and cracks reported after the first session reached staff that day, and nothing
    of them reached the card the cosmetologist reads before the next one."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = await treated(bot, content, settings, language)
    move_to(bot, TREATED + timedelta(days=1, hours=3))
    await client.send({"en": "I have a rash on my cheek", "ru": "у меня сыпь на щеке"}[language])
    move_to(bot, TREATED + timedelta(days=2, hours=3))
    await client.send({"en": "now tiny cracks near my nose", "ru": "теперь трещинки у носа"}[
        language])
    move_to(bot, TREATED + timedelta(days=15))
    await client.send("/menu")
    await client.press(t.label("menu.booking"))
    await client.send("+44 7400 123456")
    await client.press(t.label("booking.time.morning"))
    problems = [staff("staff.card.week_problem", answer=staff.label(f"aftercare.answer.{a}"),
                      day=day) for a, day in (("rash", 1), ("cracks", 2))]
    assert staff("staff.card.week_problems", problems=", ".join(problems)) \
        in (await card(bot, 2)).text


async def test_a_problem_told_after_the_week_is_counted_and_reaches_the_next_card(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """A problem told once the week was over reached staff, and /aftercare still said "0
    problems"; the next session's card knew nothing of it."""
    t = Texts(content, "en")
    client = await treated(bot, content, settings, "en")
    for day in range(1, 10):
        move_to(bot, TREATED + timedelta(days=day))
        await bot.run_scheduler()
    await client.send("I have a rash on my cheek")
    assert "I have a rash on my cheek" in bot.staff_chat()[-1].text
    maria = staff_member(bot, settings)
    total = len(content.aftercare.days)
    counted = t("staff.aftercare_cmd.ended", id=1, name="Olga", day=9, sent=total, total=total,
                problems=1).rsplit(",", 1)[-1]  # " problems reported: 1."
    assert counted in shown(await maria.send("/aftercare 1"))
    move_to(bot, TREATED + timedelta(days=15))
    await client.send("/menu")
    await client.press(t.label("menu.booking"))
    await client.send("+44 7400 123456")
    await client.press(t.label("booking.time.morning"))
    other = t("staff.card.week_problem", answer=t.label("aftercare.answer.other"), day=9)
    assert t("staff.card.week_problems", problems=other) in (await card(bot, 2)).text


async def test_a_booking_weeks_after_the_procedure_says_nothing_of_it(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    t = Texts(content, "en")
    client = await treated(bot, content, settings, "en")
    move_to(bot, TREATED + timedelta(days=15))
    await client.send("/menu")
    reply = shown(await client.press(t.label("menu.booking")))
    assert t("booking.too_soon", date=format_skeleton("MMMMd", TREATED, locale="en"),
             first=format_skeleton("MMMMd", TREATED + timedelta(weeks=2),
                                   locale="en")) not in reply
    assert t("booking.ask_contact") in reply


async def test_no_offer_of_the_next_session_once_it_is_asked_for(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """The client booked the next session herself; twenty minutes before it, "It's time for
    your next session… Book" came all the same."""
    t = Texts(content, "en")
    client = await treated(bot, content, settings, "en")
    await staff_member(bot, settings).send("/course 1 2")
    await seed_lead(stores_of(bot), user_id=client.id, first_name="Olga",
                    created=datetime(2026, 12, 10, 12, 0, tzinfo=UTC))
    offer = t.counted("aftercourse.course.due", 2, clinic=settings.clinic_name, weeks=2)
    move_to(bot, datetime(2026, 12, 16, 10, 0, tzinfo=UTC))
    await bot.run_scheduler()
    assert not [m for m in client.messages if offer in m.text]


async def test_nothing_is_invented_when_staff_set_no_course(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    t = Texts(content, "en")
    client = await treated(bot, content, settings, "en")
    move_to(bot, datetime(2027, 3, 1, 10, 0, tzinfo=UTC))
    await bot.run_scheduler()
    assert not [m for m in client.messages if t.label("aftercourse.course.book")
                in [label for label, _ in m.buttons]]


async def test_a_course_set_before_the_procedure_counts_from_it(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    t = Texts(content, "en")
    client = await book(bot, content, settings, when="2.12 9:00")
    await staff_member(bot, settings).send("/course 1 2")
    move_to(bot, TREATED)
    await press_on_card(bot, staff_member(bot, settings), 1, "Treated")
    move_to(bot, datetime(2026, 12, 16, 10, 0, tzinfo=UTC))
    await bot.run_scheduler()
    offer = t.counted("aftercourse.course.due", 2, clinic=settings.clinic_name, weeks=2)
    assert [m for m in client.messages if offer in m.text]


@pytest.mark.parametrize("args", ["1", "1 0", "1 53", "1 4 0", "x 4", "1 4 6 7"])
async def test_course_usage(bot: Sandbox, content: Content, settings: Settings,
                            args: str) -> None:
    await book(bot, content, settings)
    [reply] = await staff_member(bot, settings).send(f"/course {args}")
    assert Texts(content, "en")("staff.course.usage") == reply.text


async def test_mydata_names_the_review_request_for_what_it_is(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t = Texts(content, language)
    client = await treated(bot, content, settings, language)
    text = shown(await client.send("/mydata"))
    assert t("mydata.reminder.review", date="2026-12-10") in text
    assert t("mydata.reminder", date="2026-12-10") not in text


async def test_staff_set_the_course_with_the_buttons_on_the_card(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t, staff = Texts(content, language), Texts(content, "en")
    client = await treated(bot, content, settings, language)
    maria = staff_member(bot, settings)
    assert staff.label("staff.course.sessions", sessions=6) not in str((await card(bot, 1)).buttons)
    posts = len(bot.staff_chat())
    for _ in range(2):  # a second press of the same button changes nothing
        await press_on_card(bot, maria, 1, staff.label("staff.course.weeks", weeks=3))
        await press_on_card(bot, maria, 1, staff.label("staff.course.sessions", sessions=6))
    text = (await card(bot, 1)).text
    assert staff.counted("staff.card.course", 3, weeks=3) in text
    assert staff.counted("staff.card.course_sessions", 6, sessions=6) in text
    assert len(bot.staff_chat()) == posts  # the card is edited in place
    marked = [label for label, _ in (await card(bot, 1)).buttons if label.startswith("•")]
    assert staff.label("staff.course.weeks", weeks=3) in " ".join(marked)
    offer = t.counted("aftercourse.course.due", 3, clinic=settings.clinic_name, weeks=3)
    move_to(bot, datetime(2027, 1, 20, 10, 0, tzinfo=UTC))
    await bot.run_scheduler()
    [message] = [m for m in client.messages if offer in m.text]
    assert t.counted("aftercourse.course.sessions", 6, sessions=6) in message.text


async def test_the_course_command_and_the_buttons_agree(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    await book(bot, content, settings)
    maria = staff_member(bot, settings)
    await maria.send("/course 1 4 6")
    await press_on_card(bot, maria, 1, staff.label("staff.course.weeks", weeks=2))
    text = (await card(bot, 1)).text
    assert staff.counted("staff.card.course", 2, weeks=2) in text
    assert staff.counted("staff.card.course_sessions", 6, sessions=6) in text
    assert staff.counted("staff.course.set", 3, id=1, weeks=3) in shown(
        await maria.send("/course 1 3"))
    assert staff.counted("staff.card.course", 3, weeks=3) in (await card(bot, 1)).text
    old = await card(bot, 1)
    [(_, four)] = [b for b in old.buttons if staff.label("staff.course.weeks", weeks=4) in b[0]]
    await press_on_card(bot, maria, 1, staff.label("staff.status.archived"))
    await maria.press(staff.label("staff.call_off.yes"))
    await maria.press_data(four, old)  # a button of the card as it was before
    assert staff.counted("staff.card.course", 3, weeks=3) in (await card(bot, 1)).text


async def test_no_next_session_offer_when_the_course_is_set_after_stop(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """A treated client said /stop; staff then set the course, and three weeks later the
    client was offered the next session all the same."""
    t = Texts(content, "en")
    client = await treated(bot, content, settings, "en")
    await client.send("/stop")
    set_after_stop = shown(await staff_member(bot, settings).send("/course 1 3"))
    assert Texts(content, "en")("staff.course.stopped") in set_after_stop
    move_to(bot, datetime(2027, 1, 10, 10, 0, tzinfo=UTC))
    await bot.run_scheduler()
    offer = t.counted("aftercourse.course.due", 3, clinic=settings.clinic_name, weeks=3)
    assert not [m for m in client.messages if offer in m.text]


async def test_a_course_marked_the_day_after_counts_from_the_visit(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """Treated pressed the morning after the visit put the next session's offer a day late."""
    t = Texts(content, "en")
    client = await book(bot, content, settings, when="2.12 9:00")
    await staff_member(bot, settings).send("/course 1 2")
    move_to(bot, datetime(2026, 12, 3, 9, 30, tzinfo=UTC))
    await press_on_card(bot, staff_member(bot, settings), 1, "Treated")
    move_to(bot, datetime(2026, 12, 16, 10, 0, tzinfo=UTC))  # two weeks after the visit
    await bot.run_scheduler()
    offer = t.counted("aftercourse.course.due", 2, clinic=settings.clinic_name, weeks=2)
    assert [m for m in client.messages if offer in m.text]


async def test_the_course_goes_on_after_the_sessions_that_follow(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """A course of three sessions set on the first visit's card: after the second session no
    offer of the third ever came, and the second card showed no course."""
    t, staff = Texts(content, "en"), Texts(content, "en")
    client = await treated(bot, content, settings, "en")  # session 1, 2 December
    maria = staff_member(bot, settings)
    await maria.send("/course 1 2 3")
    offer = t.counted("aftercourse.course.due", 2, clinic=settings.clinic_name, weeks=2)

    async def offers_by(moment: datetime) -> int:
        move_to(bot, moment)
        await bot.run_scheduler()
        return len([m for m in client.messages if offer in m.text])

    async def session(lead_id: int, at: datetime) -> None:
        await client.send("/menu")
        await client.press(t.label("menu.booking"))
        await client.send("+7 912 345-67-89")
        await client.press(t.label("booking.time.evening"))
        [prompt] = await press_on_card(bot, maria, lead_id, "Booked")
        await maria.reply_to(prompt, at.strftime("%d.%m %H:%M"))
        move_to(bot, at)
        await press_on_card(bot, maria, lead_id, "Treated")

    assert await offers_by(datetime(2026, 12, 16, 10, 0, tzinfo=UTC)) == 1
    await session(2, datetime(2026, 12, 16, 11, 0, tzinfo=UTC))
    assert staff.counted("staff.card.course", 2, weeks=2) in (await card(bot, 2)).text
    assert await offers_by(datetime(2026, 12, 30, 10, 0, tzinfo=UTC)) == 2
    await session(3, datetime(2026, 12, 30, 11, 0, tzinfo=UTC))  # the last of three
    assert await offers_by(datetime(2027, 1, 20, 10, 0, tzinfo=UTC)) == 2


async def test_a_rating_typed_counts_as_its_button_with_the_words_beside_it(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """"5 stars! loved it" under the review request got "I can't answer that myself", and
    "2, bit of a wait at reception" lost both the rating and the complaint."""
    t, staff = Texts(content, "en"), Texts(content, "en")
    client = await treated(bot, content, settings, "en")
    await review_request(bot, client, t)
    posts = len(bot.staff_chat())
    reply = shown(await client.send("2, bit of a wait at reception"))
    assert t("aftercourse.review.heard") in reply and t("faq.no_match") not in reply
    alert, said = bot.staff_chat()[posts:]
    assert alert.text.startswith(staff("staff.review.low", name="Olga (@user1001)", stars=2))
    assert "bit of a wait at reception" in said.text
    [stats] = await staff_member(bot, settings).send("/stats")
    assert "Ratings in the last 7 days: <b>1</b>, average <b>2.0</b>" in stats.text
    # Once: a second rating typed is no rating.
    assert t("aftercourse.review.thanks") not in shown(await client.send("5 stars! loved it"))


async def test_a_good_rating_typed_is_thanked(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    t = Texts(content, "en")
    client = await treated(bot, content, settings, "en")
    await review_request(bot, client, t)
    posts = len(bot.staff_chat())
    assert t("aftercourse.review.thanks") in shown(await client.send("5 stars! loved it 😍"))
    assert len(bot.staff_chat()) == posts + 1  # the words, for staff
