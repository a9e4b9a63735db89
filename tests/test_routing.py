"""The corpus of client messages: every health statement answered safely and nearly all other
messages routed as a person would, on the split written by someone who never saw the words
(test) and on the one written apart from them (dev); the test split is never edited."""

from __future__ import annotations

import hashlib

import pytest

from bench.routing import BUDGET, ROOT, Score, is_health, render, score
from bot.content import Content
from tests.corpus import HERE, SPLITS, messages

# The test split as its author delivered it: tuning against it would make its figure a lie.
TEST_SPLIT = {
    "messages.tsv": "5f381f29e4da92c214b4571e24264e4413697900205068a53f2d93c7d9dd80e2",
    "aftercare.tsv": "ed6d222c71484d340eb7949ae7f04d94e36fafc6390f910d26570d842f2bab7c",
    "answers.tsv": "65a8aa799a1f5d483e83e8d336f30606727464eb211357ddc164df478ddd6ae2",
}


@pytest.fixture(scope="module")
def scores(shipped_content: Content) -> dict[str, Score]:
    """The corpus is labelled with the shipped FAQ topics and conditions."""
    return {split: score(shipped_content, split) for split in SPLITS}


def test_the_test_split_is_as_its_author_wrote_it() -> None:
    assert {name: hashlib.sha256((HERE / "test" / name).read_bytes()).hexdigest()
            for name in TEST_SPLIT} == TEST_SPLIT


def test_the_corpus_is_large_and_speaks_each_language_with_its_own_words(
    shipped_content: Content
) -> None:
    """A language without a words file is read with the default language's words; one with
    its own words has messages in every split that show they work."""
    assert len(messages()) >= 600
    for split in SPLITS:
        languages = {lang for _, lang, _ in messages(split)}
        assert set(shipped_content.words_files) <= languages <= set(shipped_content.languages)


# What the test split reaches (docs/ROUTING.md has its figures), so words changed for one message
# cannot lose ground on messages nobody tuned for.
TEST_FLOOR = {"overall": 0.938, "en": 0.944, "ru": 0.936}


