"""Health a client tells outside the check, before it, after it or while booking, is never
lost: the check that follows, or the one the booking rests on, counts it as told (a specialist
decides, and the lead card says so), as health told inside the check is. On the shipped
content, in the client's language."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.config import Settings
from bot.content import Content
from bot.devtools.sandbox import ChatUser, Sandbox
from tests import shipped
from tests.chat import (
    Texts,
    consented,
    health_reason,
    screen,
    shown,
    tell,
    told_in,
    typed_at,
)
from tests.desk import card, stores_of
from tests.slots import buttons, pick_first_slot

content, settings = shipped.content, shipped.settings  # what the clinic ships

TOLD = {"en": "i have crohns and take methotrexate",
        "ru": "у меня болезнь крона пью метотрексат"}
PREGNANT = {"en": "just found out im pregnant!! can i still come for the diamond peel",
            "ru": "только что узнала что беременна, можно ли мне на шлифовку?"}
FORGOT = {"en": "I forgot to say I'm 5 months pregnant",
          "ru": "забыла сказать, я на 5 месяце беременности"}
# A relative's condition, the writer's own health not told.
RELATIVES = [
    ("en", "my mom has diabetes, can I do it?"),
    ("en", "my husband has asthma"),
    ("ru", "у мамы был рак кожи, мне можно?"),
    ("ru", "у мужа эпилепсия, а у меня нет, мне можно?"),
    # ...and with no comma before the turn to the writer.
    ("ru", "у мамы диабет а мне можно"),
    ("en", "my mom has diabetes but can I do it?"),
    # A pregnancy an adult is told of is hers: "подруга беременна, ей можно?" was counted as
    # the writer's, and her own check, all no, ended "a specialist needs to decide".
    ("ru", "подруга беременна, ей можно?"),
    ("en", "my wife is pregnant, can she come in?"),
]
PACEMAKER = {"en": "i have a pacemaker btw", "ru": "у меня кардиостимулятор"}
AT_PHONE = {"en": "oh btw i forgot to say im 10 weeks pregnant, is that ok?",
            "ru": "ой забыла сказать я беременна 10 недель, это ничего?"}


async def checked_after(bot: Sandbox, content: Content, language: str, *said: str,
                        yes: frozenset[str] = frozenset()) -> str:
    """A new client says /start and `said`, then takes the check: its outcome as shown."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    for text in said:
        await tell(client, t, text)
    return shown(await screen(client, t, yes=yes))


async def booked_card(bot: Sandbox, client: ChatUser, t: Texts) -> str:
    """Book from the menu with a phone number and the first free time: the lead card."""
    await client.send("/menu")
    await client.press(t.label("menu.booking"))
    await client.send("+44 7400 123456")
    await pick_first_slot(client)
    return (await card(bot, 1)).text


