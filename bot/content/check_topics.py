"""`clinicbot check` on the FAQ keywords: a phrase that two topics of one language both claim.

Typed questions find a topic by its keywords (bot/content/matcher.py); when a new topic's
keyword is already another topic's ("makeup" in the aftercare topic), a question made of it
reaches one of the two, usually the older, and the new topic seems deaf. A warning, not a
failure: sometimes two topics rightly share a phrase, and the corpus (tests/corpus) decides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.content.report import Report
from bot.content.routing import faq_matcher

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
        for topics in claimed.values():
            if len(topics) > 1:
                named = " and ".join(f"{topic!r} ({phrase!r})" for topic, phrase in topics.items())
                report.notes.append(
                    f"warning: locales/{language}: topics {named} claim the same keywords: a "
                    "question made of them reaches only one; keep them in one topic")
