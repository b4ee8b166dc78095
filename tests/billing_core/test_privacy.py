"""Personal data is masked before it is stored for reports or logged (billing_core.privacy)."""

from __future__ import annotations

import pytest

from billing_core.clock import FixedClock
from billing_core.conversations import ConversationStore
from billing_core.db import Database
from billing_core.privacy import mask_personal_data, mask_vat_number


@pytest.mark.parametrize(("text", "hidden", "kept"), [
    ("la nostra partita iva è IT07643520567", "0764352", "IT********567"),
    ("P.IVA 076.435.205.67", "0764352", "********567"),
    ("scrivete a maria.rossi@example.com", "maria.rossi", "m***@example.com"),
    ("la carta 4111 1111 1111 1111 è scaduta", "4111 1111", "************1111"),
    ("iban IT60X0542811101000000123456 per il bonifico", "0542811101", "3456 per il bonifico"),
    ("iban IT60 X054 2811 1010 0000 0123 456", "X054 2811", "IT*********************3456"),
    ("codice fiscale RSSMRA80A01H501U", "RSSMRA80", "01U"),
])
def test_each_kind_of_personal_data_is_masked(text: str, hidden: str, kept: str) -> None:
    masked = mask_personal_data(text)
    assert hidden not in masked and kept in masked, masked


@pytest.mark.parametrize("text", [
    "riduci a 8 le licenze di GoTo Webinar", "ordine ORD-ABC123 del 12/11/2026",
    "ACC-1001 e SUB-1001-1", "voglio 10000 licenze", "1234567890123 non è una carta",
])
def test_ordinary_billing_words_and_numbers_are_left_alone(text: str) -> None:
    assert mask_personal_data(text) == text


def test_vat_numbers_keep_the_prefix_and_last_three_digits() -> None:
    assert mask_vat_number("IT07643520567") == "IT********567"
    assert mask_vat_number("07643520567") == "********567"
    assert mask_vat_number(None) == "-"


def test_unanswered_questions_are_stored_masked(database: Database, clock: FixedClock) -> None:
    store = ConversationStore(database, clock)
    store.record_unanswered("la nostra partita iva è IT07643520567, scrivete a "
                            "maria.rossi@example.com", "maria.rossi@example.com", None, 0.1)
    [row] = store.unanswered_report()
    assert "07643520567" not in row.text and "maria.rossi@" not in row.text
    assert "it********567" in row.text and "m***@example.com" in row.text