# Dev's health statements still answered unsafely, each with why no words fix it yet: listed,
# so that any other one fails the test.
KNOWN_UNSAFE = {
    # A bare count of weeks tells a pregnancy where the message opens with it, then pauses
    # ("23 weeks, is…"); further in, "in 2 weeks" and "2 weeks ago" are written so too.
    "Hi there, just to let you know I'm 30 weeks so probably not now haha but wanted to ask "
    "about after baby",
    # ...and one by its ordinal in words: "на первой неделе" after the procedure is written so.
    "девочки привет а мне можно если я на шестой неделе только узнала ещё никому не говорила 🙈",
    # A change of the skin since the procedure told with no verb after the procedure's words,
    # then asked about: the words of a goal asked about ("после процедуры поры станут
    # меньше?") say it too; a verb in the past tense after them tells the change ("после
    # процедуры точек стало больше").
    "Через неделю после процедуры кожа вся в темных точках, это пигментация?",
    "лицо стало жирнее блестеть чем до процедуры, так бывает?",
    "а если поры наоборот как будто расширились? выглядит хуже чем до",
    # A skin state or feeling asked about with no word of the procedure or of the writer: the
    # same words ask what the side-effects page answers ("шелушение на 3 день — это
    # нормально?"). In the week after the procedure the aftercare flow answers them.
    "шелушение на 3 день нормально?",
    "peeling on day 2 ok?",
    "щечки красные как у снегиря, уже пятые сутки пошли. это нормально вообще?",
    "вот третий день смотрю в зеркало и вижу что кожа пятнистая, какие-то места светлее,"
    " какие-то краснее. пройдет?",
    "tiny red dots everywhere like pinpricks, what is this",
    "Кожа как наждачка на ощупь, шершавая. Когда станет гладкой?",
    "Щиплет от обычной воды, даже от мицеллярки. Так должно быть?",
    "skin looks shiny and feels like plastic wrap, is that expected?",
    "is it normal that my skin is darker in some areas now? kind of uneven",
    "eto normalno chto litso krasnoe posle almaznoi shlifovki?",
    # The same, told as the writer's on a day of the week after, and asked about in the
    # side-effects page's own words (peeling, "is it normal"): that page is what answers it.
    "the skin around my nose is peeling in big flakes, it's day 3, normal??",
    "На 4 день кожа шершавая какая-то, как наждачка. Это шелушение так проходит?",
    # The sun after the procedure, asked about: the aftercare page answers it (no UV for 7
    # days); the label reads it as sun planned.
    "Can I go to a tanning bed after 7 days?",
    "можно ли потом на море?",
    "а в солярий после скольки дней можно",
    "В солярий через 10 дней можно будет?",
    # Pores and blackheads told beside a practical question: labelled health by the set's
    # writer, but they are what the procedure is for (cosmetic goals by the labelling rules);
    # read as goals, since a caution on every mention of them was the commonest false alarm
    # ("pores" alone got it).
    "blackheads and huge pores on my nose lol. which part of town are you in",
    "поры расширенные и черные точки, сертификат можно купить?",
    "big pores and blackheads all over my nose. can i pay by card?",
    # An embryo transfer by "transfer" or "перенос" alone: a bank transfer and a booking moved
    # are typed so too.
    "transfer is on friday, can I come in for a treatment tomorrow?",
    "В марте перенос, до этого хочу пройти курс. Успеем? сколько процедур обычно?",  # moved too
    # A service had, named three words after "had": "how long should I wait after a chemical
    # peel?" asks in general in the same shape.
    "Had a lash lift and brow tint on Monday. I'm booked for microderm Wednesday, too soon?",
    # A service of another clinic had regularly or soon, told in the present tense ("хожу на",
    # "в субботу делаю"): the same words tell of a device used at home ("делаю дома
    # микротоки"), and a first person beside a service read as one had gave the caution to
    # questions about waxing or manicure.
    "хожу на микротоки раз в неделю, это совместимо с вашей процедурой? по деньгам сколько курс"
    " выйдет",
    "в субботу делаю перманент бровей, а в среду у вас шлифовка, не страшно?",
    # "Беременна" typed as "берем", a word of its own ("we take").
    "берем 20 нед можно?",
    # A sleepless night: no condition the check asks about, and "a specialist should decide"
    # would be out of place; its writer labelled it health as feeling not quite right.
    "Я сегодня плохо спала, всю ночь не спала с ребенком, выгляжу ужасно) но приду, это же не"
    " влияет?",
    # Redness told lightly before a question ("небольшое покраснение после пилинга, это же не
    # помеха?"): redness is the side-effects page's commonest question, asked in the same
    # words; read as the writer's, 160 questions about redness got the caution.
    "у меня просто небольшое покраснение после пилинга, это же не помеха?",
    "just a little redness from my peel, nothing serious. still ok for thursday?",
    "Ребят, просто чуть красноватая кожа после бритья, ничего серьёзного. Мужчинам делаете?",
    # Breastfeeding stopped only lately, denied in the present: "не кормлю уже три года" is
    # typed the same way; telling the two apart needs the time read.
    "ne kormlyu uzhe 3 nedeli, mozhno k vam?",
    "not breastfeeding anymore as of last week, can I book?",
    "baby is 5 months, formula fed, I'm not nursing. is it ok for me?",
    # Two words typed without a space: split by the dictionary, compounds it does not know
    # split too ("травмпункт", "сухожар" read as a trauma and a fever).
    "ghbdtn а алмазная шлифовка беременнаможно? 12 недель",
    # A barbecue in the country or a hike as time in the sun: no word of sun or holiday says so.
    "сколько дней нельзя на солнце? у меня в субботу шашлыки на даче 😅",
    "what should I do the week after? I'm going hiking in two weeks",
    # A black eye as "синяк под глазом": the same words name the dark circles under the eyes,
    # a goal clients ask the procedure for.
    "на тренировке получила мячом в лицо, синяк под глазом. Процедура больно делается?",
    # A service named in another language than the message's: only conditions are looked up
    # in every language's words, not the services the clinic does not offer.
    "got мезотерапия last week in Almaty, can I come friday",
    "had a чистка лица in Kyiv 3 days ago, is it too soon?",
    "did биоревитализация in Moscow 10 days ago, ok to do diamond peel now?",
    # A dentist's numbing the same morning, beside "same day": the words of a service had
    # somewhere else and asked beside this one, which the FAQ answers.
    "coming from the dentist that morning, filling with numbing — ok to come same day?",
    # A month alone as the time of a service had elsewhere: "lip filler in august" is as often
    # planned as had.
    "lip filler in august 💋 does that affect anything? open sundays?",
    # Denied of the writer and told of a daughter after "а": the same "а" opens the question
    # after a denial ("аллергий нет. а рассрочку делаете?"), so it cannot undo the denial.
    "эпилепсии нет у меня, а у дочки есть, ей 17, это она хочет на процедуру. можно с ней прийти?",
    # What the writer must not have or do, the illness untold: "мне нельзя" and "can't have"
    # tell a diet, a fast, a work rule or a budget as often ("мне нельзя опаздывать"), and
    # latex, lidocaine and vitamins are what the clinic is asked to use or not.
    "can't have any lidocaine, reacted badly at the dentist. do u use numbing cream",
    "can't have anything with latex, do your staff use latex gloves?",
    "мне нельзя никакие витамины с железом, а вы сыворотки какие-то наносите с витаминами?",
    "мне нельзя на солнце(( когда лучше делать",
    # A euphemism with no word of health; pregnancy in words that ask to bring a child.
    "bit of a situation down there this week if you know what I mean 🙃 should I move my "
    "appointment?",
    "I am with child 4 month, it is safe for baby this procedure?",
    # Cracked heels that bleed: a phrase of cracks and bleeding was tried and did not match.
    "Шлифовка стоп вообще бывает? Пятки ужасные, трещины, иногда кровят",
    # A hike after the procedure asked as sun protection: the aftercare page answers it.
    "Какой SPF брать в поход после процедуры, 30 хватит или 50?",
    # Redness asked about after a numbered session ("is it normal that…"): the side-effects
    # page's own words, asked in general as often.
    "Is it normal that my skin still looks a bit red a week after my 2nd session? Next one is "
    "on Thursday",
    # Asked of pregnant clients in general, for another part of the body: the contraindications
    # page, which names pregnancy, answers it.
    "беременным на ноги можно?? колени",
    # A holiday ahead with no word of sun, the procedure asked before or after it: read by the
    # label as sun planned, but "перед отпуском" is as often the wish for fresh skin on
    # holiday ("хочу кожу освежить перед отпуском"), 15 such rows against this one.
    "Привет! Нервничаю перед отпуском, когда лучше делать — до или после?",
    # Diabetes as "сахарный" alone: the same word asks for a sugar scrub or sugar paste
    # ("сахарный скраб после шлифовки можно?"), which read as diabetes were answered so.
    "сахарный. запись пт",
    # Ingrown hairs and the marks they leave: what the procedure is asked for (ten rows read
    # so, as questions about results or a course, against this one labelled health).
    "ingrown hairs on neck + dark marks left from them. price for a course?",
    # Chemotherapy told as the reason after "а то", beside "вообще", a word that speaks in
    # general: read as asked of anyone, the contraindications page answers; "а то" as a word
    # of telling is also in "какие-то".
    "можно оплатить долями? а то после химии вообще денег нет",
    # A wheelchair or a guide dog told beside a question of access: earlier sets label a ramp
    # asked for as the clinic's details (23 rows would turn cautious), this one as health.
    "guide dog user here 🦮 can you describe the route from the tram stop? and is there a water"
    " bowl lol",
    "Здравствуйте, я на коляске. У вас есть пандус или лифт? Хочу записаться на алмазную шлифовку",
    # Sun at the dacha told after an aftercare question: "дача" with "солнце" tells a
    # relative's summer as often ("мама на даче вечно на солнце").
    "Добрый день! Я сама мама двоих мальчишек, вечно на бегу. Хочу понять как ухаживать за кожей"
    " после шлифовки, что нельзя делать в первую неделю? Мы на майские едем на дачу, там солнце",
    # A service of another clinic planned with a season, a date typed as a number ("12го", "the
    # 22nd", "числа 25", "28.11") or no time at all, or one the lists do not name ("механическая
    # чистка": "чистка" is what many call this procedure too; "laser" alone is as often the
    # laser compared with it, "перманент" a look asked about, "коррекция губ" the wish): read
    # as asked about, not planned by the writer. With a weekday, a month or "next week" it is.
    'Татуаж губ сделан 28.11. В памятке мастера "не распаривать 2 нед". у вас же распаривают '
    'лицо? значит ждать?',
    "летом планирую лазерную эпиляцию лица, как это сочетать с вашей процедурой?",
    "Скоро пересадка волос (FUE), лицо не трогают, но всё равно спрошу можно ли к вам за неделю "
    "до",
    "в четверг к косметологу на механическую чистку, а у вас на следующей неделе шлифовку можно?",
    "планирую перманент бровей в январе, шлифовка до или после него?",
    "летом хочу SMAS лифтинг, а сейчас можно курс алмазной шлифовки?",
    "через 2 недели коррекция губ гиалуронкой, а к вам завтра. успеет всё зажить?",
    "Planning laser hair removal on my upper lip this summer. how do i time it with your "
    "sessions?",
    "перманент бровей на след неделе делаю, а шлифовку когда, до или после? 😅",
    "Хочу сделать губы (ювидерм волбелла) перед НГ, числа 25. когда тогда к вам лучше прийти "
    "чтобы не пересекалось",
    "лазерная эпиляция лица (усики) раз в месяц, следующая 12го. как встроить шлифовку между "
    "сеансами?",
    "наращивание ресниц каждые 3 недели, коррекция 9го. шлифовку в тот же день можно, после "
    "ресниц?",
    "лазерная шлифовка шеи в январе, лицо алмазная у вас — можно одновременно курсы вести?",
    "филлеры в слезную борозду через 5 дней. сегодня к вам можно?",
    "лазер сосудистой сеточки на ногах в пятницу, лицо шлифовать в субботу можно?",
    "Morpheus8 booked for the 22nd. Trying to work out the gap with your diamond peel",
    "brazilian laser friday and face microderm saturday. not the same area but asking anyway",
    "laser vein treatment on my nose next wed, can i still keep my microderm appt on monday?",
    "having eyelash extensions put in the morning of my microderm appt, is that a problem or "
    "should I swap the order",
    # Care at home told as the writer's routine (acids, pads, devices, squeezing): the same words
    # ask what to use after the procedure ("можно ли после процедуры пользоваться кислотами?"),
    # and writers label a daily BHA toner either way.
    "пользуюсь BHA тоником от Cosrx каждый вечер, это пилинг считается?",
    "доброе утро! тоник с салициловой 2% (пола чойс) юзаю ежедневно, норм или надо паузу? и где "
    "вы находитесь",
    "я сама себе чистку делаю ложечкой уно, иногда до крови😅 завтра ок прийти?",
    "дома делаю микротоки и RF аппаратом, это не противопоказание?",
    "кислоты юзаю дома, это критично?",
    "пэды с PHA каждый день протираю, это нормально перед вашей шлифовкой?",
    "светодиодная маска + микротоки дома, это же не противопоказание?",
    "делаю себе чистку на пару и выдавливаю, потом протираю хлоргексидином. как часто можно "
    "приходить на шлифовку?",
    "i have an LED mask (red light), use it 10 min a day. any issue with that before the "
    "treatment? how long does it take",
    # A change after one's own session asked "is that normal?": the aftercare page answers it,
    # as it answers "is it normal to peel?".
    "face still pink on day 6, thats normal right?",
    "трещинки появились как на высохшей земле, второй день после шлифовки. это нормально???",
    "WHY is my face peeling like a snake 🐍 day 3 after!!!",
    # Inflammation told by a bare plural noun in a list of complaints: "без воспалений" and
    # "а если пойдёт воспаление" use the same word.
    "кожа в ужасном состоянии, воспаления, покраснения, ничего не помогает. может ваша "
    "процедура? цена?",
    # Sun ahead by a resort town alone, or outdoors in winter: people also live in Sochi ("летом
    # я в Сочи живу почти"), and a photo shoot is no holiday.
    "отпуск в Сочи в мае. после курса в апреле солнце уже опасно?",
    "фотосессия 20 декабря на улице. после шлифовки неделю без солнца, а зимнее солнце "
    "считается?",
    # A message dictated with no stop, its question run on after what it tells ("…raw and red
    # still can I do yours"): read as asked, and a skin state asked about is anyone's ("will I
    # be red after?").
    "ok so I'm literally driving right now so sorry for the typos um I had a microdermabrasion "
    "somewhere else like two weeks ago and it left my skin kind of raw and red still can I do "
    "yours to fix it",
    # Something told to be over without naming it: as many messages deny any health at all.
    "nothing wrong with me anymore haha, when can i come",
    "раньше было, сейчас нет 👍",
    # A reaction once had, told in English, whose tense the lists cannot tell from a question
    # about what happens after ("will it give me whiteheads?").
    "my face went all blotchy after a vitamin C serum once, what do you put on after the "
    "procedure?",
    "microderm last month gave me a couple of whiteheads afterwards. normal purge or a reaction?",
    # A kindred language written with no letter Russian lacks (Serbian and Bulgarian often
    # are; Ukrainian in Latin letters; Kazakh words in Russian ones): read as Russian, its words
    # of health are unknown.
    "саламатсызба! мен кормячу ребенку 5 ай, алмазный пилинг можно делать?",
    "имам брадавици по брадичката, пречат ли?",
    "опекла сам се на пегли, мала опекотина на бради",
    "здрасти, на носа ми излезе цирей, голям и боли. да дойда ли?",
    "pryvit, ya hoduyu grudyu, dytyni 3 misyaci, mozhna almaznu shlifovku?",
    "ботокс си сложих преди 5 дни, кога може диамантено?",
    # A condition named by the one who has it ("diabetic") beside a question asked in general:
    # answered with the page that names it, as "can diabetics have it?" is.
    "type 1 diabetic with some neuropathy, does reduced sensation matter for this?",
    # Fear of doctors told as a feeling: as often plain nerves ("очень боюсь, больно?"), which
    # writers file as a question about pain; a word split by a hyphen ("пост-травматическое") is
    # two words no list joins.
    "Девочки, я ужасно боюсь врачей, прям до трясучки. Меня там не будут торопить? Хочу чтобы "
    "объясняли каждый шаг",
    "у меня пост-травматическое после аварии, громкие звуки пугают. мастер сможет предупреждать "
    "когда включает аппарат?",
    "I have a fear of medical settings, does the clinic look like a hospital?",
    "Honestly I'm terrified of doctors lol. Will someone explain each step before they do it?",
    # Health asked of the future ("а если…", "if I plan…"): read as a question about the
    # procedure, as "what if I go in the sun after?" is.
    "Здравствуйте! Планируем с мужем ребенка в ближайшие месяцы, можно ли сейчас начать курс "
    "или лучше не надо?",
    "а если после процедуры покраснение не пройдет через 3 дня это нормально?",
    "если после первого раза будет отёк больше 2 дней что делать?",
    "а если я начну принимать витамин А курсом, это совместимо?",
    "if I plan a laser treatment next month, should I space them out? how many weeks?",
    # A rarer skin condition by its name or letters (KP, lichen planus, гиперплазия, акне
    # инверса, rhinophyma typed in Latin letters): asked about in general as often ("does it
    # work on sebaceous hyperplasia?"), which gets the results page.
    "KP on my thighs and butt lol, do you do body microdermabrasion?",
    "KP girl here 🙋‍♀️ will this smooth my arms?",
    "lichen planus pigmentosus on my face, dark patches. would diamond microderm lighten it?",
    "papilly na nosu, rinofima nachalnaya stadiya, mozhno k vam?",
    "на носу сальные железы большие, гиперплазия. записаться хочу на четверг вечером",
    "акне инверса 3 стадия по Херли, рубцы на шее. возьмётесь?",
    # Dental work beside the procedure: "анестезия" and "коронки" are as often asked of the
    # clinic ("вы делаете с анестезией?").
    "мне завтра пломбу ставить под анестезией, а послезавтра к вам записана. ничего страшного?",
    "мне сейчас ставят коронки, пока временные стоят. при шлифовке нижней части лица не будет "
    "проблем?",
    # Baldness asked about: the forehead and temples are where the procedure is asked for.
    "а с лысиной можно к вам? ну в смысле процедура лба и залысин делается?",
}


