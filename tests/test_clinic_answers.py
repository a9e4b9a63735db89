"""How clients can pay and the clinic's gift certificates: answered from the configuration
when the clinic wrote them, otherwise passed on to staff on request; never the price page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, parse_settings
from bot.content import Content
from bot.devtools.sandbox import Sandbox
from bot.flows import Visit, clinic_answers
from tests.chat import Texts, shown
from tests.test_config import example


async def visit_of(bot: Sandbox, language: str) -> Visit:
    services = bot.app.bot_data["services"]
    user = bot.user(language_code=language)
    await user.send("/start")
    client = await services.stores.clients.get(user.id)
    return Visit(services, client, language)


def test_the_example_configuration_has_both_texts_in_each_language() -> None:
    settings = parse_settings(example(), Path("."))
    for language in ("en", "ru"):
        assert settings.text_for(settings.payment_methods, language)
        assert settings.text_for(settings.gift_certificates, language)
    assert settings.gift_certificates is not None
    assert settings.text_for(settings.gift_certificates, "de") == \
        settings.gift_certificates["en"]


@pytest.mark.parametrize("key", ["payment_methods", "gift_certificates"])
def test_a_text_table_needs_the_default_language(key: str) -> None:
    data = example()
    data["clinic"][key] = {"ru": "Картой"}
    with pytest.raises(ConfigError) as error:
        parse_settings(data, Path("."))
    assert f"clinic.{key}.en: missing; expected the default language's text" in \
        error.value.problems
    data["clinic"][key] = {"en": " "}
    with pytest.raises(ConfigError) as error:
        parse_settings(data, Path("."))
    assert any(p.startswith(f"clinic.{key}.en: is empty") for p in error.value.problems)


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("kind, key", [("payment", "payment_methods"),
                                       ("gift", "gift_certificates")])
async def test_a_configured_text_is_the_answer(
    bot: Sandbox, content: Content, settings: Settings, language: str, kind: str, key: str
) -> None:
    t = Texts(content, language)
    visit = await visit_of(bot, language)
    configured = replace(settings, **{key: {"en": "Card or cash", "ru": "Картой или наличными"}})
    visit = Visit(replace(visit.services, settings=configured), visit.client, language)
    turn = await clinic_answers.answer(visit, kind, "?")  # type: ignore[arg-type]
    text = "\n".join(r.text for r in turn.replies)
    said = configured.text_for(getattr(configured, key), language)
    assert said and said in text and t("menu.title") in text
    assert t.faq("price", settings) not in text


@pytest.mark.parametrize("language, question", [("en", "can I pay by card"),
                                                ("ru", "есть подарочные сертификаты?")])
async def test_without_a_text_the_question_goes_to_staff_on_request(
    bot: Sandbox, content: Content, settings: Settings, language: str, question: str
) -> None:
    t = Texts(content, language)
    visit = await visit_of(bot, language)
    unset = replace(settings, payment_methods=None, gift_certificates=None)
    visit = Visit(replace(visit.services, settings=unset), visit.client, language)
    turn = await clinic_answers.answer(visit, "payment" if language == "en" else "gift", question)
    [offer] = turn.replies
    assert t("faq.no_match") in offer.text
    forward = next(b.data for row in offer.buttons for b in row
                   if b.label == t.label("faq.forward.yes"))
    user = bot.user(language_code=language)
    assert t("faq.forward.sent") in shown(await user.press_data(forward))
    [card] = bot.staff_chat()
    assert question in card.text
