"""plan.change and billing.frequency as Maria Rossi (GoTo Webinar pro, monthly)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from billing_core import BillingService

from tests.dialogue.conftest import ChatFactory, orders, subscription

MARIA = "maria.rossi@example.com"


def test_tier_up_in_one_message(chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    text = maria.say("passiamo a GoTo Webinar Enterprise")
    assert "piano da Pro a Enterprise" in text
    maria.click("Conferma")
    assert subscription(service, "ACC-1001", "gotowebinar").plan == "enterprise"


def test_tier_down_is_refused_with_the_reason_and_a_handoff(chat: ChatFactory,
                                                            service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("passiamo a GoTo Webinar Standard")
    assert "Parla con una persona" in maria.labels
    assert "Conferma" not in maria.labels
    assert orders(service, "ACC-1001") == []
    text = maria.click("Parla con una persona")
    assert "servizio clienti" in text


def test_step_by_step_plan_change_with_buttons(chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("voglio cambiare piano")
    maria.click("GoTo Webinar")
    assert maria.labels == ["Piano", "Numero di licenze", "Frequenza di fatturazione"]
    maria.click("Piano")
    assert "Pro (attuale)" in maria.labels and "Enterprise" in maria.labels
    assert "Professional" not in maria.labels  # only tiers of the product the account has
    text = maria.click("Enterprise")
    assert "Riepilogo dell'ordine" in text
    maria.click("Annulla")
    assert orders(service, "ACC-1001") == []


def test_plan_change_of_licenses_and_frequency(chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("voglio cambiare piano di GoTo Webinar")
    maria.click("Numero di licenze")
    text = maria.say("12")
    assert "da 10 a 12 licenze" in text
    text = maria.click("Conferma")
    assert "assegnare le nuove licenze" in text
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 12


def test_billing_frequency_offers_the_plan_change_with_the_frequency_chosen(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    text = maria.say("vorrei pagare annualmente GoTo Webinar")
    assert "fatturazione da mensile ad annuale" in text
    maria.click("Conferma")
    assert subscription(service, "ACC-1001", "gotowebinar").frequency == "annual"


def test_billing_frequency_without_a_frequency_asks_for_it(chat: ChatFactory) -> None:
    maria = chat(MARIA)
    maria.say("vorrei cambiare la frequenza di fatturazione di GoTo Webinar")
    assert "Annuale" in maria.labels
    text = maria.click("Annuale")
    assert "Riepilogo dell'ordine" in text


def test_a_corporate_account_is_told_why_the_plan_cannot_change_here(
        chat: ChatFactory, service: BillingService) -> None:
    giulia = chat("giulia.verdi@example.com")
    giulia.say("passiamo a GoTo Meeting Enterprise")
    assert "Conferma" not in giulia.labels
    assert orders(service, "ACC-2001") == []


def test_a_lower_tier_chosen_via_modifica_keeps_the_flow(chat: ChatFactory,
                                                         service: BillingService) -> None:
    """"per eseguire il downgrade … devi contattare l'Assistenza clienti" (002): the reason and
    a person to ask, then the plan question again; the flow goes on and nothing is placed."""
    maria = chat(MARIA)
    maria.say("voglio cambiare piano")
    maria.click("GoTo Webinar")
    maria.click("Piano")
    maria.click("Enterprise")
    maria.click("Modifica")
    maria.click("Piano")
    text = maria.click("Standard")
    assert "Il downgrade del piano non si può fare da qui" in text
    assert "Quale piano vuoi?" in text
    assert "Enterprise" in maria.labels and "Parla con una persona" in maria.labels
    assert orders(service, "ACC-1001") == []
    text = maria.click("Enterprise")
    assert "piano da Pro a Enterprise" in text
    maria.click("Conferma")
    assert subscription(service, "ACC-1001", "gotowebinar").plan == "enterprise"
    assert len(orders(service, "ACC-1001")) == 1
