"""The router is the seam a second front end would use: a whole screening, from the menu button
to the outcome, driven through it with no Telegram objects at all."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from bot.clock import FixedClock
from bot.config import Settings
from bot.content import Content
from bot.content.matcher import FaqMatcher
from bot.flows import Reply, Services, Turn, Visit
from bot.flows.router import DuplicateRegistration, Router
from bot.flows.routes import client_router
from bot.flows.typed_text import Typed
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



def said(text: str) -> Callable[[Visit, str], Awaitable[Turn | None]]:
    async def answer(visit: Visit, typed: str) -> Turn | None:
        return Turn([Reply(text)]) if text else None
    return answer


async def test_typed_text_gets_one_answer_the_first_by_priority(visit: Visit) -> None:
    """Registered in another order than their priorities, and two of them answering: the
    client is answered once, by the handler first in priority."""
    router = client_router()
    router.typed_handlers.clear()
    router.typed(Typed.MESSAGE)(said("the general answer"))
    router.typed(Typed.AFTERCARE_WEEK)(said(""))
    router.typed(Typed.SHORT_REPLY)(said("the short reply's answer"))
    turn = await router.on_text(visit, "ok")
    assert [reply.text for reply in turn.replies] == ["the short reply's answer"]


def test_two_typed_handlers_cannot_share_a_priority() -> None:
    router = client_router()
    with pytest.raises(DuplicateRegistration, match="typed-text priority"):
        router.typed(Typed.MESSAGE)(said("a second general answer"))


def test_typed_text_is_answered_in_this_order() -> None:
    """What answers typed text outside a conversation, first to last. While a check is open,
    its own handler answers every text (and shows its question again), so nothing later is
    asked."""
    handlers = client_router().typed_handlers
    assert [(h.priority, f"{h.run.__module__}.{h.run.__name__}") for h in handlers] == [
        (Typed.AFTERCARE_WEEK, "bot.flows.aftercare_typed.typed"),
        (Typed.SCREENING_REPLY, "bot.flows.typed_answers.typed"),
        (Typed.REMINDER_REPLY, "bot.flows.appointment.typed_answer"),
        (Typed.RATING, "bot.flows.aftercourse.typed_rating"),
        (Typed.SHORT_REPLY, "bot.flows.context.short_reply"),
        (Typed.NEW_PHONE, "bot.flows.new_phone.typed"),
        (Typed.MENU_ITEM, "bot.flows.menu.menu_item"),
        (Typed.MESSAGE, "bot.flows.typed.message"),
    ]
