"""Helpers that keep scenario tests reading like the chat they check."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import ChatUser, Sandbox, Sent
from bot.flows.eligibility import path
from bot.storage.base import iso, moment
from bot.storage.stores import CLAIMED


class Texts:
    """The catalog wording a client of `language` sees, to assert against."""

    def __init__(self, content: Content, language: str) -> None:
        self.content, self.language = content, language

    def __call__(self, msgid: str, **values: Any) -> str:
        return self.content.tr_message(self.language, msgid, **values)

    def label(self, msgid: str, **values: Any) -> str:
        return self.content.tr_button_label(self.language, msgid, **values)

    def counted(self, msgid: str, count: int, **values: Any) -> str:
        """A message with plural forms, in the form `count` takes."""
        return self.content.tr_counted_message(self.language, msgid, count, **values)

    def faq(self, topic_id: str, settings: Settings) -> str:
        """A FAQ topic's answer with the clinic's own values in it."""
        topic = self.content.faq_topic(topic_id)
        assert topic is not None
        return self(topic.answer, price=settings.price_for(self.language),
                    clinic=settings.clinic_name, phone=settings.phone)


def health_reason(content: Content, condition: str) -> tuple[str, str]:
    """A condition's reason and its outcome's title, as the screening content classifies it."""
    found = content.screening.conditions.get(condition)
    if found is not None:
        return found.reason, content.screening.outcome(found.outcome).title
    wait = next(w for w in content.health.waits if w.id == condition)
    return wait.reason, content.screening.outcome(wait.outcome).title


def told_in(t: Texts, outcome: str) -> bool:
    """Whether a check's outcome counts health told in the client's own words, the conditions
    it named or none."""
    named = str(t("screening.reason.told_named", conditions="\0")).split("\0")
    return t("screening.reason.told") in outcome or all(part in outcome for part in named)


def shown(messages: list[Sent]) -> str:
    """All text the client sees from one action, joined."""
    return "\n---\n".join(m.text for m in messages)


def step_of(message: Sent) -> str | None:
    """The screening step a message asks, from its answer buttons' data."""
    for _, data in message.buttons:
        parts = data.split(":")
        if parts[0] == "scr" and len(parts) == 4:
            return parts[2]
    return None


def screening_of(message: Sent) -> str:
    """The screening a question belongs to, from its answer buttons' data."""
    return next(d.split(":")[1] for _, d in message.buttons if d.startswith("scr:"))


async def tell(user: ChatUser, t: Texts, text: str) -> list[Sent]:
    """Tell the bot something of one's health and, asked to keep it for the specialist (no
    consent on record), agree: what the client sees."""
    sent = await user.send(text)
    keep = t.label("health.keep.yes")
    for message in sent:
        if any(label == keep for label, _ in message.buttons):
            return sent + await user.press_exact(keep)
    return sent


async def consented(user: ChatUser, t: Texts) -> list[Sent]:
    """From the menu into the eligibility check, agreeing to the health-data consent: the
    first question is on screen."""
    await user.send("/menu")
    await user.press(t.label("menu.screening"))
    return await user.press(t.label("screening.consent.yes"))


async def week_started(bot: Sandbox, language: str = "en", **user: Any
                       ) -> tuple[ChatUser, Texts]:
    """A client who tells the menu they had the procedure today: their aftercare week runs."""
    t = Texts(bot.app.bot_data["services"].content, language)
    client = bot.user(language_code=language, **user)
    await client.send("/menu")
    await client.press(t.label("menu.aftercare"))
    return client, t


async def at_second_question(user: ChatUser, t: Texts) -> None:
    """Consent given, no goal ticked, No to the first yes/no question: the second is open."""
    await consented(user, t)
    await user.press(t.label("screening.done"))
    await user.press_exact(t.label("screening.no"))


async def screen(user: ChatUser, t: Texts, *, yes: frozenset[str] = frozenset(),
                 goals: tuple[str, ...] = ("pores",), consent: bool = True,
                 again: bool = False) -> list[Sent]:
    """Go through the whole eligibility check from the menu, answering yes to `yes` steps and
    ticking the `yes` conditions of a step that asks about a group of them; `again`: the
    client agreed to the consent before, so the check opens at its first question."""
    if not consent:
        await user.send("/menu")
        await user.press(t.label("menu.screening"))
        return await user.press(t.label("screening.consent.no"))
    if again:
        await user.send("/menu")
        await user.press(t.label("menu.screening"))
    else:
        await consented(user, t)
    screening = t.content.screening
    last: list[Sent] = []
    for step in screening.steps:
        if step.kind == "choose_many":
            ticked = [o for o in step.options if o.id in (yes if step.conditions else goals)]
            for option in ticked:
                await user.press_exact(t.label(option.label))
            none = step.conditions and not ticked
            last = await user.press(t.label("screening.none_of_these" if none else
                                            "screening.done"))
        else:
            answer = "screening.yes" if step.id in yes else "screening.no"
            last = await user.press_exact(t.label(answer))
    return last


async def instance_died(bot: Sandbox, settings: Settings) -> None:
    """The instance is gone and another took its place once its claims ran out: time passes
    on the test's clock, and on whichever clock claims are kept (the server's on PostgreSQL;
    on SQLite, which one process owns, the restart frees them at once)."""
    await bot.restart()
    passed = timedelta(seconds=settings.claim_seconds + 1)
    bot.clock.advance(passed)
    database = bot.app.bot_data["services"].stores.database
    for table, _, key in CLAIMED:
        for row_key, until in await database.all(
                f"SELECT {key}, claimed_until FROM {table} WHERE claimed_until IS NOT NULL"):
            await database.write(f"UPDATE {table} SET claimed_until = ? WHERE {key} = ?",
                                 (iso(moment(until) - passed), row_key))


async def at_first_question(bot: Sandbox, t: Texts) -> ChatUser:
    """A client of `t`'s language in the check, goals done, at its first yes/no question."""
    user = bot.user(language_code=t.language)
    await consented(user, t)
    await user.press(t.label("screening.done"))
    return user


async def typed_at(bot: Sandbox, t: Texts, step_id: str, text: str, *,
                   answers: bool = True) -> tuple[str, str]:
    """`text` typed at the question `step_id` of a check answered no everywhere else (and
    there too, by its button, when the text `answers` no question): what the text got, and
    the outcome."""
    user = await at_first_question(bot, t)
    said, last = "", list[Sent]()
    for step in path(t.content.screening)[1:]:
        if step.id == step_id:
            last = await user.send(text)
            said = shown(last)
            if answers:
                continue
        last = await user.press_exact(t.label(
            "screening.none_of_these" if step.kind == "choose_many" else "screening.no"))
    return said, shown(last)
