"""Boundary types of billing_core: what callers pass in and get back (pydantic, no ORM)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["billing_contact", "user", "agent", "stranger"]
Channel = Literal["terminal", "slack", "cli"]
AccountKind = Literal["standard", "corporate"]
Frequency = Literal["monthly", "annual"]
SubscriptionStatus = Literal["active", "trial", "trial_expired", "expired", "cancelled"]
OrderStatus = Literal["placed", "processing", "completed", "failed"]
QuoteStatus = Literal["open", "accepted", "rejected", "expired"]
PreviewKind = Literal["licenses.reduce", "plan.change", "seats.add", "quote.accept",
                      "subscription.cancel", "subscription.reactivate"]
PaymentMethod = Literal["card", "bank_transfer"]


class _Boundary(BaseModel):
    model_config = ConfigDict(frozen=True)


class Actor(_Boundary):
    """Who acts. `on_behalf_of` is the account id an agent acts for (audited with both names)."""

    email: str
    channel: Channel = "terminal"
    on_behalf_of: str | None = None


class Identity(_Boundary):
    email: str
    name: str | None
    role: Role
    account_id: str | None
    account_name: str | None
    account_kind: AccountKind | None


RefusalCode = Literal[
    # who may act
    "not_authorized",
    # what the request names
    "unknown_account", "unknown_subscription", "unknown_quote", "unknown_plan",
    "unknown_handoff",
    # counts, plans, frequencies
    "invalid_count", "not_a_reduction", "too_many_licenses", "nothing_to_change",
    "tier_downgrade", "product_switch", "invalid_frequency",
    # the subscription's state
    "trial_ended", "subscription_expired", "subscription_not_expired", "already_cancelled",
    # the account's kind
    "standard_only", "corporate_only", "corporate_annual_only", "corporate_not_self_service",
    # payment
    "payment_method_required", "vat_number_required", "vat_number_invalid",
    # quotes
    "quote_not_open",
    # confirmation
    "preview_expired", "preview_used", "preview_stale", "preview_not_yours", "unknown_preview",
    # handoffs
    "handoff_taken", "handoff_closed",
]
"""Every reason billing_core says no (the bot branches on these strings): a closed set."""


class Refusal(_Boundary):
    """A rule said no: a value, never an exception."""

    code: RefusalCode
    message: str
    """The Italian sentence for the user, saying what to do."""
    handoff: bool = False
    """True when a human is the next step."""
    details: dict[str, Any] = Field(default_factory=dict)


class SubscriptionView(_Boundary):
    id: str
    product: str
    product_name: str
    plan: str
    licenses: int
    frequency: Frequency
    status: SubscriptionStatus
    period_start: date
    period_end: date
    cancel_at_period_end: bool
    version: int
    renews_on: date | None = None
    """When it renews: the period end of an active subscription with no cancellation pending."""
    ends_on: date | None = None
    """When it ends or ended: the period end of a trial, of a subscription cancelled at the
    period end, or of an expired or cancelled one."""


class OrderView(_Boundary):
    id: str
    status: OrderStatus
    kind: PreviewKind
    total: Decimal
    currency: str
    created_at: datetime
    subscription_id: str | None
    quote_id: str | None


class QuoteView(_Boundary):
    id: str
    status: QuoteStatus
    product: str
    seats: int
    subscription_id: str
    created_at: datetime


class ChargeView(_Boundary):
    date: date
    description: str
    amount: Decimal
    """Positive: charged to the account; negative: credited to it."""
    currency: str


class RenewalView(_Boundary):
    """The next renewal of a subscription, at today's list price, before any account credit."""

    subscription_id: str
    product: str
    date: date
    amount: Decimal
    """VAT excluded: licenses × the list price of the plan and frequency."""
    vat: Decimal
    total: Decimal
    """VAT included."""
    currency: str


class AccountBasics(_Boundary):
    """What any contact of an account may see: who the billing contact is and which products
    the account has (no amounts, prices or billing history)."""

    id: str
    name: str
    kind: AccountKind
    billing_contact: str | None
    billing_contact_name: str | None
    subscriptions: list[SubscriptionView]


