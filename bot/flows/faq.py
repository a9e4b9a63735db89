"""FAQ: topics by buttons; typed questions (routed in bot/flows/typed.py) answered by a topic
or, when none fits, passed on to staff on request."""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from bot.callbacks import CallbackData
from bot.content.i18n import N_, display_name
from bot.content.routing import route
from bot.flows import Button, Reply, StaffPost, Turn, Visit, aftercare, receipts
from bot.flows.menu import MenuAction, main_menu, ready

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.content import Content
    from bot.flows.router import Router

PENDING = "faq_pending"
MAX_QUESTION = 1000  # characters; longer texts are asked to be shortened
# The question whose offer lapsed while this message was read (it came instead of a yes or a
# no), with the message's id: offered on together with it, if it is offered too, so that
# "can I bring my daughter?", then "and I'm running late", then "yes" passes on both.
_LAPSED: ContextVar[tuple[int | None, str] | None] = ContextVar("faq_lapsed", default=None)


@dataclass(frozen=True)
class Topic(CallbackData, prefix="faq"):
    topic: str

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[Topic]:
        return (cls(topic.id) for topic in content.faq)


@dataclass(frozen=True)
class ForwardQuestion(CallbackData, prefix="ask"):
    """Pass the question the FAQ could not answer on to staff, or not."""

    answer: Literal["yes", "no"]

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[ForwardQuestion]:
        return cls("yes"), cls("no")


def topics(visit: Visit, *, edit: bool = False) -> Turn:
    return Turn([Reply(visit.tr("faq.choose"), visit.once("faq topics", lambda: _topics(visit)),
                       edit=edit)])


def _topics(visit: Visit) -> tuple[tuple[Button, ...], ...]:
    buttons = [visit.tr_button(t.title, Topic(t.id).pack()) for t in visit.content.faq]
    rows = [tuple(buttons[i:i + 2]) for i in range(0, len(buttons), 2)]
    rows.append((visit.tr_button("button.menu", MenuAction("menu").pack()),))
    return tuple(rows)


def answer(visit: Visit, topic_id: str, *, edit: bool = False, asked: str = "") -> Turn | None:
    """None for an unknown topic (a stale or forged button). `asked` of one of the aftercare
    week's questions the topic names (`week`: "а после процедуры в баню можно?"), that
    question's own answer comes first, as the week gives it."""
    topic = visit.content.faq_topic(topic_id)
    if topic is None:
        return None
    week = visit.content.aftercare
    first = [Reply(visit.tr(question.guidance)) for q in visit.content.replies[
        visit.language].aftercare_questions(asked) if q in topic.week
        and (question := week.question(q))] if asked and topic.week else []
    rows: list[tuple[Button, ...]] = []
    offer = visit.content.menu_item(topic.offer) if topic.offer else None
    if offer:
        rows.append((visit.tr_button(offer.label, MenuAction(offer.action).pack()),))
    rows.append((visit.tr_button("button.more_questions", MenuAction("faq").pack()),
                 visit.tr_button("button.menu", MenuAction("menu").pack())))
    settings = visit.settings
    text = visit.tr(topic.answer, price=settings.price_for(visit.language),
                    clinic=settings.clinic_name, phone=settings.phone)
    return Turn([*first, Reply(text, tuple(rows), edit=edit,
                               offer=offer.action if offer else None)])


async def offer_to_staff(visit: Visit, text: str, ask: str = N_("faq.no_match")) -> Turn:
    """A question no topic answers: ask whether to pass it on to staff (with the one offered
    just before, if this message came instead of its answer), in the words of `ask`."""
    lapsed = _LAPSED.get()
    if lapsed is not None and lapsed[0] == visit.message_id:
        text = f"{lapsed[1]}\n\n{text}"
    _LAPSED.set(None)
    await visit.stores.chat_states.save(visit.client.user_id, PENDING, {"question": text},
                                        visit.now)
    buttons = ((visit.tr_button("faq.forward.yes", ForwardQuestion("yes").pack()),),
               (visit.tr_button("faq.forward.no", ForwardQuestion("no").pack()),))
    return Turn([Reply(visit.tr(ask), buttons)])


async def forward(visit: Visit, confirmed: bool, *, edit: bool = True) -> Turn | None:
    """None when no question is waiting (a stale button)."""
    user_id = visit.client.user_id
    state = await visit.stores.chat_states.get(user_id)
    if state is None or state.state != PENDING:
        return None
    await visit.stores.chat_states.clear(user_id)
    if not confirmed:
        return main_menu(visit, edit=edit, note=visit.tr("faq.forward.declined"))
    return await pass_on(visit, state.data["question"], edit=edit)


async def typed_reply(visit: Visit, text: str, data: dict[str, Any]) -> Turn | None:
    """A typed yes ("да", "sure, go ahead") or no right after the offer answers it like its
    buttons. Anything else, or any text once a check is open (its own yes/no), lets the offer
    lapse and is routed as usual. A yes or no beside health told ("да и ещё у меня
    кардиостимулятор") is routed as usual first, the offer staying for `told_beside`."""
    answer = _answer(visit, text)
    record = await visit.stores.screenings.active(visit.client.user_id)
    if answer is None or (record is not None and record.current_step):
        await visit.stores.chat_states.clear(visit.client.user_id)
        if answer is None:
            _LAPSED.set((visit.message_id, str(data["question"])))
        return None
    found = route(visit.content, visit.services.matchers[visit.language], visit.language, text)
    if found.kind in ("condition", "health") or found.cautious:
        return None
    return await forward(visit, answer == "yes", edit=False)


async def told_beside(visit: Visit, text: str, data: dict[str, Any]) -> Turn | None:
    """After the health answer to a yes or no told beside it: the question passed on, with
    the client's words, where they said yes; else it is said that nothing was."""
    await visit.stores.chat_states.clear(visit.client.user_id)
    if _answer(visit, text) == "yes":
        return await pass_on(visit, f"{data['question']}\n\n{text}")
    return Turn([Reply(visit.tr("faq.forward.declined"))])


def _answer(visit: Visit, text: str) -> Literal["yes", "no"] | None:
    reader = visit.content.replies[visit.language]
    answer = "yes" if reader.affirms(text) else reader.answer(text)
    return answer if answer in ("yes", "no") else None


async def pass_on(visit: Visit, text: str, *, edit: bool = False) -> Turn:
    """Post the client's message in the staff chat, where a reply reaches the client."""
    user_id = visit.client.user_id
    question_id = await visit.stores.questions.record(user_id, visit.now)
    staff_language = visit.settings.default_language
    card = visit.content.render(
        staff_language, "staff_question.j2", client=visit.client,
        client_language=display_name(visit.language), question=text,
        lead_id=await visit.stores.leads.latest_id(user_id),
        emergency=aftercare.tells_emergency(visit, text),
    )
    reply = Reply(visit.tr("faq.forward.sent"), edit=edit)
    post = StaffPost(card, receipts.question(question_id, user_id), about=user_id)
    return Turn([reply], [post]) + main_menu(visit)


def register(router: Router) -> None:
    router.menu_action("faq")(lambda v: ready(topics(v, edit=True)))
    router.button(Topic)(lambda v, data: ready(answer(v, data.topic, edit=True)))
    router.button(ForwardQuestion)(lambda v, data: forward(v, data.answer == "yes"))
    router.state(PENDING, resume=told_beside)(typed_reply)
