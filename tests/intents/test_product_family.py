"""The product family hint: "GoToAssist" says the GoToAssist line, not v4 or v5.

It is no contract slot: the `slots` of a classification (and `billing-bot classify`) keep only
the contract's slot names; the hint is `Classification.product_family`."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.commands.classify import as_json
from intents.slots import extract_slots, family, product_family


@pytest.mark.parametrize("text", [
    "riduci a 1 le licenze di GoToAssist",
    "riduci a 1 le licenze di gotoassist",
    "voglio ridurre le licenze di GoTo Assist",
    "licenze di go to assist",
    "licenze di gotoasist",  # a typo
    "GoToAssist",
])
def test_gotoassist_alone_names_the_family_and_no_product(text: str) -> None:
    assert product_family(text) == "gotoassist"
    assert "product" not in extract_slots(text)


@pytest.mark.parametrize("text", [
    "riduci a 1 le licenze di GoTo",
    "riduci le licenze di goto",
    "GoTo",
    "can you assist me with the licenses?",
    "riduci a 1 le licenze",
    "riduci a 1 le licenze di GoToAssist v4",   # a product, not only its family
    "passa da GoToAssist a GoTo Webinar",       # names a product
])
def test_no_family_hint(text: str) -> None:
    assert product_family(text) is None


def test_the_family_lists_its_products_and_its_name() -> None:
    gotoassist = family("gotoassist")
    assert gotoassist is not None
    assert gotoassist.name == "GoToAssist"
    assert set(gotoassist.products) == {"gotoassist_v4", "gotoassist_v5"}
    assert family("goto") is None


def test_the_classification_carries_the_hint_outside_the_contract_slots(classifier: Any) -> None:
    result = classifier.classify("riduci a 1 le licenze di GoToAssist")
    assert result.intent == "licenses.reduce"
    assert result.slots == {"count": 1, "count_mode": "set"}
    assert result.product_family == "gotoassist"
    line = json.loads(as_json(result))
    assert set(line) == {"text", "intent", "confidence", "slots", "band", "candidates"}
    assert line["slots"] == {"count": 1, "count_mode": "set"}

    assert classifier.classify("riduci a 1 le licenze di GoTo").product_family is None
    assert classifier.classify("riduci a 1 le licenze di GoToAssist v4").product_family is None
