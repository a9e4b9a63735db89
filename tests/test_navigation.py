"""What clients type to get out of somewhere: "отмена", "stop", "назад", "главное меню". The
words do what the command or the button would ("стоп" used to show the price page, "отмена" a
health caution, "back" the side effects), in every step of every conversation, except a thread
with staff, where every word is the client's to say."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import ChatUser, Sandbox
from bot.flows.eligibility import path
from tests.chat import Texts, consented, screen, shown, week_started
from tests.desk import staff_member, stores_of
from tests.slots import at_picker, buttons, with_slots
from tests.test_content import problems

CANCEL = {"en": ["cancel", "stop", "Stop!", "exit", "forget it", "ok cancel please"],
          "ru": ["отмена", "стоп", "Хватит", "выход", "я передумала", "отменить пожалуйста"]}
BACK = {"en": ["back", "go back"], "ru": ["назад", "вернуться назад"]}
MENU = {"en": ["menu", "main menu", "back to the menu"],
        "ru": ["меню", "главное меню", "в главное меню"]}
# Asking the bot to stop writing, or to erase what it keeps, in words: /stop and /forget.
STOP = {"en": ["stop messaging me", "unsubscribe", "please stop sending me messages",
               "don't write to me anymore", "stop sending me reminders",
               "I don't need these messages", "please stop sending me these messages"],
        "ru": ["хватит мне писать", "отпишите меня", "не пишите мне больше",
               "не беспокойте меня", "прекратите писать", "отпишитесь от меня"]}
FORGET = {"en": ["please delete my data", "delete all my info", "forget me",
                 "I withdraw my consent", "delete my personal data",
                 "I want to withdraw consent"],
          "ru": ["удалите мои данные", "забудь меня", "удалите всю информацию обо мне",
                 "отзываю согласие", "удалите мои персональные данные",
                 "я отзываю своё согласие"]}


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return with_slots(settings)


def words(kind: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(language, text) for language, texts in kind.items() for text in texts]


async def at_second_question(bot: Sandbox, t: Texts, language: str) -> ChatUser:
    """A client in the check who answered its first yes/no question with No."""
    user = bot.user(language_code=language)
    await consented(user, t)
    await user.press(t.label("screening.done"))
    await user.press_exact(t.label("screening.no"))
    return user


async def started(bot: Sandbox, language: str) -> ChatUser:
    user = bot.user(language_code=language)
    await user.send("/start")
    return user


@pytest.mark.parametrize("language, text", words(CANCEL))
async def test_cancel_with_nothing_in_progress_says_so_and_shows_the_menu(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    t = Texts(content, language)
    user = await started(bot, language)
    reply = shown(await user.send(text))
    assert t("cancel.nothing_open") in reply and t("menu.title") in reply
    assert t.faq("price", settings) not in reply and t("health.unknown") not in reply
    assert t("faq.no_match") not in reply and bot.staff_chat() == []


@pytest.mark.parametrize("language, text", words(BACK) + words(MENU))
async def test_back_or_menu_with_nothing_open_shows_the_menu(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    t = Texts(content, language)
    user = await started(bot, language)
    assert shown(await user.send(text)) == t("menu.title")


async def test_cancel_in_the_check_ends_it_as_its_button_does(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    user = await at_second_question(bot, t, language)
    reply = shown(await user.send(CANCEL[language][1]))
    assert t("screening.cancelled") in reply and t("menu.title") in reply
    assert await stores_of(bot).screenings.active(user.id) is None


async def test_back_in_the_check_shows_the_question_before(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    goals, first, second = path(content.screening)[:3]
    user = await at_second_question(bot, t, language)
    reply = shown(await user.send(BACK[language][0]))
    assert t(first.question) in reply and t(second.question) not in reply
    assert t("screening.progress", number=2, total=len(path(content.screening))) in reply
    record = await stores_of(bot).screenings.active(user.id)
    assert record is not None and record.current_step == first.id
    # The question shown anew answers as its buttons do.
    await user.press_exact(t.label("screening.yes"))
    record = await stores_of(bot).screenings.active(user.id)
    assert record is not None and record.answers[first.id] == "yes"
    assert record.current_step == second.id


async def test_back_at_the_first_question_asks_it_again(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    goals = path(content.screening)[0]
    user = bot.user(language_code=language)
    await consented(user, t)
    reply = shown(await user.send(BACK[language][1]))
    assert t(goals.question) in reply
    assert await stores_of(bot).screenings.active(user.id) is not None


async def test_the_menu_asked_in_the_check_keeps_it_open(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    steps = path(content.screening)
    user = bot.user(language_code=language)
    await consented(user, t)
    await user.press(t.label("screening.done"))
    reply = shown(await user.send(MENU[language][1]))
    assert t("menu.title") in reply and t(steps[1].question) not in reply
    reply = shown(await user.send({"en": "where was I", "ru": "где я остановилась"}[language]))
    assert t("resume.here") in reply and t(steps[1].question) in reply


async def test_cancel_while_the_contact_is_asked_ends_the_booking(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await screen(user, t)
    await user.press(t.label("screening.outcome.suitable.book"))
    reply = shown(await user.send(CANCEL[language][0]))
    assert t("cancelled") in reply and t("booking.contact_invalid") not in reply
    assert await stores_of(bot).chat_states.get(user.id) is None
    reply = shown(await user.send("+7 912 345-67-89"))
    assert t("booking.contact_received") not in reply
    assert await stores_of(bot).leads.of_client(user.id) == []


async def test_back_while_the_time_is_asked_is_no_note_for_staff(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await screen(user, t)
    await user.press(t.label("screening.outcome.suitable.book"))
    await user.send("+7 912 345-67-89")
    reply = shown(await user.send(BACK[language][0]))
    assert t("menu.title") in reply and BACK[language][0] not in reply
    assert await stores_of(bot).chat_states.get(user.id) is None


async def test_cancel_after_asking_for_a_person_passes_nothing_on(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    user = await started(bot, language)
    await user.press(t.label("menu.person"))
    reply = shown(await user.send(CANCEL[language][0]))
    assert t("cancelled") in reply and t("menu.title") in reply
    assert bot.staff_chat() == []


async def test_stop_in_the_aftercare_week_keeps_the_week_and_offers_to_stop_it(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"stop" ("стоп") in the week, with nothing else going on, got "nothing is in progress…
    to stop the messages send /stop": the week is kept, and stopping it is one tap."""
    client, t = await week_started(bot, language)
    staff_posts = len(bot.staff_chat())
    reply = shown(await client.send(CANCEL[language][1]))
    assert t("cancel.nothing_open") in reply and t("cancel.aftercare_goes_on") in reply
    assert len(bot.staff_chat()) == staff_posts
    assert await stores_of(bot).aftercare.active_plan(client.id) is not None
    assert t("aftercare.stopped") in shown(await client.press(t.label("button.stop_messages")))
    assert await stores_of(bot).aftercare.active_plan(client.id) is None


