"""The engine ↔ adapter contract: the turn result of a click (accepted / stale / refused) with
its outcome line, a prompt id per message with buttons, `private` replies, place and delivery
id on the turn, and Slack text decoded before the engine reads it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.dialogue import ButtonPress, Turn
from bot.dialogue.turns import Place
from bot.slack.text import decode
from tests.dialogue.conftest import ChatFactory, orders, subscription

if TYPE_CHECKING:
    from billing_core import BillingService
    from bot.dialogue.engine import Engine

MARIA = "maria.rossi@example.com"


def test_every_message_with_buttons_has_its_own_prompt_id_on_its_buttons(chat: ChatFactory) -> None:
    maria = chat(MARIA)
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    first = maria.replies[-1]
    assert first.prompt_id and {b.prompt_id for b in first.buttons} == {first.prompt_id}
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    second = maria.replies[-1]
    assert second.prompt_id and second.prompt_id != first.prompt_id
    assert [b.prompt_id for b in maria.engine.current_buttons(maria.key)] == \
        [second.prompt_id] * 3


def test_a_confirm_click_is_accepted_with_an_outcome_line_naming_who_and_when(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    maria.click("Conferma")
    assert maria.result.click == "accepted"
    assert maria.result.outcome == "Ordine confermato da Maria Rossi alle 10:00"
    assert len(orders(service, "ACC-1001")) == 1


def test_annulla_is_accepted_with_its_outcome_and_places_nothing(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    maria.click("Annulla")
    assert (maria.result.click, maria.result.outcome) == ("accepted", "Operazione annullata")
    maria.say("voglio ridurre le licenze")
    maria.click("GoTo Webinar")
    assert maria.result.outcome == "Scelto: GoTo Webinar"
    assert orders(service, "ACC-1001") == []


def test_typed_text_has_no_click_status(chat: ChatFactory) -> None:
    maria = chat(MARIA)
    maria.say("ciao")
    assert maria.result.click is None and maria.result.outcome is None


def test_an_older_messages_yes_button_is_stale_even_with_the_same_action_and_value(
        chat: ChatFactory, service: BillingService) -> None:
    """flow.yes / flow.no carry the question's name as value: the same question asked twice
    has the same action and value, only the prompt id tells the two messages apart."""
    maria = chat(MARIA)
    maria.say("riduci a 15 le licenze di GoTo Webinar")
    old_yes = maria.button("Sì, aggiungine 5")
    maria.click("No")
    maria.say("15")
    new_yes = maria.button("Sì, aggiungine 5")
    assert (old_yes.action_id, old_yes.value) == (new_yes.action_id, new_yes.value)
    text = maria.press_button(old_yes)
    stale = maria.result
    assert stale.click == "stale" and stale.outcome is None
    assert "non è più valido" in text and "Vuoi aggiungerne 5?" in text
    assert "da 10 a 15" not in text
    maria.press_button(new_yes)
    assert maria.result.click == "accepted"
    assert "da 10 a 15 licenze" in maria.text
    assert orders(service, "ACC-1001") == []


def test_an_older_handoff_button_is_stale(chat: ChatFactory) -> None:
    maria = chat(MARIA)
    maria.say("come attivo la webcam durante una riunione?")
    old = maria.button("Parla con una persona")
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    maria.press_button(old)
    assert maria.result.click == "stale"
    assert "Riepilogo dell'ordine" in maria.text


def test_a_press_by_someone_else_in_the_same_conversation_is_refused(
        chat: ChatFactory, engine: Engine, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    confirm = maria.button("Conferma")
    result = engine.handle(Turn(
        conversation_key=maria.key, user_email="luca.bianchi@example.com",
        action=ButtonPress(action_id=confirm.action_id, value=confirm.value,
                           prompt_id=confirm.prompt_id or "")))
    assert result.click == "refused" and result.outcome is None
    assert "non è per te" in result.replies[0].plain_text()
    assert orders(service, "ACC-1001") == []
    # Maria's own press still works
    maria.press_button(confirm)
    assert maria.result.click == "accepted"
    assert len(orders(service, "ACC-1001")) == 1


def test_a_repeated_delivery_is_answered_once(engine: Engine, service: BillingService) -> None:
    def turn(delivery: str, text: str) -> Turn:
        return Turn(conversation_key="slack:T1:U1:D1:", user_email=MARIA, channel="slack",
                    place=Place(kind="dm", channel_id="D1", team_id="T1"),
                    delivery_id=delivery, text=text)

    first = engine.handle(turn("Ev1", "riduci a 8 le licenze di GoTo Webinar"))
    assert "Riepilogo dell'ordine" in first.replies[0].plain_text()
    again = engine.handle(turn("Ev1", "riduci a 8 le licenze di GoTo Webinar"))
    assert again.duplicate and again.replies == []
    yes = engine.handle(turn("Ev2", "sì"))
    assert "Fatto!" in yes.replies[0].plain_text()
    assert engine.handle(turn("Ev2", "sì")).duplicate
    assert len(orders(service, "ACC-1001")) == 1


def test_a_place_says_whether_other_people_read_it() -> None:
    assert not Place().shared
    assert not Place(kind="dm", channel_id="D1").shared
    assert Place(kind="channel", channel_id="C1", thread_ts="1.2").shared
    assert Turn(conversation_key="k", user_email="a@b.c", text="x").place.kind == "terminal"


def test_replies_with_account_data_are_private_and_general_ones_are_not(chat: ChatFactory) -> None:
    maria = chat(MARIA)
    maria.say("ciao")
    assert not any(reply.private for reply in maria.replies)
    maria.say("cos'è il centro fatturazione?")
    assert not any(reply.private for reply in maria.replies)
    maria.say("chi è il nostro contatto di fatturazione?")
    assert all(reply.private for reply in maria.replies)
    maria.say("voglio ridurre le licenze")
    assert all(reply.private for reply in maria.replies)
    maria.click("GoTo Webinar")
    maria.say("8")
    assert "Riepilogo dell'ordine" in maria.text and all(r.private for r in maria.replies)
    maria.click("Conferma")
    assert "Fatto!" in maria.text and all(r.private for r in maria.replies)
    luca = chat("luca.bianchi@example.com")
    luca.say("riduci a 8 le licenze di GoTo Webinar")
    assert "maria.rossi@example.com" in luca.text and all(r.private for r in luca.replies)


def test_an_agent_acts_for_a_customer_named_by_a_slack_mailto_link(
        chat: ChatFactory, service: BillingService) -> None:
    agent = chat("supporto@example.com")
    text = agent.say(decode("per conto di <mailto:maria.rossi@example.com|"
                            "maria.rossi@example.com> riduci a 8 le licenze di GoTo Webinar"))
    assert "Rossi Consulting S.r.l. (ACC-1001)" in text
    assert "da 10 a 8 licenze" in text
    agent.click("Conferma")
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 8
