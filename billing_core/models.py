"""Database tables (SQLAlchemy 2.0 typed mappings). Sessions never leave billing_core."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

CENT = Decimal("0.01")


class Cents(TypeDecorator[Decimal]):
    """A Decimal amount stored as an exact integer number of cents (never a float)."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"money must be a Decimal, not {type(value).__name__}")
        cents = value * 100
        if cents != cents.to_integral_value():
            raise ValueError(f"{value} is not a whole number of cents")
        return int(cents)

    def process_result_value(self, value: int | None, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / 100).quantize(CENT)


class UTCDateTime(TypeDecorator[datetime]):
    """An instant stored in UTC and always read back timezone-aware (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))  # standard | corporate
    country: Mapped[str] = mapped_column(String(2))
    currency: Mapped[str] = mapped_column(String(3))
    business: Mapped[bool] = mapped_column(Boolean, default=True)
    vat_number: Mapped[str | None] = mapped_column(String(32))
    payment_method: Mapped[str | None] = mapped_column(String(16))  # card | bank_transfer
    balance: Mapped[Decimal] = mapped_column(Cents, default=Decimal("0.00"))
    """Account credit available to the next invoices (never negative)."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Contact(Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    """Stored lower case."""
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # billing_contact | user


class Staff(Base):
    __tablename__ = "staff"

    email: Mapped[str] = mapped_column(String(254), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # agent


class Subscription(Base):
    __tablename__ = "subscriptions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), index=True)
    product: Mapped[str] = mapped_column(String(32))
    tier: Mapped[str] = mapped_column(String(32))
    licenses: Mapped[int] = mapped_column(Integer)
    frequency: Mapped[str] = mapped_column(String(8))  # monthly | annual
    status: Mapped[str] = mapped_column(String(16))
    billing_anchor: Mapped[date] = mapped_column(Date)
    """Period ends are computed from this date (Jan 31 → Feb 28 → Mar 31)."""
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    charged: Mapped[Decimal] = mapped_column(Cents)
    """What was actually charged for the current period (VAT excluded): the most a credit is."""
    cancel_at_period_end: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    """Optimistic lock: every change bumps it; a preview of an older version is stale."""

    # SQLAlchemy's declarative base declares __mapper_args__ as an instance variable, so a
    # ClassVar annotation conflicts with it (mypy); the dict is read once, when mapping
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Quote(Base):
    __tablename__ = "quotes"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), index=True)
    subscription_id: Mapped[str] = mapped_column(ForeignKey("subscriptions.id"))
    product: Mapped[str] = mapped_column(String(32))
    seats: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))  # open | accepted | rejected | expired
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PreviewRecord(Base):
    __tablename__ = "previews"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), index=True)
    subscription_id: Mapped[str | None] = mapped_column(ForeignKey("subscriptions.id"))
    subscription_version: Mapped[int | None] = mapped_column(Integer)
    quote_id: Mapped[str | None] = mapped_column(ForeignKey("quotes.id"))
    actor_email: Mapped[str] = mapped_column(String(254))
    on_behalf_of: Mapped[str | None] = mapped_column(String(32))
    summary: Mapped[dict[str, Any]] = mapped_column(JSON)
    """The Preview exactly as shown (JSON)."""
    change: Mapped[dict[str, Any]] = mapped_column(JSON)
    """What confirming applies (new tier, licenses, frequency, dates, amounts)."""
    pricing_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OrderRecord(Base):
    __tablename__ = "orders"
    __table_args__ = (UniqueConstraint("actor_email", "idempotency_key",
                                       name="uq_orders_actor_idempotency_key"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))  # placed | processing | completed | failed
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), index=True)
    subscription_id: Mapped[str | None] = mapped_column(ForeignKey("subscriptions.id"))
    quote_id: Mapped[str | None] = mapped_column(ForeignKey("quotes.id"))
    preview_id: Mapped[str] = mapped_column(ForeignKey("previews.id"), unique=True)
    actor_email: Mapped[str] = mapped_column(String(254))
    on_behalf_of: Mapped[str | None] = mapped_column(String(32))
    idempotency_key: Mapped[str] = mapped_column(String(200))
    total: Mapped[Decimal] = mapped_column(Cents)
    currency: Mapped[str] = mapped_column(String(3))
    email_to: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    completes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """Corporate service orders: when processing ends (up to 24 hours)."""
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LedgerEntry(Base):
    __tablename__ = "ledger_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id"), index=True)
    order_id: Mapped[str | None] = mapped_column(ForeignKey("orders.id"))
    subscription_id: Mapped[str | None] = mapped_column(ForeignKey("subscriptions.id"),
                                                        index=True)
    """The subscription billed; its `charge` entries of the current period are what a credit
    for unused days is a share of."""
    product: Mapped[str | None] = mapped_column(String(32))
    """The catalog product billed (None for an entry of no product)."""
    kind: Mapped[str] = mapped_column(String(24))
    """charge | credit | vat | balance_added | balance_used"""
    description: Mapped[str] = mapped_column(String(300))
    amount: Mapped[Decimal] = mapped_column(Cents)
    """Positive: charged to the customer; negative: credited to the customer."""
    currency: Mapped[str] = mapped_column(String(3))
    entry_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class OutboxEmail(Base):
    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    order_id: Mapped[str | None] = mapped_column(ForeignKey("orders.id"))
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Deliveries the backend refused so far (billing_core/outbox.py)."""
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """After a refusal: not pending before this instant (None: pending now)."""
    last_error: Mapped[str | None] = mapped_column(String(200))
    """The last refusal, short and with personal data masked."""
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """Given up after the last allowed attempt: never retried automatically."""
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """A sender is delivering it and no other takes it before this instant (the sender's
    lease); None: no sender has it."""


class AuditRecord(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_email: Mapped[str] = mapped_column(String(254))
    on_behalf_of: Mapped[str | None] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(48))
    account_id: Mapped[str | None] = mapped_column(String(32), index=True)
    result: Mapped[str] = mapped_column(String(48))
    """`ok`, the order id, or the refusal code."""
    detail: Mapped[str] = mapped_column(Text, default="")
    """Human-readable; VAT numbers masked."""


class Conversation(Base):
    __tablename__ = "conversations"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class UnansweredMessage(Base):
    __tablename__ = "unanswered_messages"
    __table_args__ = (Index("ix_unanswered_messages_text", "text"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    text: Mapped[str] = mapped_column(String(1000))
    """Normalised (lower case, single spaces)."""
    user_email: Mapped[str] = mapped_column(String(254))
    best_intent: Mapped[str | None] = mapped_column(String(64))
    confidence: Mapped[float] = mapped_column()
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class Handoff(Base):
    """A conversation handed to a person: recorded where support can act on it (`billing-bot
    report handoffs`, the support channel), not only in the conversation state that expires."""

    __tablename__ = "handoffs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    requester_email: Mapped[str] = mapped_column(String(254))
    account_id: Mapped[str | None] = mapped_column(ForeignKey("accounts.id"))
    conversation_key: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(500), default="")
    """Where the conversation is, in the adapter's words (e.g. a Slack channel and thread)."""
    reason: Mapped[str] = mapped_column(String(500))
    messages: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    """The last messages of the conversation ({speaker, text, at}), personal data masked."""
    status: Mapped[str] = mapped_column(String(16), index=True)  # open | taken | closed
    taken_by: Mapped[str | None] = mapped_column(String(254))
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by: Mapped[str | None] = mapped_column(String(254))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
