"""Consent first: the eligibility check stores no answer before the client agrees to the
processing of health answers (recorded with the consent text's version, asked again when it
changes). Then the check starts, or resumes at the question it stopped at."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from bot.callbacks import CallbackData
from bot.content.routing import route
from bot.flows import Reply, Turn, Visit, funnel
from bot.flows.eligibility import YES
from bot.flows.menu import MenuAction
from bot.flows.questions import NO, ask, open_check

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.content import Content
    from bot.flows.router import Router

CONSENT_ASKED = "consent_asked"


@dataclass(frozen=True)
class Consent(CallbackData, prefix="consent"):
    answer: Literal["yes", "no"]

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[Consent]:
        return cls("yes"), cls("no")


async def begin(visit: Visit) -> Turn:
    """Resume or start a screening; consent comes first, asked again whenever the consent text
    has a new version, before any new answer is stored."""
    screening = visit.content.screening
    consent_id = await visit.stores.consents.latest_id(visit.client.user_id,
                                                       screening.consent_version)
    if consent_id is None:
        if await visit.stores.screenings.active(visit.client.user_id) is None:
            await funnel.record(visit.services, funnel.STARTED)
        buttons = ((visit.tr_button("screening.consent.yes", Consent("yes").pack()),),
                   (visit.tr_button("screening.consent.no", Consent("no").pack()),))
        text = visit.render("consent.j2", consent=screening.consent_text)
        await visit.stores.chat_states.save(visit.client.user_id, CONSENT_ASKED, {}, visit.now)
        return Turn([Reply(text, buttons)])
    return await _resume_or_start(visit, consent_id, visit.tr("screening.consent.on_record"),
                                  counted=False)


async def consent(visit: Visit, given: bool) -> Turn:
    if not given:  # booking goes through the check: without it, a person books
        # Health told outside the check waits for one; with its consent refused, none comes.
        await visit.stores.clients.take_health_told(visit.client.user_id)
        rows = ((visit.tr_button("menu.person", MenuAction("person").pack()),),
                (visit.tr_button("button.menu", MenuAction("menu").pack()),))
        return Turn([Reply(visit.tr("screening.consent.refused", phone=visit.settings.phone),
                           rows, edit=True)])
    version = visit.content.screening.consent_version
    user_id = visit.client.user_id
    consent_id = await visit.stores.consents.latest_id(user_id, version)
    if consent_id is None:
        consent_id = await visit.stores.consents.record(user_id, version, visit.now)
    turn = await _resume_or_start(visit, consent_id, visit.tr("screening.consent.thanks"),
                                  counted=True)
    turn.replies[0] = Reply(turn.replies[0].text, edit=True)
    return turn


async def typed_consent(visit: Visit, text: str, data: dict[str, Any]) -> Turn | None:
    """The consent text asks for a "yes" or "no": typed ("да", "давайте", "no thanks"), it
    answers as the buttons do. Anything else is answered as usual (None), the consent still
    asked."""
    reader = visit.content.replies[visit.language]
    value = YES if visit.typed_label(text, "screening.consent.yes") else \
        NO if visit.typed_label(text, "screening.consent.no") else \
        YES if reader.affirms(text) else reader.answer(text)  # the buttons' own words first
    if value not in (YES, NO) or route(
            visit.content, visit.services.matchers[visit.language], visit.language, text
    ).kind in ("condition", "health"):
        return None  # "i have diabetes" agrees to nothing: answered as told
    await visit.stores.chat_states.clear(visit.client.user_id)
    turn = await consent(visit, value == YES)
    return Turn([replace(r, edit=False) for r in turn.replies], turn.staff, turn.clients)


async def again(visit: Visit, note: str) -> Turn | None:
    """The consent question again under the note saying why (a photo, a sticker sent while it
    waits); None when it does not wait."""
    state = await visit.stores.chat_states.get(visit.client.user_id)
    if state is None or state.state != CONSENT_ASKED:
        return None
    turn = await begin(visit)
    return Turn([Reply(visit.tr(note)), *turn.replies], turn.staff, turn.clients)


async def _asked_again(visit: Visit, text: str, data: dict[str, Any]) -> Turn:
    """After the answer to what was typed while the consent waits ("who sees my answers?"):
    the consent question again, its buttons in view."""
    return Turn([Reply(visit.tr("screening.consent.again"), (
        (visit.tr_button("screening.consent.yes", Consent("yes").pack()),),
        (visit.tr_button("screening.consent.no", Consent("no").pack()),)))])


async def _leave_consent(visit: Visit, data: dict[str, Any]) -> None:
    await visit.stores.chat_states.clear(visit.client.user_id)


async def _resume_or_start(visit: Visit, consent_id: int, note: str, *, counted: bool) -> Turn:
    """`counted`: the start was already counted in the funnel when consent was asked. The
    check takes typed text from here on: a booking that waited for a number or a day ("yes"
    to the burns question was no phone number) is begun again after it."""
    screening, stores = visit.content.screening, visit.stores
    await stores.chat_states.clear(visit.client.user_id)
    unfinished = await stores.screenings.active(visit.client.user_id)
    record = await open_check(visit)
    step = screening.step(record.current_step or "") if record else None
    if record is not None and step is not None:
        await stores.screenings.attach_consent(record.id, consent_id)
        return Turn([Reply(visit.tr("screening.resume")), ask(visit, record, step)])
    if unfinished is not None and record is None:  # begun too long ago: begun again
        note = visit.tr("screening.begun_again")
    first = screening.steps[0]
    screening_id = await stores.screenings.start(
        visit.client.user_id, consent_id, first.id, visit.now)
    if not counted:
        await funnel.record(visit.services, funnel.STARTED)
    await funnel.record(visit.services, funnel.CONSENTED)
    record = await stores.screenings.get(screening_id)
    assert record is not None
    return Turn([Reply(note), ask(visit, record, first)])


def register(router: Router) -> None:
    router.menu_action("screening")(lambda v: begin(v))
    router.button(Consent)(lambda v, data: consent(v, data.answer == YES))
    router.state(CONSENT_ASKED, leave=_leave_consent, resume=_asked_again)(typed_consent)
