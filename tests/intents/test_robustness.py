"""Whatever a user types, the classifier answers with a valid result and never crashes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from intents import load_classifier
from intents.normalize import normalize
from intents.slots import extract_slots
from intents.training_data import INTENTS, PRODUCTS, SLOT_NAMES

_WORDS = st.sampled_from(
    ["riduci", "a", "5", "cinque", "licenze", "GoTo", "Webinar", "v4", "non", "sì", "annulla",
     "<@U024BE7LH>", ":+1:", "👍", "da", "10", "7", "più", "mensile", "pro", "rata", "W-9", "€",
     "2+2", "sei", "un'altra", "grazie", "mille", "!!!", "ventitré", "è", "\n", "<#C1|x>"]
)
_MESSAGES = st.one_of(st.text(max_size=80), st.lists(_WORDS, max_size=12).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(_MESSAGES)
def test_any_message_gets_a_valid_classification(text: str) -> None:
    result = load_classifier().classify(text)
    assert result.intent in INTENTS
    assert 0.0 <= result.confidence <= 1.0
    assert result.band in ("answer", "ask", "out_of_scope")
    assert (result.band == "out_of_scope") == (result.intent == "out_of_scope")
    assert set(result.slots) <= set(SLOT_NAMES)
    if "product" in result.slots:
        assert result.slots["product"] in PRODUCTS
    if "count" in result.slots:
        assert isinstance(result.slots["count"], int) and result.slots["count"] > 0
    if "count_mode" in result.slots:
        assert "count" in result.slots


@settings(max_examples=300, deadline=None)
@given(_MESSAGES)
def test_normalised_text_is_plain_words(text: str) -> None:
    normalized = normalize(text)
    assert normalized == normalized.strip()
    assert all(word.isascii() and word.isalnum() and word == word.lower()
               for word in normalized.split())


@settings(max_examples=200, deadline=None)
@given(_MESSAGES)
def test_slots_of_a_message_do_not_depend_on_slack_decoration(text: str) -> None:
    assert extract_slots(f"<@U024BE7LH> {text} :smile:") == extract_slots(text)