@pytest.mark.parametrize("language, text", words(STOP))
async def test_asking_in_words_to_stop_the_messages_stops_them_as_the_command_does(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"Stop messaging me" in the aftercare week used to reach staff as a problem reported,
    and the week went on."""
    client, t = await week_started(bot, language)
    staff_posts = len(bot.staff_chat())
    reply = shown(await client.send(text))
    assert t("aftercare.stopped") in reply
    assert len(bot.staff_chat()) == staff_posts
    assert await stores_of(bot).aftercare.active_plan(client.id) is None
    sent = len(client.messages)
    bot.clock.advance(timedelta(days=2))
    await bot.run_scheduler()
    assert len(client.messages) == sent


@pytest.mark.parametrize("language, text", words(FORGET))
async def test_asking_in_words_to_erase_the_data_asks_as_the_command_does(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    t = Texts(content, language)
    user = await started(bot, language)
    reply = await user.send(text)
    assert t("privacy.forget.confirm") in shown(reply)
    assert t.label("privacy.forget.yes") in [label for label, _ in reply[-1].buttons]
    assert bot.staff_chat() == []


async def test_cancel_with_an_appointment_shows_it_and_keeps_it(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t = Texts(content, language)
    client = await at_picker(bot, content, language=language)
    await client.press_data(buttons(client.last, "sday:")[4][1], client.last)
    await client.press_data(buttons(client.last, "stime:")[0][1], client.last)
    reply = shown(await client.send(CANCEL[language][0]))
    assert t("cancel.appointment_kept") in reply and t("my_appointment.held") in reply
    assert t("cancel.nothing_open") not in reply  # there is: the appointment, with its buttons
    assert t.label("appointment.cancel") in str(client.last.buttons)
    [lead] = await stores_of(bot).leads.of_client(client.id)
    assert lead.appointment_at is not None and lead.status == "new"


async def test_words_to_leave_are_the_clients_own_in_a_thread_with_staff(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send({"en": "Is there wifi in the waiting room for my sister?",
                       "ru": "В зале ожидания есть вайфай для сестры?"}[language])
    await client.press(t.label("faq.forward.yes"))
    [question] = bot.staff_chat()
    await staff_member(bot, settings).reply_to(question, "Yes, behind the clinic.")
    reply = shown(await client.send(CANCEL[language][1]))
    assert reply == t("relay.forwarded")
    assert CANCEL[language][1] in bot.staff_chat()[-1].text


def test_a_word_to_leave_that_also_answers_a_question_is_a_problem(
    example_settings: Settings, copy: Path
) -> None:
    """"nope" typed in the check is its answer: it cannot also end the check."""
    replies = copy / "dialogs/replies.en.yaml"
    said = yaml.safe_load(replies.read_text(encoding="utf-8"))
    said["navigate"]["cancel"].append("nope")
    replies.write_text(yaml.safe_dump(said, allow_unicode=True), encoding="utf-8")
    assert "dialogs/replies.en.yaml: navigate: cancel: 'nope' is read as an answer or a " \
        "yes to an offer" in problems(example_settings, copy)


async def test_the_cancel_command_with_nothing_in_progress_says_so(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    user = await started(bot, language)
    reply = shown(await user.send("/cancel"))
    assert t("cancel.nothing_open") in reply and t("cancelled") not in reply


async def test_a_word_to_leave_in_another_shipped_language_is_read_too(
    bot: Sandbox, content: Content
) -> None:
    """A client whose Telegram speaks English types "стоп": a stop, not an unknown question."""
    t = Texts(content, "en")
    user = await started(bot, "en")
    reply = shown(await user.send("стоп"))
    assert t("cancel.nothing_open") in reply and t("faq.no_match") not in reply


async def test_a_language_named_while_a_message_waits_to_be_passed_on_switches_to_it(
    bot: Sandbox, content: Content
) -> None:
    """"i am not sure" got "Shall I pass your message on?"; then /language and "русский" got
    the same English offer again, and again: the client was stuck in English."""
    user = await started(bot, "en")
    assert Texts(content, "en")("faq.no_match") in shown(await user.send("i am not sure"))
    await user.send("/language")
    reply = shown(await user.send("русский"))
    assert Texts(content, "ru")("language.changed") in reply
