"""Lead hand-off: contact (shared phone, typed phone or username), preferred time, tips, then a
lead card in the staff chat (with its status buttons, bot/flows/staff/cards.py) and a
confirmation with the clinic's contacts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.callbacks import CallbackData
from bot.content.i18n import N_
from bot.flows import Reply, Turn, Visit, consent, funnel, phones
from bot.flows.eligibility import evaluate
from bot.flows.menu import MenuAction, main_menu
from bot.flows.outcome import outcome_reply
from bot.flows.staff import OPEN, cards
from bot.storage import ScreeningRecord

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.content import Content
    from bot.flows.router import Router

CONTACT, TIME = "booking_contact", "booking_time"
_USERNAME = re.compile(r"^@?([A-Za-z][A-Za-z0-9_]{4,31})$")


@dataclass(frozen=True)
class PreferredTime(CallbackData, prefix="time"):
    time: str

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[PreferredTime]:
        return (cls(t.id) for t in content.booking.preferred_times)


async def _recent_screening(visit: Visit) -> ScreeningRecord | None:
    record = await visit.stores.screenings.last_finished(visit.client.user_id)
    if record is None or record.finished_at is None:
        return None
    valid = timedelta(days=visit.content.booking.screening_valid_days)
    return record if visit.now - record.finished_at <= valid else None


async def begin(visit: Visit) -> Turn:
    """Book a consultation after a recent check; a client whose request is still open is told
    so instead of leaving a second one."""
    open_lead = next((lead for lead in reversed(
        await visit.stores.leads.of_client(visit.client.user_id)) if lead.status in OPEN), None)
    if open_lead is not None:
        return main_menu(visit, note=visit.tr("booking.already_open", id=open_lead.id))
    record = await _recent_screening(visit)
    if record is None:
        note = Reply(visit.tr("booking.screen_first"))
        return Turn([note]) + await consent.begin(visit)
    outcome = visit.content.screening.outcome(record.outcome or "")
    if not outcome.book:
        verdict = evaluate(visit.content.screening, record.answers)
        return Turn([Reply(visit.tr("booking.not_now")), outcome_reply(visit, verdict)])
    await visit.stores.chat_states.save(
        visit.client.user_id, CONTACT, {"screening_id": record.id}, visit.now)
    return Turn([ask_contact(visit)])


def ask_contact(visit: Visit, *, note: str | None = None) -> Reply:
    text = visit.tr("booking.ask_contact")
    if visit.client.username:
        text += "\n\n" + visit.tr("booking.or_username", username=visit.client.username)
    return Reply(f"{note}\n\n{text}" if note else text,
                 contact_button=visit.tr_label("booking.share_phone"))


async def contact_shared(visit: Visit, phone: str) -> Turn:
    """The client's own contact card: its number is checked like a typed one."""
    number = phones.shared(phone)
    if number is None:
        return await _ask_again(visit, visit.tr("booking.contact_invalid"))
    return await _contact(visit, phone=number, username=None)


async def contact_typed(visit: Visit, text: str) -> Turn:
    """A phone number or an explicit @username typed while the contact is awaited; a bare word
    ("hello", "Maria") is no contact, so it is explained and asked again."""
    value = text.strip()
    if number := phones.typed(value, phones.clinic_region(visit.settings)):
        return await _contact(visit, phone=number, username=None)
    if (m := _USERNAME.match(value)) and value.startswith("@"):
        return await _contact(visit, phone=None, username=m.group(1))
    invalid = N_("booking.contact_invalid")
    return Turn([ask_contact(visit, note=visit.tr(_note(visit, text, invalid)))])


def _note(visit: Visit, text: str, otherwise: str) -> str:
    """"Where was I" is told where; anything else gets `otherwise`."""
    return N_("resume.here") if visit.content.replies[visit.language].resumes(text) \
        else otherwise


async def _contact(visit: Visit, phone: str | None, username: str | None) -> Turn:
    state = await visit.stores.chat_states.get(visit.client.user_id)
    if state is None or state.state != CONTACT:
        return main_menu(visit, note=visit.tr("booking.contact_unexpected"))
    data = {**state.data, "phone": phone, "username": username}
    await visit.stores.chat_states.save(visit.client.user_id, TIME, data, visit.now)
    received = Reply(visit.tr("booking.contact_received"), remove_keyboard=True)
    rows = tuple((visit.tr_button(t.label, PreferredTime(t.id).pack()),)
                 for t in visit.content.booking.preferred_times)
    return Turn([received, Reply(visit.tr("booking.ask_time"), rows)])


async def time_chosen(visit: Visit, time_id: str) -> Turn | None:
    """None when the button is stale (no booking in progress) or forged."""
    times = {t.id: t for t in visit.content.booking.preferred_times}
    state = await visit.stores.chat_states.get(visit.client.user_id)
    if time_id not in times or state is None or state.state != TIME:
        return None
    record = await visit.stores.screenings.get(int(state.data["screening_id"]))
    if record is None or record.outcome is None:
        return None
    lead_id = await visit.stores.leads.create(
        user_id=visit.client.user_id, screening_id=record.id, outcome=record.outcome,
        phone=state.data.get("phone"), contact_username=state.data.get("username"),
        preferred_time=time_id, now=visit.now,
    )
    lead = await visit.stores.leads.get(lead_id)
    assert lead is not None
    await funnel.record(visit.services, funnel.LEAD)
    chosen = Reply(visit.tr("booking.time_chosen",  # a button's label inside a sentence
                            time=visit.tr_label(times[time_id].label).lower()),
                   edit=True)
    tips = Reply(visit.render("booking_tips.j2", good_season=_good_season(visit)))
    done = Reply(visit.render("booking_done.j2"),
                 ((visit.tr_button("button.menu", MenuAction("menu").pack()),),))
    return Turn([chosen, tips, done], [await cards.card_post(visit.services, lead)])


def _good_season(visit: Visit) -> bool:
    month = visit.now.astimezone(visit.settings.timezone).month
    return month in visit.content.booking.season_months[visit.settings.hemisphere]


async def remind_time(visit: Visit, text: str) -> Turn:
    """Text typed while the preferred time is awaited: ask again with the buttons."""
    rows = tuple((visit.tr_button(t.label, PreferredTime(t.id).pack()),)
                 for t in visit.content.booking.preferred_times)
    note = visit.tr(_note(visit, text, N_("booking.use_buttons")))
    return Turn([Reply(note + "\n\n" + visit.tr("booking.ask_time"), rows)])


async def foreign_contact(visit: Visit) -> Turn:
    """Someone else's contact card was shared: only the client's own number is accepted."""
    return await _ask_again(visit, visit.tr("booking.contact_not_own"))


async def _ask_again(visit: Visit, note: str) -> Turn:
    """A contact card that cannot be taken: asked again while the contact is awaited, else
    the menu (a card shared out of the blue)."""
    state = await visit.stores.chat_states.get(visit.client.user_id)
    if state is None or state.state != CONTACT:
        return main_menu(visit, note=visit.tr("booking.contact_unexpected"))
    return Turn([ask_contact(visit, note=note)])


async def contact(visit: Visit, phone: str, own: bool) -> Turn:
    """A shared contact card: only the client's own number is accepted."""
    return await contact_shared(visit, phone) if own else await foreign_contact(visit)


def register(router: Router) -> None:
    router.menu_action("booking")(lambda v: begin(v))
    router.button(PreferredTime)(lambda v, data: time_chosen(v, data.time))
    router.state(CONTACT)(lambda v, text, _: contact_typed(v, text))
    router.state(TIME)(lambda v, text, _: remind_time(v, text))
    router.contact = contact
