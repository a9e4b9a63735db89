"""First contact: greeting, main menu (its buttons, or their words typed), help, clinic contacts
and language choice."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from bot.callbacks import CallbackData
from bot.content.i18n import N_, display_name
from bot.flows import Button, Reply, Turn, Visit
from bot.flows.language import written_in
from bot.flows.questions import ask, open_step, stale
from bot.flows.typed_text import Typed

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.content import Content
    from bot.flows.router import Router

T = TypeVar("T", Turn, Turn | None)


@dataclass(frozen=True)
class MenuAction(CallbackData, prefix="menu"):
    """A main-menu button, or any button that leads to one of the menu's actions."""

    action: str

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[MenuAction]:
        return (cls(item.action) for item in content.menu)


@dataclass(frozen=True)
class LanguageChoice(CallbackData, prefix="lang"):
    language: str

    @classmethod
    def examples(cls, content: Content, settings: Settings) -> Iterable[LanguageChoice]:
        return (cls(language) for language in settings.languages)


def menu_buttons(visit: Visit) -> tuple[tuple[Button, ...], ...]:
    return visit.once("menu", lambda: tuple(
        (visit.tr_button(item.label, MenuAction(item.action).pack()),)
        for item in visit.content.menu))


async def welcome(visit: Visit) -> Turn:
    screening = await visit.stores.screenings.active(visit.client.user_id)
    text = visit.render("welcome.j2", name=visit.client.first_name,
                        unfinished_check=screening is not None and not stale(visit, screening))
    return Turn([Reply(text, menu_buttons(visit), remove_keyboard=False)])


def main_menu(visit: Visit, *, edit: bool = False, note: str | None = None) -> Turn:
    text = visit.tr("menu.title") if note is None else f"{note}\n\n{visit.tr('menu.title')}"
    return Turn([Reply(text, menu_buttons(visit), edit=edit)])


def help_text(visit: Visit) -> Turn:
    return Turn([Reply(visit.render("help.j2"), menu_buttons(visit))])


def contacts(visit: Visit, *, edit: bool = False) -> Turn:
    back = ((visit.tr_button("button.menu", MenuAction("menu").pack()),),)
    return Turn([Reply(visit.render("contacts.j2"), back, edit=edit)])


def choose_language(visit: Visit, *, edit: bool = False) -> Turn:
    buttons = tuple(
        (Button(display_name(lang), LanguageChoice(lang).pack()),)
        for lang in visit.settings.languages
    )
    return Turn([Reply(visit.tr("language.choose"), buttons, edit=edit)])


def language_offer(visit: Visit) -> Reply:
    """To a client who wrote in `visit`'s language, not their own: the switch, one tap."""
    language = visit.language
    return Reply(visit.tr("language.offer"),
                 ((Button(display_name(language), LanguageChoice(language).pack()),),))


async def set_language(visit: Visit, language: str) -> Turn | None:
    """None when `language` is not offered (a stale or forged button). In the middle of the
    check, its open question follows in the new language: the client goes on where they
    were, rather than look for it from the menu."""
    if language not in visit.settings.languages:
        return None
    await visit.stores.clients.set_language(visit.client.user_id, language)
    switched = Visit(visit.services, visit.client, language)
    if (opened := await open_step(switched)) is not None:
        return Turn([Reply(switched.tr("language.changed"), edit=True),
                     ask(switched, *opened)])
    return main_menu(switched, edit=True, note=switched.tr("language.changed"))


def with_note(visit: Visit, note: str) -> Turn:
    """The main menu under the text of message id `note`: the router's fallback."""
    return main_menu(visit, note=visit.tr(note))


async def ready(turn: T) -> T:
    """A turn built without waiting, where a registered flow must be awaited."""
    return turn


def register(router: Router) -> None:
    router.command("start", N_("command.start"))(lambda v, _: welcome(v))
    router.command("menu", N_("command.menu"))(lambda v, _: ready(main_menu(v)))
    router.command("help", N_("command.help"))(lambda v, _: ready(help_text(v)))
    router.command("language", N_("command.language"))(
        lambda v, _: ready(choose_language(v)))
    router.menu_action("menu")(lambda v: ready(main_menu(v, edit=True)))
    router.menu_action("contacts")(lambda v: ready(contacts(v, edit=True)))
    router.menu_action("language")(lambda v: ready(choose_language(v, edit=True)))

    @router.button(MenuAction)
    async def menu_action(visit: Visit, data: MenuAction) -> Turn | None:
        flow = router.menu_actions.get(data.action)
        return await flow(visit) if flow else None

    @router.typed(Typed.MENU_ITEM)
    async def menu_item(visit: Visit, text: str) -> Turn | None:
        """A main-menu button's own words typed, its emoji and case aside ("i had my procedure
        today!", "Контакты"): what the button does; in another language the clinic speaks,
        done in that language, with the switch offered."""
        action = visit.content.menu_action_labelled(visit.language, text)
        offer = Turn()
        if action is None and (written := written_in(visit.settings, visit.language, text)):
            action = visit.content.menu_action_labelled(written, text)
            visit = Visit(visit.services, visit.client, written)  # done in the words' language
            offer = Turn([language_offer(visit)])
        flow = router.menu_actions.get(action) if action else None
        turn = await flow(visit) if flow else None
        return turn + offer if turn else None

    router.button(LanguageChoice)(lambda v, data: set_language(v, data.language))
