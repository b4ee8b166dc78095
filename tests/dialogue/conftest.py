"""Scripted conversations through the real engine, billing_core, classifier, KB and database.

Every test starts from the demo data set loaded on 22 November 2026 at 10:00 Europe/Rome.
The classifier and the knowledge base are loaded once per session (they are read-only).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest

from bot.console import conversation_key, find_button
from bot.dialogue import Button, ButtonPress, Reply, Turn
from bot.dialogue.results import TurnResult

if TYPE_CHECKING:
    from billing_core import BillingService, Database
    from billing_core.clock import FixedClock
    from billing_core.conversations import ConversationStore
    from billing_core.handoffs import HandoffStore
    from billing_core.schemas import AccountView, OrderView, SubscriptionView
    from bot.dialogue.engine import Engine
    from tests.conftest import DemoLoader

DEMO_NOW = datetime(2026, 11, 22, 10, 0, tzinfo=ZoneInfo("Europe/Rome"))


@pytest.fixture
def clock() -> FixedClock:
    from billing_core.clock import FixedClock

    return FixedClock(DEMO_NOW)


@pytest.fixture
def database_url(empty_database_url: str, clock: FixedClock, init_demo: DemoLoader) -> str:
    init_demo(empty_database_url, clock)
    return empty_database_url


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """The service's and the store's database, as build_engine shares one; disposed after."""
    from billing_core import open_database

    database = open_database(database_url)
    yield database
    database.dispose()


@pytest.fixture
def service(database: Database, clock: FixedClock) -> BillingService:
    from billing_core import BillingService

    return BillingService(database, clock=clock)


@pytest.fixture
def store(database: Database, clock: FixedClock) -> ConversationStore:
    from billing_core.conversations import ConversationStore

    return ConversationStore(database, clock)


@pytest.fixture
def handoffs(database: Database, clock: FixedClock) -> HandoffStore:
    from billing_core.handoffs import HandoffStore

    return HandoffStore(database, clock)


@pytest.fixture
def engine(service: BillingService, classifier: Any, knowledge: Any,
           store: ConversationStore, clock: FixedClock, handoffs: HandoffStore) -> Engine:
    from bot.dialogue.engine import Engine

    return Engine(service, classifier, knowledge, store, clock, handoffs)


class Chat:
    """One person talking to the engine, with what they last read at hand."""

    def __init__(self, engine: Engine, email: str) -> None:
        self.engine = engine
        self.email = email
        self.key = conversation_key(email)
        self.result = TurnResult()

    @property
    def replies(self) -> list[Reply]:
        return self.result.replies

    def say(self, text: str) -> str:
        self.result = self.engine.handle(Turn(conversation_key=self.key, user_email=self.email,
                                              channel="terminal", text=text))
        return self.text

    def click(self, label: str) -> str:
        button = find_button(self.engine.current_buttons(self.key), label)
        assert button is not None, f"no button {label!r} in {self.labels}"
        return self.press_button(button)

    def press_button(self, button: Button) -> str:
        """Press a button as it was shown (with the prompt id of the message that showed it)."""
        assert button.prompt_id is not None
        return self.press(button.action_id, button.value, button.prompt_id)

    def press(self, action_id: str, value: str, prompt_id: str) -> str:
        self.result = self.engine.handle(Turn(
            conversation_key=self.key, user_email=self.email, channel="terminal",
            action=ButtonPress(action_id=action_id, value=value, prompt_id=prompt_id)))
        return self.text

    def button(self, label: str) -> Button:
        """A button of the messages just received, by label."""
        return next(b for r in self.replies for b in r.buttons if b.label == label)

    @property
    def text(self) -> str:
        return "\n\n".join(reply.plain_text() for reply in self.replies)

    @property
    def labels(self) -> list[str]:
        return [button.label for reply in self.replies for button in reply.buttons]

    @property
    def intents(self) -> list[str | None]:
        return [reply.intent for reply in self.replies]


ChatFactory = Callable[[str], Chat]
"""The `chat` fixture: `chat("maria.rossi@example.com")` starts that person's conversation."""


@pytest.fixture
def chat(engine: Engine) -> ChatFactory:
    def start(email: str) -> Chat:
        return Chat(engine, email)
    return start


def account(service: BillingService, account_id: str) -> AccountView:
    view = service.find_account(account_id)
    assert view is not None
    return view


def orders(service: BillingService, account_id: str) -> list[OrderView]:
    return list(account(service, account_id).orders)


def subscription(service: BillingService, account_id: str, product: str) -> SubscriptionView:
    for sub in account(service, account_id).subscriptions:
        if sub.product == product:
            return sub
    raise AssertionError(f"{account_id} has no {product}")


