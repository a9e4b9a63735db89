"""A photo in the aftercare week reaches staff under that day's check-in note; outside the week
the bot still says it cannot read photos, unless its caption tells a sign that cannot wait or
the client was treated lately; /forget deletes the copied photo."""

from __future__ import annotations

from datetime import timedelta

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import Sandbox, Sent
from tests.chat import Texts, shown, week_started
from tests.desk import lead_by_chat


def copies(bot: Sandbox) -> list[Sent]:
    return [m for m in bot.staff_chat() if m.copied_from is not None]


async def test_a_photo_in_the_week_reaches_staff_with_the_note(
    bot: Sandbox, content: Content, language: str
) -> None:
    t, staff = Texts(content, language), Texts(content, "en")
    client = await lead_by_chat(bot, content, language=language, first_name="Olga")
    await client.send("/aftercare")
    before = len(bot.staff_chat())
    reply = shown(await client.send_photo())
    assert t("aftercare.photo_passed_on") in reply
    assert t("error.unsupported_message") not in reply
    note, photo = bot.staff_chat()[before:]
    for expected in ("Olga", staff("staff.aftercare.day", day=0),
                     staff("staff.lead.title", id=1), staff("staff.aftercare.photo")):
        assert expected in note.text
    assert photo.copied_from is not None and photo.copied_from[0] == client.id


async def test_a_voice_message_in_the_week_asks_for_words_or_a_photo(
    bot: Sandbox, content: Content, language: str
) -> None:
    """A voice message after a photo in the week got "photos, voice messages and files aren't
    supported": the photo had just been passed on, and the voice note reached no one."""
    t = Texts(content, language)
    client, _ = await week_started(bot, language)
    await client.send_photo()
    reply = shown(await client.send_voice())
    assert t("aftercare.unreadable") in reply
    assert t("error.unsupported_message") not in reply


async def test_a_photo_outside_the_week_gets_the_old_answer(
    bot: Sandbox, content: Content
) -> None:
    t = Texts(content, "en")
    client = await lead_by_chat(bot, content)
    before = len(bot.staff_chat())
    assert t("error.unsupported_message") in shown(await client.send_photo())
    assert len(bot.staff_chat()) == before and copies(bot) == []


async def test_forget_deletes_the_copied_photo(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    t = Texts(content, "en")
    client = await lead_by_chat(bot, content, first_name="Olga")
    await client.send("/aftercare")
    await client.send_photo()
    assert len(copies(bot)) == 1
    await client.send("/forget")
    await client.press(t.label("privacy.forget.yes"))
    assert copies(bot) == []
    assert not any("Olga" in m.text for m in bot.staff_chat())


async def test_a_photo_for_a_person_during_the_week_reaches_staff_as_a_message(
    bot: Sandbox, content: Content
) -> None:
    """"Talk to a person", then a photo of an invoice, during the aftercare week reached
    staff as "Aftercare problem reported", and the client was told the clinic was alerted."""
    user, t = await week_started(bot, "en")
    staff = Texts(content, "en")
    await user.press(t.label("menu.person"))
    await user.send_photo()
    [question] = [m for m in bot.staff_chat() if staff("staff.question.title") in m.text]
    assert staff("staff.aftercare.title") not in question.text
    assert [m for m in bot.staff_chat() if m.copied_from]  # the photo itself
    assert t("faq.forward.sent") in user.messages[-2].text or \
        t("faq.forward.sent") in user.last.text


CAPTION = {"en": "my lips are swelling, is this an allergy?", "ru": "губы отекают, это аллергия?"}


async def test_a_photo_whose_caption_tells_a_severe_allergic_reaction_gets_emergency_services(
    bot: Sandbox, content: Content, settings: Settings, language: str
) -> None:
    """"my lips are swelling, is this an allergy?" under a photo, from a client the bot knew of
    no procedure for, got only "photos aren't supported"."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    first, *rest = await client.send_photo(CAPTION[language])
    assert first.text == t("health.emergency", phone=settings.phone)
    assert t("error.unsupported_message") in shown(rest)


async def test_after_the_week_a_photo_whose_caption_tells_an_urgent_sign_reaches_staff(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    """With the week's messages stopped, "there is pus and it keeps spreading" under a photo
    got "photos aren't supported"; typed alone, it was the urgent alert."""
    client, t = await week_started(bot, "en")
    await client.send("/stop")
    bot.clock.advance(timedelta(days=2))
    before = len(bot.staff_chat())
    reply = shown(await client.send_photo("there is pus and it keeps spreading"))
    assert t("aftercare.problem.urgent") in reply
    assert t("health.emergency", phone=settings.phone) not in reply
    note, photo = bot.staff_chat()[before:]
    assert "there is pus and it keeps spreading" in note.text
    assert photo.copied_from is not None and photo.copied_from[0] == client.id


async def test_a_photo_soon_after_the_week_reaches_staff(
    bot: Sandbox, content: Content, language: str
) -> None:
    """On day 9, a photo with no words got "photos aren't supported", though a message typed
    that day reached staff: a client treated lately who shows the skin is heard, and told
    so."""
    client, t = await week_started(bot, language)
    for _ in range(9 * 24):  # the week's messages go out, and it ends
        bot.clock.advance(timedelta(hours=1))
        await bot.run_scheduler()
    before = len(bot.staff_chat())
    reply = shown(await client.send_photo())
    assert t("error.unsupported_message") not in reply
    assert t("aftercare.photo_passed_on") in reply
    note, photo = bot.staff_chat()[before:]
    assert Texts(content, "en")("staff.aftercare.photo") in note.text
    assert photo.copied_from is not None and photo.copied_from[0] == client.id
