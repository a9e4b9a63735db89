"""A typed health statement ("I had a cold sore last week") answered about that condition.

What a condition means for the procedure is the screening content's class (a specialist decides,
not now), never decided here: the check's conditions come from dialogs/screening.yaml, the
reasons to wait it does not ask about from dialogs/health.yaml. A statement about the client's
health that names no known condition ("I take blood pressure pills") is left to a specialist.
Either way the client is offered the check and a person, never a reassuring FAQ topic.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from bot.callbacks import MAX_ID, Between, CallbackData
from bot.content.routing import route, tells_period, without_period
from bot.flows import Reply, Turn, Visit
from bot.flows.menu import MenuAction

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.content import Content


def known(visit: Visit) -> dict[str, tuple[str, str]]:
    """Condition id → (outcome id, reason message id)."""
    found = {c.id: (c.outcome, c.reason) for c in visit.content.screening.conditions.values()}
    found |= {w.id: (w.outcome, w.reason) for w in visit.content.health.waits}
    return found


def answer(visit: Visit, conditions: tuple[str, ...]) -> Turn:
    """About the conditions named, under the most serious of their outcomes."""
    return _cautious(visit, reasons(visit, conditions))


def reasons(visit: Visit, conditions: tuple[str, ...]) -> list[str]:
    """The most serious outcome of the conditions named, then what each means."""
    screening, by_id = visit.content.screening, known(visit)
    named = [by_id[c] for c in conditions if c in by_id]
    rank = {o.id: i for i, o in enumerate(screening.outcomes)}
    outcome = screening.outcome(min((o for o, _ in named), key=rank.__getitem__,
                                     default=screening.outcomes[0].id))
    return [visit.tr(outcome.title), *(visit.tr(r) for _, r in named)]


def waited(visit: Visit) -> Turn:
    """A condition told ended longer ago than the wait it asks for: no reason to wait, and
    the check or a person for the rest."""
    return _cautious(visit, [visit.tr("health.waited")])


def unknown(visit: Visit, text: str = "") -> Turn:
    """About the client's health, but no condition the content knows: a specialist decides.
    A period named is a matter of when: its tip, and anything else told left to a
    specialist."""
    if tells_period(visit.content, visit.language, text):
        rest = without_period(visit.content, visit.language, text) or ""
        besides = route(visit.content, visit.services.matchers[visit.language], visit.language,
                        rest).kind in ("condition", "health")
        lines: list[str] = [visit.tr("booking.tip.menstruation")]
        return _cautious(visit, lines + [visit.tr("health.unknown_besides")] if besides else lines)
    return _cautious(visit, [visit.tr("health.unknown")])


def beside(visit: Visit) -> Reply:
    """Before the answer to a request beside which the client may have told something of their
    health ("where are you? I have SLE"): the request is answered, the health left to a
    specialist."""
    return _cautious(visit, [visit.tr("health.beside")]).replies[0]


@dataclass(frozen=True)
class PersonAbout(CallbackData, prefix="person"):
    """"Talk to a person" under the answer to a message the client typed: that message, its
    id in the client's chat, goes to staff."""

    message: Annotated[int, Between(1, MAX_ID)]

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[PersonAbout]:
        return (cls(MAX_ID),)


def _cautious(visit: Visit, lines: list[str]) -> Turn:
    person = PersonAbout(visit.message_id).pack() if visit.message_id else MenuAction(
        "person").pack()
    rows = ((visit.tr_button("health.check", MenuAction("screening").pack()),),
            (visit.tr_button("menu.person", person),),
            (visit.tr_button("button.menu", MenuAction("menu").pack()),))
    return Turn([Reply("\n\n".join([*lines, visit.tr("health.next")]), rows,
                       offer="screening")])
