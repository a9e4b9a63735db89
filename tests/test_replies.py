"""Replies in context: yes and no in any common phrasing inside the check (echoed, undone by
Back), anything else asks the open question again, "where was I", typed goals and conditions,
and a "yes, let's" to what the bot just offered."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import Sandbox
from bot.flows.eligibility import path
from tests import shipped
from tests.chat import (
    Texts,
    at_first_question,
    at_second_question,
    consented,
    health_reason,
    screen,
    shown,
    told_in,
    typed_at,
)
from tests.desk import stores_of
from tests.test_content import problems

content, settings = shipped.content, shipped.settings  # what the clinic ships

PHRASINGS = [
    ("ru", "нет конечно", "no"), ("ru", "не, нету", "no"), ("ru", "конечно нет", "no"),
    ("ru", "да нет", "no"), ("ru", "Нет!", "no"), ("ru", "ага, есть", "yes"),
    ("ru", "да, было", "yes"), ("ru", "ну да", "yes"), ("ru", "не знаю", "unsure"),
    ("ru", "не уверена", "unsure"), ("ru", "сколько стоит процедура?", None),
    ("en", "no never", "no"), ("en", "nope", "no"), ("en", "of course not", "no"),
    ("en", "I don't", "no"), ("en", "yes but healed", "yes"), ("en", "yeah I have", "yes"),
    ("en", "not sure", "unsure"), ("en", "no idea", "unsure"), ("en", "does it hurt?", None),
    ("en", "I have no idea", "unsure"),
    # Stretched, informal: "нееет", "nuh uh".
    ("ru", "нееет", "no"), ("ru", "дааа", "yes"), ("ru", "не-а", "no"), ("en", "nooooo", "no"),
    ("en", "yesss", "yes"), ("en", "yess", "yes"), ("en", "nuh uh", "no"), ("en", "aye", "yes"),
    # A hedge alone or before the answer is not sure; after an opening yes or no it softens it.
    ("ru", "вроде нет", "unsure"), ("ru", "нет, вроде", "no"), ("ru", "кажется да", "unsure"),
    ("ru", "да, кажется", "yes"), ("ru", "нет вроде бы точно нет", "no"),
    ("ru", "вроде нет, но не точно", "unsure"), ("en", "probably not", "unsure"),
    ("en", "no, probably", "no"), ("en", "not that I know of", "unsure"),
    ("en", "nope, not that I know of", "no"), ("en", "yes I think so", "yes"),
    ("en", "I think so", "unsure"),
    # Partly, it depends: not sure, whatever the answer word.
    ("en", "kinda", "unsure"), ("en", "sort of yes", "unsure"), ("en", "it depends", "unsure"),
    ("ru", "ну как сказать... иногда", "unsure"), ("ru", "типа того", "unsure"),
    ("ru", "отчасти да", "unsure"),
    # Regret before the answer; a self-correction is not sure.
    ("en", "unfortunately yes", "yes"), ("en", "sadly yes", "yes"), ("en", "afraid so", "yes"),
    ("ru", "к сожалению да", "yes"), ("ru", "увы да", "yes"), ("ru", "щас нет", "no"),
    ("en", "no... well actually yes", "unsure"), ("ru", "нет... хотя да", "unsure"),
    ("en", "I'm afraid not", "no"), ("en", "afraid not", "no"), ("en", "fortunately not", "no"),
    ("en", "thankfully no", "no"), ("en", "luckily no", "no"), ("ru", "слава богу нет", "no"),
    ("ru", "к счастью нет", "no"), ("ru", "боюсь что нет", "no"), ("ru", "боюсь, что да", "yes"),
    ("ru", "нет... ой, да", "unsure"), ("ru", "нет, вернее есть", "unsure"),
    ("ru", "нет стоп да", "unsure"),
    # A no that is no denial ("не без этого": there is some), a doubt denied ("не исключаю"),
    # a later clause saying the other answer: each was stored as a plain no.
    ("ru", "не без этого", "yes"), ("ru", "не отрицаю", "yes"), ("ru", "не исключено", "unsure"),
    ("ru", "не исключаю", "unsure"), ("ru", "не факт что нет", "unsure"),
    ("ru", "не сказала бы что нет", "unsure"), ("ru", "неа, есть", "unsure"),
    ("ru", "нет, но да", "unsure"), ("ru", "не, ну было немного", "unsure"),
    ("ru", "надеюсь что нет", "unsure"), ("en", "can't rule it out", "unsure"),
    ("en", "I hope not", "unsure"), ("en", "yes, no wait", "unsure"),
    ("ru", "у меня не было", "no"), ("ru", "нет, у меня ничего нет", "no"),
    ("ru", "нет, всё хорошо", "no"), ("en", "no, never", "no"),
    # A no corrected in the same message: "нет, то есть да" was a plain no.
    ("ru", "нет, то есть да", "unsure"), ("ru", "нет, в смысле да", "unsure"),
    ("ru", "нет... вообще-то да", "unsure"), ("en", "no, I mean yes", "unsure"),
    ("en", "no i mean yes", "unsure"),
    # Hedges alone: "I don't think so", "not really", "не то чтобы" were a plain no.
    ("en", "I don't think so", "unsure"), ("en", "not really", "unsure"),
    ("ru", "не то чтобы", "unsure"),
    # A no that ends the reply takes back the yes before it: "да, ой нет" was a Yes.
    ("ru", "да, ой нет", "unsure"),
]


@pytest.mark.parametrize("language, text, expected", PHRASINGS)
def test_yes_and_no_are_read_as_people_write_them(
    content: Content, language: str, text: str, expected: str | None
) -> None:
    assert content.replies[language].answer(text) == expected


@pytest.mark.parametrize("text, answer", [("net", "no"), ("da", "yes"), ("net ne bylo", "no")])
async def test_a_typed_answer_in_latin_letters_is_read_as_meant(
    bot: Sandbox, content: Content, text: str, answer: str
) -> None:
    """"net", typed on a Latin keyboard at a question of the check, got "I didn't take that as
    an answer", though the same client's "nope" was read."""
    t = Texts(content, "ru")
    first = path(content.screening)[1]
    user = await at_first_question(bot, t)
    reply = shown(await user.send(text))
    assert t("screening.not_an_answer") not in reply
    assert (await answers_of(bot))[first.id] == answer


