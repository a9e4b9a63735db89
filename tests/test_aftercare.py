"""Journey 5: the aftercare week, on time, once, in the client's language, whatever happens."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_time

from bot.clock import FixedClock
from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import ChatUser, Sandbox, Sent
from tests.chat import Texts, shown, week_started
from tests.desk import staff_member

LONDON = ZoneInfo("Europe/London")
STEP = timedelta(minutes=15)


def day_of(message: Sent) -> int | None:
    """The aftercare day a message belongs to, read from its check-in buttons."""
    for _, data in message.buttons:
        if data.startswith("care:"):
            return int(data.split(":")[2])
    return None


async def live_through(bot: Sandbox, user: ChatUser, until: datetime) -> list[tuple[int, str]]:
    """Let time pass in 15-minute ticks; (day, local time) of each aftercare message received."""
    received = []
    while bot.clock.now() < until:
        bot.clock.advance(STEP)
        before = len(user.messages)
        await bot.run_scheduler()
        for message in user.messages[before:]:
            day = day_of(message)
            if day is not None:
                received.append((day, bot.clock.now()))
    return received


async def started(bot: Sandbox, user: ChatUser, t: Texts) -> list[Sent]:
    await user.send("/menu")
    return await user.press(t.label("menu.aftercare"))


def at(tz: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=tz).astimezone(UTC)


@pytest.fixture
def october(settings: Settings) -> FixedClock:
    """Thursday 22 October 2026, noon in London; clocks go back on Sunday the 25th."""
    return FixedClock(at(LONDON, 2026, 10, 22, 12, 0))


@pytest.fixture
async def week_bot(settings: Settings, october: FixedClock):
    sandbox = await Sandbox.start(settings, october)
    yield sandbox
    await sandbox.stop()
    assert sandbox.errors == []


async def test_full_week_arrives_in_order_at_local_times_across_dst(
    week_bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    user = week_bot.user(language_code=language)
    reply = shown(await started(week_bot, user, t))
    assert t("aftercare.started", time=format_time(time(10), "short", locale=language)) in reply
    received = await live_through(week_bot, user, at(LONDON, 2026, 10, 30, 12, 0))
    local = [(day, moment.astimezone(LONDON).strftime("%a %d %H:%M")) for day, moment in received]
    assert local == [(0, "Thu 22 19:00"), (1, "Fri 23 10:00"), (2, "Sat 24 10:00"),
                     (3, "Sun 25 10:00"), (4, "Mon 26 10:00"), (5, "Tue 27 10:00"),
                     (6, "Wed 28 10:00"), (7, "Thu 29 10:00")]
    # The UTC instant moved by an hour when the clocks went back; the local hour did not.
    assert received[2][1].hour == 9 and received[3][1].hour == 10
    texts = [m.text for m in user.messages if day_of(m) is not None]
    for day, text in enumerate(texts):
        assert t(f"aftercare.day.{day}")[:30] in text
        assert t("aftercare.checkin.question") in text
    last_day = [m for m in user.messages if day_of(m) is not None][-1]  # day 8 asks a review
    assert t.label("aftercare.book_next") in [label for label, _ in last_day.buttons]
    stores = week_bot.app.bot_data["services"].stores
    assert await stores.aftercare.active_plan(user.id) is None  # the week closed itself


async def test_client_timezone_new_york_across_its_own_dst_change(
    settings: Settings, content: Content
) -> None:
    new_york = ZoneInfo("America/New_York")  # clocks go back on Sunday 1 November 2026
    sandbox = await Sandbox.start(settings, FixedClock(at(new_york, 2026, 10, 29, 9, 0)))
    try:
        t = Texts(content, "en")
        user = sandbox.user()
        assert "America/New_York" in shown(await user.send("/timezone America/New_York"))
        await started(sandbox, user, t)
        received = await live_through(sandbox, user, at(new_york, 2026, 11, 6, 0, 0))
        local = [m.astimezone(new_york).strftime("%d %H:%M") for _, m in received]
        assert local == ["29 19:00", "30 10:00", "31 10:00", "01 10:00", "02 10:00",
                         "03 10:00", "04 10:00", "05 10:00"]
    finally:
        await sandbox.stop()
    assert sandbox.errors == []


@pytest.mark.engines  # claims, deferrals and plans on both engines
async def test_restart_mid_week_loses_no_day_and_doubles_none(
    week_bot: Sandbox, content: Content
) -> None:
    user, t = await week_started(week_bot)
    first = await live_through(week_bot, user, at(LONDON, 2026, 10, 25, 12, 0))
    await week_bot.restart()
    second = await live_through(week_bot, user, at(LONDON, 2026, 10, 30, 12, 0))
    assert [d for d, _ in first] == [0, 1, 2, 3] and [d for d, _ in second] == [4, 5, 6, 7]


async def test_three_days_down_sends_todays_message_late_and_skips_the_rest(
    week_bot: Sandbox, content: Content
) -> None:
    user, t = await week_started(week_bot)
    await live_through(week_bot, user, at(LONDON, 2026, 10, 23, 12, 0))  # days 0 and 1
    await week_bot.stop()
    week_bot.clock.moment = at(LONDON, 2026, 10, 26, 15, 30)  # back on Monday afternoon
    await week_bot.restart()
    before = len(user.messages)
    assert await week_bot.run_scheduler() == 1
    [late] = user.messages[before:]
    assert day_of(late) == 4
    stores = week_bot.app.bot_data["services"].stores
    plan = await stores.aftercare.plan(1)
    statuses = {m.day: m.status for m in await stores.aftercare.plan_messages(plan.id)}
    assert statuses == {0: "sent", 1: "sent", 2: "skipped", 3: "skipped", 4: "sent",
                        5: "pending", 6: "pending", 7: "pending"}


async def test_a_week_whose_last_day_passed_while_the_bot_was_down_still_ends(
    week_bot: Sandbox, content: Content
) -> None:
    """The closing message skipped left the week "active" for ever: every later message was a
    check-in of day 31, and "I had my procedure today" answered "already running"."""
    user, t = await week_started(week_bot)
    await week_bot.stop()
    week_bot.clock.moment = at(LONDON, 2026, 11, 10, 12, 0)  # down for the whole week
    await week_bot.restart()
    while await week_bot.run_scheduler():
        pass
    stores = week_bot.app.bot_data["services"].stores
    plan = await stores.aftercare.plan(1)
    assert plan is not None and plan.status == "finished"
    reply = shown(await user.send("/aftercare"))
    assert t("aftercare.already_running", day=19) not in reply
    assert t("aftercare.started", time="10:00\u202fAM") in reply


@pytest.mark.engines  # claims, deferrals and plans on both engines
async def test_quiet_hours_hold_a_late_message_until_the_next_day_drops_it(
    week_bot: Sandbox, content: Content
) -> None:
    user, t = await week_started(week_bot)
    await week_bot.stop()
    week_bot.clock.moment = at(LONDON, 2026, 10, 22, 21, 30)  # missed 19:00; now quiet
    await week_bot.restart()
    assert await week_bot.run_scheduler() == 0
    received = await live_through(week_bot, user, at(LONDON, 2026, 10, 23, 12, 0))
    assert [d for d, _ in received] == [1]


async def test_starting_twice_keeps_one_plan_and_a_new_week_later_starts_a_new_one(
    week_bot: Sandbox, content: Content
) -> None:
    user, t = await week_started(week_bot)
    reply = shown(await user.send("/aftercare"))
    assert t("aftercare.already_running", day=0) in reply
    stores = week_bot.app.bot_data["services"].stores
    rows = await stores.database.all("SELECT COUNT(*) FROM aftercare_plans")
    assert rows[0][0] == 1
    await live_through(week_bot, user, at(LONDON, 2026, 11, 2, 12, 0))
    reply = shown(await user.send("/aftercare"))
    assert t("aftercare.started", time="10:00\u202fAM") in reply
    rows = await stores.database.all("SELECT status FROM aftercare_plans ORDER BY id")
    assert [r[0] for r in rows] == ["finished", "active"]


async def test_evening_start_sends_day_zero_at_once(
    settings: Settings, content: Content
) -> None:
    sandbox = await Sandbox.start(settings, FixedClock(at(LONDON, 2026, 10, 22, 20, 15)))
    try:
        t = Texts(content, "en")
        user = sandbox.user()
        messages = await started(sandbox, user, t)
        assert [day_of(m) for m in messages] == [None, 0]
        assert await sandbox.run_scheduler() == 0
    finally:
        await sandbox.stop()


@pytest.mark.engines  # claims, deferrals and plans on both engines
async def test_stop_ends_the_nudges_at_once(week_bot: Sandbox, content: Content) -> None:
    user, t = await week_started(week_bot, "ru")
    await live_through(week_bot, user, at(LONDON, 2026, 10, 23, 12, 0))
    assert t("aftercare.stopped") in shown(await user.send("/stop"))
    assert await live_through(week_bot, user, at(LONDON, 2026, 10, 30, 12, 0)) == []
    assert t("aftercare.nothing_to_stop") in shown(await user.send("/stop"))


@pytest.mark.engines  # claims, deferrals and plans on both engines
async def test_blocked_client_is_marked_unreachable_without_retry_storm(
    week_bot: Sandbox, content: Content
) -> None:
    user, t = await week_started(week_bot)
    calls_before = len(week_bot.api.calls)
    week_bot.api.fail_next["sendMessage"].append(
        (403, {"description": "Forbidden: bot was blocked by the user"}))
    assert await live_through(week_bot, user, at(LONDON, 2026, 10, 30, 12, 0)) == []
    attempts = [c for c in week_bot.api.calls[calls_before:] if c[0] == "sendMessage"]
    assert len(attempts) == 1  # one failed nudge, nothing after
    stores = week_bot.app.bot_data["services"].stores
    assert (await stores.clients.get(user.id)).unreachable_at is not None
    assert await stores.aftercare.active_plan(user.id) is None


async def test_a_rejected_message_fails_alone_and_the_week_goes_on(
    week_bot: Sandbox, content: Content, caplog: pytest.LogCaptureFixture
) -> None:
    user, t = await week_started(week_bot)
    week_bot.api.fail_next["sendMessage"].append(
        (400, {"description": "Bad Request: can't parse entities: unsupported start tag"}))
    with caplog.at_level(logging.ERROR, logger="bot.telegram.sending"):
        received = await live_through(week_bot, user, at(LONDON, 2026, 10, 30, 12, 0))
    assert [day for day, _ in received] == [1, 2, 3, 4, 5, 6, 7]
    stores = week_bot.app.bot_data["services"].stores
    assert (await stores.clients.get(user.id)).unreachable_at is None
    [plan] = await stores.database.all("SELECT id, status FROM aftercare_plans")
    assert plan[1] == "finished"
    days = await stores.aftercare.plan_messages(plan[0])
    assert [(m.day, m.status) for m in days] == [(0, "failed")] + [(d, "sent") for d in range(1, 8)]
    [logged] = [r.getMessage() for r in caplog.records]
    assert f"client {user.id}" in logged and f"plan {plan[0]}" in logged and "day 0" in logged


@pytest.mark.engines  # claims, deferrals and plans on both engines
async def test_retry_after_pauses_sending_and_loses_nothing(
    week_bot: Sandbox, content: Content
) -> None:
    user, t = await week_started(week_bot)
    week_bot.clock.moment = at(LONDON, 2026, 10, 22, 19, 0)
    week_bot.api.fail_next["sendMessage"].append(
        (429, {"description": "Too Many Requests", "parameters": {"retry_after": 120}}))
    assert await week_bot.run_scheduler() == 0
    week_bot.clock.advance(timedelta(seconds=60))
    assert await week_bot.run_scheduler() == 0  # still paused
    week_bot.clock.advance(timedelta(seconds=61))
    assert await week_bot.run_scheduler() == 1
    assert day_of(user.last) == 0


@pytest.mark.engines  # claims, deferrals and plans on both engines
async def test_network_errors_retry_with_growing_delays(
    week_bot: Sandbox, content: Content
) -> None:
    user, t = await week_started(week_bot)
    week_bot.clock.moment = at(LONDON, 2026, 10, 22, 19, 0)
    for _ in range(2):
        week_bot.api.fail_next["sendMessage"].append((502, {"description": "Bad Gateway"}))
    assert await week_bot.run_scheduler() == 0  # fails; next try in 30 s
    week_bot.clock.advance(timedelta(seconds=29))
    assert await week_bot.run_scheduler() == 0  # too early
    week_bot.clock.advance(timedelta(seconds=1))
    assert await week_bot.run_scheduler() == 0  # fails again; next try in 60 s
    week_bot.clock.advance(timedelta(seconds=60))
    assert await week_bot.run_scheduler() == 1
    assert [day_of(m) for m in user.messages].count(0) == 1


async def test_a_word_to_leave_typed_for_the_problem_still_reaches_staff(
    week_bot: Sandbox, content: Content, language: str
) -> None:
    """"Something else" pressed, then "отмена" typed: the problem reported is not dropped."""
    t = Texts(content, language)
    user = week_bot.user(first_name="Vera", language_code=language)
    await started(week_bot, user, t)
    await live_through(week_bot, user, at(LONDON, 2026, 10, 23, 12, 0))
    await user.press(t.label("aftercare.answer.other"))
    word = {"en": "cancel", "ru": "отмена"}[language]
    reply = shown(await user.send(word))
    assert t("aftercare.problem.guidance") in reply
    [alert] = week_bot.staff_chat()
    assert "Vera" in alert.text and word in alert.text


async def test_problem_checkin_alerts_staff_and_calms_the_client(
    week_bot: Sandbox, content: Content, language: str
) -> None:
    t, staff = Texts(content, language), Texts(content, "en")
    user = week_bot.user(first_name="Vera", username="vera_s", language_code=language)
    await started(week_bot, user, t)
    await live_through(week_bot, user, at(LONDON, 2026, 10, 23, 12, 0))
    reply = shown(await user.press(t.label("aftercare.answer.redness")))  # day 1: normal
    assert t("aftercare.reply.redness") in reply and week_bot.staff_chat() == []
    await live_through(week_bot, user, at(LONDON, 2026, 10, 25, 12, 0))
    reply = shown(await user.press(t.label("aftercare.answer.redness")))  # day 3: a problem
    assert t("aftercare.problem.guidance") in reply and "+44 20 7946 0000" in reply
    [alert] = week_bot.staff_chat()
    for expected in ("Vera", "@vera_s", staff("staff.aftercare.day", day=3),
                     staff.label("aftercare.answer.redness")):
        assert expected in alert.text
    await user.press(t.label("aftercare.answer.other"))
    assert t("aftercare.describe") in user.last.text
    await user.send("small white flakes on the chin")
    assert "small white flakes on the chin" in week_bot.staff_chat()[-1].text
    stores = week_bot.app.bot_data["services"].stores
    rows = await stores.database.all(
        "SELECT day, answer, details, problem FROM aftercare_checkins")
    assert [tuple(r) for r in rows] == [(1, "redness", None, 0), (3, "redness", None, 1),
                                        (3, "other", "small white flakes on the chin", 1)]


async def test_forged_checkin_for_someone_elses_plan_is_out_of_date(
    week_bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    owner, other = week_bot.user(1), week_bot.user(2)
    await started(week_bot, owner, t)
    await other.send("/menu")
    assert t("error.stale_button") in shown(await other.press_data("care:1:0:cracks"))
    assert week_bot.staff_chat() == []


async def test_staff_answer_a_problem_alert_by_replying_to_it(
    week_bot: Sandbox, content: Content, settings: Settings
) -> None:
    user, t = await week_started(week_bot, "ru", first_name="Vera")
    await live_through(week_bot, user, at(LONDON, 2026, 10, 22, 20, 0))
    await user.press(t.label("aftercare.answer.cracks"))
    [alert] = week_bot.staff_chat()
    maria = staff_member(week_bot, settings)
    await maria.reply_to(alert, "Please come in tomorrow at 10, we will take a look.")
    assert "Please come in tomorrow at 10, we will take a look." in user.last.text
    assert t("relay.forwarded") in shown(await user.send("Спасибо, приду"))
    assert "Спасибо, приду" in week_bot.staff_chat()[-1].text
    stats = await week_bot.app.bot_data["services"].stores.database.all(
        "SELECT stage FROM funnel_events WHERE stage LIKE 'aftercare%'")
    assert [r[0] for r in stats] == ["aftercare_problem"]


async def test_timezone_accepts_only_real_zones_in_their_own_spelling(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    user = bot.user()
    stores = bot.app.bot_data["services"].stores
    for name in ("localtime", "posixrules", "Factory", "right/UTC", "posix/Europe/Berlin"):
        assert shown(await user.send(f"/timezone {name}")) == t(
            "aftercare.timezone.unknown", timezone=name)
    assert (await stores.clients.get(user.id)).timezone is None
    assert shown(await user.send("/timezone europe/berlin")) == t(
        "aftercare.timezone.set", timezone="Europe/Berlin")
    assert (await stores.clients.get(user.id)).timezone == "Europe/Berlin"


@pytest.mark.parametrize("language, text", [
    ("ru", "Мне сегодня сделали процедуру"),
    ("ru", "сделала сегодня алмазную шлифовку"),
    ("ru", "сегодня сделали шлифовку лица"),
    ("en", "I had my procedure today"),
    ("en", "had microdermabrasion this morning"),
    # "had it done this morning" alerted staff of an aftercare problem, and started nothing.
    ("en", "had it done this morning"), ("en", "I got my diamond peel done today"),
])
async def test_the_procedure_had_today_told_in_own_words_starts_the_week(
    week_bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"Мне сегодня сделали процедуру" got the page on how the procedure goes, "сделала сегодня
    алмазную шлифовку" the booking's check: only the menu's own words started the week."""
    t = Texts(content, language)
    user = week_bot.user(language_code=language)
    await user.send("/start")
    reply = shown(await user.send(text))
    assert t("aftercare.started", time=format_time(time(10), "short", locale=language)) in reply
    assert await week_bot.app.bot_data["services"].stores.aftercare.active_plan(
        user.user["id"]) is not None


