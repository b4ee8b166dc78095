"""Questions about the account are `account.overview`, never the start of a change; buying what
the account does not have is `purchase.new` (issue 7, part 2)."""

from __future__ import annotations

import pytest

from intents import Classifier

TRANSACTIONS = ("licenses.reduce", "seats.add", "plan.change", "subscription.cancel",
                "subscription.reactivate", "billing.frequency", "product.switch")


@pytest.mark.parametrize("text", [
    "che abbonamenti abbiamo?", "quante licenze abbiamo?", "quando scade il mio abbonamento?",
    "quanto credito ho?", "ho del credito?",
])
def test_a_question_about_the_account_is_the_overview(classifier: Classifier, text: str) -> None:
    result = classifier.classify(text)
    assert (result.intent, result.band) == ("account.overview", "answer")
    assert not set(c for c, _ in result.candidates[:1]) & set(TRANSACTIONS)


@pytest.mark.parametrize(("text", "slots"), [
    ("come compro un nuovo abbonamento?", {}),
    ("voglio comprare GoTo Meeting per 5 persone", {"product": "gotomeeting", "count": 5}),
])
def test_buying_a_new_product_is_a_purchase(classifier: Classifier, text: str,
                                           slots: dict[str, object]) -> None:
    result = classifier.classify(text)
    assert (result.intent, result.band) == ("purchase.new", "answer")
    assert result.slots == slots


def test_paying_in_another_currency_is_not_a_frequency_change(classifier: Classifier) -> None:
    # No help article speaks of currencies: an honest "non lo so", not a frequency change.
    assert classifier.classify("posso pagare in dollari?").intent == "out_of_scope"
