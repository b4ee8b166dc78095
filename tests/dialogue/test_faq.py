"""FAQ answers from the knowledge base, personalised; out of scope; handoff; unanswered report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from intents import Classification
from tests.dialogue.conftest import Chat, ChatFactory, orders, subscription

if TYPE_CHECKING:
    from billing_core import BillingService
    from billing_core.clock import FixedClock
    from billing_core.conversations import ConversationStore
    from bot.dialogue.engine import Engine


def test_billing_contact_who_names_the_actual_billing_contact(chat: ChatFactory) -> None:
    luca = chat("luca.bianchi@example.com")
    text = luca.say("chi è il nostro contatto di fatturazione?")
    assert "Maria Rossi (maria.rossi@example.com)" in text
    assert luca.intents == ["billing_contact.who"]


def test_plan_costs_uses_the_askers_plan_and_billing_date(chat: ChatFactory) -> None:
    maria = chat("maria.rossi@example.com")
    text = maria.say("se cambio piano adesso quanto pago?")
    assert "GoTo Webinar Pro: 10 licenze a 249,00 € per licenza al mese (IVA esclusa)" in text
    assert "5 dicembre 2026" in text


def test_billing_history_lists_the_last_charges(chat: ChatFactory) -> None:
    maria = chat("maria.rossi@example.com")
    text = maria.say("dove vedo le fatture vecchie?")
    assert maria.intents == ["billing.history"]
    assert "Per il vostro account" in text
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    maria.click("Conferma")
    text = maria.say("dove vedo le fatture vecchie?")
    assert "Gli ultimi addebiti" in text
    assert "22 novembre 2026: " in text and "€" in text


def test_order_status_shows_latest_orders_and_quotes(chat: ChatFactory) -> None:
    giulia = chat("giulia.verdi@example.com")
    text = giulia.say("l'ordine delle postazioni è andato a buon fine?")
    assert giulia.intents == ["order.status"]
    assert "5 postazioni di GoTo Meeting, aperto" in text


def test_an_order_is_named_as_everywhere_else(chat: ChatFactory) -> None:
    """billing_core.wording names an order kind once: the order status says "riduzione delle
    licenze" as the overview, the receipt and `account show` do."""
    maria = chat("maria.rossi@example.com")
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    maria.click("Conferma")
    text = maria.say("l'ordine è andato a buon fine?")
    assert maria.intents == ["order.status"]
    assert "(riduzione delle licenze) del 22 novembre 2026: effettuato, modifiche attive" in text


def test_out_of_scope_is_honest_offers_a_human_and_is_recorded(
        chat: ChatFactory, store: ConversationStore) -> None:
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


def test_handoff_intent_says_how_a_human_takes_over(chat: ChatFactory) -> None:
    maria = chat("maria.rossi@example.com")
    text = maria.say("voglio parlare con un operatore")
    assert maria.intents == ["handoff"]
    assert "servizio clienti" in text


def test_greeting_says_what_the_bot_can_do(chat: ChatFactory) -> None:
    maria = chat("maria.rossi@example.com")
    text = maria.say("buongiorno")
    assert text.startswith("Ciao Maria!")
    assert "ridurre o aggiungere licenze" in text


class BandedClassifier:
    """The real classifier, except for the phrases given: those get exactly the given
    Classification, so a test of "Intendevi…?" does not depend on where the trained model's
    bands happen to put a phrase."""

    def __init__(self, real: Any, fixed: dict[str, Classification]) -> None:
        self.real = real
        self.fixed = fixed

    def classify(self, text: str) -> Classification:
        return self.fixed.get(text) or self.real.classify(text)


def ask(text: str, candidates: list[tuple[str, float]],
        slots: dict[str, str | int] | None = None) -> Classification:
    return Classification(text=text, intent=candidates[0][0], confidence=candidates[0][1],
                          band="ask", candidates=candidates, slots=slots or {})


@pytest.fixture
def unsure_engine(service: BillingService, classifier: Any, knowledge: Any,
                  store: ConversationStore, clock: FixedClock) -> Engine:
    from bot.dialogue.engine import Engine

    fixed = {
        "cambiare": ask("cambiare", [("billing_contact.change", 0.42), ("plan.change", 0.40),
                                     ("greet", 0.10)]),
        "cambiare webinar": ask("cambiare webinar",
                                [("plan.change", 0.45), ("product.switch", 0.38),
                                 ("tax.w9", 0.01)], {"product": "gotowebinar"}),
    }
    return Engine(service, BandedClassifier(classifier, fixed), knowledge, store, clock)


def test_two_close_intents_get_intendevi_with_a_button_each(
        unsure_engine: Engine, service: BillingService, store: ConversationStore) -> None:
    maria = Chat(unsure_engine, "maria.rossi@example.com")
    text = maria.say("cambiare")
    assert text == "Non sono sicuro di aver capito. Intendevi…?"
    # a button for each request the bot serves; small talk is not offered
    assert maria.labels == ["Cambiare il contatto di fatturazione", "Cambiare piano"]
    assert store.unanswered_report(limit=5) == []
    text = maria.click("Cambiare piano")
    assert maria.intents[-1] == "plan.change"
    assert "Per quale prodotto vuoi cambiare il piano?" in text
    assert orders(service, "ACC-1001") == []


def test_a_suggestion_keeps_what_the_message_said(unsure_engine: Engine,
                                                   service: BillingService) -> None:
    maria = Chat(unsure_engine, "maria.rossi@example.com")
    maria.say("cambiare webinar")
    assert maria.labels == ["Cambiare piano", "Passare a un altro prodotto"]
    text = maria.click("Cambiare piano")
    assert "Ora hai GoTo Webinar Pro, 10 licenze, fatturazione mensile. Cosa vuoi cambiare?" \
        in text
    maria.click("Piano")
    text = maria.click("Enterprise")
    assert "piano da Pro a Enterprise" in text
    maria.click("Conferma")
    assert subscription(service, "ACC-1001", "gotowebinar").plan == "enterprise"
    assert [o.kind for o in orders(service, "ACC-1001")] == ["plan.change"]

