"""What a typed message is about: a health statement, a request for a person, the clinic's
details, a FAQ topic, small talk, or nothing the bot knows.

Health statements come first and win over everything: "I had a cold sore, does it hurt?" is
about the cold sore, never answered with a reassuring topic; they are looked for in every
language's words, since clients mix languages (brand names of medicines above all). Small talk
wins only when the message is nothing else ("thanks!"), so "hi, how long does it take" is the
duration topic. Offline and cheap: a spotter look-up per language and one FAQ match.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from bot.content.matcher import FaqMatcher

if TYPE_CHECKING:
    from bot.content import Content

Kind = Literal["condition", "person", "logistics", "faq", "smalltalk", "none"]
SMALLTALK_LEFTOVER = 2  # other words a greeting may come with when no FAQ topic matches
CHATTY = ("greeting", "thanks", "bye")  # "ok" with other words is rather a question


@dataclass(frozen=True)
class Route:
    kind: Kind
    keys: tuple[str, ...] = ()  # condition ids (all named), or the one topic or kind

    @property
    def label(self) -> str:
        """`condition:herpes`, `faq:duration`, `person`, `none`: as the test corpus writes it."""
        return f"{self.kind}:{self.keys[0]}" if self.keys else self.kind


def route(content: Content, matcher: FaqMatcher, language: str, text: str) -> Route:
    found = content.spotters[language].find(text)
    by_kind: dict[str, list[str]] = {}
    for key in found.keys:
        kind, _, name = key.partition(":")
        by_kind.setdefault(kind, []).append(name)
    if "condition" not in by_kind:  # "I take roaccutane" in a Russian chat is still one
        by_kind["condition"] = [key.partition(":")[2] for lang, spotter in content.spotters.items()
                                if lang != language for key in spotter.find(text).keys
                                if key.startswith("condition:")]
    if by_kind["condition"]:
        return Route("condition", tuple(dict.fromkeys(by_kind["condition"])))
    if "person" in by_kind:
        return Route("person")
    if "logistics" in by_kind:
        return Route("logistics", (by_kind["logistics"][0],))
    smalltalk = by_kind.get("smalltalk")
    if smalltalk and not found.leftover:
        return Route("smalltalk", (smalltalk[0],))
    match = matcher.best(text)
    if match and match.score >= content.faq_threshold:
        return Route("faq", (match.topic_id,))
    if smalltalk and smalltalk[0] in CHATTY and len(found.leftover) <= SMALLTALK_LEFTOVER:
        return Route("smalltalk", (smalltalk[0],))
    return Route("none")


def faq_matcher(content: Content, language: str) -> FaqMatcher:
    """The FAQ matcher of `language`, built from the catalog's keywords as the bot builds it."""
    return FaqMatcher(language,
                      {t.id: content.tr_button_label(language, t.keywords) for t in content.faq},
                      content.tr_button_label(language, content.faq_ignore_words))
