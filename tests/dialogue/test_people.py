"""Who speaks: billing contacts act, users are sent to their billing contact, strangers get FAQ
only, agents act for a customer (audited by billing_core)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from billing_core import BillingService

from tests.dialogue.conftest import ChatFactory, orders, subscription


def test_a_user_who_is_not_the_billing_contact_is_told_who_is(chat: ChatFactory,
                                                              service: BillingService) -> None:
    luca = chat("luca.bianchi@example.com")
    text = luca.say("riduci a 8 le licenze di GoTo Webinar")
    assert "Maria Rossi" in text and "maria.rossi@example.com" in text
    assert "Conferma" not in luca.labels
    assert orders(service, "ACC-1001") == []


def test_a_stranger_gets_faq_answers_but_no_account_data_and_no_transaction(
        chat: ChatFactory) -> None:
    stranger = chat("qualcuno@altrove.it")
    text = stranger.say("chi è il nostro contatto di fatturazione?")
    assert "Maria" not in text and "Per il vostro account" not in text
    text = stranger.say("riduci a 8 le licenze di GoTo Webinar")
    assert "Non trovo un account" in text
    assert stranger.labels == []


def test_an_agent_acts_for_a_customer_named_in_the_message(chat: ChatFactory,
                                                           service: BillingService) -> None:
    agent = chat("supporto@example.com")
    text = agent.say("riduci a 8 le licenze di GoTo Webinar")
    assert "per conto di" in text
    text = agent.say("per conto di ACC-1001 riduci a 8 le licenze di GoTo Webinar")
    assert "Rossi Consulting" in text
    assert "Totale dovuto oggi: 1.113,86 €" in text
    agent.click("Conferma")
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 8


def test_an_agent_can_choose_the_customer_by_contact_email(chat: ChatFactory) -> None:
    agent = chat("supporto@example.com")
    text = agent.say("per conto di giulia.verdi@example.com")
    assert "Acme Italia" in text
    text = agent.say("chi è il contatto di fatturazione?")
    assert "Giulia" in text


def test_an_agent_always_sees_which_customer_an_order_is_for(chat: ChatFactory,
                                                             service: BillingService,
                                                             database_url: str) -> None:
    agent = chat("supporto@example.com")
    agent.say("per conto di ACC-1001")
    text = agent.say("ACC-9999")
    assert "Non trovo nessun account per «ACC-9999»" in text
    assert "Continui a operare per conto di Rossi Consulting S.r.l. (ACC-1001)." in text
    text = agent.say("chi è il contatto di fatturazione?")
    assert "Per l'account del cliente, Rossi Consulting S.r.l. (ACC-1001)" in text
    assert "Per il vostro account" not in text
    text = agent.say("riduci a 8 le licenze di GoTo Webinar")
    assert "Account del cliente: Rossi Consulting S.r.l. (ACC-1001)" in text
    agent.click("Conferma")
    assert [o.kind for o in orders(service, "ACC-1001")] == ["licenses.reduce"]

    from sqlalchemy import create_engine
    from sqlalchemy import text as sql

    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            actors = connection.execute(sql(
                "SELECT DISTINCT actor_email, on_behalf_of FROM audit_log "
                "WHERE account_id = 'ACC-1001' AND action LIKE '%confirm%'")).all()
    finally:
        engine.dispose()
    assert [tuple(row) for row in actors] == [("supporto@example.com", "ACC-1001")]


def test_a_customer_does_not_see_the_agent_account_line(chat: ChatFactory) -> None:
    maria = chat("maria.rossi@example.com")
    text = maria.say("riduci a 8 le licenze di GoTo Webinar")
    assert "Account del cliente" not in text
    assert "Per l'account del cliente" not in maria.say("chi è il contatto di fatturazione?")


AGENT_CONSENT = ("Confermando, effettui l'ordine per conto di Rossi Consulting S.r.l. "
                 "(ACC-1001): conferma solo con il consenso del cliente.")


def test_an_agent_is_told_that_confirming_orders_for_the_customer_with_consent(
        chat: ChatFactory, service: BillingService) -> None:
    agent = chat("supporto@example.com")
    text = agent.say("per conto di ACC-1001 riduci a 8 le licenze di GoTo Webinar")
    assert AGENT_CONSENT in text, text
    assert orders(service, "ACC-1001") == []
    text = agent.say("sì")  # the agent confirms for the customer, as the contract allows
    assert "Fatto!" in text
    assert [o.kind for o in orders(service, "ACC-1001")] == ["licenses.reduce"]
    text = agent.say("disdici GoToAssist")
    assert ("Confermando, registri la disdetta per conto di Rossi Consulting S.r.l. "
            "(ACC-1001): conferma solo con il consenso del cliente.") in text, text
    # the customer's own summaries say nothing of the kind
    maria = chat("maria.rossi@example.com")
    text = maria.say("riduci a 6 le licenze di GoTo Webinar")
    assert "Riepilogo dell'ordine" in text and "Confermando" not in text
    assert "consenso del cliente" not in text
