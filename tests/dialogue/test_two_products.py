"""Two requests for two different products: each keeps its own product.

"aggiungi 2 licenze a GoToAssist e passa GoTo Webinar all'annuale" said "aggiungere licenze
(GoToAssist) e cambiare la frequenza (GoTo Webinar), in un solo riepilogo", and the summary and
the order were GoTo Webinar 10 → 12, annual (33.643,94 €). "riduci GoTo Webinar a 8 e disdici
GoToAssist" showed a cancellation of GoTo Webinar. At a GoTo Webinar summary, "aggiungi 2
licenze a GoToAssist" became "Hai 10 licenze: 12 non è una riduzione" on GoTo Webinar. Now
slots never cross from one product's request to another's: the first is done alone (the second
offered after), or the person is asked to write them one at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.dialogue.conftest import ChatFactory, orders, subscription

if TYPE_CHECKING:
    from billing_core import BillingService

MARIA = "maria.rossi@example.com"
ASSIST, WEBINAR = "gotoassist_v4", "gotowebinar"


def licenses(service: BillingService, product: str) -> tuple[int, str, str, bool]:
    sub = subscription(service, "ACC-1001", product)
    return sub.licenses, sub.frequency, sub.plan, sub.cancel_at_period_end


def test_two_products_in_one_message_each_on_its_own_summary(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    text = maria.say("aggiungi 2 licenze a GoToAssist e passa GoTo Webinar all'annuale")
    assert "Ho preso solo la prima richiesta: aggiungere licenze (GoToAssist); la seconda " \
           "(cambiare la frequenza di fatturazione (GoTo Webinar)) te la preparo dopo" in text, text
    assert "GoToAssist Supporto remoto v4: da 3 a 5 licenze." in text
    assert "GoTo Webinar:" not in text and "in un solo riepilogo" not in text
    text = maria.say("sì")
    assert "Fatto!" in text
    assert "Avevi chiesto anche di cambiare la frequenza di fatturazione (GoTo Webinar)" in text
    assert licenses(service, ASSIST)[0] == 5
    assert licenses(service, WEBINAR)[:2] == (10, "monthly")
    assert len(orders(service, "ACC-1001")) == 1
    text = maria.say("sì")
    assert "GoTo Webinar: fatturazione da mensile ad annuale." in text, text
    assert "Licenze: 10" in text and "Fatto!" not in text
    assert "Fatto!" in maria.say("sì")
    assert licenses(service, WEBINAR)[:2] == (10, "annual")
    assert licenses(service, ASSIST)[:2] == (5, "annual")
    assert len(orders(service, "ACC-1001")) == 2


def test_a_tier_for_one_product_and_a_reduction_for_another_are_not_merged(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    text = maria.say("passa GoToAssist a premium e riduci le licenze di GoTo Webinar a 8")
    assert "Ho preso solo la prima richiesta: cambiare il piano (GoToAssist)" in text, text
    assert "GoTo Webinar non ha" not in text and "GoTo Webinar:" not in text
    assert orders(service, "ACC-1001") == []


@pytest.mark.parametrize(("message", "first", "second"), [
    ("riduci GoTo Webinar a 8 e disdici GoToAssist",
     "ridurre le licenze (GoTo Webinar)", "disdire l'abbonamento (GoToAssist)"),
    ("disdici GoToAssist e riduci GoTo Webinar a 8",
     "disdire l'abbonamento (GoToAssist)", "ridurre le licenze (GoTo Webinar)"),
])
def test_two_requests_each_naming_its_product_are_done_one_at_a_time_on_their_own(
        chat: ChatFactory, service: BillingService, message: str, first: str,
        second: str) -> None:
    """"riduci GoTo Webinar a 8 e disdici GoToAssist" once cancelled GoTo Webinar: each
    request keeps its own product; the first is prepared, the second offered after it."""
    maria = chat(MARIA)
    text = maria.say(message)
    assert f"Ho preso solo la prima richiesta: {first}; la seconda ({second})" in text, text
    if first.startswith("ridurre"):
        assert "GoTo Webinar: da 10 a 8 licenze." in text
        assert "Fatto!" in maria.say("sì")
        assert licenses(service, WEBINAR) == (8, "monthly", "pro", False)
    else:
        assert "GoToAssist" in text.split("Riepilogo", 1)[1]
        assert "Fatto!" in maria.say("sì")
        assert licenses(service, ASSIST)[3]
        assert licenses(service, WEBINAR) == (10, "monthly", "pro", False)
    assert len(orders(service, "ACC-1001")) == 1


@pytest.mark.parametrize("message", [
    "riduci di 2 e disdici GoToAssist",
])
def test_requests_that_cannot_be_told_apart_are_asked_one_at_a_time(
        chat: ChatFactory, service: BillingService, message: str) -> None:
    maria = chat(MARIA)
    text = maria.say(message)
    assert "Scrivimi le richieste una alla volta" in text, text
    assert "Riepilogo" not in text
    assert maria.say("sì").count("Fatto!") == 0
    assert orders(service, "ACC-1001") == []
    assert licenses(service, WEBINAR) == (10, "monthly", "pro", False)
    assert not licenses(service, ASSIST)[3]


def test_another_product_at_a_summary_is_never_applied_to_it(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("voglio ridurre le licenze di GoTo Webinar a 8")
    text = maria.say("aggiungi 2 licenze a GoToAssist")
    assert "12" not in text and "Riepilogo" not in text, text
    assert "Stiamo ancora cercando di ridurre le licenze (GoTo Webinar). Vuoi lasciar perdere " \
           "e aggiungere licenze (GoToAssist)?" in text
    assert maria.labels == ["Sì, lascia perdere", "No, continuiamo"]
    text = maria.click("No, continuiamo")
    assert "Poi ti propongo di aggiungere licenze (GoToAssist)" in text, text
    assert "GoTo Webinar: da 10 a 8 licenze." in text
    text = maria.say("sì")
    assert "Fatto!" in text and "Avevi chiesto anche di aggiungere licenze (GoToAssist)" in text
    assert licenses(service, WEBINAR)[0] == 8 and licenses(service, ASSIST)[0] == 3
    text = maria.say("sì")
    assert "GoToAssist Supporto remoto v4: da 3 a 5 licenze." in text, text
    assert "Fatto!" in maria.say("sì")
    assert licenses(service, WEBINAR)[0] == 8 and licenses(service, ASSIST)[0] == 5
    assert len(orders(service, "ACC-1001")) == 2


def test_dropping_the_summary_for_another_product_starts_that_product(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("voglio ridurre le licenze di GoTo Webinar a 8")
    maria.say("aggiungi 2 licenze a GoToAssist")
    text = maria.click("Sì, lascia perdere")
    assert "GoToAssist Supporto remoto v4: da 3 a 5 licenze." in text, text
    assert "Fatto!" in maria.say("sì")
    assert licenses(service, WEBINAR)[0] == 10 and licenses(service, ASSIST)[0] == 5


@pytest.mark.parametrize("new", ["passa GoToAssist al piano premium",
                                 "voglio pagare annuale GoToAssist"])
def test_no_single_order_is_offered_across_products(chat: ChatFactory,
                                                    service: BillingService, new: str) -> None:
    maria = chat(MARIA)
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    text = maria.say(new)
    assert "Tutte e due" not in maria.labels and "(GoToAssist)?" in text, text
    assert maria.labels == ["Sì, lascia perdere", "No, continuiamo"]
    assert orders(service, "ACC-1001") == []


def test_two_products_in_one_message_at_a_summary_are_not_applied_to_it(
        chat: ChatFactory, service: BillingService) -> None:
    """At a summary too: once a cancellation of GoTo Webinar was offered for this message."""
    maria = chat(MARIA)
    maria.say("passa GoToAssist a premium")
    text = maria.say("riduci GoTo Webinar a 8 e disdici GoToAssist")
    assert "Scrivimi le richieste una alla volta" in text, text
    assert "GoToAssist Supporto remoto v4: piano da Standard a Premium." in text
    assert "disdire" not in text and orders(service, "ACC-1001") == []
    assert "Fatto!" in maria.say("sì")
    assert licenses(service, ASSIST)[2:] == ("premium", False)
    assert licenses(service, WEBINAR) == (10, "monthly", "pro", False)


def test_a_number_alone_at_the_question_about_the_other_product_asks_it_again(
        chat: ChatFactory, service: BillingService) -> None:
    """At «Vuoi lasciar perdere e cambiare il piano (GoToAssist)?» a bare "3" dropped the
    question and became a GoTo Webinar summary from 10 to 3 licenses."""
    maria = chat(MARIA)
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    assert "Vuoi lasciar perdere" in maria.say("passa GoToAssist al piano premium")
    text = maria.say("3")
    assert "da 10 a 3" not in text, text
    assert "Vuoi lasciar perdere" in text
    assert maria.labels == ["Sì, lascia perdere", "No, continuiamo"]
    assert orders(service, "ACC-1001") == []