@pytest.mark.parametrize("language, text, ago", [
    ("ru", "мне вчера сделали процедуру", 1), ("ru", "вчера была на шлифовке", 1),
    ("en", "I had my procedure yesterday", 1), ("en", "had microdermabrasion yesterday", 1),
    # "процедура была вчера" got "What is diamond microdermabrasion?", "мне сделали
    # процедуру позавчера" the page on how it goes.
    ("ru", "процедура была вчера", 1), ("ru", "мне сделали процедуру позавчера", 2),
    ("en", "I had my procedure the day before yesterday", 2),
    # "I had it done 3 days ago" began the week at day 2, as "10 days ago" did, which began a
    # whole week of sun-free days more.
    ("en", "I had it done 3 days ago", 3), ("ru", "процедура была 5 дней назад", 5),
    ("en", "I did the microderm 2 days ago", 2), ("en", "did the microderm yesterday", 1),
    # The clinic named as where: "вчера делала алмазную шлифовку у вас" got the page "What is
    # diamond microdermabrasion?", the "вас" read as a question to the clinic.
    ("ru", "вчера делала алмазную шлифовку у вас", 1), ("ru", "вчера была у вас на шлифовке", 1),
    ("en", "I had my procedure at your clinic yesterday", 1)])
async def test_the_procedure_had_yesterday_starts_the_week_from_yesterday(
    week_bot: Sandbox, content: Content, language: str, text: str, ago: int
) -> None:
    """"мне вчера сделали процедуру" was offered to staff as a question the bot cannot
    answer: the client's week never began."""
    t = Texts(content, language)
    user = week_bot.user(language_code=language)
    await user.send("/start")
    reply = shown(await user.send(text))
    assert t("aftercare.started", time=format_time(time(10), "short", locale=language)) in reply
    services = week_bot.app.bot_data["services"]
    plan = await services.stores.aftercare.active_plan(user.user["id"])
    treated = (services.clock.now() - timedelta(days=ago)).astimezone(
        services.settings.timezone).date()
    assert plan is not None and plan.treated_on == treated


