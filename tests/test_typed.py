"""What clients type right after /start: health statements, small talk, the clinic's details,
a person; typed answers inside the check; contacts that are contacts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import ChatUser, Sandbox
from tests import shipped
from tests.chat import (
    Texts,
    at_second_question,
    health_reason,
    screen,
    shown,
    step_of,
    tell,
    week_started,
)
from tests.desk import seed_lead, staff_member, stores_of
from tests.slots import pick_first_slot
from tests.test_booking import book
from tests.test_phones import at_contact

content, settings = shipped.content, shipped.settings  # what the clinic ships

HEALTH = [
    ("en", "I had a cold sore last week", "herpes"),
    ("en", "I take roaccutane", "isotretinoin"),
    ("en", "im 5 months pregnant, can i still come?", "pregnancy"),
    ("en", "I got a bad sunburn on saturday", "tan"),
    ("en", "what about rosacea", "rosacea"),
    ("en", "I have diabetes type 2", "diabetes"),
    ("ru", "у меня солнечный ожог", "tan"),
    ("ru", "грибок кожи, можно?", "fungal"),
]


@pytest.mark.parametrize("language, text, condition", HEALTH)
async def test_a_health_statement_is_answered_about_that_condition(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str,
    condition: str
) -> None:
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/start")
    reply = shown(await user.send(text))
    reason, title = health_reason(content, condition)
    assert t(reason) in reply and t(title) in reply
    for topic in content.faq:
        assert t.faq(topic.id, settings) not in reply
    assert t("faq.no_match") not in reply
    assert user.find_button(t.label("health.check"))
    assert user.find_button(t.label("menu.person"))
    assert bot.staff_chat() == []


EMERGENCY = [
    ("en", "my face is swollen and I can hardly breathe", None),
    ("en", "my lips are swelling, I had a peel elsewhere yesterday", None),
    ("ru", "у меня лицо опухло и трудно дышать", None),
    ("ru", "губы отекли, я беременна", "pregnancy"),
    # The present tense, swallowing and wheezing were not in the lists.
    ("ru", "губы отекают и тяжело глотать", None),
    ("en", "i can barely breathe, wheezing", None),
    ("ru", "нечем дышать", None), ("ru", "опухает язык", None),
    ("ru", "ne mogu dyshat, guby opuhli", None),
    # A swollen throat, a reaction named and a faint got "a specialist decides".
    ("en", "my throat is swollen", None), ("en", "swollen throat", None),
    ("en", "im having an allergic reaction", None), ("en", "i fainted after the mask", None),
    ("ru", "горло опухло", None), ("ru", "у меня аллергическая реакция", None),
    ("ru", "упала в обморок", None),
]


@pytest.mark.parametrize("language, text, condition", EMERGENCY)
async def test_signs_of_a_severe_allergic_reaction_send_anyone_to_emergency_services_first(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str,
    condition: str | None
) -> None:
    """Told by someone the bot knows of no procedure for (a client of another clinic, one who
    never pressed "I had my procedure today"), "I can hardly breathe" got what any health
    statement gets: the eligibility check and "a specialist decides". Emergency services come
    first now; the rest of the message is still answered."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/start")
    first, *rest = await user.send(text)
    assert first.text == t("health.emergency", phone=settings.phone)
    assert rest and t("health.emergency", phone=settings.phone) not in shown(rest)
    if condition is not None:
        assert t(health_reason(content, condition)[0]) in shown(rest)
    assert bot.staff_chat() == []


@pytest.mark.parametrize("language, text", [
    ("en", "no trouble breathing, but my skin is red"), ("en", "can I do it with rosacea?"),
    ("ru", "дышать не трудно, просто кожа красная")])
