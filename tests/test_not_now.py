"""A "not now" outcome keeps the door open: the client can book a consultation or talk to a
person, and the reminder to check again fits the condition (none by date for pregnancy or
breastfeeding). What is offered is the shipped content's choice, so these run on it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.content import Content
from bot.content.i18n import format_day
from bot.devtools.sandbox import Sandbox
from tests import shipped
from tests.chat import Texts, screen, shown
from tests.slots import pick_first_slot

content, settings = shipped.content, shipped.settings  # what the clinic ships


def labels(bot: Sandbox, user_id: int) -> list[str]:
    return [label for label, _ in bot.api.messages[user_id][-1].buttons]


async def test_a_cold_sore_still_offers_a_consultation_a_person_and_a_date(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    user = bot.user(language_code=language)
    reply = shown(await screen(user, t, yes=frozenset({"herpes"})))
    assert t("screening.outcome.not_now.title") in reply
    due = bot.clock.now() + timedelta(days=content.booking.recheck_days[0])
    offered = labels(bot, user.id)
    assert t.label("screening.outcome.not_now.book") in offered
    assert t.label("menu.person") in offered
    assert t.label("screening.remind_on", date=format_day(due, language)) in offered
    booking = shown(await user.press(t.label("screening.outcome.not_now.book")))
    assert t("booking.ask_contact") in booking and t("booking.not_now") not in booking


@pytest.mark.parametrize("condition", ["pregnancy", "breastfeeding"])
async def test_pregnancy_and_breastfeeding_get_no_reminder_by_date(
    bot: Sandbox, content: Content, condition: str
) -> None:
    t = Texts(content, "en")
    user = bot.user()
    await screen(user, t, yes=frozenset({condition}))
    offered = labels(bot, user.id)
    assert [data for _, data in bot.api.messages[user.id][-1].buttons
            if data.startswith("recheck:")] == []
    assert t.label("screening.outcome.not_now.book") in offered
    assert t.label("menu.person") in offered


async def test_a_person_is_one_press_from_a_specialist_decides_outcome(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    user = bot.user()
    await screen(user, t, yes=frozenset({"diabetes"}))
    assert t.label("menu.person") in labels(bot, user.id)
    reply = shown(await user.press(t.label("menu.person")))
    assert t("person.ask") in reply


async def test_a_date_from_an_earlier_result_is_not_taken_once_a_later_one_takes_none(
    bot: Sandbox, content: Content
) -> None:
    """A cold sore offered dates; the check taken again says pregnant, which takes none: the
    older result's button (or a forged one) schedules nothing and says it is out of date."""
    t = Texts(content, "en")
    user = bot.user()
    stranger = bot.user()
    await stranger.send("/start")
    await screen(user, t, yes=frozenset({"herpes"}))
    earlier = user.last
    [remind] = [data for _, data in earlier.buttons if data.startswith("recheck:")][:1]
    await screen(user, t, yes=frozenset({"pregnancy"}), again=True)

    answer = shown(await user.press_data(remind, earlier))
    forged = shown(await stranger.press_data(remind))

    stale = t("error.stale_button")
    assert stale in answer and stale in forged
    assert await bot.app.bot_data["services"].stores.database.all(
        "SELECT user_id FROM reminders") == []


async def test_the_latest_result_still_takes_its_own_date(bot: Sandbox, content: Content) -> None:
    t = Texts(content, "en")
    user = bot.user()
    await screen(user, t, yes=frozenset({"pregnancy"}))
    await screen(user, t, yes=frozenset({"herpes"}), again=True)
    [remind] = [data for _, data in user.last.buttons if data.startswith("recheck:")][:1]
    due = bot.clock.now() + timedelta(days=int(remind.split(":")[1]))
    assert t("screening.reminder_set", date=format_day(due, "en")) in shown(
        await user.press_data(remind, user.last))
    assert await bot.app.bot_data["services"].stores.database.all(
        "SELECT user_id FROM reminders") == [(user.id,)]


async def test_isotretinoin_offers_no_date_before_the_six_months_it_needs(
    bot: Sandbox, content: Content
) -> None:
    """Its reason says no sooner than six months after the course; a reminder in two weeks
    contradicted it."""
    t = Texts(content, "en")
    user = bot.user()
    await screen(user, t, yes=frozenset({"isotretinoin"}))
    days = [int(data.split(":")[1]) for _, data in user.last.buttons
            if data.startswith("recheck:")]
    assert days and min(days) >= 182


async def test_a_pregnant_client_is_not_told_to_plan_around_her_period(
    bot: Sandbox, content: Content, language: str
) -> None:
    """The tips after booking told a client who had just said she is pregnant to avoid the
    days of her period."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await screen(user, t, yes=frozenset({"pregnancy"}))
    await user.press(t.label("screening.outcome.not_now.book"))
    await user.share_contact("+7 912 345-67-89")
    reply = shown(await pick_first_slot(user))
    assert t("booking.tips.title") in reply
    assert t("booking.tip.menstruation") not in reply
