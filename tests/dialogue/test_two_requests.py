"""Two requests: a new one typed at a summary, or two in one message.

"voglio pagare annuale il webinar" at the summary of a reduction to 8 was silently merged into
it (10 → 8 and annual, 21.990,50 €): the bot now asks «in più o al posto?». "vorrei ridurre le
licenze del webinar di 2 e poi passare all'annuale" became a reduction alone, the annual
switch never mentioned: now two changes of one plan go in one summary that says so, and two
that are not one order are done one after the other, the second offered once the first is
over. Nothing is placed without a summary and a yes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.dialogue.conftest import ChatFactory, orders, subscription

if TYPE_CHECKING:
    from billing_core import BillingService
    from tests.dialogue.conftest import Chat

MARIA = "maria.rossi@example.com"
REDUCE = "riduci a 8 le licenze di GoTo Webinar"
BOTH, INSTEAD, KEEP = "Tutte e due, un solo ordine", "Solo la nuova", "Solo quella di prima"
CHOICES = ("Non ho ancora cambiato niente. Scegli premendo un pulsante o scrivendone il nome: "
           "«Tutte e due, un solo ordine» (per GoTo Webinar: ridurre le licenze, con il passaggio "
           "alla fatturazione annuale), «Solo la nuova» (solo il passaggio alla fatturazione "
           "annuale) oppure «Solo quella di prima» (solo ridurre le licenze).")


def asked_in_addition_or_instead(chat: ChatFactory, new: str = "voglio pagare annuale il "
                                 "webinar") -> Chat:
    maria = chat(MARIA)
    maria.say(REDUCE)
    text = maria.say(new)
    assert text == ("Nel riepilogo in sospeso per GoTo Webinar c'è la richiesta di ridurre le "
                    "licenze; ora mi chiedi anche il passaggio alla fatturazione annuale. Vuoi "
                    "tutte e due le modifiche in un solo ordine, solo la nuova o solo quella di "
                    "prima? Intanto non ho registrato niente."), text
    assert "Riepilogo" not in text and maria.labels == [BOTH, INSTEAD, KEEP]
    return maria


@pytest.mark.parametrize("new", ["voglio pagare annuale il webinar", "passa all'annuale"])
def test_a_new_request_at_a_summary_is_asked_about_not_merged(
        chat: ChatFactory, service: BillingService, new: str) -> None:
    maria = asked_in_addition_or_instead(chat, new)
    text = maria.say("sì")  # says neither
    assert CHOICES in text and maria.labels == [BOTH, INSTEAD, KEEP]
    assert orders(service, "ACC-1001") == []


@pytest.mark.parametrize("answer", [f"@{BOTH}", "tutte e due", "insieme"])
def test_both_in_one_order_says_so(chat: ChatFactory, service: BillingService,
                                   answer: str) -> None:
    maria = asked_in_addition_or_instead(chat)
    text = maria.click(answer[1:]) if answer.startswith("@") else maria.say(answer)
    assert "Ho aggiunto alla modifica anche il passaggio alla fatturazione annuale" in text
    assert "da 10 a 8 licenze, fatturazione da mensile ad annuale" in text
    assert "Totale dovuto oggi: 21.990,50 €" in text and "Fatto!" not in text
    assert orders(service, "ACC-1001") == []
    assert "Fatto!" in maria.say("sì")
    webinar = subscription(service, "ACC-1001", "gotowebinar")
    assert (webinar.licenses, webinar.frequency) == (8, "annual")
    assert len(orders(service, "ACC-1001")) == 1


@pytest.mark.parametrize("answer", [f"@{INSTEAD}", "invece", "al posto"])
def test_instead_drops_the_pending_summary(chat: ChatFactory, service: BillingService,
                                           answer: str) -> None:
    maria = asked_in_addition_or_instead(chat)
    text = maria.click(answer[1:]) if answer.startswith("@") else maria.say(answer)
    assert "GoTo Webinar: fatturazione da mensile ad annuale." in text, text
    assert "Licenze: 10" in text and "da 10 a 8" not in text
    assert orders(service, "ACC-1001") == []


@pytest.mark.parametrize("answer", [f"@{KEEP}", "no", "annulla", "quella di prima"])
def test_keeping_the_first_shows_its_summary_again(chat: ChatFactory, service: BillingService,
                                                   answer: str) -> None:
    maria = asked_in_addition_or_instead(chat)
    text = maria.click(answer[1:]) if answer.startswith("@") else maria.say(answer)
    assert "Va bene: ho lasciato perdere il passaggio alla fatturazione annuale. Resta la " \
           "richiesta di ridurre le licenze per GoTo Webinar, ancora da confermare." in text
    assert "continuiamo" not in text
    assert "GoTo Webinar: da 10 a 8 licenze." in text and "Fatturazione: annuale" not in text
    assert orders(service, "ACC-1001") == []
    maria.say("sì")
    webinar = subscription(service, "ACC-1001", "gotowebinar")
    assert (webinar.licenses, webinar.frequency) == (8, "monthly")


def test_a_correction_of_the_summary_is_still_merged_into_it(chat: ChatFactory,
                                                             service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say(REDUCE)
    text = maria.say("va bene ma annuale")
    assert "Non ho confermato l'ordine del riepilogo precedente" in text
    assert "da 10 a 8 licenze, fatturazione da mensile ad annuale" in text
    assert orders(service, "ACC-1001") == []


@pytest.mark.parametrize("message", [
    "vorrei ridurre le licenze del webinar di 2 e poi passare il webinar all'annuale",
    "riduci di 2 le licenze di GoTo Webinar e passa GoTo Webinar all'annuale",
])
def test_two_changes_of_one_plan_in_one_message_make_one_summary_that_says_so(
        chat: ChatFactory, service: BillingService, message: str) -> None:
    maria = chat(MARIA)
    text = maria.say(message)
    assert "Mi hai chiesto due modifiche" in text and "in un solo riepilogo" in text, text
    assert "da 10 a 8 licenze, fatturazione da mensile ad annuale" in text
    assert orders(service, "ACC-1001") == []
    assert "Fatto!" in maria.say("sì")
    webinar = subscription(service, "ACC-1001", "gotowebinar")
    assert (webinar.licenses, webinar.frequency) == (8, "annual")


def test_two_requests_that_are_not_one_order_are_done_one_after_the_other(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    text = maria.say("riduci a 8 le licenze del webinar e disdici GoToAssist")
    assert "Ho preso solo la prima richiesta" in text and "disdire l'abbonamento" in text
    assert "GoTo Webinar: da 10 a 8 licenze." in text
    text = maria.say("sì")
    assert "Fatto!" in text
    assert "Avevi chiesto anche di disdire l'abbonamento (GoToAssist)" in text, text
    assert [o.kind for o in orders(service, "ACC-1001")] == ["licenses.reduce"]
    text = maria.say("sì")
    assert "disdetta alla fine del periodo in corso" in text and "Fatto!" not in text
    assert not subscription(service, "ACC-1001", "gotoassist_v4").cancel_at_period_end
    maria.say("sì")
    assert subscription(service, "ACC-1001", "gotoassist_v4").cancel_at_period_end
    assert len(orders(service, "ACC-1001")) == 2


def test_the_second_request_is_offered_even_when_the_first_is_cancelled(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("disdici GoToAssist e poi riduci a 8 le licenze del webinar")
    text = maria.say("annulla")
    assert "nessun ordine è stato effettuato" in text
    assert "Avevi chiesto anche di ridurre le licenze (GoTo Webinar)" in text
    text = maria.click("No, grazie")
    assert orders(service, "ACC-1001") == []
    assert not subscription(service, "ACC-1001", "gotoassist_v4").cancel_at_period_end


def test_a_request_for_another_product_at_a_summary_is_another_request(
        chat: ChatFactory, service: BillingService) -> None:
    """It once moved the pending summary to annual billing of GoTo Webinar (the product asked
    for was dropped); now it asks whether to drop the pending request for it."""
    maria = chat(MARIA)
    maria.say(REDUCE)
    text = maria.say("voglio pagare annuale GoToAssist v4")
    assert "Vuoi lasciar perdere e cambiare la frequenza di fatturazione (GoToAssist " \
           "Supporto remoto v4)?" in text
    assert "Riepilogo" not in text and maria.labels == ["Sì, lascia perdere", "No, continuiamo"]
    text = maria.click("No, continuiamo")
    assert "GoTo Webinar: da 10 a 8 licenze." in text
    assert orders(service, "ACC-1001") == []


@pytest.mark.parametrize("answer", ["3", "sì", "ok", "8"])
def test_a_bare_number_or_yes_at_the_combine_question_asks_again(
        chat: ChatFactory, service: BillingService, answer: str) -> None:
    """A bare "3" once became "riduci a 3 licenze" (10 → 3, the new request gone)."""
    maria = asked_in_addition_or_instead(chat)
    text = maria.say(answer)
    assert text.startswith(CHOICES), text
    assert "Riepilogo" not in text and maria.labels == [BOTH, INSTEAD, KEEP]
    maria.say("sì")
    assert orders(service, "ACC-1001") == []
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 10


def test_a_question_at_the_combine_question_keeps_both_requests(
        chat: ChatFactory, service: BillingService) -> None:
    """It once answered "non lo so" and showed the old summary alone: the new request was gone."""
    maria = asked_in_addition_or_instead(chat)
    text = maria.say("quanto costa in tutto?")
    assert CHOICES in text and maria.labels == [BOTH, INSTEAD, KEEP], text
    assert "non lo so" not in text and "Confermi" not in text
    assert orders(service, "ACC-1001") == []
    text = maria.click(BOTH)
    assert "da 10 a 8 licenze, fatturazione da mensile ad annuale" in text, text
    maria.say("sì")
    webinar = subscription(service, "ACC-1001", "gotowebinar")
    assert (webinar.licenses, webinar.frequency) == (8, "annual")


def test_one_product_named_by_one_request_only_is_not_lent_to_the_other(
        chat: ChatFactory, service: BillingService) -> None:
    """"di 2" has no product of its own: GoTo Webinar may be meant for it or not."""
    maria = chat(MARIA)
    text = maria.say("riduci di 2 e poi passa all'annuale il webinar")
    assert "Scrivimi le richieste una alla volta" in text and "Riepilogo" not in text, text
    maria.say("sì")
    assert orders(service, "ACC-1001") == []


def test_a_second_request_naming_no_product_is_for_the_first_ones(
        chat: ChatFactory, service: BillingService) -> None:
    """It once took only the first ("Ho preso solo la prima richiesta…") and offered the annual
    switch after the order: the second names no product, so it is the first one's."""
    maria = chat(MARIA)
    text = maria.say("vorrei ridurre le licenze del webinar di 2 e poi passare all'annuale")
    assert "Mi hai chiesto due modifiche: ridurre le licenze (GoTo Webinar) e cambiare la " \
           "frequenza di fatturazione. Le ho messe in un solo riepilogo" in text, text
    assert "GoTo Webinar: da 10 a 8 licenze, fatturazione da mensile ad annuale." in text
    assert orders(service, "ACC-1001") == []
    text = maria.say("sì")
    assert "Fatto!" in text and "Avevi chiesto anche" not in text, text
    webinar = subscription(service, "ACC-1001", "gotowebinar")
    assert (webinar.licenses, webinar.frequency) == (8, "annual")