@pytest.mark.parametrize("split, known", [("test", set()), ("dev", KNOWN_UNSAFE)])
def test_every_health_statement_is_answered_safely(
    scores: dict[str, Score], split: str, known: set[str]
) -> None:
    """Every health statement answered safely: on the test split, its budget, none excused;
    on dev, all but those listed above with why."""
    unsafe = [r.text for r in scores[split].routed
              if is_health(r.expected) and not (is_health(r.got) or r.cautious)]
    assert scores[split].health_safe()[1] > 0 and set(unsafe) <= known, unsafe


def shares(found: Score) -> dict[str, float]:
    return {lang or "overall": right / total
            for lang, (right, total) in ((lang, found.share(lang)) for lang in (None, "en", "ru"))}


def test_routing_meets_its_budget_overall_and_in_each_language(
    scores: dict[str, Score]
) -> None:
    found = shares(scores["test"])
    assert found["overall"] >= BUDGET["overall"], found
    assert min(found["en"], found["ru"]) >= BUDGET["language"], found


# What the dev split reaches, so a change tuned for some messages cannot lose ground on others.
# The budget is the test split's: dev takes in every set that was read, the hardest on purpose
# (someone else's condition told beside a practical question is answered with the caution, on
# purpose; its set alone holds dev below 92 %; so are everyday words that name an illness in
# another sense, "давление на работе", "температура за окном"), and its latest sets were
# given their exact labels by a second reader, who often picks another topic or condition
# than the bot.
DEV_FLOOR = {"overall": 0.803, "en": 0.805, "ru": 0.802}


