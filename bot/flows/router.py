"""The one router: which flow answers a command, a button, typed text, a contact or media.

Telegram-free, so any front end can drive the flows: it takes a `Visit` (or the staff desk's
`Desk`) and returns the `Turn` to deliver. Each flow module registers what it handles with
`register(router)` (bot/flows/routes.py calls them all): commands, buttons (typed callback data,
bot/callbacks.py), main-menu actions, and the conversation states that own typed text.

Which flow owns typed text is one record per client: the chat_states row (`state` names the
conversation, `data` holds its details); with none, the typed-text handlers answer, the first
by declared priority alone (bot/flows/typed_text.py). A state registered with `leave` is left
whenever the client uses a command or a button. Before any of them, `navigate` reads words
typed for a command or a button ("отмена", "назад"), except in a `verbatim` state; and before
that, what cannot wait: a sign that needs care today after a procedure is the whole answer
(`urgent`; the conversation is left, as on a command), one of a severe allergic reaction goes
before whatever answers (`emergency`), whichever step the client is at. The `after`
hooks see every turn given (what it offered, bot/flows/context.py). What no flow answers gets
the `fallback` the router is built with (bot/flows/routes.py: the step an open booking or
check waits on, else the menu, under a note).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from bot.callbacks import CallbackData, StaleButton, prefix_of
from bot.content.i18n import N_
from bot.flows import Desk, Speaking, Turn, Visit
from bot.flows.typed_text import Typed, TypedFlow, TypedHandler, first_answer
from bot.storage import ChatState

log = logging.getLogger(__name__)
Who = TypeVar("Who", bound=Speaking)
Data = TypeVar("Data", bound=CallbackData)
Flow = Callable[[Visit], Awaitable[Turn | None]]
TextFlow = Callable[[Visit, str, dict[str, Any]], Awaitable[Turn | None]]
Leave = Callable[[Visit, dict[str, Any]], Awaitable[None]]
CommandFlow = Callable[[Who, list[str]], Awaitable[Turn]]
StaffReply = Callable[[Desk, int, int, str], Awaitable[Turn | None]]
NotRelayed = Callable[[Desk, int, int, str, str], Awaitable[Turn | None]]
# The answer when no flow gives one: (the visit, the message id of the note saying why).
Fallback = Callable[[Visit, str], Awaitable[Turn]]
# Words typed for what a command or a button does ("отмена"), read before the conversation the
# client is in (its state, None outside one) reads them: the turn, or None to read on.
Navigate = Callable[[Visit, str, str | None], Awaitable[Turn | None]]
Urgent = Callable[[Visit, str], Awaitable[Turn | None]]
Emergency = Callable[[Visit, str], Turn]


class DuplicateRegistration(ValueError):
    """Two flows registered the same name: the message names it and both flows' modules."""


@dataclass(frozen=True)
class Command(Generic[Who]):
    """`label` is the message id of the command's description in Telegram's command menu;
    None keeps the command out of that menu."""

    name: str
    run: CommandFlow[Who]
    label: str | None


@dataclass(frozen=True)
class ButtonRoute(Generic[Who]):
    data: type[CallbackData]
    run: Callable[[Who, Any], Awaitable[Turn | None]]


