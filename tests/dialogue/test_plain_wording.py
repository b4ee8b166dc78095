"""Safe but clumsy answers (wary-customer findings 15 and 16): "ok annulla" at a summary was
taken for hesitation («scrivi «no»») although it says stop; "sì, disdici" at the cancellation's
summary got the help article on cancelling; a cancellation was called an order («Riepilogo
dell'ordine … Confermi l'ordine?»); "tu" and "voi" were mixed in one message («Per il tuo
account / Sul vostro account…»)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.dialogue.conftest import ChatFactory, orders, subscription

if TYPE_CHECKING:
    from billing_core import BillingService

MARIA = "maria.rossi@example.com"
REDUCE = "riduci a 8 le licenze di GoTo Webinar"
CANCEL = "disdici l'abbonamento a GoTo Webinar"


@pytest.mark.parametrize("refusal", ["ok annulla", "sì, annulla", "va bene, lascia stare",
                                     "Ok, annulla tutto!"])
def test_a_stop_after_an_ok_cancels_the_summary(chat: ChatFactory, service: BillingService,
                                               refusal: str) -> None:
    maria = chat(MARIA)
    maria.say(REDUCE)
    text = maria.say(refusal)
    assert "ho annullato l'operazione: nessun ordine è stato effettuato" in text, text
    assert "Riepilogo" not in text and maria.labels == []
    assert "Fatto!" not in maria.say("sì")
    assert orders(service, "ACC-1001") == []
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 10


def test_a_cancellation_is_no_order_to_the_customer(chat: ChatFactory,
                                                    service: BillingService) -> None:
    maria = chat(MARIA)
    text = maria.say(CANCEL)
    assert "Riepilogo della disdetta" in text and "Confermi la disdetta?" in text
    assert "ordine" not in text.lower()
    text = maria.say("ok aspetta")
    assert "La disdetta non è ancora confermata" in text and "L'ordine" not in text
    text = maria.say("sì")
    assert "Fatto! Ho registrato la disdetta" in text
    assert subscription(service, "ACC-1001", "gotowebinar").cancel_at_period_end
    assert len(orders(service, "ACC-1001")) == 1


def test_the_request_repeated_at_its_summary_says_how_to_confirm(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say(CANCEL)
    text = maria.say("sì, disdici")
    assert "La disdetta non è ancora confermata" in text and "scrivi «sì»" in text, text
    assert "Riepilogo della disdetta" in text and "attivo." not in text
    assert not subscription(service, "ACC-1001", "gotowebinar").cancel_at_period_end
    assert orders(service, "ACC-1001") == []


@pytest.mark.parametrize(("who", "question"), [
    (MARIA, "qual è lo stato dei nostri ordini?"), (MARIA, "chi è il contatto di fatturazione?"),
    ("nessuno@example.org", "che abbonamenti abbiamo?"),
    ("giulia.verdi@example.com", "per conto di ACC-1001 che abbonamenti hanno?"),
])
def test_one_message_says_tu_to_the_person_and_voi_of_the_account(
        chat: ChatFactory, who: str, question: str) -> None:
    text = chat(who).say(question)
    assert "tuo account" not in text and "per il tuo" not in text, text
