"""The router is the seam a second front end would use: a whole screening, from the menu button
to the outcome, driven through it with no Telegram objects at all."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.clock import FixedClock
from bot.config import Settings
from bot.content import Content
from bot.content.matcher import FaqMatcher
from bot.flows import Reply, Services, Turn, Visit
from bot.flows.router import Router
from bot.flows.routes import client_router
from bot.storage import Stores
from tests.chat import Texts
from tests.conftest import START

pytestmark = pytest.mark.engines


@pytest.fixture
async def visit(settings: Settings, content: Content) -> AsyncIterator[Visit]:
    stores = await Stores.open(settings.storage)
    matchers = {lang: FaqMatcher(lang, {t.id: content.tr_button_label(lang, t.keywords)
                                        for t in content.faq})
                for lang in settings.languages}
    services = Services(settings, content, stores, FixedClock(START), matchers)
    client = await stores.clients.upsert(user_id=42, chat_id=42, first_name="Vera",
                                         last_name=None, username=None, telegram_language="en",
                                         now=START)
    try:
        yield Visit(services, client, "en")
    finally:
        await stores.close()


def press(turn: Turn, label: str) -> str:
    """The callback data of the button labelled `label` in the turn's last reply."""
    reply: Reply = turn.replies[-1]
    return next(b.data for row in reply.buttons for b in row if b.label == label)


async def test_a_whole_screening_through_the_router(visit: Visit, content: Content) -> None:
    router: Router = client_router()
    t = Texts(content, "en")
    turn = await router.on_command(visit, "menu", [])
    turn = await router.on_button(visit, press(turn, t.label("menu.screening")))
    turn = await router.on_button(visit, press(turn, t.label("screening.consent.yes")))
    for step in content.screening.steps:
        assert t(step.question) in turn.replies[-1].text
        if step.kind == "choose_many":
            turn = await router.on_button(visit, press(turn, t.label(step.options[0].label)))
            turn = await router.on_button(visit, press(turn, t.label("screening.done")))
        else:
            label = "screening.yes" if step.id == "herpes" else "screening.no"
            turn = await router.on_button(visit, press(turn, t.label(label)))
    assert turn.replies[0].text == t("screening.finished")
    assert t("screening.outcome.not_now.title") in turn.replies[-1].text
    assert t(content.screening.conditions["herpes"].reason) in turn.replies[-1].text

    record = await visit.stores.screenings.last_finished(visit.client.user_id)
    assert record is not None and record.outcome == "not_now"
    goals = content.screening.goals
    assert goals is not None
    assert record.answers == {s.id: "yes" if s.id == "herpes" else "no"
                              for s in content.screening.steps if s.kind == "yes_no"} | {
        goals.id: goals.options[0].id}
    assert await visit.stores.screenings.active(visit.client.user_id) is None
    assert await visit.stores.chat_states.get(visit.client.user_id) is None


async def test_typed_text_goes_to_the_conversation_the_record_names(
    visit: Visit, content: Content, settings: Settings
) -> None:
    router, t = client_router(), Texts(content, "en")
    await visit.stores.chat_states.save(visit.client.user_id, "booking_contact",
                                       {"screening_id": 1}, START)
    turn = await router.on_text(visit, "not a phone number")
    assert t("booking.contact_invalid") in turn.replies[0].text
    await router.on_command(visit, "cancel", [])
    assert await visit.stores.chat_states.get(visit.client.user_id) is None
    reply = (await router.on_text(visit, "does it hurt?")).replies[0]
    assert reply.text == t.faq("duration", settings)


async def test_the_relay_gives_back_the_conversation_it_interrupted(
    visit: Visit, content: Content
) -> None:
    router, user_id = client_router(), visit.client.user_id
    await visit.stores.chat_states.save(user_id, "booking_contact", {"screening_id": 1}, START)
    then = {"state": "booking_contact", "data": {"screening_id": 1}}
    await visit.stores.chat_states.save(
        user_id, "relay", {"root": 7, "opened_at": START.isoformat(), "then": then}, START)
    turn = await router.on_text(visit, "thanks, see you")
    assert [post.reply_to for post in turn.staff] == [7]
    await router.on_command(visit, "help", [])
    state = await visit.stores.chat_states.get(user_id)
    assert state is not None and (state.state, state.data) == ("booking_contact",
                                                               {"screening_id": 1})

