"""A payment without a VAT number on file asks for the partita IVA first (Elena Ferri, ACC-6001).

The number typed goes with the order: the summary shows it, and it is stored on the account
only when the order is confirmed ("no" leaves the account as it was); a corrected number typed
at the summary makes a new summary with it."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from billing_core import BillingService
    from billing_core.clock import FixedClock
    from billing_core.conversations import ConversationStore

from tests.dialogue.conftest import ChatFactory, account, orders

ELENA = "elena.ferri@example.com"


def test_vat_number_is_asked_validated_and_shown_in_the_summary_stored_with_the_order(
        chat: ChatFactory, service: BillingService) -> None:
    elena = chat(ELENA)
    text = elena.say("aggiungi 2 licenze a GoTo Meeting")
    assert "partita IVA" in text
    assert "Conferma" not in elena.labels
    text = elena.say("IT123")
    assert "Questa partita IVA non è valida" in text and "11 cifre" in text
    assert "Conferma" not in elena.labels
    text = elena.say("IT12345678901")
    assert "ufficio provinciale" in text and "Conferma" not in elena.labels
    assert account(service, "ACC-6001").vat_number is None
    text = elena.say("IT07643520567")
    assert "Riepilogo dell'ordine" in text
    # shown in full to the person who typed it, for them to check what the invoice will say
    assert "Partita IVA: IT07643520567" in text
    assert "salvata sull'account solo quando confermi" in text
    assert "ho registrato la partita IVA" not in text
    assert account(service, "ACC-6001").vat_number is None  # not before the order
    text = elena.click("Conferma")
    assert "La partita IVA del riepilogo ora è salvata sull'account" in text
    assert account(service, "ACC-6001").vat_number == "IT07643520567"
    assert len(orders(service, "ACC-6001")) == 1


def test_no_at_the_summary_leaves_the_account_without_the_vat_number(
        chat: ChatFactory, service: BillingService) -> None:
    """QA: the number typed was written to the account at once and stayed after "no"."""
    elena = chat(ELENA)
    elena.say("aggiungi 2 licenze di GoTo Meeting")
    assert "Partita IVA: IT07643520567" in elena.say("IT 07643520567")
    text = elena.say("no")
    assert "nessun ordine è stato effettuato" in text and "non è stata salvata" in text
    assert account(service, "ACC-6001").vat_number is None
    assert orders(service, "ACC-6001") == []


@pytest.mark.parametrize("typed", [
    "ho sbagliato la partita IVA, la corretta è IT12345670017",
    "la partita IVA giusta è IT12345670017",
    "P.IVA IT12345670017",
    "12345670017",
])
def test_a_corrected_vat_number_at_the_summary_makes_a_new_summary_and_confirm_stores_it(
        chat: ChatFactory, service: BillingService, typed: str) -> None:
    """QA: a correction at the summary got the plan costs article; now a new summary."""
    elena = chat(ELENA)
    elena.say("aggiungi 2 licenze di GoTo Meeting")
    elena.say("IT 07643520567")
    text = elena.say(typed)
    assert "Non ho confermato l'ordine del riepilogo precedente" in text
    assert "Partita IVA: IT12345670017" in text and "IT07643520567" not in text
    assert "Riepilogo dell'ordine" in text and "Conferma" in elena.labels
    assert orders(service, "ACC-6001") == []
    assert account(service, "ACC-6001").vat_number is None
    elena.say("sì")
    assert account(service, "ACC-6001").vat_number == "IT12345670017"
    assert len(orders(service, "ACC-6001")) == 1


def test_a_wrong_correction_is_named_and_the_summary_keeps_the_number_it_had(
        chat: ChatFactory, service: BillingService) -> None:
    elena = chat(ELENA)
    elena.say("aggiungi 2 licenze di GoTo Meeting")
    elena.say("IT 07643520567")
    text = elena.say("la partita IVA giusta è IT12345670018")
    assert "codice di controllo" in text and "resta con la partita IVA di prima" in text
    assert "Partita IVA: IT07643520567" in text and "Conferma" in elena.labels
    elena.click("Conferma")
    assert account(service, "ACC-6001").vat_number == "IT07643520567"


def test_the_vat_number_goes_on_with_a_revised_or_refreshed_summary(
        chat: ChatFactory, service: BillingService, clock: FixedClock) -> None:
    """A new summary of the same request (another count, an expired summary made again)
    carries the number typed: it is not asked again, and the order stores it."""
    elena = chat(ELENA)
    elena.say("aggiungi 2 licenze di GoTo Meeting")
    elena.say("IT 07643520567")
    text = elena.say("anzi 3 licenze in più")
    assert "da 4 a 7 licenze" in text and "Partita IVA: IT07643520567" in text
    clock.advance(timedelta(minutes=16))
    text = elena.click("Conferma")
    assert "riepilogo aggiornato" in text and "Partita IVA: IT07643520567" in text
    assert orders(service, "ACC-6001") == []
    elena.click("Conferma")
    assert account(service, "ACC-6001").vat_number == "IT07643520567"
    assert len(orders(service, "ACC-6001")) == 1


def test_asked_at_the_summary_the_vat_number_of_the_order_is_said(
        chat: ChatFactory, service: BillingService) -> None:
    elena = chat(ELENA)
    elena.say("aggiungi 2 licenze di GoTo Meeting")
    elena.say("IT 07643520567")
    text = elena.say("qual è la nostra partita IVA?")
    assert "La partita IVA dell'ordine è IT07643520567" in text
    assert "Conferma" in elena.labels and orders(service, "ACC-6001") == []


def test_the_vat_number_is_not_kept_in_the_conversation_history(
        chat: ChatFactory, store: ConversationStore) -> None:
    """The summary shows it in full; the conversation state (history, the summary kept for a
    stale press) holds it masked, and the number itself stays with billing_core's preview."""
    elena = chat(ELENA)
    elena.say("aggiungi 2 licenze a GoTo Meeting")
    elena.say("IT07643520567")
    stored = store.load(elena.key)
    assert stored is not None
    assert "07643520567" not in str(stored.state)
    assert "IT********567" in str(stored.state["last_question"])
    elena.say("la partita IVA giusta è IT12345670017")
    stored = store.load(elena.key)
    assert stored is not None and "12345670017" not in str(stored.state)