@pytest.mark.parametrize("language, text", [
    ("ru", "не скажу"), ("ru", "не хочу отвечать"), ("ru", "не хочу говорить"),
    ("ru", "это личное"), ("en", "i'd rather not say"), ("en", "prefer not to say"),
    ("en", "none of your business"), ("en", "that's private")])
async def test_a_refusal_to_answer_is_no_no(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"не скажу" at "Are you pregnant?" was stored as "No", and the check, all no, ended
    "nothing stands in the way": a refusal is no answer, and the question is asked again."""
    t = Texts(content, language)
    goals, first, second = path(content.screening)[:3]
    user = bot.user(language_code=language)
    await at_second_question(user, t)
    reply = shown(await user.send(text))
    assert t("screening.noted", answer=t.label("screening.no")) not in reply
    assert t("screening.withheld") in reply and t(second.question) in reply
    assert second.id not in await answers_of(bot)


async def answers_of(bot: Sandbox) -> dict[str, str]:
    rows = await stores_of(bot).database.all("SELECT step_id, answer FROM screening_answers", ())
    return {str(r[0]): str(r[1]) for r in rows}


@pytest.mark.parametrize("language, no, yes", [("ru", "нет конечно", "да"),
                                               ("en", "no never", "yes")])
async def test_a_typed_answer_is_stored_echoed_and_never_opens_a_hand_off(
    bot: Sandbox, content: Content, language: str, no: str, yes: str
) -> None:
    """At question 3, "нет конечно" used to offer a hand-off whose "да" was then stored as a
    yes to the screening question."""
    t = Texts(content, language)
    goals, first, second, third = path(content.screening)[:4]
    user = bot.user(language_code=language)
    await consented(user, t)
    await user.press(t.label("screening.done"))
    await user.press_exact(t.label("screening.no"))
    reply = shown(await user.send(no))
    assert t("faq.no_match") not in reply and t("faq.forward.yes") not in reply
    assert t("screening.noted", answer=t.label("screening.no")) in reply
    assert t(third.question) in reply
    reply = shown(await user.send(yes))
    assert t("screening.noted", answer=t.label("screening.yes")) in reply
    assert await answers_of(bot) == {goals.id: "-", first.id: "no", second.id: "no",
                                     third.id: "yes"}
    assert bot.staff_chat() == []


@pytest.mark.parametrize("language, question, topic", [
    ("ru", "можно прийти с подругой?", None), ("en", "can I bring my daughter along?", None),
    ("ru", "а это больно?", "duration"), ("en", "how much does it cost?", "price")])
async def test_anything_else_asks_the_open_question_again(
    bot: Sandbox, content: Content, settings: Settings, language: str, question: str,
    topic: str | None
) -> None:
    """A question a FAQ topic answers gets the answer first; anything else a note."""
    t = Texts(content, language)
    _, first, second = path(content.screening)[:3]
    user = bot.user(language_code=language)
    await at_second_question(user, t)
    reply = await user.send(question)
    assert t(second.question) in reply[-1].text
    if topic is None:
        assert t("screening.not_an_answer") in reply[-1].text
    else:
        assert t.faq(topic, settings) in shown(reply)
    assert t("faq.forward.yes") not in shown(reply)
    assert user.find_button(t.label("screening.yes"), exact=True)
    assert second.id not in await answers_of(bot)
    assert bot.staff_chat() == []


@pytest.mark.parametrize("language, hedged_no, hedged", [
    ("ru", "нет, вроде", "вроде нет"), ("en", "nope, not that I know of", "probably not")])
async def test_a_hedge_after_the_answer_keeps_it_and_one_before_it_is_not_sure(
    bot: Sandbox, content: Content, language: str, hedged_no: str, hedged: str
) -> None:
    """"nope, not that I know of" used to be stored as "not sure"; "probably not" still is."""
    t = Texts(content, language)
    goals, first, second = path(content.screening)[:3]
    user = bot.user(language_code=language)
    await consented(user, t)
    await user.press(t.label("screening.done"))
    reply = shown(await user.send(hedged_no))
    assert t("screening.noted", answer=t.label("screening.no")) in reply
    reply = shown(await user.send(hedged))
    assert t("screening.noted", answer=t.label("screening.unsure")) in reply
    assert await answers_of(bot) == {goals.id: "-", first.id: "no", second.id: "unsure"}


async def test_back_undoes_a_typed_answer(bot: Sandbox, content: Content) -> None:
    t = Texts(content, "ru")
    _, first, second = path(content.screening)[:3]
    user = bot.user(language_code="ru")
    await consented(user, t)
    await user.press(t.label("screening.done"))
    reply = shown(await user.send("ага, есть"))
    assert t("screening.noted", answer=t.label("screening.yes")) in reply
    assert t(first.question) in shown(await user.press(t.label("screening.back")))
    await user.press_exact(t.label("screening.no"))
    assert (await answers_of(bot))[first.id] == "no"


@pytest.mark.parametrize("language, where", [("ru", "где я остановилась?"),
                                             ("en", "where was I"), ("ru", "продолжить")])
async def test_where_was_i_shows_the_open_question(
    bot: Sandbox, content: Content, language: str, where: str
) -> None:
    t = Texts(content, language)
    steps = path(content.screening)
    user = bot.user(language_code=language)
    await consented(user, t)
    await user.press(t.label("screening.done"))
    for _ in range(2):
        await user.press_exact(t.label("screening.no"))
    await user.send("/menu")
    reply = shown(await user.send(where))
    assert t("resume.here") in reply and t(steps[3].question) in reply
    assert t("screening.progress", number=4, total=len(steps)) in reply
    assert t("faq.forward.yes") not in reply


@pytest.mark.parametrize("language, text", [("ru", "поры и морщины"),
                                            ("en", "pores and wrinkles")])
async def test_typed_goals_tick_those_goals(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    t = Texts(content, language)
    goals = content.screening.goals
    assert goals is not None
    user = bot.user(language_code=language)
    await consented(user, t)
    reply = shown(await user.send(text))
    assert t("screening.ticked", options=", ".join(
        t.label(f"screening.goal.{g}") for g in ("pores", "wrinkles"))) in reply
    assert "✅ " + t.label("screening.goal.pores") in [b for b, _ in user.last.buttons]
    await user.press(t.label("screening.done"))
    assert (await answers_of(bot))[goals.id] == "pores,wrinkles"


@pytest.mark.parametrize("language, text, yes", [("ru", "мажусь третиноином", "да"),
                                                 ("en", "I use retinol every night", "yes")])
async def test_a_condition_named_at_its_group_question_is_ticked(
    bot: Sandbox, content: Content, language: str, text: str, yes: str
) -> None:
    t = Texts(content, language)
    steps = path(content.screening)
    group = next(s for s in steps if "retinoids" in {c.id for c in s.conditions})
    user = bot.user(language_code=language)
    await consented(user, t)
    await stores_of(bot).screenings.move_to_step(
        int(str(user.last.buttons[0][1]).split(":")[1]), group.id)
    await user.send({"ru": "на чём я остановилась?", "en": "where was I?"}[language])
    assert t(group.question) in shown(await user.send(yes))
    assert t("screening.tick_which") in user.last.text
    reply = shown(await user.send(text))
    assert t("screening.ticked", options=t.label("screening.condition.retinoids")) in reply
    reply = shown(await user.press(t.label("screening.done")))
    assert (await answers_of(bot))[group.id] == "retinoids"


@pytest.mark.parametrize("language, no", [
    ("ru", "нет, ничего такого"), ("ru", "нет, не загорала"), ("ru", "нет, экземы нет"),
    ("ru", "нет, пилинг не делала"), ("en", "none of these"), ("en", "no, nothing like that"),
    ("en", "no, I haven't had a peel"), ("en", "I have none of these"),
    ("en", "no keloids, no eczema")])
async def test_a_no_typed_at_a_group_question_ticks_nothing(
    bot: Sandbox, content: Content, language: str, no: str
) -> None:
    """A condition named in a negation ("нет, не загорала") is not declared."""
    t = Texts(content, language)
    steps = path(content.screening)
    group = next(s for s in steps if s.kind == "choose_many" and s.conditions)
    user = bot.user(language_code=language)
    await consented(user, t)
    await stores_of(bot).screenings.move_to_step(
        int(str(user.last.buttons[0][1]).split(":")[1]), group.id)
    await user.send("/menu")
    assert t(group.question) in shown(await user.send("where was I" if language == "en"
                                                      else "где я остановилась"))
    reply = shown(await user.send(no))
    assert t("screening.noted", answer=t.label("screening.none_of_these")) in reply
    assert (await answers_of(bot))[group.id] == "-"


@pytest.mark.parametrize("language, statement, yes", [
    ("ru", "у меня герпес на губе", "давайте"), ("en", "I had a cold sore last week",
                                                "sounds good")])
async def test_a_yes_right_after_an_offer_takes_it(
    bot: Sandbox, content: Content, language: str, statement: str, yes: str
) -> None:
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/start")
    await user.send(statement)
    assert user.find_button(t.label("health.check"))
    # The last question asked was whether to keep what was told: the yes is its answer, and
    # the answer offers the check in turn.
    assert t("health.keep.kept") in shown(await user.send(yes))
    reply = shown(await user.send(yes))
    assert t("screening.consent.text") in reply
    assert t("faq.no_match") not in reply
    reply = shown(await user.send(yes))  # now a yes to the consent the offer led to
    assert t("screening.consent.thanks") in reply


@pytest.mark.parametrize("language, question, yes", [
    ("ru", "у вас есть wifi?", "да"), ("en", "do you have wifi?", "yes"),
    ("ru", "есть ли у вас wifi", "давайте"), ("en", "is there wifi?", "sure, go ahead")])
async def test_a_yes_right_after_a_hand_off_offer_passes_the_question_on(
    bot: Sandbox, content: Content, language: str, question: str, yes: str
) -> None:
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/start")
    assert t("faq.no_match") in shown(await user.send(question))
    reply = shown(await user.send(yes))
    assert t("faq.forward.sent") in reply and t("smalltalk.ok") not in reply
    [card] = bot.staff_chat()
    assert question in card.text


@pytest.mark.parametrize("language, question, reply, condition, passed", [
    ("ru", "у вас есть wifi?", "да и еще у меня кардиостимулятор", "pacemaker", True),
    ("en", "do you have wifi?", "yes please, also I have a pacemaker", "pacemaker", True),
    ("ru", "у вас есть wifi?", "нет, но у меня эпилепсия", "epilepsy", False),
    ("en", "do you have wifi?", "no, but I'm pregnant", "pregnancy", False),
])
async def test_health_told_beside_a_yes_or_no_to_a_hand_off_offer_is_answered(
    bot: Sandbox, content: Content, language: str, question: str, reply: str,
    condition: str, passed: bool
) -> None:
    """"да и еще у меня кардиостимулятор" passed only "есть скидки?" on: the pacemaker
    reached no one, and the client heard nothing of it."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/start")
    await user.send(question)
    shown_reply = shown(await user.send(reply))
    reason, _ = health_reason(content, condition)
    assert t(reason) in shown_reply
    if passed:
        assert t("faq.forward.sent") in shown_reply
        [card] = bot.staff_chat()
        assert question in card.text and reply in card.text
    else:
        assert t("faq.forward.declined") in shown_reply and bot.staff_chat() == []


