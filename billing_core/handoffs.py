"""Handoffs: conversations handed to a person, recorded where support can act on them.

The dialogue records one when a human is the next step (`record_handoff`); the Slack adapter
posts it to the support channel and notes where (`set_place`); an agent takes it (`take_handoff`:
one agent only, a second take is told who already took it) and closes it. `billing-bot report
handoffs` lists them. The messages kept are the conversation's last ones, with personal data
masked (billing_core.privacy); taking and closing are audited.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from billing_core import audit
from billing_core.clock import BILLING_TIMEZONE, Clock
from billing_core.db import Database
from billing_core.models import Account, Contact, Handoff, Staff
from billing_core.privacy import mask_personal_data
from billing_core.schemas import (
    Actor,
    Channel,
    HandoffMessage,
    HandoffStatus,
    HandoffView,
    Refusal,
)
from billing_core.unit_of_work import unit_of_work

MAX_MESSAGES = 10
"""How many of the conversation's last messages a handoff keeps."""
MAX_MESSAGE_TEXT = 500
MAX_REASON = 500
MAX_PLACE = 500


class HandoffStore:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._clock = clock

    def record_handoff(self, requester_email: str, conversation_key: str, reason: str,
                       messages: Sequence[HandoffMessage] = (), *,
                       account_id: str | None = None, place: str = "") -> HandoffView:
        """Record a conversation handed to a person, status `open`. `messages`: the
        conversation so far, oldest first (the last MAX_MESSAGES are kept, masked); `place`:
        where the conversation is, for the adapter (may be set later with `set_place`)."""
        kept = [{"speaker": message.speaker,
                 "text": _cut(mask_personal_data(message.text), MAX_MESSAGE_TEXT),
                 "at": message.at.isoformat() if message.at else None}
                for message in messages[-MAX_MESSAGES:]]
        with unit_of_work(self._db) as session:
            if account_id is not None and session.get(Account, account_id) is None:
                account_id = None  # never lose a handoff over a stale account id
            handoff = Handoff(
                id=f"HND-{uuid.uuid4().hex[:10].upper()}", created_at=self._clock.now(),
                requester_email=requester_email.strip().lower(), account_id=account_id,
                conversation_key=conversation_key, place=_cut(place, MAX_PLACE),
                reason=_cut(mask_personal_data(reason), MAX_REASON), messages=kept,
                status="open")
            session.add(handoff)
            session.flush()
            return _view(session, handoff)

    def set_place(self, handoff_id: str, place: str) -> HandoffView | None:
        """Note where the handoff was posted (e.g. the support channel's message)."""
        with unit_of_work(self._db) as session:
            handoff = session.get(Handoff, handoff_id, with_for_update=True)
            if handoff is None:
                return None
            handoff.place = _cut(place, MAX_PLACE)
            return _view(session, handoff)

    def take_handoff(self, handoff_id: str, agent_email: str, *,
                     channel: Channel = "slack") -> HandoffView | Refusal:
        """An agent takes an open handoff. Only one does: the same agent again gets it back, a
        second agent is told who took it and when. Atomic on SQLite and PostgreSQL (a
        conditional update)."""
        agent = agent_email.strip().lower()
        now = self._clock.now()
        with unit_of_work(self._db) as session:
            refusal = _agent_only(session, agent, "prendere in carico")
            if refusal is None:
                taken = session.execute(
                    update(Handoff).where(Handoff.id == handoff_id, Handoff.status == "open")
                    .values(status="taken", taken_by=agent, taken_at=now)
                ).rowcount == 1  # type: ignore[attr-defined]  # an UPDATE's CursorResult
                handoff = session.get(Handoff, handoff_id, populate_existing=True)
                if handoff is None:
                    refusal = _unknown(handoff_id)
                elif taken or (handoff.status == "taken" and handoff.taken_by == agent):
                    if taken:
                        _audit(session, now, agent, channel, "handoff.take", handoff, "ok")
                    return _view(session, handoff)
                else:
                    refusal = _already(session, handoff)
            _audit(session, now, agent, channel, "handoff.take",
                   session.get(Handoff, handoff_id), refusal.code)
            return refusal

    def close_handoff(self, handoff_id: str, agent_email: str, *,
                      channel: Channel = "slack") -> HandoffView | Refusal:
        """An agent closes a handoff (open or taken); closing it again changes nothing."""
        agent = agent_email.strip().lower()
        now = self._clock.now()
        with unit_of_work(self._db) as session:
            refusal = _agent_only(session, agent, "chiudere")
            handoff = session.get(Handoff, handoff_id, with_for_update=True)
            if refusal is None and handoff is None:
                refusal = _unknown(handoff_id)
            if refusal is not None:
                _audit(session, now, agent, channel, "handoff.close", handoff, refusal.code)
                return refusal
            assert handoff is not None
            if handoff.status != "closed":
                handoff.status, handoff.closed_by, handoff.closed_at = "closed", agent, now
                _audit(session, now, agent, channel, "handoff.close", handoff, "ok")
            return _view(session, handoff)

    def get_handoff(self, handoff_id: str) -> HandoffView | None:
        with unit_of_work(self._db) as session:
            handoff = session.get(Handoff, handoff_id)
            return _view(session, handoff) if handoff is not None else None

    def open_handoffs(self, limit: int = 50) -> list[HandoffView]:
        """Handoffs nobody has taken yet, oldest first (the next one to act on first)."""
        with unit_of_work(self._db) as session:
            rows = session.scalars(select(Handoff).where(Handoff.status == "open")
                                   .order_by(Handoff.created_at, Handoff.id).limit(limit)).all()
            return [_view(session, handoff) for handoff in rows]

    def handoffs(self, limit: int = 20,
                 statuses: Sequence[HandoffStatus] = ("open", "taken")) -> list[HandoffView]:
        """The latest handoffs in `statuses`, newest first (`billing-bot report handoffs`)."""
        with unit_of_work(self._db) as session:
            rows = session.scalars(select(Handoff).where(Handoff.status.in_(statuses))
                                   .order_by(Handoff.created_at.desc(), Handoff.id.desc())
                                   .limit(limit)).all()
            return [_view(session, handoff) for handoff in rows]


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _agent_only(session: Session, email: str, what: str) -> Refusal | None:
    staff = session.get(Staff, email)
    if staff is not None and staff.role == "agent":
        return None
    return Refusal(code="not_authorized",
                   message=f"Solo gli operatori del supporto possono {what} una richiesta di "
                           "assistenza.")


