"""A question about a group of conditions (the shipped `skin` and `medical` steps): each ticked
option declares its condition with its own outcome and reason; Back, resume after a restart,
the lead card, /lead, /mydata and the export all show what was declared."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.content import Content, Step
from bot.devtools.sandbox import Sandbox
from tests import shipped
from tests.chat import Texts, consented, screen, shown
from tests.desk import staff_member, stores_of
from tests.slots import pick_first_slot
from tests.test_staff_reports import rows_of

content, settings = shipped.content, shipped.settings  # what the clinic ships

DECLARED = ("tan", "retinoids", "bleeding")


def group_of(content: Content, condition: str) -> Step:
    return next(s for s in content.screening.in_order
                if condition in {c.id for c in s.conditions})


@pytest.mark.parametrize("language", ["en", "ru"])
async def test_ticked_conditions_are_declared_everywhere_staff_and_client_look(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    t, staff = Texts(content, language), Texts(content, settings.default_language)
    user = bot.user(language_code=language)
    reply = shown(await screen(user, t, yes=frozenset(DECLARED)))
    assert t("screening.outcome.doctor.title") in reply  # bleeding: a specialist decides
    for condition in DECLARED:
        assert t(f"screening.reason.{condition}") in reply
    await user.press(t.label("screening.outcome.doctor.book"))
    await user.send("+7 900 000 00 00")
    await pick_first_slot(user)  # the shipped configuration offers free slots
    [card] = bot.staff_chat()
    for condition in DECLARED:
        assert f"⚠️ {staff.label(f'screening.condition.{condition}')}" in card.text
    assert staff.label("screening.condition.isotretinoin") not in card.text
    maria = staff_member(bot, settings)
    [full] = await maria.send("/lead 1")
    assert f"⚠️ {staff.label('screening.condition.tan')}: {staff.label('screening.yes')}" \
        in full.text
    assert f"{staff.label('screening.condition.fever')}: {staff.label('screening.no')}" \
        in full.text
    [export] = await maria.send("/export")
    assert export.document is not None
    [row] = rows_of(export.document)
    assert row["flagged"].split(";") == list(DECLARED)
    mine = "\n".join(m.text for m in await user.send("/mydata"))
    assert f"• {t.label('screening.condition.retinoids')}: {t.label('screening.yes')}" in mine
    assert f"• {t.label('screening.condition.fever')}: {t.label('screening.no')}" in mine


async def test_none_of_these_back_and_a_restart_keep_the_ticks(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    group = group_of(content, "retinoids")
    steps = content.screening.in_order
    before = steps[steps.index(group) - 1]
    user = bot.user()
    await consented(user, t)
    await user.press(t.label("screening.done"))
    for step in steps[1:steps.index(group)]:
        await user.press_exact(t.label("screening.no" if step.condition else
                                       "screening.none_of_these"))
    assert t(group.question) in user.last.text
    assert user.find_button(t.label("screening.none_of_these"), exact=True)
    await user.press_exact(t.label("screening.condition.retinoids"))
    assert user.find_button("✅ " + t.label("screening.condition.retinoids"), exact=True)
    assert user.find_button(t.label("screening.done"), exact=True)
    await bot.restart()
    reply = shown(await user.press(t.label("menu.screening")))
    assert t(group.question) in reply
    assert user.find_button("✅ " + t.label("screening.condition.retinoids"), exact=True)
    assert t(before.question) in shown(await user.press(t.label("screening.back")))
    await user.press_exact(t.label("screening.no" if before.condition else
                                   "screening.none_of_these"))
    await user.press_exact("✅ " + t.label("screening.condition.retinoids"))  # untick
    await user.press_exact(t.label("screening.none_of_these"))
    answers = dict(await stores_of(bot).database.all(
        "SELECT step_id, answer FROM screening_answers", ()))
    assert answers[group.id] == "-"
