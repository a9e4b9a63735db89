"""Anything a client can throw at the bot gets a kind answer, no exception, no lost state."""

from __future__ import annotations

import pytest

from bot.content import Content
from bot.devtools.sandbox import ChatUser, Sandbox
from bot.flows.eligibility import path
from tests.chat import Texts, consented, shown


async def mid_screening(bot: Sandbox, t: Texts) -> ChatUser:
    user = bot.user(language_code=t.language)
    await consented(user, t)
    await user.press(t.label("screening.done"))
    assert t(path(t.content.screening)[1].question) in user.last.text
    return user


def shows_the_open_question(reply: str, t: Texts) -> None:
    """In the check, what is not understood shows its question again, not the main menu."""
    assert t(path(t.content.screening)[1].question) in reply
    assert t("menu.title") not in reply


async def still_at_the_first_question(user: ChatUser, t: Texts) -> None:
    """The screening was not lost: the same question's buttons still work."""
    reply = shown(await user.press_exact(t.label("screening.no")))
    assert t(path(t.content.screening)[2].question) in reply


@pytest.mark.parametrize("action, msgid", [
    ("send_sticker", "error.unsupported_message"),
    ("send_photo", "error.unsupported_message"),
    ("send_voice", "error.unsupported_message"),
])
async def test_media_gets_a_friendly_answer(
    bot: Sandbox, content: Content, language: str, action: str, msgid: str
) -> None:
    t = Texts(content, language)
    user = await mid_screening(bot, t)
    reply = shown(await getattr(user, action)())
    assert t(msgid) in reply
    shows_the_open_question(reply, t)
    await still_at_the_first_question(user, t)


async def test_edited_message_and_unknown_command(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    user = await mid_screening(bot, t)
    edited = shown(await user.edit("never mind"))
    assert t("error.edited_message") in edited
    shows_the_open_question(edited, t)
    assert t("error.unknown_command") in shown(await user.send("/frobnicate"))
    await still_at_the_first_question(user, t)


async def test_huge_text_is_declined_politely(bot: Sandbox, content: Content) -> None:
    t = Texts(content, "en")
    user = await mid_screening(bot, t)
    reply = await user.send("skin " * 1000)
    assert t("faq.too_long", limit=1000) in shown(reply)
    assert all(len(m.text) <= 4096 for m in reply)
    assert bot.staff_chat() == []
    await still_at_the_first_question(user, t)


@pytest.mark.parametrize("text", ["F:²F:²", "38²°", "temp 37³c", "x¹f y⁴ф 10½°"])
async def test_figures_written_as_superscripts_or_fractions_are_read_without_failing(
    bot: Sandbox, content: Content, text: str
) -> None:
    """"²" counts as a digit for Python's isdigit but not for float: reading a temperature in
    "F:²" raised ValueError (found by the random chats of tests/test_properties.py)."""
    user = bot.user()
    await user.send("/start")
    assert await user.send(text)
    assert bot.errors == []


async def test_free_text_during_screening_is_answered_and_the_question_repeated(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    user = await mid_screening(bot, t)
    reply = await user.send("does it hurt?")
    assert t(path(content.screening)[1].question) in reply[-1].text
    await still_at_the_first_question(user, t)


@pytest.mark.parametrize("data", [
    "", "x", "garbage:data", "scr:1:herpes", "scr:999:herpes:yes", "scr:1:nope:yes",
    "scr:1:herpes:maybe", "menu:nowhere", "faq:nothing", "lang:xx", "time:midnight", "recheck:3",
    "recheck:abc", "consent:yes:extra", "ask:yes", "ü" * 40, "scr:1:goals:t.nonexistent",
])
async def test_junk_or_forged_callback_data_gets_out_of_date_answer(
    bot: Sandbox, content: Content, data: str
) -> None:
    t = Texts(content, "en")
    user = await mid_screening(bot, t)
    reply = shown(await user.press_data(data))
    assert t("error.stale_button_short") in reply
    shows_the_open_question(reply, t)
    await still_at_the_first_question(user, t)


async def test_group_chats_get_a_pointer_to_the_private_chat(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    user = bot.user()
    group = {"id": -100555, "type": "supergroup", "title": "Friends"}
    await user.send("hello everyone", chat=group)
    assert bot.api.messages[-100555] == []
    await user.send("/start", chat=group)
    [answer] = bot.api.messages[-100555]
    assert answer.text == t("error.group_chat")
    assert bot.api.messages[user.id] == []


async def test_staff_chat_chatter_is_not_answered(bot: Sandbox, content: Content) -> None:
    """Chatter is staff's own; a client's command there is no staff command, and is said so."""
    user = bot.user(111111111)
    staff_chat = {"id": -1001234567890, "type": "supergroup", "title": "Staff"}
    await user.send("morning all", chat=staff_chat)
    assert bot.staff_chat() == []
    await user.send("/start", chat=staff_chat)
    assert [m.text for m in bot.staff_chat()] == [
        Texts(content, "en")("staff.unknown_command", command="/start")]


async def test_a_name_that_turns_text_around_cannot_disguise_itself_to_staff(
    bot: Sandbox, content: Content
) -> None:
    """A right-to-left override in a name ("\u202eevilname") would show the staff chat the
    @username reversed or spoofed: the marks that turn text are dropped from names."""
    t = Texts(content, "en")
    user = bot.user(first_name="\u202eevil\u2066name", last_name="\u202bX", username="real_one")
    await user.send("/start")
    await user.press(t.label("menu.person"))
    await user.send("Please call me back")
    [post] = bot.staff_chat()
    assert "evilname X (@real_one)" in post.text
    assert not set(post.text) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


async def test_media_at_the_consent_question_asks_for_consent_again(
    bot: Sandbox, content: Content
) -> None:
    """A photo or a voice message at the consent question dropped the client to the menu;
    a sticker at the first question shows that question again, and so should this."""
    t = Texts(content, "en")
    user = bot.user()
    await user.send("/menu")
    await user.press(t.label("menu.screening"))
    for send in (user.send_photo, user.send_voice, user.send_sticker):
        reply = shown(await send())
        assert t("error.unsupported_message") in reply
        assert t.label("screening.consent.yes") in str(user.last.buttons)
    await user.press(t.label("screening.consent.yes"))
    assert t("screening.consent.thanks") in shown(user.messages[-2:])


@pytest.mark.parametrize("send", ["send_voice", "send_sticker"])
async def test_media_after_talk_to_a_person_asks_for_the_message_again(
    bot: Sandbox, content: Content, send: str
) -> None:
    """"Talk to a person", then a voice message: the menu came, yet the next words typed still
    went to staff, as the message the menu seemed to have dropped."""
    t = Texts(content, "en")
    user = bot.user()
    await user.send("/menu")
    await user.press(t.label("menu.person"))
    reply = shown(await getattr(user, send)())
    assert t("error.unsupported_message") in reply and t("person.ask") in reply
    assert t("menu.title") not in reply
    await user.send("Do you have parking nearby?")
    assert "Do you have parking nearby?" in bot.staff_chat()[-1].text
