"""First contact: greeting, main menu, help, clinic contacts and language choice."""

from __future__ import annotations

from bot import callbacks
from bot.content.i18n import display_name
from bot.flows import Button, Reply, Turn, Visit


def menu_buttons(visit: Visit) -> tuple[tuple[Button, ...], ...]:
    return tuple(
        (visit.tr_button(item.label, callbacks.build("m", item.action)),)
        for item in visit.content.menu
    )


async def welcome(visit: Visit) -> Turn:
    screening = await visit.stores.screenings.active(visit.client.user_id)
    text = visit.render("welcome.j2", name=visit.client.first_name,
                        unfinished_check=screening is not None)
    return Turn([Reply(text, menu_buttons(visit), remove_keyboard=False)])


def main_menu(visit: Visit, *, edit: bool = False, note: str | None = None) -> Turn:
    text = visit.tr("menu.title") if note is None else f"{note}\n\n{visit.tr('menu.title')}"
    return Turn([Reply(text, menu_buttons(visit), edit=edit)])


def help_text(visit: Visit) -> Turn:
    return Turn([Reply(visit.render("help.j2"), menu_buttons(visit))])


def contacts(visit: Visit, *, edit: bool = False) -> Turn:
    back = ((visit.tr_button("button.menu", callbacks.build("m", "menu")),),)
    return Turn([Reply(visit.render("contacts.j2"), back, edit=edit)])


def choose_language(visit: Visit, *, edit: bool = False) -> Turn:
    buttons = tuple(
        (Button(display_name(lang), callbacks.build("l", lang)),)
        for lang in visit.settings.languages
    )
    return Turn([Reply(visit.tr("language.choose"), buttons, edit=edit)])


async def set_language(visit: Visit, language: str) -> Turn | None:
    """None when `language` is not offered (a stale or forged button)."""
    if language not in visit.settings.languages:
        return None
    await visit.stores.clients.set_language(visit.client.user_id, language)
    switched = Visit(visit.services, visit.client, language)
    return main_menu(switched, edit=True, note=switched.tr("language.changed"))


def stale_button(visit: Visit) -> Turn:
    return main_menu(visit, note=visit.tr("error.stale_button"))
