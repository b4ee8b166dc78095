"""The data files: enough phrases per intent, a held-out set kept apart, current calibration."""

from __future__ import annotations

from collections import Counter

from intents import cues
from intents.calibrate import stored_temperature
from intents.normalize import normalize
from intents.slots import extract_slots
from intents.training_data import (
    DATA_DIR,
    INTENTS,
    OUT_OF_SCOPE,
    PRODUCTS,
    load_evaluation_set,
    load_fresh_set,
    load_heldout_set,
    load_lexicon,
    load_slot_vocabulary,
    load_training_set,
)


def test_every_contract_intent_has_at_least_15_training_phrases() -> None:
    training = load_training_set().intents
    for intent in INTENTS:
        assert len(training[intent]) >= 15, intent


def test_the_heldout_sets_cover_every_intent_and_out_of_scope() -> None:
    # heldout.yaml was written first; fresh.yaml (issue 7) holds the intents added since.
    counts = Counter(phrase.intent for phrase in
                     load_heldout_set().phrases + load_fresh_set().phrases)
    for intent in INTENTS:
        if intent != OUT_OF_SCOPE:
            assert counts[intent] >= 8, intent
    assert counts[OUT_OF_SCOPE] >= 30


def test_no_heldout_phrase_is_a_training_phrase() -> None:
    training = {normalize(text) for text, _ in load_training_set().examples()}
    heldout = load_heldout_set().phrases + load_fresh_set().phrases + load_evaluation_set(
        DATA_DIR / "fresh2.yaml").phrases
    # A message the lexicon reads whole (a closed-set reply such as "procedi", or nothing left
    # after emoji are dropped) never reaches the model: the same text in both is no leak.
    leaked = [p.text for p in heldout if normalize(p.text) in training
              and normalize(p.text) and cues.short_reply(normalize(p.text)) is None]
    assert leaked == []


def test_no_training_phrase_is_listed_twice() -> None:
    counts = Counter(normalize(text) for text, _ in load_training_set().examples())
    assert [text for text, n in counts.items() if n > 1] == []


def test_the_stored_calibration_matches_the_training_data() -> None:
    assert stored_temperature() is not None, (
        "training.yaml or lexicon.yaml changed: run `python -m intents.evaluate --calibrate`"
    )


def test_every_product_alias_reads_as_its_product() -> None:
    for product, aliases in load_slot_vocabulary().products.items():
        assert product in PRODUCTS
        for alias in aliases:
            assert extract_slots(alias).get("product") == product, alias


def test_every_plan_alias_reads_as_its_tier() -> None:
    for plan, aliases in load_slot_vocabulary().plans.items():
        for alias in aliases:
            assert extract_slots(alias).get("plan") == plan, alias


def test_no_product_tier_or_family_name_starts_with_a_stopword() -> None:
    # the alias search skips windows that start with a stopword (intents/slots.py)
    vocabulary = load_slot_vocabulary()
    stopwords = load_lexicon().stopwords
    names = [name for table in (vocabulary.products, vocabulary.plans) for names in table.values()
             for name in names]
    names += [alias for family in vocabulary.families.values() for alias in family.aliases]
    assert [name for name in names if normalize(name).split()[0] in stopwords] == []
