"""State in the database: expiry, concurrent workers, retried confirmations."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.dialogue.conftest import Chat, ChatFactory, orders

if TYPE_CHECKING:
    from billing_core import BillingService
    from billing_core.clock import FixedClock
    from billing_core.conversations import ConversationStore
    from bot.dialogue.engine import Engine

MARIA = "maria.rossi@example.com"
STORED_BEFORE = Path(__file__).with_name("stored_state_with_last_buttons.json")
"""A state as the bot stored it while it kept the pending question's buttons and prompt id
apart from the question ("Per quale prodotto vuoi ridurre le licenze?", asked to Maria)."""
PROMPT_BEFORE = "3feef038b07fda38"


def test_after_30_minutes_of_silence_the_flow_restarts_politely(
        chat: ChatFactory, clock: FixedClock, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("voglio ridurre le licenze di GoTo Webinar")
    clock.advance(timedelta(minutes=31))
    text = maria.say("8")
    assert "mezz'ora" in text and "nessun ordine" in text
    assert "Riepilogo" not in text
    assert orders(service, "ACC-1001") == []


def test_within_30_minutes_the_flow_goes_on(chat: ChatFactory, clock: FixedClock) -> None:
    maria = chat(MARIA)
    maria.say("voglio ridurre le licenze di GoTo Webinar")
    clock.advance(timedelta(minutes=29))
    assert "Riepilogo dell'ordine" in maria.say("8")


def test_a_retried_confirmation_after_a_lost_update_places_one_order(
        chat: ChatFactory, store: ConversationStore, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    before = store.load(maria.key)
    assert before is not None
    first = maria.click("Conferma")
    # A second worker handles the same press from the state as it was before the first save.
    current = store.load(maria.key)
    assert current is not None
    store.save(maria.key, before.state, current.version)
    second = maria.click("Conferma")
    assert "Fatto!" in first and "Fatto!" in second
    placed = orders(service, "ACC-1001")
    assert len(placed) == 1
    assert placed[0].id in first and placed[0].id in second


@pytest.fixture
def second_worker(database_url: str) -> Iterator[Any]:
    """The database as another serve worker opens it (an engine of its own), disposed after."""
    from billing_core import open_database

    database = open_database(database_url)
    yield database
    database.dispose()


def racing_store(database: Any, clock: Any) -> Any:
    """A store where another worker saves between this worker's load and save, once."""
    from billing_core.conversations import ConversationStore

    class RacingStore(ConversationStore):
        raced = False

        def save(self, key: str, state: dict[str, Any], expected_version: Any) -> int:
            if not self.raced:
                self.raced = True
                current = self.load(key)
                assert current is not None
                super().save(key, current.state, current.version)
            return super().save(key, state, expected_version)

    return RacingStore(database, clock)


def test_a_conflicting_save_is_retried_on_the_fresh_state(
        engine: Engine, service: BillingService, second_worker: Any, clock: Any) -> None:
    from bot.dialogue.engine import Engine

    maria = Chat(engine, MARIA)
    maria.say("voglio ridurre le licenze di GoTo Webinar")
    racing = racing_store(second_worker, clock)
    racing_engine = Engine(service, engine.classifier, engine.knowledge, racing, clock)
    text = Chat(racing_engine, MARIA).say("8")
    assert racing.raced
    assert "Riepilogo dell'ordine" in text
    # The retried turn's state was saved: the first worker continues at the confirmation.
    assert "Fatto!" in maria.say("sì")
    assert len(orders(service, "ACC-1001")) == 1


def stored_before(store: ConversationStore, maria: Chat) -> None:
    store.save(maria.key, json.loads(STORED_BEFORE.read_text(encoding="utf-8")), None)


def test_a_question_stored_by_the_previous_version_can_still_be_answered_with_its_buttons(
        chat: ChatFactory, store: ConversationStore) -> None:
    maria = chat(MARIA)
    stored_before(store, maria)
    shown = maria.engine.current_buttons(maria.key)
    assert [(b.label, b.prompt_id) for b in shown] == [
        ("GoTo Webinar", PROMPT_BEFORE), ("GoToAssist Supporto remoto v4", PROMPT_BEFORE)]
    text = maria.press("flow.subscription.0", "SUB-1001-1", PROMPT_BEFORE)
    assert maria.result.click == "accepted"
    assert "Ora hai 10 licenze di GoTo Webinar. A quante licenze vuoi scendere?" in text
    assert "Riepilogo dell'ordine" in maria.say("8")


def test_an_older_button_at_a_question_stored_by_the_previous_version_asks_it_again(
        chat: ChatFactory, store: ConversationStore, engine: Engine) -> None:
    from bot.dialogue import ButtonPress, Turn

    maria = chat(MARIA)
    stored_before(store, maria)
    text = maria.press("flow.subscription.0", "SUB-1001-1", "0123456789abcdef")
    older = maria.result
    assert older.click == "stale"
    assert "Ecco di nuovo la domanda in sospeso" in text
    assert "Per quale prodotto vuoi ridurre le licenze?" in text
    # the question asked again keeps its buttons: pressed by another person they are refused,
    # pressed by Maria they answer it
    intruder = engine.handle(Turn(
        conversation_key=maria.key, user_email="luca.bianchi@example.com", channel="terminal",
        action=ButtonPress(action_id="flow.subscription.1", value="SUB-1001-2",
                           prompt_id=PROMPT_BEFORE)))
    assert intruder.click == "refused"
    maria.press_button(maria.button("GoToAssist Supporto remoto v4"))
    assert maria.result.click == "accepted"
    assert "GoToAssist" in maria.text and "A quante licenze vuoi scendere?" in maria.text
