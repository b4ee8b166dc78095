"""The audit trail: every preview, confirmation, refusal and handoff decision is recorded with
who acted (and for whom), where, what and the outcome. Text in it is for operators: amounts as
"1113.86 EUR", VAT numbers masked."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.orm import Session

from billing_core.models import AuditRecord
from billing_core.schemas import Actor, Refusal

log = logging.getLogger("billing_core")


def record(session: Session, at: datetime, actor: Actor, action: str, account_id: str | None,
           result: str, detail: str = "") -> None:
    """One audit line: `result` is `ok`, the order id or the refusal code."""
    session.add(AuditRecord(at=at, actor_email=actor.email.strip().lower(),
                            on_behalf_of=actor.on_behalf_of, channel=actor.channel,
                            action=action, account_id=account_id, result=result,
                            detail=detail))


def refuse(session: Session, at: datetime, actor: Actor, action: str, account_id: str | None,
           refusal: Refusal) -> Refusal:
    """Record a refusal (and log its code, never its details) and return it."""
    record(session, at, actor, action, account_id, refusal.code, refusal.message)
    log.info("%s refused for %s: %s", action, account_id, refusal.code)
    return refusal


def amount(value: object, currency: str) -> str:
    """Money as operators read it in the audit trail: "1113.86 EUR"."""
    return f"{value:.2f} {currency}"
