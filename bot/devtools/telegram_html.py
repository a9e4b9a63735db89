"""Telegram's HTML parse mode, as its server applies it: the text a person sees, or the error
Telegram answers ("can't parse entities") for markup it does not accept. The fake Bot API
checks every text with it, so a tag cut in half or one Telegram does not know fails in tests
as it would in a clinic."""

from __future__ import annotations

import html
import re

TAGS = frozenset({"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "a",
                  "tg-spoiler", "tg-emoji", "code", "pre", "blockquote"})
_MARKUP = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^<>]*>|<|&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);")


class Unparsable(ValueError):
    """What Telegram says about markup it cannot parse."""


def visible(text: str, parse_mode: str | None) -> str:
    """`text` as shown to the person it is sent to."""
    if (parse_mode or "").upper() != "HTML":
        return text
    shown: list[str] = []
    open_tags: list[str] = []
    position = 0
    for match in _MARKUP.finditer(text):
        shown.append(text[position:match.start()])
        position = match.end()
        closing, name, entity = match.group(1), match.group(2), match.group(3)
        if entity is not None:
            shown.append(html.unescape(match.group()))
        elif name is None:
            raise Unparsable("Bad Request: can't parse entities: unexpected \"<\"")
        elif name.lower() not in TAGS:
            raise Unparsable(f"Bad Request: can't parse entities: Unsupported start tag "
                             f"\"{name}\"")
        elif not closing:
            open_tags.append(name.lower())
        elif not open_tags or open_tags.pop() != name.lower():
            raise Unparsable(f"Bad Request: can't parse entities: Unmatched end tag \"{name}\"")
    if open_tags:
        raise Unparsable("Bad Request: can't parse entities: Can't find end tag corresponding"
                         f" to start tag \"{open_tags[-1]}\"")
    return "".join(shown) + text[position:]


def length(text: str) -> int:
    """Telegram counts UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2