class Dispatch(Generic[Who]):
    """Commands and buttons: what the client router and the staff desk's router share."""

    audience = ""  # how problems name this router's commands: "command", "staff command"

    def __init__(self) -> None:
        self.commands: dict[str, Command[Who]] = {}
        self.buttons: dict[str, ButtonRoute[Who]] = {}

    def command(self, name: str, label: str | None = None) -> Callable[
            [CommandFlow[Who]], CommandFlow[Who]]:
        """Register `handler(who, args)` for `/name args…`."""
        def add(handler: CommandFlow[Who]) -> CommandFlow[Who]:
            _unique(self.commands, name, f"{self.audience}command /{name}", handler)
            self.commands[name] = Command(name, handler, label)
            return handler
        return add

    def button(self, data: type[Data]) -> Callable[[Callable[[Who, Data], Awaitable[Turn | None]]],
                                                    Callable[[Who, Data], Awaitable[Turn | None]]]:
        """Register `handler(who, data)` for buttons carrying `data`; None from it means stale."""
        def add(handler: Callable[[Who, Data], Awaitable[Turn | None]]) -> Callable[
                [Who, Data], Awaitable[Turn | None]]:
            _unique(self.buttons, data.prefix, f"button prefix {data.prefix!r}", handler)
            self.buttons[data.prefix] = ButtonRoute(data, handler)
            return handler
        return add

    def owns(self, data: object) -> bool:
        """Whether callback data is one of this router's kinds of button (by its prefix)."""
        return isinstance(data, str) and prefix_of(data) in self.buttons

    async def press(self, who: Who, data: str | None) -> Turn | None:
        """The pressed button's turn; None for data this bot did not build or a stale button."""
        route = self.buttons.get(prefix_of(data))
        if route is None:
            return None
        try:
            parsed = route.data.unpack(data)
        except StaleButton:
            return None
        return await route.run(who, parsed)


