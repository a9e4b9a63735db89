"""Staff without traps: a status button stays where it was after every change (the current one
is marked, not removed), the undo says what it undoes, a lead that is not coming loses its
appointment, `/help` says how staff answer and book, and dates are typed as staff write them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.clock import FixedClock
from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import Sandbox
from tests.appointments import book, move_to
from tests.chat import Texts
from tests.desk import card, lead_by_chat, press_on_card, staff_member, stores_of

STATUSES = ("new", "contacted", "booked", "treated", "unsuitable", "archived")


def labels(staff: Texts) -> list[str]:
    return [staff.label(f"staff.status.{s}") for s in STATUSES]


async def test_each_status_keeps_its_position_and_the_current_one_is_marked(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    await lead_by_chat(bot, content)
    maria = staff_member(bot, settings)
    fresh = await card(bot, 1)
    shown = [label for label, _ in fresh.buttons]
    assert shown == [staff.label("staff.card.current", status=labels(staff)[0]),
                     *labels(staff)[1:]]
    contacted = shown.index(staff.label("staff.status.contacted"))
    for _ in range(2):  # two quick presses on the same place
        now = await card(bot, 1)
        await maria.press_data(now.buttons[contacted][1], now)
    assert (await stores_of(bot).leads.get(1)).status == "contacted"
    assert len(await stores_of(bot).leads.history(1)) == 1
    after = [label for label, _ in (await card(bot, 1)).buttons]
    assert after[contacted] == staff.label("staff.card.current",
                                           status=staff.label("staff.status.contacted"))
    assert after[shown.index(labels(staff)[4])] == labels(staff)[4]


async def test_two_presses_on_lead_never_end_in_not_suitable(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    await lead_by_chat(bot, content)
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, "Contacted")
    [full] = await maria.send("/lead 1")
    for _ in range(2):
        await maria.press_data(full.buttons[1][1], full)
        [full] = await maria.send("/lead 1")
    assert (await stores_of(bot).leads.get(1)).status == "contacted"


async def test_the_undo_says_it_returns_the_status(language: str, content: Content) -> None:
    label = Texts(content, language).label("staff.action.undo")
    assert label == {"en": "↩️ Undo status", "ru": "↩️ Вернуть статус"}[language]


@pytest.mark.parametrize("target", ["Not suitable", "Archived"])
async def test_a_lead_that_is_not_coming_loses_its_appointment(
    bot: Sandbox, content: Content, settings: Settings, target: str
) -> None:
    staff = Texts(content, "en")
    client = await book(bot, content, settings, when="2.12 9:00")
    maria = staff_member(bot, settings)
    assert staff("staff.card.appointment") in (await card(bot, 1)).text
    await press_on_card(bot, maria, 1, target)
    await maria.press(staff.label("staff.call_off.yes"))
    assert staff("staff.card.appointment") not in (await card(bot, 1)).text
    received = len(client.messages)
    move_to(bot, datetime(2026, 12, 2, 8, 0, tzinfo=UTC))
    await bot.run_scheduler()
    assert len(client.messages) == received  # no reminder of an appointment that is over
    [today] = await maria.send("/today")
    assert staff("staff.agenda.none") in today.text


@pytest.mark.parametrize("staff_language", ["en", "ru"])
async def test_help_explains_reply_and_booking_by_date_in_the_staff_language(
    settings: Settings, content: Content, staff_language: str
) -> None:
    local = replace(settings, default_language=staff_language)
    bot = await Sandbox.start(local, FixedClock(datetime(2026, 11, 24, 10, tzinfo=UTC)))
    try:
        staff = Texts(content, staff_language)
        [help_text] = await staff_member(bot, local).send("/help")
        assert staff("staff.help.reply") in help_text.text
        assert staff("staff.help.dates", example="…").split("…")[0] in help_text.text
        example = {"en": "tomorrow at 3pm", "ru": "завтра в 15"}[staff_language]
        assert example in help_text.text
    finally:
        await bot.stop()


@pytest.mark.parametrize("staff_language, example", [
    ("en", "9 Dec 2:30pm or “tomorrow at 3pm”"), ("ru", "09.12 14:30 или «завтра в 15»")])
async def test_the_date_prompt_gives_local_examples(
    settings: Settings, content: Content, staff_language: str, example: str
) -> None:
    local = replace(settings, default_language=staff_language)
    bot = await Sandbox.start(local, FixedClock(datetime(2026, 12, 2, 10, tzinfo=UTC)))
    try:
        await lead_by_chat(bot, content)
        booked = Texts(content, staff_language).label("staff.status.booked")
        [prompt] = await press_on_card(bot, staff_member(bot, local), 1, booked)
        assert example in prompt.text and "2026-12-09" not in prompt.text
    finally:
        await bot.stop()


async def test_a_staff_member_can_book_by_typing_next_friday(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    await lead_by_chat(bot, content)
    maria = staff_member(bot, settings)
    [prompt] = await press_on_card(bot, maria, 1, "Booked")
    await maria.reply_to(prompt, "next friday 11am")
    lead = await stores_of(bot).leads.get(1)
    assert lead.status == "booked"
    assert lead.appointment_at == datetime(2026, 11, 27, 11, 0, tzinfo=UTC)  # START's Friday