async def test_the_procedure_had_more_than_a_week_ago_starts_no_week(
    week_bot: Sandbox, content: Content
) -> None:
    user = week_bot.user(language_code="en")
    await user.send("/start")
    await user.send("I had it done 10 days ago")
    assert await week_bot.app.bot_data["services"].stores.aftercare.active_plan(
        user.user["id"]) is None


async def test_a_change_told_beside_the_procedure_had_yesterday_reaches_staff(
    week_bot: Sandbox, content: Content
) -> None:
    user = week_bot.user(language_code="ru")
    await user.send("/start")
    await user.send("вчера сделали шлифовку, сегодня печёт")
    assert week_bot.staff_chat() != []
    assert await week_bot.app.bot_data["services"].stores.aftercare.active_plan(
        user.user["id"]) is None


@pytest.mark.parametrize("language, text, topic", [
    ("en", "I had my procedure today, can I wear makeup tomorrow?", "aftercare"),
    ("ru", "сегодня сделали шлифовку, можно ли завтра краситься?", "aftercare"),
])
async def test_a_question_beside_the_procedure_had_today_is_answered_and_the_week_offered(
    week_bot: Sandbox, content: Content, settings: Settings, language: str, text: str,
    topic: str
) -> None:
    t = Texts(content, language)
    user = week_bot.user(language_code=language)
    await user.send("/start")
    reply = shown(await user.send(text))
    assert t.faq(topic, settings) in reply and t("aftercare.offer") in reply
    assert user.find_button(t.label("menu.aftercare"))
    assert await week_bot.app.bot_data["services"].stores.aftercare.active_plan(
        user.user["id"]) is None


