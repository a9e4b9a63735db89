"""Who is staff: the one place that decides, for every staff command, button and reply.

Staff are the users listed in `staff.user_ids`, acting in the staff chat, or in their private
chat with the bot (commands, and the buttons of what those commands show). Anyone else — a
client, a stranger in the staff chat, a staff member writing in some other group — gets no
staff data and no staff action, whatever command, button or callback data they send. Every
refusal is logged with ids only: never names, phone numbers or texts.
"""

from __future__ import annotations

import logging

from telegram import Update

from bot.config import Settings
from bot.flows.staff import StaffMember

log = logging.getLogger(__name__)


def staff_member(update: Update, settings: Settings, action: str) -> StaffMember | None:
    """The staff member behind `update`, or None (logged) when it must not act as staff.
    `action` says what was attempted ("command", "button", "reply") for the log."""
    user, chat = update.effective_user, update.effective_chat
    if user is not None and chat is not None and user.id in settings.staff_user_ids and (
            chat.id == settings.staff_chat_id or chat.type == chat.PRIVATE):
        return StaffMember(user.id, user.full_name)
    log.warning("staff %s refused: user %s in chat %s (update %s)", action,
                user.id if user else None, chat.id if chat else None, update.update_id)
    return None
