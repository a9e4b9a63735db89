"""/forget reaches everything the staff chat shows about the client: not only the lead card
and the threads, but the answers to staff commands that named them (/lead, /find, /leads,
/aftercare) and the CSV export, which is deleted."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import Sandbox
from tests.chat import Texts
from tests.desk import lead_by_chat, staff_member

pytestmark = pytest.mark.engines

NEEDLES = ("Olga", "user1001", "345-67", "345 67", "1001")


async def test_forget_edits_every_staff_post_naming_the_client_and_deletes_the_export(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    t = Texts(content, "en")
    client = await lead_by_chat(bot, content, first_name="Olga")
    await lead_by_chat(bot, content, user_id=2002, first_name="Vera", phone="+44 7400 123456")
    maria = staff_member(bot, settings)
    for command in ("/lead 1", "/find Olga", "/leads", "/aftercare 1", "/export"):
        [answer] = await maria.send(command)
        assert "Olga" in answer.text or answer.document is not None, command
    staff_chat = bot.api.messages[settings.staff_chat_id]
    assert any(m.document is not None for m in staff_chat)

    await client.send("/forget")
    await client.press(t.label("privacy.forget.yes"))

    for message in staff_chat:
        assert message.document is None, "the export naming the client is still there"
        for needle in NEEDLES:
            assert needle not in message.text, f"{needle!r} still shown: {message.text!r}"
    erased = [m for m in staff_chat if m.text == t("staff.erased.post")]
    assert len(erased) >= 4
    assert any("Vera" in m.text for m in staff_chat)  # the other client's card stays
