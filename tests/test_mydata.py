"""/mydata shows everything stored about the client — every check with its answers, each lead
with its status and appointment, every aftercare answer with the words the client typed — in as
many messages as Telegram's 4096-character limit needs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.config import Settings
from bot.content import Content
from bot.content.i18n import format_day, format_when
from bot.devtools.sandbox import Sandbox
from tests.chat import Texts, screen, tell, week_started
from tests.desk import stores_of
from tests.test_privacy import everything_about_zina

pytestmark = pytest.mark.engines


async def test_mydata_shows_the_lead_the_appointment_and_what_the_client_typed(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    zina = await everything_about_zina(bot, content, settings)
    t = Texts(content, "ru")
    text = "\n".join(m.text for m in await zina.send("/mydata"))
    appointment = format_when(datetime(2026, 11, 24, 14, 30, tzinfo=settings.timezone), "ru",
                              settings.timezone)
    for expected in (t("mydata.lead", time=t.label("booking.time.morning"),
                       status=t.label("staff.status.treated")),
                     t("mydata.appointment", when=appointment),
                     t("mydata.checkin", day=0, answer=t.label("aftercare.answer.other")),
                     "a red patch near Zinaida", "2026-11-24"):
        assert expected in text, expected
    assert text.count("• " + t.label("screening.condition.herpes")) == 2  # both checks
    for outcome in ("not_now", "suitable"):  # what each check concluded
        assert t("mydata.outcome", outcome=t(f"screening.outcome.{outcome}.title")) in text


CHECKS = 60  # enough answers to need more than one message


async def test_mydata_lists_every_check_across_as_many_messages_as_needed(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    user = bot.user()
    await screen(user, t)
    stores, now = stores_of(bot), bot.clock.now()
    consent = await stores.consents.record(user.id, 1, now)
    for _ in range(CHECKS - 1):
        screening = await stores.screenings.start(user.id, consent, "goals", now)
        for step in content.screening.steps:
            await stores.screenings.save_answer(screening, step.id, "no", step.id, now)
        await stores.screenings.end(screening, "finished", "suitable", now)
    shown = [m.text for m in await user.send("/mydata")]
    assert len(shown) > 1 and all(len(text) <= 4096 for text in shown)
    day = datetime(2026, 11, 24, tzinfo=UTC).date().isoformat()
    assert "\n".join(shown).count(t("mydata.screening", date=day)) == CHECKS
    assert t("mydata.title") in shown[0] and t("mydata.footer") in shown[-1]


async def test_mydata_shows_reminders_not_sent_yet_and_an_unfinished_question(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    user = bot.user()
    await screen(user, t, yes=frozenset({"herpes"}))
    due = bot.clock.now() + timedelta(days=content.booking.recheck_days[0])
    await user.press(t.label("screening.remind_on", date=format_day(due, "en")))
    await user.send("Is there wifi in your waiting room for a friend?")  # not passed on yet
    text = "\n".join(m.text for m in await user.send("/mydata"))
    assert t("mydata.reminder", date=due.date().isoformat()) in text
    assert t("mydata.unfinished") in text and "waiting room" in text


async def test_mydata_shows_health_told_outside_the_check_and_in_it(
    bot: Sandbox, content: Content
) -> None:
    """A check that counted health told in the client's own words listed every answer but
    that one, and the health told at the menu, waiting for the next check, was not shown."""
    t = Texts(content, "en")
    client = bot.user(language_code="en")
    await tell(client, t, "I take heart pills every day")
    text = "\n".join(m.text for m in await client.send("/mydata"))
    assert t("mydata.health_told", date="2026-11-24") in text
    await screen(client, t)
    text = "\n".join(m.text for m in await client.send("/mydata"))
    assert f"• {t.label('screening.condition.told')}: {t.label('screening.yes')}" in text
    assert t("mydata.health_told", date="2026-11-24") not in text


async def test_mydata_lists_a_checks_answers_in_the_order_they_were_asked(
    bot: Sandbox, content: Content
) -> None:
    """Answers given within the same second were listed in no order ("Boils, Burns, Fungal
    infection, Skin goals, Herpes…"), hard to check against the questions."""
    from bot.flows.eligibility import path
    t = Texts(content, "en")
    user = bot.user()
    await user.send("/start")
    stores, now = stores_of(bot), bot.clock.now()
    consent = await stores.consents.record(user.id, 1, now)
    screening = await stores.screenings.start(user.id, consent, "goals", now)
    for n, step in enumerate(reversed(content.screening.steps)):  # the last answered first
        await stores.screenings.save_answer(screening, step.id, "no", step.id,
                                            now + timedelta(seconds=n))
    await stores.screenings.end(screening, "finished", "suitable", now)
    shown = "\n".join(m.text for m in await user.send("/mydata"))
    asked = [t.label(step.condition.label) for step in path(content.screening)
             if step.condition is not None]
    at = [shown.index(label) for label in asked]
    assert at == sorted(at)


async def test_mydata_names_what_the_staff_chat_holds_of_the_client(
    bot: Sandbox, content: Content
) -> None:
    """A problem reported in the client's own words reached the staff chat, and /mydata said
    of health told only "never your words": the words the clinic holds were not mentioned."""
    t = Texts(content, "en")
    client, _ = await week_started(bot, "en")
    await client.send("my skin is cracking and bleeding")
    posts = len(bot.staff_chat())
    text = "\n".join(m.text for m in await client.send("/mydata"))
    assert t.counted("mydata.staff_chat", posts, posts=posts) in text
