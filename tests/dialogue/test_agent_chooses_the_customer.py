"""An agent (supporto@example.com) choosing the customer, as a wary-customer pass met it:

- "riduci a 8 le licenze di GoTo Webinar" → «Per quale cliente…?» → "ACC-1001" switched the
  account but dropped the request: it now goes on (its summary follows);
- "per conto di acc 1001" and "ACC1001" were not read as account ids;
- "anzi per ACC-2001" at an ACC-1001 summary dropped the summary without a word: the agent is
  told the ACC-1001 request was set aside (nothing registered).
Nothing is placed without the Conferma press.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.dialogue.conftest import ChatFactory, orders, subscription

if TYPE_CHECKING:
    from billing_core import BillingService

AGENT = "supporto@example.com"
REDUCE = "riduci a 8 le licenze di GoTo Webinar"
WHICH_CUSTOMER = "Per quale cliente vuoi operare?"
ROSSI = "ora operi per conto di Rossi Consulting S.r.l. (ACC-1001)"


@pytest.mark.parametrize("answer", ["ACC-1001", "ACC1001", "acc 1001", "per conto di acc 1001",
                                    "per conto di maria.rossi@example.com"])
def test_the_request_asked_before_the_customer_goes_on(chat: ChatFactory,
                                                       service: BillingService,
                                                       answer: str) -> None:
    agent = chat(AGENT)
    assert WHICH_CUSTOMER in agent.say(REDUCE)
    text = agent.say(answer)
    assert ROSSI in text, text
    assert "Riepilogo dell'ordine" in text and "da 10 a 8 licenze" in text
    assert "Totale dovuto oggi: 1.113,86 €" in text
    assert orders(service, "ACC-1001") == []
    agent.click("Conferma")
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 8


def test_a_request_waits_for_the_customer_only_until_the_next_message(
        chat: ChatFactory, service: BillingService) -> None:
    agent = chat(AGENT)
    agent.say(REDUCE)
    text = agent.say("ACC-9999")  # no such account: the request still waits for one
    assert "Non trovo nessun account per «ACC-9999»" in text
    text = agent.say("ACC1001")
    assert ROSSI in text and "da 10 a 8 licenze" in text
    agent.click("Annulla")
    agent.say("chi è il contatto di fatturazione?")
    agent.say(REDUCE)  # for ACC-1001 now: a summary at once
    assert "Riepilogo dell'ordine" in agent.text
    agent.click("Annulla")
    assert orders(service, "ACC-1001") == []


def test_another_request_in_between_drops_the_waiting_one(chat: ChatFactory) -> None:
    agent = chat(AGENT)
    agent.say(REDUCE)
    agent.say("cos'è il Centro fatturazione?")
    text = agent.say("ACC-1001")
    assert ROSSI in text and "Riepilogo" not in text


@pytest.mark.parametrize("text", ["ho 1001 licenze", "riduci a 1001"])
def test_an_ordinary_number_is_no_account(chat: ChatFactory, text: str) -> None:
    agent = chat(AGENT)
    assert "operi per conto di" not in agent.say(text)


def test_another_customer_at_a_summary_sets_the_request_aside_out_loud(
        chat: ChatFactory, service: BillingService) -> None:
    agent = chat(AGENT)
    agent.say(f"per conto di ACC-1001 {REDUCE}")
    assert "Riepilogo dell'ordine" in agent.text
    text = agent.say("anzi per ACC-2001")
    assert "Ho messo da parte la richiesta di ridurre le licenze (GoTo Webinar) per Rossi " \
           "Consulting S.r.l. (ACC-1001): non ho registrato niente." in text, text
    assert "ora operi per conto di Acme Italia S.p.A. (ACC-2001)" in text
    assert "Conferma" not in agent.labels and "non lo so" not in text
    assert orders(service, "ACC-1001") == [] and orders(service, "ACC-2001") == []
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 10


def test_the_same_customer_named_again_keeps_the_summary(chat: ChatFactory,
                                                         service: BillingService) -> None:
    agent = chat(AGENT)
    agent.say(f"per conto di ACC-1001 {REDUCE}")
    text = agent.say("per conto di ACC-1001")
    assert "Riepilogo dell'ordine" in text and "da 10 a 8 licenze" in text
    assert "messo da parte" not in text
    assert orders(service, "ACC-1001") == []