def test_the_dev_split_keeps_its_floor(scores: dict[str, Score]) -> None:
    found = shares(scores["dev"])
    assert all(found[key] >= DEV_FLOOR[key] for key in found), found


def test_the_test_split_keeps_its_floor(scores: dict[str, Score]) -> None:
    found = shares(scores["test"])
    assert all(found[key] >= TEST_FLOOR[key] for key in found), found


def test_a_named_condition_is_the_one_labelled_in_the_training_split(
    scores: dict[str, Score]
) -> None:
    assert [r for r in scores["train"].routed
            if r.expected.startswith("condition:") and r.got != r.expected] == []


def test_few_other_training_messages_are_taken_for_health_statements(
    scores: dict[str, Score]
) -> None:
    taken = [r for r in scores["train"].routed if is_health(r.got) and not is_health(r.expected)]
    assert len(taken) <= 3, taken


def test_docs_routing_is_the_scripts_output(scores: dict[str, Score]) -> None:
    """docs/ROUTING.md is generated by bench/routing.py; only the timings may differ."""

    def steady(text: str) -> list[str]:
        return [line for line in text.splitlines() if not line.startswith(("- time", "- machine"))]

    written = (ROOT / "docs" / "ROUTING.md").read_text(encoding="utf-8")
    assert steady(written) == steady(render(scores, cold=[0.0], warm=[0.0, 0.0]))
