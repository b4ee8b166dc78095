"""Requests read right with their counts and tiers (issue 7, part 3): a count change in few
words is answered, and a tier asked for is a plan change whatever else the request carries."""

from __future__ import annotations

import pytest

from intents import Classifier


@pytest.mark.parametrize(("text", "intent"), [
    ("riduci webinar a 5", "licenses.reduce"),
    # the product's full name once made a swap and a purchase look likely: "Intendevi…?"
    ("riduci GoTo Webinar a 8", "licenses.reduce"),
    ("abbassa a 7 gli utenti webinar", "licenses.reduce"),
    ("riduci webinar di 2", "licenses.reduce"),
    ("riduci le licenze webinar perché 3 colleghi sono andati via", "licenses.reduce"),
    ("da 15 a 11", "licenses.reduce"),
    ("+4 postazioni", "seats.add"),
])
def test_a_count_change_in_few_words_is_answered(classifier: Classifier, text: str,
                                                 intent: str) -> None:
    result = classifier.classify(text)
    assert (result.intent, result.band) == (intent, "answer")


@pytest.mark.parametrize(("text", "plan"), [
    ("passa webinar a standard con 12 licenze", "standard"),
    ("vorrei scendere al piano standard per webinar, costa troppo", "standard"),
    ("aggiungi 3 licenze e passa al piano enterprise", "enterprise"),
])
def test_a_tier_asked_for_is_a_plan_change_even_with_a_count(classifier: Classifier, text: str,
                                                             plan: str) -> None:
    result = classifier.classify(text)
    assert result.intent == "plan.change"
    assert result.slots["plan"] == plan


def test_a_tier_that_only_describes_the_current_plan_leaves_a_reduction_alone(
        classifier: Classifier) -> None:
    result = classifier.classify("riduci le licenze del piano pro a 5")
    assert result.intent == "licenses.reduce"
    assert result.slots["count"] == 5
