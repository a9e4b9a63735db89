"""The brief's medical rules hold for the shipped screening (dialogs/screening.yaml).

Behaviour tests run on the test content (tests/content/); this is the one test that reads the
shipped screening, so a clinic's edit that drops or reclassifies a contraindication of the brief
fails here, and nowhere else.
"""

from __future__ import annotations

import itertools

import pytest

from bot.config import Settings
from bot.content import Content, Screening
from bot.devtools.sandbox import Sandbox
from bot.flows.eligibility import evaluate
from tests import shipped
from tests.chat import Texts, screen, shown
from tests.slots import pick_first_slot

content, settings = shipped.content, shipped.settings  # what the clinic ships

# Not now: the procedure waits until the condition has passed.
TEMPORARY = {"burns", "open_wounds", "boils", "herpes", "fungal", "pregnancy", "breastfeeding",
             "sun_planned"}
# A specialist must decide: never "suitable".
DOCTOR_DECIDES = {"diabetes", "asthma", "epilepsy", "oncology", "rosacea", "pacemaker", "warts"}
# What clinics add to the article (../shared/domain/clinical-practice.md), with their class.
CLINICAL_PRACTICE = {
    "acne_inflamed": "not_now", "isotretinoin": "not_now", "tan": "not_now",
    "recent_resurfacing": "not_now", "retinoids": "not_now", "fever": "not_now",
    "bleeding": "doctor", "keloids": "doctor", "eczema": "doctor", "autoimmune": "doctor"}
MOST_QUESTIONS = 18


def declaring(screening: Screening, *conditions: str) -> dict[str, str]:
    """Answers that declare exactly `conditions`: yes to their questions, their options ticked,
    no (or none of these) everywhere else."""
    answers: dict[str, str] = {}
    for step in screening.steps:
        if step.condition is not None:
            answers[step.id] = "yes" if step.condition.id in conditions else "no"
        elif step.conditions:
            answers[step.id] = ",".join(c.id for c in step.conditions
                                        if c.id in conditions) or "-"
    return answers


def test_every_contraindication_of_the_brief_is_asked_and_classified(
    shipped_content: Content
) -> None:
    screening = shipped_content.screening
    asked = {c.id: c.outcome for c in screening.conditions.values()}
    assert len(TEMPORARY | DOCTOR_DECIDES) == 15  # the brief's 14, and planned sun exposure
    assert {c for c in TEMPORARY | DOCTOR_DECIDES if c not in asked} == set()
    for condition in TEMPORARY:
        assert asked[condition] == "not_now", condition
    for condition in DOCTOR_DECIDES:
        assert asked[condition] == "doctor", condition
    nothing = {s.id: "no" for s in screening.steps if s.kind == "yes_no"}
    assert evaluate(screening, nothing).outcome == screening.when_nothing_declared == "suitable"


def test_no_declared_contraindication_ever_ends_suitable(shipped_content: Content) -> None:
    """Every combination of yes/no answers: suitable exactly when nothing was declared, and a
    specialist decides whenever a chronic condition is among those declared."""
    screening = shipped_content.screening
    yes_no = [s for s in screening.steps if s.kind == "yes_no"]
    for combination in itertools.product(("yes", "no"), repeat=len(yes_no)):
        answers = {s.id: a for s, a in zip(yes_no, combination, strict=True)}
        verdict = evaluate(screening, answers)
        declared = {s.declares for s in yes_no if answers[s.id] == "yes"}
        assert (verdict.outcome == "suitable") == (not declared)
        if declared & DOCTOR_DECIDES:
            assert verdict.outcome == "doctor"
        elif declared and declared <= TEMPORARY:
            assert verdict.outcome == "not_now"


def test_every_complete_language_has_every_question(
    shipped_content: Content, example_settings: Settings
) -> None:
    """A partial language shows the default language's text; the complete ones must not."""
    for language in example_settings.complete:
        catalog = shipped_content.catalogs[language]
        for step in shipped_content.screening.steps:
            texts = [step.question] + [m for c in step.conditions for m in (c.reason, c.label)]
            for msgid in texts:
                assert catalog.has(msgid) and catalog.catalog[msgid].string, (language, msgid)


@pytest.mark.parametrize("condition, outcome", sorted(CLINICAL_PRACTICE.items()))
def test_each_condition_of_clinical_practice_is_asked_with_its_class(
    shipped_content: Content, condition: str, outcome: str
) -> None:
    screening = shipped_content.screening
    assert screening.conditions[condition].outcome == outcome
    assert evaluate(screening, declaring(screening, condition)).outcome == outcome
    with_chronic = evaluate(screening, declaring(screening, condition, "pacemaker"))
    assert with_chronic.outcome == "doctor"
    assert {c.id for c in with_chronic.conditions} == {condition, "pacemaker"}


