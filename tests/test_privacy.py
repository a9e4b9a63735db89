"""Health answers are special-category data: kept only as long as needed, shown to the client,
erased on request."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import ChatUser, Sandbox
from bot.flows.eligibility import path
from tests.chat import Texts, consented, screen, shown, tell, week_started
from tests.desk import card, lead_by_chat, press_on_card, staff_member

pytestmark = pytest.mark.engines


async def count(bot: Sandbox, sql: str) -> int:
    row = await bot.app.bot_data["services"].stores.database.one(sql)
    return int(row[0])


async def test_retention_purges_unconverted_answers_and_old_aftercare_only(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    t = Texts(content, "en")
    browsing, booked = bot.user(1), bot.user(2)
    await screen(browsing, t, yes=frozenset({"herpes"}))
    await screen(booked, t)
    await booked.press(t.label("screening.outcome.suitable.book"))
    await booked.share_contact()
    await booked.press(t.label("booking.time.any"))
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, "Treated")  # came without an appointment
    await maria.press(t.label("staff.treated.anyway"))
    for _ in range(8 * 24):
        bot.clock.advance(timedelta(hours=1))
        await bot.run_scheduler()
    await booked.press(t.label("aftercare.answer.fine"))
    answers = await count(bot, "SELECT COUNT(*) FROM screening_answers")
    steps = len(path(content.screening))
    assert answers == 2 * steps and await count(bot, "SELECT COUNT(*) FROM aftercare_checkins") == 1
    bot.clock.advance(timedelta(days=350))  # 358 days after the checks
    await bot.run_scheduler()
    assert await count(bot, "SELECT COUNT(*) FROM screening_answers") == answers  # not yet
    bot.clock.advance(timedelta(days=20))  # 378 days after the checks, 371 after the week
    await bot.run_scheduler()
    assert await count(bot, "SELECT COUNT(*) FROM screening_answers WHERE screening_id = 1") == 0
    kept = await count(bot, "SELECT COUNT(*) FROM screening_answers WHERE screening_id = 2")
    assert kept == steps
    assert await count(bot, "SELECT COUNT(*) FROM aftercare_checkins") == 0
    assert await count(bot, "SELECT COUNT(*) FROM aftercare_messages") == 0
    assert await count(bot, "SELECT COUNT(*) FROM screenings") == 2
    # The outcome of a check is health data too ("a specialist needs to decide"): it goes
    # with the answers, and stays with the visit's.
    assert await count(bot, "SELECT COUNT(*) FROM screenings WHERE outcome IS NOT NULL") == 1


@pytest.mark.parametrize("ending", ["left", "unsuitable"])
async def test_retention_deletes_a_request_that_never_came_to_a_visit(
    bot: Sandbox, content: Content, settings: Settings, ending: str
) -> None:
    """A request left at the choice of time, with "I have a pacemaker" in its note, or one
    staff marked "Not suitable", kept its answers, note and phone for ever:
    /privacy says answers of checks that did not lead to a booking go after 365 days."""
    t, staff = Texts(content, "en"), Texts(content, "en")
    client = await lead_by_chat(bot, content)
    maria = staff_member(bot, settings)
    if ending == "unsuitable":
        await press_on_card(bot, maria, 1, "Not suitable")
    else:
        await client.send("/start")
    answers = await count(bot, "SELECT COUNT(*) FROM screening_answers")
    card_id = (await card(bot, 1)).message_id
    bot.clock.advance(timedelta(days=settings.retention_days - 5))
    await bot.run_scheduler()
    assert await count(bot, "SELECT COUNT(*) FROM leads") == 1  # not yet
    assert await count(bot, "SELECT COUNT(*) FROM screening_answers") == answers
    bot.clock.advance(timedelta(days=10))
    await bot.run_scheduler()
    assert await count(bot, "SELECT COUNT(*) FROM leads") == 0
    assert await count(bot, "SELECT COUNT(*) FROM screening_answers") == 0
    assert await count(bot, "SELECT COUNT(*) FROM screenings WHERE outcome IS NOT NULL") == 0
    [card_now] = [m for m in bot.staff_chat() if m.message_id == card_id]
    assert staff.counted("staff.expired.lead", settings.retention_days, id=1,
                         days=settings.retention_days) == card_now.text
    assert "Olga" not in card_now.text and card_now.buttons == []
    mine = shown(await client.send("/mydata"))
    assert t("screening.outcome.suitable.title") not in mine


async def test_retention_keeps_a_request_that_came_to_a_visit(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    await lead_by_chat(bot, content)
    maria = staff_member(bot, settings)
    [prompt] = await press_on_card(bot, maria, 1, "Booked")
    await maria.reply_to(prompt, "2026-12-03 14:30")
    await press_on_card(bot, maria, 1, "Archived")  # the visit is over, or called off
    await maria.press(Texts(content, "en").label("staff.call_off.yes"))
    bot.clock.advance(timedelta(days=settings.retention_days + 10))
    await bot.run_scheduler()
    assert await count(bot, "SELECT COUNT(*) FROM leads") == 1


async def test_retention_with_nothing_to_purge_leaves_the_wal_alone(
    bot: Sandbox, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every hour's retention run truncated the WAL, purged or not: five days of the shell's
    clock printed "the WAL could not be truncated" 120 times."""
    await screen(bot.user(1), Texts(content, "en"))
    database = bot.app.bot_data["services"].stores.database
    truncations: list[None] = []
    checkpoint = database.checkpoint

    async def counted() -> None:
        truncations.append(None)
        await checkpoint()
    monkeypatch.setattr(database, "checkpoint", counted)
    for _ in range(5):
        bot.clock.advance(timedelta(hours=1))
        await bot.run_scheduler()
    assert truncations == []


