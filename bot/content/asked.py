"""The questions a typed message asks apart ("how much is it and how long does it take?",
"сколько стоит? а сколько длится?"): each sentence that asks, and each question opening in
one right after a word of `joins` or a comma, routed alone (bot/content/routing.py). Where
every one of them asks a FAQ topic or the clinic's details, and they ask two or three
different things, each is answered: a topic only where its words surely ask it read alone.
One that asks anything else (health, booking, a person, nothing the bot knows) leaves the
message to its reading as a whole, which weighed every word at once: health above all."""

from __future__ import annotations

import re
from itertools import dropwhile, pairwise
from typing import TYPE_CHECKING

from bot.content.lemmas import lemmatiser
from bot.content.routing import ENDED_SENTENCE, Route, asking_words, route
from bot.content.spotting import EXACT

if TYPE_CHECKING:
    from bot.content import Content
    from bot.content.matcher import FaqMatcher

APART = ("faq", "logistics")  # what a question asked apart may be about
BESIDE = ("book", "condition")  # ...and what FAQ topics asked apart may be beside
MOST = 3  # answers to one message
SURE = 0.8  # the FAQ match a topic asked apart needs, read alone
WORDS = 2  # ...and its words: "месяц? год?" goes on asking what came before
_WORD = re.compile(r"[^\W\d_]+")


def asked_apart(content: Content, matcher: FaqMatcher, language: str, text: str,
                found: Route) -> list[Route]:
    """What to answer, in the order asked: `found` (the message read whole) alone, unless the
    message asks several topics or details apart; then each of them, `found` among them."""
    if found.kind not in APART or found.cautious or found.detail:
        return [found]
    text = content.spotters[language].meant(text)  # "скока стоит" is "сколько стоит"
    parts = [part for part in _parts(content, language, text)
             if _asks(content, language, part) and len(_WORD.findall(part)) >= WORDS]
    if len(parts) < 2:
        return [found]
    routes = [(part, route(content, matcher, language, part)) for part in parts]
    if any(r.kind not in APART or r.cautious or r.detail for _, r in routes):
        return [found]
    each = {r.label: r for part, r in routes
            if r.label == found.label or r.kind != "faq" or _sure(matcher, part, r.keys[0])}
    if found.label not in each:
        each = {found.label: found, **each}
    answers = list(each.values())[:MOST]
    if found.label not in (answer.label for answer in answers):
        answers[-1] = found  # four questions or more: the one read whole stays answered
    return answers if len(answers) > 1 else [found]


def asked_beside(content: Content, matcher: FaqMatcher, language: str, text: str,
                 found: Route) -> list[Route]:
    """The topics a booking's message, or one that names a condition the bot knows, asks apart,
    each read alone and surely ("id like to book for tuesday, also does it hurt?", "how much
    is it and how long does it take? also i have diabetes"): answered beside the booking or
    after what the condition means, which would leave them unsaid. None beside a booking read
    with the caution, or beside anything else: health the bot cannot name is a specialist's
    alone, with the check and a person."""
    if found.kind not in BESIDE or found.kind == "book" and found.cautious:
        return []
    text = content.spotters[language].meant(text)
    parts = [part for part in _parts(content, language, text)
             if _asks(content, language, part) and len(_WORD.findall(part)) >= WORDS]
    routes = [(part, route(content, matcher, language, part)) for part in parts]
    sure = {r.label: r for part, r in routes
            if r.kind == "faq" and not r.cautious and _sure(matcher, part, r.keys[0]) and (
                found.kind == "book" or _beside_health(content, r.keys[0]))}
    return list(sure.values())[:MOST - 1]


def _beside_health(content: Content, topic: str) -> bool:
    found = content.faq_topic(topic)
    return found is not None and found.beside_health


def _sure(matcher: FaqMatcher, part: str, topic: str) -> bool:
    """Whether the topic surely answers the part read alone: one that leans on what came
    before ("правда?", "year?") is answered with the rest, not apart."""
    match = matcher.best(part)
    return match is not None and match.topic_id == topic and match.score >= SURE


def _parts(content: Content, language: str, text: str) -> list[str]:
    """The sentences of the message, each cut before a word of `joins` where a question opens
    right after it or one word on, and after a comma where one opens right after it."""
    joins = {_plain(word) for word in content.words[language].joins}
    parts: list[str] = []
    for sentence in ENDED_SENTENCE.findall(text):
        cuts = [0]
        found = list(_WORD.finditer(sentence))
        for i, word in enumerate(found[1:], 1):
            before = found[i - 1]
            # "…и до скольки работаете?": the question's word may come one word in.
            if _plain(before.group()) in joins and any(
                    _opens(content, language, w.group()) for w in found[i:i + 2]):
                cuts.append(before.start())
            elif "," in sentence[before.end():word.start()] and _opens(
                    content, language, word.group()):
                cuts.append(word.start())
        parts += [sentence[start:end].strip(" ,") for start, end in pairwise([*cuts, None])]
    return [part for part in parts if part]


def _asks(content: Content, language: str, part: str) -> bool:
    """A question: asked ("?"), or opening with a word that asks, past the words that join,
    fill and greet ("and how long…", "а сколько…", "здравствуйте сколько стоит")."""
    if "?" in part:
        return True
    words_of = content.words[language]
    greeting = words_of.smalltalk.get("greeting", ())
    skipped = {_plain(word) for word in (*words_of.joins, *greeting)} | asking_words(
        language, words_of.health.fillers)
    words = map(_plain, _WORD.findall(part))
    return _opens(content, language, next(dropwhile(skipped.__contains__, words), ""))


def _opens(content: Content, language: str, word: str) -> bool:
    """Whether a question may open with the word ("how", "does", "сколько")."""
    cues = content.words[language].health
    opening = asking_words(language, cues.asking + cues.opening)  # worked out once
    typed = _plain(word)
    return bool(typed) and (lemmatiser(language).written(typed) in opening
                            or EXACT + typed in opening)


def _plain(word: str) -> str:
    return word.lower().replace("ё", "е")
