"""A payment without a VAT number on file asks for the partita IVA first (Elena Ferri, ACC-6001)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from billing_core import BillingService
    from billing_core.conversations import ConversationStore

from tests.dialogue.conftest import ChatFactory, account, orders


def test_vat_number_is_asked_validated_saved_and_the_summary_follows(
        chat: ChatFactory, service: BillingService) -> None:
    elena = chat("elena.ferri@example.com")
    text = elena.say("aggiungi 2 licenze a GoTo Meeting")
    assert "partita IVA" in text
    assert "Conferma" not in elena.labels
    text = elena.say("IT123")
    assert "Questa partita IVA non è valida" in text and "11 cifre" in text
    assert "Conferma" not in elena.labels
    text = elena.say("IT12345678901")
    assert "partita IVA" in text and "Conferma" not in elena.labels
    assert account(service, "ACC-6001").vat_number is None
    text = elena.say("IT07643520567")
    assert "IT********567" in text
    assert "07643520567" not in text
    assert "Riepilogo dell'ordine" in text
    elena.click("Conferma")
    assert account(service, "ACC-6001").vat_number == "IT07643520567"
    assert len(orders(service, "ACC-6001")) == 1


def test_the_vat_number_is_not_kept_in_the_conversation_history(
        chat: ChatFactory, store: ConversationStore) -> None:
    elena = chat("elena.ferri@example.com")
    elena.say("aggiungi 2 licenze a GoTo Meeting")
    elena.say("IT07643520567")
    stored = store.load(elena.key)
    assert stored is not None
    assert "07643520567" not in str(stored.state)


def test_the_example_vat_number_shown_is_itself_valid(chat: ChatFactory,
                                                      service: BillingService) -> None:
    """Copying the example the bot shows is not refused as invalid (python-stdnum)."""
    elena = chat("elena.ferri@example.com")
    text = elena.say("aggiungi 2 licenze a GoTo Meeting")
    example = "IT01234560017"
    assert f"per esempio {example}" in text
    text = elena.say(example)
    assert "non è valida" not in text and "Riepilogo dell'ordine" in text
    assert account(service, "ACC-6001").vat_number == example


@pytest.mark.parametrize("typed", ["IT 07643520567", "IT-07643520567"])
def test_a_vat_number_typed_at_another_question_does_not_stop_the_request(
        chat: ChatFactory, service: BillingService, typed: str) -> None:
    """The matcher reads "IT 07643520567" as a no; at the count question it once cancelled the
    request ("Va bene, ho annullato l'operazione"). A message with a figure is never a no: the
    question is asked again and the request goes on."""
    elena = chat("elena.ferri@example.com")
    assert "A quante licenze" in elena.say("riduci le licenze di GoTo Meeting")
    text = elena.say(typed)
    assert "annullato" not in text
    assert "A quante licenze" in text
    assert "7643520567" not in text  # once read as a count of 7,643,520,567 licenses
    assert "serve la partita IVA" in elena.say("3")
    assert "Riepilogo dell'ordine" in elena.say(typed)
    assert orders(service, "ACC-6001") == []
