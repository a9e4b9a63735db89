"""The classifier beside the word lists: deterministic, learned from the examples it is given,
asked only where the FAQ match is unsure, and never over a health statement; the safety net
learned from the same examples can only send a message to caution."""

from __future__ import annotations

from bot.content import Content
from bot.content.classifier import HEALTH, Classifier, cautious
from bot.content.routing import faq_matcher, route

EXAMPLES = (("how long does it take", "faq:duration"), ("how much time is it", "faq:duration"),
            ("what does it cost", "faq:price"), ("how much do you charge", "faq:price"),
            ("do you do nails", "none"), ("do you sell creams", "none"))


def test_a_guess_is_learned_from_the_examples_and_the_same_every_time() -> None:
    model = Classifier("en", EXAMPLES)
    guess = model.guess("how much do you charge for it")
    assert guess is not None and guess.label == "faq:price" and guess.margin > 0
    assert Classifier("en", EXAMPLES[::-1]).guess("how much do you charge for it") == guess
    assert model.guess("zzzz") is None


def test_the_classifier_answers_where_the_words_are_unsure_never_over_health(
    shipped_content: Content
) -> None:
    matcher = faq_matcher(shipped_content, "ru")
    text = "в чем смысл этой процедуры"
    keywords = matcher.best(text)
    assert keywords is None or keywords.score < shipped_content.faq_threshold
    assert route(shipped_content, matcher, "ru", text).label == "faq:what"
    assert route(shipped_content, matcher, "ru", "после бритья раздражение").label == "health"


def test_the_shipped_examples_teach_both_languages(shipped_content: Content) -> None:
    assert set(shipped_content.classifiers) == {"en", "ru"}


def test_a_match_on_everyday_words_around_an_unknown_one_is_no_topic(
    shipped_content: Content
) -> None:
    """"Who" and "what" are in topics' phrases ("who can't", "what exactly"); "owner" and
    "brand" in none."""
    for language, text in (("en", "who is the owner"), ("en", "what brand is the machine")):
        matcher = faq_matcher(shipped_content, language)
        keywords = matcher.best(text)
        assert keywords is not None and keywords.score >= shipped_content.faq_threshold
        assert route(shipped_content, matcher, language, text).label == "none"


def test_a_question_about_something_no_topic_knows_gets_no_guessed_topic(
    shipped_content: Content
) -> None:
    """The classifier was sure this asks for the best season: words no topic knows ("wifi",
    "waiting", "guest") leave it to the offer to ask a person."""
    for language, text in (("en", "Is there wifi in the waiting room for guest 7?"),):
        matcher = faq_matcher(shipped_content, language)
        assert route(shipped_content, matcher, language, text).label == "none"


def test_the_safety_net_learns_health_statement_or_not_from_the_same_examples() -> None:
    examples = (*EXAMPLES, ("i take warfarin", "condition:bleeding"),
                ("i take thyroid pills", "health"), ("i had botox last week", "health"))
    assert {label for _, label in cautious(examples)} == {HEALTH, "other"}
    net = Classifier("en", cautious(examples))
    said = net.guess("i take heart pills")
    asked = net.guess("how much do you charge")
    assert said is not None and said.label == HEALTH
    assert asked is not None and asked.label == "other"


def test_the_safety_net_never_takes_a_health_statement_away(shipped_content: Content) -> None:
    """Without the net, what the rules call a health statement stays one with it."""
    for language, text in (("ru", "после бритья раздражение"),
                           ("en", "I take blood pressure pills"),
                           ("en", "I had botox three days ago, is that ok?")):
        matcher = faq_matcher(shipped_content, language)
        with_net = route(shipped_content, matcher, language, text).label
        net, shipped_content.cautions = shipped_content.cautions, {}
        try:
            assert route(shipped_content, matcher, language, text).label == with_net == "health"
        finally:
            shipped_content.cautions = net


def test_a_fairly_sure_match_gives_way_to_a_far_surer_classifier(shipped_content: Content) -> None:
    """"Результат" is a results keyword, "что делать" an aftercare one and "peel" names the
    procedure; the examples know these ask how many sessions it takes, how a session goes and
    what the skin may do after."""
    for language, text, label in (
            ("ru", "сколько раз надо прийти, чтобы был заметен результат", "faq:course"),
            ("ru", "что делают на сеансе, расскажите", "faq:process"),
            ("en", "could my skin peel afterwards", "faq:side_effects")):
        matcher = faq_matcher(shipped_content, language)
        keywords = matcher.best(text)
        assert keywords is not None and keywords.score > shipped_content.faq_threshold
        assert f"faq:{keywords.topic_id}" != label
        assert route(shipped_content, matcher, language, text).label == label
