"""Who speaks: billing contacts act, users are sent to their billing contact, strangers get FAQ
only, agents act for a customer (audited by billing_core)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from billing_core import BillingService

from tests.dialogue.conftest import orders, subscription


def test_a_user_who_is_not_the_billing_contact_is_told_who_is(chat,
                                                              service: BillingService) -> None:
    luca = chat("luca.bianchi@example.com")
    text = luca.say("riduci a 8 le licenze di GoTo Webinar")
    assert "Maria Rossi" in text and "maria.rossi@example.com" in text
    assert "Conferma" not in luca.labels
    assert orders(service, "ACC-1001") == []


def test_a_stranger_gets_faq_answers_but_no_account_data_and_no_transaction(chat) -> None:
    stranger = chat("qualcuno@altrove.it")
    text = stranger.say("chi è il nostro contatto di fatturazione?")
    assert "Maria" not in text and "Per il tuo account" not in text
    text = stranger.say("riduci a 8 le licenze di GoTo Webinar")
    assert "Non trovo un account" in text
    assert stranger.labels == []


def test_an_agent_acts_for_a_customer_named_in_the_message(chat,
                                                           service: BillingService) -> None:
    agent = chat("supporto@example.com")
    text = agent.say("riduci a 8 le licenze di GoTo Webinar")
    assert "per conto di" in text
    text = agent.say("per conto di ACC-1001 riduci a 8 le licenze di GoTo Webinar")
    assert "Rossi Consulting" in text
    assert "Totale dovuto oggi: 1.113,86 €" in text
    agent.click("Conferma")
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 8


def test_an_agent_can_choose_the_customer_by_contact_email(chat) -> None:
    agent = chat("supporto@example.com")
    text = agent.say("per conto di giulia.verdi@example.com")
    assert "Acme Italia" in text
    text = agent.say("chi è il contatto di fatturazione?")
    assert "Giulia" in text
