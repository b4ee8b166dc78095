"""The dialogue reads product and plan names and list prices from the service's catalog
(`BillingService.catalog`), never from a catalog of its own: a service built on another catalog
is the one whose names the user reads and whose prices the answers quote."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from billing_core import BillingService
from billing_core.catalog import CATALOG_FILE, parse_catalog
from bot.dialogue.engine import Engine
from tests.dialogue.conftest import Chat

if TYPE_CHECKING:
    from billing_core import Database
    from billing_core.clock import FixedClock
    from billing_core.conversations import ConversationStore
    from billing_core.handoffs import HandoffStore

MARIA = "maria.rossi@example.com"
WEBINAR_PRO = '- {id: pro, name: Pro, monthly: "249.00"'


@pytest.fixture
def maria(database: Database, clock: FixedClock, classifier: Any, knowledge: Any,
          store: ConversationStore, handoffs: HandoffStore) -> Chat:
    """Maria talking to an engine whose service has GoTo Webinar Pro renamed and repriced."""
    text = CATALOG_FILE.read_text(encoding="utf-8")
    assert text.count(WEBINAR_PRO) == 1
    catalog = parse_catalog(text.replace(WEBINAR_PRO, '- {id: pro, name: Pro Plus, '
                                                      'monthly: "250.00"'))
    service = BillingService(database, clock=clock, catalog=catalog)
    return Chat(Engine(service, classifier, knowledge, store, clock, handoffs), MARIA)


def test_plan_buttons_name_the_plans_of_the_services_catalog(maria: Chat) -> None:
    maria.say("voglio cambiare piano")
    maria.click("GoTo Webinar")
    maria.click("Piano")
    assert "Pro Plus (attuale)" in maria.labels


def test_list_prices_come_from_the_services_catalog(maria: Chat) -> None:
    text = maria.say("quanto costa il mio piano?")
    assert "a 250,00 € per licenza al mese" in text
