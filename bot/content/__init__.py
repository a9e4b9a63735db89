"""Everything the bot says, loaded from dialogs/ (structure, templates) and locales/ (wording).

Message ids are symbolic (`faq.what.answer`); every shipped language has its own catalog entry
for each id. Texts are rendered for Telegram's HTML parse mode: variables are escaped, HTML
written in a translation is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from bot.content.i18n import LocaleCatalog, load_catalog


@dataclass(frozen=True)
class Choice:
    id: str
    label: str


@dataclass(frozen=True)
class MenuItem:
    action: str
    label: str


@dataclass(frozen=True)
class FaqTopic:
    id: str
    title: str
    answer: str
    keywords: str
    offer: str | None = None


@dataclass(frozen=True)
class Condition:
    id: str
    outcome: str
    reason: str
    label: str


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    explain: str
    book: str | None


@dataclass(frozen=True)
class Step:
    id: str
    kind: str  # "yes_no" or "choose_many"
    question: str
    declares: str | None = None
    options: tuple[Choice, ...] = ()
    next: str | None = None


@dataclass(frozen=True)
class Screening:
    consent_version: int
    consent_text: str
    outcomes: tuple[Outcome, ...]
    conditions: dict[str, Condition]
    steps: tuple[Step, ...]

    def step(self, step_id: str) -> Step | None:
        return self._by_id.get(step_id)

    @cached_property
    def _by_id(self) -> dict[str, Step]:
        return {s.id: s for s in self.steps}

    @cached_property
    def in_order(self) -> tuple[Step, ...]:
        """The steps in the order they are asked (following `next`), each once."""
        steps: list[Step] = []
        step = self.steps[0] if self.steps else None
        while step is not None and step not in steps:
            steps.append(step)
            step = self.next_step(step.id)
        return tuple(steps)

    def outcome(self, outcome_id: str) -> Outcome:
        return next(o for o in self.outcomes if o.id == outcome_id)

    def next_step(self, step_id: str) -> Step | None:
        step = self.step(step_id)
        if step is None:
            return None
        if step.next:
            return self.step(step.next)
        index = self.steps.index(step)
        return self.steps[index + 1] if index + 1 < len(self.steps) else None


@dataclass(frozen=True)
class Booking:
    preferred_times: tuple[Choice, ...]
    season_months: dict[str, frozenset[int]]
    recheck_days: tuple[int, ...]
    screening_valid_days: int


@dataclass(frozen=True)
class CheckinAnswer:
    id: str
    label: str
    normal: str | None
    problem_from_day: int | None
    describe: bool

    def is_problem(self, day: int) -> bool:
        return self.problem_from_day is not None and day >= self.problem_from_day


@dataclass(frozen=True)
class Aftercare:
    evening_hour: int
    closing_day: int
    next_session_after_days: int
    days: dict[int, str]
    answers: tuple[CheckinAnswer, ...]

    def answer(self, answer_id: str) -> CheckinAnswer | None:
        return next((a for a in self.answers if a.id == answer_id), None)


@dataclass
class Content:
    root: Path
    languages: tuple[str, ...]
    menu: tuple[MenuItem, ...]
    faq: tuple[FaqTopic, ...]
    faq_threshold: float
    faq_ignore_words: str
    screening: Screening
    booking: Booking
    aftercare: Aftercare
    catalogs: dict[str, LocaleCatalog]
    envs: dict[str, Environment]

    def tr_message(self, language: str, msgid: str, **values: Any) -> Markup:
        """One catalog message as Telegram HTML, with `values` escaped into it.

        Like Jinja2's newstyle gettext, a translation is always a %-format string (a literal
        percent sign is written %%), so a text behaves the same in Python and in templates.
        The result is Markup, so a template that includes it does not escape it twice.
        """
        return Markup(self.catalogs[language].translations.gettext(msgid)) % values

    def tr_button_label(self, language: str, msgid: str, **values: Any) -> str:
        """A button label: plain text, never parsed as HTML."""
        return self.catalogs[language].translations.gettext(msgid) % values

    def render(self, language: str, template: str, **values: Any) -> str:
        """A template from dialogs/templates, in `language`, stripped of outer whitespace."""
        return self.envs[language].get_template(template).render(**values).strip()

    def menu_item(self, action: str) -> MenuItem | None:
        return next((m for m in self.menu if m.action == action), None)

    def faq_topic(self, topic_id: str) -> FaqTopic | None:
        return next((t for t in self.faq if t.id == topic_id), None)


def _environment(templates: Path, catalog: LocaleCatalog) -> Environment:
    """One environment per language: gettext is installed environment-wide in Jinja2."""
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=select_autoescape(enabled_extensions=("j2", "html")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,  # templates are read once; no stat() of the file on every render
    )
    env.install_gettext_translations(catalog.translations, newstyle=True)  # type: ignore[attr-defined]
    env.globals["language"] = catalog.language
    return env


def _yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _choices(items: list[dict[str, str]]) -> tuple[Choice, ...]:
    return tuple(Choice(str(i["id"]), str(i["label"])) for i in items)


def _screening(data: dict[str, Any]) -> Screening:
    conditions = {
        cid: Condition(cid, str(c["outcome"]), str(c["reason"]), str(c["label"]))
        for cid, c in data["conditions"].items()
    }
    steps = tuple(
        Step(
            id=str(s["id"]),
            kind=str(s["kind"]),
            question=str(s["question"]),
            declares=s.get("yes"),
            options=_choices(s.get("options", [])),
            next=s.get("next"),
        )
        for s in data["steps"]
    )
    return Screening(
        consent_version=int(data["consent"]["version"]),
        consent_text=str(data["consent"]["text"]),
        outcomes=tuple(
            Outcome(str(o["id"]), str(o["title"]), str(o["explain"]), o.get("book"))
            for o in data["outcomes"]
        ),
        conditions=conditions,
        steps=steps,
    )


def _aftercare(data: dict[str, Any]) -> Aftercare:
    return Aftercare(
        evening_hour=int(data["evening_hour"]),
        closing_day=int(data["closing_day"]),
        next_session_after_days=int(data["next_session_after_days"]),
        days={int(d["day"]): str(d["text"]) for d in data["days"]},
        answers=tuple(
            CheckinAnswer(str(a["id"]), str(a["label"]), a.get("normal"),
                          a.get("problem_from_day"), bool(a.get("describe", False)))
            for a in data["answers"]
        ),
    )


def load_content(root: Path, languages: tuple[str, ...]) -> Content:
    """Read dialogs/ and the catalogs of `languages`. Raises on malformed files."""
    dialogs = root / "dialogs"
    menu = _yaml(dialogs / "menu.yaml")
    faq = _yaml(dialogs / "faq.yaml")
    booking = _yaml(dialogs / "booking.yaml")
    catalogs = {lang: load_catalog(root / "locales", lang) for lang in languages}
    return Content(
        root=root,
        languages=languages,
        menu=tuple(MenuItem(str(i["action"]), str(i["label"])) for i in menu["main_menu"]),
        faq=tuple(
            FaqTopic(str(t["id"]), t["title"], t["answer"], t["keywords"], t.get("offer"))
            for t in faq["topics"]
        ),
        faq_threshold=float(faq["match_threshold"]),
        faq_ignore_words=str(faq["ignore_words"]),
        screening=_screening(_yaml(dialogs / "screening.yaml")),
        booking=Booking(
            preferred_times=_choices(booking["preferred_times"]),
            season_months={k: frozenset(v) for k, v in booking["season"].items()},
            recheck_days=tuple(int(d) for d in booking["recheck_days"]),
            screening_valid_days=int(booking["screening_valid_days"]),
        ),
        aftercare=_aftercare(_yaml(dialogs / "aftercare.yaml")),
        catalogs=catalogs,
        envs={lang: _environment(dialogs / "templates", cat) for lang, cat in catalogs.items()},
    )
