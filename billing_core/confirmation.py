"""The second half of the door: `confirm` places exactly what a preview showed, once. The same
key again returns the same order; a preview that is unknown, someone else's, used, expired,
priced on another billing day or stale (the subscription, the quote or the balance changed
since) is refused; a concurrent confirmation that lost the race gets the winner's answer.
An order returned again says so (`Order.replayed`)."""

from __future__ import annotations

from dataclasses import replace

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError

from billing_core import refusals, rules
from billing_core.changes import load_change
from billing_core.context import Context
from billing_core.eligibility import may_change
from billing_core.models import PreviewRecord
from billing_core.placement import place
from billing_core.schemas import Actor, Order, Preview, Refusal
from billing_core.unit_of_work import UnitOfWork
from billing_core.views import order

MAX_IDEMPOTENCY_KEY = 200
_KEY_REUSED = "this idempotency key was already used for another preview"


def confirm(ctx: Context, preview_id: str, actor: Actor,
            idempotency_key: str) -> Order | Refusal:
    key = idempotency_key.strip()
    if not key or len(key) > MAX_IDEMPOTENCY_KEY:
        raise ValueError(f"an idempotency key is 1 to {MAX_IDEMPOTENCY_KEY} characters")
    email = actor.email.strip().lower()
    try:
        with ctx.work() as uow:
            return _confirm(ctx, uow, preview_id, actor, key)
    except IntegrityError:
        # A concurrent confirmation placed the order first (unique preview / key).
        with ctx.work() as uow:
            existing = uow.repo.order_of_preview(preview_id)
            if existing is None:
                if uow.repo.order_of_key(email, key) is not None:
                    raise ValueError(_KEY_REUSED) from None
                raise
            if existing.actor_email == email and existing.idempotency_key == key:
                return order(existing, replayed=True)
            return uow.refuse(actor, "confirm", existing.account_id, refusals.preview_used())


def _confirm(ctx: Context, uow: UnitOfWork, preview_id: str, actor: Actor,
             key: str) -> Order | Refusal:
    repo = uow.repo
    email = actor.email.strip().lower()
    same_key = repo.order_of_key(email, key)
    if same_key is not None and same_key.preview_id == preview_id:
        return order(same_key, replayed=True)
    if same_key is not None:
        raise ValueError(_KEY_REUSED)
    record = repo.preview(preview_id, lock=True)
    if record is None:
        return uow.refuse(actor, "confirm", None, refusals.unknown_preview())
    found = _preview_refusal(ctx, uow, record, actor, key)
    if isinstance(found, Order):
        return found
    if found is None:
        found = _current_refusal(ctx, uow, record, actor, key)
    if isinstance(found, Refusal):
        return uow.refuse(actor, "confirm", record.account_id, found)
    return found


def _preview_refusal(ctx: Context, uow: UnitOfWork, record: PreviewRecord, actor: Actor,
                     key: str) -> Order | Refusal | None:
    """The preview itself: someone else's, placed already (with this key: that order again),
    expired, or priced on another billing day; None when it may still be confirmed."""
    if record.actor_email != actor.email.strip().lower() \
            or record.on_behalf_of != actor.on_behalf_of:
        return refusals.preview_not_yours()
    placed = uow.repo.order_of_preview(record.id)
    if placed is not None:
        if placed.idempotency_key != key:
            return refusals.preview_used()
        return order(placed, replayed=True)
    if ctx.now() >= record.expires_at:
        return refusals.preview_expired(ctx.preview_ttl, record.expires_at)
    if record.pricing_date != ctx.today():
        return refusals.preview_of_another_day(record.subscription_id, record.pricing_date)
    return None


def _current_refusal(ctx: Context, uow: UnitOfWork, record: PreviewRecord, actor: Actor,
                     key: str) -> Order | Refusal:
    """The order placed, unless the world moved since the preview: the actor may no longer
    change the account, the subscription, the quote or the balance changed (stale), or the
    payment is not ready."""
    repo = uow.repo
    account = repo.account(record.account_id, lock=True)
    assert account is not None
    refusal = may_change(uow, actor, account)
    if refusal:
        return refusal
    summary = Preview.model_validate(record.summary)
    try:
        change = load_change(record.change)
    except ValidationError:  # written by an older version: priced again
        return refusals.preview_stale(record.subscription_id)
    sub = repo.subscription(record.subscription_id, lock=True) \
        if record.subscription_id else None
    quote = repo.quote(record.quote_id, lock=True) if record.quote_id else None
    stale = (
        (sub is not None and sub.version != record.subscription_version)
        or (quote is not None and quote.status != "open")
        or account.balance < change.balance_used
    )
    if stale:
        return refusals.preview_stale(record.subscription_id)
    facts = repo.facts(account)
    if change.vat_number is not None:  # the VAT number given with the order, not yet on file
        facts = replace(facts, vat_number=change.vat_number)
    refusal = rules.payment_ready(facts, summary.total_due > 0)
    if refusal:
        return refusal
    assert sub is not None
    return place(ctx, uow, actor, key, record, summary, change, account, sub, quote)
