"""Messages clients typed that the bot misread: health statements answered with a topic page,
paraphrases left without an answer, questions only staff can answer sent to the price page.
Each goes through the real handlers on the shipped content, in the client's language."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.content import Content
from bot.content.i18n import format_opening_hours
from bot.devtools.sandbox import ChatUser, Sandbox
from tests import shipped
from tests.chat import Texts, health_reason, shown, week_started

content, settings = shipped.content, shipped.settings  # what the clinic ships


def no_topic_page(t: Texts, content: Content, settings: Settings, reply: str, *,
                  beside: bool = False) -> bool:
    """No topic's page in the reply; `beside`: but for those asked apart beside a condition
    (the price, how long it takes: `beside_health`), which come after its card."""
    return all(t.faq(topic.id, settings) not in reply for topic in content.faq
               if not (beside and topic.beside_health))


def left_to_a_specialist(t: Texts, content: Content, settings: Settings, user: ChatUser,
                         reply: str) -> None:
    """The cautious answer: a specialist decides (beside a period's tip, anything else told;
    a period told alone gets its tip), with the check and a person beneath it; never a topic
    page, never "no answer"."""
    assert t("health.unknown") in reply or t("booking.tip.menstruation") in reply
    assert no_topic_page(t, content, settings, reply) and t("faq.no_match") not in reply
    assert user.find_button(t.label("health.check")) and user.find_button(t.label("menu.person"))


async def answer_to(bot: Sandbox, language: str, text: str) -> tuple[ChatUser, str]:
    """A new client, who said /start, types `text`: the client and what they are shown."""
    user = bot.user(language_code=language)
    await user.send("/start")
    return user, shown(await user.send(text))


@pytest.mark.parametrize("language, text, condition", [
    ("en", "I get keloid scars", "keloids"),
    ("ru", "склонность к келоидным рубцам", "keloids"),
    ("ru", "на лице пару прыщиков воспалённых", "acne_inflamed"),
    ("en", "had a chemical peel 5 days ago", "recent_resurfacing"),
    ("en", "just back from Ibiza with a fresh tan", "tan"),
    ("en", "I use tretinoin nightly", "retinoids"),
    ("en", "finished isotretinoin last month", "isotretinoin"),
    ("ru", "полгода пила сотрет, закончила в мае", "isotretinoin"),
    ("ru", "я на 30 неделе, к вам можно?", "pregnancy"),  # any number of weeks
    ("ru", "на губе пузырек вскочил", "herpes"),
    ("ru", "obgorela na solnce vchera, nos krasnyi", "tan"),  # Russian on a Latin keyboard
    ("ru", "солнечный ожег на плечах, можно записаться?", "tan"),  # "ожёг" typed for "ожог"
    ("en", "wife bregnant, can she do it?", "pregnancy"),  # "p" typed as "b"
    ("ru", "в мае на море, когда лучше прийти?", "sun_planned"),  # a trip by its month
    # Slang beside the clinic's details: tretinoin, a baby at the breast, the bump's tenant.
    ("ru", "мажу третик через день, где у вас парковка?", "retinoids"),
    ("en", "still bf my 4 month old, where's parking?", "breastfeeding"),
    ("ru", "пузожитель пинается 😅 до скольки вы работаете?", "pregnancy"),
    ("ru", "кормляшая мама, можно на шлифовку?", "breastfeeding"),  # a letter off
    # A cleansing had days ago; being ill, by its emoji.
    ("ru", "была на чистке в субботу, лицо ещё красноватое, можно в среду к вам?",
     "recent_resurfacing"),
    ("ru", "🤒 записана на сегодня, идти?", "fever"),
    ("en", "🤧 booked for tomorrow, should I still come?", "fever"),
    ("ru", "темпа поднялась с утра, записана на 15:00, приходить?", "fever"),
    ("en", "I go to the tanning salon every week, does that matter?", "sun_planned"),
    ("ru", "после шлифовки в солярий сразу можно? абонемент горит", "sun_planned"),
    # A denial doubted or turned is no denial.
    ("en", "not pregnant as far as I know, we're trying though, is it safe?", "pregnancy"),
    ("ru", "не беременна, но планируем, курс начинать стоит?", "pregnancy"),
    ("en", "no!! herpes again, can I still come tomorrow?", "herpes"),  # another clause
    ("ru", "вчера прижгла лоб утюжком", "burns"),
    ("ru", "зашили подбородок три дня назад", "open_wounds"),
    ("ru", "ребёнок оцарапал мне лоб", "open_wounds"),
    ("en", "a couple of deep painful pimples on my chin", "acne_inflamed"),
    ("en", "my jawline is full of deep sore bumps that never come to a head", "acne_inflamed"),
    ("en", "I had a glycolic on friday", "recent_resurfacing"),  # an acid peel, said short
    # An abbreviation, and an implanted device other than the heart's.
    ("ru", "у меня ЭКС", "pacemaker"),
    ("en", "I've got a cochlear implant in my left ear", "pacemaker"),
    # A pacemaker told by what it does.
    ("ru", "Мне в сердце вшили прибор, который держит ритм. Можно с ним на аппаратную процедуру?",
     "pacemaker"),
    ("en", "they put a device in my chest that keeps my heart rhythm, can I still have it?",
     "pacemaker"),
    # A pregnancy said without the word: twins, a second child, early days, IVF.
    ("en", "expecting our second, it's still early days", "pregnancy"),
    ("ru", "жду двойню, срок небольшой", "pregnancy"),
    ("ru", "мы в протоколе ЭКО, перенос эмбриона на следующей неделе", "pregnancy"),
    ("en", "baby arriving in october", "pregnancy"), ("ru", "скоро стану мамой", "pregnancy"),
    # A relative's medicine, told by its brand name.
    ("ru", "сын принимает конвулекс, можно ему?", "epilepsy"),
    ("en", "my son is on Keppra, can he come with me", "epilepsy"),
    # Sun planned as an activity rather than a holiday.
    ("en", "destination wedding in Mexico in three weeks", "sun_planned"),
    ("ru", "всё лето буду копаться в огороде", "sun_planned"),
    ("en", "honeymoon in the Maldives after the wedding", "sun_planned"),
    ("ru", "в июле свадьба на Бали", "sun_planned"),
    ("en", "just got back from Bali, very tanned", "tan"),  # a tan had outranks a trip named
    # A device worn, or a condition said in everyday words.
    ("en", "I wear a Dexcom on my arm", "diabetes"),
    ("ru", "сахар скачет, эндокринолог наблюдает", "diabetes"),
    ("ru", "сахар натощак девять, это не страшно?", "diabetes"),
    # A health fact beside a booking or a question about the clinic: the health fact wins.
    ("en", "running a bit of a temp today, what time do you open tomorrow", "fever"),
    ("ru", "у дочки бывают эпиприступы, можно её записать на субботу?", "epilepsy"),
    ("en", "going snowboarding in three weeks, can you fit me in before", "sun_planned"),
    ("ru", "через месяц едем кататься на сноуборде, хочу записаться до поездки", "sun_planned"),
    ("ru", "в прошлый четверг делала химпилинг, запишите на субботу", "recent_resurfacing"),
    ("ru", "сделала лазерную шлифовку в понедельник", "recent_resurfacing"),
    ("en", "got laser resurfacing on monday", "recent_resurfacing"),
    # Bruising at a touch, a cold's nose and throat, stitches just out.
    ("en", "I bruise at the slightest knock, is that an issue", "bleeding"),
    ("ru", "синяки остаются от малейшего удара", "bleeding"),
    ("en", "I bruise like a peach, fyi", "bleeding"),
    ("ru", "синяк вылезает от малейшего касания", "bleeding"),
    # A relative's condition told before a question asked in general, a laughing face between.
    ("ru", "подруга на 28 неделе хочет освежиться перед родами 😅 беременным делаете?",
     "pregnancy"),
    ("en", "moms diabetic, is that a problem?", "diabetes"),  # "mom's", the apostrophe left out
    ("ru", "ya kormlu grudyu, zapisatsya mozhno?", "breastfeeding"),  # "ю" typed as "u"
    # A baby's age in months, feeding by breast and bottle, a midwife's advice.
    ("ru", "кормящим можно? сыну 2 мес", "breastfeeding"),
    ("en", "my son is 10 weeks, combo feeding. how much is it?", "breastfeeding"),
    ("en", "I'm 20 weeks and my OB said to ask first, is it ok?", "pregnancy"),
    # A blood thinner by its German name; breastfeeding with a letter slipped on the keyboard;
    # a peel typed "peal".
    ("en", "on Marcumar since my valve surgery, is that an issue?", "bleeding"),
    ("ru", "кормлб грудью, сколько стоит?", "breastfeeding"),
    ("en", "had a chemical peal 4 days ago, can I come saturday?", "recent_resurfacing"),
    ("ru", "лицо красное после солнца, в субботу приходить?", "tan"),
    # In Ukrainian: breastfeeding, pregnancy.
    ("ru", "годую груддю, можна до вас?", "breastfeeding"),
    ("ru", "я вагітна, 12 тиждень, можна?", "pregnancy"),
    ("ru", "акне пока активное, но хочу убрать рубцы, что посоветуете?", "acne_inflamed"),
    ("ru", "сд 2 у мамы, запишите её на среду", "diabetes"),
    ("en", "weaned my little one 10 days ago, is that too soon?", "breastfeeding"),
    ("en", "where do I park? im bf so can't stay long", "breastfeeding"),
    ("ru", "обязательно писать про эпилепсию? приступов нет давно", "epilepsy"),  # "?" ends it
    ("en", "bad cold rn, can i still come thurs", "fever"),
    # A face (or back) full of pimples now.
    ("ru", "всё лицо в прыщах, можно сделать?", "acne_inflamed"),
    ("ru", "лоб в мелких прыщиках, записаться можно?", "acne_inflamed"),
    ("en", "my back is full of acne, can you do my face?", "acne_inflamed"),
    ("en", "chin covered in pimples atm, still ok?", "acne_inflamed"),
    ("en", "back from a week in Crete and I'm very brown", "tan"),  # a tan had, in other words
    ("ru", "вернулась из Турции, я очень смуглая сейчас", "tan"),
    ("en", "runny nose and a sore throat but otherwise fine, still come?", "fever"),
    ("ru", "насморк и горло побаливает, идти или нет?", "fever"),
    ("en", "got my stitches removed last week, ok now?", "open_wounds"),
    ("ru", "три дня назад сняли швы на брови, уже можно?", "open_wounds"),
    # Inflamed pimples told by their pain, a medicine by its slang, a device in everyday words.
    ("en", "my pimples are red and sore, can I still come in?", "acne_inflamed"),
    ("ru", "на подбородке болючие красные прыщики, приходить?", "acne_inflamed"),
    ("ru", "сын сейчас на роаке, ему можно?", "isotretinoin"),
    ("ru", "у мамы стоит водитель ритма, ей можно?", "pacemaker"),
    ("en", "my dad has a heart rhythm device, can he come?", "pacemaker"),
    ("en", "a blister in the corner of my mouth", "herpes"),
    ("ru", "в уголке рта вскочил пузырёк", "herpes"),
    ("ru", "у меня 7 неделя, к вам можно?", "pregnancy"),  # the week said without "на"
    # A trip named by where to, not by the sun: a country, the mountains in slang.
    ("en", "we're going to Greece next week, can I still come before we fly?", "sun_planned"),
    ("en", "off to Portugal for two weeks in May", "sun_planned"),
    ("ru", "в марте едем на горнолыжку, успею до этого?", "sun_planned"),
    ("ru", "через неделю летим в Турцию", "sun_planned"),
    # Singed at a barbecue: a burn by its everyday verb.
    ("ru", "подпалила лицо у мангала, кожа на лбу слезает", "burns"),
    ("en", "singed my face at the barbecue, skin on my forehead is peeling", "burns"),
    # This very procedure by its slang name, had by the writer.
    ("ru", "алмазку делала неделю назад, где вы находитесь?", "recent_resurfacing"),
    # A pacemaker and diabetes in a chart's shorthand, diabetes in a hashtag.
    ("en", "PPM fitted in 2021 for sick sinus, is the machine ok for me? and the price?",
     "pacemaker"),
    ("en", "DM2 on metformin, parking near you?", "diabetes"),
    ("en", "how long does it take? #type1diabetic", "diabetes"),
    # Diabetes by its insulins' brands, maternity leave ahead, skin spotted by the tanning bed.
    ("en", "on Tresiba and Novorapid, do you have Saturday slots?", "diabetes"),
    ("ru", "колю тресибу и новорапид, шлифовку можно?", "diabetes"),
    ("ru", "с февраля ухожу в декрет, успею курс до этого?", "pregnancy"),
    ("ru", "после солярия лицо пятнами пошло, когда можно к вам?", "tan"),
    # A relative's condition said not to matter: the "не" of "не важно" is no "she will not
    # come"; athlete's foot; a period by its short form on the day booked.
    ("ru", "бабушка хочет прийти на шлифовку, у неё диабет, но это, думаю, не важно. запишите на"
     " среду", "diabetes"),
    ("en", "got athlete's foot, nothing to do with my face, what are your prices?", "fungal"),
    # Russian typed on a Latin keyboard after a greeting in its own letters.
    ("ru", "добрый день! u menya psoriaz na lbu, mozhno k vam?", "eczema"),
    ("ru", "vchera obozhglas utyugom, na shcheke ozhog. когда можно прийти?", "burns"),
    # Russian typed with the keyboard left in the Latin layout, the keys of "у меня герпес на
    # губе", "я беременна", "пью аспирин каждый день можно", "у меня розацеа".
    ("ru", "e vtyz uthgtc yf ue,t", "herpes"),
    ("ru", "z ,thtvtyyf", "pregnancy"),
    ("ru", "gm. fcgbhby rf;lsq ltym vj;yj", "bleeding"),
    ("ru", "мне можно? e vtyz hjpfwtf", "rosacea"),
    # A beach holiday by its emoji or hashtag.
    ("ru", "🏝️ через месяц! успею курс пройти?", "sun_planned"),
    ("en", "heading off soon 🏖 how many sessions can I fit in?", "sun_planned"),
    ("en", "can I still go ahead? #beachlife next month", "sun_planned"),
    # Skin red and stinging after the tanning bed.
    ("ru", "после солярия лицо красное и жжёт, в пятницу можно прийти?", "tan"),
    # Breastfeeding by how the baby is fed, a pregnancy by the test's two lines.
    ("ru", "даю грудь по требованию, шлифовка на молоко не влияет?", "breastfeeding"),
    ("en", "two lines on the test this morning!! still fine to come in?", "pregnancy"),
    # Breastfeeding by its short form; pregnancy in the writer's first language; isotretinoin and
    # a retinoid by brands sold abroad.
    ("ru", "ещё на кормлении, но только ночью. можно записаться?", "breastfeeding"),
    ("en", "ich bin schwanger, week 10, can I still come?", "pregnancy"),
    ("en", "embarazada de tres meses, is that ok?", "pregnancy"),
    ("en", "stopped aknenormin in march, am I fine now?", "isotretinoin"),
    ("en", "using tretiheal at night, do I stop it before?", "retinoids"),
    ("ru", "бородавочка на подбородке, можно её обойти?", "warts"),
    # The tanning bed as it is often misspelt.
    ("ru", "в соляриум хожу по субботам, это мешает?", "sun_planned"),
    # Eczema spelt by ear, pemphigus, spider veins by their medical name, psoriasis described.
    ("ru", "ексема на руках и немного на лице, можно?", "eczema"),
    ("ru", "у мамы пузырчатка, она на терапии, ей можно к вам?", "autoimmune"),
    ("en", "telangiectasia on both cheeks, is the suction ok for that?", "rosacea"),
    ("en", "my skin makes these white scales on my knees, does it matter?", "eczema"),
    # Low platelets; pregnancy in Belarusian, and told by its scan.
    ("ru", "тромбоцитопения у меня, можно?", "bleeding"),
    ("en", "thrombocytopenia here, is that ok?", "bleeding"),
    ("ru", "я цяжарная, можна?", "pregnancy"),
    ("ru", "на узи 8 недель, можно ли мне шлифовку?", "pregnancy"),
    # Dandruff in the brows, a skin tag in Russian, a week typed short.
    ("en", "I get dandruff in my eyebrows, is that ok?", "eczema"),
    ("ru", "мягкий нарост на шее, уберёте заодно?", "warts"),
    ("en", "laser hair removal last wk, can I come friday?", "recent_resurfacing"),
    # Diabetes by its type alone; a heart patient told of oneself.
    ("ru", "тип 1 у меня, можно?", "diabetes"),
    ("en", "heart patient with a pacemaker, can i still do it", "pacemaker"),
    # Pregnancy told by the due date.
    ("ru", "ПДР в апреле, можно сейчас?", "pregnancy"),
    ("ru", "родить в мае, а пока можно?", "pregnancy"),
    # ...and by a bare count of weeks the message opens with.
    ("ru", "32 недели, у вас лифт есть?", "pregnancy"),
    ("en", "26 weeks. where do I park?", "pregnancy"),
    ("en", "im 30 wks, is there a lift?", "pregnancy"),
    ("en", "30 недель, где у вас туалет?", "pregnancy"),  # in Russian, in a chat in English
    # ...or a sentence or clause further in opens with.
    ("en", "my midwife says all is well, 27 weeks. do you take cards?", "pregnancy"),
    ("ru", "врач разрешил, 24 недели. у вас есть лифт?", "pregnancy"),
    ("en", "is there a lift? I'm 31 wks and the stairs are hard", "pregnancy"),
    # A child planned, the pregnancy registered; feeding kept up at night.
    ("ru", "мы планируем ребёнка, сейчас можно курс?", "pregnancy"),
    ("ru", "встала на учёт на прошлой неделе, можно к вам?", "pregnancy"),
    ("ru", "докармливаю по ночам, сыну год", "breastfeeding"),
    # Infections caught now: the eyes, the gut, the throat, the chills.
    ("ru", "у меня конъюнктивит, глаз красный, запись на пятницу", "fever"),
    ("en", "got pink eye from my kid, appt is tomorrow", "fever"),
    ("ru", "я с ротавирусом второй день, в четверг приду?", "fever"),
    ("ru", "горло першит с утра, сегодня в 5 у вас", "fever"),
    ("en", "achy with the chills since last night, appt at 10", "fever"),
    # A pregnancy's weeks after its letter; a lip split in a fall.
    ("ru", "Б 10 недель, парковка есть?", "pregnancy"),
    ("ru", "губа разбита после тренировки, завтра к вам", "open_wounds"),
    ("ru", "задержка неделю, тест не делала, записываться?", "pregnancy"),
    ("ru", "синячки у меня от любого касания, запись на среду", "bleeding"),
    ("en", "scuba mask left burst blood vessels round my eyes, can I book?", "rosacea"),
    ("ru", "весной хотим беременеть, курс успеем?", "pregnancy"),
    ("ru", "пузо огромное уже, где у вас парковка?", "pregnancy"),
    ("ru", "я сцежусь заранее, тогда можно?", "breastfeeding"),
    # Pregnancy and feeding told without their names: the belly, the scan, the pump, the nights.
    ("ru", "живот растёт, можно к вам?", "pregnancy"),
    ("ru", "хожу с пузиком, до скольки вы работаете?", "pregnancy"),
    ("ru", "скоро станем родителями, шлифовку можно?", "pregnancy"),
    ("en", "20 week anatomy scan on monday, can I come after?", "pregnancy"),
    ("ru", "пользуюсь молокоотсосом, это мешает?", "breastfeeding"),
    ("ru", "прикладываю ночью, можно?", "breastfeeding"),
    ("ru", "отлучаем сейчас, можно уже?", "breastfeeding"),
    # Warts misspelt, bruising as a verb, raised acne scars, yesterday's peel, a tanning bed.
    ("ru", "бародавки на пальцах, можно?", "warts"),
    ("ru", "легко синячу, это важно?", "bleeding"),
    ("ru", "выпуклые рубцы от прыщей, поможет?", "keloids"),
    ("ru", "после вчерашнего пилинга лицо красное, можно?", "recent_resurfacing"),
    ("ru", "в субботу иду в солярий, можно в пятницу к вам?", "sun_planned"),
    # Told by a routine, a place, a treatment or a feeling rather than by the name.
    ("ru", "днём ловлю гипо, лучше утром прийти?", "diabetes"),
    ("ru", "стою на учете в онкодиспансере, можно?", "oncology"),
    ("en", "doing radiation rn, could i still come in?", "oncology"),
    ("ru", "хожу в турбосолярий, курс можно?", "sun_planned"),
    ("ru", "загораю на балконе по выходным, можно к вам?", "sun_planned"),
    ("ru", "после микроигольчатого RF месяц, можно?", "recent_resurfacing"),
    ("ru", "склонность к гипертрофическим, сколько стоит?", "keloids"),
    ("ru", "с утра подзнабливает, приходить?", "fever"),
    ("ru", "вечно в синяках хожу, рассрочка есть?", "bleeding"),
    ("ru", "темп 38 с утра", "fever"),  # a temperature clipped, with its figure
    # Feeding not to be interrupted; a nose peeling after a holiday.
    ("ru", "не хочу прерывать кормление, дочке 5 месяцев. в субботу работаете?",
     "breastfeeding"),
    ("ru", "нос облез после отпуска, можно записаться?", "tan"),
])
async def test_a_health_statement_the_check_did_not_know_is_answered_about_it(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str,
    condition: str
) -> None:
    t = Texts(content, language)
    user, reply = await answer_to(bot, language, text)
    reason, title = health_reason(content, condition)
    assert t(reason) in reply and t(title) in reply
    assert all(reply.index(t(title)) < reply.index(page) for page in (  # what it means first
        t.faq(topic.id, settings) for topic in content.faq) if page in reply)
    assert no_topic_page(t, content, settings, reply, beside=True)
    assert t("faq.no_match") not in reply
    assert user.find_button(t.label("health.check")) and user.find_button(t.label("menu.person"))


@pytest.mark.parametrize("language, text", [
    ("en", "I take blood pressure pills"),
    ("en", "I'm on antidepressants, is that a problem?"),
    ("en", "I had botox three days ago"),
    ("ru", "я принимаю антибиотики"),
    ("ru", "у меня гипертония"),
    ("ru", "у меня сильно шелушится кожа и чешется"),
    ("ru", "после бритья раздражение"), ("en", "my skin peels a lot"),
    ("ru", "очень сухая кожа на лбу"),
    ("en", "my skin is raw around my nose"),  # "is" in the middle tells, it does not ask
    ("ru", "месяц назад сделала блефаропластику"),  # an operation's name, in any case
    ("en", "had lip injections three weeks ago, is it too soon?"),  # done some time ago
    ("en", "cataract surgery in spring, can you do near the eyes?"),
    ("ru", "в прошлом году поставили стент, это мешает?"),
    # "Сотрет" is a verb as well as a brand; "шлифовку" asked for is not one had days ago.
    ("ru", "набила тату на шее, шлифовка его не сотрет?"),
    ("ru", "губы увеличивала три дня назад, шлифовку уже можно?"),
    # No word list has these: the safety net learned from the examples catches them.
    ("en", "my knee got replaced in june"), ("ru", "прооперировали колено в июне"),
    ("en", "I have veneers"),  # a service the clinic does not offer, told of oneself
    ("en", "I wear hearing aids"),
    ("en", "feeling a bit under the weather today"), ("ru", "что-то нездоровится с утра"),
    # A relative's medicine no list names, told before the question.
    ("en", "my husband takes tamsulosin, can he come"), ("ru", "мама пьёт эутирокс, ей можно?"),
    # A period due on the day, moles on the face: told, not asked in general.
    ("en", "I'll have my period that week, should I reschedule?"),
    ("ru", "на той неделе будут месячные, переносить?"),
    ("ru", "цикл начнётся числа 15-го, лучше до него?"),
    ("ru", "запишите, когда закончатся месячные, это после 9-го"),
    # Latin-typed "-тся" typed as "-tsa".
    ("ru", "lico shelushitsa tretij den posle shlifovki, eto normalno?"),
    # Hearing nearly lost, incontinence, paraplegia, gums that bleed, a doctor's word.
    ("ru", "я почти не слышу, мне нужно писать всё в чат, это ок?"),
    ("ru", "из-за недержания мне важно знать, сколько длится сеанс"),
    ("en", "I'm paraplegic, can your staff help me onto the bed?"),
    ("ru", "десны кровят вторую неделю, можно к вам?"),
    ("en", "doc says my vitamin D is really low, is that a problem?"),
    # A rash after food, a period by its euphemism, a hormone tested, wax had, IVF ahead,
    # dengue had.
    ("ru", "поела креветок, щёки в пупырышках, запись в четверг"),
    ("ru", "женские дни выпадут на запись, переносить?"),
    ("ru", "пролактин высокий, это важно?"),
    ("ru", "за три дня до записи делала воск на усиках"),
    ("ru", "через две недели ЭКО, шлифовку успею?"),
    ("ru", "сейчас эти дни, можно всё равно прийти?"),
    ("en", "got over dengue last month, can I book?"),
    # A hair transplant and threads ahead, hair-loss medicine by its nickname.
    ("ru", "через неделю пересадка волос, успею к вам до неё?"),
    ("ru", "в марте лифтинг нитями, а к вам до или после?"),
    ("en", "on minox for my hairline, does that matter for microderm?"),
    # A filling ahead, a back caught, an HRT brand, skin that burns at once in the sun.
    ("ru", "в понедельник ставят пломбу, а запись во вторник, ничего?"),
    ("ru", "спину защемило, прийти не смогу"),
    ("ru", "на Фемостоне второй год, это важно?"),
    ("ru", "обгораю за пять минут на солнце, когда лучше делать?"),
    ("ru", "сгораю на солнце за пару минут, мне когда лучше?"),
    ("ru", "мес начнутся числа 20-го, подберите день до них"),  # a period, clipped
    ("en", "my skin flakes on my chin every winter, will this help?"),
    ("ru", "у мамы цирроз, хочет убрать пигмент, поможет?"),  # the one to be treated
    # Blood pressure that jumps, a crisis, an ambulance called; washing that hurts.
    ("ru", "АД скачет всю неделю, приходить?"),
    ("ru", "вчера был гипертонический криз, запись в среду отменять?"),
    ("ru", "скорая вчера приезжала, запись в среду в силе?"),
    ("ru", "лицо обветрилось, умываться больно, можно к вам?"),
    # Redness that will not go, a cycle ending, an eyelid that does not close, lidocaine,
    # temporary crowns, a period to wait out.
    ("ru", "стою у зеркала, краснота со вчерашней шлифовки так и не сходит 😬"),
    ("ru", "запишите на 20-е, цикл как раз закончится"),
    ("ru", "лагофтальм, на кушетке глаза не пересохнут?"),
    ("ru", "чувствительность к лидокаину, вы его используете?"),
    ("ru", "стоят временные коронки, лежать на спине долго можно?"),
    ("en", "book me in after my period please, around the 12th"),
    # Blood clotting tested, a haematologist seeing the writer; swelling that stays, cracks
    # coming, asked in two words.
    ("ru", "коагулограмма плохая, это важно для процедуры?"),
    ("ru", "у меня гематолог наблюдает, можно к вам?"),
    ("ru", "отек не спадает 4 дня?"),
    ("ru", "после процедуры трещинки пошли??"),
    ("en", "loads of moles on the cheeks, does that matter?"),
    ("ru", "на лице куча родинок, это не страшно?"),
    # Fillers and the suction, a diet drug, a condition over or denied: a specialist decides.
    ("en", "got lip filler recently, is the vacuum ok?"),
    ("ru", "в скулах филлер, от вакуума не сместится?"),
    ("en", "on mounjaro for weight loss"), ("ru", "принимаю редуксин, чтобы похудеть"),
    ("en", "I have hay fever, is that an issue?"), ("ru", "две недели назад переболела ковидом"),
    ("en", "had a baby in march, not breastfeeding"),
    ("ru", "родила полгода назад, грудью не кормлю"),
    ("en", "twisted my knee skiing, any slots friday?"),  # a part of the body hurt
    ("ru", "потянула спину, запишите на пятницу"),
    ("en", "I had rhinoplasty in march, can you do my nose?"),  # had, not asked for
    # A phobia of the writer's, asked with a question about the procedure.
    ("ru", "у меня клаустрофобия, там не надо в какой-то аппарат ложиться?"),
    ("en", "I'm claustrophobic, do I have to lie inside some machine?"),
    # Braces on the teeth, beside the treated area.
    ("ru", "ношу брекеты, это не помешает?"), ("en", "I wear braces, is that a problem?"),
    ("ru", "сделала блефаропластику в марте, вы такое берёте?"),
    # A part of the body and a time gone by, in words no list has, beside a booking or a question.
    ("en", "my ankle gave way yesterday, can I still book for friday?"),
    ("en", "my ear has felt blocked since sunday, what time are you open?"),
    ("ru", "ухо заложило позавчера, можно на завтра?"),
    ("ru", "колено щёлкает с утра, запишите на пятницу"),
    # A pain named as a diagnosis (-algia), a diagnosis told as made, beside a booking.
    ("en", "fibromyalgia here, any slots next week?"),
    ("ru", "у меня межрёберная невралгия, можно записаться на пятницу?"),
    ("ru", "мне диагностировали полипы, запишите на завтра"),
    # Skin that feels tight, told.
    ("en", "my skin feels tight after washing"), ("ru", "после умывания кожу стягивает"),
    ("en", "my face peels a lot since the weekend"), ("ru", "лицо шелушится с выходных"),
    # A service the clinic does not offer, had days ago or followed by a symptom.
    ("ru", "после ботокса прошло 10 дней, можно?"),
    # A service the clinic does not offer, named right after "after": had before this one.
    ("ru", "после филлеров в губы можно к вам?"), ("ru", "posle disporta mozhno k vam?"),
    ("en", "after lip filler how long should I wait?"),
    ("ru", "на днях был плазмолифтинг, можно к вам?"),
    ("ru", "после шугаринга на ногах раздражение, это пройдёт?"),
    # A symptom that lasts, or came out on a part of the body.
    ("ru", "уже 3 дня после чистки, а всё ещё жжёт, это нормально?"),
    ("en", "day 2 after and theres still swelling under my eyes, normal?"),
    # Steroids, testosterone.
    ("ru", "угри после курса стероидов"), ("en", "on trt, any issue?"),
    # A symptom of a part of the body told in a clause of its own, then a question.
    ("ru", "скулы горят и шелушатся, поможет шлифовка?"),
    # Weight lost, lashes falling out, an acne pill by name, a dose typed with its unit.
    ("ru", "похудела на 8 кг за месяц, можно?"),
    ("ru", "ресницы выпадают, кожа сухая, можно ли шлифовку?"),
    ("en", "on spironolactone, how many sessions would I need?"),
    ("en", "taking 40mg of something for my skin, do you take cards?"),
    # Numbness of the face; a miscarriage; a period, by its slang or just ended.
    ("en", "my cheek goes numb now and then, is that a problem?"),
    ("ru", "после выкидыша месяц прошёл, можно?"),
    ("ru", "месячки сегодня начались, приходить?"),
    ("en", "my period ended yesterday, good time to come?"),
    ("en", "gonna be on my period that day, will it hurt more?"),
    # Medicines by their brands in the UK and the US, in either language.
    ("en", "taking co-codamol for my back this week, does the procedure hurt?"),
    ("en", "on Dianette for acne, is that ok with this?"),
    ("ru", "сейчас на Adderall, можно?"),
    # A skin state told to last.
    ("ru", "пятый день всё ещё красное, тоналкой можно?"),
    # A change since the procedure told, then asked about; a skin state told with words that
    # look like questions and ask nothing ("какие-то", "как будто").
    ("en", "my face looks blotchier than before, will it settle?"),
    ("ru", "кожа стала неровная, какие-то бугорки мелкие"),
    # Cracks in the skin since the procedure, asked about.
    ("en", "got the diamond peel with you on tuesday, now there are small cracks near my nose,"
           " is that normal?"),
    # A lifting by radio waves had days ago, by its names; skin coming off in flakes.
    ("ru", "во вторник делала рф-лифтинг, в четверг хочу к вам, не рано?"),
    ("ru", "в пн делала термаж, можно записаться на пт?"),
    ("en", "Had Thermage on Monday, too early to see you on Friday?"),
    ("ru", "со лба облазит кожа, записываться или подождать?"),
    # Burning and tightness by their everyday verbs; a period now; IVF under way.
    ("ru", "можно с администратором связаться? кожу печёт со вчера"),
    ("ru", "щёки странно блестят и тянет кожу, это от крема после процедуры?"),
    ("ru", "месячные сейчас, можно прийти?"),
    ("ru", "на ЭКО сейчас, это важно?"),
    # Cracks in the corners of the mouth; pimples now beside old marks of them.
    ("ru", "по краям губ трещинки, вечно заеды, можно на шлифовку?"),
    ("ru", "у меня прыщи и следы от прыщей, поможет?"),
    # Keratomas by their name.
    ("ru", "на щеках несколько кератом, шлифовать можно?"),
    ("ru", "кажется у меня демодекс, шлифовку можно?"),
    ("en", "on doxy for spots at the moment, is it ok?"),
    # An operation asked of the clinic, with "yet": had, and waited on since.
    ("en", "blepharoplasty in August, can you treat around the eyes yet?"),
    # A course of something unnamed, in gym slang; a topical acid on prescription.
    ("ru", "я сейчас сижу на курсе, сколько стоит процедура?"),
    ("en", "on cycle rn, how much is a session?"),
    ("ru", "мажу скинорен утром и вечером, это совместимо?"),
    ("en", "using finacea twice a day, is that ok"),
    # Supplements, herbal remedies and everyday pills, by name.
    ("en", "taking ashwagandha daily, relevant?"), ("en", "I take St John's wort, is that ok?"),
    ("en", "had a tylenol pm last night, does it matter?"),
    ("ru", "пью коллаген по утрам, перерыв делать?"),
    ("ru", "всегда пью пустырник перед процедурами, ничего?"),
    ("ru", "эутирокс 50 по утрам, шлифовка ок?"),
    # Thyroiditis by its abbreviation; lashes, brows and sugaring had days ago, by their verbs.
    ("ru", "аит, компенсирован. курс сколько стоит?"),
    ("ru", "вчера вечером ламинировала брови, завтра к вам, нормально?"),
    ("ru", "шугарила усики позавчера, можно на шлифовку?"),
    ("ru", "после rhinoplasty прошло шесть недель, можно?"),  # a service typed in Latin letters
    # Cracks on the third day; cerebral palsy, a fragile-skin disease and autism, by name.
    ("ru", "на третий день мелкие трещинки возле губ, это ок?"),
    ("ru", "у сына ДЦП, руки спастичные. вы такое делаете?"),
    ("en", "my son has cerebral palsy, can you do his face?"),
    ("ru", "у неё буллёзный эпидермолиз, кожа хрупкая, можно?"),
    ("ru", "дочке 14, РАС, боится новых мест. можно прийти посмотреть кабинет?"),
    # Numbing cream, nerve-pain pills, a panic disorder, valerian, local anaesthetics that fail.
    ("en", "I use EMLA before my bikini wax, can I put it on before coming?"),
    ("en", "on gabapentin at night, any issue?"),
    ("ru", "у меня панические атаки, если станет плохо, остановите?"),
    ("ru", "у меня паническое расстройство, вы остановите если что?"),
    # A symptom told by the day after the procedure, diary-style.
    ("ru", "день 1. всё жжёт, больно трогать. так и должно быть?"),
    # Abbreviations beside the clinic's details: hypertension, coronary disease, IBD, MS by its
    # medicine, high blood pressure.
    ("ru", "до скольки работаете? у меня ГБ 2 ст"),
    ("ru", "есть запись на четверг? у папы ИБС, он хочет со мной"),
    ("en", "is there a toilet near the room? I have IBD"),
    ("en", "any evening slots? on ocrevus for MS"),
    ("en", "do you take cards? HBP, well controlled"),
    ("ru", "пью валерьянку каждый вечер, перед процедурой можно?"),
    ("en", "local anaesthetic never works on me at the dentist, will this hurt more?"),
    ("ru", "мажусь лидокаином перед эпиляцией, перед шлифовкой тоже можно?"),
    # Drips and infusions, thrush and the pills for it, beside the clinic's details.
    ("en", "I'm having iron infusions monthly, where are you located?"),
    ("en", "on vitamin IV drips every week, what are your hours?"),
    ("ru", "прокапалась на прошлой неделе, у вас есть парковка?"),
    ("ru", "пью флуконазол, какой у вас адрес?"),
    ("ru", "молочница замучила, а в субботу вы работаете?"),
    # Treatments had regularly or lately: physiotherapy, a service of another clinic every
    # month, shots for a deficiency, dialysis, a procedure of the cervix; a belly that aches.
    ("ru", "мне делают электрофорез на спину, а шлифовка сколько стоит?"),
    ("ru", "хожу на мезотерапию раз в месяц, сколько стоит курс у вас?"),
    ("en", "I'm low on B12 and get shots for it, how much per session?"),
    ("en", "on haemodialysis three times a week, can I still book?"),
    ("en", "had a cone biopsy of my cervix last week, does it matter?"),
    ("ru", "второй день тянет живот, на завтра запись оставлять?"),
    # A chart's shorthand: a gallbladder taken out, hepatitis C treated, kidney disease.
    ("en", "s/p cholecystectomy last month, fully recovered. how long is a session?"),
    ("en", "HCV, cured after treatment. anything against it? what does it cost?"),
    ("en", "CKD stage 2, what time do you close on fridays?"),
    ("ru", "ХБП 2 стадии, креатинин повышен. вы в субботу принимаете?"),
    ("ru", "сплю с аппаратом сипап из-за апноэ, переносица натёрта. сколько стоит?"),
    ("en", "ESRD, dialysis three times a week. do you have parking?"),
    ("ru", "ЖКБ, ЛХЭ год назад. где вы находитесь?"),
    ("ru", "наблюдаюсь у гинеколога с миомой, шлифовку можно?"),
    ("ru", "носитель ХВГВ, сколько стоит курс?"),
    ("en", "I have bad reflux and can't lie flat for long, what are your hours?"),
    # A spot that grows or darkens, a little lump, a statin.
    ("ru", "родинка на щеке за год увеличилась и потемнела, где вы находитесь?"),
    ("ru", "за ухом шишечка небольшая, сколько стоит шлифовка?"),
    ("ru", "пью аторвастатин, во сколько вы закрываетесь?"),
    ("ru", "глюкофаж 1000 на ночь, шлифовку можно?"),
    ("ru", "вчера ударилась лицом о дверь, ушиб на скуле. сколько длится процедура?"),
    ("ru", "мес как раз на день записи выпадают, приходить?"),
    # Blood pressure by its short form and a reading.
    ("en", "BP 165/95 this week, is there a lift to your floor?"),
    ("en", "my bp was high at the GP, where exactly are you?"),
    ("en", "taking Lipitor for cholesterol, what are your hours?"),
    # An operation, an illness and its medicine, a doctor seen, in everyday words.
    ("en", "had a triple bypass two years ago, all good now. what are your hours?"),
    ("ru", "весной заменили коленный сустав, можно ли мне шлифовку? есть лифт?"),
    ("en", "I have Parkinson's, on Sinemet. is there parking?"),
    ("ru", "хожу к ревматологу, это не помешает? сколько стоит?"),
    ("en", "under a haematologist for a few years, what does a session cost?"),
    ("ru", "маммолог нашёл фиброаденому, наблюдаюсь. где вы находитесь?"),
    # An adrenaline pen, a tremor, oxygen at home, water pills.
    ("ru", "можно ли держать эпипен при себе во время процедуры?"),
    ("en", "can I keep my epipen on me during the treatment?"),
    ("ru", "у меня тремор рук, это не помешает?"),
    ("ru", "сплю с кислородным концентратором, мне можно?"),
    ("ru", "каждое утро пью фуросемид, это не помеха?"),
    # Skin infections and marks by their dermatological names, an antibiotic by its brand.
    ("ru", "на руке контагиозный моллюск, это помеха?"),
    ("ru", "импетиго у носа, уже проходит, сколько стоит?"),
    ("en", "impetigo round my mouth, how much is it?"),
    ("en", "there's a spider angioma by my nose, will it bleed?"),
    ("ru", "допила трихопол в среду, можно уже?"),
    ("en", "finished flagyl on friday, how long do I wait?"),
    # Polyps, cold fingers by their name, a racing heart, a lab's figures, a germ found in the
    # nose, a reaction to a numbing shot, glands, a doctor's field in slang, implants, a heart
    # told vaguely.
    ("ru", "нос не дышит из-за полипов, это помешает?"),
    ("en", "can't be around cold, raynauds. is the mask cold?"),
    ("en", "I get palpitations, is it safe for me?"),
    ("ru", "анализы: ферритин 9, ттг 4.1, можно мне?"),
    ("en", "my liver enzymes are up, is that a problem?"),
    ("ru", "в носу высеяли стафилококк, вам это важно?"),
    ("en", "staph in my nose last month, does that matter?"),
    ("en", "reacted badly to lidocaine once, do you use numbing?"),
    ("ru", "лимфоузлы на шее увеличены, можно?"),
    ("ru", "по эндокринке куча всего, мне можно?"),
    ("en", "female 30, breast implants. price?"),
    # A change seen after an earlier session of a course, the session by its number.
    ("en", "noticed dark patches on my forehead after my 2nd session, is that from it?"),
    # Creams from the pharmacy, painkillers, calming and sleeping pills, eye drops, by brand.
    ("ru", "базирон на ночь, можно?"),
    ("en", "using bpo on a couple of spots, is that fine?"),
    ("ru", "пью найз от спины, можно записаться?"),
    ("ru", "на пенталгине из-за зубов, где вы находитесь?"),
    ("ru", "грандаксин курсом, можно в субботу?"),
    ("en", "on wellbutrin 300, does it matter?"),
    ("en", "stye on my lower lid, no facial this week then?"),
    ("ru", "ночью шла кровь носом, приходить завтра?"),
    ("en", "heart thing, so no adrenaline for me. do you numb the skin?"),
    # A lump under the skin, antibiotics by brand and typed in a hurry.
    ("ru", "липома под бровью, можно записаться?"),
    ("en", "there's a small lipoma on my temple. is that an issue?"),
    ("ru", "на амоксиклаве ещё три дня, потом можно?"),
    ("en", "finishing doxycyline on tuesday, ok after?"),
    # Blood given, a scan with contrast, a vaccine by brand, a numb face, rabies shots, liver
    # tests, an allergy in Ukrainian, physiotherapy: medical events and facts with no condition
    # of the check.
    ("ru", "вчера сдала кровь как донор, можно сегодня?"),
    ("en", "gave blood yesterday, is today too soon?"),
    ("ru", "мрт с контрастом было в среду, это важно?"),
    ("en", "had an MRI with contrast on monday, does that matter?"),
    ("ru", "превенар поставили в пятницу, это не помеха?"),
    ("en", "face still numb from the dentist, should I wait?"),
    ("en", "started rabies shots after a dog bite, is that a problem?"),
    ("ru", "печеночные пробы плохие, это важно?"),
    ("ru", "маю алергію на крем, можна?"),
    ("en", "I do physio three times a week, is that a problem?"),
    # A reaction to eyelash glue, asked in the side-effects page's words ("сколько ждать").
    ("ru", "реакция на клей для наращивания, вокруг глаз красное. сколько ждать?"),
    # Hair-loss medicines, a pill for endometriosis by brand, "postpartum" by its short form.
    ("en", "been on finasteride for years, is that a problem?"),
    ("ru", "финастерид уже год, это важно?"),
    ("en", "on ryeqo for my endo, is it ok?"),
    ("en", "pp 2 mo, is it too early?"),
    # What a doctor forbade or allowed, and what the writer must not have, the illness untold.
    ("ru", "мне противопоказано париться, у вас кожу греют?"),
    ("ru", "аллерголог запретил ароматизаторы, это учтёте?"),
    ("ru", "мне нельзя лидокаин, будете обезболивать?"),
    ("en", "I'm not allowed lidocaine, do you use any?"),
    ("ru", "ксантелазма на веке, можно?"),
    # A steroid cycle by its slang, growth hormone, a fresh piercing, a black eye.
    ("ru", "сейчас на трене, кожа жирная, можно?"),
    ("en", "on hgh for a few months, is that a problem?"),
    ("ru", "прокол в губе свежий, можно?"),
    ("en", "black eye from football on sunday, ok to come?"),
    # Anaemia told by its adjective, coeliac and Crohn's disease, anaphylaxis, the menopause
    # coming, a spine operation, deafness.
    ("ru", "анемичная я, можно?"),
    ("en", "coeliac, is that a problem?"),
    ("ru", "болезнь Крона, иногда срочно надо выйти, это учтёте?"),
    ("ru", "на латекс анафилаксия, учтёте?"),
    ("en", "perimenopausal and flushing a lot, is it ok?"),
    ("en", "had a spinal fusion in spring, is that a problem?"),
    ("ru", "тугоухость у меня, это важно?"),
    # The skin now in slang, what the writer tolerates badly, how they feel today.
    ("ru", "кожа бунтует третий день, можно?"),
    ("ru", "кожа сейчас очень чувствительная, от ветра краснеет, можно?"),
    ("en", "face is kinda angry this week, is it ok to come?"),
    ("ru", "йод плохо переношу, чем вы обрабатываете?"),
    ("en", "been nauseous since morning, should I still come?"),
    ("ru", "с утра шатает, приходить?"),
    # A service of another clinic planned on a day ahead, beside this one.
    ("en", "filler on thursday, microderm on monday, too close?"),
    ("ru", "ботокс в среду, к вам в пятницу можно?"),
    ("en", "PRP on friday, microderm on tuesday, ok?"),
    # ...by its brand, beside a booking here, or told with the day after it.
    ("en", "getting juvederm in my lips next month, should microderm come first?"),
    ("en", "electrolysis on my upper lip tomorrow, microderm when?"),
    ("en", "sculptra booked in january, how far apart from microderm?"),
    ("ru", "биорепарация на следующей неделе, а шлифовку когда?"),
    ("ru", "через неделю профайло, шлифовку сегодня можно?"),
    ("ru", "в пятницу лазерная эпиляция над губой, к вам можно записаться в понедельник?"),
    ("en", "lip blush next week, microderm this week ok?"),
    # A stye, an illness over, told as such; skin as if on fire.
    ("ru", "сейчас ячмень на глазу, процедура же на всё лицо?"),
    ("ru", "микроинсульт в 2019, последствий нет"),
    ("en", "my skin is on fire since this morning"),
    # Fainting, an opioid substitute, what a past session left.
    ("en", "I tend to pass out when I see blood"),
    ("en", "on suboxone, is that ok?"),
    ("en", "my mum faints at anything medical, can she come?"),
    ("ru", "в прошлый раз делали алмазку, через пару дней появились трещинки. у вас так же?"),
    # A sedative taken before, OCD, panic lying flat, hay fever's eyes and nose, a fragrance
    # the skin reacts to.
    ("en", "can I take xanax an hour before?"),
    ("en", "my OCD makes me anxious about hygiene, are the tips new each time?"),
    ("ru", "если долго лежу на спине, накатывает паника"),
    ("ru", "глаза слезятся и нос заложен с утра, приходить?"),
    ("en", "I react to fragrance, is your cream unscented?"),
    # A steroid by its slang, lenses worn overnight, watering eyes.
    ("en", "on tren at the moment, any problem?"),
    ("en", "I sleep in ortho-k lenses"),
    ("en", "my eyes water constantly, does it matter?"),
    # Small injuries of everyday life: a blister from shoes, a pinched finger, a cut, a bruised
    # nail, a pet's bite.
    ("ru", "натёрла мозоль, завтра приходить?"),
    ("ru", "прищемила палец дверью, можно прийти?"),
    ("en", "sliced my finger cooking, still ok for tomorrow?"),
    ("en", "nail is purple after I dropped a weight on it"),
    ("en", "the cat drew blood on my wrist, matter?"),
    ("ru", "в марте курс фотодинамической терапии, шлифовку до него можно?"),
    # A nervous tic.
    ("ru", "у меня тики, дёргается глаз, это не помешает?"),
    # An operation planned, a cyst, a supplement taken before a pregnancy.
    ("en", "getting my bleph done soon, can I come before?"),
    ("en", "deviated septum, fixing it in feb. can I come before?"),
    ("ru", "атерома на шее, можно?"),
    ("ru", "начала фолиевую кислоту, можно к вам?"),
    # Bell's palsy, a bleaching cream, restless legs.
    ("ru", "после паралича Белла лицо ещё не восстановилось, можно?"),
    ("en", "bells palsy last spring, is it ok now?"),
    ("en", "hydroquinone 4% from abroad, can I combine it?"),
    ("ru", "крем с гидрохиноном из эмиратов, совмещать можно?"),
    ("en", "restless legs at night, is that a problem?"),
    ("en", "started duphaston for my cycle last week, does it matter?"),
    ("ru", "после кс прошло полтора месяца, шлифовку уже можно?"),
    ("ru", "ад низкий, бывает 85 на 55, это важно?"),
    ("ru", "иногда темнеет в глазах, если резко встать"),
    ("ru", "ладони потрескались, обработать их можно?"),
    ("en", "fingers cracked and bleeding, can you do hands?"),
    ("ru", "сын на зинерите, ему можно?"),
    ("en", "after your treatment my chin went blotchy, is that normal?"),
    # Blood pressure in slang, beside moving a booking: "перенести" books, health comes first.
    ("ru", "давлюха с утра скачет, перенесите на пятницу"),
    # Weeping skin; an antibiotic by its short name for an infection by its letters.
    ("ru", "мокнет кожа за ушами"),
    ("en", "on cipro for a uti, should I wait?"),
    ("ru", "в понедельник пэт кт, можно в среду к вам?"),
    ("en", "had a BBL session 10 days ago, ok?"),
    ("en", "lips cracked at the corners, ok to come?"),
    # An ear infection being treated; a drug by its letters; prediabetes; a dog's nip; a
    # bruise from a toy; redness that would not go, cracks told after this procedure.
    ("ru", "отит, сейчас капли в ухо, запись в четверг в силе?"),
    ("ru", "РА, МТХ раз в неделю, можно оплатить частями?"),
    ("ru", "вроде преддиабет говорят, консультация платная?"),
    ("ru", "собака цапнула за щеку, идти на консультацию?"),
    ("ru", "ребенок заехал игрушкой по скуле, синяк, шлифовка в субботу можно?"),
    # Told with a figure or a plan: blood pressure read out, IVF ahead; a fresh tattoo.
    ("en", "bp was 150/95 this morning, does it matter?"),
    ("ru", "эко планируем весной, курс успею?"),
    ("ru", "тату свежая, 2 недели, что взять с собой?"),
    # Stinging and skin coming off; a reaction to a sunscreen's filters; cracks on the cheeks
    # asked about; red patches on one's own skin.
    ("ru", "после шлифовки подбородок пощипывает, что с этим делать?"),
    ("ru", "кожа до сих пор слезает, а подруга зовёт к вам в субботу"),
    ("ru", "какой крем вы даёте после процедуры? у меня реакция на спф с фильтрами"),
    ("ru", "от ветра трещинки на щеках, такое у вас делают?"),
    ("ru", "сейчас скину фото своего лица, там красные пятна, с таким на процедуру можно?"),
    # The cycle's first day beside the appointment; a sleeping pill by its name.
    ("ru", "завтра первый день цикла, а у меня запись, ничего?"),
    ("en", "on trazodone for sleep, does that matter?"),
    ("en", "it's day 3 and the skin round my nose is flaking, normal??"),  # a day counted
    # Redness that has not gone, asked about.
    ("en", "redness is still there day 4 is it normal??"),
    ("en", "is it normal the redness is still there"),
    # A period by its other names and coming on a visit's day; lice; a running nose by its verb.
    ("ru", "на следующей неделе критические дни начнутся, процедуру лучше сдвинуть?"),
    ("en", "it'll be that time of the month on friday, should I still come?"),
    ("ru", "у сына в саду вши, и у меня нашли. можно приходить?"),
    ("en", "just treated myself for lice, can I come tomorrow?"),
    ("ru", "опять сопливлю, приходить?"),
    # Autism, Tourette's, mutism, a phobia, a sedative taken, skin peeling on the cheeks.
    ("ru", "я аутичная, мне важно знать порядок процедуры"),
    ("en", "got tourettes so my head jerks now and then, is the tool safe near my eyes?"),
    ("en", "selective mutism here, can I do everything by chat?"),
    ("ru", "фобия всего острого, насадки точно не колются?"),
    ("ru", "выпила успокоительное перед визитом, это ничего?"),
    ("en", "peeling on my cheeks at the moment, ok to come?"),
    # Eating disorders and a fast, periods that hurt, a drinking bout, feeling faint.
    ("ru", "было РПП, иногда срывы. на консультации не взвешивают?"),
    ("ru", "анорексия в прошлом, это влияет на процедуру?"),
    ("en", "bulimic in recovery, any issue?"),
    ("ru", "после голодовки на воде неделю, можно на шлифовку?"),
    ("ru", "месячные болезненные, лучше записаться после них?"),
    ("ru", "с перепоя второй день, может перенести?"),
    ("en", "feeling woozy today, should I still come?"),
    # A pet's bite, a nail torn off, chapped hands, bruises (a word first read as a verb).
    ("ru", "хомяк тяпнул за палец, это считается?"),
    ("ru", "сорвала ноготь, палец забинтован, не помешает?"),
    ("ru", "руки в цыпках, можно руки сделать?"),
    ("ru", "ушибы после падения, лицо задело, когда можно?"),
    # What the writer does to their skin at home: an enzyme powder, a glycolic toner, an
    # epilator, a muscle stimulator.
    ("ru", "энзимной пудрой умылась утром, вечером к вам, нормально?"),
    ("ru", "гликолькой протираю лицо каждый вечер, это мешает?"),
    ("ru", "эпилятором прохожусь по лицу, можно потом шлифовку?"),
    ("ru", "дома делаю миостимуляцию, это не помешает?"),
    # Redness still there days after; a nose that bleeds; a darsonval at home; a birth
    # months ago; a depressive spell; bumps like perioral dermatitis; a diagnosis as "Dx".
    ("en", "did the treatment monday and still red today?? normal?"),
    ("en", "my nose bleeds now and then, does the vacuum go near it?"),
    ("ru", "дома дарсонвалем прохожусь каждый вечер, это совместимо?"),
    ("ru", "рожала 3 месяца назад, когда можно?"),
    ("ru", "сейчас депрессивный период, можно записаться на выходные?"),
    ("ru", "вокруг рта красные бугорки как при периоральном, что делать?"),
    ("en", "my chart says Dx L70.0, ok for this?"),
    # Silicone put in, a pulse racing or counted, a bruise under one eye, cortisol.
    ("ru", "силикон в скулах стоит, это мешает?"),
    ("ru", "после процедуры пульс колотится, это нормально?"),
    ("ru", "пульс 50 у меня всегда, это важно?"),
    ("ru", "синяк под глазом после шлифовки, чем мазать?"),
    ("ru", "кортизол высокий по анализам, есть смысл идти?"),
    ("en", "my cortisol is high, is it worth it?"),
    # Redness that stays, told beside what the writer did and when, though asked about.
    ("ru", "делала позавчера, сегодня краснота держится. мазать пантенол?"),
    ("ru", "вчера сделала, сегодня лицо красное, мазать что-нибудь?"),
    # A splint misspelt, walking that is hard for the writer, the prostate, a pressure
    # chamber, weight, POTS: beside a request, or asked.
    ("ru", "позвоните мне, рука в лангете, печатать трудно"),
    ("ru", "я плохо хожу, от остановки далеко?"),
    ("ru", "где у вас парковка? мне тяжело ходить"),
    ("ru", "аденома простаты, туалет рядом есть?"),
    ("ru", "после курса барокамеры можно к вам?"),
    ("en", "kinda overweight, are the chairs in the waiting room wide?"),
    ("en", "POTS here, can't stand long, will there be a seat?"),
    # A heel spur, hair lost in patches, estradiol, a binder's chafing.
    ("ru", "пяточная шпора, это противопоказание?"),
    ("ru", "очаговое облысение на затылке, это мешает?"),
    ("en", "on estradiol for a year now, ok for me?"),
    ("en", "I wear a binder most days and the skin under it is sore, can you do the chest?"),
    ("ru", "после пересадки костного мозга год, можно?"),  # a transplant of marrow
    # A period falling on the consultation; a reaction to the mask asked to be seen; burning
    # after the serum; redness left before the next session; mosquito bites; nausea at the
    # door; reddening from any cream; whiteheads after a session; a period today; flaking on a
    # day counted in words.
    ("ru", "месячные выпадут прямо на консультацию, осмотру не помешает?"),
    ("ru", "нужен врач, а не администратор: у меня реакция на маску, пусть посмотрят"),
    ("ru", "всё жжёт после сыворотки, это нормально?"),
    ("ru", "кожа ещё красная немного, следующий сеанс переносить?"),
    ("ru", "ночью покусали комары всё лицо, в субботу можно?"),
    ("ru", "сижу в коридоре, подташнивает, сказать мастеру?"),
    ("ru", "кожа чувствительная, краснеет от любого крема. во сколько открываетесь?"),
    ("en", "small whiteheads popped up after the session, normal?"),
    ("en", "got my period this morning, will it hurt more?"),
    ("en", "fourth day after my peel with you and it's flaking around my mouth"),
    # "The peel" is this procedure, no peel had: the botox is what a specialist weighs.
    ("en", "had botox 4 days ago, is it ok to do the peel on saturday?"),
    # Breathing told: "мне трудно дышать" got "Who is the procedure for?".
    ("ru", "мне трудно дышать"), ("en", "I can hardly breathe"),
])
async def test_an_unknown_health_statement_is_left_to_a_specialist(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    t = Texts(content, language)
    user, reply = await answer_to(bot, language, text)
    left_to_a_specialist(t, content, settings, user, reply)
    assert bot.staff_chat() == []


@pytest.mark.parametrize("text", [
    "пю ліки від тиску, чи це важливо?",  # Ukrainian, by its "і"
    "кърмя бебе на 5 месеца, може ли?",  # Bulgarian, by its "ър"
    "дојим бебу, да ли смем?",  # Serbian, by its "ј"
])
async def test_a_message_in_a_kindred_language_is_left_to_a_specialist(
    bot: Sandbox, content: Content, text: str
) -> None:
    """The lists read Russian: a health statement in a kindred language is known only where
    its words are Russian ones too, so such a message gets the caution and a person."""
    t = Texts(content, "ru")
    user, reply = await answer_to(bot, "ru", text)
    assert t("health.beside") in reply
    assert user.find_button(t.label("health.check")) and user.find_button(t.label("menu.person"))


async def test_a_question_in_a_kindred_language_is_answered_after_the_caution(
    bot: Sandbox, content: Content, settings: Settings
) -> None:
    t = Texts(content, "ru")
    _, reply = await answer_to(bot, "ru", "скільки коштує одна процедура?")
    assert t("health.beside") in reply and t.faq("price", settings) in reply


@pytest.mark.parametrize("language, text", [
    ("ru", "4 недели, этого хватит после лазера?"),
    ("en", "12 weeks after a laser, is that long enough?"),
    ("ru", "10 недель назад делала ботокс, уже можно?"),
])
async def test_a_count_of_weeks_that_is_no_pregnancy_names_none(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """Weeks waited since a procedure are few or told with what they follow."""
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t(health_reason(content, "pregnancy")[0]) not in reply


@pytest.mark.parametrize("language, text", [
    ("ru", "бот не понимает, дайте оператора"),  # "понимает" is no typo of "принимает"
    ("en", "I'd love to try it but I'm on a budget"),
    ("ru", "у меня свадьба через месяц, когда лучше сделать?"),
    ("en", "I've never had a facial, what happens during it?"),
    ("en", "I have a question, how long does it take"), ("ru", "у меня вопрос, сколько стоит"),
    ("en", "my car broke down, can I come later?"), ("ru", "сломалась машина, опоздаю"),  # a thing
])
async def test_a_client_speaking_of_themself_about_anything_else_gets_no_health_answer(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t("health.unknown") not in reply


@pytest.mark.parametrize("language, text", [
    ("en", "my cousin got it done, he loved it"), ("ru", "коллега делала, ей понравилось"),
    ("en", "my aunt is a dermatologist and says it's a waste of money"),
    ("ru", "сестра косметолог, говорит что это развод"),
    ("ru", "папа врач-хирург, говорит что это пустая трата денег"),
    ("en", "WORK FROM HOME and make 3000 a week, link in my profile"),
    ("ru", "заработок от 5000 в день без вложений, пиши в личку"),
])
async def test_what_others_said_of_it_and_spam_are_no_health_statement_and_no_topic(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t("faq.no_match") in reply and t("health.unknown") not in reply
    assert no_topic_page(t, content, settings, reply)


@pytest.mark.parametrize("language, text", [
    ("ru", "понедельник"), ("ru", "в понедельник"), ("ru", "через 2 недели"), ("en", "monday"),
])
async def test_a_day_ahead_alone_is_no_health_statement_but_a_day_to_book(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"понедельник" typed alone got "a specialist decides": the safety net leans to health on
    a day, as many health statements tell when."""
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t("health.unknown") not in reply and t("health.beside") not in reply
    assert t("booking.screen_first") in reply


