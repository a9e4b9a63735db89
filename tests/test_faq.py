"""Journey 2: FAQ by buttons and free text; unmatched questions go to staff on request."""

from __future__ import annotations

import pytest
from markupsafe import escape

from bot.config import Settings
from bot.content import Content
from bot.content.i18n import display_name
from bot.content.routing import faq_matcher
from bot.devtools.sandbox import Sandbox
from tests.chat import Texts, shown


async def test_every_topic_button_answers(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/menu")
    await user.press(t.label("menu.faq"))
    for topic in content.faq:
        reply = shown(await user.press(t.label(topic.title)))
        assert t.faq(topic.id, settings) in reply
        await user.press(t.label("button.more_questions"))


async def test_price_topic_shows_the_clinics_price(bot: Sandbox, content: Content) -> None:
    t = Texts(content, "ru")
    user = bot.user(language_code="ru")
    await user.send("/menu")
    await user.press(t.label("menu.faq"))
    reply = shown(await user.press(t.label("faq.price.title")))
    assert "от 90 £ за сеанс" in reply


QUESTIONS = [
    ("en", "How long does the procedure take?", "duration"),
    ("en", "does it hurt", "duration"),
    ("en", "what are the contraindications", "contraindications"),
    ("en", "contraindicatons?", "contraindications"),
    ("en", "How much does it cost?", "price"),
    ("en", "can I sunbathe after it", "aftercare"),
    ("en", "which season is best", "season"),
    ("en", "how many sessions do I need", "course"),
    ("ru", "Сколько длится процедура?", "duration"),
    ("ru", "это больно?", "duration"),
    ("ru", "какие противопоказания", "contraindications"),
    ("ru", "противопоказанния", "contraindications"),
    ("ru", "сколько стоит", "price"),
    ("ru", "какая цена?", "price"),
    ("ru", "сколько нужно сеансов", "course"),
    ("ru", "в какое время года лучше делать", "season"),
]


@pytest.mark.parametrize("language, question, topic", QUESTIONS)
async def test_free_text_question_finds_the_topic(
    bot: Sandbox, content: Content, settings: Settings, language: str, question: str,
    topic: str
) -> None:
    t = Texts(content, language)
    reply = shown(await bot.user(language_code=language).send(question))
    assert t.faq(topic, settings) in reply


@pytest.mark.parametrize("language, text, question", [
    ("ru", "а после процедуры в баню можно?", "sauna"),
    ("en", "can i wear makeup after?", "makeup"),
    ("en", "when can I go to the gym after the treatment?", "gym")])
async def test_a_question_about_the_week_after_gets_the_weeks_own_answer(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str,
    question: str
) -> None:
    """"а после процедуры в баню можно?" asked before the procedure got only the general
    aftercare page, which says nothing of the sauna; in the week the same question got its
    answer."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/start")
    reply = shown(await user.send(text))
    assert reply.startswith(t(f"aftercare.question.{question}"))
    assert t.faq("aftercare", settings) in reply


async def test_unmatched_question_is_forwarded_to_staff_on_request(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    user = bot.user(first_name="Mira", username="mira_k", language_code=language)
    reply = shown(await user.send("Is there wifi in your waiting room?"))
    assert t("faq.no_match") in reply
    assert bot.staff_chat() == []
    reply = shown(await user.press(t.label("faq.forward.yes")))
    assert t("faq.forward.sent") in reply
    [card] = bot.staff_chat()
    assert "Mira" in card.text and "@mira_k" in card.text
    assert "Is there wifi in your waiting room?" in card.text
    assert display_name(language) in card.text


@pytest.mark.parametrize("language, first, second", [
    ("en", "can I bring my daughter with me?", "and I'm running 10 min late, sorry"),
    ("ru", "можно прийти с дочкой?", "и я опаздываю минут на 10")])
async def test_a_second_message_before_the_offer_is_answered_goes_on_with_the_first(
    bot: Sandbox, content: Content, language: str, first: str, second: str
) -> None:
    """"can I bring my daughter with me?", then "and I'm running 10 min late", then "Yes":
    staff got only the second; the first was gone."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send(first)
    assert t("faq.no_match") in shown(await user.send(second))
    await user.press(t.label("faq.forward.yes"))
    [card] = bot.staff_chat()
    assert first in card.text and escape(second) in card.text


async def test_declined_forward_sends_nothing(bot: Sandbox, content: Content) -> None:
    t = Texts(content, "en")
    user = bot.user()
    await user.send("Do you have wifi?")
    reply = shown(await user.press(t.label("faq.forward.no")))
    assert t("faq.forward.declined") in reply
    assert bot.staff_chat() == []
    stale = shown(await user.press_data("ask:yes"))
    assert t("error.stale_button") in stale and bot.staff_chat() == []


def test_a_word_spelled_right_is_no_typo_of_another(shipped_content: Content) -> None:
    """"Осложнение" (side effects) is one letter group from "омоложение" (results)."""
    matcher = faq_matcher(shipped_content, "ru")
    found = matcher.best("какие могут быть осложнения")
    assert found is not None and found.topic_id == "side_effects"
