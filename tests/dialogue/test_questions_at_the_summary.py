"""A question at a summary that is not about the summary once got the summary's cost
breakdown («Come si compone il riepilogo») whatever it asked: "posso avere un rimborso?",
"quanto risparmio con l'annuale?", "cosa succede ai dati?". A question a help article speaks of
gets that article; one no article answers gets an honest "non lo so" and a person to ask; the
same summary comes again and nothing is placed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.dialogue.conftest import ChatFactory, orders, subscription

if TYPE_CHECKING:
    from billing_core import BillingService
    from billing_core.conversations import ConversationStore
    from tests.dialogue.conftest import Chat

MARIA = "maria.rossi@example.com"
REDUCE = "riduci a 8 le licenze di GoTo Webinar"
ANNUAL = "voglio pagare annuale il webinar"
CANCEL = "disdici l'abbonamento a GoTo Webinar"
BREAKDOWN = "Come si compone il riepilogo"
NOT_KNOWN = "questo non lo so"


def summary_again(maria: Chat) -> None:
    text = maria.text
    assert ("non è ancora confermato" in text and "Riepilogo dell'ordine" in text) or (
        "La disdetta non è ancora confermata" in text and "Riepilogo della disdetta" in text), text
    assert maria.labels[:3] == ["Conferma", "Modifica", "Annulla"]
    assert "Fatto!" not in text


def test_a_refund_question_gets_the_articles_answer(chat: ChatFactory,
                                                    service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say(REDUCE)
    text = maria.say("posso avere un rimborso?")
    assert "non dà un rimborso" in text and BREAKDOWN not in text, text
    summary_again(maria)
    assert orders(service, "ACC-1001") == []
    assert "Fatto!" in maria.say("sì")
    assert len(orders(service, "ACC-1001")) == 1


@pytest.mark.parametrize(("request_", "question"), [
    (ANNUAL, "quanto risparmio con l'annuale?"),
    (ANNUAL, "quanto risparmio?"),
    (REDUCE, "avete uno sconto per le ONLUS?"),
    (CANCEL, "si ma cosa succede ai dati?"),
    (CANCEL, "le registrazioni dei webinar restano?"),
])
def test_a_question_no_article_answers_gets_an_honest_not_known(
        chat: ChatFactory, service: BillingService, store: ConversationStore,
        request_: str, question: str) -> None:
    maria = chat(MARIA)
    maria.say(request_)
    text = maria.say(question)
    assert NOT_KNOWN in text and BREAKDOWN not in text, text
    summary_again(maria)
    assert maria.labels[-1] == "Parla con una persona"
    assert len(store.unanswered_report()) == 1  # for whoever completes the help articles
    assert orders(service, "ACC-1001") == []
    webinar = subscription(service, "ACC-1001", "gotowebinar")
    assert webinar.frequency == "monthly" and not webinar.cancel_at_period_end
    assert "Ho passato la richiesta al servizio clienti" in maria.click("Parla con una persona")
    assert orders(service, "ACC-1001") == []


@pytest.mark.parametrize("question", [
    "ok quindi pago 1113?", "e l'IVA?", "perché così tanto?", "come mai c'è un credito?",
    "quanto pago il prossimo mese?",
])
def test_a_question_about_the_summary_still_gets_its_breakdown(
        chat: ChatFactory, service: BillingService, question: str) -> None:
    maria = chat(MARIA)
    maria.say(REDUCE)
    text = maria.say(question)
    assert BREAKDOWN in text and "1.079,00 €" in text and NOT_KNOWN not in text, text
    summary_again(maria)
    assert orders(service, "ACC-1001") == []


@pytest.mark.parametrize("question", [
    "che partita IVA avete sul conto?", "la partita IVA è quella giusta?",
])
def test_a_question_about_the_vat_number_is_answered_from_the_account_masked(
        chat: ChatFactory, service: BillingService, question: str) -> None:
    maria = chat(MARIA)
    maria.say(REDUCE)
    text = maria.say(question)
    assert "La partita IVA registrata sull'account Rossi Consulting S.r.l. è IT********567" \
        in text, text
    assert "07643520567" not in text  # masked as billing_core's privacy helpers do
    assert NOT_KNOWN not in text and BREAKDOWN not in text
    summary_again(maria)
    assert orders(service, "ACC-1001") == []


def test_an_account_without_a_vat_number_is_told_so(chat: ChatFactory,
                                                    service: BillingService) -> None:
    elena = chat("elena.ferri@example.com")
    elena.say("disdici l'abbonamento a GoTo Meeting")
    text = elena.say("qual è la nostra partita iva?")
    assert "Sull'account Ferri Design non è registrata una partita IVA" in text, text
    assert "La disdetta non è ancora confermata" in text and "Riepilogo della disdetta" in text
    assert elena.labels == ["Conferma", "Annulla"]
    assert orders(service, "ACC-6001") == []


@pytest.mark.parametrize("question", ["con che carta pago?", "come pagherò?"])
def test_a_question_about_how_the_order_is_paid_is_answered_from_the_account(
        chat: ChatFactory, service: BillingService, question: str) -> None:
    maria = chat(MARIA)
    maria.say(REDUCE)
    text = maria.say(question)
    assert ("Sull'account Rossi Consulting S.r.l. è registrata una carta: il totale dovuto "
            "oggi viene addebitato lì.") in text, text
    assert "I dati della carta non li vedo" in text
    assert "Cambiare il metodo di pagamento" not in text
    assert NOT_KNOWN not in text and BREAKDOWN not in text
    summary_again(maria)
    assert orders(service, "ACC-1001") == []
    # changing the card is still the help article's
    assert "Cambiare il metodo di pagamento" in maria.say("come cambio la carta?")
    summary_again(maria)


def test_reactivating_later_asked_at_a_cancellation_gets_what_the_cancellation_leaves_open(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say(CANCEL)
    text = maria.say("posso riattivarlo dopo?")
    assert "Riattivare un piano scaduto" not in text, text
    assert "Riattivare dopo la disdetta" in text
    assert "puoi usarlo fino al 5 dicembre 2026" in text
    assert "scrivimi «riattiva l'abbonamento»: ritiro la disdetta, senza niente da pagare" in text
    assert "Dopo il 5 dicembre 2026, a piano scaduto, puoi riattivarlo" in text
    summary_again(maria)
    # another product's reactivation is not what this cancellation leaves open
    assert "Riattivare dopo la disdetta" not in maria.say("come riattivo GoToAssist v4?")
    summary_again(maria)
    assert orders(service, "ACC-1001") == []
    assert not subscription(service, "ACC-1001", "gotowebinar").cancel_at_period_end
