"""FAQ mid-flow, "annulla", a different transaction mid-flow, stale buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from billing_core import BillingService
    from billing_core.conversations import ConversationStore

from tests.dialogue.conftest import ChatFactory, account, orders

MARIA = "maria.rossi@example.com"


def test_a_question_mid_flow_is_answered_and_the_flow_resumes(chat: ChatFactory,
                                                              service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("voglio ridurre le licenze di GoTo Webinar")
    text = maria.say("chi è il nostro contatto di fatturazione?")
    assert "Maria Rossi" in text
    assert maria.intents[0] == "billing_contact.who"
    assert "A quante licenze vuoi scendere?" in text
    text = maria.say("8")
    assert "Riepilogo dell'ordine" in text


def test_annulla_stops_the_flow_and_places_nothing(chat: ChatFactory,
                                                   service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    text = maria.say("annulla")
    assert "nessun ordine" in text
    text = maria.say("8")
    assert "Riepilogo" not in text
    assert orders(service, "ACC-1001") == []


def test_a_different_transaction_mid_flow_asks_whether_to_drop_the_current_one(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("voglio ridurre le licenze di GoTo Webinar")
    text = maria.say("voglio disdire GoTo Webinar")
    assert "Vuoi lasciar perdere" in text
    text = maria.click("No, continuiamo")
    assert "A quante licenze vuoi scendere?" in text
    maria.say("voglio disdire GoTo Webinar")
    text = maria.say("sì")
    assert "disdetta" in text
    assert orders(service, "ACC-1001") == []


def test_a_stale_button_is_refused_politely_and_the_current_question_repeated(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    old_confirm = maria.button("Conferma")
    maria.click("Modifica")
    text = maria.press_button(old_confirm)
    assert maria.result.click == "stale"
    assert "non è più valido" in text
    assert "Cosa vuoi modificare?" in text
    assert orders(service, "ACC-1001") == []


def test_a_double_click_on_conferma_places_one_order(chat: ChatFactory,
                                                     service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    confirm = maria.button("Conferma")
    assert "Fatto!" in maria.press_button(confirm)
    first = maria.result
    assert first.click == "accepted"
    assert "non è più valido" in maria.press_button(confirm)
    assert maria.result.click == "stale"
    assert len(orders(service, "ACC-1001")) == 1


def test_a_conversation_state_lost_after_the_order_places_no_second_order(
        chat: ChatFactory, service: BillingService, store: ConversationStore) -> None:
    """Conversation saves do not wait for the disk on PostgreSQL (billing_core's
    state_unit_of_work): a database crash could bring back the state of the summary after the
    order was placed. Pressing Conferma on that summary again is answered with the order
    already placed, and the account still has exactly one order."""
    maria = chat(MARIA)
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    confirm = maria.button("Conferma")
    at_summary = store.load(maria.key)
    assert at_summary is not None
    assert "Fatto!" in maria.press_button(confirm)
    placed = orders(service, "ACC-1001")
    assert len(placed) == 1
    now = store.load(maria.key)
    assert now is not None
    store.delete(maria.key)  # the last saves lost: the state is the summary's again
    store.save(maria.key, at_summary.state, None)
    text = maria.press_button(confirm)
    assert maria.result.click == "accepted", text
    assert placed[0].id in text, text
    assert [o.id for o in orders(service, "ACC-1001")] == [placed[0].id]


def test_typing_a_button_label_presses_it(chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    text = maria.say("Modifica")
    assert text == "Cosa vuoi modificare?"
    text = maria.say("numero di licenze")
    assert "A quante licenze vuoi scendere?" in text
    text = maria.say("7")
    assert "da 10 a 7 licenze" in text
    assert orders(service, "ACC-1001") == []
    maria.say("Conferma")
    assert [o.kind for o in orders(service, "ACC-1001")] == ["licenses.reduce"]


def test_another_request_naming_a_product_is_not_the_answer_to_which_product(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    assert maria.say("voglio disdire l'abbonamento") == \
        "Per quale prodotto vuoi disdire l'abbonamento?"
    text = maria.say("voglio ridurre le licenze di GoTo Webinar")
    assert "Vuoi lasciar perdere" in text and "Riepilogo" not in text
    text = maria.click("Sì, lascia perdere")
    assert "A quante licenze vuoi scendere?" in text and "GoTo Webinar" in text
    webinar = next(s for s in account(service, "ACC-1001").subscriptions
                   if s.product == "gotowebinar")
    assert not webinar.cancel_at_period_end
    assert orders(service, "ACC-1001") == []


def test_a_product_typed_at_the_product_question_still_answers_it(chat: ChatFactory) -> None:
    maria = chat(MARIA)
    maria.say("voglio disdire l'abbonamento")
    text = maria.say("GoTo Webinar")
    assert "GoTo Webinar: disdetta alla fine del periodo in corso" in text