async def test_health_told_outside_a_check_is_kept_only_until_retention(
    bot: Sandbox, settings: Settings, content: Content
) -> None:
    """The moment a client told of their health at the menu waits for their next check; it is
    special-category data too, so retention clears it like the answers."""
    client = bot.user(3)
    await tell(client, Texts(content, "en"), "I take heart pills every day")
    told = "SELECT COUNT(*) FROM clients WHERE health_told_at IS NOT NULL"
    assert await count(bot, told) == 1
    bot.clock.advance(timedelta(days=settings.retention_days - 1))
    await bot.run_scheduler()
    assert await count(bot, told) == 1
    bot.clock.advance(timedelta(days=2))
    await bot.run_scheduler()
    assert await count(bot, told) == 0


ZINA = {"user_id": 987654321, "first_name": "Zinaida", "last_name": "Kvasova",
        "username": "zina_kv", "language_code": "en"}
PHONE = "+7 999 111-22-33"
STORED_PHONE = "+79991112233"  # E.164, as every number is stored


async def everything_about_zina(bot: Sandbox, content: Content, settings: Settings) -> ChatUser:
    """Zinaida uses every journey: FAQ relay, two checks, a reminder, a booking that staff
    take to treated, an aftercare week with a problem answered by staff, her own timezone."""
    t = Texts(content, "en")
    zina = bot.user(**ZINA)
    maria = staff_member(bot, settings)
    await zina.send("/start")
    await zina.send("Can I bring my dog Bruno along?")
    await zina.press(t.label("faq.forward.yes"))
    await maria.reply_to(bot.staff_chat()[-1], "Sorry, no dogs.")
    await zina.send("Okay, thanks Zinaida here")
    await screen(zina, t, yes=frozenset({"herpes"}))
    await zina.press_data(zina.last.buttons[0][1], zina.last)  # remind me later
    await zina.press(t.label("menu.screening"))
    for step in content.screening.steps:
        await zina.press(t.label("screening.done") if step.kind == "choose_many"
                         else t.label("screening.no"))
    await zina.press(t.label("screening.outcome.suitable.book"))
    await zina.share_contact(PHONE)
    await zina.press(t.label("booking.time.morning"))
    await press_on_card(bot, maria, 1, "Contacted")
    [prompt] = await press_on_card(bot, maria, 1, "Booked")
    await maria.reply_to(prompt, "2026-11-24 14:30")  # treated that day
    await press_on_card(bot, maria, 1, "Treated")
    await zina.send("/timezone Europe/Berlin")
    bot.clock.advance(timedelta(hours=9))
    await bot.run_scheduler()
    await zina.press(t.label("aftercare.answer.other"))
    await zina.send("a red patch near Zinaida's left ear")
    await maria.reply_to(bot.staff_chat()[-1], "Please call us.")
    await zina.send("/language")
    await zina.press("Русский")
    return zina