@pytest.mark.parametrize("language, no", [("ru", "нет, не надо"), ("en", "no thanks")])
async def test_a_no_right_after_a_hand_off_offer_passes_nothing_on(
    bot: Sandbox, content: Content, language: str, no: str
) -> None:
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/start")
    await user.send("do you have wifi?")
    reply = shown(await user.send(no))
    assert t("faq.forward.declined") in reply and bot.staff_chat() == []
    reply = shown(await user.send("yes" if language == "en" else "да"))
    assert t("smalltalk.ok") in reply and bot.staff_chat() == []


async def test_a_hand_off_offer_left_for_the_check_takes_no_yes_from_it(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    _, first = path(content.screening)[:2]
    user = bot.user()
    await user.send("/start")
    await user.send("do you have wifi?")
    await consented(user, t)
    await user.press(t.label("screening.done"))
    reply = shown(await user.send("yes"))
    assert t("screening.noted", answer=t.label("screening.yes")) in reply
    assert (await answers_of(bot))[first.id] == "yes" and bot.staff_chat() == []


@pytest.mark.parametrize("language, yes", [("ru", "давайте"), ("en", "sounds good"),
                                           ("ru", "да")])
async def test_a_yes_with_nothing_offered_gets_an_acknowledgement_and_the_menu(
    bot: Sandbox, content: Content, language: str, yes: str
) -> None:
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/start")
    reply = shown(await user.send(yes))
    assert t("smalltalk.ok") in reply and t("menu.title") in reply
    assert t("faq.no_match") not in reply and bot.staff_chat() == []


@pytest.mark.parametrize("language, where", [("ru", "где я остановилась"),
                                             ("en", "where was I")])
async def test_where_was_i_resumes_an_open_booking(
    bot: Sandbox, content: Content, language: str, where: str
) -> None:
    from tests.chat import screen
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await screen(user, t)
    await user.press(t.label("screening.outcome.suitable.book"))
    reply = shown(await user.send(where))
    assert t("resume.here") in reply and t("booking.ask_contact") in reply
    assert t("booking.contact_invalid") not in reply


def test_the_check_names_replies_for_goals_and_answers_the_content_lacks(
    example_settings: Settings, copy: Path
) -> None:
    replies = copy / "dialogs/replies.ru.yaml"
    text = replies.read_text(encoding="utf-8")
    replies.write_text(text.replace("\ngoals:\n", "\ngoals:\n  acne: [прыщи]\n", 1)
                       .replace("\ncheckin:\n", "\ncheckin:\n  itch: [зуд]\n", 1),
                       encoding="utf-8")
    found = problems(example_settings, copy)
    assert "dialogs/replies.ru.yaml: goals: 'acne' is not a skin goal of " \
        "dialogs/screening.yaml" in found
    assert "dialogs/replies.ru.yaml: checkin: 'itch' is not a check-in answer of " \
        "dialogs/aftercare.yaml" in found


@pytest.mark.parametrize("language, text, answered", [
    ("en", "no but i take heart pills", True), ("ru", "нет, но пью таблетки от сердца", True),
    ("en", "I take heart pills, does that matter?", False),
    ("ru", "я пью таблетки от сердца, это важно?", False)])
async def test_health_told_in_own_words_during_the_check_is_never_suitable(
    bot: Sandbox, content: Content, language: str, text: str, answered: bool
) -> None:
    """No question asks about heart pills: said beside an answer, or instead of one, they are
    noted, and the outcome is a specialist's to decide, never "nothing stands in the way"."""
    t = Texts(content, language)
    steps = path(content.screening)
    user = await at_first_question(bot, t)
    reply = shown(await user.send(text))
    assert t("screening.told") in reply
    if not answered:
        await user.press_exact(t.label("screening.no"))
    for step in steps[2:]:
        last = await user.press_exact(t.label(
            "screening.none_of_these" if step.kind == "choose_many" else "screening.no"))
    outcome = shown(last)
    assert t("screening.outcome.doctor.title") in outcome
    assert told_in(t, outcome)
    assert t("screening.outcome.suitable.title") not in outcome
    assert (await answers_of(bot))[steps[1].id] == "no"


@pytest.mark.parametrize("language, text", [
    ("en", "what is a fungal infection? like athletes foot?"),
    ("en", "what does rosacea look like?"), ("en", "is rosacea a problem?"),
    ("ru", "что такое грибок? это как на ногах?"), ("ru", "а как выглядит розацеа?")])
async def test_a_condition_only_asked_about_during_the_check_is_not_noted_as_told(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"what does rosacea look like?" was noted as told: the client who then answered no to
    every question was sent to a specialist for rosacea and a fever she never had. A condition
    the check asks about, only asked about, is left to its own question."""
    t = Texts(content, language)
    steps = path(content.screening)
    user = await at_first_question(bot, t)
    reply = shown(await user.send(text))
    assert t("screening.asked_condition") in reply
    assert t("screening.told") not in reply
    for step in steps[1:]:
        last = await user.press_exact(t.label(
            "screening.none_of_these" if step.kind == "choose_many" else "screening.no"))
    assert t("screening.outcome.suitable.title") in shown(last)
    assert "told" not in await answers_of(bot)


@pytest.mark.parametrize("step_id, language, text", [
    # "No" and then the very condition asked, or a past the question asks about.
    ("oncology", "en", "no, cured 10 years ago"), ("oncology", "ru", "нет, но раньше была"),
    ("oncology", "en", "not anymore"), ("epilepsy", "en", "no seizures for years, on meds"),
    ("breastfeeding", "ru", "нет, только сцеживаюсь"),
    ("herpes", "en", "not yet but my lip is tingling"),
    ("open_wounds", "en", "no, only a small scratch on my cheek"),
    ("asthma", "en", "no, just an inhaler when needed"),
    # "No", and a condition another question asked about, answered no there.
    ("pacemaker", "en", "no, but I have a cold sore right now"),
    ("pacemaker", "ru", "нет, но у меня сейчас герпес на губе"),
    ("burns", "en", "no, just a bit of sunburn on my nose"),
    # The same without a comma: the word that turns the no decides, not the punctuation.
    ("diabetes", "en", "no just gestational diabetes"),
    # A no that doubts itself where the question names what may not be known yet.
    ("pregnancy", "en", "no we are trying tho"),
    ("pregnancy", "en", "no but we are trying for a baby"),
    ("pregnancy", "ru", "нет но мы планируем беременность"),
    ("diabetes", "ru", "нет только гестационный диабет"),
    ("open_wounds", "en", "no only a tiny cut on my chin"),
])
async def test_a_no_that_goes_on_to_tell_the_condition_is_never_suitable(
    bot: Sandbox, content: Content, step_id: str, language: str, text: str
) -> None:
    """"no, cured 10 years ago" to "have you ever had cancer?" was stored as a plain no, and
    the check ended in "nothing stands in the way"."""
    t = Texts(content, language)
    _, outcome = await typed_at(bot, t, step_id, text)
    assert t("screening.outcome.suitable.title") not in outcome
    assert (await answers_of(bot))[step_id] != "no" or told_in(t, outcome)


@pytest.mark.parametrize("step_id, language, text, ticked", [
    ("skin", "en", "no but im tanned from holiday", "tan"),
    ("skin", "ru", "нет но я загорела в отпуске", "tan"),
    ("skin", "en", "none but i had a tca peel 10 days ago", "recent_resurfacing"),
    ("skin", "ru", "ничего такого но неделю назад делала пилинг", "recent_resurfacing"),
    ("medical", "en", "none except i take warfarin", "bleeding"),
    ("medical", "en", "no but i finished accutane in september", "isotretinoin"),
    ("medical", "ru", "нет ничего кроме роаккутана", "isotretinoin")])
async def test_a_none_that_goes_on_to_name_a_condition_of_the_group_ticks_it(
    bot: Sandbox, content: Content, step_id: str, language: str, text: str, ticked: str
) -> None:
    """"none except i take warfarin" was "None of these" without a comma, and the check
    ended in "nothing stands in the way": only "none, except…" ticked it."""
    t = Texts(content, language)
    user = await at_first_question(bot, t)
    for step in path(content.screening)[1:]:
        if step.id == step_id:
            reply = shown(await user.send(text))
            [condition] = [c for s in content.screening.steps for c in s.conditions
                           if c.id == ticked]
            assert t("screening.ticked", options=t.label(condition.label)) in reply
            last = await user.press(t.label("screening.done"))
            continue
        last = await user.press_exact(t.label(
            "screening.none_of_these" if step.kind == "choose_many" else "screening.no"))
    assert t("screening.outcome.suitable.title") not in shown(last)


@pytest.mark.parametrize("language, text", [
    ("en", "I have diabetes"), ("en", "yes, I'm breastfeeding"), ("ru", "да, у меня диабет")])
async def test_another_condition_told_at_a_question_is_no_yes_to_it(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"I have diabetes" at the pacemaker question was stored as a yes to the pacemaker: a
    false reason for the client, a false flag for staff, and the diabetes lost."""
    t = Texts(content, language)
    reply, outcome = await typed_at(bot, t, "pacemaker", text, answers=False)
    assert t("screening.told") in reply and t("screening.q.pacemaker") in reply
    assert told_in(t, outcome)
    assert t("screening.reason.pacemaker") not in outcome


@pytest.mark.parametrize("language, text", [
    ("en", "no, never had it"), ("en", "no, never"), ("ru", "нет, не было"),
    ("ru", "нет, никогда не было"), ("ru", "нет, слава богу")])
async def test_a_plain_no_to_a_question_about_the_past_stays_a_no(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    t = Texts(content, language)
    _, outcome = await typed_at(bot, t, "oncology", text)
    assert t("screening.outcome.suitable.title") in outcome
    assert (await answers_of(bot))["oncology"] == "no"


@pytest.mark.parametrize("step_id, language, text", [
    ("herpes", "en", "had a cold sore 3 years ago, nothing now"),
    ("herpes", "ru", "герпес был месяц назад сейчас всё прошло"),
    ("boils", "en", "I had boils as a teenager, none now")])
async def test_the_condition_asked_told_of_the_past_at_a_question_of_now_is_no_yes(
    bot: Sandbox, content: Content, step_id: str, language: str, text: str
) -> None:
    """"had a cold sore 3 years ago, nothing now" to "Do you have a cold sore flare-up right
    now?" was noted as a yes, and the client told to wait for a flare-up she did not have:
    a person asks, as of "бывает, но сейчас нет"."""
    t = Texts(content, language)
    reply, outcome = await typed_at(bot, t, step_id, text)
    assert (await answers_of(bot))[step_id] == "unsure"
    assert t("screening.noted", answer=t.label("screening.unsure")) in reply
    assert t("screening.outcome.not_now.title") not in outcome


@pytest.mark.parametrize("language, text", [
    ("ru", "пила роаккутан два месяца назад, бросила"), ("en", "took accutane years ago")])
async def test_the_past_of_another_condition_is_no_answer_to_the_question_shown(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"пила роаккутан год назад, бросила" typed at the question about rosacea was stored as
    "not sure" to rosacea, and the outcome sent the client to a specialist for it."""
    t = Texts(content, language)
    reply, _ = await typed_at(bot, t, "rosacea", text, answers=False)
    assert t("screening.told") in reply
    assert (await answers_of(bot))["rosacea"] == "no"


@pytest.mark.parametrize("language, text", [
    ("en", "no, I have dry skin"), ("en", "no, just oily skin"), ("en", "no, never had it"),
    ("en", "no, I don't take any pills"), ("ru", "нет, у меня нормальная кожа"),
    ("ru", "нет, у меня всё в порядке"), ("ru", "нет, у меня сухая кожа"),
    ("ru", "нет, ничего не принимаю")])
async def test_an_ordinary_no_with_a_word_more_is_a_plain_no(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """Skin types and denials tell nothing a specialist must weigh."""
    t = Texts(content, language)
    steps = path(content.screening)
    user = await at_first_question(bot, t)
    reply = shown(await user.send(text))
    assert t("screening.noted", answer=t.label("screening.no")) in reply
    assert t("screening.told") not in reply
    assert await answers_of(bot) == {steps[0].id: "-", steps[1].id: "no"}


@pytest.mark.parametrize("telegram, text", [("ru", "no, but I take heart pills"),
                                            ("en", "нет, но пью таблетки от сердца")])
async def test_health_told_in_the_other_language_is_noted_too(
    bot: Sandbox, content: Content, telegram: str, text: str
) -> None:
    t = Texts(content, telegram)
    steps = path(content.screening)
    user = await at_first_question(bot, t)
    reply = shown(await user.send(text))
    assert t("screening.told") in reply
    assert (await answers_of(bot))[steps[1].id] == "no"


async def test_health_told_beside_the_last_answer_changes_the_outcome_it_ends_with(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    steps = path(content.screening)
    assert steps[-1].kind == "yes_no"
    user = bot.user()
    await consented(user, t)
    await user.press(t.label("screening.done"))
    for step in steps[1:-1]:
        await user.press_exact(t.label(
            "screening.none_of_these" if step.kind == "choose_many" else "screening.no"))
    outcome = shown(await user.send("no but i take heart pills"))
    assert t("screening.told") in outcome and told_in(t, outcome)
    assert t("screening.outcome.doctor.title") in outcome
    record = await stores_of(bot).screenings.last_finished(user.id)
    assert record is not None and record.outcome == "doctor"


@pytest.mark.parametrize("leave", ["/menu", "/help", "/privacy"])
async def test_a_question_left_for_the_menu_is_no_longer_answered_by_typing(
    bot: Sandbox, content: Content, language: str, leave: str
) -> None:
    """With the check's question no longer on screen (the menu, then Contacts), "yes please"
    was stored as a yes to it ("Burns: Yes"), and "no thanks" would have been a no nobody
    read. Typed text answers the question only while it is the last thing asked; "where was
    I" brings it back."""
    t = Texts(content, language)
    user = await at_first_question(bot, t)
    before = await answers_of(bot)
    await user.send(leave)
    if leave == "/menu":
        await user.press(t.label("menu.contacts"))
    reply = shown(await user.send({"en": "yes please", "ru": "да, пожалуйста"}[language]))
    assert t("screening.noted", answer=t.label("screening.yes")) not in reply
    assert await answers_of(bot) == before
    back = {"en": "where was I?", "ru": "на чём я остановилась?"}[language]
    assert t(f"screening.q.{path(content.screening)[1].id}") in shown(await user.send(back))
    reply = shown(await user.send({"en": "no", "ru": "нет"}[language]))
    assert t("screening.noted", answer=t.label("screening.no")) in reply


@pytest.mark.parametrize("step_id, language, text", [
    ("oncology", "en", "had a basal cell removed from my nose 2 yrs ago"),
    ("oncology", "ru", "удаляли базалиому 2 года назад"),
    ("diabetes", "en", "type 2, diet controlled"),
    ("asthma", "en", "mild, i only use my inhaler like twice a year"),
    ("breastfeeding", "ru", "только сцеживаю")])
async def test_telling_the_very_condition_asked_is_a_yes(
    bot: Sandbox, content: Content, step_id: str, language: str, text: str
) -> None:
    """"had a basal cell removed 2 yrs ago" to "have you ever had cancer?" got "I didn't take
    that as an answer… your question can wait", and nothing was noted: a client who does not
    count it as cancer then taps No."""
    t = Texts(content, language)
    reply, outcome = await typed_at(bot, t, step_id, text)
    assert t("screening.noted", answer=t.label("screening.yes")) in reply
    assert (await answers_of(bot))[step_id] == "yes"
    assert t("screening.outcome.suitable.title") not in outcome


@pytest.mark.parametrize("language, no", [("en", "no"), ("en", "no thanks"), ("ru", "нет"),
                                          ("ru", "пока нет")])
async def test_a_no_to_the_booking_offer_is_taken_kindly(
    bot: Sandbox, content: Content, language: str, no: str
) -> None:
    """"no" to "Would you like to book a consultation?" was offered to staff as a question;
    "нет" got a FAQ page and "пока нет" a goodbye."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    assert t("screening.outcome.suitable.title") in shown(await screen(user, t))
    reply = shown(await user.send(no))
    assert t("offer.declined") in reply and t("menu.title") in reply
    assert t("faq.no_match") not in reply and bot.staff_chat() == []


async def test_the_consent_buttons_own_words_typed_answer_it(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"Даю согласие", the consent button's own words, typed at the consent question got "I
    can't answer that myself. Shall I pass your message on?"."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/menu")
    await user.press(t.label("menu.screening"))
    reply = shown(await user.send(t.label("screening.consent.yes")))
    assert t("faq.no_match") not in reply
    assert t("screening.consent.thanks") in reply


@pytest.mark.parametrize("language, question, topic", [
    ("ru", "а это больно?", "duration"), ("en", "how much does it cost?", "price")])
async def test_a_question_at_a_list_of_conditions_is_answered_and_the_list_asked_again(
    bot: Sandbox, content: Content, settings: Settings, language: str, question: str,
    topic: str
) -> None:
    """"а это больно?" at a question with a list to tick got "I didn't take that as a choice",
    where the same question at a yes/no one got its answer."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await consented(user, t)
    await user.press(t.label("screening.done"))
    steps = path(content.screening)[1:]
    listed = next(s for s in steps if s.kind == "choose_many" and s.conditions)
    for _ in steps[:steps.index(listed)]:
        await user.press_exact(t.label("screening.no"))
    reply = shown(await user.send(question))
    assert t.faq(topic, settings) in reply
    assert t(listed.question) in reply and t("screening.not_a_choice") not in reply


@pytest.mark.parametrize("language, asked", [("ru", "запишите"), ("ru", "запишите меня")])
async def test_book_me_alone_begins_the_booking(
    bot: Sandbox, content: Content, language: str, asked: str
) -> None:
    """"запишите" alone got "👍" and the menu: read as a yes to an offer, with none made."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/start")
    reply = shown(await user.send(asked))
    assert t("smalltalk.ok") not in reply
    # The booking begins with the check, and the check with its consent.
    assert t.label("screening.consent.yes") in [label for label, _ in user.last.buttons]