# How each condition of clinical practice is named in the Contraindications topic.
NAMED = {"en": ["isotretinoin", "retinoids", "inflamed acne", "tan", "peel", "blood thinners",
                "keloid", "eczema", "fever", "autoimmune"],
         "ru": ["изотретиноин", "ретиноиды", "воспалённые прыщи", "загар", "пилинг",
                "разжижающие кровь", "келоид", "экзема", "температура", "аутоиммунное"]}


async def test_the_contraindications_topic_names_what_the_check_asks_beyond_the_article(
    bot: Sandbox, content: Content, language: str
) -> None:
    """The topic listed only the article's conditions: a client on isotretinoin who read it
    and not the check took the procedure for safe."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    await user.send("/menu")
    await user.press(t.label("menu.faq"))
    reply = shown(await user.press(t.label("faq.contraindications.title"))).lower()
    assert [name for name in NAMED[language] if name not in reply] == []
    assert len(NAMED[language]) == len(CLINICAL_PRACTICE)


# A word of each class in the shipped Contraindications topic, and a word of its heading.
CLASSED = {"en": {"herpes": "wait", "pregnancy": "wait", "diabetes": "specialist",
                  "pacemaker": "specialist", "warts": "specialist"},
           "ru": {"герпес": "подождать", "беременность": "подождать", "диабет": "специалист",
                  "кардиостимулятор": "специалист", "бородавки": "специалист"}}


@pytest.mark.parametrize("topic_language", ["en", "ru"])
def test_the_contraindications_topic_classes_them_as_the_check_does(
        shipped_content: Content, topic_language: str) -> None:
    """The topic said "the procedure is not done if you have: … diabetes; asthma", where the
    check (and the brief) has a specialist decide: each is listed under its class."""
    text = shipped_content.tr_message(topic_language, "faq.contraindications.answer")
    for word, heading in CLASSED[topic_language].items():
        [block] = [b for b in text.split("\n\n") if word in b.lower()]
        assert heading in block.splitlines()[0].lower(), word


def test_the_check_stays_short(shipped_content: Content) -> None:
    """The goals, the brief's and clinical practice's conditions and the sun take at most 18
    questions (a clinic's own additions come on top)."""
    screening = shipped_content.screening
    covered = TEMPORARY | DOCTOR_DECIDES | set(CLINICAL_PRACTICE)
    asked = [s for s in screening.in_order
             if s is screening.goals or {c.id for c in s.conditions} & covered]
    assert len(asked) <= MOST_QUESTIONS
    assert screening.goals is not None and screening.step("sun") is not None
    assert evaluate(screening, declaring(screening)).outcome == "suitable"


@pytest.mark.parametrize("condition", ["isotretinoin", "retinoids"])
async def test_recent_isotretinoin_or_nightly_tretinoin_is_never_no_contraindication(
    bot: Sandbox, content: Content, language: str, condition: str
) -> None:
    """Finished isotretinoin last month, or tretinoin every night: the client ticks it in the
    check and hears why to wait, never "no contraindications declared"."""
    t = Texts(content, language)
    user = bot.user(language_code=language)
    reply = shown(await screen(user, t, yes=frozenset({condition})))
    assert t("screening.outcome.suitable.title") not in reply
    assert t("screening.outcome.not_now.title") in reply
    assert t(f"screening.reason.{condition}") in reply
    await user.press(t.label("screening.outcome.not_now.book"))
    await user.send("+7 900 000 00 00")
    await pick_first_slot(user)  # the shipped configuration offers free slots
    [card] = bot.staff_chat()
    staff = Texts(content, "en")
    assert f"⚠️ {staff.label(f'screening.condition.{condition}')}" in card.text


# Another resurfacing treatment named right after "after" ("после"), not said to be had.
WAITED_AFTER = {
    "en": ["can i do it a week after laser", "how long should i wait after a chemical peel?",
           "how long after a laser session can i book"],
    "ru": ["сколько ждать после чистки лица",
           "после механической чистки через сколько можно шлифовку"],
}


async def test_asked_how_long_to_wait_after_another_resurfacing_the_client_hears_the_wait(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"can i do it a week after laser" got "What is diamond microdermabrasion?", "how long
    should i wait after a chemical peel?" the aftercare page, "сколько ждать после чистки
    лица" how the procedure goes: never the two weeks a peel or laser needs first."""
    t = Texts(content, language)
    for typed in WAITED_AFTER[language]:
        client = bot.user(language_code=language)
        await client.send("/start")
        reply = shown(await client.send(typed))
        assert t("screening.reason.recent_resurfacing") in reply, typed