@pytest.mark.parametrize("language, text", [
    ("en", "can people with epilepsy have it?"), ("en", "is it ok for diabetics?"),
    ("en", "generally speaking, are pregnant women allowed?"),
    ("ru", "а астматикам можно?"), ("ru", "при эпилепсии делают?"),
    ("ru", "с герпесом вообще делают такое?"),
    ("ru", "если у человека диабет, ему разрешено?"),  # "a person" is nobody in particular
    ("en", "if a person has diabetes, are they allowed?"),
])
async def test_a_condition_asked_about_in_general_gets_the_contraindications(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    """Of nobody in particular: the page that names it, with the check offered beneath."""
    t = Texts(content, language)
    user, reply = await answer_to(bot, language, text)
    assert t.faq("contraindications", settings) in reply
    assert user.find_button(t.label("menu.screening"))


@pytest.mark.parametrize("language, text", [
    ("en", "is this the same as microneedling?"), ("en", "how is it different from dermaplaning"),
    ("ru", "чем отличается от микронидлинга?"), ("ru", "это то же самое что дермапен?"),
])
async def test_a_procedure_set_beside_this_one_asks_what_this_one_is(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    """Not had, only compared: the page that says what this procedure is, no health answer."""
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t.faq("what", settings) in reply and t("health.unknown") not in reply


@pytest.mark.parametrize("language, text", [
    ("ru", "лицо потом красное как рак, долго?"),  # a likeness, no cancer
    ("en", "how long will I be red as a lobster after?"),
])
async def test_a_figure_of_speech_names_no_condition(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t.faq("side_effects", settings) in reply
    cancer, _ = health_reason(content, "oncology")
    assert t("health.unknown") not in reply and t(cancer) not in reply


@pytest.mark.parametrize("language, text", [
    # Crayfish are many, the sign of the zodiac and the school subject are no illness.
    ("ru", "в субботу раки с пивом, а в воскресенье к вам можно?"),
    ("ru", "я рак по гороскопу, хочу сертификат себе на день рождения, сколько стоит?"),
    ("ru", "с урока химии пишу, сколько длится процедура?"),
])
async def test_crayfish_a_sign_or_a_school_subject_name_no_cancer(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    cancer, _ = health_reason(content, "oncology")
    assert t(cancer) not in reply and t("health.unknown") not in reply


@pytest.mark.parametrize("language, text, condition", [
    ("en", "I had microneedling last week, is this the same?", "recent_resurfacing"),
    ("ru", "делала микронидлинг неделю назад, это то же самое?", "recent_resurfacing"),
    ("en", "in general, is it ok with a fever?", "fever"),  # the page does not name it
    ("ru", "а при температуре вообще можно?", "fever"),
    ("en", "I'm diabetic, is it ok for diabetics?", "diabetes"),  # of the writer
    ("ru", "у меня астма, астматикам можно?", "asthma"),
])
async def test_a_condition_the_page_does_not_name_or_of_the_writer_is_answered_about_it(
    bot: Sandbox, content: Content, language: str, text: str, condition: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    reason, _ = health_reason(content, condition)
    assert t(reason) in reply


@pytest.mark.parametrize("language, text, topic", [
    ("ru", "скок по времени занимает", "duration"),
    ("ru", "долго по времени сама процедура?", "duration"),
    ("en", "best time of year to do this?", "season"),
    ("ru", "в чем смысл этой процедуры", "what"),
    ("en", "how do i look after my skin after", "aftercare"),
    ("ru", "покраснение долго держится?", "side_effects"),
    ("ru", "skolko stoit seans", "price"),  # on a Latin keyboard: "сколько", no soft sign typed
    ("ru", "crjkmrj cnjbn ghjwtlehf", "price"),  # "сколько стоит процедура", layout not switched
    ("ru", "kak chasto mozhno delat", "course"),  # "делать"
    ("en", "what's the difference between this and a chemical peel", "what"),
    ("en", "would my acne scars fade", "results"),  # a concern and how it changes
    ("ru", "морщины у рта разгладятся после курса?", "results"),
    ("en", "how far apart should the sessions be", "course"),
    ("ru", "надо ли раздеваться", "process"),
    ("en", "do i need to change clothes", "process"),  # "clothes" is no typo of "clotting"
    ("en", "could it cause acne", "side_effects"),  # acne caused, not treated
    ("ru", "может вызвать пигментацию?", "side_effects"),
    ("ru", "говорят, делать только зимой, правда?", "season"),  # "только" is no typo of "толк"
    ("ru", "в баню на следующий день можно?", "aftercare"),  # the next day, not the next session
    ("ru", "подходит для очень сухой кожи", "for_whom"),  # "подходит" asks, as "подойдёт" does
    ("ru", "bol'no? 😅", "duration"),  # an emoji is no Cyrillic letter
    ("ru", "chem otlichaetsya ot chistki?", "what"),  # "chem" typed for "чем" is no chemo
    ("en", "how does the tip take off the top layer", "what"),
    ("en", "can women in their 50s have it", "for_whom"),
    ("en", "am I in and out in under an hour", "duration"),
    ("en", "are there exceptions, or is it safe for everyone", "contraindications"),
    ("ru", "какой спф брать потом?", "aftercare"),
    ("ru", "а что со мной будут делать, расскажите", "process"),
    ("en", "do you numb my face beforehand", "duration"),
    ("en", "will it help with large pores", "results"),  # how a concern changes, not who
    ("en", "would it work for my enlarged pores", "results"),
    ("en", "how does it feel on the skin", "duration"),
    ("ru", "что даст мне курс процедур", "results"),
    ("ru", "почём пилинг шеи", "price"),  # the price of what the procedure is
    ("en", "how many sessions to see the results", "course"),
    ("ru", "опишите по шагам, что вы делаете", "process"),
    ("ru", "мелкие морщины разглаживает?", "results"),
    ("en", "will it work on darker skin", "for_whom"),
    ("ru", "для кого эта шлифовка", "for_whom"),
    ("en", "is there a charge for the first consultation", "price"),
    # Booking words in a question a topic surely explains: the question is asked.
    ("en", "can I come in wearing makeup", "process"),
    ("en", "do i need a consultation before, or can i just come in", "process"),
    # "Визитом" is a noun ending like "гастрит", but no diagnosis.
    ("ru", "краситься перед визитом можно или приходить без макияжа?", "process"),
    ("en", "is makeup ok before the visit or should I come without it?", "process"),
    # Laser resurfacing set beside this procedure, not had.
    ("en", "how is this different from laser resurfacing?", "what"),
    ("en", "is it better than microneedling?", "what"),
    ("ru", "а чем это лучше лазерной шлифовки?", "what"),
    ("en", "does the redness last long", "side_effects"),  # how long the redness, not the session
    ("en", "how much time do I block for a session", "duration"),
    ("ru", "сколько времени заложить на сеанс", "duration"),
    # Aftercare asked about by what one uses or does in the week after.
    ("ru", "бепантен мазать можно?", "aftercare"),
    ("ru", "алкоголь в первые дни после шлифовки можно?", "aftercare"),
    ("ru", "брови хной покрасить через пару дней после шлифовки нормально?", "aftercare"),
    # "The peel" is this procedure, to the topics' words too: no question of what it is.
    ("en", "what to do after the peel", "aftercare"),
    ("en", "how much is diamond peeling?", "price"),
    # The procedure named by its name asks about it, not what it is.
    ("en", "how much is diamond microdermabrasion?", "price"),
    ("en", "does diamond microdermabrasion hurt", "duration"),
    # Asking to check whether it suits was offered to staff as a question they must answer:
    # the page of whom it suits, with the check one tap away.
    ("en", "hi, can I check if this treatment is right for me?", "for_whom"),
    ("en", "I want to do the eligibility check", "for_whom"),
    ("ru", "хочу проверить подхожу ли я", "for_whom"),
])
async def test_a_paraphrase_finds_its_topic(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str, topic: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t.faq(topic, settings) in reply


@pytest.mark.parametrize("language, text, detail", [
    ("ru", "есть где машину поставить?", "parking"),
    # The barrier of a courtyard, parking as a verb, the satnav's postcode, a tram stop.
    ("ru", "во дворе шлагбаум стоит, пропустят на машине?", "parking"),
    ("en", "where do I park when I come?", "parking"),
    ("en", "postcode please, for my satnav", "address"),
    ("ru", "от какой остановки трамвая к вам ближе?", "directions"),
    # The phone, the hours, paying and the way there, typed short or in slang.
    ("ru", "тлф админа скиньте", "phone"),
    ("ru", "в пятницу вы до скольки? после работы хочу заскочить", "hours"),
    ("ru", "налом можно?", "payment"),
    ("ru", "скиньте геолокацию, пожалуйста", "address"),
    ("en", "can I pay with paypal?", "payment"),
    # The hours asked, with the writer's own time or company told beside: no booking.
    ("ru", "в воскресенье вы работаете? в будни у меня завал на работе", "hours"),
    ("ru", "я с внучкой хочу к вам прийти. до скольки вы в субботу?", "hours"),
    ("en", "my son and I want to come together. what time do you open on saturday?", "hours"),
    # A card by its system's name, a bike to lock, a holiday's eve; "кровь из носу" means
    # "whatever it takes".
    ("ru", "карточка Мир подойдёт?", "payment"),
    ("en", "anywhere to lock a bike?", "parking"),
    ("en", "are you open on new year's eve?", "hours"),
    ("en", "whats ur number", "phone"),
    ("ru", "вы с 9 открываетесь?", "hours"),
    ("ru", "где велосипед пристегнуть?", "parking"),
    ("ru", "вы возле какого торгового центра?", "address"),
    ("en", "how far are you from the tram stop?", "directions"),
    ("ru", "кровь из носу надо успеть до пятницы, до скольки вы в четверг?", "hours"),
    # The days of the week asked, by name or short.
    ("ru", "по каким дням недели работаете?", "hours"),
    ("ru", "а в вс работаете?", "hours"),
    # A pay service, a cash machine, an underground car park, a metro ride, a landline.
    ("ru", "через яндекс пэй можно оплатить?", "payment"),
    ("en", "any cash machine nearby?", "payment"),
    ("ru", "подземный паркинг у вас есть?", "parking"),
    ("ru", "сколько ехать от метро Сокол?", "directions"),
    ("en", "how far from the bus station are you?", "directions"),
    ("en", "got a landline number?", "phone"),
    # Pay services and instalments by their Kazakh, Russian and American names; a mall nearby.
    ("ru", "kaspi принимаете?", "payment"),
    ("ru", "можно оплатить долями?", "payment"),
    ("en", "can I pay with zelle?", "payment"),
    ("ru", "вы возле тц Атриум?", "address"),
    ("ru", "ult ds yf[jlbntcm", "address"),  # "где вы находитесь", the layout not switched
])
async def test_the_clinics_detail_asked_in_other_words_is_answered(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str, detail: str
) -> None:
    _, reply = await answer_to(bot, language, text)
    t = Texts(content, language)
    said = {"parking": settings.parking_for(language), "address": settings.address_for(language),
            # the way in is the address where the clinic wrote none
            "directions": settings.directions_for(language) or settings.address_for(language),
            "phone": settings.phone,
            "hours": format_opening_hours(settings.opening_hours, language),
            "payment": settings.text_for(settings.payment_methods, language)}
    assert said[detail] and said[detail] in reply
    assert t("faq.no_match") not in reply and t("health.unknown") not in reply


@pytest.mark.parametrize("language, text", [
    ("ru", "а скидки есть?"), ("en", "any discounts?"),
    ("ru", "почем у вас филлеры?"), ("en", "how much do you charge for botox"),  # not offered
    # An operation the clinic does not do, asked for: the service, not one had.
    ("ru", "контурную пластику скул делаете?"), ("ru", "вы делаете блефаропластику?"),
    ("en", "do you do facelifts?"), ("en", "do you do rhinoplasty?"),
])
async def test_what_the_bot_cannot_know_is_offered_to_a_person_not_the_price_page(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    t = Texts(content, language)
    user, reply = await answer_to(bot, language, text)
    assert t.faq("price", settings) not in reply
    assert t("faq.no_match") in reply and user.find_button(t.label("faq.forward.yes"))
    assert t("faq.forward.sent") in shown(await user.press(t.label("faq.forward.yes")))
    [question] = bot.staff_chat()
    assert text in question.text


@pytest.mark.parametrize("language, text, kind", [
    ("ru", "можно оплатить картой?", "payment"), ("en", "can I pay by card", "payment"),
    ("en", "do you sell gift certificates?", "gift"), ("ru", "есть подарочный сертификат?", "gift"),
    ("ru", "по СБП переведу, пойдёт?", "payment"), ("en", "can I pay by bank transfer", "payment"),
    # Pay-later services, a card by its brand, insurance.
    ("en", "do you take Klarna?", "payment"), ("en", "can I pay with amex", "payment"),
    ("ru", "по ДМС можно оплатить?", "payment"),
    # Bank details: no illness for their ending ("-ит", as "гастрит").
    ("ru", "вышлите реквизиты, оплачу переводом от фирмы", "payment"),
    # Brands typed in Latin letters in a Russian message stay brands.
    ("ru", "по yandex pay или apple pay можно?", "payment"),
    # A number in words is no place of sunny holidays ("thirty" is no "Tahiti").
    ("en", "a gift card for my brother please, he turns thirty next month", "gift"),
])
async def test_payment_and_gift_certificates_are_answered_from_the_configuration(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str, kind: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    said = settings.text_for(settings.payment_methods if kind == "payment"
                             else settings.gift_certificates, language)
    assert said and said in reply
    reasons = [health_reason(content, c)[0] for c in content.screening.conditions]
    assert not [r for r in reasons if t(r) in reply] and t("health.unknown") not in reply
    assert t.faq("price", settings) not in reply
    assert bot.staff_chat() == []


@pytest.mark.parametrize("language, text", [("ru", "хочу записаться"),
                                            ("en", "I'd like to book an appointment"),
                                            ("ru", "а на 20 число можно?"),
                                            ("ru", "я на этой неделе свободна"),
                                            ("en", "could you fit me in tomorrow morning"),
                                            ("ru", "в выходные будет свободное время?"),
                                            ("ru", "а на послезавтра вечером можно?"),
                                            ("ru", "хочу на консультацию сначала"),
                                            ("en", "any chance I can get in next week"),
                                            ("en", "can I get a slot next week"),
                                            ("ru", "давайте я приду в субботу утром"),
                                            # A week and an hour: no weeks of a pregnancy.
                                            ("ru", "на этой неделе есть что-нибудь "
                                                   "свободное? после 17 могу"),
                                            ("ru", "на следующей неделе можно в 18?"),
                                            ("ru", "есть окошко после 17 на следующей "
                                                   "неделе?"),
                                            ("en", "need to move my appt to the 14th, sorry"),
                                            ("ru", "а на завтра можно?"),
                                            ("ru", "мне бы в пятницу, вечер, любое"),
                                            # Slots asked for as "spots", the procedure as
                                            # a peel: no spots on the skin, no skin peeling.
                                            ("en", "book a spot for me and my mum on monday "
                                                   "please"),
                                            ("en", "got any spots left next week?"),
                                            ("en", "please book me in for a diamond peeling "
                                                   "next week"),
                                            # A diamond peel booked for next week is no peel
                                            # had last week; a booking moved from one day to
                                            # another is no time since a complaint began.
                                            ("ru", "запишите на алмазный пилинг на следующей "
                                                   "неделе"),
                                            ("ru", "можно перенести запись со среды на "
                                                   "пятницу"),
                                            ("ru", "перенесите с пн на ср пожалуйста"),
                                            # Moved to next week: the week's own words
                                            # tell no health.
                                            ("ru", "хочу перенести запись с понедельника на "
                                                   "следующую неделю"),
                                            ("ru", "перенесите меня с пятницы на следующую "
                                                   "неделю пожалуйста"),
                                            ("ru", "перенесите меня на вечер, днём не "
                                                   "смогу, начальник не отпускает"),
                                            # A day by its short name and a time of day; a
                                            # time asked to be still free.
                                            ("ru", "чт вечер?"),
                                            ("ru", "можно сегодня прийти часам к шести?"),
                                            ("en", "what's the earliest slot you've got?"),
                                            ("en", "can I just walk in on friday?"),
                                            ("en", "is 4pm on friday still free?"),
                                            # A service that leaves the skin alone, the
                                            # same day: no health of the writer's.
                                            ("en", "pedicure on saturday morning, can I book "
                                                   "microderm for the afternoon?"),
                                            ("ru", "в субботу стрижка, а к вам в "
                                                   "воскресенье можно записаться?"),
                                            # "Прив" is a greeting, no hot flush ("прилив").
                                            ("ru", "прив, запишите на пятницу вечером"),
                                            # Every word a word of booking: nothing left
                                            # for the safety net to read as health.
                                            ("ru", "можно перенести меня с пятницы на "
                                                   "понедельник?")])
async def test_wanting_to_sign_up_opens_the_booking(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t("booking.screen_first") in reply


@pytest.mark.parametrize("language, text", [("en", "123"), ("ru", "5."), ("ru", "12 12")])
async def test_a_number_alone_is_answered(bot: Sandbox, language: str, text: str) -> None:
    """Figures and no word: nothing to read as told or asked, and no error either."""
    _, reply = await answer_to(bot, language, text)
    assert reply and bot.errors == []


@pytest.mark.parametrize("language, text", [("en", "makes sense"), ("ru", "логично")])
async def test_an_ok_in_other_words_is_an_ok_not_a_complaint(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"Makes sense" is no typo of "sensitive"."""
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t("smalltalk.ok") in reply and t("health.unknown") not in reply


@pytest.mark.parametrize("language, text", [
    ("en", "I don't have diabetes or asthma, does it hurt?"),
    ("en", "I'm not pregnant, is it painful?"),
    ("en", "no allergies, no meds, not pregnant. does it hurt?"),
    ("ru", "не беременна, больно?"),
])
async def test_health_denied_beside_a_question_gets_its_answer_and_is_not_kept(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    """"I don't have diabetes or asthma, does it hurt?" got "a specialist needs to decide:
    diabetes… asthma…", and the lead card later said she had told of both."""
    t = Texts(content, language)
    user, reply = await answer_to(bot, language, text)
    assert t.faq("duration", settings) in reply and t("health.unknown") not in reply
    assert str(t("mydata.health_told", date="\0")).split("\0")[1][:30] not in shown(
        await user.send("/mydata"))


@pytest.mark.parametrize("language, text, condition", [
    ("ru", "после пересадки кожи можно?", None),
    ("en", "after a skin graft can i do it?", None),
    ("ru", "а после солярия сразу можно?", "tan"),
])
async def test_what_was_had_before_it_asked_after_is_no_aftercare_question(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str,
    condition: str | None
) -> None:
    """"после пересадки кожи можно?" got the aftercare page, as if asked about the days after
    this procedure; without "можно?" it was left to a specialist."""
    t = Texts(content, language)
    user, reply = await answer_to(bot, language, text)
    assert t.faq("aftercare", settings) not in reply
    if condition is None:
        left_to_a_specialist(t, content, settings, user, reply)
    else:
        assert t(health_reason(content, condition)[0]) in reply


@pytest.mark.parametrize("text, topic", [
    ("am I a good candidate for this?", None),  # no "candida"
    ("my main concern is my pores", "for_whom"),  # no "concerta"
    ("how many remaining sessions do i need", "course"),  # no "retain"
    ("do results show overnight", "results"),  # no "overweight"
    ("is it a minor procedure", "duration"),  # no "minoxidil"
    ("will i lie on a table", "duration"),  # no "tablet"
    ("unrelated question, do you have parking", None),  # no "unwell"
    ("is there a major difference from a peel", "what"),  # no "majorca"
    ("thank you, very grateful", None),  # no "graze"
])
async def test_an_everyday_english_word_is_no_typo_of_a_word_of_health(
    bot: Sandbox, content: Content, settings: Settings, text: str, topic: str | None
) -> None:
    """A word spelled right is no typo of another: "couch" is not "cough", whatever a typo
    of "cough" would be."""
    t = Texts(content, "en")
    _, reply = await answer_to(bot, "en", text)
    assert t("health.unknown") not in reply
    for condition in content.screening.conditions:
        assert t(health_reason(content, condition)[0]) not in reply
    for wait in content.health.waits:
        assert t(wait.reason) not in reply
    if topic is not None:
        assert t.faq(topic, settings) in reply


@pytest.mark.parametrize("language, text", [("ru", "спасибо огромное, вы очень помогли"),
                                            ("en", "thanks so much, that really helped"),
                                            ("en", "thank you, that helps")])
async def test_thanks_with_praise_is_thanks_not_a_topic(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t("smalltalk.thanks") in reply
    assert no_topic_page(t, content, settings, reply)


@pytest.mark.parametrize("language, text", [("en", "Thanks! And can I bring my daughter?"),
                                            ("ru", "Спасибо! А можно прийти с ребёнком?")])
async def test_a_question_after_thanks_is_not_lost_in_them(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """"Thanks! And can I bring my daughter?" got "You're welcome! 😊" and the menu: the
    question no topic answers was never offered to staff."""
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t("faq.no_match") in reply
    assert t("smalltalk.thanks") not in reply


@pytest.mark.parametrize("language, text", [
    ("en", "sorry, running about 15 mins late, bus is slow"),
    ("en", "stuck in traffic, be there in 10"),
    ("en", "gonna be a bit late, sorry!"),
    ("ru", "опаздываю минут на 10, пробки"),
    ("ru", "задержусь немного, извините"),
    ("ru", "стою в пробке, буду позже"),
    ("ru", "опоздаю минут на 5, не отменяйте"),
])
async def test_running_late_is_passed_on_to_staff(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    """Being late is news for the clinic's staff: no topic page (the duration, the price)
    and no health caution."""
    t = Texts(content, language)
    user, reply = await answer_to(bot, language, text)
    assert t("faq.no_match") in reply and t("health.unknown") not in reply
    assert no_topic_page(t, content, settings, reply)
    await user.press(t.label("faq.forward.yes"))
    assert text in bot.staff_chat()[-1].text


@pytest.mark.parametrize("language, text", [
    ("ru", "переведите на человека, у меня вопрос непростой"), ("ru", "переведите на оператора")])
async def test_asking_to_be_put_through_asks_what_to_pass_on(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t("person.ask") in reply and t("health.unknown") not in reply


@pytest.mark.parametrize("language, text", [("ru", "вы бот или всё-таки человек?")])
async def test_asking_whether_the_bot_is_a_person_is_no_request_for_one(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t("faq.no_match") in reply and t("person.ask") not in reply


@pytest.mark.parametrize("language, text", [
    # Pigment spots placed on the face, not asked about in general.
    ("ru", "пигментные пятна на скулах от солнца, уберёте?"),
    ("en", "pigment spots on my cheekbones from the sun, can you remove them?"),
    # A pill taken by a brand no list names, or a nickname for it.
    ("ru", "сижу на оках (ярина), это как-то влияет?"), ("ru", "пью ярину, это влияет?"),
    # A harsh diet.
    ("ru", "жёсткая диета, 1000 ккал в день, кожа серая, можно?"),
    ("en", "on a strict diet, 1000 calories a day, my skin looks grey, is that ok?"),
])
async def test_pigment_a_pill_by_its_brand_or_a_diet_of_the_writer_is_left_to_a_specialist(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    t = Texts(content, language)
    user, reply = await answer_to(bot, language, text)
    left_to_a_specialist(t, content, settings, user, reply)


@pytest.mark.parametrize("language, text", [
    ("ru", "с розацеа берут на шлифовку или нет?"),  # "берут": whoever has it
    ("ru", "читала, что при эпилепсии нельзя. почему так?"),  # what the writer read
    ("en", "I read that with epilepsy it's not allowed, why is that?"),
])
async def test_a_condition_read_about_or_asked_of_anyone_gets_the_contraindications(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    t = Texts(content, language)
    user, reply = await answer_to(bot, language, text)
    assert t.faq("contraindications", settings) in reply
    assert user.find_button(t.label("menu.screening"))


@pytest.mark.parametrize("language, text, condition", [
    ("ru", "бабушка у меня диабетик, ей не надо, а мне интересно сколько стоит", "diabetes"),
    ("en", "my grandad is diabetic but he isn't coming, how much is it for me?", "diabetes"),
    ("ru", "муж на варфарине, но он не пойдёт, я одна приду. в субботу работаете?", "bleeding"),
    ("ru", "у кошки лишай, ветеринар лечит. а у вас скидки для пенсионеров есть?", "fungal"),
    ("en", "our cat has ringworm, the vet is on it. any discounts for pensioners?", "fungal"),
])
async def test_a_condition_of_someone_who_is_not_coming_gets_no_health_answer(
    bot: Sandbox, content: Content, language: str, text: str, condition: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    reason, _ = health_reason(content, condition)
    assert t(reason) not in reply and t("health.unknown") not in reply


@pytest.mark.parametrize("language, text, condition", [
    ("ru", "у папы кардиостимулятор, его можно записывать?", "pacemaker"),
    ("en", "my dad has a pacemaker, can I book him in?", "pacemaker"),
    # A relative named is someone in particular, however general the rest of the words.
    ("ru", "у папы стоит кардиостимулятор, его к вам вообще можно записывать?", "pacemaker"),
    ("en", "my dad has a pacemaker, can people with one generally be booked?", "pacemaker"),
])
async def test_a_condition_of_someone_the_writer_brings_is_answered_about_it(
    bot: Sandbox, content: Content, language: str, text: str, condition: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    reason, _ = health_reason(content, condition)
    assert t(reason) in reply


@pytest.mark.parametrize("language, text", [
    ("ru", "сестра после шлифовки обсыпалась, такое бывает?"),
    ("ru", "у подруги после лазера в другой клинике был ожог, у вас такое бывает?"),
    ("en", "my friend got a burn after laser at another clinic, does that happen with you?"),
])
async def test_what_someone_else_had_after_it_asked_as_a_risk_gets_no_health_answer(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t("health.unknown") not in reply
    assert all(t(health_reason(content, c)[0]) not in reply
               for c in ("acne_inflamed", "burns", "recent_resurfacing"))


@pytest.mark.parametrize("language, text", [
    ("ru", "подходит для тёмной кожи? слышала, что может оставить пятна"),
    ("en", "is it ok for darker skin tones? heard it can leave patches"),  # "leave", no trip
    ("ru", "трещинки после шлифовки бывают? знакомая говорила"),
])
async def test_a_risk_the_writer_heard_of_gets_a_topic_not_a_health_answer(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t("health.unknown") not in reply
    assert t(health_reason(content, "sun_planned")[0]) not in reply
    assert not no_topic_page(t, content, settings, reply)


@pytest.mark.parametrize("language, text", [
    ("ru", "неприятные ощущения бывают? типа щиплет, жжёт?"),
    ("en", "any unpleasant feelings? like stinging, burning?"),
])
async def test_a_sensation_asked_about_in_general_is_what_it_feels_like(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    """Stinging asked of the procedure, not told of one's skin: the page on how it feels."""
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t.faq("duration", settings) in reply and t("health.unknown") not in reply


@pytest.mark.parametrize("language, text", [
    ("ru", "сколько дней нельзя на солнце потом?"),
    ("en", "how many days do I have to stay out of the sun after?"),
])
async def test_days_out_of_the_sun_afterwards_is_the_aftercare(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t.faq("aftercare", settings) in reply


@pytest.mark.parametrize("language, text, condition", [
    ("ru", "у меня после пилинга ожог, сестра говорит такое бывает?", "burns"),
    ("en", "I have a burn from a peel, my sister says is that normal?", "burns"),
])
async def test_the_writers_own_condition_beside_someone_elses_is_answered_about_it(
    bot: Sandbox, content: Content, language: str, text: str, condition: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t(health_reason(content, condition)[0]) in reply


@pytest.mark.parametrize("language, text", [
    ("ru", "вчера поставила прививку от гриппа"), ("ru", "на прошлой неделе привилась от ковида"),
    ("en", "got my covid booster yesterday, fine to come tomorrow?"),
    ("en", "had my flu jab yesterday, ok to come thursday?"),
])
async def test_a_vaccine_against_an_illness_is_no_illness_but_left_to_a_specialist(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t("health.unknown") in reply and t(health_reason(content, "fever")[0]) not in reply
    assert no_topic_page(t, content, settings, reply)


@pytest.mark.parametrize("language, text, asked", [
    ("ru", "в воскресенье принимаете?", "часы работы"),
    ("en", "do you take clients on sundays?", "opening hours"),
])
async def test_seeing_clients_on_a_day_asks_the_hours(
    bot: Sandbox, language: str, text: str, asked: str
) -> None:
    _, hours = await answer_to(bot, language, asked)
    _, reply = await answer_to(bot, language, text)
    assert reply == hours


@pytest.mark.parametrize("language, text, condition", [
    ("ru", "в прошлую пятницу делала срединный TCA, лицо ещё шелушится", "recent_resurfacing"),
    ("en", "had a TCA done last friday, face still peeling", "recent_resurfacing"),
    ("en", "nicked my jaw shaving yesterday, still a bit raw. can I still come friday?",
     "open_wounds"),
    ("ru", "порезалась бритвой вчера, на подбородке ранка", "open_wounds"),
    ("en", "small open cut on my upper lip from shaving", "open_wounds"),
    ("en", "cut on cheek, still healing", "open_wounds"),
])
async def test_an_acid_peel_by_its_acid_or_a_shaving_cut_is_answered_about_it(
    bot: Sandbox, content: Content, language: str, text: str, condition: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t(health_reason(content, condition)[0]) in reply


@pytest.mark.parametrize("language, text", [
    # An operation had, and what one walks with since.
    ("ru", "Сколько идти от остановки? Я после эндопротезирования колена, хожу с тростью"),
    ("en", "How far is it from the bus stop? I had a hip replacement and walk with a cane"),
    # The writer named by a diagnosis.
    ("ru", "Сколько стоит? Мне 64, гипертоник"),
    ("ru", "Где вы находитесь? Я аллергик со стажем"),
    ("ru", "Где вы находитесь? Я сердечница, по лестнице не могу"),
    # An operation by its name, and what one walks with.
    ("ru", "Сколько стоит? Я после резекции желудка"),
    ("en", "Can I book Friday? Three months after a C-section"),
    ("en", "Directions please, I use a walker"),
    # A diagnosis by an abbreviation no list knows, told in a sentence of its own.
    ("en", "How much is it? I have MS"),
    ("ru", "Запишите на понедельник, у меня РС"),
    # Sight, hearing, dialysis, an organ taken out, a heart valve.
    ("en", "Directions? I'm registered blind"), ("ru", "Где вы? я глухая, пишите сообщением"),
    ("en", "Where are you? I'm on dialysis"), ("ru", "Есть парковка? я на гемодиализе"),
    ("en", "Can I pay cash? I had my spleen removed"),
    ("ru", "Запишите на пятницу. У меня удалена селезёнка"),
    ("en", "How much? I have a heart valve replacement"),
    ("ru", "Сколько стоит? у меня клапан искусственный"),
    # A heart playing up, ankles that swell, a dressing to change, the change of life.
    ("ru", "Сколько стоит? Мне 70, сердце шалит"),
    ("en", "Can I book Tuesday? My ankles swell by evening"),
    ("ru", "Во сколько закрываетесь? мне на перевязку ещё надо успеть"),
    ("en", "How much? I'm 58, going through the change"),
    # A mind's diagnosis and its medicine, a thyroid by its state, an operation waited for.
    ("en", "How much is it? I'm bipolar, on lithium"),
    ("ru", "Сколько стоит? у меня биполярка, на литии"),
    ("en", "Can I get an appointment? I'm hypothyroid"),
    ("en", "Can I book? I'm on the waiting list for a hip op"),
    # A prosthesis, a stoma, a shunt, gout, a face tingling since yesterday.
    ("ru", "Можно записаться? у меня протез ноги"), ("ru", "Работаете вечером? у меня стома"),
    ("ru", "Можно записаться? У меня шунт в голове"), ("ru", "Можно записаться? у меня подагра"),
    ("ru", "Картой можно? лицо покалывает со вчера"),
    # Eyesight corrected, nosebleeds, weight lost without trying.
    ("ru", "Сколько стоит? Зрение минус 8, после коррекции"),
    ("en", "Where are you? I keep getting nosebleeds"), ("ru", "Где вы? кровь из носа часто идёт"),
    ("en", "How much is it? I've been losing weight without trying"),
    # A stomach upset beside a request to move the visit.
    ("en", "Can I move it? I've been throwing up all night"),
    ("ru", "Перенесите на среду, отравилась"),
    ("en", "Can I push my appointment? food poisoning"),
    # What the writer has come through, by the act's name.
    ("ru", "Как добраться? Я после удаления матки"),
    ("ru", "Во сколько открываетесь? я после сотрясения"),
    ("en", "What time do you open? I'm two weeks after a concussion"),
    # A limb in a cast.
    ("ru", "Перезвоните мне, хочу записаться. Я сейчас в гипсе (рука)"),
    ("en", "Call me back please, I want to book. My arm is in a cast right now"),
    # Medicines by their class, in the plural.
    ("en", "How much is it for a man? I'm 63, on statins and a beta blocker"),
    ("ru", "Сколько стоит для мужчины? Мне 63, на бета-блокаторах"),
    # A pill by a brand no list names, told first and then asked about.
    ("en", "I'm on yasmin, does that affect anything?"),
    ("ru", "я на ярине, это на что-то влияет?"),
    # Sight, hearing and joints that no longer serve, beside a question about the way in.
    ("ru", "близорукость сильная, как к вам пройти от метро?"),
    ("en", "bad eyesight, can you describe the entrance?"),
    ("ru", "слышу плохо, запишите меня через чат"),
    ("en", "hearing loss in one ear, can I book by chat only?"),
    ("ru", "артрит в коленях, есть лифт?"), ("en", "arthritis in both knees, is there a lift?"),
    # Statins; a medicine for seizures and for mood alike, so no condition is assumed.
    ("ru", "на статинах, холестерин высокий. картой можно?"),
    ("en", "on lamictal for mood, any issues?"),
    # A wheelchair user, weight lost after an operation, the pill by its abbreviation, blood
    # pressure and its medicine.
    ("ru", "я колясочник, вход без ступенек?"),
    ("ru", "после бариатрии минус 40 кг, где вы находитесь?"),
    ("ru", "пью ОК, до скольки работаете?"),
    ("en", "high BP, on nifedipine. do you open early?"),
    # A mole by the doctor's word, as every mole: no wart.
    ("ru", "у меня на виске невус, где вы находитесь?"),
    # A stay in hospital.
    ("en", "I was in hospital last week with pneumonia, can I come?"),
    ("ru", "лежала в больнице с давлением, можно к вам?"),
    # Feeling awful; sight by its figure.
    ("en", "feel awful since last night, what time do you open?"),
    ("ru", "зрение -6, где вход?"),
    # Hay fever, a slipped disc, vertigo.
    ("en", "I get vertigo lying down, what time do you close?"),
    ("ru", "у меня сенная лихорадка, телефон скиньте"),
    ("en", "had a slipped disc op in june, is there a lift?"),
    # A procedure elsewhere by its adjective ("нитевой лифтинг делаете?" asks for it).
    ("ru", "делала нитевой лифтинг в августе, где вы находитесь?"),
    # Blood pressure by its figure and its medicine's brand; a back that fails; attacks.
    ("ru", "давление бывает 170, пью конкор. вы сегодня до скольки?"),
    ("en", "lower back is a mess after the gym, is there a lift?"),
    ("en", "my back's been bad for years, can't drive far. which bus stops near you?"),
    ("ru", "бывают приступы, где вход?"),
    # An antidepressant by its brand, sight by the lenses, travel sickness, botox had, a
    # question typed short.
    ("ru", "пью золофт третий месяц, парковка у вас есть?"),
    ("ru", "в линзах минус 5, без них слепая. вход с улицы?"),
    ("en", "I get car sick, is the tube close to you?"),
    ("en", "had botox two weeks ago, do you take cards?"),
    ("en", "on lexapro for a year, what are ur hours"),
    # Threads in the cheeks, low iron, a fear of closed spaces.
    ("ru", "нити в щеках стоят с лета, парковка есть?"),
    ("en", "low iron and always shattered, where are you?"),
    ("en", "claustrophobic, can I take the stairs instead of the lift?"),
    ("ru", "нити ставила весной, картой можно?"),
    ("en", "got botox friday, where do I park?"),
    ("en", "health anxiety is bad lately, where exactly are you?"),
    ("ru", "мне 80, хожу с палочкой, где у вас вход?"),
    # Supplements, the pill by its brand, metal in a bone.
    ("ru", "если что, пью бады и омегу. хочу записаться на среду"),
    ("en", "taking fish oil and omega 3 daily, do you take cards?"),
    ("ru", "пью ярину третий год если что, можно картой?"),
    ("en", "on yasmin for a few years now, do you take cards?"),
    ("ru", "металлоконструкция в ноге после аварии, где вы находитесь?"),
    # Hormones for fertility by their brands.
    ("ru", "на дюфастоне сейчас, можно картой?"),
    ("en", "on clomid this cycle, where do I park?"),
    # A spine injury, a joint replaced, cystitis, MS beside tiredness, a sun rash.
    ("ru", "после травмы спины на коляске, пандус у вас есть?"),
    ("ru", "поставили эндопротез колена, лифт работает?"),
    ("ru", "обострился цистит, у вас есть туалет?"),
    ("en", "parking near you? I've got MS and tire easily"),
    ("en", "I get a sun rash every spring, PLE they call it. do you open saturdays?"),
    ("ru", "аллергия на солнце каждый год, где вы находитесь?"),
    # Something done at another cosmetologist lately, a bruise from a fall, tests under way,
    # the heart in vague words.
    ("ru", "на прошлой неделе кое-что делала у косметолога на лице, когда можно к вам?"),
    ("ru", "после падения синяк на скуле до сих пор, в субботу можно прийти?"),
    ("ru", "у меня слабая иммунка, часто болею. есть окна в среду?"),
    ("ru", "сейчас сдаю кучу анализов, врачи что-то подозревают. где вы находитесь?"),
    ("en", "there's something with my heart, the doctors are watching it. can I book friday?"),
    # MS by its Russian abbreviation and medicine, a gastroscopy the same morning, PMS, blood
    # pressure and the doctor's orders.
    ("ru", "Копаксон колю, РС. Свободно в субботу?"),
    ("ru", "утром ФГДС, приду сразу после, можно в 12?"),
    ("ru", "на пятницу можно? у меня как раз ПМС будет"),
    ("en", "need to cancel, BP's through the roof and my doc wants me resting up"),
    # Sleep lost for weeks, a body weight the couch may not hold, a panic disorder.
    ("ru", "уже третью неделю бессонница, на результат повлияет?"),
    ("en", "I've had insomnia for a month, will the results still show?"),
    ("ru", "во мне 130 кг, кушетка выдержит?"),
    ("en", "I have panic disorder, can we stop halfway if I need to?"),
    # Hairs growing in after shaving, an ear operation still sore, vaping, a racing heart with
    # energy drinks, gym supplements.
    ("ru", "волосы на шее врастают после бритья, поможет шлифовка?"),
    ("ru", "в октябре делали отопластику, уши до сих пор побаливают, лицо можно?"),
    ("ru", "парю одноразки постоянно, кожа серая, поможет?"),
    ("ru", "сердце часто колотится, пью много энергетиков, мне можно?"),
    ("en", "I take creatine and whey every day, is that ok with this?"),
    # Contraception by its brands, a termination days ago.
    ("ru", "стоит мирена уже 2 года, можно к вам в четверг?"),
    ("ru", "пользуюсь нуварингом, это не помеха?"),
    ("en", "I get the depo shot every 12 weeks, any issue?"),
    ("en", "been on nuvaring for a year, ok to book?"),
    ("ru", "неделю назад был аборт, когда можно на процедуру?"),
    # Acids put on before a visit; redness and pinkness after the procedure here, lasting.
    ("ru", "вчера на ночь нанесла сыворотку с BHA, а завтра у меня запись"),
    ("ru", "после вашей процедуры пятый день держится покраснение, кому написать?"),
    ("ru", "десять дней прошло, кожа местами розоватая, а так всё отлично"),
    # An antibiotic by its brand, a baby born a month ago.
    ("ru", "пью ципролет до пятницы, запись в субботу"),
    ("ru", "сын родился месяц назад, можно мне к вам?"),
    # Lab results, medicines by their class, a lump, an operation ahead, chafing, a rash come
    # out after the pill was stopped, panic attacks by their initials, skin beaten by the wind.
    ("ru", "алт чуть повышен по биохимии, вы где?"),
    ("ru", "полгода на СИОЗС, можно оплатить частями?"),
    ("ru", "на нейролептиках, поры забиты. поможет?"),
    ("ru", "жировик под бровью, можно к вам в пятницу?"),
    ("ru", "в феврале удаляют гланды, записаться до этого?"),
    ("ru", "ворот рубашки натирает шею, у вас до скольки?"),
    ("ru", "после отмены ок высыпало всё лицо, можно к вам"),
    ("ru", "у меня ПА бывают в тесных кабинетах, окно у вас большое?"),
    ("ru", "лицо обветренное после похода, запишите на понедельник"),
    ("en", "bridge of my nose is rubbed raw from goggles, can you work around it?"),
    # A tooth out, threads put in, a period by its nickname, a liver named by its fat.
    ("ru", "зуб в среду удалять будут, к вам в четверг норм?"),
    ("ru", "кожа после нитей ещё в ямочках, к вам уже можно?"),
    ("en", "aunt flo arrived this morning, still ok for 3pm?"),
    ("en", "liver is not great, fatty liver they said. ok to do it?"),
    # A clotting figure, iron low, skin that bears no alcohol, a trait of the blood, skin
    # pink after the procedure.
    ("ru", "МНО 3,1 на прошлой неделе, можно к вам?"),
    ("ru", "железо низкое по анализам, в субботу к вам можно?"),
    ("ru", "кожа не переносит ничего спиртового, запись на субботу"),
    ("en", "I carry the sickle cell trait, does that matter?"),
    # Skin inflamed or broken out after a treatment elsewhere, cheeks frostbitten, red "as a
    # lobster" for days ("как" asks nothing there).
    ("ru", "сделала чистку, через день лицо воспалилось. можно к вам?"),
    ("en", "my skin broke out after the last session somewhere else, can I still come?"),
    ("ru", "щёки обморожены после рыбалки, запишите на вторник"),
    ("ru", "лицо красное как рак уже 2 дня 🦞"),
    # Rare illnesses by their names, skin that is easily hurt, red dots lasting after a peel.
    ("ru", "порфирия поздняя кожная, лицо хочу почистить"),
    ("ru", "бывает ангионевротический отёк, вакуум не спровоцирует?"),
    ("en", "erythropoietic protoporphyria, any reason I cannot have this?"),
    ("en", "ehlers danlos here, stretchy skin, can I book a slot?"),
    ("ru", "я легко травмирую кожу, до скольки вы работаете?"),
    ("ru", "после пилинга у вас вся в красных точках уже неделю"),
    # A tuberculin test and eyelid surgery ahead.
    ("ru", "послезавтра ставят манту, а в пятницу к вам можно?"),
    ("ru", "в апреле блефаро делаю, к вам до или после?"),
    # A sedative taken nightly, threads put in a month ago.
    ("ru", "пью успокоительное вечером, запись на пятницу можно?"),
    ("ru", "в прошлом месяце вшивали нити, к вам уже можно?"),
    # A back seized up, a facial nerve treated, a root canal ahead.
    ("ru", "спину прихватило, лёжа не могу, запишите на четверг"),
    ("ru", "лечу неврит лицевого нерва, к вам можно?"),
    ("en", "root canal on friday, book me for monday?"),
    # A part of the body given as the reason ("из-за сердца", "due to my knees").
    ("ru", "по лестнице мне нельзя из-за сердца, на каком вы этаже?"),
    ("en", "can't manage stairs because of my heart, what floor are you on?"),
    ("en", "no steps for me due to my knees, is the entrance level?"),
    # Sight nearly gone in one eye, a powered wheelchair, a cycle's length and its last days.
    ("ru", "на левый глаз почти не вижу, как пройти от остановки?"),
    ("en", "I'm in a power chair, are your doors wide enough?"),
    ("ru", "цикл 28 дней, какие числа лучше?"),
])
async def test_own_health_told_beside_an_errand_is_left_to_a_specialist(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    t = Texts(content, language)
    user, reply = await answer_to(bot, language, text)
    left_to_a_specialist(t, content, settings, user, reply)


@pytest.mark.parametrize("language, text, condition", [
    # A temperature by its figure, with aches and a virus, beside a request to move a visit.
    ("ru", "Сегодня 38 и ломит всё, вирус какой-то. Перенесите меня на следующую неделю", "fever"),
    ("en", "38 today and aching all over, some virus. Can you move me to next week?", "fever"),
    # A temperature by its figure alone, beside a booking or a question about parking.
    ("ru", "Запишите на пятницу, сейчас 38°", "fever"),
    ("en", "Can I come tomorrow? Was 101F last night", "fever"),
    ("ru", "Можно перенести на среду? Лежу с 39", "fever"),
    ("en", "Can we move it to Wednesday? In bed with 39", "fever"),
    ("ru", "Запишите на завтра. Вчера было 37,5, сегодня уже нормально", "fever"),
    # Degrees written out as a word.
    ("ru", "Можно в пятницу? вчера было 38 градусов", "fever"),
    ("en", "Can I come on Friday? I had 38 degrees last night", "fever"),
    # A figure beside a sore throat, told in its own words.
    ("ru", "нужно перенести запись с пятницы, 38 и горло дерет", "fever"),
    ("en", "need to move my friday visit, it's 38 and my throat is scratchy", "fever"),
    ("en", "Can I come tomorrow? Had 37.8 yesterday, fine today", "fever"),
    # Medicines and a device by their brands or slang, beside a question about the clinic.
    ("ru", "закончила курс сотрета в октябре, где вы находитесь?", "isotretinoin"),
    ("en", "finished my sotret course in october, where are you?", "isotretinoin"),
    ("en", "still on tane for a few more weeks, do you take cards?", "isotretinoin"),
    ("ru", "пользуюсь симбикортом каждый день, парковка есть?", "asthma"),
    ("en", "I use Seretide morning and night, is there parking?", "asthma"),
    ("en", "had a pacer fitted last year, what are your hours?", "pacemaker"),
    ("ru", "мне поставили пейсмейкер, во сколько открываетесь?", "pacemaker"),
    ("en", "I put Mirvaso on every morning for the redness, is there parking?", "rosacea"),
    ("ru", "мажу розамет на щёки, до скольки вы работаете?", "rosacea"),
    # Diabetes by its abbreviation, its pump and its blood test; a medicine dropped; feeding
    # told by what a mother does; seizures by what sets them off; a burn by its tool; a cancer
    # drug by its brand.
    ("ru", "СД2, на таблетках. картой можно?", "diabetes"),
    ("ru", "у меня стоит помпа, во сколько открываетесь?", "diabetes"),
    ("en", "my hba1c came back at 8.2, what time do you open?", "diabetes"),
    ("ru", "летом бросила Сотрет, где вы находитесь?", "isotretinoin"),
    ("ru", "сыну 5 месяцев, на ночь ещё прикладываю. до скольки работаете?", "breastfeeding"),
    ("ru", "малыш на грудном, можно с ним прийти?", "breastfeeding"),
    ("en", "ebf, baby is 4 months. is there parking?", "breastfeeding"),
    ("ru", "от вспышек света бывают приступы, где вход?", "epilepsy"),
    ("en", "I was caught with the flat iron on my temple, where are you?", "burns"),
    ("en", "I'm on Herceptin every three weeks, what are your hours?", "oncology"),
    # Type 2 by its short name, a yeast by its name, a brand sold abroad, lupus by its rash and
    # its blood test, a welder's burn.
    ("en", "I'm T2 so I need to eat early, what time do you open?", "diabetes"),
    ("ru", "нашли малассезию на спине, где вы находитесь?", "fungal"),
    ("en", "finished Epuris in may, where are you exactly?", "isotretinoin"),
    ("ru", "бабочка на скулах бывает, АНФ положительный. до скольки вы?", "autoimmune"),
    ("en", "positive ANA and a butterfly rash, do you take cards?", "autoimmune"),
    ("en", "welder, got an arc flash burn on my neck last week. is there parking?", "burns"),
    # A carbuncle, herpes by its virus's short name, breast cancer by its abbreviation and its
    # medicine, a cut by what closed it.
    ("en", "carbuncle on my neck right now, do you take apple pay?", "boils"),
    ("en", "hsv1 flare on my lip, what's your phone number?", "herpes"),
    ("ru", "после РМЖ, на тамоксифене. где вы находитесь?", "oncology"),
    ("ru", "рассекла бровь об дверь, заклеила пластырем. во сколько открываетесь?",
     "open_wounds"),
    # A cat's scratch, rosacea by its old Russian name, a pregnancy by the month it is due;
    # "вообще" said by one who is pregnant asks nothing in general.
    ("ru", "кот подрал щёку вчера, до скольки вы?", "open_wounds"),
    ("ru", "розовые угри у меня, картой можно?", "rosacea"),
    ("en", "expecting in June! where are you?", "pregnancy"),
    ("ru", "беременна, срок 8 недель. вы где вообще находитесь?", "pregnancy"),
    # Seizures by their adjective, a brand of isotretinoin, a chemotherapy by its regimen.
    ("ru", "бывают судорожные приступы, как к вам доехать?", "epilepsy"),
    ("ru", "пила Акнетрент весной, где вы?", "isotretinoin"),
    ("en", "halfway through FOLFOX for bowel ca, is there parking?", "oncology"),
    # A child's nails down the face; days by the pool ahead.
    ("en", "toddler raked her nails down my face yesterday, where are you?", "open_wounds"),
    ("en", "going to lie by the pool all of next week, what are your hours?", "sun_planned"),
    # Radiotherapy by its adjective alone.
    ("ru", "после лучевой полгода прошло, адрес подскажите", "oncology"),
    # A diagnosis by its abbreviation, and its medicine, beside a question about the hours.
    ("en", "Do you have evening slots? I have SLE, on hydroxychloroquine", "autoimmune"),
    ("ru", "Вечером принимаете? У меня СКВ, пью гидроксихлорохин", "autoimmune"),
    # A peel by its acid alone, dermatitis by its slang and its cream, seizures typed on a
    # Latin keyboard, a beach by the island's name.
    ("ru", "неделю назад делала миндальный, парковка есть?", "recent_resurfacing"),
    ("ru", "себорейка у меня на лбу, мажу адвантаном. где вы находитесь?", "eczema"),
    ("ru", "epi pristupy u menya, vy rabotaete v subbotu?", "epilepsy"),
    ("ru", "через три недели летим на Самуи, когда вы открыты?", "sun_planned"),
    ("en", "off to Phuket in two weeks, do you take cards?", "sun_planned"),
    # A cut closed with glue; a rash "as with" herpes told of one's nose is no question in
    # general.
    ("en", "my daughter split her chin on the trampoline, they glued it. is there parking?",
     "open_wounds"),
    ("ru", "на носу высыпало как при герпесе. вы до скольки?", "herpes"),
    # A solarium, tretinoin and Sotret by their slang and case forms (the dictionary reads
    # "трете", "сотрете" as verbs), radiotherapy under way.
    ("ru", "в солярку бегаю каждую неделю, подарочный сертификат есть?", "tan"),
    ("ru", "мажусь третом на ночь, вы в центре?", "retinoids"),
    ("ru", "сейчас на сотрете, где вы находитесь?", "isotretinoin"),
    ("ru", "отец проходит лучевую, можно ему сертификат подарить?", "oncology"),
    # Someone not coming in one sentence, the writer's own condition in the next; "не с кем"
    # (no one to leave him with) is neither someone absent nor a question in general.
    ("ru", "можно оплатить с карты сестры, она сама не придёт? у меня псориаз на локтях",
     "eczema"),
    ("ru", "можно с сыном прийти? ему полгода, он на грудном, не с кем оставить",
     "breastfeeding"),
    # What a colleague said, asked in the next sentence, makes the wart no one else's.
    ("ru", "Бородавка на пальце с весны, а коллега говорит, что вы по воскресеньям работаете. "
     "Это правда?", "warts"),
    ("en", "off to Maui next month, can I pay by card?", "sun_planned"),
    # Retinoids by their brands.
    ("en", "on Aklief for my forehead, is there parking?", "retinoids"),
    ("ru", "мажу Адаклин на ночь, где вы находитесь?", "retinoids"),
    # Slang for pimples, a scar grown into a ball, a temperature in words, a pregnancy test by
    # its hormone, an inhaler by its slang, days of frying on a beach.
    ("ru", "на лбу одни воспалёныши, больно трогать. как к вам зайти, домофон есть?",
     "acne_inflamed"),
    ("ru", "после пирсинга на мочке вырос твёрдый рубец шариком. вы в центре находитесь?",
     "keloids"),
    ("ru", "тридцать восемь с утра, всё ломает. парковка у вас есть?", "fever"),
    ("en", "hcg positive yesterday, can I pay by card?", "pregnancy"),
    ("ru", "пшикалка всегда с собой, можно наличными?", "asthma"),
    ("ru", "через неделю на пляж, буду жариться весь отпуск. где машину оставить?",
     "sun_planned"),
    # Rosacea by a dermatologist's word, boils by their slang, Sotret being finished, asthma
    # by its spasm.
    ("ru", "дерматолог написал: телеангиэктазии на щеках. где вход?", "rosacea"),
    ("ru", "у сына фурики на шее постоянно, придём вдвоём. вы в субботу работаете?", "boils"),
    ("ru", "заканчиваю сотрет через месяц, сертификат подарочный есть?", "isotretinoin"),
    ("ru", "бывает бронхоспазм от запахов, где вы находитесь?", "asthma"),
    # A temperature in Fahrenheit by its figure alone.
    ("en", "running 102 all night, what's your phone number?", "fever"),
    # A facial cleansing days ago, beside a booking.
    ("ru", "позавчера делала механическую чистку, можно записаться на субботу?",
     "recent_resurfacing"),
    ("ru", "недавно была чистка лица у косметолога, когда к вам можно?", "recent_resurfacing"),
    # A temperature by what the thermometer shows.
    ("ru", "градусник показывает 38 второй день, где вы находитесь?", "fever"),
    # A peel done at home.
    ("en", "tried a peel at home last weekend, where are you?", "recent_resurfacing"),
    ("en", "used a diy peel kit on saturday, do you take cards?", "recent_resurfacing"),
    # A pregnancy by its emoji or the birth ahead, fertility treatment.
    ("ru", "34 недели 🤰 есть парковка?", "pregnancy"),
    ("ru", "рожать через месяц, можно подарочный сертификат?", "pregnancy"),
    ("en", "doing egg freezing this month, do you take cards?", "pregnancy"),
    # The words of parents' forums: the two-week wait, days after a transfer, weeks shortened.
    ("ru", "5 дпп, ХГЧ ещё не сдавала, можно картой?", "pregnancy"),
    ("ru", "12 нед бер, где парковка", "pregnancy"),
    ("en", "2ww after my transfer, can I book?", "pregnancy"),
    ("en", "I'm 20w, is the suction safe for the baby?", "pregnancy"),
    # A pregnancy that may come, a solarium planned.
    ("ru", "а если забеременею между сеансами, что тогда?", "pregnancy"),
    ("ru", "в четверг схожу в солярий, в субботу можно к вам?", "sun_planned"),
    # Russian typed with "j" ("kormlju"); breastfeeding told, then asked of in general.
    ("ru", "Ja kormlju grud'ju, do kotorogo chasa vy rabotaete?", "breastfeeding"),
    ("ru", "при ГВ лицо шелушится, ваша процедура поможет?", "breastfeeding"),
    ("en", "newborn at home and exclusively pumping. is that the same as breastfeeding for you?",
     "breastfeeding"),
    # Keloids left by acne long gone: the keloids, not acne now.
    ("en", "I have keloids on my back from old acne, is my face at risk?", "keloids"),
    # Breastfeeding typed short, with a hyphen.
    ("en", "any slots thursday? bf-ing my 6 week old", "breastfeeding"),
    # A pregnancy test, a period late by days, days past ovulation, a transfer or a trigger in
    # an IVF cycle.
    ("ru", "тест показал 2 полоски, а я записана на пятницу, что делать?", "pregnancy"),
    ("ru", "задержка 5 дней, идти на шлифовку?", "pregnancy"),
    ("ru", "7 дпо, лучше подождать с шлифовкой?", "pregnancy"),
    ("ru", "завтра пункция, через 5 дней перенос пятидневок, можно до этого прийти?", "pregnancy"),
    ("ru", "я в протоколе, подсадка была вчера, шлифовку переносить?", "pregnancy"),
    ("ru", "вечером укол прегнила, в понедельник можно к вам?", "pregnancy"),
    ("en", "egg collection on monday after my trigger shot, can I book wednesday?", "pregnancy"),
])
async def test_a_condition_told_beside_an_errand_is_answered_about_it(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str, condition: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t(health_reason(content, condition)[0]) in reply
    assert no_topic_page(t, content, settings, reply, beside=True)


@pytest.mark.parametrize("language, text, asked", [
    # Health told in words no rule reads whole, beside a question about paying, the address
    # or a booking: a clause read alone tells of it.
    ("ru", "картой можно? у меня вросший ноготь, ходить больно", "картой можно?"),
    ("en", "do you take cards? I have an ingrown toenail so walking hurts", "do you take cards?"),
    ("ru", "какой у вас адрес? у меня вросший ноготь, ходить больно", "какой у вас адрес?"),
    ("en", "what's the exact address? my big toe is ingrown and it hurts to walk",
     "what's the exact address?"),
    ("ru", "можно записаться на пятницу? у меня вросший ноготь, ходить больно",
     "можно записаться на пятницу?"),
    ("en", "can I book for friday? I have an ingrown toenail so walking hurts",
     "can I book for friday?"),
    # A skin state told in words every one of which a phrase explains.
    ("ru", "кожа очень чувствительная, на всё реагирует. картой можно?", "картой можно?"),
    # A part of the body told to fail.
    ("en", "my hip is bad these days, how far is it from the bus stop?",
     "how far is it from the bus stop?"),
    ("ru", "колени больные, лифт есть?", "лифт есть?"),
    ("ru", "колено не гнётся, лифт есть?", "лифт есть?"),
    ("en", "my knees aren't what they were - is there a lift?", "is there a lift?"),
    ("ru", "спина больная, долго стоять не могу. лестница крутая?", "лестница крутая?"),
    ("ru", "спина больная, лежать долго не могу. во сколько начинаете приём?",
     "во сколько начинаете приём?"),
    ("ru", "кожа очень чувствительная, щиплет от любого крема. до вас от метро далеко?",
     "до вас от метро далеко?"),
    # The illness of someone the writer looks after, beside a request: the request is
    # answered, with the caution, rather than the health answer alone.
    ("ru", "папа после инфаркта, я за ним ухаживаю, так что только вечером. до скольки вы "
           "работаете?", "до скольки вы работаете?"),
    ("en", "my dad has dementia and I'm looking after him. what time do you close on saturdays?",
     "what time do you close on saturdays?"),
    # A skin state told, beside the hours (blackheads and pores alone are what the procedure
    # is for: no caution, see the test of words that only look like health).
    ("ru", "кожа жирная, черные точки на носу. вы по вечерам принимаете?",
     "вы по вечерам принимаете?"),
    # A period on the visit's day, beside moving it.
    ("ru", "критические дни как раз в среду, лучше сдвинуть?", "лучше сдвинуть?"),
    # The price is the clinic's detail too, however a topic answers it.
    ("ru", "Кожа очень чувствительная, на любую косметику реагирует. Сколько стоит?",
     "Сколько стоит?"),
    ("en", "Very sensitive skin, reacts to pretty much any cosmetics. How much does it cost?",
     "How much does it cost?"),
])
async def test_health_told_beside_a_request_gets_the_caution_and_the_answer(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str, asked: str
) -> None:
    t = Texts(content, language)
    _, alone = await answer_to(bot, language, asked)
    user, reply = await answer_to(bot, language, text)
    assert t("health.beside") in reply and t("health.beside") not in alone
    assert alone in reply
    assert user.find_button(t.label("health.check")) and user.find_button(t.label("menu.person"))


@pytest.mark.parametrize("language, text, asked", [
    # The safety net leans to health on everyday words beside a booking or a visit moved: the
    # request is answered, the caution before it.
    ("en", "can I reserve 2 spots for me and my mum next week", "can I reserve a spot next week"),
    ("en", "My dog got sick and I have to take him to the vet, sorry, can't come today. Can we "
           "reschedule?", "can't come today. Can we reschedule?"),
    ("ru", "перенесите меня с пятницы на понедельник, соревнования сдвинули",
     "перенесите меня с пятницы на понедельник"),
    # Health the rules do not know, beside a request: the same.
    ("en", "temp of 101 on tuesday, fine now. can I still keep my booking for saturday?",
     "can I still keep my booking for saturday?"),
    ("ru", "месяц назад был анафилактический шок на кетопрофен, сейчас всё хорошо. могу "
           "записаться на шлифовку?", "могу записаться на шлифовку?"),
    ("en", "Hi there, so I've been meaning to message for ages, I'm a nurse on rotating nights so"
           " my schedule is all over the place. I had a small op on my shoulder last month and"
           " I'm still a bit stiff lifting my arm, not sure if that matters. Mostly I want to"
           " know what your weekend hours are", "Mostly I want to know what your weekend hours"
                                                 " are"),
])
async def test_a_request_only_the_safety_net_reads_health_in_is_answered_with_the_caution(
    bot: Sandbox, content: Content, language: str, text: str, asked: str
) -> None:
    t = Texts(content, language)
    _, alone = await answer_to(bot, language, asked)
    user, reply = await answer_to(bot, language, text)
    reply = reply.removesuffix(f"\n---\n{t('health.keep.ask', hours=24)}")  # asked to keep it
    assert t("health.beside") not in alone
    assert reply.startswith(t("health.beside")) and reply.endswith(alone)
    assert user.find_button(t.label("health.check")) and user.find_button(t.label("menu.person"))


@pytest.mark.parametrize("language, text, besides", [
    ("en", "can i do it on my period", False),
    ("en", "im on my period next week, should i move it?", False),
    ("en", "ill be on my period that week is that a problem", False),
    ("ru", "у меня щас месячные, запись завтра, идти?", False),
    ("ru", "месячные будут на след неделе можно прийти", False),
    ("en", "on my period and i have a bad migraine, can i come?", True),
    ("ru", "у меня месячные и сильная мигрень, можно прийти?", True),
])
async def test_a_period_told_gets_the_scheduling_tip_beside_the_caution(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str,
    besides: bool
) -> None:
    """"can i do it on my period" got only "a specialist decides": the brief makes a period a
    matter of when, the procedure may hurt more then. What else the message tells of health
    stays a specialist's, with the check and a person beneath; where it tells nothing else,
    "anything else you told me is for a specialist" only puzzled."""
    t = Texts(content, language)
    user, reply = await answer_to(bot, language, text)
    assert t("booking.tip.menstruation") in reply
    assert (t("health.unknown_besides") in reply) == besides
    assert t("health.unknown") not in reply
    assert no_topic_page(t, content, settings, reply)
    assert user.find_button(t.label("health.check")) and user.find_button(t.label("menu.person"))


@pytest.mark.parametrize("language, text, topic", [
    ("en", "I'm on a budget, how much is it?", "price"),
    ("ru", "я на пенсии, сколько стоит процедура?", "price"),
    ("ru", "я после сессии, хочу себя порадовать, сколько стоит?", "price"),
    ("en", "I'm after a treat once my exams are over, how much is it?", "price"),
    # A goal asked about, someone else's change, a change that did not happen, a question
    # announced: no complaint of the writer's.
    ("ru", "после процедуры морщинки станут менее заметны?", "results"),
    ("ru", "дочь после шлифовки была красная весь вечер, это нормально?", "side_effects"),
    ("ru", "Покраснение после шлифовки долго держится? Через 2 дня свадьба, не хочу быть красной"
           " как рак", "side_effects"),
    ("ru", "хотела спросить, после процедуры можно краситься?", "aftercare"),
    ("en", "will my pores look smaller than before?", "results"),
    # "Пройдёт" is "пройти", and "как" asks how soon: no question about the way there.
    ("ru", "как быстро пройдёт покраснение?", "side_effects"),
    # A service had after this procedure, not before it ("после филлеров можно?").
    ("ru", "филлеры после шлифовки можно делать?", "aftercare"),
    # Pores and blackheads are what the procedure is for, told or not: no caution.
    ("ru", "черные точки на носу замучили, сколько стоит курс?", "price"),
    ("en", "price for a course? my pores are huge lol", "price"),
    # Acne scars had since the teens: no acne now ("I have acne" stays the writer's health).
    ("en", "I have acne scars from my teens, how many sessions would I need?", "course"),
    ("ru", "у меня шрамы от прыщей со школы, сколько процедур надо?", "course"),
    ("ru", "пятна от старых прыщей на скулах, уберёт?", "results"),
    ("en", "got some fine lines round my eyes and on my forehead, would it help?", "results"),
    # Health only denied: no health told ("не беременна", "not on any meds", "аллергии нет").
    ("ru", "не беременна, не кормлю, таблеток не пью. сколько стоит?", "price"),
    ("en", "not pregnant, not on any meds. how long does it take?", "duration"),
    ("ru", "аллергии нет, хронических заболеваний нет. больно это?", "duration"),
    # A list denied at once, and health never had.
    ("en", "I'm not pregnant or breastfeeding, how much is it?", "price"),
    ("en", "I don't have diabetes or asthma. how long does it take?", "duration"),
    ("en", "never had herpes or eczema, how much is it?", "price"),
    ("ru", "никогда не болела диабетом, сколько стоит?", "price"),
    ("ru", "не беременна и не кормлю грудью. больно это?", "duration"),
    # "нет" before what it denies: "у меня нет розацеа" read as the writer's rosacea.
    ("ru", "у меня нет розацеа, сколько стоит?", "price"),
    ("ru", "нет ни герпеса ни экземы, больно это?", "duration"),
    # ...as a form's fields are filled in.
    ("ru", "аллергии: нет, лекарства - нет. сколько стоит?", "price"),
    ("en", "age 40 / meds: none / allergies: none / how much is it?", "price"),
    # A question with no mark, after a word that only fills ("um", "so"): asked, not told.
    ("en", "umm does it hurt a lot", "duration"),
    ("en", "so does it sting much", "duration"),
    # Dry skin is a skin type the procedure is for, told as clients fill in a form.
    ("ru", "32 года, кожа сухая, хочу освежить лицо. сколько стоит?", "price"),
    ("en", "30, dry skin. how much per session?", "price"),
    # Sugar in the kitchen is no blood sugar.
    ("ru", "сахар совсем не ем, сладкое тоже. сколько стоит?", "price"),
])
async def test_words_that_only_look_like_health_get_the_topic_asked(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str, topic: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t.faq(topic, settings) in reply
    assert t("health.unknown") not in reply and t("health.beside") not in reply


@pytest.mark.parametrize("language, text, condition", [
    # Visible vessels by where they are, and a rosacea cream by its brand.
    ("ru", "сеточка капилляров на щеках, с годами всё ярче", "rosacea"),
    ("en", "I use Soolantra for the redness on my nose", "rosacea"),
    # Lupus as it is spelt in English; a heart run on a battery.
    ("ru", "лупус в ремиссии, можно к вам?", "autoimmune"),
    ("ru", "у меня сердце на батарейке, можно?", "pacemaker"),
    # Days after an embryo transfer; a baby tried for.
    ("en", "10dpt, can I have a facial?", "pregnancy"),
    ("ru", "с мужем работаем над малышом, вдруг уже получилось. можно?", "pregnancy"),
    # A condition a doctor spoke of, beside a symptom told.
    ("ru", "иногда одышка, врач говорил про астму. примете?", "asthma"),
    # Lines parted by slashes: the denial of seizures does not reach back to the epilepsy.
    ("ru", "эпилепсия / приступов нет 2 года / можно?", "epilepsy"),
    # Sun to come after the visit, a chemical peel by its short name.
    ("ru", "после процедуры дочка на дачу, там на солнце придётся копаться. панамы хватит?",
     "sun_planned"),
    ("ru", "после процедуры нужно в солярий, через сколько можно?", "sun_planned"),
    ("ru", "вчера ходила на химпилинг, завтра к вам. сказать мастеру?", "recent_resurfacing"),
    ("ru", "у папы диабетическая стопа, можно ему?", "diabetes"),  # the adjective of diabetes
    # Diabetes and asthma by their Russian initials, alone before a question.
    ("ru", "сд. в субботу работаете?", "diabetes"),
    ("ru", "БА. лифт есть?", "asthma"),
    # A sunburn after a visit: a little burnt at the dacha, sat in the sun, fell asleep in it.
    ("ru", "вчера подгорела на даче, можно завтра?", "tan"),
    ("ru", "посидела на солнышке после процедуры, пигмент будет?", "tan"),
    # Acne by its grade, a sunburn from the ice rink, a scar grown into a lump.
    ("ru", "акне 3 степени, так дерматолог написал", "acne_inflamed"),
    ("en", "grade 3 acne, my derm says", "acne_inflamed"),
    ("ru", "вчера спалила лицо на катке, всё красное", "tan"),
    ("ru", "шрам после аппендицита вырос бугром и чешется", "keloids"),
    ("ru", "у меня кожа плохо рубцуется, шрамы остаются надолго", "keloids"),
    ("ru", "воспаления на подбородке, можно к вам?", "acne_inflamed"),
    ("ru", "а если я загорю в выходные, меня не примут?", "sun_planned"),
    # A pregnancy by its weeks and the bump, beside a question about parking.
    ("en", "Is there parking? I'm 7 months gone", "pregnancy"),
    ("ru", "где можно машину поставить? 20 недель уже живот", "pregnancy"),
    ("en", "where can I park? 23 weeks and the bump is getting big", "pregnancy"),
    # A tanning bed by when it was used, beside the address.
    ("en", "sunbed yesterday, still a bit pink lol. what's the address?", "tan"),
    ("en", "went tanning on saturday, do you take cards?", "tan"),
    # Atopic skin of the daughter the writer books.
    ("en", "Can I book my daughter? She has atopic skin", "eczema"),
    ("ru", "Можно дочку записать? У неё атопия", "eczema"),
    # Chickenpox had now, a graze from a fall off a bike.
    ("en", "my kids brought chickenpox home and now I have it too", "fever"),
    ("ru", "у меня ветрянка сейчас, когда можно прийти?", "fever"),
    ("en", "red raw patch on my nose since I came off my bike", "open_wounds"),
    ("ru", "смешно, но у меня ветрянка в 35 лет. запись на пятницу переносим?", "fever"),
    # Feeding told by the baby still at the breast; a bump that shows, beside parking.
    ("ru", "дочка ещё на груди, ей полгода. когда к вам можно?", "breastfeeding"),
    ("ru", "живот уже заметный, парковка у вас есть?", "pregnancy"),
    # A skin cancer removed, by its kind; Fraxel in Russian; acne by its pus or as breakouts.
    ("ru", "удалили базалиому на виске прошлой зимой", "oncology"),
    ("en", "had a basal cell cut out of my temple last year", "oncology"),
    ("ru", "две недели назад был фраксель", "recent_resurfacing"),
    ("en", "my son is 16 with active breakouts, can he come?", "acne_inflamed"),
    ("en", "blackheads everywhere, inflamed and painful, can you do extractions?",
     "acne_inflamed"),
    ("en", "big pus filled lump on my neck again", "boils"),
    ("en", "I bruise if you touch me, even lightly", "bleeding"),
    # Vitiligo as it is seen; keloids misspelt.
    ("ru", "на руках белеют пятна, становятся больше", "autoimmune"),
    ("ru", "у меня келойды на мочках, где вы находитесь?", "keloids"),
    # Russian typed on a Latin keyboard, as letters are often typed ("eshe" for "ещё"), or
    # inside an English message.
    ("ru", "u menya pryshi vospalennye na shekah, mozhno?", "acne_inflamed"),
    ("en", "hi, ya beremenna, 20 weeks, is it ok?", "pregnancy"),
    ("en", "my mama has kardiostimulyator, can she come with me?", "pacemaker"),
    # A pregnancy by its morning sickness; treatment at a cancer centre.
    ("en", "afternoons suit me better, the morning sickness is awful till lunch", "pregnancy"),
    ("ru", "токсикоз по утрам жуткий, запишите на вечер", "pregnancy"),
    ("ru", "после лечения в онкоцентре хочу привести кожу в порядок", "oncology"),
    # A pregnancy by the weeks of the one booked, by "currently", by its trimester in short,
    # or a child planned.
    ("en", "booking a gift for my sister, she's 31 wks", "pregnancy"),
    ("ru", "записываю сестру, у неё 25 недель, можно?", "pregnancy"),
    ("en", "currently 12 weeks, nobody knows yet, is this allowed", "pregnancy"),
    ("en", "3rd tri now, my skin is so dull, safe?", "pregnancy"),
    ("ru", "мы с мужем планируем малыша весной, шлифовка не помешает?", "pregnancy"),
    ("ru", "ободрала щёку о ветку, можно?", "open_wounds"),  # skin scraped off
    ("ru", "у сына рассечка над губой, ещё не зажила, можно его записать?", "open_wounds"),
    ("ru", "мы на втором году кормления, можно мне?", "breastfeeding"),
    ("en", "been using diferin every night, should I stop before?", "retinoids"),  # misspelt
    ("ru", "в субботу на море, а к вам в среду можно?", "sun_planned"),
    ("ru", "обгарела на выходных, приходить?", "tan"),  # misspelt
])
async def test_a_condition_in_words_nobody_would_list_is_answered_about_it(
    bot: Sandbox, content: Content, language: str, text: str, condition: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t(health_reason(content, condition)[0]) in reply


@pytest.mark.parametrize("language, text", [
    ("ru", "шрамы от ветрянки сгладит?"), ("en", "will it smooth chickenpox scars?"),
    # Degrees of the weather, not of a body.
    ("ru", "на улице -20°, после процедуры можно выходить?"),
    ("en", "it's 30°C out, can I go outside straight after?"),
    # A sum of money with its tenth.
    ("ru", "курс за 37,5 тыс, это окончательная цена?"),
    ("en", "is a course of five really 37.5k?"),
])
async def test_old_scars_of_an_illness_or_the_weathers_degrees_are_no_illness_now(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t(health_reason(content, "fever")[0]) not in reply



@pytest.mark.parametrize("language, text, condition", [
    # "to" anywhere sends nobody on a trip; a term and a week are no pregnancy's.
    ("en", "need to push my slot back due to a business trip", "sun_planned"),
    ("en", "I need to cancel, the trip got moved", "sun_planned"),
    ("ru", "срок сертификата закончился на прошлой неделе, можно продлить?", "pregnancy"),
])
async def test_words_that_only_sit_beside_each_other_name_no_condition(
    bot: Sandbox, content: Content, language: str, text: str, condition: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t(health_reason(content, condition)[0]) not in reply


@pytest.mark.parametrize("language, text", [
    ("en", "I'm on holiday till the 20th, can I book after?"),
    ("ru", "я в отпуске до 20-го, можно записаться после?"),
])
async def test_a_holiday_told_beside_booking_is_no_health_statement(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t("health.unknown") not in reply


@pytest.mark.parametrize("language, text", [
    ("en", "What resuets can I expect?"),  # no "resection" by a typo
    ("ru", "какие рещультаты можно ожидать?"),
])
async def test_a_misspelt_question_about_results_is_no_operation(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t.faq("results", settings) in reply


@pytest.mark.parametrize("language, text", [
    ("en", "blond hair, fair skin, will it suit me?"),  # no "blind" by a typo
    ("en", "is the storm going to close you today?"),  # no "stoma"
    ("ru", "через месяц можно ещё раз пошлифовать?"),  # no "пошаливать"
    ("ru", "легко переносится процедура? с прошлого года хочу"),  # no "лёгкое"
    ("en", "is one single visit enough to see a change"),  # no "shingles", "sling" or "sting"
    ("en", "what's the easiest way to reach you? I'm at work till 6"),  # no "react"
    # A set of treatments as a gift is no treatment for anything.
    ("en", "I want to buy my sister a set of treatments for her birthday, do you do vouchers?"),
    ("en", "how do I switch this chat to russian?"),  # no "stitches"
    ("en", "can i switch my appointment to thursday"),
    # A short word two letters from a longer name: "rear" is no "relvar" (an inhaler).
    ("en", "car got rear-ended on the way, can we move my slot to thursday?"),
])
async def test_words_a_letter_away_from_an_illness_are_no_health_statement(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t("health.unknown") not in reply


@pytest.mark.parametrize("language, text", [
    # Everyday words a letter or three from a medicine or a health word: "retin", "retain",
    # "contraceptive", "gave birth".
    ("en", "I'm 68 and retired, am I too old for this?"),
    ("en", "Are you open on Sundays? I work retail Monday to Saturday"),
    ("en", "How long is a gift voucher valid? My sister is away on a work contract till spring"),
    ("en", "Do you offer massages? My husband gave me a spa budget for my birthday"),
    # A budget that is tight, time off work that is no trip.
    ("en", "Can I pay in instalments? I'm a student on a tight budget"),
    ("en", "When's the best time of year to do this? I'm off work in November"),
    # The procedure's own name is no peeling skin; a hen party, no sunny trip.
    ("en", "I'd like to book a diamond peel, I'm new in town and don't know anyone yet"),
    ("en", "gift card for my best friend's hen party, do you have those"),
    # Sharp, share: no Sharm el-Sheikh; a purse nicked, no skin.
    ("en", "My mum is 82 and sharp as ever, she is driving me. Parking?"),
    ("en", "could you share your postcode please"),
    ("en", "someone nicked my purse on the bus, can I pay by bank transfer?"),
    ("en", "running 10 minutes late, where do I park?"),  # minutes, no degrees
    # A child who comes along or stays with someone: no baby on the way.
    ("ru", "можно записаться на пятницу? ребенок будет с бабушкой"),
    ("ru", "ребенок будет со мной в коляске, есть где её поставить?"),
    ("en", "can my wife come in with the baby while I have mine done?"),
    ("ru", "второй день жду счёт на оплату"),  # no second baby awaited
    # Someone else's cream; a cancer centre one works at.
    ("ru", "мама всю жизнь мажется одним кремом, хочу подарить ей сертификат"),
    ("ru", "работаю в онкоцентре регистратором, вы до скольки?"),
    # Never mind, found it; only looking.
    ("ru", "отбой, уже всё нашла"),
    ("en", "not booking anything yet, just browsing"),
    # "на" anywhere and a month are no month of a pregnancy; a strike is no stroke.
    ("ru", "на работе завал, в следующем месяце запишите"),
    ("en", "rail strike tomorrow, can we move my slot?"),
    ("en", "do you also do lymphatic drainage?"),  # a service, no lymphoma
    # Reasons that are no part of the body; "to" after "due" or "need" sends nobody on a trip.
    ("ru", "из-за работы могу только после семи, до скольки вы открыты?"),
    ("en", "due to the school run I can only do mornings, when do you open?"),
    ("en", "are you open on the 2nd due to the holidays?"),  # a holiday, no trip to the sun
    ("ru", "если не успею до весны, сертификат сгорит?"),  # a voucher lapses, nobody burns
])
async def test_an_everyday_aside_gets_no_health_answer(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t("health.next") not in reply


@pytest.mark.parametrize("language, text", [("en", "I have a couple of questions"),
                                            ("ru", "у меня пара вопросов")])
async def test_questions_the_writer_has_are_no_health_statement(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    """The bot offers to pass them on; nothing about the writer's health was said."""
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t("faq.no_match") in reply and t("health.unknown") not in reply


@pytest.mark.parametrize("language, text", [
    # Asked, not told: whether the procedure harms, not that a part of the body fails.
    ("en", "is it bad for my eyes?"), ("en", "is it bad for my eyes"),
    # A skin state the procedure works on, asked about.
    ("en", "blackheads on my nose, will it help?"),
    # A service the clinic does not offer, asked for.
    ("ru", "нитевой лифтинг делаете?"),
    # The verb the brand Сотрет reads as: will it erase the spots.
    ("ru", "шлифовка сотрёт пигментные пятна?"),
])
async def test_asking_about_a_part_of_the_body_or_another_service_is_no_health_statement(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t("health.unknown") not in reply and t("health.beside") not in reply


@pytest.mark.parametrize("language, text, plain", [
    ("ru", "хочу подарить маме сертификат на пилинг на день рождения",
     "у вас есть подарочные сертификаты?"),
    ("en", "can i get an e-gift card sent to my mum?", "do you have gift cards?"),
])
async def test_a_gift_certificate_for_a_birthday_is_no_procedure_had(
    bot: Sandbox, content: Content, language: str, text: str, plain: str
) -> None:
    """"На день рождения" is no "на днях"; "sent" is no "stent"."""
    _, alone = await answer_to(bot, language, plain)
    _, reply = await answer_to(bot, language, text)
    assert reply == alone


@pytest.mark.parametrize("language, text, detail", [
    ("en", "I'm pregnant, where are you?", "12 Rose Street, London"),
    ("ru", "я беременна, где вы находитесь?", "12 Rose Street, London"),
    ("en", "I have diabetes, what are your opening hours?",
     "Mon–Fri 9:00\u202fAM – 8:00\u202fPM; Sat 10:00"),
    ("ru", "у меня диабет, во сколько вы открываетесь?", "пн–пт 09:00 – 20:00; сб 10:00 – 16:00"),
    ("en", "I have lupus, do you take cards?", "payment"),
    ("ru", "у меня высокое давление, есть парковка?", "Элм-роуд"),
    # Hepatitis by its short name.
    ("en", "my hep b is under control, do you take cards?", "payment"),
    # An operation told by its verb, the pill by its brand, a metal plate.
    ("ru", "в прошлом году оперировали колено, где вы находитесь?", "12 Rose Street, London"),
    ("en", "on microgynon, do you take cards?", "payment"),
    ("en", "I've got a titanium plate in my wrist, do you take cards?", "payment"),
    # Oxygen at home, a cast, a tremor.
    ("en", "I'm on home oxygen, where are you?", "12 Rose Street, London"),
    ("en", "I've a cast on my ankle, where are you?", "12 Rose Street, London"),
    ("ru", "у меня тремор, во сколько вы открываетесь?", "пн–пт 09:00 – 20:00; сб 10:00 – 16:00"),
    ("ru", "ихтиоз с детства, где вы находитесь?", "12 Rose Street, London"),
    # A patient of a device, told so with "here".
    ("en", "pacemaker patient here, where are you?", "12 Rose Street, London"),
    # A tattoo by its diminutive.
    ("ru", "свежая татушка на руке, где вы находитесь?", "12 Rose Street, London"),
    # A symptom by its own name; a drug by what it is against; what the body no longer allows.
    ("ru", "у меня одышка, где вы находитесь?", "12 Rose Street, London"),
    ("en", "I get lightheaded, where are you?", "12 Rose Street, London"),
    ("ru", "в духоте теряю сознание, где вы находитесь?", "12 Rose Street, London"),
    ("en", "my fingers go numb in the cold, where are you?", "12 Rose Street, London"),
    ("ru", "пью противосудорожные, где вы находитесь?", "12 Rose Street, London"),
    ("en", "hearing impaired, where are you?", "12 Rose Street, London"),
    ("ru", "передвигаюсь на коляске, где вы находитесь?", "12 Rose Street, London"),
    ("en", "I can't do stairs, where are you?", "12 Rose Street, London"),
    ("ru", "кожа краснеет от всего, где вы находитесь?", "12 Rose Street, London"),
    # Told by what the writer must not do; a photorejuvenation had months ago.
    ("ru", "мне совсем нельзя перегреваться, где вы находитесь?", "12 Rose Street, London"),
    ("ru", "в августе делала фотоомоложение, где вы находитесь?", "12 Rose Street, London"),
    # Asthma by its initials, told before asking how to pay.
    ("ru", "у меня БА с детства, можно картой оплатить?", "payment"),
    # A finding of the heart's tracing, told in its own words.
    ("ru", "на кардиограмме нашли блокаду ножки пучка Гиса, где вы находитесь?",
     "12 Rose Street, London"),
])
async def test_the_clinics_detail_asked_beside_a_health_statement_is_answered_after_it(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str, detail: str
) -> None:
    """Health is answered first, and the question asked beside it is not lost."""
    if detail == "payment":
        detail = str(settings.text_for(settings.payment_methods, language))
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    health = t("health.next")
    assert health in reply and detail in reply
    assert reply.index(health) < reply.index(detail)
    assert no_topic_page(t, content, settings, reply)
    _, alone = await answer_to(bot, language, text.partition(",")[0])
    assert health in alone and detail not in alone


@pytest.mark.parametrize("language, text", [
    ("ru", "после любой царапины у меня остаётся толстый шрам, где вы?"),
    ("en", "I get keloids, had one cut off my ear. is there parking?"),
])
async def test_scars_grown_after_any_cut_are_keloids_and_no_wound(
    bot: Sandbox, content: Content, language: str, text: str
) -> None:
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t(health_reason(content, "keloids")[0]) in reply
    assert t(health_reason(content, "open_wounds")[0]) not in reply


@pytest.mark.parametrize("language, text, answer", [
    ("en", "what's your address? I'm coming from the hospital where I work",
     "12 Rose Street, London"),
    ("ru", "как к вам дойти от больницы, где я работаю?", "12 Rose Street, London"),
    ("ru", "запишите на четверг, я после смены в реанимации", "booking.screen_first"),
    # Figures of speech.
    ("ru", "звоню третий раз, горю от нетерпения, дайте телефон", "+44 20 7946 0000"),
    ("en", "can I buy a gift card for my sister? she is burning the candle at both ends",
     "gift"),
])
async def test_a_hospital_one_works_at_or_a_figure_of_speech_is_no_health_statement(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str, answer: str
) -> None:
    """A stay in hospital is health ("лежала в больнице"); a shift there, or the way from it,
    is not; nor is burning with impatience."""
    t = Texts(content, language)
    _, reply = await answer_to(bot, language, text)
    assert t("health.unknown") not in reply
    if answer == "gift":
        answer = str(settings.text_for(settings.gift_certificates, language))
    assert (t(answer) if answer.startswith("booking.") else answer) in reply


@pytest.mark.parametrize("language, text", [
    ("ru", "мне трудно дышать"), ("ru", "мне плохо, трудно дышать после процедуры"),
    ("en", "I can hardly breathe"),
    # "нечем дышать" got the week's care page; the present tense of the lips' and the
    # tongue's swelling, a card that was not urgent; typed in Latin letters, "swelling is
    # normal"; something in the eye, the page "What is it?".
    ("ru", "нечем дышать"), ("ru", "губы распухают"), ("ru", "опухает язык"),
    ("ru", "губы раздуло"), ("ru", "ne mogu dyshat guby opuhli"), ("ru", "guby opuhli"),
    ("ru", "gnoy na shcheke"), ("ru", "что-то в глазу"), ("ru", "ничего не вижу одним глазом"),
    ("en", "something in my eye"), ("en", "blurry vision since this morning"),
    # "my throat is swollen" was told that puffiness is normal, with no alert.
    ("en", "my throat is swollen"), ("ru", "горло опухло")])
async def test_breathing_hard_in_the_aftercare_week_is_urgent(
    bot: Sandbox, content: Content, settings: Settings, language: str, text: str
) -> None:
    """"мне трудно дышать" in the week got the page "Who is the procedure for?", and "мне
    плохо, трудно дышать после процедуры" the aftercare page: however a sign that needs care
    today is read, it is urgent for the client and staff."""
    user, t = await week_started(bot, language)
    reply = shown(await user.send(text))
    assert t("aftercare.problem.urgent") in reply
    assert no_topic_page(t, content, settings, reply)
    assert Texts(content, "en")("staff.aftercare.urgent") in bot.staff_chat()[-1].text