async def test_health_told_before_the_check_is_counted_in_it(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"i have crohns and take methotrexate" got "a short check gives you a clear answer";
    the check then ended "nothing stands in the way"."""
    t = Texts(content, language)
    outcome = await checked_after(bot, content, language, TOLD[language])
    assert t("screening.outcome.suitable.title") not in outcome
    assert told_in(t, outcome)


async def test_health_told_before_a_check_counts_in_the_next_one_too(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"у меня эпилепсия" at the menu, then the check: "a specialist needs to decide", and
    "the next check takes this into account". The next check, all no, said "no
    contraindications declared", and staff got a clean lead for an epileptic client."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    await tell(client, t, {"en": "I have epilepsy", "ru": "у меня эпилепсия"}[language])
    first = shown(await screen(client, t))
    assert t("screening.outcome.suitable.title") not in first
    again = shown(await screen(client, t, again=True))
    assert t("screening.outcome.suitable.title") not in again
    assert t("screening.reason.told_named",
             conditions=t.label("screening.condition.epilepsy")) in again


async def test_a_condition_told_before_the_check_is_named_to_client_and_staff(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"hey im on warfarin, can i still book?" at the menu: the check, all no, said only "you
    told me about your health in your own words", and the card "Told of their health in own
    words: ask", though the words had been read. The condition is named in /mydata, in the
    check's reasons and on the lead card, as told, not as declared: "finished accutane 2 years
    ago" is no "isotretinoin in the last 6 months"."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = bot.user(language_code=language)
    await client.send("/start")
    await tell(client, t, PACEMAKER[language])
    mydata = shown(await client.send("/mydata"))
    assert t("mydata.health_told_about",
             conditions=t.label("screening.condition.pacemaker")) in mydata
    outcome = shown(await screen(client, t))
    assert t("screening.reason.told_named",
             conditions=t.label("screening.condition.pacemaker")) in outcome
    text = await booked_card(bot, client, t)
    assert staff.label("screening.condition.told_named",
                       conditions=staff.label("screening.condition.pacemaker")) in text


async def test_health_told_before_the_check_is_kept_when_the_check_finds_more(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"ja beremenna 12 nedel" told at the menu, then the check found something of its own: the
    pregnancy was dropped, and the card named only what the check found."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = bot.user(language_code=language)
    await client.send("/start")
    await tell(client, t, PACEMAKER[language])
    outcome = shown(await screen(client, t, yes=frozenset({"burns"})))
    assert t("screening.reason.told_named",
             conditions=t.label("screening.condition.pacemaker")) in outcome
    assert t(content.screening.conditions["burns"].reason) in outcome
    text = await booked_card(bot, client, t)
    assert staff.label("screening.condition.told_named",
                       conditions=staff.label("screening.condition.pacemaker")) in text


async def test_a_condition_told_twice_is_named_once(
    bot: Sandbox, content: Content, language: str
) -> None:
    """Xarelto, then cardiomagnyl: /mydata listed "Blood thinners…; Blood thinners…"."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    await tell(client, t, {"en": "i take xarelto", "ru": "пью ксарелто после операции"}[language])
    await tell(client, t, {"en": "and aspirin daily", "ru": "и кардиомагнил каждый день"}[language])
    mydata = shown(await client.send("/mydata"))
    assert t("mydata.health_told_about",
             conditions=t.label("screening.condition.bleeding")) in mydata


async def test_health_told_after_a_suitable_check_reaches_the_lead(
    bot: Sandbox, content: Content, language: str
) -> None:
    """A suitable check, then "just found out im pregnant": the booking went ahead and the
    card said "No contraindications declared"."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = bot.user(language_code=language)
    assert t("screening.outcome.suitable.title") in shown(await screen(client, t))
    await client.send(PREGNANT[language])
    text = await booked_card(bot, client, t)
    assert staff("screening.outcome.suitable.title") not in text
    assert staff("screening.outcome.doctor.title") in text


async def test_health_told_at_the_phone_prompt_is_answered_and_kept(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"oh btw i forgot to say im 10 weeks pregnant, is that ok?" at the phone prompt got
    "that doesn't look like a phone number", and the card said nothing stands in the way."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = bot.user(language_code=language)
    await screen(client, t)
    await client.press(t.label("screening.outcome.suitable.book"))
    reply = shown(await client.send(AT_PHONE[language]))
    assert t("booking.contact_invalid") not in reply
    assert t("screening.outcome.not_now.title") in reply or t("health.condition") in reply \
        or "⏳" in reply
    await client.send("+44 7400 123456")
    await pick_first_slot(client)
    text = (await card(bot, 1)).text
    assert staff("screening.outcome.suitable.title") not in text


@pytest.mark.parametrize("language, text", [
    ("en", "oh btw forgot to say i just found out im pregnant, is my appointment still ok?"),
    ("en", "i have to say i just found out im pregnant, is that a problem?"),
    ("ru", "кстати забыла сказать, я беременна, запись в силе?")])
async def test_health_told_after_booking_with_a_question_reaches_the_staff(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"forgot to say i just found out im pregnant, is my appointment still ok?" read "say
    i" as supposing ("say I were pregnant..."): the client got the caution, and staff and
    the card nothing."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = bot.user(language_code=language)
    await screen(client, t)
    await booked_card(bot, client, t)
    posts = len(bot.staff_chat())
    assert t("booking.told_after") in shown(await client.send(text))
    assert any(staff("staff.lead.told", id=1, name=client.user["first_name"]) in m.text
               for m in bot.staff_chat()[posts:])


async def test_health_told_after_booking_reaches_the_staff_and_the_card(
    bot: Sandbox, content: Content, language: str
) -> None:
    """A suitable check, a slot held, then "I forgot to say I'm 5 months pregnant": the
    client got the caution, but nothing reached the staff chat and the card still said
    "No contraindications declared"."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = bot.user(language_code=language)
    assert t("screening.outcome.suitable.title") in shown(await screen(client, t))
    assert staff("screening.outcome.suitable.title") in await booked_card(bot, client, t)
    posts = len(bot.staff_chat())
    reply = shown(await client.send(FORGOT[language]))
    assert t("booking.told_after") in reply
    told = [m.text for m in bot.staff_chat()[posts:]]
    assert any(staff("staff.lead.told", id=1, name=client.user["first_name"]) in m
               for m in told), told
    text = (await card(bot, 1)).text
    assert staff("screening.outcome.suitable.title") not in text
    assert staff("screening.outcome.doctor.title") in text
    # Told again: the card already says so, and staff are not told twice.
    posts = len(bot.staff_chat())
    await client.send(FORGOT[language])
    assert not any(staff("staff.lead.told", id=1, name=client.user["first_name"]) in m.text
                   for m in bot.staff_chat()[posts:])
    # Something new told: "кстати я пью варфарин" replaced the pregnancy on the card, and staff
    # heard nothing.
    posts = len(bot.staff_chat())
    reply = shown(await client.send(
        {"en": "oh and i take warfarin", "ru": "кстати я пью варфарин от тромбоза"}[language]))
    assert t("booking.told_after") in reply
    assert any(staff("staff.lead.told", id=1, name=client.user["first_name"]) in m.text
               for m in bot.staff_chat()[posts:])
    text = (await card(bot, 1)).text
    assert staff.label("screening.condition.pregnancy") in text
    assert staff.label("screening.condition.bleeding") in text


async def test_a_check_taken_again_after_booking_reaches_the_staff_and_the_card(
    bot: Sandbox, content: Content, language: str
) -> None:
    """Booked on a check with nothing declared, then the check again with "pregnant: yes":
    the client was told to wait, but the card still said "No contraindications declared",
    staff heard nothing and the evening-before reminder asked her to come."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = bot.user(language_code=language)
    assert t("screening.outcome.suitable.title") in shown(await screen(client, t))
    assert staff("screening.outcome.suitable.title") in await booked_card(bot, client, t)
    posts = len(bot.staff_chat())
    outcome = shown(await screen(client, t, yes=frozenset({"pregnancy"}), again=True))
    assert t("screening.outcome.not_now.title") in outcome
    told = [m.text for m in bot.staff_chat()[posts:]]
    assert any(staff("staff.lead.rechecked", id=1, name=client.user["first_name"],
                     outcome=staff.label("screening.outcome.not_now.title")) in m
               for m in told), told
    text = (await card(bot, 1)).text
    assert staff("screening.outcome.suitable.title") not in text
    assert staff("screening.outcome.not_now.title") in text
    # The same answers once more: the card stays, staff are not told again.
    posts = len(bot.staff_chat())
    await screen(client, t, yes=frozenset({"pregnancy"}), again=True)
    assert not any(staff("staff.lead.rechecked", id=1, name=client.user["first_name"],
                         outcome=staff.label("screening.outcome.not_now.title")) in m.text
                   for m in bot.staff_chat()[posts:])


async def test_a_worry_or_a_plan_ahead_is_no_health_told(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"scared of pain" at the menu made a healthy client's check end "a specialist needs to
    decide": only what surely tells of the client's health is counted."""
    t = Texts(content, language)
    assert t("screening.outcome.suitable.title") in await checked_after(
        bot, content, language, {"en": "does it hurt? im scared of pain lol",
                                 "ru": "а это больно? я боюсь боли"}[language],
        {"en": "in 2 weeks", "ru": "через 2 недели"}[language])


@pytest.mark.parametrize("language, text", [
    ("en", "i dont have herpes"), ("en", "I have never had herpes"),
    ("ru", "у меня нет герпеса"), ("ru", "у меня герпеса нет"),
    # "никогда" before the denial: the first got the page "What is it?", the second was kept
    # as herpes told.
    ("ru", "никогда не было герпеса"), ("ru", "герпеса никогда не было"),
    # A medicine never taken, in the past tense: kept as isotretinoin told.
    ("en", "never took accutane"), ("ru", "роаккутан никогда не пила"),
    ("ru", "я не беременна и не кормлю, роаккутан не принимала"),
    # A denial carried on by "тоже": the second condition was told.
    ("ru", "диабета нет, астмы тоже"), ("ru", "у меня нет диабета, астмы тоже"),
    ("en", "i dont have diabetes, asthma neither"),
    # The writer named between the condition and its denial: kept as diabetes told, and the
    # check she then answered no throughout ended "a specialist needs to decide".
    ("ru", "диабета у меня нет"), ("ru", "диабета у меня нету"), ("ru", "герпеса у нас нет")])
async def test_a_denied_condition_alone_is_no_health_told(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"у меня диабета нет" got "a specialist decides" and was kept as health told: the next
    check, all no, ended "a specialist needs to decide" for a client who said she had none."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    reply = shown(await client.send(text))
    assert t("health.unknown") not in reply and t("menu.title") in reply
    assert t("screening.outcome.suitable.title") in shown(await screen(client, t))


@pytest.mark.parametrize("language, text", [
    ("en", "no diabetes, but i have eczema"), ("en", "i dont have diabetes but i have eczema"),
    ("en", "no diabetes. eczema on my cheeks though"),
    ("ru", "у меня нет диабета, но есть экзема"), ("ru", "диабета нет, а экзема есть")])
async def test_a_condition_denied_beside_one_told_is_not_kept(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"no diabetes, but i have eczema" was kept as diabetes told: the check's outcome, the
    lead card and /mydata named diabetes to a client who said she had none."""
    t = Texts(content, language)
    outcome = await checked_after(bot, content, language, text)
    assert str(t("screening.condition.eczema")) in outcome
    assert str(t("screening.condition.diabetes")) not in outcome


@pytest.mark.parametrize("language, text", [
    ("en", "can i do it on my period"), ("ru", "у меня щас месячные, можно прийти?")])
async def test_a_period_told_is_not_counted_in_the_check(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """A period is a matter of when: the check after it ended "a specialist needs to decide:
    you told me about your health"."""
    t = Texts(content, language)
    assert t("screening.outcome.suitable.title") in await checked_after(
        bot, content, language, text)


@pytest.mark.parametrize("language, text", RELATIVES)
async def test_a_relatives_condition_is_answered_as_theirs(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"у подруги астма а у меня нет ничего" got "a specialist decides together with you", as
    if the writer had asthma."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    assert shown(await client.send(text)).startswith(t("health.of_another"))


@pytest.mark.parametrize("language, text", RELATIVES)
async def test_a_relatives_condition_is_not_counted_in_the_clients_check(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"my mom has diabetes, can I do it?" made the writer's own check, answered no to
    everything, end "a specialist needs to decide: you told me something about your health"."""
    t = Texts(content, language)
    outcome = await checked_after(bot, content, language, text)
    assert not told_in(t, outcome)
    assert t("screening.outcome.suitable.title") in outcome


@pytest.mark.parametrize("language, text", [
    ("en", "my mom and I both have diabetes"),
    ("en", "My brother drives me because I'm epileptic"),
    ("ru", "у меня диабет, как у мамы"),
    ("en", "my sister has rosacea but I have diabetes"),
])
async def test_the_writers_own_condition_beside_a_relative_is_counted(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    t = Texts(content, language)
    outcome = await checked_after(bot, content, language, text)
    assert t("screening.outcome.suitable.title") not in outcome


async def test_what_a_term_means_asked_is_no_health_told(bot: Sandbox, content: Content) -> None:
    """"а что такое купероз?" was answered about the writer's couperose and counted in their
    check, which then ended "a specialist needs to decide"."""
    t = Texts(content, "ru")
    client = bot.user(language_code="ru")
    await client.send("/start")
    reply = shown(await client.send("а что такое купероз?"))
    assert t("health.unknown") not in reply
    assert t("screening.outcome.suitable.title") in shown(await screen(client, t))


async def test_health_told_beside_the_phone_number_is_counted(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"07400 123456, oh and i should say i have mild rosacea" took the number, kept the rest
    as a note, and the card said "No contraindications declared"."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = bot.user(language_code=language)
    await screen(client, t)
    await client.press(t.label("screening.outcome.suitable.book"))
    reply = shown(await client.send({
        "en": "07400 123456, oh and i should say i have mild rosacea on my cheeks",
        "ru": "+44 7400 123456, забыла сказать у меня розацеа"}[language]))
    assert t("screening.told") in reply
    await pick_first_slot(client)
    text = (await card(bot, 1)).text
    assert staff("screening.outcome.suitable.title") not in text


@pytest.mark.parametrize("typed", [
    {"en": "friday please. btw i have a cold sore right now",
     "ru": "в пятницу. кстати, у меня сейчас герпес на губе"},
    {"en": "07400 123456, i have a cold sore right now", "ru": "+44 7400 123456, у меня герпес"}])
async def test_a_reason_to_wait_told_while_booking_is_explained(
    bot: Sandbox, content: Content, language: str, typed: dict[str, str]
) -> None:
    """"friday please. btw i have a cold sore right now" at the day picker got "a specialist
    will look at it" and Friday's times: typed anywhere else, a cold sore is "better to wait",
    and why. Its caution comes with the times now."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await screen(client, t)
    await client.press(t.label("screening.outcome.suitable.book"))
    if not typed[language][0].isdigit() and not typed[language].startswith("+"):
        await client.send("+44 7400 123456")
    reply = shown(await client.send(typed[language]))
    reason, _ = health_reason(content, "herpes")
    assert t("screening.outcome.not_now.title") in reply and t(reason) in reply
    assert t("screening.told") in reply


@pytest.mark.parametrize("exact", [False, True])
async def test_health_told_beside_the_day_wanted_is_counted(
    bot: Sandbox, content: Content, language: str, exact: bool
) -> None:
    """"в четверг после 18, и кстати у меня еще эпилепсия была в детстве" at the day picker was
    kept only as the client's note: the card said "No contraindications declared". A time
    named exactly holds it at once."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = bot.user(language_code=language)
    await screen(client, t)
    await client.press(t.label("screening.outcome.suitable.book"))
    await client.send("+44 7400 123456")
    reply = shown(await client.send({
        ("en", True): "thursday at 6pm please, and btw i have epilepsy",
        ("ru", True): "в четверг в 18:00, и кстати у меня эпилепсия",
        ("en", False): "any evening works, and btw i have epilepsy",
        ("ru", False): "любой вечер подойдёт, и кстати у меня эпилепсия"}[language, exact]))
    # Held at once, the client hears it is noted; else it is answered as anywhere (a
    # specialist decides) and the picker still waits.
    assert t("screening.told") in reply if exact else t.label(
        "screening.condition.epilepsy") in reply
    if not exact:  # the days shown before it
        picker = next(m for m in reversed(client.messages) if buttons(m, "sday:"))
        await client.press_data(buttons(picker, "sday:")[0][1], picker)
        times = next(m for m in reversed(client.messages) if buttons(m, "stime:"))
        await client.press_data(buttons(times, "stime:")[0][1], times)
    text = (await card(bot, 1)).text
    assert staff("screening.outcome.suitable.title") not in text
    assert staff.label("screening.condition.epilepsy") in text


async def test_a_condition_told_beside_a_symptom_in_the_week_is_counted(
    bot: Sandbox, content: Content
) -> None:
    """"its a bit red and tingly. oh btw i forgot to say im on roaccutane" alerted staff of
    the redness, and the next booking's card said "No contraindications declared"."""
    t = Texts(content, "en")
    client = bot.user(language_code="en")
    await client.send("/menu")
    await client.press(t.label("menu.aftercare"))
    await tell(client, t, "its a bit red and tingly. oh btw i forgot to say im on roaccutane")
    text = "\n".join(m.text for m in await client.send("/mydata"))
    assert "mydata.health_told" not in text
    assert t("mydata.health_told", date="2026-11-24") in text


async def test_a_condition_told_and_then_declared_gets_its_own_reason_only(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"i have diabetes" at the menu, then yes to diabetes in the check: the result gave the
    diabetes reason and also "you told me something the check doesn't ask about"."""
    t = Texts(content, language)
    outcome = await checked_after(bot, content, language, {
        "en": "i have diabetes, can i do this?", "ru": "у меня сахарный диабет, мне можно?"}[
        language], yes=frozenset({"diabetes"}))
    assert not told_in(t, outcome)
    assert t(content.screening.conditions["diabetes"].reason) in outcome


async def test_health_told_is_erased_when_the_consent_is_refused(
    bot: Sandbox, content: Content, language: str, settings: Settings
) -> None:
    """"у меня эпилепсия, принимаю депакин", then no to the consent: the bot said "No health
    answers have been stored", and /mydata still listed epilepsy as told."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    await tell(client, t, {"en": "i have epilepsy and take depakine",
                       "ru": "у меня эпилепсия, принимаю депакин"}[language])
    assert t.label("screening.condition.epilepsy") in shown(await client.send("/mydata"))
    assert t("screening.consent.refused", phone=settings.phone) in shown(
        await screen(client, t, consent=False))
    mydata = shown(await client.send("/mydata"))
    assert t.label("screening.condition.epilepsy") not in mydata


async def test_talk_to_a_person_under_a_health_answer_passes_the_message_on(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"Можно ли делать процедуру через неделю после ботокса?" got the health answer; "Talk to a
    person" under it asked for a message, and "see above" reached staff alone: the question
    was lost. The client's own message is copied to staff, its words never stored."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    asked = {"en": "can I have it a week after botox?",
             "ru": "Можно ли делать процедуру через неделю после ботокса?"}[language]
    await client.send(asked)
    reply = shown(await client.press(t.label("menu.person")))
    assert t("faq.forward.sent") in reply
    [copy] = [m for m in bot.staff_chat() if m.copied_from is not None]
    assert copy.copied_from is not None and copy.copied_from[0] == client.id


async def answered_typing(client: ChatUser, t: Texts, typed: list[str],
                          at: dict[str, str | tuple[str, ...]] | None = None) -> str:
    """The check from the menu, `typed` at its first yes/no questions (one each) or `at` the
    questions named (several messages, one after the other, where the question is asked
    again), No pressed at the rest and none of the listed conditions ticked: the outcome as
    shown."""
    await consented(client, t)
    left, last = iter(typed), []
    for step in t.content.screening.steps:
        if step.kind == "choose_many":
            if not step.conditions:
                await client.press_exact(t.label(step.options[0].label))
            last = await client.press(t.label(
                "screening.none_of_these" if step.conditions else "screening.done"))
        elif (text := (at or {}).get(step.id) or next(left, None)) is not None:
            for message in (text,) if isinstance(text, str) else text:
                last = await client.send(message)
        else:
            last = await client.press_exact(t.label("screening.no"))
    return shown(last)


async def test_health_told_at_two_questions_of_the_check_adds_up(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"no but im on warfarin" at one question, "no. i have type 2 diabetes tho" at the next:
    the outcome, /mydata and the card named only the diabetes; the blood thinner was lost."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = bot.user(language_code=language)
    await client.send("/start")
    outcome = await answered_typing(client, t, {
        "en": ["no but im on warfarin", "no. i have type 2 diabetes tho"],
        "ru": ["нет, но я пью варфарин", "нет. у меня диабет 2 типа кстати"]}[language])
    both = "; ".join(t.label(f"screening.condition.{c}") for c in ("bleeding", "diabetes"))
    assert t("screening.reason.told_named", conditions=both) in outcome
    text = await booked_card(bot, client, t)
    assert staff.label("screening.condition.told_named", conditions="; ".join(
        staff.label(f"screening.condition.{c}") for c in ("bleeding", "diabetes"))) in text


@pytest.mark.parametrize("language, said", [
    ("en", "no. i had a fit once years ago"),
    ("en", "no, i have MS"),
    ("en", "no. i pass out sometimes"),
    ("en", "no. my face gets red and flushed easily"),
])
async def test_health_told_after_a_no_is_never_a_plain_no(
    bot: Sandbox, content: Content, language: str, said: str
) -> None:
    """A no typed with a health statement after it at the first question: "no. i had a fit once
    years ago" was noted "No", and the check, all no, ended "nothing stands in the way"; "no, i
    have MS" was noted "Not sure" of burns, and the MS was nowhere."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    outcome = await answered_typing(client, t, [said])
    assert t("screening.outcome.suitable.title") not in outcome
    assert told_in(t, outcome)


@pytest.mark.parametrize("language, step, said", [
    ("ru", "burns", "нет, но хочу убрать пигментацию"),
    ("ru", "asthma", "нет, но у меня чёрные точки"),
    ("en", "burns", "no, but thanks for asking"),
    ("en", "diabetes", "no, but I want to get rid of pigmentation")])
async def test_a_no_that_goes_on_to_a_goal_or_thanks_is_a_plain_no(
    bot: Sandbox, content: Content, language: str, step: str, said: str
) -> None:
    """"нет, но хочу убрать пигментацию" and "no, but thanks for asking" were not sure: a
    healthy client was sent to a specialist for wanting what the procedure is for."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    outcome = await answered_typing(client, t, [], {step: said})
    assert t("screening.outcome.suitable.title") in outcome


@pytest.mark.parametrize("language, step, said", [
    ("ru", "oncology", "нет, но жду результаты биопсии"),
    ("ru", "pregnancy", "нет, но тест не делала"), ("ru", "pregnancy", "не исключаю"),
    ("ru", "epilepsy", "не без этого"), ("en", "burns", "no but it's healing"),
    # A no corrected, a no that goes on to a form of the condition, a doubtful no to
    # pregnancy: each was stored No, and the check ended suitable.
    ("ru", "diabetes", "нет, то есть да"), ("en", "diabetes", "no, I mean yes"),
    ("ru", "diabetes", "нет, только первого типа"), ("en", "asthma", "no, only when I exercise"),
    ("ru", "herpes", "нет, только на носу"), ("en", "pregnancy", "nope, not that I know of"),
    ("ru", "pregnancy", "нет, вроде"), ("ru", "asthma", "не думаю"),
])
async def test_a_no_that_is_no_plain_no_never_ends_in_suitable(
    bot: Sandbox, content: Content, language: str, step: str, said: str
) -> None:
    """"нет, но жду результаты биопсии" to the question about cancer, "не исключаю" to the
    one about pregnancy and "не без этого" to epilepsy were stored as a plain "Нет", and the
    check ended "no contraindications declared"."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    outcome = await answered_typing(client, t, [], {step: said})
    assert t("screening.outcome.suitable.title") not in outcome


@pytest.mark.parametrize("language, step, said", [
    ("ru", "pregnancy", "нет, но мы с мужем ждем малыша"),
    ("en", "breastfeeding", "no but im nursing my 3 month old"),
])
async def test_a_no_turned_into_the_very_condition_asked_is_a_yes(
    bot: Sandbox, content: Content, language: str, step: str, said: str
) -> None:
    """"нет, но мы с мужем ждем малыша" to "are you pregnant?" was noted "not sure": the
    outcome said the client was unsure of it, and staff saw uncertainty, not a pregnancy."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    outcome = await answered_typing(client, t, [], {step: said})
    assert t(content.screening.conditions[step].reason) in outcome


@pytest.mark.parametrize("language, said", [
    ("en", "I am a man lol"), ("en", "im a guy"), ("ru", "я мужчина вообще-то"),
])
async def test_a_man_asked_whether_he_is_pregnant_is_a_no(
    bot: Sandbox, content: Content, language: str, said: str
) -> None:
    """"I am a man lol" to "are you pregnant?" was noted "Yes" ("I am"): the outcome said the
    procedure is not done during pregnancy, and /mydata said "Pregnancy: Yes"."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    outcome = await answered_typing(client, t, [], {"pregnancy": said})
    assert t("screening.outcome.suitable.title") in outcome
    assert t(content.screening.conditions["pregnancy"].reason) not in outcome


@pytest.mark.parametrize("language, said", [
    ("en", "I'm prediabetic actually"), ("en", "I have a bad back tbh"),
    ("ru", "у меня есть преддиабет"),
])
async def test_health_told_after_i_am_is_no_yes_to_another_question(
    bot: Sandbox, content: Content, language: str, said: str
) -> None:
    """"I'm prediabetic actually" to "are you pregnant?" was noted "Yes" ("I'm"): the outcome
    said "better to wait: not during pregnancy", and the prediabetes was lost. The question is
    asked again and what was told is kept for a specialist."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    outcome = await answered_typing(client, t, [], {"pregnancy": (said, t.label("screening.no"))})
    assert t(content.screening.conditions["pregnancy"].reason) not in outcome
    assert t("screening.outcome.suitable.title") not in outcome
    assert told_in(t, outcome)


@pytest.mark.parametrize("language, step, said", [
    ("en", "epilepsy", "no seizures for 10 years"), ("en", "asthma", "no attacks lately"),
    ("en", "asthma", "not really, mild"), ("en", "epilepsy", "not since I was a teen"),
    ("ru", "asthma", "нет, уже давно под контролем"),
    ("ru", "epilepsy", "приступов не было много лет")])
async def test_a_condition_kept_at_bay_is_no_plain_no(
    bot: Sandbox, content: Content, language: str, step: str, said: str
) -> None:
    """"no seizures for 10 years" to "do you have epilepsy?" was noted "No", and the check
    ended "nothing stands in the way": a condition that lasts is there though quiet."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    outcome = await answered_typing(client, t, [], {step: said})
    assert t("screening.outcome.suitable.title") not in outcome


@pytest.mark.parametrize("language, step, said", [
    ("en", "breastfeeding", ("I'm 34", "no")), ("en", "open_wounds", "im fine"),
    ("en", "boils", "I'm ok thanks"), ("ru", "open_wounds", "всё хорошо, я в порядке")])
async def test_i_am_with_something_else_is_no_yes(
    bot: Sandbox, content: Content, language: str, step: str, said: str | tuple[str, ...]
) -> None:
    """"I'm 34" to "are you breastfeeding?" and "im fine" to the question about open wounds
    were noted "Yes" ("I'm"): the outcome said to wait until the wounds heal."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    outcome = await answered_typing(client, t, [], {step: said})
    assert t("screening.outcome.suitable.title") in outcome


@pytest.mark.parametrize("language, said", [("en", "no burns lol"), ("ru", "нет, ожогов нет")])
async def test_an_answer_typed_after_leaving_the_check_shows_its_question(
    bot: Sandbox, content: Content, language: str, said: str
) -> None:
    """/mydata in the middle of the check, then "no burns lol": "I can't answer that myself.
    Shall I pass your message on to the clinic's staff?", and the check was never mentioned."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    await consented(client, t)
    await client.press(t.label("screening.done"))
    question = client.last.text
    await client.send("/mydata")
    reply = shown(await client.send(said))
    assert t("faq.no_match") not in reply
    assert question.split("\n")[-1] in reply
    assert t("screening.noted", answer=t.label("screening.no")) in shown(
        await client.send({"en": "no", "ru": "нет"}[language]))


async def test_the_last_answer_typed_points_to_no_back_button(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"Noted: No. To change it, tap ⬅️ Back" came above the outcome of a check typed to its
    end, and the outcome has no Back."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    last = content.screening.steps[-1].id
    outcome = await answered_typing(client, t, [], {last: {"en": "no", "ru": "нет"}[language]})
    assert t("screening.noted", answer=t.label("screening.no")) not in outcome
    assert t("screening.noted_last", answer=t.label("screening.no")) in outcome


@pytest.mark.parametrize("language, step, said", [
    ("ru", "herpes", "нет, только начинается"), ("en", "herpes", "no, just tingling"),
    ("ru", "breastfeeding", "нет, только ночью"), ("ru", "diabetes", "нет, 2 типа компенсирован"),
    ("ru", "epilepsy", "нет, уже 5 лет без приступов"), ("ru", "oncology", "нет, уже вылечила"),
    ("en", "epilepsy", "no, it's well controlled"), ("en", "herpes", "no, only starting"),
    # ...or tells of the past to a question that asks about it too: asked again, and the No
    # pressed then was all that was kept.
    ("ru", "oncology", "в ремиссии"), ("en", "oncology", "had it as a child"),
])
async def test_a_no_that_goes_on_to_a_detail_of_the_condition_never_ends_in_suitable(
    bot: Sandbox, content: Content, language: str, step: str, said: str
) -> None:
    """"нет, только начинается" and "no, just tingling" to the question about a cold sore,
    "нет, только ночью" to breastfeeding, "нет, 2 типа компенсирован" to diabetes, "нет, уже
    вылечила" to cancer ever were stored as a plain No, and the check ended "no
    contraindications declared": what follows the no tells of the very condition asked."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    outcome = await answered_typing(client, t, [], {step: said})
    assert t("screening.outcome.suitable.title") not in outcome
    assert any(t(f"screening.outcome.{kind}.title") in outcome for kind in ("doctor", "not_now"))


async def test_health_told_without_consent_is_asked_about_and_held_a_day_only(
    bot: Sandbox, content: Content, language: str
) -> None:
    """"I have rosacea and diabetes, can I book?" from a client who never agreed to the
    processing of health answers, or just after /forget, was stored as long as any answer,
    unasked: the erasure's "I will only remember your name and language" was not true. It is
    held for the check, the client is asked at once, and unanswered it is gone after a day."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    await client.send(TOLD[language])
    assert t("health.keep.ask", hours=24) in client.last.text
    bot.clock.advance(timedelta(hours=25))
    await bot.run_scheduler()
    assert (await stores_of(bot).clients.take_health_told(client.id)) is None
    assert t("health.keep.gone") in shown(await client.press(t.label("health.keep.yes")))
    await client.send(TOLD[language])
    kept = shown(await client.press(t.label("health.keep.yes")))
    assert t("health.keep.kept") in kept
    bot.clock.advance(timedelta(hours=25))
    await bot.run_scheduler()
    outcome = await screen(client, t)
    assert t("screening.outcome.suitable.title") not in shown(outcome)
    assert told_in(t, shown(outcome))
    await client.send("/forget")
    await client.press(t.label("privacy.forget.yes"))
    await client.send(TOLD[language])
    assert t("health.keep.ask", hours=24) in client.last.text


@pytest.mark.parametrize("then", ["typed yes", "menu"])
async def test_health_told_without_consent_counts_in_the_check_that_follows(
    bot: Sandbox, content: Content, language: str, then: str
) -> None:
    """"у меня на щеках красные пятна и сосудики видно", then "да" typed to "may I keep it?":
    the "да" went on to the check, nothing was kept, and the check, No to rosacea (she did not
    know the word), ended "no contraindications". Typed or not answered at all, what was told
    counts in the check that follows."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    await client.send(TOLD[language])
    if then == "typed yes":
        assert t("health.keep.kept") in shown(await client.send(
            {"en": "yes", "ru": "да"}[language]))
    outcome = shown(await screen(client, t))
    assert t("screening.outcome.suitable.title") not in outcome
    assert told_in(t, outcome)


async def test_health_told_not_to_be_kept_is_not_kept(
    bot: Sandbox, content: Content, language: str
) -> None:
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    await client.send(PREGNANT[language])
    assert t("health.keep.not_kept") in shown(await client.press(t.label("health.keep.no")))
    assert (await stores_of(bot).clients.take_health_told(client.id)) is None
    assert t("screening.outcome.suitable.title") in shown(await screen(client, t))


async def test_a_problem_after_the_procedure_is_not_asked_to_be_kept_for_a_check(
    bot: Sandbox, content: Content, language: str
) -> None:
    """A problem told after the procedure goes to staff as an alert; asking under it whether
    to keep it "so that your eligibility check takes it into account" spoke of a check the
    client is long past."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    said = {"en": "After my procedure yesterday my skin is cracking and I have a fever",
            "ru": "после процедуры вчера кожа трескается и температура"}[language]
    reply = shown(await client.send(said))
    assert t("health.keep.ask", hours=24) not in reply
    assert said in bot.staff_chat()[-1].text


@pytest.mark.parametrize("language, said", [
    ("en", "no, but I'm on warfarin"), ("en", "no but I have rosacea"),
    ("ru", "нет, но я пью варфарин")])
async def test_a_no_to_an_offer_that_tells_health_is_told(
    bot: Sandbox, content: Content, language: str, said: str
) -> None:
    """"no, but I'm on warfarin" under the outcome that offered booking got "All right,
    whenever you are ready", and the card of the booking that followed said "No
    contraindications declared": a no to the offer, the blood thinner thrown away."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = bot.user(language_code=language)
    assert t("screening.outcome.suitable.title") in shown(await screen(client, t))
    reply = shown(await client.send(said))
    assert t("offer.declined") not in reply
    text = await booked_card(bot, client, t)
    assert staff("screening.outcome.suitable.title") not in text


@pytest.mark.parametrize("language, said", [
    ("en", "forgot to say, im on prednisolone"), ("ru", "забыла сказать, я на преднизолоне")])
async def test_a_medicine_no_list_names_told_after_the_check_reaches_the_card(
    bot: Sandbox, content: Content, language: str, said: str
) -> None:
    """"forgot to say, im on prednisolone" after a suitable check got "whether the procedure
    suits you with this is for a specialist to decide", and the card of the booking that
    followed said "No contraindications declared": no specialist ever heard of it."""
    t, staff = Texts(content, language), Texts(content, "en")
    client = bot.user(language_code=language)
    assert t("screening.outcome.suitable.title") in shown(await screen(client, t))
    await client.send(said)
    text = await booked_card(bot, client, t)
    assert staff("screening.outcome.suitable.title") not in text


@pytest.mark.parametrize("language, group, said", [
    ("en", "skin", "none, I had a tan last week"), ("en", "medical", "no, I use a vitamin A cream"),
    ("ru", "skin", "ничего, но я недавно загорала на даче")])
async def test_a_none_that_says_more_at_a_group_is_asked_again(
    bot: Sandbox, content: Content, language: str, group: str, said: str
) -> None:
    """"none, I had a tan last week" at the question listing a fresh tan, and "no, I use a
    vitamin A cream" at the one listing retinoids, were "Noted: None of these", and the check
    ended "no contraindications": what follows the none may be one of them."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    await consented(client, t)
    for step in content.screening.steps:
        if step.id == group:
            break
        await client.press_exact(t.label(
            "screening.done" if not step.conditions else "screening.none_of_these"
            if step.kind == "choose_many" else "screening.no"))
    reply = shown(await client.send(said))
    assert t("screening.noted", answer=t.label("screening.none_of_these")) not in reply
    assert client.find_button(t.label("screening.none_of_these"), exact=True)  # asked again


@pytest.mark.parametrize("language, step, said", [
    ("ru", "epilepsy", "нет, приступов уже три года не было, таблетки пью"),
    ("en", "epilepsy", "no, no seizures since 2020, on meds"),
])
async def test_a_no_beside_health_told_unnamed_is_no_plain_no(
    bot: Sandbox, content: Content, language: str, step: str, said: str
) -> None:
    """"нет, приступов уже три года не было, таблетки пью" to "do you have epilepsy?" was
    noted "No": /mydata said "Epilepsy: No", and the card named nothing but "told of their
    health in own words"."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    await answered_typing(client, t, [], {step: said})
    answers = dict(await stores_of(bot).database.all(
        "SELECT step_id, answer FROM screening_answers"))
    assert answers[step] == "unsure"


@pytest.mark.parametrize("language, step, said", [
    ("ru", "boils", "нет, всё нормально, спасибо"), ("ru", "oncology", "нет, тьфу-тьфу"),
    ("en", "oncology", "no, touch wood")])
async def test_a_no_with_a_courtesy_is_a_plain_no(
    bot: Sandbox, content: Content, language: str, step: str, said: str
) -> None:
    """"нет, всё нормально, спасибо" and "нет, тьфу-тьфу" were "not sure": a healthy client
    was sent to a specialist."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    outcome = await answered_typing(client, t, [], {step: said})
    assert t("screening.outcome.suitable.title") in outcome


@pytest.mark.parametrize("said, condition", [
    ("bit of a tan", "tan"), ("what about my tan?", "tan"),
    ("I use a vitamin A cream, is that ok?", "retinoids")])
async def test_a_tan_or_a_vitamin_a_cream_gets_the_conditions_answer(
    bot: Sandbox, content: Content, said: str, condition: str
) -> None:
    """"bit of a tan" got the page "Aftercare: the first week", "what about my tan?" the page
    "What is diamond microdermabrasion?": a fresh tan is a reason to wait, and a vitamin A
    cream is a retinoid."""
    t = Texts(content, "en")
    client = bot.user(language_code="en")
    await client.send("/start")
    reply = shown(await client.send(said))
    assert t(content.screening.conditions[condition].reason) in reply


@pytest.mark.parametrize("language, done", [("ru", "готово"), ("en", "done")])
async def test_done_typed_at_a_group_with_nothing_ticked_is_none_of_these(
    bot: Sandbox, content: Content, language: str, done: str
) -> None:
    """"готово" typed at a group of conditions with nothing ticked opened the page "How does
    the procedure go?" instead of moving on."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    await consented(client, t)
    for step in content.screening.steps:
        if step.kind == "choose_many" and step.conditions:
            break
        await client.press_exact(t.label(
            "screening.done" if not step.conditions else "screening.no"))
    reply = shown(await client.send(done))
    assert t("screening.noted", answer=t.label("screening.none_of_these")) in reply


@pytest.mark.parametrize("language, text", [
    ("en", "is it ok during pregnancy?"), ("en", "is it safe with eczema?"),
    ("ru", "с диабетом можно?"), ("ru", "а во время беременности можно?"),
    # Supposed, not told: "is it safe if im pregnant?" ended a healthy client's check with a
    # specialist, and her card said "Pregnancy" beside her No.
    ("en", "is it safe if im pregnant?"), ("en", "can I do it if I use retinol?"),
    ("ru", "а если я беременна, можно?")])
async def test_a_condition_asked_about_in_general_is_no_health_told(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"is it ok during pregnancy?" was kept as pregnancy told: the check that followed, all
    no, ended "a specialist needs to decide" for a client who had told nothing of herself."""
    t = Texts(content, language)
    assert t("screening.outcome.suitable.title") in await checked_after(
        bot, content, language, text)


@pytest.mark.parametrize("language, text", [
    ("en", "can I do it with my eczema?"), ("ru", "беременна, можно?"),
    ("en", "diabetic, is that ok?"), ("en", "I'm pregnant, is it ok if I come tomorrow?")])
async def test_a_condition_asked_about_as_ones_own_is_health_told(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    t = Texts(content, language)
    assert t("screening.outcome.suitable.title") not in await checked_after(
        bot, content, language, text)


async def test_health_told_beside_a_symptom_in_the_week_is_asked_about_as_what_it_is(
    bot: Sandbox, content: Content
) -> None:
    """"ранка не заживает и сочится" in the week alerted staff with those words, then said it
    had noted "only the date, never your words" and, at "no", "deleted": /mydata still held
    the words, with the check-in. The question now says the words went with the check-in."""
    t = Texts(content, "ru")
    client = bot.user(language_code="ru")
    await client.send("/menu")
    await client.press(t.label("menu.aftercare"))
    bot.clock.advance(timedelta(days=3))
    reply = shown(await client.send("ранка не заживает и сочится"))
    assert t("health.keep.ask_week", hours=24) in reply
    assert t("health.keep.ask", hours=24) not in reply


# A typed answer, the step it answers and the outcome the client meant ("not suitable": any
# outcome but "no contraindications").
MEANT = [
    # "I'm all good thanks" to the question about diabetes was read as "I am", a yes:
    # diabetes on a healthy client's card, and a specialist.
    ("en", "diabetes", "I'm all good thanks", "suitable"),
    ("en", "burns", "I'm fine thanks", "suitable"),
    ("en", "burns", "I'm clear", "suitable"), ("en", "burns", "I'm all clear", "suitable"),
    # "no 🙂 still breastfeeding though" was a plain No, and the check ended "no
    # contraindications declared" with a clean card: the no was read as denying what the
    # emoji began.
    ("en", "breastfeeding", "no 🙂 still breastfeeding though", "not suitable"),
    ("en", "diabetes", "no 🙂 type 1", "not suitable"),
    ("en", "rosacea", "no 😅 rosacea on my cheeks", "not suitable"),
    ("en", "pregnancy", "no clue tbh", "not suitable"),
    # "yep 5 months" to "are you pregnant?" got the page about the best season, and the
    # question again: a number after "I'm" is an age, after "yes" how far along.
    ("en", "pregnancy", "yep 5 months", "not_now"), ("en", "pregnancy", "yeah 20 weeks", "not_now"),
    # "сейчас не лечусь" to "have you ever had cancer?" was a plain No: not being treated
    # tells of the illness, not of its absence.
    ("ru", "oncology", "сейчас не лечусь", "not suitable"),
    ("ru", "diabetes", "не лечусь", "not suitable"),
    ("en", "oncology", "not being treated right now", "not suitable"),
    # "да нет, всё норм" was not sure, and a healthy client went to a specialist.
    ("ru", "pregnancy", "да нет, всё норм", "suitable"),
]


@pytest.mark.parametrize("language, step, said, meant", MEANT)
async def test_a_typed_answer_ends_the_check_as_the_client_meant(
    bot: Sandbox, content: Content, language: str, step: str, said: str, meant: str
) -> None:
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    outcome = await answered_typing(client, t, [], {step: said})
    if meant == "not suitable":
        assert t("screening.outcome.suitable.title") not in outcome
    else:
        assert t(f"screening.outcome.{meant}.title") in outcome


@pytest.mark.parametrize("language, text", [
    ("en", "I stopped isotretinoin two years ago, can I do it?"),
    ("en", "finished my last course of accutane 7 months ago"),
    ("ru", "пила роаккутан год назад, бросила")])
async def test_a_medicine_stopped_longer_ago_than_its_wait_is_no_reason_to_wait(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"I stopped isotretinoin two years ago" got "Better to wait for now… no sooner than six
    months after the course ends", and was kept: the check the client then answered no
    throughout still ended "a specialist needs to decide: isotretinoin"."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    reply = shown(await client.send(text))
    assert t("health.waited") in reply
    assert t("screening.outcome.not_now.title") not in reply
    assert t("screening.outcome.suitable.title") in shown(await screen(client, t))


@pytest.mark.parametrize("language, text, waits", [
    ("ru", "пила роаккутан год назад, бросила", False),
    ("en", "stopped accutane a year ago", False),
    ("en", "stopped accutane 3 months ago", True),
    ("ru", "начала роаккутан год назад", True)])
async def test_a_medicine_stopped_longer_ago_than_its_wait_is_not_ticked_in_the_check(
    bot: Sandbox, content: Content, language: str, text: str, waits: bool
) -> None:
    """"пила роаккутан год назад, бросила" typed at the question about medicines ticked
    "Isotretinoin in the last 6 months", and the check ended "better to wait"."""
    t = Texts(content, language)
    reply, outcome = await typed_at(bot, t, "medical", text, answers=False)
    assert (t("screening.waited") in reply) is not waits
    assert (t.label("screening.condition.isotretinoin") in reply) is waits
    if not waits:
        assert t("screening.outcome.suitable.title") in outcome


@pytest.mark.parametrize("language, text", [
    ("ru", "здравствуйте сколько стоит и сколько длится процедура? у меня диабет второго типа"),
    ("en", "how much is it and how long does it take? also i have type 1 diabetes")])
async def test_questions_asked_beside_a_condition_are_answered_after_it(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """A client who asked the price and the length, and told of her diabetes, got only the
    diabetes: her questions went unanswered. What a specialist decides comes first, then each
    question a topic surely answers."""
    t = Texts(content, language)
    client = bot.user(language_code=language)
    await client.send("/start")
    reply = shown(await client.send(text))
    assert t("screening.reason.diabetes") in reply
    price = {"en": "Price and booking", "ru": "Стоимость и запись"}[language]
    assert reply.index(t("screening.reason.diabetes")) < reply.index(price)
    assert t("faq.duration.answer") in reply