def test_the_example_vat_number_shown_is_itself_valid(chat: ChatFactory,
                                                      service: BillingService) -> None:
    """Copying the example the bot shows is not refused as invalid (python-stdnum)."""
    elena = chat(ELENA)
    text = elena.say("aggiungi 2 licenze a GoTo Meeting")
    example = "IT01234560017"
    assert f"per esempio {example}" in text
    text = elena.say(example)
    assert "non è valida" not in text and "Riepilogo dell'ordine" in text
    assert f"Partita IVA: {example}" in text
    elena.click("Conferma")
    assert account(service, "ACC-6001").vat_number == example


@pytest.mark.parametrize("typed", ["IT 07643520567", "IT-07643520567"])
def test_a_vat_number_typed_at_another_question_does_not_stop_the_request(
        chat: ChatFactory, service: BillingService, typed: str) -> None:
    """The matcher reads "IT 07643520567" as a no; at the count question it once cancelled the
    request ("Va bene, ho annullato l'operazione"). A message with a figure is never a no: the
    question is asked again and the request goes on."""
    elena = chat(ELENA)
    assert "A quante licenze" in elena.say("riduci le licenze di GoTo Meeting")
    text = elena.say(typed)
    assert "annullato" not in text
    assert "A quante licenze" in text
    assert "7643520567" not in text  # once read as a count of 7,643,520,567 licenses
    assert "serve la partita IVA" in elena.say("3")
    assert "Riepilogo dell'ordine" in elena.say(typed)
    assert orders(service, "ACC-6001") == []
