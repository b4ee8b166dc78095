"""The real engine on a fresh demo database (SQLite file) per test, with a few more people:
a plain user in the corporate account and in the expired one, so every account of the matrix
has each role."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from billing_core import BillingService, Database, init_database, open_database
from billing_core.clock import FixedClock
from billing_core.conversations import ConversationStore
from bot.dialogue import ButtonPress, Turn
from bot.dialogue.engine import Engine
from bot.dialogue.results import TurnResult
from tests.scaleout.fixtures import slack, sqlite_demo_url

DEMO_NOW = datetime(2026, 11, 22, 10, 0, tzinfo=ZoneInfo("Europe/Rome"))
__all__ = ["slack", "sqlite_demo_url"]  # shared with tests/scaleout and tests/faults
EXTRA_USERS = [("ACC-2001", "marco.acme@example.com", "Marco Acme"),
               ("ACC-4001", "sara.bianchi@example.com", "Sara Bianchi")]
STRANGER = "nessuno@esterno.example"
AGENT = "supporto@example.com"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(DEMO_NOW)


@pytest.fixture
def database(tmp_path: Path, clock: FixedClock) -> Iterator[Database]:
    from billing_core.models import Contact
    from billing_core.unit_of_work import unit_of_work

    url = f"sqlite:///{tmp_path / 'billing.db'}"
    init_database(url, demo=True, clock=clock)
    opened = open_database(url)
    with unit_of_work(opened) as session:
        for account, email, name in EXTRA_USERS:
            session.add(Contact(account_id=account, email=email, name=name, role="user"))
    yield opened
    opened.dispose()


@pytest.fixture
def service(database: Database, clock: FixedClock) -> BillingService:
    return BillingService(database, clock=clock)


@pytest.fixture
def engine(service: BillingService, database: Database, classifier: Any, knowledge: Any,
           clock: FixedClock) -> Engine:
    return Engine(service, classifier, knowledge, ConversationStore(database, clock), clock)


@dataclass
class Person:
    engine: Engine
    email: str
    key: str
    result: TurnResult | None = None

    def say(self, text: str) -> TurnResult:
        self.result = self.engine.handle(Turn(conversation_key=self.key, user_email=self.email,
                                              channel="slack", text=text))
        return self.result

    def press(self, action_id: str, value: str, prompt_id: str,
              key: str | None = None) -> TurnResult:
        self.result = self.engine.handle(Turn(
            conversation_key=key or self.key, user_email=self.email, channel="slack",
            action=ButtonPress(action_id=action_id, value=value, prompt_id=prompt_id)))
        return self.result

    def click(self, label: str) -> TurnResult:
        button = next((b for b in self.engine.current_buttons(self.key) if b.label == label),
                      None)
        assert button is not None, (label, self.text)
        return self.press(button.action_id, button.value, button.prompt_id or "")

    @property
    def text(self) -> str:
        if self.result is None:
            return ""
        return "\n".join(reply.plain_text() for reply in self.result.replies)

    def labels(self) -> list[str]:
        return [b.label for b in self.engine.current_buttons(self.key)]


def audit_rows(database: Database, email: str) -> list[tuple[str, str | None, str]]:
    """(action, account, result) of every audit record of this person, oldest first."""
    from sqlalchemy import select

    from billing_core.models import AuditRecord

    with database.sessions() as session:
        rows = session.execute(select(AuditRecord.action, AuditRecord.account_id,
                                      AuditRecord.result)
                               .where(AuditRecord.actor_email == email.lower())
                               .order_by(AuditRecord.id)).all()
    return [(action, account, result) for action, account, result in rows]


def account_state(service: BillingService, account_id: str) -> tuple[Any, Any, Any]:
    view = service.find_account(account_id)
    assert view is not None
    return view.orders, view.subscriptions, view.quotes
