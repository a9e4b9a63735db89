"""The words clients type, per language (dialogs/words.<language>.yaml): one file per language,
so a clinic adding a language writes its vocabulary next to its catalog (or, until it does,
its clients are understood with the default language's words)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StrictStr

from bot.content.loading import load_per_language
from bot.content.models import Dialog, Id
from bot.content.spotting import ANY

Phrases = tuple[Annotated[StrictStr, Field(min_length=1)], ...]
Logistics = Literal["address", "phone", "hours", "parking", "directions", "payment", "gift"]


def _after_figure(word: str) -> str:
    if ANY in word.removesuffix(ANY) or word == ANY:
        raise ValueError(f"{word!r}: {ANY!r} only ends a word, after its beginning ('руб{ANY}')")
    return word


def _endings(endings: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    if "" in endings:
        raise ValueError("an empty ending: every word ends so")
    return endings


# Words typed after a figure (`money`, `degrees`): a word, a sign, or a word's beginning and `*`.
AfterFigure = tuple[Annotated[StrictStr, Field(min_length=1), AfterValidator(_after_figure)], ...]


class HealthCues(Dialog):
    """What tells that a message is about the writer's own health when it names no condition
    the content knows (bot/content/routing.py)."""

    about: Phrases  # on their own: medicines, diagnoses, strong symptoms
    symptoms: Phrases  # skin states, symptoms, procedures: health when said of oneself
    first_person: Phrases  # the writer speaking of themself
    telling: Phrases  # "у меня", "I'm on": what nothing else answers is about the writer's health
    medical_endings: Phrases  # of medicines' and diagnoses' names ("-cycline"), 7+ letters
    asking: Phrases = ()  # question words: a symptom named in a message without them is told
    # Words after which a question word asks nothing: "какие-то бугорки", "как будто обгорела".
    indefinite: Phrases = ()
    opening: Phrases = ()  # words that ask only where a sentence opens with them ("is it…")
    fillers: Phrases = ()  # words that may come before such an opening ("um, is it…")
    states: Phrases = ()  # skin states often asked about ("dry", "red"): health when told
    never: Phrases = ()  # a procedure or symptom denied, or someone else's: tells no health
    general: Phrases = ()  # a condition asked about of nobody in particular ("diabetics")
    addressing: Phrases = ()  # words addressing the clinic ("you"): asked of it, not told
    injured: Phrases = ()  # what happens to a body or a thing alike ("broke"): health with `body`
    ailing: Phrases = ()  # a part that fails ("bad", "больной"): health with `body`, if not asked
    body: Phrases = ()  # parts of the body ("jaw", "щека"): a closed class, unlike complaints
    lately: Phrases = ()  # a time that has passed ("since friday", "третий день"), not one ahead
    ahead: Phrases = ()  # a time to come ("в пятницу", "next month"): a service planned then
    apart: Phrases = ()  # services that leave the skin alone ("pedicure", "стрижка"): no health
    absent: Phrases = ()  # the one whose condition is told is not coming ("он не пойдёт", "vet")
    others: Phrases = ()  # what someone else had, asked if it happens ("сестра … такое бывает?")
    # The writer looks after someone ill, as typed, word for word ("за ней ухаживаю", "I'm her
    # carer"): a request beside it is answered, with the caution (`cared_for`).
    caring: Phrases = ()
    # What the writer has come through ("я после"), when a word naming an act follows: "я после
    # удаления матки", "я после сотрясения" tell of health, "я после работы" does not.
    through: Phrases = ()
    # Endings of the nouns naming an act or what befell, for `through` ("удаление", "операция",
    # "коронарография"; not "сессия"): read only where the language has a dictionary.
    act_endings: Phrases = ()
    # Words giving a reason, as typed, word for word ("из-за", "due to my"): a part of the body
    # right after one is what the writer is held back by ("по лестнице нельзя из-за сердца",
    # "no stairs for me due to my knees").
    reasons: Phrases = ()
    # This procedure as a time gone by, as typed, word for word ("после шлифовки", "than
    # before"): a change told after it is a complaint ("после шлифовки кожа покрылась
    # сеточкой", "my pores look bigger than before"); a goal asked about is none ("после
    # процедуры поры станут меньше?").
    since_this: Phrases = ()
    # This procedure had by the writer, as typed, word for word ("had my procedure", "вчера
    # делала шлифовку"): a health statement beside it is a problem after the procedure, for
    # staff (bot/flows/aftercare.py `reported`), not a question of whether it suits.
    had_this: Phrases = ()
    # ...unless it was had long ago, elsewhere or by someone else, as typed, word for word
    # ("years ago", "в другом салоне", "a friend had"): a question of whether it suits.
    not_this_time: Phrases = ()
    # The clinic named as where it was had, as typed, word for word ("у вас", "at your
    # clinic"): no question to the clinic ("вчера делала шлифовку у вас").
    at_clinic: Phrases = ()
    # A medicine stopped long ago: a word of `ended` ("stopped", "бросила"), none of `ongoing`
    # ("started", "до сих пор"), and a time ago, as typed: a count (digits, or one of
    # `counts`; none is one), one of `units` (its days) and a word of `ago` ("2 years ago",
    # "полгода назад"). A condition of the check with a wait of its own (`recheck_days`) that
    # ended longer ago is past it ("stopped accutane a year ago").
    ended: Phrases = ()
    ongoing: Phrases = ()
    counts: dict[StrictStr, float] = {}
    units: dict[StrictStr, int] = {}
    ago: Phrases = ()
    # Those close to the writer ("mom", "муж") and the words of the writer themself ("I", "я"):
    # a condition named only in clauses of someone close and not of the writer ("my mom has
    # diabetes, can I do it?") is answered, but not counted in the writer's own check.
    relatives: Phrases = ()
    # ...of them, the children: a pregnancy or breastfeeding told beside one is the writer's
    # ("сыну 3 месяца, на ГВ"), beside another relative that one's ("подруга беременна").
    children: Phrases = ()
    self_words: Phrases = ()
    # ...and the writer's possessives, of the writer unless one of relatives comes next ("my
    # face", not "my kid's").
    possessives: Phrases = ()
    # Words that turn from one person to another mid-sentence, as a comma would ("у мамы
    # диабет а мне можно"): `relatives` and `self_words` are read clause by clause.
    contrasts: Phrases = ()
    # Words that suppose rather than tell, as typed ("is it safe if im pregnant?"): a question
    # whose every clause naming a condition has one asks of it, and the writer's check is not
    # told of it (`routing.tells_health`); the check asks it of her.
    conditionals: Phrases = ()
    # Words of today, as typed, word for word ("today", "сегодня утром"): `had_this` typed
    # around one ("Мне сегодня сделали процедуру") tells the aftercare week begins now.
    today: Phrases = ()
    yesterday: Phrases = ()  # ...and of yesterday: the week begins from then
    day_before: Phrases = ()  # ...and of the day before yesterday
    days_ago: Phrases = ()  # ...and of a number of days before, typed after it ("3 days ago")
    # A period, as typed, word for word ("on my period", "месячные"): a matter of when (the
    # procedure may hurt more then), told beside the caution a health statement gets.
    periods: Phrases = ()
    negation: Phrases = ()  # before a verb, it did not happen ("после процедуры не изменилось")
    # Words that deny the health word right after them ("не беременна", "no allergies"), the
    # words they may pass over to reach it ("not on any pills"), those that deny the words
    # right before them ("аллергии нет"), and those that undo a denial: a message whose every
    # health word is denied tells none, one that tells more tells that (`denied_away`).
    denial: Phrases = ()
    denial_skips: Phrases = ()
    denial_after: Phrases = ()
    denial_after_skips: Phrases = ()  # ...passed over back to it ("диабета у меня нет")
    denial_undone: Phrases = ()  # a doubt after a denial ("вдруг", "maybe"): none read
    # A turn after a denial ("but"): the denial holds where health is told after it ("no
    # diabetes, but I have eczema"); with none, the turn may be a doubt, and none is read.
    denial_turns: Phrases = ()
    # Words that carry a denial on to the next word of health ("not pregnant or breastfeeding",
    # "no herpes, eczema or rosacea").
    denial_joins: Phrases = ()
    # Words that carry an earlier denial on to the word of health right before them, in a
    # clause of its own ("диабета нет, астмы тоже").
    denial_also: Phrases = ()
    # Words after which a service the clinic does not offer was had before this procedure
    # ("после ботокса можно?"); "ботокс после шлифовки можно?" asks about having it after.
    before_this: Phrases = ()
    # Units of a count of weeks as typed ("недель", "wks"): a sentence or clause that opens
    # with a count of a pregnancy's weeks and a pause ("30 недель, лифт есть?", "23 weeks,
    # is…") tells of a pregnancy; weeks waited after something are fewer or followed by what
    # ("… назад").
    weeks: Phrases = ()
    weeks_told: Phrases = ()  # what may come before such a count ("I'm", "уже"), as typed
    weeks_then: Phrases = ()  # words after it that go on telling, as a pause does ("and")


# Small talk only where the message says nothing else (bot/content/routing.py `said_alone`):
# "help", "what can you do?", a bare "нет"; their words only mark the message.
ALONE = frozenset(("help", "declined"))


class Words(Dialog):
    conditions: dict[Id, Phrases]
    # A condition's procedures by their plain names ("laser", "химический пилинг"), which alone
    # say nothing of the writer ("do you do laser?"): named right after a word of
    # `health.before_this`, they were had before this procedure ("can I do it a week after
    # laser", "сколько ждать после чистки лица"), and the message is about the condition.
    had_first: dict[Id, Phrases] = {}
    health: HealthCues
    smalltalk: dict[Literal["greeting", "thanks", "ok", "bye", "help", "declined"], Phrases]
    logistics: dict[Logistics, Phrases]
    person: Phrases
    book: Phrases
    appointment: Phrases = ()  # asking about one's own appointment: "My appointment", not booking
    staff_only: Phrases  # what only staff can answer (discounts): offered to a person
    late: Phrases = ()  # news only staff can act on ("running late"), when nothing else is asked
    elsewhere: Phrases = ()  # services the clinic does not offer ("hydrafacial", "ботокс")
    alongside: Phrases = ()  # words setting such a service beside this one ("after", "чем")
    # Words joining two questions in one sentence ("and", "и"): a question that opens right
    # after one, or after a comma, is asked apart ("how much is it and how long does it take?").
    joins: Phrases = ()
    # Words that, typed together, read as something else, and what they stand for: "diamond
    # peeling" is the procedure, no skin peeling; "any spots left" asks for free slots. The
    # phrases and the FAQ match read them so.
    stands_for: dict[StrictStr, StrictStr] = {}
    # Words opening a likeness after a word that describes ("красная как рак"): what follows is
    # a figure of speech, no condition. Read where the language has a dictionary to tell.
    likeness: Phrases = ()
    # How clients write the language on a Latin keyboard ("pyatno"): letter groups → letters.
    latin: dict[Annotated[StrictStr, Field(min_length=1)], StrictStr] = {}
    # Other letters a group of `latin` is typed for, tried where the first reading is no word:
    # "eshe" is "ещё", "epilyacii" "эпиляции".
    latin_also: dict[Annotated[StrictStr, Field(min_length=1)], tuple[StrictStr, ...]] = {}
    # Letters and pairs the language never writes and kindred languages do (Ukrainian "і",
    # Serbian "ј", Bulgarian "ър"): a message with one is in another language.
    other_spellings: tuple[StrictStr, ...] = ()
    # The language's letters on the keys of the Latin layout, for a message typed with the
    # keyboard left in that layout ("ghbdtn" is "привет"): key → letter.
    keyboard: dict[Annotated[StrictStr, Field(min_length=1, max_length=1)], StrictStr] = {}
    # A noun naming a person by an illness is read as the words it stands for too: its ending →
    # the endings put in its place ("гипертоничка" is also "гипертоник", "гипертония").
    patient_endings: Annotated[dict[StrictStr, tuple[StrictStr, ...]],
                               AfterValidator(_endings)] = {}
    # Words after a figure with its tenth that make it a sum ("37,5 тыс"), not a temperature.
    money: AfterFigure = ()
    # Degrees written out after a figure, read as its mark: "38 градусов" is "38°".
    degrees: AfterFigure = ()


def load_words(root: Path, languages: tuple[str, ...], default: str) -> dict[str, Words]:
    """Each language's words (a language without its own file reads with the default's)."""
    return load_per_language(root, "words", Words, languages, default)
