"""`clinicbot check` on the FAQ keywords: a phrase that two topics of one language both claim,
or that another answer takes before any topic.

Typed questions find a topic by its keywords (bot/content/matcher.py); when a new topic's
keyword is already another topic's ("makeup" in the aftercare topic), a question made of it
reaches one of the two, usually the older, and the new topic seems deaf. So it does when the
clinic's details, small talk, a request for a person or a question only staff answer
(discounts) already take the phrase ("gift card"
is the clinic's detail `gift`): those are read before the topics (bot/content/routing.py). A
warning, not a failure: sometimes two topics rightly share a phrase, and the corpus
(tests/corpus) decides. A phrase read as health is not named: caution comes first by design.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.content.report import Report
from bot.content.routing import Route, faq_matcher, route

if TYPE_CHECKING:
    from bot.content import Content


def check_topic_words(content: Content, report: Report) -> None:
    for language in content.languages:
        catalog, matcher = content.catalogs[language], faq_matcher(content, language)
        claimed: dict[frozenset[str], dict[str, str]] = {}
        for topic in content.faq:
            if not catalog.has(topic.keywords):  # the default language's words, checked there
                continue
            for phrase in content.tr_button_label(language, topic.keywords).split(","):
                stems = frozenset(matcher.stems(phrase))
                if stems:
                    claimed.setdefault(stems, {}).setdefault(topic.id, phrase.strip())
                taken = _taken(content, language, phrase,
                               route(content, matcher, language, phrase))
                if taken:
                    report.notes.append(
                        f"warning: locales/{language}: topic {topic.id!r} ({phrase.strip()!r}): "
                        f"a question made of it is answered as {taken}, never by the topic")
        for topics in claimed.values():
            if len(topics) > 1:
                named = " and ".join(f"{topic!r} ({phrase!r})" for topic, phrase in topics.items())
                report.notes.append(
                    f"warning: locales/{language}: topics {named} claim the same keywords: a "
                    "question made of them reaches only one; keep them in one topic")


def _taken(content: Content, language: str, phrase: str, found: Route) -> str | None:
    """What answers a phrase instead of a topic, named for the one who edits it."""
    words = "dialogs/words.{}.yaml".format(next(
        lang for lang in content.words_files if content.words[lang] is content.words[language]))
    if found.kind == "none" and "staff_only" in content.spotters[language].find(phrase).keys:
        return f"a question only staff answer (`staff_only`, {words})"
    return {"logistics": f"the clinic's detail {found.label.partition(':')[2]!r} ({words})",
            "smalltalk": f"small talk {found.label.partition(':')[2]!r} ({words})",
            "person": f"a request for a person ({words})",
            "appointment": f"a question about the client's appointment ({words})",
            }.get(found.kind)
