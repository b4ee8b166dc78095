"""Issue 7 part 5 (dialogue side) and the VAT step of part 4: what a user met."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.dialogue.conftest import ChatFactory, account, orders, subscription

if TYPE_CHECKING:
    from billing_core import BillingService
    from billing_core.conversations import ConversationStore
    from billing_core.handoffs import HandoffStore

MARIA = "maria.rossi@example.com"
GIULIA = "giulia.verdi@example.com"
AGENT = "supporto@example.com"
ELENA = "elena.ferri@example.com"


def test_after_accepting_the_open_quote_the_seats_asked_for_are_offered(
        chat: ChatFactory, service: BillingService) -> None:
    giulia = chat(GIULIA)
    giulia.say("ci servono 10 postazioni in più di GoTo Meeting")
    text = giulia.click("Accetta il preventivo")
    assert "Le 10 postazioni in più che hai chiesto non sono comprese" in text
    text = giulia.click("Conferma")
    assert "Fatto!" in text
    assert "Avevi chiesto anche 10 postazioni in più di GoTo Meeting" in text
    assert giulia.labels == ["Sì, fallo ora", "No, grazie"]
    assert [o.kind for o in orders(service, "ACC-2001")] == ["quote.accept"]
    text = giulia.click("Sì, fallo ora")
    assert "10 postazioni in più (da 55 a 65)" in text
    giulia.click("Annulla")
    assert [o.kind for o in orders(service, "ACC-2001")] == ["quote.accept"]


def test_only_agents_act_for_another_account(chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    text = maria.say("per conto di ACC-2001 aggiungi 5 postazioni a GoTo Meeting")
    assert "Solo gli agenti del supporto possono operare per conto di un altro account" in text
    assert "Riepilogo" not in text and maria.labels == []
    assert orders(service, "ACC-1001") == [] and orders(service, "ACC-2001") == []
    # her own account named that way is just her request
    assert "da 10 a 8 licenze" in maria.say("per conto di ACC-1001 riduci a 8 le licenze "
                                            "di webinar")


def test_an_agents_request_before_per_conto_di_is_kept_and_the_customer_gets_the_mail(
        chat: ChatFactory, service: BillingService) -> None:
    agent = chat(AGENT)
    text = agent.say("riduci a 8 le licenze di webinar per conto di ACC-1001")
    assert "Rossi Consulting S.r.l. (ACC-1001)" in text and "da 10 a 8 licenze" in text
    text = agent.click("Conferma")
    assert "Il cliente riceverà l'e-mail di conferma all'indirizzo maria.rossi@example.com" \
        in text
    assert "Riceverai" not in text
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 8


def test_a_refund_question_says_credit_not_refund_and_a_full_period_today(
        chat: ChatFactory) -> None:
    maria = chat(MARIA)
    text = maria.say("se riduco le licenze a metà mese mi rimborsate qualcosa?")
    assert "non dà un rimborso" in text
    assert "nuovo periodo" in text and "per intero" in text and "credito" in text


def test_a_cancellation_is_not_said_to_be_active_already(chat: ChatFactory) -> None:
    maria = chat(MARIA)
    maria.say("disdici GoTo Webinar")
    text = maria.say("sì")
    assert "Fatto!" in text
    assert "Le modifiche sono già attive" not in text
    assert "resta attivo fino al" in text


def test_a_handoff_is_recorded_for_support_once_with_its_id(
        chat: ChatFactory, handoffs: HandoffStore) -> None:
    maria = chat(MARIA)
    maria.say("voglio ridurre le licenze di GoTo Webinar")
    maria.say("parla con una persona")
    handoff_id = maria.result.handoff_id
    assert handoff_id is not None and handoff_id in maria.text
    recorded = handoffs.get_handoff(handoff_id)
    assert recorded is not None
    assert (recorded.requester_email, recorded.account_id) == (MARIA, "ACC-1001")
    assert "ridurre le licenze" in recorded.reason
    assert any("ridurre le licenze" in m.text for m in recorded.messages)
    maria.say("voglio parlare con un operatore")
    assert maria.result.handoff_id is None and handoff_id in maria.text
    assert [h.id for h in handoffs.open_handoffs()] == [handoff_id]


def test_the_handoff_button_records_one_too(chat: ChatFactory, handoffs: HandoffStore) -> None:
    maria = chat(MARIA)
    maria.say("passa webinar a standard con 12 licenze")
    maria.click("Parla con una persona")
    assert maria.result.click == "accepted" and maria.result.handoff_id is not None
    assert handoffs.get_handoff(maria.result.handoff_id) is not None


@pytest.mark.parametrize("typed", [
    "IT 07643520567", "IT-07643520567", "P.IVA 07643520567",
    "la nostra partita iva è IT07643520567", "it07643520567",
])
def test_the_vat_step_reads_what_people_type(chat: ChatFactory, service: BillingService,
                                              store: ConversationStore, typed: str) -> None:
    elena = chat(ELENA)
    elena.say("aggiungi 2 licenze a GoTo Meeting")
    text = elena.say(typed)
    # the summary shows the number read, for the order; the account gets it with the order
    assert "Partita IVA: IT07643520567" in text
    assert "Riepilogo dell'ordine" in text and "annullato" not in text
    assert account(service, "ACC-6001").vat_number is None
    stored = store.load(elena.key)
    assert stored is not None and "07643520567" not in str(stored.state)


def test_a_wrong_check_digit_is_named_and_the_question_stays(chat: ChatFactory,
                                                            service: BillingService) -> None:
    elena = chat(ELENA)
    elena.say("aggiungi 2 licenze a GoTo Meeting")
    text = elena.say("IT 07643520568")
    assert "codice di controllo" in text
    assert account(service, "ACC-6001").vat_number is None
    assert "Partita IVA: IT07643520567" in elena.say("IT 07643520567")


def test_personal_data_typed_anywhere_is_masked_in_the_history(chat: ChatFactory,
                                                              store: ConversationStore) -> None:
    maria = chat(MARIA)
    maria.say("la nostra partita iva è IT07643520567, scrivete a mario.verdi@example.com")
    stored = store.load(maria.key)
    assert stored is not None
    assert "07643520567" not in str(stored.state)
    assert "mario.verdi@example.com" not in str(stored.state)


@pytest.mark.parametrize("question", ["dove vedo le fatture vecchie?",
                                      "se cambio piano adesso quanto pago?"])
def test_a_plain_user_sees_no_amounts_and_is_told_who_the_billing_contact_is(
        chat: ChatFactory, question: str) -> None:
    luca = chat("luca.bianchi@example.com")
    text = luca.say(question)
    assert "€" not in text
    assert "li vede il contatto di fatturazione" in text and "Maria Rossi" in text
    maria = chat(MARIA)
    assert "€" in maria.say(question)


def test_a_no_right_after_an_order_says_it_is_placed_and_offers_a_person(
        chat: ChatFactory, service: BillingService) -> None:
    """'no aspetta, ho sbagliato! annulla l'ordine' right after the order got "Non c'è nessuna
    operazione in corso": the order is placed, the bot cannot undo it, a person can."""
    maria = chat(MARIA)
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    assert "Fatto!" in maria.say("sì")
    [order] = orders(service, "ACC-1001")
    text = maria.say("no aspetta, ho sbagliato! annulla l'ordine")
    assert f"L'ordine {order.id} è già registrato e da qui non posso annullarlo" in text, text
    assert maria.labels == ["Parla con una persona"]
    assert [o.id for o in orders(service, "ACC-1001")] == [order.id]
    # only right after it: later, a "no" with nothing pending is just that
    maria.say("come scarico le fatture?")
    assert maria.say("no") == "Non c'è nessuna operazione in corso. Come posso aiutarti?"


def test_a_yes_to_the_offer_of_a_person_hands_the_conversation_over(
        chat: ChatFactory, handoffs: HandoffStore) -> None:
    """"Se vuoi, ti metto in contatto con una persona" then "sì" was a dead end ("Non c'è
    nessuna operazione in corso"): it is the offer accepted."""
    maria = chat(MARIA)
    assert "non lo so" in maria.say("che tempo fa domani a Milano?")
    assert maria.labels == ["Parla con una persona"]
    text = maria.say("sì")
    assert text.startswith("Ho passato la richiesta al servizio clienti"), text
    assert [h.requester_email for h in handoffs.handoffs(limit=5)] == [MARIA]
    # a yes with no offer just before it hands nothing over
    maria.say("come scarico le fatture?")
    assert maria.say("sì") == "Non c'è nessuna operazione in corso. Come posso aiutarti?"
    assert len(handoffs.handoffs(limit=5)) == 1
