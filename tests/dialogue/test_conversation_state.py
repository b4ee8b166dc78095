"""State in the database: expiry, concurrent workers, retried confirmations."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest

from tests.dialogue.conftest import Chat, ChatFactory, orders

if TYPE_CHECKING:
    from billing_core import BillingService
    from billing_core.clock import FixedClock
    from billing_core.conversations import ConversationStore
    from bot.dialogue.engine import Engine

MARIA = "maria.rossi@example.com"


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
