"""An unanswerable question mid-flow gets the honest "non lo so" and the flow resumes (still
recorded as unanswered); a bare value typed outside a flow ("8") is asked about, not recorded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.dialogue.conftest import ChatFactory, orders

if TYPE_CHECKING:
    from billing_core import BillingService
    from billing_core.conversations import ConversationStore

MARIA = "maria.rossi@example.com"


def test_out_of_scope_mid_flow_is_answered_honestly_and_the_flow_resumes(
        chat: ChatFactory, service: BillingService, store: ConversationStore) -> None:
    maria = chat(MARIA)
    maria.say("riduci le licenze di GoTo Webinar")
    text = maria.say("come faccio a cambiare la password?")
    assert "Non ho capito la risposta" not in text and "Non ho capito il numero" not in text
    assert "questo non lo so" in text and "parla con una persona" in text
    assert text.endswith("A quante licenze vuoi scendere?")
    assert maria.labels == []  # a typed count stays a count, not a button number
    assert [row.text for row in store.unanswered_report()] == [
        "come faccio a cambiare la password?"]
    text = maria.say("8")
    assert "GoTo Webinar: da 10 a 8 licenze." in text
    maria.click("Conferma")
    assert [o.kind for o in orders(service, "ACC-1001")] == ["licenses.reduce"]


def test_out_of_scope_at_a_button_question_adds_the_handoff_button(chat: ChatFactory) -> None:
    maria = chat(MARIA)
    maria.say("voglio cambiare piano")
    text = maria.say("come faccio a cambiare la password?")
    assert "questo non lo so" in text and "Per quale prodotto" in text
    assert maria.labels[-1] == "Parla con una persona" and "GoTo Webinar" in maria.labels
    assert "GoTo Webinar" in maria.click("GoTo Webinar")  # the flow goes on


def test_a_bare_number_outside_a_flow_is_asked_about_not_recorded(
        chat: ChatFactory, service: BillingService, store: ConversationStore) -> None:
    maria = chat(MARIA)
    text = maria.say("8")
    assert "Cosa vuoi fare con «8»?" in text
    assert maria.labels == ["Ridurre le licenze", "Aggiungere licenze o postazioni",
                            "Cambiare piano"]
    assert store.unanswered_report() == []
    maria.click("Ridurre le licenze")
    text = maria.click("GoTo Webinar")
    assert "GoTo Webinar: da 10 a 8 licenze." in text  # the 8 was kept
    maria.click("Conferma")
    assert [o.kind for o in orders(service, "ACC-1001")] == ["licenses.reduce"]
    assert store.unanswered_report() == []
