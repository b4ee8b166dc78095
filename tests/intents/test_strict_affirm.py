"""`affirm` is strict (issue 7, part 1): at an order summary it places the order, so only an
unconditional confirmation of the closed set is `affirm`. A yes that carries a question, a
condition, a hesitation or another value is what it carries, or `acknowledge` (asks for
nothing, places nothing)."""

from __future__ import annotations

from typing import Final

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intents import Classifier, load_classifier
from intents.training_data import load_lexicon

AFFIRM: Final = "affirm"


@pytest.mark.parametrize("text", [
    "ok ma perché così tanto?", "si ma è giusto?", "va bene ma posso annullare dopo?",
    "ok aspetta un attimo", "ok momento", "si ok aspetta che chiedo", "ah ok", "mmm ok",
    "ok capito", "va bene grazie", "okay ma riduci a 9", "si ma a 7", "va bene ma annuale",
    "ok, e l'iva?", "ok quindi pago 1113?", "sì però domani", "ok ma", "sì, ma prima una cosa",
    "va bene, fammi pensare", "certo ma non adesso", "yes but make it 7", "ok wait",
])
def test_a_yes_carrying_anything_else_is_not_affirm(classifier: Classifier, text: str) -> None:
    assert classifier.classify(text).intent != AFFIRM


@pytest.mark.parametrize(("text", "intent"), [
    ("ok ma perché così tanto?", "plan.costs"),
    ("ok, e l'iva?", "plan.costs"),
    ("ok quindi pago 1113?", "plan.costs"),
    ("va bene ma posso annullare dopo?", "subscription.cancel"),
])
def test_a_yes_carrying_a_question_is_the_question(classifier: Classifier, text: str,
                                                   intent: str) -> None:
    assert classifier.classify(text).intent == intent


@pytest.mark.parametrize(("text", "slots"), [
    ("okay ma riduci a 9", {"count": 9, "count_mode": "set"}),
    ("si ma a 7", {"count": 7, "count_mode": "set"}),
    ("va bene ma annuale", {"frequency": "annual"}),
])
def test_a_yes_carrying_a_value_keeps_the_value(classifier: Classifier, text: str,
                                                slots: dict[str, object]) -> None:
    result = classifier.classify(text)
    assert result.intent != AFFIRM
    assert result.slots == slots


def test_an_amount_in_a_question_is_not_a_count(classifier: Classifier) -> None:
    assert "count" not in classifier.classify("ok quindi pago 1113?").slots


@pytest.mark.parametrize("text", [
    "ok aspetta un attimo", "ok momento", "si ok aspetta che chiedo", "ah ok", "mmm ok",
    "ok capito", "sì però domani", "ok ma",
])
def test_a_pure_hesitation_or_acknowledgement_is_acknowledge(classifier: Classifier,
                                                             text: str) -> None:
    result = classifier.classify(text)
    assert (result.intent, result.band) == ("acknowledge", "answer")


def test_fine_thanks_is_a_thank_you_but_yes_thanks_is_a_yes(classifier: Classifier) -> None:
    assert classifier.classify("va bene grazie").intent == "thanks"
    assert classifier.classify("perfetto, grazie").intent == "thanks"
    assert classifier.classify("sì grazie").intent == AFFIRM
    assert classifier.classify("procedi, grazie").intent == AFFIRM


@pytest.mark.parametrize("text", [
    "sì", "Sì!", "si", "confermo", "Confermo.", "procedi", "ok procedi", "yes", "confirm",
    "sì, procedi", "ok 👍", "👍", "✅", "confermo ✅", "sì sì, va bene, procedi pure",
    "yes, go ahead", "va bene", "certo", "sì per favore", "confermo l'ordine",
])
def test_the_closed_set_of_confirmations_is_affirm(classifier: Classifier, text: str) -> None:
    result = classifier.classify(text)
    assert (result.intent, result.band) == (AFFIRM, "answer")


def test_every_affirm_training_phrase_is_in_the_closed_set(classifier: Classifier) -> None:
    # The model never learns `affirm`: its training phrases document the closed set.
    from intents.training_data import load_training_set

    phrases = load_training_set().intents[AFFIRM]
    assert [p for p in phrases if classifier.classify(p).intent != AFFIRM] == []


_UNITS = sorted(load_lexicon().short_replies[AFFIRM])
_TAILS = [
    "ma", "però", "aspetta", "un attimo", "domani", "ma perché?", "a 7", "ma 9 licenze",
    "e l'iva?", "quanto costa?", "annuale", "capito", "momento", "ma prima chiedo",
    "but wait", "ma non subito", "se costa meno", "dopo", "?", "ma è giusto?",
]


@settings(database=None, max_examples=300, deadline=None)
@given(yes=st.lists(st.sampled_from(_UNITS), min_size=1, max_size=3),
       tail=st.sampled_from(_TAILS), separator=st.sampled_from([" ", ", ", "... ", "! "]))
def test_no_yes_followed_by_a_hedge_a_value_or_a_question_is_affirm(
        yes: list[str], tail: str, separator: str) -> None:
    text = " ".join(yes) + separator + tail
    assert load_classifier().classify(text).intent != AFFIRM, text


@settings(database=None, max_examples=200, deadline=None)
@given(yes=st.lists(st.sampled_from(_UNITS), min_size=1, max_size=3),
       ending=st.sampled_from(["", "!", ".", " 👍", " ✅", " :+1:", " per favore"]))
def test_a_sequence_of_confirmations_is_affirm(yes: list[str], ending: str) -> None:
    text = ", ".join(yes) + ending
    assert load_classifier().classify(text).intent == AFFIRM, text