class Router(Dispatch[Visit]):
    """The client's side: commands, buttons, menu actions, typed text, contacts, media."""

    def __init__(self, fallback: Fallback) -> None:
        super().__init__()
        self.fallback = fallback
        self.menu_actions: dict[str, Flow] = {}
        self.states: dict[str, TextFlow] = {}
        self.leaving: dict[str, Leave] = {}
        self.resuming: dict[str, TextFlow] = {}
        self.typed_handlers: list[TypedHandler] = []  # in priority order
        self.contact: Callable[[Visit, str, bool], Awaitable[Turn]] | None = None
        # Told of every turn given to a command, a button or typed text (what was offered).
        self.after: list[Callable[[Visit, Turn], Awaitable[None]]] = []
        self.photo: Callable[[Visit, int, str], Awaitable[Turn | None]] | None = None
        # What to say of media the bot cannot read, where a flow knows better (None from it:
        # the usual answer).
        self.unreadable: Callable[[Visit], Awaitable[Turn | None]] | None = None
        # A conversation state's own way with a photo (one meant for a person goes to staff).
        self.state_photos: dict[str, Callable[[Visit, int, str], Awaitable[Turn | None]]] = {}
        self.navigate: Navigate | None = None
        self.urgent: Urgent | None = None
        self.emergency: Emergency | None = None
        self.verbatim: set[str] = set()

    def menu_action(self, action: str) -> Callable[[Flow], Flow]:
        """Register what a main-menu button with `action` (dialogs/menu.yaml) does."""
        def add(flow: Flow) -> Flow:
            _unique(self.menu_actions, action, f"menu action {action!r}", flow)
            self.menu_actions[action] = flow
            return flow
        return add

    def state(self, name: str, *, leave: Leave | None = None, verbatim: bool = False,
              resume: TextFlow | None = None) -> Callable[[TextFlow], TextFlow]:
        """Register the handler of typed text while the client's record is in state `name`.
        It gets the record's data; None from it means the state has just ended: route again.
        `verbatim`: every word typed is the client's to say (to staff), none a command's.
        `resume`: what follows the typed-text handlers' answer to text the state passed on
        while it stays (the step a booking waits on, after the question it let through)."""
        def add(flow: TextFlow) -> TextFlow:
            _unique(self.states, name, f"conversation state {name!r}", flow)
            self.states[name] = flow
            if resume is not None:
                self.resuming[name] = resume
            if leave is not None:
                self.leaving[name] = leave
            if verbatim:
                self.verbatim.add(name)
            return flow
        return add

    def typed(self, priority: Typed) -> Callable[[TypedFlow], TypedFlow]:
        """Register `handler(visit, text)` for typed text outside a conversation at `priority`;
        None from it passes the text on."""
        def add(flow: TypedFlow) -> TypedFlow:
            taken = {h.priority.name: h for h in self.typed_handlers}
            _unique(taken, priority.name, f"typed-text priority {priority.name}", flow)
            self.typed_handlers.append(TypedHandler(priority, flow))
            self.typed_handlers.sort(key=lambda h: h.priority)
            return flow
        return add

    async def on_command(self, visit: Visit, name: str, args: list[str]) -> Turn:
        await self.leave(visit)
        command = self.commands.get(name)
        if command is None:
            return await self.fallback(visit, N_("error.unknown_command"))
        return await self._told(visit, await command.run(visit, args))

    async def on_button(self, visit: Visit, data: str | None) -> Turn:
        await self.leave(visit)
        turn = await self.press(visit, data)
        if turn is None:
            log.info("stale or forged button from user %s", visit.client.user_id)
            return await self.fallback(visit, N_("error.stale_button"))
        return await self._told(visit, turn)

    async def on_text(self, visit: Visit, text: str) -> Turn:
        return await self._told(visit, await self._text(visit, text))

    async def _told(self, visit: Visit, turn: Turn) -> Turn:
        for after in self.after:
            await after(visit, turn)
        return turn

    async def _text(self, visit: Visit, text: str) -> Turn:
        record = await visit.stores.chat_states.get(visit.client.user_id)
        state = record.state if record else None
        if record is not None and (kept := record.state) in self.verbatim:
            # Every word is the client's to say (to staff): its flow reads them, signs that
            # cannot wait included. What it passes on is read as any text is.
            if (turn := await self.states[kept](visit, text, record.data)) is not None:
                return turn
            now = await visit.stores.chat_states.get(visit.client.user_id)
            if now is not None and now.state == kept:
                return await self._heard(visit, text, lambda: self._passed_on(visit, text, kept))
            return await self._heard(visit, text, lambda: self._read(visit, text, now))

        async def read() -> Turn:
            if self.navigate is not None and (
                    turn := await self.navigate(visit, text, state)) is not None:
                return turn
            return await self._read(visit, text, record)
        return await self._heard(visit, text, read)

    async def _heard(self, visit: Visit, text: str, read: Callable[[], Awaitable[Turn]]) -> Turn:
        """What cannot wait, then what `read` answers."""
        if self.urgent is not None and (alert := await self.urgent(visit, text)) is not None:
            await self.leave(visit)
            return alert
        return self._emergency(visit, text) + await read()

    async def _read(self, visit: Visit, text: str, record: ChatState | None) -> Turn:
        """The conversation the client is in reads the text, else the typed-text handlers."""
        for _ in range(2):
            handler = self.states.get(record.state) if record else None
            if handler is None or record is None:
                break
            turn = await handler(visit, text, record.data)
            if turn is not None:
                return turn
            before, record = record.state, await visit.stores.chat_states.get(
                visit.client.user_id)
            if record is not None and record.state == before:
                return await self._passed_on(visit, text, record.state)
        return await first_answer(self.typed_handlers, visit, text)

    async def _passed_on(self, visit: Visit, text: str, state: str) -> Turn:
        """Text a state passed on and stays in (asking it again tells nothing): the typed-text
        handlers' answer, then the state's `resume` if it is still the client's."""
        answered = await first_answer(self.typed_handlers, visit, text)
        resume = self.resuming.get(state)
        record = await visit.stores.chat_states.get(visit.client.user_id) if resume else None
        if resume is None or record is None or record.state != state:
            return answered
        return answered + (await resume(visit, text, record.data) or Turn())

    async def on_contact(self, visit: Visit, phone: str, own: bool) -> Turn:
        """A shared contact card; `own` says whether it is the sender's own number."""
        await self.leave(visit)
        assert self.contact is not None, "no flow takes contacts"
        return await self.contact(visit, phone, own)

    async def on_media(self, visit: Visit, photo: int | None = None, caption: str = "") -> Turn:
        """Media the bot cannot read; a photo (`photo` is its message id) goes to the state the
        client is in, where it has a way with photos, else to the flow that takes photos, when
        that flow wants it (None from it: the usual answer). Whatever answers, a caption that
        tells a severe allergic reaction gets emergency services first; the flow that takes
        photos reads urgent signs in it itself."""
        first = self._emergency(visit, caption)
        if photo is not None and self.state_photos:
            record = await visit.stores.chat_states.get(visit.client.user_id)
            if record is not None and record.state in self.state_photos and (
                    turn := await self.state_photos[record.state](visit, photo, caption)
            ) is not None:
                return first + turn
        if photo is not None and self.photo is not None:
            turn = await self.photo(visit, photo, caption)
            if turn is not None:
                return turn
        if photo is None and self.unreadable is not None and (
                said := await self.unreadable(visit)) is not None:
            return first + said
        return first + await self.fallback(visit, N_("error.unsupported_message"))

    async def on_edited(self, visit: Visit, text: str = "") -> Turn:
        """An edit is not read again (what it changed may answer a step long past): sent
        again, it is. A severe allergic reaction told in it gets emergency services first."""
        return self._emergency(visit, text) + await self.fallback(
            visit, N_("error.edited_message"))

    def _emergency(self, visit: Visit, text: str) -> Turn:
        return self.emergency(visit, text) if text and self.emergency is not None else Turn()

    async def leave(self, visit: Visit) -> None:
        """Leave the conversation the client is in, if it is one left on a command or a button."""
        if not self.leaving:
            return
        record = await visit.stores.chat_states.get(visit.client.user_id)
        leave = self.leaving.get(record.state) if record else None
        if leave is not None and record is not None:
            await leave(visit, record.data)


