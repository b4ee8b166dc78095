"""A question that names another account, order or quote is not answered with the asker's own
data as if it answered it («per ACC-2001: quante licenze hanno?» once got Maria's own account;
Giulia's «qual è lo stato dell'ordine ORD-<Maria's>?» her own open quote; «chi è il contatto
di fatturazione di ACC-1001?» «… è Giulia Verdi. Sei tu.»). The bot says it shows only the
account's own data; agents still act for any account with "per conto di"."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.dialogue.conftest import ChatFactory, orders

if TYPE_CHECKING:
    from billing_core import BillingService

MARIA = "maria.rossi@example.com"
GIULIA = "giulia.verdi@example.com"
AGENT = "supporto@example.com"
ONLY_OWN = "Posso mostrarti solo i dati del vostro account"


@pytest.mark.parametrize("question", [
    "per ACC-2001: quante licenze hanno?", "ACC-2001 quanto paga?",
    "quando si rinnova l'abbonamento di acc-2001?",
])
def test_another_account_named_by_a_billing_contact(chat: ChatFactory, service: BillingService,
                                                    question: str) -> None:
    maria = chat(MARIA)
    text = maria.say(question)
    assert ONLY_OWN in text and "Rossi Consulting S.r.l. (ACC-1001)" in text, text
    assert "GoTo Webinar Pro: 10 licenze" not in text and "€" not in text
    assert "Acme" not in text and "postazioni" not in text
    assert orders(service, "ACC-1001") == [] and orders(service, "ACC-2001") == []


def test_the_billing_contact_of_another_account(chat: ChatFactory) -> None:
    giulia = chat(GIULIA)
    text = giulia.say("chi è il contatto di fatturazione di ACC-1001?")
    assert ONLY_OWN in text and "Acme Italia S.p.A. (ACC-2001)" in text, text
    assert "Sei tu" not in text and "Maria" not in text and "Rossi" not in text


def test_an_order_of_another_account(chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    maria.say("sì")
    (placed,) = orders(service, "ACC-1001")
    giulia = chat(GIULIA)
    text = giulia.say(f"qual è lo stato dell'ordine {placed.id}?")
    assert f"Non vedo l'ordine {placed.id} sul vostro account" in text, text
    assert "Q-2001-1" not in text and "1.113,86" not in text
    # her own quote, named, is answered
    text = giulia.say("qual è lo stato del preventivo Q-2001-1?")
    assert "Non vedo" not in text and "Preventivo Q-2001-1: 5 postazioni" in text
    # Maria's own order, named, is answered too
    text = maria.say(f"qual è lo stato dell'ordine {placed.id.lower()}?")
    assert "Non vedo" not in text and placed.id in text


def test_a_quote_of_another_account(chat: ChatFactory) -> None:
    maria = chat(MARIA)
    text = maria.say("qual è lo stato del preventivo Q-2001-1?")
    assert "Non vedo il preventivo Q-2001-1 sul vostro account" in text, text
    assert "ORD-" not in text and "Sul vostro account non ci sono ordini" not in text


def test_at_a_summary_the_summary_comes_again(chat: ChatFactory,
                                              service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    text = maria.say("e ACC-2001 quante licenze ha?")
    assert ONLY_OWN in text and "non è ancora confermato" in text
    assert "Riepilogo dell'ordine" in text and maria.labels == ["Conferma", "Modifica",
                                                                 "Annulla"]
    assert orders(service, "ACC-1001") == []
    assert "Fatto!" in maria.say("sì")
    assert len(orders(service, "ACC-1001")) == 1


def test_agents_still_act_for_the_account_they_name(chat: ChatFactory) -> None:
    agent = chat(AGENT)
    text = agent.say("per conto di ACC-2001 quante licenze hanno?")
    assert "GoTo Meeting Business: 50 postazioni" in text and ONLY_OWN not in text
    text = agent.say("qual è lo stato dell'ordine ORD-0123456789AB?")
    assert "Non vedo l'ordine ORD-0123456789AB sull'account del cliente" in text
    text = agent.say("ACC-1001 quante licenze hanno?")
    assert "GoTo Webinar Pro: 10 licenze" in text and ONLY_OWN not in text