LONG = {  # some 1,900 characters of background before what matters
    "en": "So about yesterday, let me tell you everything from the start. " * 30,
    "ru": "Расскажу всё по порядку, что было вчера и сегодня с самого утра. " * 30}
URGENT_AT_THE_END = {"en": "BUT NOW MY EYE IS SWOLLEN SHUT AND I HAVE TROUBLE BREATHING",
                     "ru": "А СЕЙЧАС ГЛАЗ ЗАПЛЫЛ И МНЕ ТРУДНО ДЫШАТЬ"}


@pytest.mark.parametrize("describe, times", [(True, 1), (False, 1), (True, 2)])
async def test_a_long_message_in_the_week_is_read_and_passed_on_whole(
    week_bot: Sandbox, content: Content, language: str, describe: bool, times: int
) -> None:
    """1,850 characters of background ending "…now my eye is swollen shut and I have trouble
    breathing": after "Something else" only the first 1,000 were read, so the client got the
    calm reply and staff a plain alert that never showed the end; typed straight in the
    week, it was refused as too long to read."""
    t, staff = Texts(content, language), Texts(content, "en")
    user = week_bot.user(first_name="Vera", language_code=language)
    await started(week_bot, user, t)
    await live_through(week_bot, user, at(LONDON, 2026, 10, 23, 12, 0))
    if describe:
        await user.press(t.label("aftercare.answer.other"))
    text = LONG[language] * times + URGENT_AT_THE_END[language]  # twice: near Telegram's 4,096
    reply = shown(await user.send(text))
    assert t("aftercare.problem.urgent") in reply
    [alert] = week_bot.staff_chat()
    assert staff("staff.aftercare.urgent") in alert.text
    assert URGENT_AT_THE_END[language] in alert.text


