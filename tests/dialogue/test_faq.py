"""FAQ answers from the knowledge base, personalised; out of scope; handoff; unanswered report."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from billing_core.conversations import ConversationStore




def test_billing_contact_who_names_the_actual_billing_contact(chat) -> None:
    luca = chat("luca.bianchi@example.com")
    text = luca.say("chi è il nostro contatto di fatturazione?")
    assert "Maria Rossi (maria.rossi@example.com)" in text
    assert luca.intents == ["billing_contact.who"]


def test_plan_costs_uses_the_askers_plan_and_billing_date(chat) -> None:
    maria = chat("maria.rossi@example.com")
    text = maria.say("se cambio piano adesso quanto pago?")
    assert "GoTo Webinar Pro: 10 licenze a 249,00 € per licenza al mese (IVA esclusa)" in text
    assert "5 dicembre 2026" in text


def test_billing_history_lists_the_last_charges(chat) -> None:
    maria = chat("maria.rossi@example.com")
    text = maria.say("dove vedo le fatture vecchie?")
    assert maria.intents == ["billing.history"]
    assert "Per il tuo account" in text
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    maria.click("Conferma")
    text = maria.say("dove vedo le fatture vecchie?")
    assert "Gli ultimi addebiti" in text
    assert "22 novembre 2026: " in text and "€" in text


def test_order_status_shows_latest_orders_and_quotes(chat) -> None:
    giulia = chat("giulia.verdi@example.com")
    text = giulia.say("l'ordine delle postazioni è andato a buon fine?")
    assert giulia.intents == ["order.status"]
    assert "5 postazioni di GoTo Meeting, aperto" in text


def test_out_of_scope_is_honest_offers_a_human_and_is_recorded(
        chat, store: ConversationStore) -> None:
    maria = chat("maria.rossi@example.com")
    for _ in range(2):
        text = maria.say("come attivo la webcam?")
        assert "non lo so" in text
        assert maria.labels == ["Parla con una persona"]
    maria.say("qual è la ricetta della carbonara?")
    report = store.unanswered_report(limit=5)
    assert report[0].count == 2
    assert "webcam" in report[0].text
    text = maria.click("Parla con una persona")
    assert "servizio clienti" in text


def test_handoff_intent_says_how_a_human_takes_over(chat) -> None:
    maria = chat("maria.rossi@example.com")
    text = maria.say("voglio parlare con un operatore")
    assert maria.intents == ["handoff"]
    assert "servizio clienti" in text


def test_greeting_says_what_the_bot_can_do(chat) -> None:
    maria = chat("maria.rossi@example.com")
    text = maria.say("buongiorno")
    assert text.startswith("Ciao Maria!")
    assert "ridurre o aggiungere licenze" in text


def test_two_close_intents_get_intendevi_with_a_button_each(chat) -> None:
    maria = chat("maria.rossi@example.com")
    text = maria.say("cambiare")
    assert "Intendevi" in text
    assert "Cambiare piano" in maria.labels
    assert "Cambiare il contatto di fatturazione" in maria.labels
    text = maria.click("Cambiare piano")
    assert maria.intents[-1] == "plan.change"
    assert "Per quale prodotto vuoi cambiare il piano?" in text
