"""Issue 7 part 2: a question is never a command. account.overview and purchase.new answer from
the account; a question about how to make a change gets the how-to and an offer, not a flow."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.dialogue.conftest import ChatFactory, orders, subscription

if TYPE_CHECKING:
    from billing_core import BillingService

MARIA = "maria.rossi@example.com"
ELENA = "elena.ferri@example.com"


def test_what_subscriptions_do_we_have_is_the_overview_not_a_cancellation(
        chat: ChatFactory, service: BillingService) -> None:
    elena = chat(ELENA)
    text = elena.say("che abbonamenti abbiamo?")
    assert elena.intents == ["account.overview"]
    assert "GoTo Meeting Professional: 4 licenze, fatturazione mensile" in text
    assert "si rinnova il" in text and "Credito dell'account" in text
    assert "disdetta" not in text.lower() and elena.labels == []
    assert all(reply.private for reply in elena.replies)
    elena.say("ah ok")
    assert not subscription(service, "ACC-6001", "gotomeeting").cancel_at_period_end
    assert orders(service, "ACC-6001") == []


@pytest.mark.parametrize(("question", "expected"), [
    ("quante licenze abbiamo?", "GoTo Webinar Pro: 10 licenze"),
    ("quando scade il mio abbonamento?", "si rinnova il"),
    ("quanto credito ho?", "Credito dell'account: nessuno."),
])
def test_questions_about_the_account_start_nothing(chat: ChatFactory, service: BillingService,
                                                   question: str, expected: str) -> None:
    maria = chat(MARIA)
    text = maria.say(question)
    assert expected in text
    assert "Modifiche in sospeso: nessuna." in text
    assert "A quante licenze" not in text and "Riepilogo" not in text and maria.labels == []
    assert orders(service, "ACC-1001") == []


def test_the_overview_names_pending_changes(chat: ChatFactory) -> None:
    agent = chat("supporto@example.com")
    text = agent.say("per conto di ACC-2001 che abbonamenti hanno?")
    assert "L'account Acme Italia S.p.A. (ACC-2001)" in text
    assert "GoTo Meeting Business: 50 postazioni" in text
    assert "Preventivo Q-2001-1 aperto: 5 postazioni in più di GoTo Meeting." in text


def test_the_overview_is_for_the_billing_contact_others_learn_who_that_is(
        chat: ChatFactory) -> None:
    luca = chat("luca.bianchi@example.com")
    text = luca.say("che abbonamenti abbiamo?")
    assert "Maria Rossi (maria.rossi@example.com)" in text
    assert "€" not in text and "licenze" not in text
    stranger = chat("nessuno@example.org")
    text = stranger.say("che abbonamenti abbiamo?")
    assert "Non trovo un account" in text and "€" not in text


def test_an_ended_trial_is_told_how_to_buy_a_new_plan(chat: ChatFactory) -> None:
    paolo = chat("paolo.neri@example.com")
    text = paolo.say("come compro un nuovo abbonamento?")
    assert "non c'è niente da annullare" not in text.lower()
    assert "prova gratuita di GoTo Webinar è terminata" in text
    assert "Centro fatturazione" in text and "https://" in text
    assert paolo.labels == ["Parla con una persona"]


def test_buying_a_product_the_account_does_not_have_gets_the_steps_and_a_person(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    text = maria.say("voglio comprare GoTo Meeting per 5 persone")
    assert "non lo so" not in text.lower()
    assert "Sul vostro account non c'è ancora GoTo Meeting" in text and "5 licenze" in text
    assert "Acquistare un nuovo piano di sottoscrizione a GoTo Meeting" in text
    assert maria.labels == ["Parla con una persona"]
    assert orders(service, "ACC-1001") == []


def test_buying_more_of_a_product_the_account_has_is_offered_as_more_licenses(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    text = maria.say("voglio comprare GoTo Webinar per 5 persone")
    assert "Avete già GoTo Webinar Pro, 10 licenze" in text
    assert "Vuoi che aggiunga 5 licenze a GoTo Webinar?" in text
    assert orders(service, "ACC-1001") == []
    text = maria.click("Sì, fallo ora")
    assert "da 10 a 15 licenze" in text and "Riepilogo dell'ordine" in text
    assert orders(service, "ACC-1001") == []


def test_a_how_to_question_gets_the_steps_and_an_offer_not_a_flow(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    text = maria.say("come faccio a ridurre le licenze?")
    assert "Accedi al Centro fatturazione" in text
    assert "Vuoi che lo faccia ora?" in text
    assert maria.labels == ["Sì, fallo ora", "No, grazie"]
    assert "A quante licenze" not in text and "Per quale prodotto" not in text
    text = maria.say("ok ma quanto tempo ci vuole?")
    assert "Per quale prodotto" not in text
    text = maria.say("come faccio a ridurre le licenze?")
    text = maria.say("sì")
    assert "Per quale prodotto vuoi ridurre le licenze?" in text
    assert orders(service, "ACC-1001") == []


def test_a_message_that_answers_nothing_after_an_offer_asks_about_the_offer(
        chat: ChatFactory, service: BillingService) -> None:
    """No operation is in progress after "Vuoi che lo faccia ora?": nothing to let go of."""
    maria = chat(MARIA)
    maria.say("come faccio a ridurre le licenze?")
    text = maria.say("ok aspetta")
    assert "Non ho ancora fatto niente: vuoi che proceda io?" in text, text
    assert "lasciar perdere" not in text and "operazione in corso" not in text
    assert "Vuoi che lo faccia ora?" in text and maria.labels == ["Sì, fallo ora", "No, grazie"]
    assert orders(service, "ACC-1001") == []


def test_can_we_pay_annually_is_a_question_and_no_thanks_does_nothing(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    text = maria.say("si può pagare annualmente?")
    assert "Vuoi che lo faccia ora?" in text and "Riepilogo dell'ordine" not in text
    text = maria.click("No, grazie")
    assert "non faccio niente" in text
    assert orders(service, "ACC-1001") == []
    assert subscription(service, "ACC-1001", "gotowebinar").frequency == "monthly"


def test_a_direct_command_still_starts_the_flow(chat: ChatFactory) -> None:
    maria = chat(MARIA)
    assert "Riepilogo dell'ordine" in maria.say("riduci a 8 le licenze di GoTo Webinar")


def test_a_plain_user_asking_how_gets_the_steps_and_who_may_do_it(chat: ChatFactory) -> None:
    luca = chat("luca.bianchi@example.com")
    text = luca.say("come faccio a ridurre le licenze?")
    assert "Accedi al Centro fatturazione" in text
    assert "solo il contatto di fatturazione" in text
    assert "Vuoi che lo faccia ora?" not in text


def test_an_account_question_at_the_summary_is_answered_and_nothing_placed(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    text = maria.say("quante licenze abbiamo adesso?")
    assert "GoTo Webinar Pro: 10 licenze" in text
    assert "non è ancora confermato" in text and maria.labels == ["Conferma", "Modifica",
                                                                    "Annulla"]
    assert orders(service, "ACC-1001") == []
