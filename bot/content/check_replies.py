"""`clinicbot check` on how clients reply (dialogs/replies.<language>.yaml): every goal,
aftercare question and check-in answer it names is one the content has, and no word to get out
("cancel", "назад") is also an answer or a yes: typed in the check, it would be taken as one.
Words about the whole chat, to stop its messages or erase it ("не пишите мне", "don't text
me"), may open like a no: they are meant to win over it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.content.replies import ABOUT_THE_CHAT
from bot.content.report import Report

if TYPE_CHECKING:
    from bot.content import Content



def check_replies(content: Content, report: Report) -> None:
    goals = content.screening.goals
    known = {"goals": ({o.id for o in goals.options} if goals else set(),
                       "a skin goal of dialogs/screening.yaml"),
             "aftercare": ({q.id for q in content.aftercare.questions},
                           "a question of dialogs/aftercare.yaml"),
             "checkin": ({a.id for a in content.aftercare.answers},
                         "a check-in answer of dialogs/aftercare.yaml"),
             "doubts": ({s.id for s in content.screening.steps if s.kind == "yes_no"},
                        "a yes/no question of dialogs/screening.yaml"),
             "not_me": ({s.id for s in content.screening.steps if s.kind == "yes_no"},
                        "a yes/no question of dialogs/screening.yaml")}
    for language, reader in content.replies.items():
        for part, (ids, what) in known.items():
            report.problems += [f"dialogs/replies.{language}.yaml: {part}: {name!r} is not {what}"
                                for name in sorted(reader.names[part] - ids)]
        # Read in every chat, whatever its language (bot/flows/navigation.py).
        for kind, words in reader.navigate.items():
            report.problems += [
                f"dialogs/replies.{language}.yaml: navigate: {kind}: {' '.join(phrase)!r} is "
                "read as an answer or a yes to an offer"
                for phrase in sorted(words) if any(
                    kind not in ABOUT_THE_CHAT and other.answer(" ".join(phrase)) is not None
                    or other.affirms(" ".join(phrase)) for other in content.replies.values())]
