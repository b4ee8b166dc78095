"""Proration, VAT and rounding: pure functions on Decimal, no database, no float.

Reference semantics: Stripe's "reset the billing cycle anchor to now, with prorations", by whole
days. A change takes effect today and the billing date moves to today: the customer gets credit
for the unused days of what was actually charged for the current period, and pays a full new
period of the new configuration from today. Every line is rounded half-up to the cent (as on
Italian invoices) before summing; the total is exactly the sum of the lines.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
MONTHS = {"monthly": 1, "annual": 12}


def round_cents(amount: Decimal) -> Decimal:
    """Round to the cent, half-up (IVA on 1,000.75 at 22% is 220.17)."""
    if not isinstance(amount, Decimal):
        raise TypeError(f"money must be a Decimal, not {type(amount).__name__}")
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def add_months(anchor: date, months: int) -> date:
    """`anchor` moved by `months`, clamped to the month's last day (Jan 31 + 1 → Feb 28)."""
    index = anchor.month - 1 + months
    year, month = anchor.year + index // 12, index % 12 + 1
    return date(year, month, min(anchor.day, calendar.monthrange(year, month)[1]))


def period_end(anchor: date, frequency: str, periods: int = 1) -> date:
    """End of the `periods`-th period counted from the anchor (never chained month by month)."""
    return add_months(anchor, MONTHS[frequency] * periods)


def unused_credit(charged: Decimal, period_start: date, period_end_: date, today: date) -> Decimal:
    """Credit for the unused whole days: charged × unused_days / period_days, never more.

    A period already over (or not paid: charged 0) gives no credit.
    """
    period_days = (period_end_ - period_start).days
    if period_days <= 0 or charged <= 0:
        return ZERO
    unused = min(max((period_end_ - today).days, 0), period_days)
    return round_cents(charged * unused / period_days)


def pro_rata(amount: Decimal, remaining_days: int, period_days: int) -> Decimal:
    """`amount` for `remaining_days` of a `period_days` term (whole days, half-up)."""
    if period_days <= 0:
        raise ValueError("a term has at least one day")
    remaining = min(max(remaining_days, 0), period_days)
    return round_cents(amount * remaining / period_days)


LedgerKind = Literal["charge", "credit", "vat", "balance_used", "balance_added"]
"""The kinds of ledger entry."""


@dataclass(frozen=True)
class Line:
    kind: LedgerKind
    """The ledger entry it becomes."""
    label: str
    amount: Decimal


@dataclass(frozen=True)
class PriceBreakdown:
    """The money of one change, line by line (all amounts rounded, total = sum of lines)."""

    plan_cost: Decimal
    credit: Decimal
    subtotal: Decimal
    vat_rate: Decimal
    vat: Decimal
    balance_used: Decimal
    account_credit: Decimal
    total_due: Decimal
    lines: tuple[Line, ...]


def price_change(*, plan_cost: Decimal, credit: Decimal, vat_rate: Decimal,
                 available_balance: Decimal = ZERO, plan_label: str = "Costo del piano",
                 credit_label: str = "Credito per il periodo non utilizzato") -> PriceBreakdown:
    """Net a new charge against a credit, add VAT, use the account's credit balance.

    A positive net is charged with VAT, after using any credit the account already has.
    A negative net is not refunded: it becomes account credit for the next invoice, VAT included
    (the balance pays VAT-inclusive totals), and the total due is zero.
    """
    plan_cost, credit = round_cents(plan_cost), round_cents(credit)
    if plan_cost < 0 or credit < 0 or available_balance < 0:
        raise ValueError("plan cost, credit and balance are never negative")
    lines = [Line("charge", plan_label, plan_cost)]
    if credit:
        lines.append(Line("credit", credit_label, -credit))
    subtotal = plan_cost - credit
    vat = ZERO
    balance_used = ZERO
    account_credit = ZERO
    if subtotal > 0:
        vat = round_cents(subtotal * vat_rate)
        if vat:
            lines.append(Line("vat", f"IVA {vat_rate * 100:.0f}%", vat))
        balance_used = min(round_cents(available_balance), subtotal + vat)
        if balance_used:
            lines.append(Line("balance_used", "Credito dell'account utilizzato", -balance_used))
    elif subtotal < 0:
        # The credit gives back the VAT paid on it too (as a credit note does): the balance is
        # later spent on VAT-inclusive totals, so a VAT-exclusive credit would lose the VAT.
        vat = round_cents(subtotal * vat_rate)
        if vat:
            lines.append(Line("vat", f"IVA {vat_rate * 100:.0f}% sul credito", vat))
        account_credit = -(subtotal + vat)
        lines.append(Line("balance_added", "Credito aggiunto al saldo dell'account",
                          account_credit))
    total = sum((line.amount for line in lines), ZERO)
    return PriceBreakdown(plan_cost=plan_cost, credit=credit, subtotal=subtotal, vat_rate=vat_rate,
                 vat=vat, balance_used=balance_used, account_credit=account_credit,
                 total_due=total, lines=tuple(lines))


def nothing_due(vat_rate: Decimal) -> PriceBreakdown:
    """The money of a change that costs nothing (a cancellation at period end)."""
    return PriceBreakdown(plan_cost=ZERO, credit=ZERO, subtotal=ZERO, vat_rate=vat_rate, vat=ZERO,
                          balance_used=ZERO, account_credit=ZERO, total_due=ZERO, lines=())