async def test_a_sign_denied_or_never_told_brings_no_emergency_line(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/start")
    assert t("health.emergency", phone=settings.phone) not in shown(await user.send(text))


async def test_a_sign_of_a_severe_allergic_reaction_told_to_a_person_gets_emergency_services(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """Written for a person, or to staff in a thread, it went to the staff chat, and the
    client read only that it was passed on; staff read it as any question, beside one about
    parking. It is marked for them now: the client was sent to emergency services."""
    t = Texts(content, "en")
    user = bot.user(first_name="Mira", language_code="en")
    await user.send("/menu")
    await user.press(t.label("menu.person"))
    first, *rest = await user.send("my throat is swelling, please call me")
    assert first.text == t("health.emergency", phone=settings.phone)
    assert t("faq.forward.sent") in shown(rest)
    [question] = bot.staff_chat()
    assert "my throat is swelling, please call me" in question.text
    assert question.text.startswith(t("staff.emergency"))
    await staff_member(bot, settings).reply_to(question, "We are calling you now.")
    first, *rest = await user.send("now my lips are swelling too")
    assert first.text == t("health.emergency", phone=settings.phone)
    assert shown(rest) == t("relay.forwarded")
    said = bot.staff_chat()[-1].text
    assert "now my lips are swelling too" in said and said.startswith(t("staff.emergency"))
    await user.send("thank you, the ambulance is here")
    assert t("staff.emergency") not in bot.staff_chat()[-1].text


async def test_a_question_for_a_person_without_such_signs_is_not_marked_for_staff(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    user = bot.user(language_code="en")
    await user.send("/menu")
    await user.press(t.label("menu.person"))
    await user.send("is there parking nearby? no trouble breathing here, just asking")
    [question] = bot.staff_chat()
    assert t("staff.emergency") not in question.text


async def test_a_severe_allergic_reaction_told_once_a_thread_closed_gets_emergency_services(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """A thread with staff closes after a day without a word; what the client types then is
    read as any message is, emergency services first where it tells that reaction."""
    t = Texts(content, "en")
    user = bot.user(language_code="en")
    await user.send("/menu")
    await user.press(t.label("menu.person"))
    await user.send("do you have parking?")
    [question] = bot.staff_chat()
    await staff_member(bot, settings).reply_to(question, "Yes, behind the building.")
    bot.clock.advance(timedelta(days=2))
    first, *rest = await user.send(BREATH["en"])
    assert first.text == t("health.emergency", phone=settings.phone)
    assert shown(rest) != t("relay.forwarded") and len(bot.staff_chat()) == 2


async def test_in_the_week_a_sign_of_a_severe_allergic_reaction_is_the_urgent_alert(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """The urgent alert already begins with emergency services: said once, and staff hear."""
    user, t = await week_started(bot, "en")
    reply = shown(await user.send("my lips are swelling"))
    assert t("aftercare.problem.urgent") in reply
    assert t("health.emergency", phone=settings.phone) not in reply
    assert len(bot.staff_chat()) == 1


BREATH = {"en": "my throat is swelling and I can hardly breathe",
          "ru": "горло отекает, трудно дышать"}


@pytest.mark.parametrize("language", ["en", "ru"])
async def test_a_sign_of_a_severe_allergic_reaction_typed_in_the_check_gets_emergency_services(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """Typed while the check waited on its question, it got only "I didn't take that as a
    choice": the step that waits read it, and nothing else did. The check still waits."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await at_second_question(user, t)
    asked = step_of(user.last)
    first, *rest = await user.send(BREATH[language])
    assert first.text == t("health.emergency", phone=settings.phone)
    assert rest and step_of(rest[-1]) == asked
    assert bot.staff_chat() == []


@pytest.mark.parametrize("language", ["en", "ru"])
async def test_a_sign_of_a_severe_allergic_reaction_typed_for_the_booking_gets_emergency_services(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """Typed when the booking asks for a phone: emergency services first, and the booking
    still waits for the phone."""
    t = Texts(content, language)
    user = await at_contact(bot, t)
    first, *rest = await user.send(BREATH[language])
    assert first.text == t("health.emergency", phone=settings.phone)
    assert t("booking.contact_received") in shown(await user.send("07400 123456"))


@pytest.mark.parametrize("language", ["en", "ru"])
async def test_an_edit_telling_a_severe_allergic_reaction_gets_emergency_services(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """A message edited to "my throat is swelling and I can hardly breathe" got only "edits
    aren't read, send it again"."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/start")
    first, *rest = await user.edit(BREATH[language])
    assert first.text == t("health.emergency", phone=settings.phone)
    assert t("error.edited_message") in shown(rest)


async def test_after_the_procedure_a_sign_typed_in_the_check_is_the_urgent_alert(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """In the week, "my eye is swollen shut" typed while the check waited on its question got
    "I didn't take that as an answer", and staff never heard of it."""
    user, t = await week_started(bot, "en")
    await at_second_question(user, t)
    asked, before = step_of(user.last), len(bot.staff_chat())
    assert t("aftercare.problem.urgent") in shown(await user.send("my eye is swollen shut"))
    [alert] = bot.staff_chat()[before:]
    assert "my eye is swollen shut" in alert.text
    answered = await user.press_exact(t.label("screening.no"))
    assert step_of(answered[-1]) not in (asked, None)


async def test_after_the_procedure_a_sign_typed_for_the_booking_is_the_urgent_alert(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """In the week, "I have a fever and there is pus" typed when the booking asks for a
    phone: staff are alerted, and the booking still waits for the phone."""
    user, t = await week_started(bot, "en")
    await screen(user, t)
    await book(user, t)
    before = len(bot.staff_chat())
    reply = shown(await user.send("I have a fever and there is pus on my cheek"))
    assert t("aftercare.problem.urgent") in reply
    assert t("health.emergency", phone=settings.phone) not in reply
    [alert] = bot.staff_chat()[before:]
    assert "I have a fever and there is pus on my cheek" in alert.text
    assert t("booking.contact_received") in shown(await user.send("07400 123456"))


@pytest.mark.parametrize("language, text", [
    ("en", "hi"), ("en", "thanks!"), ("ru", "привет"), ("en", "ok"), ("en", "👍"),
    ("ru", "спасибо большое"), ("ru", "ок"), ("ru", "угу"), ("en", "yep"),
    # A bare no, with nothing asked: "нет" opened "What results can you expect?".
    ("ru", "нет"), ("ru", "неа"), ("en", "no"), ("en", "nope"),
])
async def test_small_talk_gets_a_friendly_answer_and_the_menu(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/start")
    reply = shown(await user.send(text))
    assert t("menu.title") in reply and t("faq.no_match") not in reply
    assert [topic.id for topic in content.faq if t.faq(topic.id, settings) in reply] == []
    assert bot.staff_chat() == []


@pytest.mark.parametrize("language, text, expected", [
    ("en", "where is the clinic?", "12 Rose Street, London"),
    ("en", "address?", "12 Rose Street, London"),
    ("en", "what's your phone number", "+44 20 7946 0000"),
    ("ru", "где вы находитесь", "12 Rose Street, London"),
    ("en", "what are your opening hours", "Mon–Fri 9:00\u202fAM – 8:00\u202fPM; Sat 10:00"),
    ("ru", "во сколько вы открываетесь", "пн–пт 09:00 – 20:00; сб 10:00 – 16:00"),
    ("en", "is there parking", "Elm Road"),
    ("en", "how do I get there", "https://maps.example.com/"),
    ("ru", "как добраться", "https://maps.example.com/"),
    ("en", "how far is it to walk from the train station", "https://maps.example.com/"),
    ("ru", "это далеко от вокзала?", "https://maps.example.com/"),
    ("ru", "я не могу найти вход, помогите", "https://maps.example.com/"),
    ("en", "I'm outside but can't find the entrance", "https://maps.example.com/"),
    ("en", "what street is the clinic on", "12 Rose Street, London"),
    ("ru", "на какой улице клиника", "12 Rose Street, London"),
    # The way in: a lift, the floor.
    ("ru", "лифт есть?", "https://maps.example.com/"),
    ("ru", "вы на каком этаже?", "https://maps.example.com/"),
    ("en", "is there a lift?", "https://maps.example.com/"),
    ("en", "which floor are you on?", "https://maps.example.com/"),
    # Stairs one cannot manage are no manager asked for.
    ("en", "I can't manage stairs, do you have a lift?", "https://maps.example.com/"),
    ("ru", "где у вас машину ставить? я на своей приеду", "Элм-роуд"),
    ("en", "which part of town are you in?", "12 Rose Street, London"),
    ("ru", "в какой части города клиника?", "12 Rose Street, London"),
    # Feeling human again asks for no human.
    ("en", "I just want to feel human again, where are you?", "12 Rose Street, London"),
    # A holiday's date asks whether the clinic is open, not the season.
    ("ru", "а 2 января работаете?", "пн–пт 09:00 – 20:00; сб 10:00 – 16:00"),
    ("en", "are you open on new year's eve", "Mon–Fri 9:00\u202fAM – 8:00\u202fPM; Sat 10:00"),
    # No clinic word: the classifier learned from the examples is sure these ask the hours.
    ("en", "how late are you there on fridays", "Mon–Fri 9:00\u202fAM – 8:00\u202fPM; Sat 10:00"),
    ("ru", "до скольки вы сегодня", "пн–пт 09:00 – 20:00; сб 10:00 – 16:00"),
])
async def test_the_clinics_details_are_answered_from_the_configuration(
    bot: Sandbox, content: Content, language: str, text: str, expected: str
) -> None:
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/start")
    reply = shown(await user.send(text))
    assert expected in reply and t("faq.no_match") not in reply
    assert bot.staff_chat() == []


@pytest.mark.parametrize("language, text, topics", [
    ("en", "how much is it and how long does it take?", ("price", "duration")),
    ("en", "how much does it cost? does it hurt?", ("price", "duration")),
    ("ru", "сколько стоит и сколько длится процедура?", ("price", "duration")),
    ("ru", "сколько нужно сеансов, и как часто их делать? и сколько стоит", ("course", "price")),
    # "скока", as people type "сколько": the price was dropped and only the pain answered.
    ("ru", "скока стоит и больно ли?", ("price", "duration")),
])
async def test_two_questions_in_one_message_get_both_answers(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str,
    topics: tuple[str, ...]
) -> None:
    """"how much is it and how long does it take?" got how long it takes, and the price was
    never said."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/start")
    replies = [reply.text for reply in await user.send(text)]
    answered = [topic for reply in replies for topic in topics
                if t.faq(topic, settings) in reply]
    assert answered == list(topics)


@pytest.mark.parametrize("language, text", [
    ("en", "hi! id like to book for next tuesday, also does it hurt?"),
    ("ru", "хочу записаться на вторник, а сколько длится процедура?"),
])
async def test_a_question_asked_beside_a_booking_is_answered_before_it(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    """"id like to book for next tuesday, also does it hurt?" began the booking, and whether
    it hurts was never said."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/start")
    replies = [reply.text for reply in await user.send(text)]
    assert t.faq("duration", settings) in replies[0]
    assert t("booking.screen_first") in replies[1]
    assert user.find_button(t.label("screening.consent.yes"))


async def test_many_questions_get_three_answers_the_whole_messages_among_them(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """Five questions: three answers, not a wall of pages; the one the message reads as whole
    (the parking, here) is never the one left out."""
    t = Texts(content, "en")
    user = bot.user()
    await user.send("/start")
    replies = await user.send("how much is it? how long does it take? how often should i do"
                              " it? where are you? is there parking?")
    assert [t.faq("price", settings) in replies[0].text,
            t.faq("duration", settings) in replies[1].text] == [True, True]
    assert len(replies) == 3 and settings.parking_for("en") in replies[2].text


@pytest.mark.parametrize("language, text, topic", [
    # What follows leans on the first question: no topic of its own.
    ("ru", "сколько держится эффект? месяц? год?", "results"),
    ("ru", "а курс обязательно 5 процедур? может мне 3 хватит", "course"),
    ("en", "where do I park? I will have the bike rack on, doing a long ride after", None),
])
async def test_a_question_that_goes_on_asking_the_first_gets_one_answer(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str,
    topic: str | None
) -> None:
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/start")
    [reply] = await user.send(text)
    if topic is not None:
        assert t.faq(topic, settings) in reply.text


@pytest.mark.parametrize("language, text", [
    ("en", "how much is it? im pregnant, is that ok?"),
    ("ru", "сколько стоит и можно ли мне, я кормлю грудью?"),
])
async def test_health_told_among_questions_is_answered_first_then_the_price(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    """What the condition means comes first; the price asked beside it after, so it is not
    lost; "is that ok?" is the condition's card's to answer, no topic's."""
    user = bot.user(language_code=language)
    await user.send("/start")
    reply = shown(await user.send(text))
    t = Texts(content, language)
    assert reply.index(t("screening.outcome.not_now.title")) == 0
    assert t.faq("price", settings) in reply
    assert all(t.faq(topic.id, settings) not in reply for topic in content.faq
               if topic.id != "price")


@pytest.mark.parametrize("language, text, hours", [
    ("en", "where are you located and what are your hours?",
     "Mon–Fri 9:00\u202fAM – 8:00\u202fPM; Sat 10:00"),
    ("ru", "где вы находитесь и до скольки работаете?", "пн–пт 09:00 – 20:00; сб 10:00 – 16:00"),
])
async def test_two_details_of_the_clinic_asked_together_come_in_one_answer(
    bot: Sandbox, settings: Settings, language: str, text: str, hours: str
) -> None:
    user = bot.user(language_code=language)
    await user.send("/start")
    [reply] = await user.send(text)
    assert settings.address_for(language) in reply.text and hours in reply.text


async def test_a_typo_still_finds_the_topic(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    t = Texts(content, "en")
    user = bot.user()
    assert t.faq("duration", settings) in shown(await user.send("is it painfull"))


@pytest.mark.parametrize("language, ask", [("en", "can I talk to a person"),
                                           ("ru", "хочу поговорить с человеком"),
                                           ("en", "please put me through to reception"),
                                           ("ru", "соедините меня с администратором"),
                                           ("en", "can I ask the doctor something first"),
                                           ("ru", "хочу задать вопрос косметологу"),
                                           ("en", "I want to talk with the doctor first"),
                                           ("ru", "хотелось бы сначала пообщаться с врачом"),
                                           # Questions one has are no health one has.
                                           ("en", "Could the doctor call me back before I "
                                                  "commit? I have a few questions"),
                                           ("ru", "пусть врач перезвонит, у меня пара "
                                                  "вопросов"),
                                           # A head that spins at bots is no symptom.
                                           ("en", "these bots make my head spin, can I talk "
                                                  "to a real person?"),
                                           ("ru", "можно с вашим доктором напрямую "
                                                  "переговорить до записи?"),
                                           ("en", "real human please"),
                                           ("ru", "как связаться с главврачом? главным "
                                                  "врачом то есть")])
async def test_a_person_is_a_button_and_understood_typed(
    bot: Sandbox, content: Content, language: str, ask: str
) -> None:
    t = Texts(content, language)
    user = bot.user(first_name="Mira", language_code=language)
    await user.send("/menu")
    assert t("person.ask") in shown(await user.press(t.label("menu.person")))
    assert t("faq.forward.sent") in shown(await user.send("Can I bring my daughter along?"))
    [card] = bot.staff_chat()
    assert "Can I bring my daughter along?" in card.text
    assert t("person.ask") in shown(await user.send(ask))


@pytest.mark.parametrize("language, ask", [
    ("ru", "позвоните мне пожалуйста, +44 7400 123456"),
    ("en", "can someone call me back on 07400 123456")])
async def test_a_call_asked_with_a_number_reaches_staff_with_it(
    bot: Sandbox, content: Content, language: str, ask: str
) -> None:
    """"позвоните мне пожалуйста, +44 7400 123456" got "write your message for the clinic's
    staff", and the number was dropped: the next message reached staff with no phone."""
    t = Texts(content, language)
    user = bot.user(first_name="Mira", language_code=language)
    await user.send("/start")
    reply = shown(await user.send(ask))
    assert t("faq.forward.sent") in reply and t("person.ask") not in reply
    [card] = bot.staff_chat()
    assert "7400 123456" in card.text


@pytest.mark.parametrize("language, ask", [
    ("ru", "перезвоните мне пожалуйста"), ("en", "can someone call me back please")])
async def test_a_call_asked_by_a_client_whose_number_the_clinic_has_reaches_staff(
    bot: Sandbox, content: Content, language: str, ask: str
) -> None:
    """"перезвоните мне пожалуйста" from a client who left her number with a request got
    "write your message for the clinic's staff", and the request was dropped."""
    t = Texts(content, language)
    user = bot.user(first_name="Mira", language_code=language)
    await seed_lead(stores_of(bot), user_id=user.id, first_name="Mira", phone="+447400123456",
                    language=language, created=bot.clock.now())
    await user.send("/start")
    reply = shown(await user.send(ask))
    assert t("faq.forward.sent") in reply and t("person.ask") not in reply
    [card] = bot.staff_chat()
    assert ask in card.text and "#1" in card.text


@pytest.mark.parametrize("text", ["hello", "Maria", "anna_b"])
async def test_a_bare_word_is_no_contact(bot: Sandbox, content: Content, text: str) -> None:
    from tests.chat import screen
    t = Texts(content, "en")
    user = bot.user(username="anna_b")
    await screen(user, t)
    await user.press(t.label("screening.outcome.suitable.book"))
    assert t("booking.contact_invalid") in shown(await user.send(text))
    assert (await stores_of(bot).chat_states.get(user.id)).state == "booking_contact"


@pytest.mark.parametrize("language, said", [
    ("en", "not pregnant but on my period rn"), ("ru", "не беременна, но сейчас месячные")])
async def test_a_period_told_beside_a_no_is_a_no_with_its_tip(
    bot: Sandbox, content: Content, language: str, said: str
) -> None:
    """"not pregnant but on my period rn" to "are you pregnant?" was taken for "not sure", and
    the check ended "a specialist needs to decide", with pregnancy as the reason."""
    t = Texts(content, language)
    user = await at_first_question(bot, t)
    last = ""
    for step in content.screening.in_order[1:]:
        reply = shown(await user.send(said if step.id == "pregnancy" else "no"
                                      if language == "en" else "нет"))
        if step.id == "pregnancy":
            assert t("booking.tip.menstruation") in reply
        last = reply
    assert t("screening.outcome.suitable.title") in last
    answers = await stored_answers(bot)
    assert answers["pregnancy"] == "no" and "told" not in answers


async def at_consent(bot: Sandbox, t: Texts) -> ChatUser:
    """A new client in `t`'s language opens the check from the menu: its consent is asked."""
    user = bot.user(language_code=t.language)
    await user.send("/menu")
    await user.press(t.label("menu.screening"))
    return user


async def at_first_question(bot: Sandbox, t: Texts) -> ChatUser:
    """A new client in `t`'s language opens the check, agrees and ticks no skin goal: its
    first yes/no question is asked."""
    user = await at_consent(bot, t)
    await user.press(t.label("screening.consent.yes"))
    await user.press(t.label("screening.done"))
    return user


async def stored_answers(bot: Sandbox) -> dict[str, str]:
    return dict(await stores_of(bot).database.db.execute_fetchall(
        "SELECT step_id, answer FROM screening_answers"))


async def answered_typed(bot: Sandbox, content: Content, language: str,
                         typed: dict[str, str]) -> dict[str, str]:
    """A new client takes the check typing "no" to every question but those of `typed`: the
    answers stored."""
    t = Texts(content, language)
    user = await at_first_question(bot, t)
    for step in content.screening.in_order[1:]:
        await user.send(typed.get(step.id, "no" if language == "en" else "нет"))
    return await stored_answers(bot)


@pytest.mark.parametrize("language, step, said, expected", [
    # A yes of the past to a question of now: not a yes ("better to wait" followed).
    ("ru", "herpes", "бывает, но сейчас нет", "unsure"),
    ("ru", "burns", "было год назад", "unsure"),
    ("ru", "burns", "да было но прошло", "unsure"),
    ("ru", "burns", "раньше было сейчас нет", "unsure"),
    ("en", "herpes", "i get them sometimes but not right now", "unsure"),
    # ...to a question of the past too, it is one.
    ("ru", "oncology", "было год назад", "yes"),
    # A relative's condition beside the writer's no: the writer's answer, no yes.
    ("ru", "asthma", "у мамы астма, у меня нет", "no"),
    ("en", "asthma", "my mom has asthma but I don't", "no"),
    # A hedge, and a no typed in Latin letters.
    ("ru", "asthma", "скорее нет", "unsure"),
    ("ru", "asthma", "net", "no"),
    ("ru", "asthma", "da", "yes"),
])
async def test_a_typed_answer_is_read_for_whom_and_when(
    bot: Sandbox, content: Content, language: str, step: str, said: str, expected: str
) -> None:
    """"у мамы астма, у меня нет" to "do you have asthma?" was stored as yes, and the check
    ended "asthma is a contraindication"; "бывает, но сейчас нет" to "do you have herpes now?"
    as yes too, and "скорее нет" opened a FAQ topic."""
    answers = await answered_typed(bot, content, language, {step: said})
    assert answers[step] == expected


@pytest.mark.parametrize("language, yes, mistake, no", [
    ("ru", "да", "ой нет, перепутала, не беременна", "нет"),
    ("en", "yes", "oops wrong button, I'm not pregnant", "no")])
async def test_a_mistake_told_asks_the_question_before_again(
    bot: Sandbox, content: Content, language: str, yes: str, mistake: str, no: str
) -> None:
    """"ой нет, перепутала, не беременна", typed at "are you breastfeeding?" right after a yes
    to pregnancy, was stored as a no to breastfeeding, a question never answered, and the
    pregnancy stayed a yes: the question before is asked again, and its new answer kept."""
    t = Texts(content, language)
    user = await at_first_question(bot, t)
    steps = [step.id for step in content.screening.in_order]
    for _ in steps[1:steps.index("pregnancy")]:
        await user.send(no)
    await user.send(yes)
    reply = shown(await user.send(mistake))
    assert t("screening.corrected") in reply and t("screening.q.pregnancy") in reply
    answers = await stored_answers(bot)
    assert answers["pregnancy"] == "yes" and "breastfeeding" not in answers
    assert t("screening.q.breastfeeding") in shown(await user.send(no))
    answers = await stored_answers(bot)
    assert answers["pregnancy"] == "no" and "breastfeeding" not in answers


@pytest.mark.parametrize("language, mistake", [
    ("ru", "ой, на прошлый вопрос ошиблась, у меня диабет"),
    ("en", "sorry I got the last one wrong, I have diabetes")])
async def test_a_condition_told_with_a_mistake_is_kept(
    bot: Sandbox, content: Content, language: str, mistake: str
) -> None:
    """"ой, на прошлый вопрос ошиблась, у меня диабет" two questions after the diabetes one asked
    the question before again, and the diabetes was kept nowhere: all no to the end, the
    check said nothing stands in the way."""
    t = Texts(content, language)
    user = await at_first_question(bot, t)
    steps = [step.id for step in content.screening.in_order]
    no = {"ru": "нет", "en": "no"}[language]
    for _ in steps[1:steps.index("diabetes") + 2]:
        await user.send(no)
    reply = shown(await user.send(mistake))
    assert t("screening.corrected") in reply or t("screening.told") in reply
    for _ in range(len(steps)):
        if t("screening.finished") in shown(await user.send(no)):
            break
    outcome = user.last.text
    assert t("screening.outcome.suitable.title") not in outcome
    assert t.label("screening.condition.diabetes") in outcome


@pytest.mark.parametrize("language, no, yes, unsure", [
    ("en", ["no", "nope", "No."], ["yes", "yep"], "not sure"),
    ("ru", ["нет", "неа", "Нет!"], ["да", "ага"], "не знаю"),
])
async def test_typed_answers_answer_the_open_question(
    bot: Sandbox, content: Content, language: str, no: list[str], yes: list[str], unsure: str
) -> None:
    t, staff = Texts(content, language), Texts(content, "en")
    user = await at_first_question(bot, t)
    steps = list(content.screening.in_order[1:])
    last = ""
    for i, step in enumerate(steps):
        typed = unsure if step.id == "warts" else no[i % len(no)]
        last = shown(await user.send(typed))
        assert t("faq.no_match") not in last and t("faq.forward.yes") not in last
    assert t("screening.outcome.doctor.title") in last
    # Not "Warts are a contraindication", as if the client had said yes: they were unsure.
    warts = content.screening.conditions["warts"]
    assert t("screening.reason.unsure", condition=t.label(warts.label)) in last
    assert t("screening.reason.warts") not in last
    answers = await stored_answers(bot)
    assert answers["warts"] == "unsure" and answers["pacemaker"] == "no"
    await user.press(t.label("screening.outcome.doctor.book"))
    await user.send("+7 900 000 00 00")
    await pick_first_slot(user)  # the shipped configuration offers free slots
    [card] = bot.staff_chat()
    assert staff("staff.lead.unsure") in card.text
    assert f"❓ {staff.label('screening.condition.warts')}" in card.text
    assert "⚠️" not in card.text
    second = bot.user(1002, language_code=language)
    await second.send("/menu")
    await second.press(t.label("menu.screening"))
    await second.press(t.label("screening.consent.yes"))
    await second.press(t.label("screening.done"))
    assert t("screening.q.open_wounds") in shown(await second.send(yes[0]))
    assert t("screening.q.boils") in shown(await second.send(yes[1]))


async def test_not_sure_is_never_suitable(content: Content) -> None:
    from bot.flows.eligibility import evaluate
    screening = content.screening
    for step in screening.steps:
        condition = step.condition
        if condition is None:
            continue
        verdict = evaluate(screening, {step.id: "unsure"})
        assert verdict.outcome != screening.when_nothing_declared
        assert verdict.outcome == min(
            (condition.outcome, screening.when_unsure or ""),
            key=[o.id for o in screening.outcomes].index)
        assert verdict.conditions == () and verdict.unsure == (condition,)


async def test_in_the_aftercare_week_a_typed_message_is_that_days_checkin(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    staff = Texts(content, "en")
    user, t = await week_started(bot, first_name="Mira")
    assert t.faq("duration", settings) in shown(await user.send("does it hurt"))
    assert bot.staff_chat() == []
    reply = shown(await user.send("my cheek is itchy and I got a cold sore"))
    assert t("aftercare.problem.guidance") in reply
    [alert] = bot.staff_chat()
    assert staff("staff.aftercare.day", day=0) in alert.text
    assert "my cheek is itchy and I got a cold sore" in alert.text


@pytest.mark.parametrize("language, yes, no", [("en", "yes", "no"), ("ru", "да", "нет")])
async def test_a_typed_yes_or_no_answers_the_consent_as_its_buttons_do(
    bot: Sandbox, content: Content, settings: Settings, language: str, yes: str, no: str
) -> None:
    t = Texts(content, language)
    first = t(content.screening.steps[0].question)
    user = await at_consent(bot, t)
    reply = shown(await user.send(no))
    assert t("screening.consent.refused", phone=settings.phone) in reply and first not in reply
    assert await stores_of(bot).consents.latest_id(
        user.id, content.screening.consent_version) is None
    assert bot.staff_chat() == []
    await user.press(t.label("menu.screening"))
    reply = shown(await user.send(yes))
    assert t("screening.consent.thanks") in reply and first in reply
    assert await stores_of(bot).consents.latest_id(
        user.id, content.screening.consent_version) is not None
    assert bot.staff_chat() == []


@pytest.mark.parametrize("language, asked", [
    ("en", "what data exactly? who sees it"), ("ru", "а удалить потом можно?")])
async def test_a_question_at_the_consent_is_answered_and_the_consent_asked_again(
    bot: Sandbox, content: Content, language: str, asked: str
) -> None:
    """"what data exactly? who sees it" at the consent question got a topic page, and the
    consent's buttons were left far above: the answer, then the consent asked again, with
    where to read who sees the answers."""
    t = Texts(content, language)
    user = await at_consent(bot, t)
    reply = shown(await user.send(asked))
    assert reply.endswith(t("screening.consent.again"))
    assert t("screening.consent.thanks") in shown(
        await user.press(t.label("screening.consent.yes")))


@pytest.mark.parametrize("language, told", [
    ("en", "i have diabetes"), ("en", "im pregnant"), ("ru", "у меня диабет")])
async def test_health_told_at_the_consent_is_no_consent_and_is_kept(
    bot: Sandbox, content: Content, language: str, told: str
) -> None:
    """"i have diabetes" typed at the consent question was taken for "I agree", the check
    began, and what was told was lost: the check, all no, ended "nothing stands in the way"."""
    t = Texts(content, language)
    user = await at_consent(bot, t)
    reply = shown(await tell(user, t, told))
    assert t("screening.consent.thanks") not in reply
    assert await stores_of(bot).consents.latest_id(
        user.id, content.screening.consent_version) is None
    await user.press(t.label("menu.screening"))
    await user.press(t.label("screening.consent.yes"))
    await user.press(t.label("screening.done"))
    no = "no" if language == "en" else "нет"
    for _ in content.screening.in_order[1:]:
        outcome = shown(await user.send(no))
    assert t("screening.outcome.suitable.title") not in outcome
    assert t("screening.outcome.doctor.title") in outcome


@pytest.mark.parametrize("language, no", [("en", "none"), ("ru", "нет")])
async def test_a_typed_no_to_the_skin_goals_moves_on_with_what_is_ticked(
    bot: Sandbox, content: Content, language: str, no: str
) -> None:
    t = Texts(content, language)
    user = await at_consent(bot, t)
    await user.press(t.label("screening.consent.yes"))
    goals = content.screening.goals
    assert goals is not None
    await user.press(t.label(goals.options[0].label))
    reply = shown(await user.send(no))
    first_question = next(s for s in content.screening.steps if s.kind == "yes_no")
    assert t(first_question.question) in reply and t("faq.forward.yes") not in reply
    answers = await stored_answers(bot)
    assert answers[goals.id] == goals.options[0].id


@pytest.mark.parametrize("language", ["en", "ru"])
async def test_a_menu_buttons_own_words_typed_do_what_the_button_does(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """"I had my procedure today" typed used to open a FAQ page, not the aftercare week."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    typed = t.label("menu.aftercare").split(" ", 1)[1]  # without its emoji
    await client.send(typed.lower() + "!")
    assert await stores_of(bot).aftercare.active_plan(client.id) is not None
    contacts = shown(await client.send(t.label("menu.contacts").split(" ", 1)[1]))
    assert settings.phone in contacts


async def test_a_menu_buttons_words_in_the_other_language_do_it_in_that_language(
    bot: Sandbox, content: Content
) -> None:
    """"Сегодня была процедура" from an English Telegram used to open a FAQ page."""
    ru = Texts(content, "ru")
    client = bot.user(language_code="en")
    await client.send("/start")
    reply = shown(await client.send(ru.label("menu.aftercare").split(" ", 1)[1]))
    assert await stores_of(bot).aftercare.active_plan(client.id) is not None
    assert ru("language.offer") in reply


@pytest.mark.parametrize("language, text", [
    ("en", "???"), ("en", "2"), ("ru", "..."), ("ru", "!!")])
async def test_a_message_without_a_word_gets_the_menu_not_an_offer_to_staff(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"???" or a "2" meant for a button was offered to staff, and "2" passed on when the
    client said yes."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/start")
    reply = shown(await user.send(text))
    assert t("typed.unclear") in reply and t("faq.no_match") not in reply
    assert user.find_button(t.label("menu.faq"))
    assert bot.staff_chat() == []


@pytest.mark.parametrize("language, text, named", [
    ("en", "what should I avoid before the procedure?", "retinol"),
    ("en", "how should I prepare for the treatment", "tanning beds"),
    ("ru", "как подготовиться к процедуре?", "ретинол")])
async def test_how_to_prepare_is_answered_with_what_to_avoid_before(
    bot: Sandbox, language: str, text: str, named: str
) -> None:
    """"what should I avoid before the procedure?" got the steps of the session and nothing
    to avoid: no word of retinoids, a peel or a tan, which each make a client wait."""
    user = bot.user(language_code=language)
    await user.send("/start")
    assert named in shown(await user.send(text))
