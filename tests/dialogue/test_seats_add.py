"""seats.add: standard accounts change plan with more licenses; corporate accounts get a quote."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from billing_core import BillingService

from tests.dialogue.conftest import account, orders, subscription


def test_standard_account_adds_licenses_through_a_plan_change(chat,
                                                             service: BillingService) -> None:
    maria = chat("maria.rossi@example.com")
    text = maria.say("aggiungi 2 licenze a GoTo Webinar")
    assert "da 10 a 12 licenze" in text
    assert maria.intents[-1] == "seats.add"
    text = maria.click("Conferma")
    assert "assegna" in text.lower()
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 12
    assert len(orders(service, "ACC-1001")) == 1


def test_corporate_open_quote_can_be_accepted(chat, service: BillingService) -> None:
    giulia = chat("giulia.verdi@example.com")
    text = giulia.say("ci servono 6 postazioni in più di GoTo Meeting")
    assert "preventivo aperto" in text
    assert giulia.labels == ["Accetta il preventivo", "Rifiuta il preventivo", "Nuovo ordine"]
    text = giulia.click("Accetta il preventivo")
    assert "Riepilogo dell'ordine" in text and "24 ore" in text
    text = giulia.click("Conferma")
    assert "24 ore" in text
    placed = orders(service, "ACC-2001")
    assert [o.status for o in placed] == ["processing"]
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["accepted"]


def test_corporate_open_quote_can_be_rejected_then_a_new_order_placed(
        chat, service: BillingService) -> None:
    giulia = chat("giulia.verdi@example.com")
    giulia.say("ci servono 6 postazioni in più di GoTo Meeting")
    text = giulia.click("Rifiuta il preventivo")
    assert "Ho rifiutato il preventivo" in text
    assert "6 postazioni in più (da 50 a 56)" in text
    giulia.click("Conferma")
    quotes = {q.status for q in account(service, "ACC-2001").quotes}
    assert "rejected" in quotes
    assert [o.status for o in orders(service, "ACC-2001")] == ["processing"]


def test_corporate_new_order_warns_that_the_open_quote_expires_and_annulla_keeps_it(
        chat, service: BillingService) -> None:
    giulia = chat("giulia.verdi@example.com")
    giulia.say("aggiungi postazioni a GoTo Meeting")
    text = giulia.click("Nuovo ordine")
    assert "Quante postazioni vuoi aggiungere?" in text
    text = giulia.say("3")
    assert "3 postazioni in più" in text
    text = giulia.click("Annulla")
    assert "nessun ordine" in text
    assert orders(service, "ACC-2001") == []
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["open"]


def test_corporate_account_without_automatic_payment_is_refused_with_a_handoff(
        chat, service: BillingService) -> None:
    franco = chat("franco.verdi@example.com")
    franco.say("aggiungi 5 postazioni a GoTo Webinar")
    assert "Parla con una persona" in franco.labels
    assert orders(service, "ACC-5001") == []


def test_a_lower_total_when_adding_offers_the_reduction_instead(chat,
                                                                service: BillingService) -> None:
    maria = chat("maria.rossi@example.com")
    maria.say("aggiungi licenze a GoTo Webinar")
    text = maria.say("portale a 8")
    assert "è una riduzione" in text
    text = maria.click("Sì, riduci a 8")
    assert maria.intents[-1] == "licenses.reduce"
    assert "da 10 a 8 licenze" in text
    maria.click("Annulla")
    assert orders(service, "ACC-1001") == []
