"""Money questions the bot had the figures for, yet answered «non lo so» or with the general
price list (a wary-customer pass on the demo data):

- at Maria's Enterprise summary, "quanto pago al rinnovo?" (the summary's own preview knows
  what renews, when and for how much);
- Giulia's open quote: "quanto costava il preventivo?" got the price list (with "50 licenze"
  on a per-seat account), and "rifiuta pure però prima dimmi quanto costava" at «Vuoi davvero
  rifiutare…?» got «non lo so». The quote's figures are the ones its acceptance summary shows;
  asking is no choice: the quote stays open, and the question comes again.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from tests.dialogue.conftest import ChatFactory, account, orders, subscription

if TYPE_CHECKING:
    from billing_core import BillingService
    from tests.dialogue.conftest import Chat

MARIA = "maria.rossi@example.com"
GIULIA = "giulia.verdi@example.com"
NOT_KNOWN = "non lo so"
TOTAL = re.compile(r"Totale dovuto oggi: ([\d.,]+ €)")


def enterprise_summary(chat: ChatFactory) -> Chat:
    maria = chat(MARIA)
    maria.say("passiamo al piano enterprise")
    maria.click("GoTo Webinar")
    assert "Riepilogo dell'ordine" in maria.text and "Enterprise" in maria.text
    return maria


@pytest.mark.parametrize("question", ["quanto pago al rinnovo?",
                                      "ok ma quanto pago al rinnovo?"])
def test_the_renewal_price_at_a_summary_comes_from_the_summary(
        chat: ChatFactory, service: BillingService, question: str) -> None:
    maria = enterprise_summary(chat)
    total = TOTAL.search(maria.text)
    assert total is not None
    text = maria.say(question)
    assert NOT_KNOWN not in text, text
    # 10 Enterprise licenses at 499,00 € a month, 22% VAT: 6.087,80 € from the renewal on
    assert "Al rinnovo del 22 dicembre 2026" in text and "6.087,80 € IVA inclusa al mese" in text
    assert "10 licenze" in text and total.group(1) in text.split("Riepilogo")[0]
    assert "non è ancora confermato" in text and "Riepilogo dell'ordine" in text
    assert maria.labels[:3] == ["Conferma", "Modifica", "Annulla"]
    assert orders(service, "ACC-1001") == []
    assert subscription(service, "ACC-1001", "gotowebinar").plan == "pro"


def test_a_cancellation_renews_nothing(chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("disdici l'abbonamento a GoTo Webinar")
    text = maria.say("quanto pago al rinnovo?")
    assert "non si rinnova" in text and NOT_KNOWN not in text, text
    assert "Riepilogo della disdetta" in text
    assert not subscription(service, "ACC-1001", "gotowebinar").cancel_at_period_end


def accepted_total(giulia: Chat) -> str:
    """The total the summary accepting the quote shows (then set aside: nothing placed)."""
    giulia.click("Accetta il preventivo")
    found = TOTAL.search(giulia.text)
    assert found is not None, giulia.text
    giulia.click("Annulla")
    return found.group(1)


def quote_still_open(service: BillingService) -> None:
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["open"]
    assert orders(service, "ACC-2001") == []


def test_the_quote_price_asked_outside_a_request(chat: ChatFactory,
                                                 service: BillingService) -> None:
    giulia = chat(GIULIA)
    text = giulia.say("quanto costava il preventivo?")
    assert "Q-2001-1" in text and "5 postazioni" in text, text
    assert "licenze" not in text and NOT_KNOWN not in text
    assert "resta aperto" in text
    quote_still_open(service)
    giulia.say("ci servono altre postazioni di GoTo Meeting")
    assert accepted_total(giulia) in text
    quote_still_open(service)


@pytest.mark.parametrize("question", ["rifiuta pure però prima dimmi quanto costava",
                                      "quanto costava il preventivo?"])
def test_the_quote_price_asked_before_rejecting_it(chat: ChatFactory, service: BillingService,
                                                   question: str) -> None:
    giulia = chat(GIULIA)
    giulia.say("ci servono altre postazioni di GoTo Meeting")
    giulia.click("Rifiuta il preventivo")
    assert "Vuoi davvero rifiutare" in giulia.text
    text = giulia.say(question)
    assert NOT_KNOWN not in text and "Q-2001-1" in text and "5 postazioni" in text, text
    assert "Vuoi davvero rifiutare" in text  # asked again: a hedged request rejects nothing
    quote_still_open(service)
    giulia.click("No, tienilo")
    assert accepted_total(giulia) in text
    quote_still_open(service)


def test_the_quote_price_asked_at_the_choice(chat: ChatFactory,
                                             service: BillingService) -> None:
    giulia = chat(GIULIA)
    giulia.say("ci servono altre postazioni di GoTo Meeting")
    text = giulia.say("rifiuta pure però prima dimmi quanto costava")
    assert "Q-2001-1" in text and "IVA inclusa" in text, text
    assert "Vuoi davvero rifiutare" not in text
    assert giulia.labels == ["Accetta il preventivo", "Rifiuta il preventivo", "Nuovo ordine"]
    quote_still_open(service)
