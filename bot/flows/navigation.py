"""Getting out of what is in progress: /cancel, and the words clients type for it, for Back
and for the menu ("отмена", "stop", "назад", "главное меню": `navigate` in
dialogs/replies.<language>.yaml); and the words for /stop ("stop messaging me", "хватит мне
писать") and /forget ("delete my data", "удалите мои данные"): a wish to hear no more, or to
be erased, is never a problem for staff or a FAQ page; and those for /language ("switch to
russian", "по-английски").

Typed alone, in any shipped language, those words do what the command or the button would, in
whatever conversation is open: "стоп" never shows a FAQ page, "отмена" is never kept as a note
for staff. Cancel ends the open check and any conversation. With nothing in progress it says
so, and shows what the client may have meant: an upcoming appointment with its own Reschedule
and Cancel (a word alone never cancels an appointment), and how to stop a running aftercare
week. Back is the open check's Back (at its first question, that question again); elsewhere it
leaves the step for the menu. Menu is /menu. In a thread with staff, and in the description of
a problem in the aftercare week, every word is the client's to say to staff: those states are
`verbatim` (bot/flows/staff/relay.py, bot/flows/aftercare.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.content.i18n import N_
from bot.content.replies import ABOUT_THE_CHAT, Navigation
from bot.flows import Reply, Turn, Visit, my_appointment, slot_picker, unasked
from bot.flows.context import OFFERED
from bot.flows.faq import PENDING
from bot.flows.language import named_language
from bot.flows.menu import MenuAction, choose_language, main_menu, set_language
from bot.flows.privacy import ask_forget
from bot.flows.questions import ask, open_step
from bot.flows.screening import back

if TYPE_CHECKING:
    from bot.flows.router import Router


async def cancel(visit: Visit) -> Turn:
    """`/cancel`: end the open check and whatever conversation the client is in."""
    user_id = visit.client.user_id
    record = await visit.stores.screenings.active(user_id)
    state = await visit.stores.chat_states.get(user_id)
    await visit.stores.chat_states.clear(user_id)
    if record is not None:
        await visit.stores.screenings.end(record.id, "cancelled", None, visit.now)
        return main_menu(visit, note=visit.tr("screening.cancelled"))
    if state is not None and state.state != OFFERED:
        return main_menu(visit, note=visit.tr("cancelled"))
    return await _nothing_open(visit)


async def _nothing_open(visit: Visit) -> Turn:
    """No conversation to end: the appointment, if any, with its own Cancel (the likeliest
    wish), else that nothing is in progress."""
    week = await visit.stores.aftercare.active_plan(visit.client.user_id) is not None
    going_on = visit.tr("cancel.aftercare_goes_on") if week else None
    # "stop" in the week most likely means its messages: stopping them is one tap.
    stop = ((visit.tr_button("button.stop_messages", MenuAction("stop").pack()),),) \
        if week else ()
    if await my_appointment.current(visit) is not None:
        note = "\n\n".join(filter(None, (visit.tr("cancel.appointment_kept"), going_on)))
        return Turn([Reply(note, stop)]) + await my_appointment.show(visit)
    note = "\n\n".join(filter(None, (visit.tr("cancel.nothing_open"), going_on)))
    if week:
        return Turn([Reply(note, (*stop, ((visit.tr_button(
            "button.menu", MenuAction("menu").pack()),))))])
    return main_menu(visit, note=note)


async def _other_days(visit: Visit) -> Turn | None:
    """Back from a day's free times: the days again, as "Other days" shows them; None where
    the days are what is on screen."""
    state = await visit.stores.chat_states.get(visit.client.user_id)
    if state is None or slot_picker.SHOWN not in state.data:
        return None
    data = {k: v for k, v in state.data.items() if k != slot_picker.SHOWN}
    await visit.stores.chat_states.save(visit.client.user_id, state.state, data, visit.now)
    return await slot_picker.days(visit, int(data.get("lead", 0)))


async def _back(visit: Visit) -> Turn | None:
    """The open check's previous question, shown anew; None when no check is open."""
    opened = await open_step(visit)
    if opened is None:
        return None
    record, step = opened
    return await back(visit, record, step, edit=False) or Turn([ask(visit, record, step)])


async def _about_the_chat(visit: Visit, wish: Navigation, text: str) -> Turn | None:
    """/stop, /forget or /language asked in words; a language named ("switch to russian",
    "по-английски") is switched to at once."""
    if wish == "stop":
        await visit.stores.chat_states.clear(visit.client.user_id)
        return await unasked.stop(visit)
    if wish == "forget":
        return await ask_forget(visit)
    named = named_language(visit.settings.languages, text)
    return await set_language(visit, named) if named else choose_language(visit)


def _wish(visit: Visit, text: str) -> Navigation | None:
    """What the words ask, read in the chat's language first, then in the others: "стоп" in
    a chat whose Telegram speaks English is still a stop."""
    replies = visit.content.replies
    return replies[visit.language].navigation(text) or next(
        (wish for language, reader in replies.items()
         if language != visit.language and (wish := reader.navigation(text))), None)


def register(router: Router) -> None:
    router.command("cancel", N_("command.cancel"))(lambda v, _: cancel(v))

    async def navigate(visit: Visit, text: str, state: str | None) -> Turn | None:
        wish = _wish(visit, text)
        if wish is None:
            return None
        if wish == "cancel":
            return await cancel(visit)
        if wish in ABOUT_THE_CHAT:
            # Begun with a message for staff or a booking, the words are that conversation's;
            # an offer to pass a question on lapses.
            if state == PENDING:
                await visit.stores.chat_states.clear(visit.client.user_id)
            return await _about_the_chat(visit, wish, text) if state in (
                None, OFFERED, PENDING) else None
        if wish == "back" and state in (slot_picker.PICKING, slot_picker.MOVING) and (
                days := await _other_days(visit)) is not None:
            return days
        turn = await _back(visit) if wish == "back" and state in (None, OFFERED) else None
        await router.leave(visit)
        if turn is not None:
            return turn
        if wish == "back":  # out of the step, not only to the menu beside it
            await visit.stores.chat_states.clear(visit.client.user_id)
            if state in (slot_picker.PICKING, slot_picker.MOVING):  # said, not left silently
                return main_menu(visit, note=visit.tr("cancelled"))
        return main_menu(visit)

    router.navigate = navigate
