"""Conversation state storage for the dialogue engine, and the log of unanswered questions.

billing_core owns the database; the bot owns the meaning of the JSON state. A save names the
version it read: if someone saved in between, ConversationConflict is raised (never a lost
update), and the caller reloads and retries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from billing_core.clock import Clock
from billing_core.db import Database
from billing_core.models import Conversation, UnansweredMessage, UTCDateTime
from billing_core.privacy import mask_personal_data
from billing_core.unit_of_work import read_unit_of_work, state_statement, unit_of_work

MAX_TEXT = 1000


class ConversationConflict(Exception):
    """The conversation changed since it was loaded."""


@dataclass(frozen=True)
class StoredConversation:
    key: str
    state: dict[str, Any]
    version: int
    updated_at: datetime


@dataclass(frozen=True)
class UnansweredRow:
    text: str
    count: int
    last_seen: datetime


def normalise_question(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()[:MAX_TEXT]


class ConversationStore:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._clock = clock

    def load(self, key: str) -> StoredConversation | None:
        with read_unit_of_work(self._db) as session:
            row = session.get(Conversation, key)
            if row is None:
                return None
            return StoredConversation(key=row.key, state=dict(row.state), version=row.version,
                                      updated_at=row.updated_at)

    def save(self, key: str, state: dict[str, Any], expected_version: int | None) -> int:
        """Store `state`; `expected_version` is the version loaded (None for a new one)."""
        now = self._clock.now()
        if expected_version is None:
            try:
                state_statement(self._db, insert(Conversation).values(
                    key=key, state=state, version=1, updated_at=now))
            except IntegrityError as error:
                raise ConversationConflict(key) from error
            return 1
        result = state_statement(
            self._db,
            update(Conversation)
            .where(Conversation.key == key, Conversation.version == expected_version)
            .values(state=state, version=expected_version + 1, updated_at=now))
        if result.rowcount != 1:
            raise ConversationConflict(key)
        return expected_version + 1

    def delete(self, key: str) -> None:
        state_statement(self._db, delete(Conversation).where(Conversation.key == key))

    def record_unanswered(self, text: str, user_email: str, best_intent: str | None,
                          confidence: float) -> None:
        """Log a question the bot could not answer, for the support writers' report: personal
        data (VAT numbers, e-mails, card numbers, IBANs) is masked before it is stored."""
        question = normalise_question(mask_personal_data(text))
        if not question:
            return
        with unit_of_work(self._db) as session:
            session.add(UnansweredMessage(text=question, user_email=user_email.lower(),
                                          best_intent=best_intent, confidence=float(confidence),
                                          at=self._clock.now()))

    def unanswered_report(self, limit: int = 20) -> list[UnansweredRow]:
        """The most frequent unanswered questions (normalised), most frequent first."""
        count = func.count(UnansweredMessage.id)
        last = func.max(UnansweredMessage.at)
        with unit_of_work(self._db) as session:
            rows = session.execute(
                select(UnansweredMessage.text, count, last)
                .group_by(UnansweredMessage.text)
                .order_by(count.desc(), last.desc(), UnansweredMessage.text)
                .limit(limit)
            ).all()
        return [UnansweredRow(text=text, count=int(n), last_seen=_aware(seen))
                for text, n, seen in rows]


def _aware(value: Any) -> datetime:
    """An instant read through an aggregate, made timezone-aware whatever the driver returned."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    result = UTCDateTime().process_result_value(value, None)  # type: ignore[arg-type]  # no dialect used
    assert result is not None
    return result