class DeskRouter(Dispatch[Desk]):
    """The staff desk's: commands, the buttons of lead cards and lists, and replies to the
    bot's messages in the staff chat. Who may act as staff is decided before (staff_auth.py)."""

    audience = "staff "

    def __init__(self) -> None:
        super().__init__()
        self.replies: list[StaffReply] = []
        # A reply that cannot reach the client (a photo, an edit): what staff are told, or
        # None where the message replied to is not a client's thread.
        self.not_relayed: NotRelayed | None = None

    async def on_command(self, desk: Desk, name: str, args: list[str]) -> Turn:
        return await self.commands[name].run(desk, args)

    async def on_button(self, desk: Desk, data: str | None) -> Turn:
        """A stale or forged staff button changes nothing and says nothing."""
        return await self.press(desk, data) or Turn()

    async def on_reply_not_relayed(self, desk: Desk, replied_to: int, reply_id: int,
                                   why: str, name: str = "") -> Turn | None:
        """A reply that is no text (`media`), an edit (`edit`) of one, or mentions someone
        (`mention`, `name`); None where the message replied to takes no such note."""
        if self.not_relayed is None:
            return None
        return await self.not_relayed(desk, replied_to, reply_id, why, name)

    async def on_reply(self, desk: Desk, replied_to: int, reply_id: int, text: str) -> Turn | None:
        """Each reply handler in turn (`replied_to` is the bot's message); None when none
        of them knows that message."""
        for handler in self.replies:
            turn = await handler(desk, replied_to, reply_id, text)
            if turn is not None:
                return turn
        return None


def _unique(registry: dict[str, Any], key: str, what: str, handler: object) -> None:
    if key in registry:
        raise DuplicateRegistration(
            f"{what} is registered twice: by {_owner(registry[key])} and by {_owner(handler)}")


def _owner(entry: object) -> str:
    """The module of the flow behind a registry entry (a Command's or ButtonRoute's `run`)."""
    return str(getattr(getattr(entry, "run", entry), "__module__", "an unknown module"))