async def test_words_after_a_problem_button_join_its_alert_rather_than_make_another(
    week_bot: Sandbox, content: Content, language: str
) -> None:
    """"Pain or burning" pressed on day 3, then "It burns quite a lot since this morning":
    staff got two "⚠️ Aftercare problem reported", and /stats counted two problems."""
    t, staff = Texts(content, language), Texts(content, "en")
    user = week_bot.user(first_name="Vera", language_code=language)
    await started(week_bot, user, t)
    await live_through(week_bot, user, at(LONDON, 2026, 10, 25, 12, 0))
    await user.press(t.label("aftercare.answer.pain"))
    [alert] = week_bot.staff_chat()
    words = {"en": "it burns quite a lot since this morning",
             "ru": "жжёт довольно сильно с утра"}[language]
    reply = shown(await user.send(words))
    assert t("aftercare.problem.added") in reply
    [alert_again, more] = week_bot.staff_chat()
    assert alert_again == alert
    assert staff("staff.aftercare.more", name="Vera", day=3) in more.text and words in more.text
    maria = staff_member(week_bot, week_bot.app.bot_data["services"].settings)
    await maria.reply_to(more, "We will call you in ten minutes.")
    assert "We will call you in ten minutes." in user.last.text


async def test_something_else_left_for_the_menu_takes_no_later_question_for_a_problem(
    week_bot: Sandbox, content: Content, language: str
) -> None:
    """"Something else" pressed, then the menu's questions opened and "how long does it
    take?" typed: staff got a problem alert in those words, and the question no answer."""
    t = Texts(content, language)
    user = week_bot.user(language_code=language)
    await started(week_bot, user, t)
    await live_through(week_bot, user, at(LONDON, 2026, 10, 23, 12, 0))
    await user.press(t.label("aftercare.answer.other"))
    await user.send("/menu")
    await user.press(t.label("menu.faq"))
    reply = shown(await user.send({"en": "how much does it cost?",
                                   "ru": "сколько стоит процедура?"}[language]))
    assert t("aftercare.problem.guidance") not in reply
    assert week_bot.staff_chat() == []


