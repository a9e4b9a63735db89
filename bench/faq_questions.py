"""Free-text questions for the FAQ benchmark: varied phrasings in English and Russian, each
matching one of the shipped FAQ topics, so the matcher does real work on every question."""

from __future__ import annotations

import random

EN = [
    "How much does it cost?", "What is the price of one session?", "Is it expensive?",
    "Do you have any discounts?", "How do I book an appointment?", "Can I pay by card?",
    "What is microdermabrasion?", "What is diamond peeling exactly?",
    "How does the device work?", "What results can I expect?", "Will it help with acne scars?",
    "Does it really work?", "Is it suitable for dry skin?", "Will it help my enlarged pores?",
    "Who is this treatment for?", "How is the procedure done?", "What happens during a visit?",
    "How long does a session take?", "Does it hurt?", "Is it painful?",
    "Which season is best for it?", "Can I do it in summer?", "How many sessions do I need?",
    "How often should I repeat it?", "What are the contraindications?",
    "Can I do it while pregnant?", "I have diabetes, is that allowed?",
    "What are the side effects?", "Is it safe?", "Will my face be red afterwards?",
    "Can I go sunbathing after it?", "How should I care for my skin afterwards?",
    "Can I use a tanning bed after the treatment?", "How long is the break between sessions?",
]
RU = [
    "Сколько стоит?", "Какая цена процедуры?", "Это дорого?", "Есть ли скидки?",
    "Как записаться на консультацию?", "Что такое микродермабразия?",
    "Что такое алмазный пилинг?", "Какой будет результат?", "Поможет ли от акне?",
    "Подходит ли для сухой кожи?", "Кому подходит процедура?", "Как проходит процедура?",
    "Сколько длится сеанс?", "Это больно?", "Какие ощущения во время процедуры?",
    "Когда лучше делать, в какой сезон?", "Можно ли делать летом?",
    "Сколько сеансов нужно?", "Как часто повторять?", "Какие противопоказания?",
    "Можно ли при беременности?", "Какие побочные эффекты?", "Есть ли риски?",
    "Будет ли покраснение?", "Можно ли загорать после процедуры?",
    "Как ухаживать за кожей после?", "Можно ли в солярий после процедуры?",
    "Какой перерыв между сеансами?",
]


def misspelt(question: str, variant: int) -> str:
    """`question` as a client might type it: one to three of its longer words with a typo
    (two letters swapped, one dropped, doubled or mistyped), chosen by `variant`."""
    rng = random.Random(variant)
    words = question.split()
    longer = [i for i, word in enumerate(words) if len(word) >= 4]
    for index in rng.sample(longer, k=min(len(longer), rng.randint(1, 3))):
        word = words[index]
        at = rng.randrange(1, len(word) - 2)
        kind = rng.randrange(4)
        if kind == 0:
            word = word[:at] + word[at + 1] + word[at] + word[at + 2:]
        elif kind == 1:
            word = word[:at] + word[at + 1:]
        elif kind == 2:
            word = word[:at] + word[at] + word[at:]
        else:
            word = word[:at] + rng.choice(word) + word[at + 1:]
        words[index] = word
    if variant % 2:
        words[0] = words[0].lower()
    return " ".join(words)
