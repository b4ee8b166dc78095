"""Refusals the dialogue decides itself, with no billing_core call behind them (a stranger's or
a plain user's change, someone else's button, a press of a button its message never showed,
"per conto di" from someone who is not an agent), go to billing_core's audit trail like its own
refusals: once the turn they happened in is saved, so a turn handled again after a conflict
audits once. Kept per thread: each turn runs on one thread from start to save."""

from __future__ import annotations

import threading

from billing_core import BillingService
from billing_core.schemas import Actor, Refusal

_turn = threading.local()


def start_turn() -> None:
    _turn.pending = []


def refused(actor: Actor, action: str, account_id: str | None, why: str) -> None:
    """Note a refusal of this turn (audited by `audit_turn` when the turn is saved)."""
    pending: list[tuple[Actor, str, str | None, Refusal]] = getattr(_turn, "pending", [])
    pending.append((actor, action, account_id,
                    Refusal(code="not_authorized", message=why[:500])))
    _turn.pending = pending


def audit_turn(service: BillingService) -> None:
    for actor, action, account_id, refusal in getattr(_turn, "pending", []):
        service.record_refusal(actor, action, account_id, refusal)
    _turn.pending = []