def _unknown(handoff_id: str) -> Refusal:
    return Refusal(code="unknown_handoff",
                   message=f"Non trovo la richiesta di assistenza {handoff_id}: controlla il "
                           "codice (per esempio HND-1A2B3C4D5E).",
                   details={"handoff_id": handoff_id})


def _already(session: Session, handoff: Handoff) -> Refusal:
    if handoff.status == "closed":
        return Refusal(code="handoff_closed",
                       message=f"La richiesta {handoff.id} è già chiusa.",
                       details={"closed_by": handoff.closed_by})
    staff = session.get(Staff, handoff.taken_by or "")
    who = f"{staff.name} ({handoff.taken_by})" if staff is not None else handoff.taken_by
    when = handoff.taken_at.astimezone(BILLING_TIMEZONE) if handoff.taken_at else None
    at = f" alle {when:%H:%M} del {when:%d/%m/%Y}" if when else ""
    return Refusal(code="handoff_taken",
                   message=f"La richiesta {handoff.id} è già stata presa in carico da {who}{at}.",
                   details={"taken_by": handoff.taken_by,
                            "taken_at": handoff.taken_at.isoformat() if handoff.taken_at
                            else None})


def _audit(session: Session, at: datetime, agent: str, channel: Channel, action: str,
           handoff: Handoff | None, result: str) -> None:
    audit.record(session, at, Actor(email=agent, channel=channel), action,
                 handoff.account_id if handoff else None, result,
                 handoff.id if handoff else "")


def _view(session: Session, handoff: Handoff) -> HandoffView:
    contact = session.scalar(select(Contact).where(Contact.email == handoff.requester_email))
    account = session.get(Account, handoff.account_id) if handoff.account_id else None
    return HandoffView(
        id=handoff.id, created_at=handoff.created_at, requester_email=handoff.requester_email,
        requester_name=contact.name if contact else None, account_id=handoff.account_id,
        account_name=account.name if account else None,
        conversation_key=handoff.conversation_key, place=handoff.place, reason=handoff.reason,
        messages=[HandoffMessage.model_validate(message) for message in handoff.messages],
        status=handoff.status,  # type: ignore[arg-type]  # only HandoffStatus is written
        taken_by=handoff.taken_by, taken_at=handoff.taken_at, closed_by=handoff.closed_by,
        closed_at=handoff.closed_at)
