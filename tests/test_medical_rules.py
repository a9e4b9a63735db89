"""The brief's medical rules hold for the shipped screening (dialogs/screening.yaml).

Behaviour tests run on the test content (tests/content/); this is the one test that reads the
shipped screening, so a clinic's edit that drops or reclassifies a contraindication of the brief
fails here, and nowhere else.
"""

from __future__ import annotations

import itertools

from bot.config import Settings
from bot.content import Content
from bot.flows.eligibility import evaluate

# Not now: the procedure waits until the condition has passed.
TEMPORARY = {"burns", "open_wounds", "boils", "herpes", "fungal", "pregnancy", "breastfeeding",
             "sun_planned"}
# A specialist must decide: never "suitable".
DOCTOR_DECIDES = {"diabetes", "asthma", "epilepsy", "oncology", "rosacea", "pacemaker", "warts"}


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
            texts = [step.question] + ([step.condition.reason, step.condition.label]
                                       if step.condition is not None else [])
            for msgid in texts:
                assert catalog.has(msgid) and catalog.catalog[msgid].string, (language, msgid)
