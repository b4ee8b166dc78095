"""The billing words: one list in the lexicon (`billing_words`), read by the rule about using the
product and by the rules about other companies' things alike."""

from __future__ import annotations

import pytest
import yaml
from pydantic import ValidationError

from intents import Classifier
from intents.billing_words import is_head, mentions_billing, names_thing
from intents.foreign import foreign_only
from intents.training_data import DATA_DIR, Lexicon, load_lexicon


def _example(entry: str) -> str:
    """A word the entry stands for: a beginning ("licenz*") with an ending, else the entry."""
    return entry[:-1] + "e" if entry.endswith("*") else entry


def test_every_billing_word_is_read_as_its_group_says() -> None:
    words = load_lexicon().billing_words
    for entry in words.things:
        assert names_thing(_example(entry)), entry
    for entry in words.things + words.acts + words.topics:
        assert mentions_billing(f"ho una domanda su {_example(entry)} oggi"), entry
    for entry in words.things + words.acts + words.change_verbs:
        if " " not in entry:
            assert is_head(_example(entry)), entry
    for entry in words.change_verbs:
        # "annulla la riunione", "cambia lo sfondo": not about billing by themselves
        assert not mentions_billing(_example(entry)), entry


def test_whole_words_are_whole_and_beginnings_are_beginnings() -> None:
    assert names_thing("il piano") and not names_thing("il pianoforte")
    assert not names_thing("pianificare la disdetta")
    assert names_thing("le licenze") and mentions_billing("abbiamo disdetto")


def test_a_billing_word_listed_twice_is_a_load_error() -> None:
    with (DATA_DIR / "lexicon.yaml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    data["billing_words"]["topics"].append(data["billing_words"]["things"][0])
    with pytest.raises(ValidationError, match="more than once"):
        Lexicon.model_validate(data)


def test_a_clause_with_no_billing_thing_refers_back_to_the_other_company(
        classifier: Classifier) -> None:
    # "assistenza" is no GoToAssist: the renewal is Netflix's (it was a reactivation, answered)
    text = "l'abbonamento a Netflix è scaduto, serve assistenza per rinnovarlo?"
    assert classifier.classify(text).intent == "out_of_scope"


def test_a_clause_naming_our_product_is_ours(classifier: Classifier) -> None:
    # the product as the slots read it: "riattivalo" refers back to Netflix, "il webinar" not
    assert foreign_only("Netflix è scaduto, riattivalo")
    assert not foreign_only("Netflix è scaduto, riattiva il webinar")
    assert classifier.classify("Netflix è scaduto, riattiva il webinar").intent == (
        "subscription.reactivate")