async def test_mydata_shows_the_client_what_is_stored(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    zina = await everything_about_zina(bot, content, settings)
    t = Texts(content, "ru")
    text = shown(await zina.send("/mydata"))
    for expected in ("Zinaida Kvasova", "@zina_kv", STORED_PHONE, "Europe/Berlin",
                     t.label("screening.condition.herpes") + ": " + t.label("screening.yes"),
                     t("mydata.questions", count=1)):
        assert expected in text
    assert len(text) <= 4096


async def test_privacy_notice_says_what_why_how_long_and_who(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    text = shown(await bot.user().send("/privacy"))
    assert t.counted("privacy.how_long", 365, days=365) in text
    assert "/forget" in text and "/mydata" in text


async def test_forget_erases_every_row_of_the_client_and_marks_staff_posts(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    zina = await everything_about_zina(bot, content, settings)
    t = Texts(content, "ru")
    stores = bot.app.bot_data["services"].stores
    funnel_before = await stores.database.all("SELECT stage, day FROM funnel_events")
    reply = shown(await zina.send("/forget"))
    assert t("privacy.forget.confirm") in reply
    assert t("privacy.forget.done") in shown(await zina.press(t.label("privacy.forget.yes")))

    needles = [str(ZINA["user_id"]), "Zinaida", "Kvasova", "zina_kv", PHONE, "999 111",
               STORED_PHONE[1:], "Bruno", "red patch"]
    for table in await stores.database.table_names():
        for row in await stores.database.all(f"SELECT * FROM {table}"):
            flat = " | ".join(map(str, tuple(row)))
            for needle in needles:
                assert needle not in flat, f"{needle!r} left in {table}: {flat}"
    assert await stores.database.all("SELECT stage, day FROM funnel_events") == funnel_before

    staff = Texts(content, "en")
    [lead_card] = [m for m in bot.staff_chat() if m.text.startswith(
        staff("staff.erased.lead", id=1))]
    assert lead_card.buttons == []
    for message in bot.staff_chat():
        assert "Zinaida" not in message.text and PHONE not in message.text, message.text
    assert await bot.run_scheduler() == 0
    reply = shown(await zina.send("/mydata"))
    assert PHONE not in reply and STORED_PHONE not in reply and "herpes" not in reply.lower()


async def test_forget_can_be_declined(bot: Sandbox, content: Content) -> None:
    t = Texts(content, "en")
    user = bot.user()
    await screen(user, t)
    await user.send("/forget")
    assert t("privacy.forget.kept") in shown(await user.press(t.label("privacy.forget.no")))
    assert await count(bot, "SELECT COUNT(*) FROM screening_answers") == len(
        path(content.screening))


async def test_no_to_erasing_with_nothing_stored_says_no_erasure_happened(
    bot: Sandbox, content: Content, language: str
) -> None:
    """/forget, then "No, keep my data", from a client who had only said /start: "your data
    has already been deleted", while /mydata showed their profile."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/start")
    await user.send("/forget")
    reply = shown(await user.press(t.label("privacy.forget.no")))
    assert t("privacy.forget.nothing") in reply
    assert {"en": "deleted", "ru": "удалены"}[language] not in reply


async def test_an_older_erasure_question_answered_after_the_erasure_tells_the_truth(
    bot: Sandbox, content: Content, language: str
) -> None:
    """/forget asked twice, erased from the second question: "No, keep my data" on the first
    said "Nothing was deleted", though everything was; its "Yes" answered nothing at all."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await screen(user, t)
    asked = []
    for _ in range(3):
        await user.send("/forget")
        asked.append((user.last, dict(user.last.buttons)))  # edited once answered
    assert t("privacy.forget.done") in shown(await user.press(t.label("privacy.forget.yes")))
    (first, first_buttons), (second, second_buttons) = asked[:2]
    reply = shown(await user.press_data(first_buttons[t.label("privacy.forget.no")], first))
    assert t("privacy.forget.kept") not in reply and t("privacy.forget.nothing") in reply
    reply = shown(await user.press_data(second_buttons[t.label("privacy.forget.yes")], second))
    assert t("privacy.forget.nothing") in reply


async def test_retention_purges_the_answers_of_an_abandoned_check(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    user = bot.user()
    await consented(user, t)
    await user.press(t.label("screening.done"))
    for _ in range(2):
        await user.press_exact(t.label("screening.no"))
    assert await count(bot, "SELECT COUNT(*) FROM screening_answers") == 3
    bot.clock.advance(timedelta(days=360))
    await bot.run_scheduler()
    assert await count(bot, "SELECT COUNT(*) FROM screening_answers") == 3  # not yet
    bot.clock.advance(timedelta(days=35))  # 395 days after the last answer
    await bot.run_scheduler()
    assert await count(bot, "SELECT COUNT(*) FROM screening_answers") == 0
    assert await count(bot, "SELECT COUNT(*) FROM screenings WHERE status = 'active'") == 0
    await user.send("/menu")
    await user.press(t.label("menu.screening"))
    assert await count(bot, "SELECT COUNT(*) FROM screening_answers") == 0


@pytest.mark.engines("sqlite")  # PostgreSQL frees erased rows' space later (README)
async def test_forget_leaves_no_trace_in_the_database_files(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    zina = await everything_about_zina(bot, content, settings)
    files = [settings.database, settings.database.with_name(settings.database.name + "-wal")]
    await zina.send("Is there wifi in your waiting room?")  # a question not yet sent on to staff
    needles = ["Zinaida", "Kvasova", "zina_kv", STORED_PHONE, "waiting room", "red patch"]
    before = b"".join(path.read_bytes() for path in files)
    assert [n for n in needles if n.encode() not in before] == []  # the scan can see them
    await zina.send("/forget")
    await zina.press(Texts(content, "ru").label("privacy.forget.yes"))
    for file in files:
        raw = file.read_bytes()
        assert [needle for needle in needles if needle.encode() in raw] == [], file.name


@pytest.mark.parametrize("language, yes, no", [("en", "yes", "no"), ("ru", "да, удалите", "нет")])
async def test_a_typed_answer_to_the_erasure_question_answers_it_even_in_the_check(
    bot: Sandbox, content: Content, language: str, yes: str, no: str
) -> None:
    """A typed "yes" after "delete my data" in the middle of the check was stored as a yes to
    the check's hidden question, and nothing was erased."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await consented(user, t)
    await user.press(t.label("screening.done"))
    await user.send("/forget")
    assert t("privacy.forget.kept") in shown(await user.send(no))
    assert await count(bot, "SELECT COUNT(*) FROM screening_answers") == 1  # the goals only
    await user.send("/forget")
    assert t("privacy.forget.done") in shown(await user.send(yes))
    assert await count(bot, "SELECT COUNT(*) FROM screening_answers") == 0
    assert await count(bot, "SELECT COUNT(*) FROM clients") == 0


@pytest.mark.parametrize("language, reaction", [("en", "👍"), ("ru", "👍"), ("ru", "👌")])
async def test_an_emoji_does_not_confirm_erasure(
    bot: Sandbox, content: Content, language: str, reaction: str
) -> None:
    """A 👍 after "Erase all your data? This cannot be undone" erased everything, a booked
    appointment too, where "ок" did not: only the button or words say yes to that."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await consented(user, t)
    await user.press(t.label("screening.done"))
    await user.send("/forget")
    assert t("privacy.forget.done") not in shown(await user.send(reaction))
    assert await count(bot, "SELECT COUNT(*) FROM clients") == 1
    assert await count(bot, "SELECT COUNT(*) FROM screening_answers") == 1
    assert t("privacy.forget.done") in shown(await user.press(t.label("privacy.forget.yes")))


@pytest.mark.parametrize("language, problem", [
    ("en", "my skin is cracking and bleeding"), ("ru", "кожа трескается и кровоточит")])
async def test_erasing_with_a_problem_open_warns_the_client_and_tells_staff(
    bot: Sandbox, content: Content, settings: Settings, language: str, problem: str
) -> None:
    """/forget with a reported problem still open blanked the alert to "This message was
    erased at the client's request", like any other message: staff lost an open case
    without a sign, and the client was not told the clinic could no longer reach them."""
    client, t = await week_started(bot, language)
    await client.send(problem)
    staff = Texts(content, "en")
    assert problem in bot.staff_chat()[-1].text
    reply = shown(await client.send("/forget"))
    assert t("privacy.forget.problem", phone=settings.phone) in reply
    await client.press(t.label("privacy.forget.yes"))
    assert bot.staff_chat()[-1].text == staff("staff.erased.problem")
    assert all(problem not in m.text for m in bot.staff_chat())
