"""Rows → the boundary views callers get (pydantic, no ORM): accounts, subscriptions, orders,
quotes, the billing history and the next renewals."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, cast

from billing_core.catalog import Frequency
from billing_core.models import Account, LedgerEntry, OrderRecord, Quote, Subscription
from billing_core.pricing import ZERO, round_cents
from billing_core.repository import Repository
from billing_core.schemas import (
    AccountBasics,
    AccountView,
    ChargeView,
    Order,
    OrderView,
    PlanState,
    QuoteView,
    RenewalView,
    SubscriptionView,
)
from billing_core.wording import order_kind, product_name


def account_view(repo: Repository, account: Account) -> AccountView:
    contact = repo.billing_contact(account)
    subs = repo.subscriptions(account.id)
    orders = repo.orders(account.id)
    renewals = (renewal(repo, account, sub) for sub in subs)
    return AccountView(
        id=account.id, name=account.name, kind=cast(Any, account.kind),
        country=account.country, currency=account.currency,
        billing_contact=contact.email if contact else None,
        billing_contact_name=contact.name if contact else None,
        balance=account.balance, payment_method=cast(Any, account.payment_method),
        vat_number=account.vat_number,
        subscriptions=[subscription_view(repo, sub) for sub in subs],
        orders=[OrderView(id=o.id, status=cast(Any, o.status), kind=cast(Any, o.kind),
                          total=o.total, currency=o.currency, created_at=o.created_at,
                          subscription_id=o.subscription_id, quote_id=o.quote_id)
                for o in orders],
        quotes=[quote_view(quote) for quote in repo.quotes(account.id)],
        charges=charges(repo, account, repo.ledger(account.id), {o.id: o for o in orders}),
        renewals=sorted((r for r in renewals if r is not None),
                        key=lambda r: (r.date, r.subscription_id)),
    )


def account_basics(repo: Repository, account: Account) -> AccountBasics:
    contact = repo.billing_contact(account)
    return AccountBasics(
        id=account.id, name=account.name, kind=cast(Any, account.kind),
        billing_contact=contact.email if contact else None,
        billing_contact_name=contact.name if contact else None,
        subscriptions=[subscription_view(repo, sub) for sub in repo.subscriptions(account.id)])


def subscription_view(repo: Repository, sub: Subscription) -> SubscriptionView:
    renews_on = renewal_date(sub)
    return SubscriptionView(
        id=sub.id, product=sub.product, product_name=repo.product(sub.product).name,
        plan=sub.tier, licenses=sub.licenses, frequency=cast(Any, sub.frequency),
        status=cast(Any, sub.status), period_start=sub.period_start,
        period_end=sub.period_end, cancel_at_period_end=sub.cancel_at_period_end,
        version=sub.version, renews_on=renews_on,
        ends_on=None if renews_on else sub.period_end,
    )


def renewal_date(sub: Subscription) -> date | None:
    """An active subscription with no cancellation pending renews at its period end."""
    if sub.status == "active" and not sub.cancel_at_period_end:
        return sub.period_end
    return None


def renewal(repo: Repository, account: Account, sub: Subscription) -> RenewalView | None:
    """The next renewal at today's list price (VAT as on the account's invoices)."""
    if renewal_date(sub) is None:
        return None
    return renewal_of(repo, account, sub.id, sub.product, plan_state(sub), sub.period_end)


def renewal_of(repo: Repository, account: Account, subscription_id: str, product: str,
               plan: PlanState, on: date) -> RenewalView | None:
    """What renewing `plan` on `on` costs at today's list price: licenses × the price of the
    tier and frequency, plus the account's VAT (None for a tier the catalog does not have)."""
    tier = repo.product(product).tier(plan.tier)
    if tier is None:
        return None
    amount = tier.price(plan.frequency) * plan.licenses
    vat = round_cents(amount * repo.catalog.vat_rate(account.country))
    return RenewalView(subscription_id=subscription_id, product=product, date=on,
                       amount=amount, vat=vat, total=amount + vat, currency=account.currency)


def plan_state(sub: Subscription) -> PlanState:
    return PlanState(tier=sub.tier, licenses=sub.licenses,
                     frequency=cast(Frequency, sub.frequency))


def quote_view(quote: Quote) -> QuoteView:
    return QuoteView(id=quote.id, status=cast(Any, quote.status), product=quote.product,
                     seats=quote.seats, subscription_id=quote.subscription_id,
                     created_at=quote.created_at)


def order(record: OrderRecord, *, replayed: bool = False) -> Order:
    """The order as the service returns it; `replayed`: returned again by an idempotent
    confirmation, not placed now."""
    return Order(id=record.id, kind=cast(Any, record.kind), status=cast(Any, record.status),
                 account_id=record.account_id, subscription_id=record.subscription_id,
                 quote_id=record.quote_id, total=record.total, currency=record.currency,
                 created_at=record.created_at, email_to=record.email_to, replayed=replayed)


def charges(repo: Repository, account: Account, ledger: Sequence[LedgerEntry],
            orders: dict[str, OrderRecord]) -> list[ChargeView]:
    """The billing history: one charge per order (the sum of its ledger lines, VAT included),
    one per period charged outside an order (the demo's opening periods), newest first."""
    grouped: dict[str, list[LedgerEntry]] = {}
    for entry in ledger:
        key: str
        if entry.order_id:
            key = entry.order_id
        elif entry.subscription_id:  # a period charged outside an order (e.g. the demo's)
            key = f"period-{entry.subscription_id}-{entry.entry_date.isoformat()}"
        else:
            key = f"entry-{entry.id}"
        grouped.setdefault(key, []).append(entry)
    history = []
    for key, entries in sorted(grouped.items(),
                               key=lambda item: (item[1][0].entry_date, item[1][0].id)):
        first = entries[0]
        placed = orders.get(key)
        description = (f"{order_kind(placed.kind, account.kind)}, "
                       f"{product_name(first.product, repo.catalog)} "
                       f"(ordine {placed.id})" if placed and first.product
                       else first.description)
        history.append(ChargeView(date=first.entry_date, description=description,
                                  amount=sum((e.amount for e in entries), ZERO),
                                  currency=first.currency))
    return list(reversed(history))
