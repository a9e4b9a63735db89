"""The relay: staff answer a forwarded question by replying to it; the client's next messages
come back to the same thread until they use the menu or a command, or 24 hours pass."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import ChatUser, FakeBotApi, Sandbox, Sent
from tests.chat import Texts, consented, screen, shown
from tests.desk import lead_by_chat, staff_member, stores_of

QUESTION = "Is there wifi in the waiting room for my sister?"


async def forwarded(bot: Sandbox, content: Content, language: str = "en") -> tuple[ChatUser, Sent]:
    client = bot.user(first_name="Mira", username="mira_k", language_code=language)
    await client.send(QUESTION)
    await client.press(Texts(content, language).label("faq.forward.yes"))
    [question] = bot.staff_chat()
    return client, question


async def first_card(bot: Sandbox) -> Sent:
    """Lead #1's card as posted in the staff chat."""
    card = await stores_of(bot).leads.get(1)
    assert card is not None
    [posted] = [m for m in bot.staff_chat() if m.message_id == card.staff_message_id]
    return posted


async def test_a_staff_reply_reaches_the_client_and_the_answer_comes_back(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t, staff = Texts(content, language), Texts(content, "en")
    client, question = await forwarded(bot, content, language)
    maria = staff_member(bot, settings)
    received = len(client.messages)
    ack = await maria.reply_to(question, "Yes, there are racks <behind> the clinic.")
    [answer] = client.messages[received:]
    assert t("relay.answer.title", clinic=settings.clinic_name) in answer.text
    assert "Yes, there are racks &lt;behind&gt; the clinic." in answer.text
    assert "Maria" not in answer.text and "Staff" not in answer.text
    assert [m.text for m in ack] == [staff("staff.relay.sent")]

    reply = shown(await client.send("Thank you! Is it free?"))
    assert reply == t("relay.forwarded")
    follow_up = bot.staff_chat()[-1]
    assert follow_up.reply_to == question.message_id
    assert "Mira" in follow_up.text and "@mira_k" in follow_up.text
    assert "Thank you! Is it free?" in follow_up.text

    await maria.reply_to(follow_up, "It is free.")
    assert "It is free." in client.last.text


async def test_the_menu_or_a_command_ends_the_conversation_with_staff(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    client, question = await forwarded(bot, content)
    await staff_member(bot, settings).reply_to(question, "We have parking.")
    await client.send("/menu")
    staff_posts = len(bot.staff_chat())
    reply = shown(await client.send("how long does the procedure take"))
    assert Texts(content, "en").faq("duration", settings) in reply
    assert len(bot.staff_chat()) == staff_posts


async def test_a_button_ends_it_too(bot: Sandbox, content: Content, settings: Settings) -> None:
    client, question = await forwarded(bot, content)
    await staff_member(bot, settings).reply_to(question, "We have parking.")
    await client.press(Texts(content, "en").label("menu.faq"))
    staff_posts = len(bot.staff_chat())
    await client.send("does it hurt")
    assert len(bot.staff_chat()) == staff_posts


async def test_after_24_hours_free_text_is_the_faq_again(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    client, question = await forwarded(bot, content)
    await staff_member(bot, settings).reply_to(question, "We have parking.")
    bot.clock.advance(timedelta(hours=23))
    await client.send("ok, thanks")
    assert len(bot.staff_chat()) == 3  # question, answer acknowledged, the client's thanks
    bot.clock.advance(timedelta(hours=2))
    reply = shown(await client.send("does it hurt"))
    assert Texts(content, "en").faq("duration", settings) in reply
    assert len(bot.staff_chat()) == 3
    assert await stores_of(bot).chat_states.get(client.id) is None


async def test_any_staff_chat_post_can_become_a_thread(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """How aftercare problem alerts will use the relay: post, then register the message."""
    client = bot.user(first_name="Lena")
    await client.send("/start")
    alert = await bot.app.bot.send_message(settings.staff_chat_id, "Lena reports cracks")
    await stores_of(bot).relays.register_thread(alert.message_id, client.id, bot.clock.now())
    [posted] = [m for m in bot.staff_chat() if m.message_id == alert.message_id]
    await staff_member(bot, settings).reply_to(posted, "Please call us today.")
    assert "Please call us today." in client.last.text
    await client.send("Calling now")
    assert bot.staff_chat()[-1].reply_to == alert.message_id


async def test_replies_to_other_messages_are_left_alone(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    client, question = await forwarded(bot, content)
    maria, ivan = staff_member(bot, settings), staff_member(bot, settings, first_name="Ivan")
    [ack] = await maria.reply_to(question, "We have parking.")
    received = len(client.messages)
    assert await ivan.reply_to(ack, "nice one") == []
    assert client.messages[received:] == []


async def test_staff_hear_when_an_answer_cannot_be_delivered(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    _, question = await forwarded(bot, content)
    bot.api.fail_next["sendMessage"].append(
        (403, {"description": "Forbidden: bot was blocked by the user"}))
    reply = shown(await staff_member(bot, settings).reply_to(question, "We have parking."))
    assert reply == Texts(content, "en")("staff.relay.unreachable")


async def test_a_question_from_a_client_with_a_lead_names_the_lead(
    bot: Sandbox, content: Content
) -> None:
    client = await lead_by_chat(bot, content)
    t = Texts(content, "en")
    await client.send("Is there wifi in your waiting room for a friend?")
    await client.press(t.label("faq.forward.yes"))
    question = bot.staff_chat()[-1]
    assert t("staff.question.title") in question.text
    assert t("staff.lead.title", id=1) in question.text


async def test_a_question_from_someone_without_a_lead_names_none(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    client = bot.user()
    await client.send("Is there wifi in your waiting room for a friend?")
    await client.press(t.label("faq.forward.yes"))
    assert t("staff.lead.title", id=1) not in bot.staff_chat()[-1].text


async def test_a_reply_to_a_lead_card_reaches_its_client(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """The staff /help says a Reply on a client's card reaches them: it was dropped in
    silence."""
    t, staff = Texts(content, "en"), Texts(content, "en")
    client = await lead_by_chat(bot, content)
    posted = await first_card(bot)
    maria = staff_member(bot, settings)
    ack = await maria.reply_to(posted, "We will call you at 5pm today.")
    assert "We will call you at 5pm today." in client.last.text
    assert t("relay.answer.title", clinic=settings.clinic_name) in client.last.text
    assert [m.text for m in ack] == [staff("staff.relay.sent")]
    await client.send("Great, thanks!")
    assert bot.staff_chat()[-1].reply_to == posted.message_id


async def test_an_answer_to_the_open_check_is_not_taken_for_staff(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """Staff answered while the client was in the check: the client's typed "no" to the
    question on screen went to the staff chat, the health answer with it."""
    t = Texts(content, "en")
    client, question = await forwarded(bot, content)
    await consented(client, t)
    await client.press(t.label("screening.done"))
    await staff_member(bot, settings).reply_to(question, "Yes, we have wifi.")
    staff_posts = len(bot.staff_chat())
    reply = shown(await client.send("no"))
    assert t("screening.noted", answer=t.label("screening.no")) in reply
    assert len(bot.staff_chat()) == staff_posts


async def test_a_phone_typed_for_the_booking_is_not_taken_for_staff(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    t = Texts(content, "en")
    client, question = await forwarded(bot, content)
    await screen(client, t)
    await client.press(t.label("screening.outcome.suitable.book"))
    await staff_member(bot, settings).reply_to(question, "Yes, we have wifi.")
    staff_posts = len(bot.staff_chat())
    reply = shown(await client.send("07911 123456"))
    assert t("booking.contact_received") in reply
    assert len(bot.staff_chat()) == staff_posts


async def test_a_reply_that_mentions_a_colleague_stays_in_the_staff_chat(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """"@ivan can you call her? she sounded rude", a reply to a card meant for a colleague,
    reached the client as an answer from the clinic."""
    staff = Texts(content, "en")
    client = await lead_by_chat(bot, content)
    posted = await first_card(bot)
    received = len(client.messages)
    maria = staff_member(bot, settings)
    for said, name in (("@ivan_k can you call her? she sounded rude", "@ivan_k"),
                       ("@ivan can you call her?", "@ivan"), ("@Ira please call her", "@Ira")):
        ack = await maria.reply_to(posted, said)
        assert len(client.messages) == received
        assert [m.text for m in ack] == [staff("staff.relay.mentions", name=name)]
    # A colleague without a username, mentioned by picking them: Telegram's text_mention.
    ack = await maria._send_message(
        text="Ivan can you call her?", reply_to_message=FakeBotApi._json(posted),
        entities=[{"type": "text_mention", "offset": 0, "length": 4,
                   "user": {"id": 77, "is_bot": False, "first_name": "Ivan"}}])
    assert len(client.messages) == received
    assert [m.text for m in ack] == [staff("staff.relay.mentions", name="Ivan")]
    await maria.reply_to(posted, "Write to us at hello@clinic.example any time")
    assert "hello@clinic.example" in client.last.text  # an e-mail address is no mention


async def test_a_reply_the_client_cannot_get_is_not_lost_in_silence(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """A photo, a voice note or a sticker sent as a reply to a client's question reached
    nobody, and an edit of an answer already sent changed nothing for the client: staff were
    told neither."""
    staff = Texts(content, "en")
    client, question = await forwarded(bot, content)
    maria = staff_member(bot, settings)
    received = len(client.messages)
    quoted = FakeBotApi._json(question)
    shown_to_staff = await maria._send_message(
        photo=[{"file_id": "p", "file_unique_id": "p1", "width": 9, "height": 9}],
        caption="here is our price list", reply_to_message=quoted)
    assert [m.text for m in shown_to_staff] == [staff("staff.relay.text_only")]
    await maria.reply_to(question, "It is free, sorry Mirra")
    assert len(client.messages) == received + 1
    shown_to_staff = await maria._send_message(
        edited=True, text="It is free, sorry Mira", reply_to_message=quoted)
    assert [m.text for m in shown_to_staff] == [staff("staff.relay.edit_not_sent")]
    assert len(client.messages) == received + 1 and "Mirra" in client.last.text


async def test_a_bare_date_replied_to_a_card_is_not_sent_to_the_client(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """"7.12 10:00" replied to a lead card, meant as the appointment, reached the client as an
    answer from the clinic reading only "7.12 10:00", and the appointment stayed unset."""
    staff = Texts(content, "en")
    client = await lead_by_chat(bot, content)
    posted = await first_card(bot)
    received = len(client.messages)
    ack = await staff_member(bot, settings).reply_to(posted, "7.12 10:00")
    assert len(client.messages) == received
    assert [m.text for m in ack] == [staff("staff.relay.bare_time",
                                           button=staff.label("staff.status.booked"))]


async def test_a_photo_sent_back_in_a_thread_joins_it(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """The nurse, replying to an aftercare alert, asked for a photo; the photo opened a new
    "Aftercare problem reported: Something else" beside the thread, not linked to it, and
    the client was told once more that the team would get in touch."""
    t = Texts(content, "en")
    client = bot.user(first_name="Mira", language_code="en")
    await client.send("/menu")
    await client.press(t.label("menu.aftercare"))
    bot.clock.advance(timedelta(days=2))
    await client.send("my cheeks are itchy and red")
    [alert] = bot.staff_chat()
    maria = staff_member(bot, settings)
    await maria.reply_to(alert, "Could you send me a photo of it?")
    reply = shown(await client.send_photo())
    assert reply == t("relay.forwarded")
    note, copied = bot.staff_chat()[-2:]
    assert note.reply_to == alert.message_id and "Mira" in note.text
    assert copied.copied_from is not None
    assert len(await stores_of(bot).database.all(
        "SELECT 1 FROM aftercare_checkins WHERE problem = 1")) == 1


@pytest.mark.parametrize("language, text", [
    ("en", "my eye hurts"), ("en", "there is pus on my cheek"), ("ru", "гной на щеке")])
async def test_an_urgent_sign_typed_in_a_staff_thread_is_still_urgent(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    """After the nurse answered a question in the week, "my eye hurts" or "гной на щеке"
    reached her as one more chat line: no urgent mark, no problem opened, and the client was
    told only "sent to the clinic"."""
    t, staff = Texts(content, language), Texts(content, content.languages[0])
    client = bot.user(first_name="Mira", language_code=language)
    await client.send("/menu")
    await client.press(t.label("menu.aftercare"))
    bot.clock.advance(timedelta(days=1))
    await client.send(QUESTION)
    await client.press(t.label("faq.forward.yes"))
    question = bot.staff_chat()[-1]
    await staff_member(bot, settings).reply_to(question, "Yes, there is.")
    reply = shown(await client.send(text))
    assert t("aftercare.problem.urgent") in reply
    assert staff("staff.aftercare.urgent") in bot.staff_chat()[-1].text