async def test_a_problem_button_pressed_twice_alerts_staff_once(
    week_bot: Sandbox, content: Content, language: str
) -> None:
    """A nervous double tap on "Cracks" sent staff two alerts, and /mydata listed it twice."""
    t = Texts(content, language)
    user = week_bot.user(language_code=language)
    await started(week_bot, user, t)
    await live_through(week_bot, user, at(LONDON, 2026, 10, 23, 12, 0))
    await user.press(t.label("aftercare.answer.cracks"))
    reply = shown(await user.press(t.label("aftercare.answer.cracks")))
    assert t("aftercare.problem.already") in reply and "+44 20 7946 0000" in reply
    assert len(week_bot.staff_chat()) == 1
    stores = week_bot.app.bot_data["services"].stores
    rows = await stores.database.all("SELECT day, answer FROM aftercare_checkins")
    assert [tuple(r) for r in rows] == [(1, "cracks")]
    # Another answer, or the same one the next day, is news.
    await user.press(t.label("aftercare.answer.pain"))
    assert len(week_bot.staff_chat()) == 2


async def test_all_well_typed_after_something_else_alerts_nobody(
    week_bot: Sandbox, content: Content, language: str
) -> None:
    """"Something else" pressed, then "ой, передумала, всё нормально": staff got a problem
    alert in those words, and the next morning's message said the problem was with them."""
    t = Texts(content, language)
    user = week_bot.user(language_code=language)
    await started(week_bot, user, t)
    await live_through(week_bot, user, at(LONDON, 2026, 10, 23, 12, 0))
    await user.press(t.label("aftercare.answer.other"))
    reply = shown(await user.send({"en": "oh sorry, changed my mind, all good",
                                   "ru": "ой, передумала, всё нормально"}[language]))
    assert t("aftercare.problem.guidance") not in reply
    assert week_bot.staff_chat() == []


async def test_the_closing_days_question_is_answered_in_words_too(
    week_bot: Sandbox, content: Content, language: str
) -> None:
    """The closing day's message asks how the skin is; "всё прошло, всё хорошо" typed to it got
    the page about how the procedure goes, and "покраснение так и держится" reached staff as
    if no week had run."""
    t, staff = Texts(content, language), Texts(content, "en")
    user = week_bot.user(language_code=language)
    await started(week_bot, user, t)
    await live_through(week_bot, user, at(LONDON, 2026, 10, 29, 12, 0))  # day 7, closed
    reply = shown(await user.send({"en": "still red, it won't go away",
                                   "ru": "покраснение так и держится"}[language]))
    assert t("aftercare.problem.guidance") in reply
    [alert] = week_bot.staff_chat()
    assert staff("staff.aftercare.day", day=7) in alert.text
    reply = shown(await user.send({"en": "all gone now, all good 😊",
                                   "ru": "всё прошло, всё хорошо 😊"}[language]))
    assert t("faq.process.title") not in reply
    assert "all is well" in week_bot.staff_chat()[-1].text
