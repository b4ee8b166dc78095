"""Placing a confirmed order: the change applied to the subscription (and quote), the account
balance (and the VAT number given with the order), the ledger lines, the confirmation e-mail in
the outbox and the audit records, all in the confirmation's transaction."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from billing_core.audit import amount
from billing_core.changes import AddSeats, CancelAtPeriodEnd, Change, NewPeriod
from billing_core.context import Context
from billing_core.models import (
    Account,
    LedgerEntry,
    OrderRecord,
    OutboxEmail,
    PreviewRecord,
    Quote,
    Subscription,
)
from billing_core.outbox import receipt_email
from billing_core.privacy import mask_vat_number
from billing_core.repository import new_id
from billing_core.schemas import Actor, Order, Preview
from billing_core.unit_of_work import UnitOfWork
from billing_core.views import order as order_view

log = logging.getLogger("billing_core")

CORPORATE_PROCESSING = timedelta(hours=24)


def place(ctx: Context, uow: UnitOfWork, actor: Actor, key: str, record: PreviewRecord,
          summary: Preview, change: Change, account: Account, sub: Subscription,
          quote: Quote | None) -> Order:
    repo = uow.repo
    now = ctx.now()
    contact = repo.billing_contact(account)
    order = OrderRecord(
        id=new_id("ORD"), kind=summary.kind, status=summary.order_status,
        account_id=account.id, subscription_id=record.subscription_id,
        quote_id=record.quote_id, preview_id=record.id, actor_email=record.actor_email,
        on_behalf_of=record.on_behalf_of, idempotency_key=key, total=summary.total_due,
        currency=summary.currency, email_to=contact.email if contact else "", created_at=now,
        completes_at=now + CORPORATE_PROCESSING if summary.order_status == "processing"
        else None,
    )
    if isinstance(change, AddSeats):
        accepted = quote if summary.kind == "quote.accept" else _new_quote(uow, change, sub, now)
        assert accepted is not None
        accepted.status, accepted.decided_at = "accepted", now
        order.quote_id = accepted.id
        sub.licenses += change.seats
        sub.charged += change.charged_add
    elif isinstance(change, NewPeriod):
        sub.tier, sub.licenses, sub.frequency = change.tier, change.licenses, change.frequency
        sub.billing_anchor = sub.period_start = change.period_start
        sub.period_end = change.period_end
        sub.charged = change.charged
        sub.status = "active"
        sub.cancel_at_period_end = False
    else:  # cancelled at the period end, or that cancellation withdrawn
        sub.cancel_at_period_end = isinstance(change, CancelAtPeriodEnd)
    repo.add(order)
    repo.flush()
    account.balance = account.balance - change.balance_used + summary.account_credit
    for line in change.lines:
        repo.add(LedgerEntry(
            account_id=account.id, order_id=order.id, subscription_id=record.subscription_id,
            product=summary.product, kind=line.kind,
            description=f"{summary.product_name} · {line.label}", amount=line.amount,
            currency=summary.currency, entry_date=summary.pricing_date, created_at=now))
    to, subject, body = receipt_email(order.id, order.email_to, account.name, summary,
                                      order.status)
    repo.add(OutboxEmail(order_id=order.id, to_address=to, subject=subject, body=body,
                         created_at=now))
    record.used_at = now
    if change.vat_number is not None and change.vat_number != account.vat_number:
        # the VAT number typed for this order goes on the account with it, never before
        account.vat_number = change.vat_number
        uow.audit(actor, "account.vat_number", account.id, "ok",
                  f"partita IVA {mask_vat_number(change.vat_number)}, ordine {order.id}")
    uow.audit(actor, "confirm", account.id, order.id,
              f"{summary.kind} {summary.subscription_id or ''} totale "
              f"{amount(summary.total_due, summary.currency)}, ordine {order.status}")
    repo.flush()
    log.info("order %s placed for %s (%s)", order.id, account.id, summary.kind)
    return order_view(order)


def _new_quote(uow: UnitOfWork, change: AddSeats, sub: Subscription, now: datetime) -> Quote:
    """Seats asked for in the chat: the account's open quotes expire and a new one, for these
    seats, is accepted at once (the Corporate Billing Portal's quote workflow)."""
    for stale in uow.repo.open_quotes(sub.account_id):
        stale.status, stale.decided_at = "expired", now
    quote = Quote(id=new_id("Q"), account_id=sub.account_id, subscription_id=sub.id,
                  product=sub.product, seats=change.seats, status="open", created_at=now)
    uow.repo.add(quote)
    uow.repo.flush()
    return quote