class AccountView(_Boundary):
    """An account with its money, for its billing contact and staff agents. Pending changes:
    `subscriptions[].cancel_at_period_end` (a cancellation at the period end), orders whose
    status is `processing`, quotes whose status is `open`."""

    id: str
    name: str
    kind: AccountKind
    country: str
    currency: str
    billing_contact: str | None
    billing_contact_name: str | None
    balance: Decimal
    """Account credit available for the next invoices."""
    payment_method: PaymentMethod | None
    vat_number: str | None
    subscriptions: list[SubscriptionView]
    orders: list[OrderView]
    quotes: list[QuoteView]
    charges: list[ChargeView]
    renewals: list[RenewalView] = Field(default_factory=list)
    """The next renewal of each subscription that renews, soonest first."""


class PlanState(_Boundary):
    tier: str
    licenses: int
    frequency: Frequency


class PreviewLine(_Boundary):
    label: str
    amount: Decimal


class Preview(_Boundary):
    """The order summary the user sees; confirming it places exactly these numbers.

    The total is always `plan_cost - credit + vat - balance_used + account_credit == total_due`:
    when the credit is larger than the charge, `subtotal` and `vat` are negative and
    `account_credit` (what goes to the balance, VAT included) brings the total back to zero;
    otherwise `account_credit` is zero and `balance_used` may pay part of the total."""

    id: str
    kind: PreviewKind
    account_id: str
    account_name: str
    subscription_id: str | None
    quote_id: str | None
    product: str
    product_name: str
    before: PlanState | None
    after: PlanState | None
    period_start: date
    period_end: date
    lines: list[PreviewLine]
    plan_cost: Decimal
    credit: Decimal
    subtotal: Decimal
    vat_rate: Decimal
    vat: Decimal
    total_due: Decimal
    account_credit: Decimal
    """Credit added to the account balance when the net is negative (used by the next invoice)."""
    balance_used: Decimal = Decimal("0.00")
    """Credit already on the account that pays part of `total_due` (shown as its own line).
    Never together with `account_credit`."""
    renewal: RenewalView | None = None
    """What the changed subscription renews for at the end of the new period (today's list
    price, VAT included in `total`); None for a cancellation. "Quanto pago dopo?" at the
    summary is answered from it."""
    currency: str
    payment_required: bool
    payment_method: PaymentMethod | None
    order_status: OrderStatus
    warnings: list[str]
    pricing_date: date
    expires_at: datetime
    account_kind: AccountKind = "standard"
    """Whose order it is: a Billing Center account counts licenses, a corporate one seats (a
    `seats.add` is either). Previews stored before the field existed load as standard; the
    summaries shown are always new ones."""
    vat_number: str | None = None
    """The partita IVA given with this order (typed in the chat, validated): the one the
    invoice carries, stored on the account only when the order is confirmed; None when the
    account's own is used. Shown in full to the person who typed it, masked everywhere else."""


class Order(_Boundary):
    id: str
    kind: PreviewKind
    status: OrderStatus
    account_id: str
    subscription_id: str | None
    quote_id: str | None
    total: Decimal
    currency: str
    created_at: datetime
    email_to: str
    replayed: bool = False
    """True when `confirm` returned an order an earlier confirmation placed (the same
    idempotency key, or a concurrent confirmation that won the race): nothing was placed by
    this call (Stripe's `Idempotent-Replayed`)."""


HandoffStatus = Literal["open", "taken", "closed"]


class HandoffMessage(_Boundary):
    """One message of the conversation handed to a person (text with personal data masked)."""

    speaker: Literal["user", "bot"]
    text: str
    at: datetime | None = None


class HandoffView(_Boundary):
    """A conversation handed to a person, as support sees it."""

    id: str
    created_at: datetime
    requester_email: str
    requester_name: str | None
    account_id: str | None
    account_name: str | None
    conversation_key: str
    place: str
    """Where the conversation is, in the adapter's words (e.g. a Slack channel and thread)."""
    reason: str
    messages: list[HandoffMessage]
    """The last messages, oldest first."""
    status: HandoffStatus
    taken_by: str | None
    taken_at: datetime | None
    closed_by: str | None
    closed_at: datetime | None
