"""Staff commands: /leads (paged), /lead ID, /find TEXT, in the staff chat or privately."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.config import Settings
from bot.content import Content
from bot.content.i18n import format_when
from bot.devtools.sandbox import Sandbox
from bot.flows.staff.stats import MAX_DAYS
from tests.chat import Texts, shown
from tests.conftest import START
from tests.desk import STAFF_ID, lead_by_chat, press_on_card, seed_lead, staff_member, stores_of

pytestmark = pytest.mark.engines


async def seed_many(bot: Sandbox, count: int) -> None:
    stores = stores_of(bot)
    for n in range(1, count + 1):
        await seed_lead(stores, user_id=5000 + n, first_name=f"Client{n:02d}",
                        created=START + timedelta(minutes=n), phone=f"+44 7700 9000{n:02d}")


async def test_leads_lists_open_leads_newest_first_ten_to_a_page(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    await seed_many(bot, 12)
    stores = stores_of(bot)
    await stores.leads.change_status(12, "new", "archived", STAFF_ID, START)
    maria = staff_member(bot, settings)
    [first] = await maria.send("/leads")
    assert Texts(content, "en")("staff.leads.open", count=11) in first.text
    names = [f"Client{n:02d}" for n in range(11, 0, -1)]
    assert [n for n in names if n in first.text] == names[:10]
    assert "Client12" not in first.text
    assert [label for label, _ in first.buttons] == ["▶"]

    [second] = await maria.press_data(first.buttons[0][1], first)
    assert second.message_id == first.message_id and second.edits == 1
    assert "Client01" in second.text and "Client11" not in second.text
    assert [label for label, _ in second.buttons] == ["◀"]
    [back] = await maria.press_data(second.buttons[0][1], second)
    assert "Client11" in back.text


async def test_leads_by_status_and_a_bad_status(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    await seed_many(bot, 3)
    await stores_of(bot).leads.change_status(2, "new", "booked", STAFF_ID, START)
    maria = staff_member(bot, settings)
    [booked] = await maria.send("/leads booked")
    assert "Client02" in booked.text and "Client01" not in booked.text
    [everything] = await maria.send("/leads all")
    assert all(f"Client0{n}" in everything.text for n in (1, 2, 3))
    [usage] = await maria.send("/leads pending")
    assert "booked" in usage.text and "Client" not in usage.text


async def test_lead_shows_the_full_card_with_every_answer_and_the_history(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    await lead_by_chat(bot, content, yes=frozenset({"pacemaker"}))
    maria = staff_member(bot, settings)
    await press_on_card(bot, maria, 1, "Contacted")
    [full] = await maria.send("/lead 1")
    for condition in content.screening.conditions.values():
        assert staff.label(condition.label) in full.text
    assert f"⚠️ {staff.label('screening.condition.pacemaker')}: {staff.label('screening.yes')}" \
        in full.text
    assert f"{staff.label('screening.condition.herpes')}: {staff.label('screening.no')}" \
        in full.text
    assert "🆕 New → 📞 Contacted (Maria)" in full.text
    assert [label for label, _ in full.buttons] == [  # the card's own buttons
        staff.label("staff.card.current", status=staff.label(f"staff.status.{s}"))
        if s == "contacted" else staff.label(f"staff.status.{s}")
        for s in ("new", "contacted", "booked", "treated", "unsuitable", "archived")]
    assert shown(await maria.send("/lead 99")) == staff("staff.lead.unknown", id=99)
    assert shown(await maria.send("/lead")) == staff("staff.lead.usage")


async def test_find_by_name_username_or_phone(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    stores = stores_of(bot)
    await seed_lead(stores, user_id=61, first_name="Ольга", last_name="Иванова",
                    username="olga_iv", phone="+7 (912) 345-67-89", created=START)
    await seed_lead(stores, user_id=62, first_name="Anna", username="anna_b",
                    phone="+44 7700 900123", created=START)
    maria = staff_member(bot, settings)
    for query in ("/find ольга", "/find ИВАНОВА", "/find @olga_iv", "/find 912-345-6789"):
        result = shown(await maria.send(query))
        assert "Ольга Иванова" in result and "Anna" not in result, query
    assert "Anna" in shown(await maria.send("/find 7700 900"))
    assert Texts(content, "en")("staff.find.usage") == shown(await maria.send("/find"))
    nothing = shown(await maria.send("/find nobody"))
    assert Texts(content, "en")("staff.leads.empty") in nothing


async def test_staff_may_use_the_commands_in_a_private_chat(
    bot: Sandbox, settings: Settings
) -> None:
    await seed_many(bot, 1)
    private = bot.user(STAFF_ID, "Maria")
    [listing] = await private.send("/leads")
    assert "Client01" in listing.text and listing.chat_id == STAFF_ID


async def test_aftercare_command_starts_the_week_then_reports_progress(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    client = await lead_by_chat(bot, content)
    maria = staff_member(bot, settings)
    [ask] = await maria.send("/aftercare 1")  # a new lead: started only once confirmed
    reply = shown(await maria.press_data(ask.buttons[0][1], ask))
    assert staff("staff.aftercare_cmd.started", id=1, name=client.user["first_name"]) in reply
    for hours in (9, 15):  # the evening message, then the next morning's
        bot.clock.advance(timedelta(hours=hours))
        await bot.run_scheduler()
    await client.press(staff.label("aftercare.answer.cracks"))
    alert = bot.staff_chat()[-1].text
    assert staff("staff.aftercare.title") in alert and staff("staff.lead.title", id=1) in alert
    reply = shown(await maria.send("/aftercare 1"))
    assert staff("staff.aftercare_cmd.running", id=1, name=client.user["first_name"], day=1,
                 sent=2, total=8, problems=1) in reply
    assert staff("staff.lead.unknown", id=99) in shown(await maria.send("/aftercare 99"))
    assert staff("staff.aftercare_cmd.usage") in shown(await maria.send("/aftercare"))


async def test_aftercare_stays_the_clients_own_command_in_private_chats(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    t = Texts(content, "en")
    await lead_by_chat(bot, content)
    stranger = bot.user(5555)
    stranger.chat = {"id": settings.staff_chat_id, "type": "supergroup", "title": "Staff"}
    assert shown(await stranger.send("/aftercare 1")) == ""
    staff_in_private = bot.user(111111111)
    reply = shown(await staff_in_private.send("/aftercare"))
    assert t("aftercare.started", time="10:00\u202fAM") in reply
    client = bot.user(7777)
    assert t("aftercare.started", time="10:00\u202fAM") in shown(await client.send("/aftercare 1"))


async def test_a_lead_number_too_big_for_any_lead_is_simply_no_such_lead(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    await lead_by_chat(bot, content)
    maria = staff_member(bot, settings)
    huge = "99999999999999999999"
    unknown = staff("staff.lead.unknown", id=int(huge))
    assert shown(await maria.send(f"/lead {huge}")) == unknown
    assert shown(await maria.send(f"/lead #{huge}")) == unknown
    assert unknown in shown(await maria.send(f"/aftercare {huge}"))
    assert shown(await maria.send(f"/stats {huge}")) == staff("staff.stats.usage", max=MAX_DAYS)
    card = bot.staff_chat()[0]
    assert await maria.press_data(f"lead:{huge}:new:contacted", card) == []
    [listing] = await maria.send("/leads")
    assert await maria.press_data(f"leads:open:{huge}", listing) == []
    assert "Olga" in shown(await maria.send("/lead 1"))


async def test_a_command_staff_do_not_have_is_answered_not_ignored(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """A typo (/lead5, /lesds) in the staff chat used to get no answer at all; chatter and
    commands from someone who is not staff still get none."""
    staff = Texts(content, "en")
    maria = staff_member(bot, settings)
    [answer] = await maria.send("/lesds")
    assert answer.text == staff("staff.unknown_command", command="/lesds")
    stranger = staff_member(bot, settings, user_id=424242, first_name="Guest")
    assert await stranger.send("/lesds") == []
    assert len(bot.staff_chat()) == 1


async def test_a_command_for_another_bot_of_the_group_is_left_to_it(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """"/leads@other_bot", meant for another bot in the staff group, got "There is no command
    /leads"; one addressed to this bot by its name is its own."""
    maria = staff_member(bot, settings)
    assert await maria.send("/leads@other_bot") == []
    assert await maria.send("/report@other_bot") == []
    [listing] = await maria.send("/leads@clinic_bot")
    assert Texts(content, "en")("staff.leads.open", count=0) in listing.text


async def test_leads_shows_the_visit_of_a_booked_lead_not_when_it_came_in(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """"#1 · 📅 Booked · Alex · Dec 7, 2026, 5:19 PM": the only date beside Booked was when
    the request came in, easy to take for the visit."""
    staff = Texts(content, "en")
    await lead_by_chat(bot, content)
    await seed_many(bot, 1)
    maria = staff_member(bot, settings)
    [prompt] = await press_on_card(bot, maria, 1, "Booked")
    await maria.reply_to(prompt, "2026-11-25 10:00")
    [listing] = await maria.send("/leads")
    visit = format_when(datetime(2026, 11, 25, 10, 0, tzinfo=UTC), "en", settings.timezone)
    waiting, booked = [row for row in listing.text.split("\n") if row.startswith("#")]
    assert staff("staff.leads.visit", when=visit) in booked
    assert staff("staff.leads.created", when=format_when(
        START + timedelta(minutes=1), "en", settings.timezone)) in waiting
