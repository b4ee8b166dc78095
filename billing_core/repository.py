"""Reading and writing billing's rows inside one transaction (the session never leaves
billing_core). Rows a change will update are read `FOR UPDATE` (`lock=True`); on SQLite the
transaction is already the only writer (BEGIN IMMEDIATE)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import and_, bindparam, select
from sqlalchemy.orm import Session, aliased

from billing_core import rules
from billing_core.catalog import Catalog, Product
from billing_core.models import (
    Account,
    Contact,
    LedgerEntry,
    OrderRecord,
    PreviewRecord,
    Quote,
    Staff,
    Subscription,
)
from billing_core.pricing import ZERO


def new_id(prefix: str) -> str:
    """A new row id: `PRV-1A2B3C4D5E6F`, `ORD-…`, `Q-…`."""
    return f"{prefix}-{uuid.uuid4().hex[:12].upper()}"


@dataclass(frozen=True)
class Who:
    """A person as the database knows them."""

    email: str
    name: str | None
    role: str
    """billing_contact | user | agent | stranger"""
    account_id: str | None


@dataclass
class ReadsKnown:
    """What a read session learnt once for the request: who each e-mail is (with their
    account), each account's billing contact."""

    who: dict[str, tuple[Who, Account | None]] = field(default_factory=dict)
    billing_contacts: dict[str, Contact | None] = field(default_factory=dict)


_BILLING_CONTACT_ROW = aliased(Contact, name="billing_contact")
_WHO = (
    select(Contact, Account, _BILLING_CONTACT_ROW)
    .outerjoin(Account, Account.id == Contact.account_id)
    .outerjoin(_BILLING_CONTACT_ROW, and_(_BILLING_CONTACT_ROW.account_id == Account.id,
                                          _BILLING_CONTACT_ROW.role == "billing_contact"))
    .where(Contact.email == bindparam("email"))
    .order_by(_BILLING_CONTACT_ROW.id).limit(1)
)
"""A contact by e-mail, their account and its (first) billing contact."""
_BILLING_CONTACT = (select(Contact).where(Contact.account_id == bindparam("account_id"),
                                          Contact.role == "billing_contact")
                    .order_by(Contact.id).limit(1))
_SUBSCRIPTIONS = (select(Subscription).where(Subscription.account_id == bindparam("account_id"))
                  .order_by(Subscription.id))
"""Statements of every request, built once."""


class Repository:
    def __init__(self, session: Session, catalog: Catalog) -> None:
        self.session = session
        self.catalog = catalog

    # -- people -----------------------------------------------------------------------------

    def who(self, email: str) -> Who:
        return self.who_and_account(email)[0]

    def who_and_account(self, email: str) -> tuple[Who, Account | None]:
        """Who `email` is, and the account they are a contact of, with that account's billing
        contact: one query. A read session asks it once per e-mail and keeps the billing
        contact for `billing_contact`."""
        email = email.strip().lower()
        reads = self._reads()
        if reads is None:
            return self._who(email, {})
        if email not in reads.who:
            reads.who[email] = self._who(email, reads.billing_contacts)
        return reads.who[email]

    def _who(self, email: str, billing_contacts: dict[str, Contact | None]
             ) -> tuple[Who, Account | None]:
        row = self.session.execute(_WHO, {"email": email}).first()
        if row is not None:
            contact, account, billing_contact = row
            if account is not None:
                billing_contacts[account.id] = billing_contact
            return Who(email, contact.name, contact.role, contact.account_id), account
        staff = self.session.get(Staff, email)
        if staff is not None:
            return Who(email, staff.name, "agent", None), None
        return Who(email, None, "stranger", None), None

    def billing_contact(self, account: Account) -> Contact | None:
        reads = self._reads()
        if reads is not None and account.id in reads.billing_contacts:
            return reads.billing_contacts[account.id]
        found = self.session.scalar(_BILLING_CONTACT, {"account_id": account.id})
        if reads is not None:
            reads.billing_contacts[account.id] = found
        return found

    def _reads(self) -> ReadsKnown | None:
        """What a read session already knows (None in a unit of work that may write: rows it
        changes are read again)."""
        if not self.session.info.get("read_only"):
            return None
        known = self.session.info.get("known")
        if not isinstance(known, ReadsKnown):
            known = self.session.info["known"] = ReadsKnown()
        return known

    # -- accounts, subscriptions, quotes ----------------------------------------------------

    def account(self, account_id: str, *, lock: bool = False) -> Account | None:
        return self.session.get(Account, account_id, with_for_update=_for_update(lock))

    def account_of_contact(self, email: str) -> Account | None:
        contact = self.session.scalar(select(Contact).where(Contact.email == email.lower()))
        return self.session.get(Account, contact.account_id) if contact else None

    def subscription(self, subscription_id: str, *, lock: bool = False) -> Subscription | None:
        return self.session.get(Subscription, subscription_id, with_for_update=_for_update(lock))

    def subscriptions(self, account_id: str) -> Sequence[Subscription]:
        return self.session.scalars(_SUBSCRIPTIONS, {"account_id": account_id}).all()

    def quote(self, quote_id: str, *, lock: bool = False) -> Quote | None:
        return self.session.get(Quote, quote_id, with_for_update=_for_update(lock))

    def quotes(self, account_id: str) -> Sequence[Quote]:
        return self.session.scalars(select(Quote).where(Quote.account_id == account_id)
                                    .order_by(Quote.created_at, Quote.id)).all()

    def open_quotes(self, account_id: str) -> Sequence[Quote]:
        """The account's open quotes, oldest first, locked (a new quote expires them)."""
        return self.session.scalars(select(Quote).where(
            Quote.account_id == account_id, Quote.status == "open")
            .order_by(Quote.created_at).with_for_update()).all()

    def product(self, product_id: str) -> Product:
        return self.catalog.require(product_id)

    def facts(self, account: Account) -> rules.AccountFacts:
        contact = self.billing_contact(account)
        return rules.AccountFacts(
            id=account.id, kind=account.kind, country=account.country,
            business=account.business, vat_number=account.vat_number,
            payment_method=account.payment_method,
            billing_contact_name=contact.name if contact else None,
            billing_contact_email=contact.email if contact else None,
        )

    def subscription_facts(self, sub: Subscription) -> rules.SubscriptionFacts:
        return rules.SubscriptionFacts(product=self.product(sub.product), tier=sub.tier,
                                       licenses=sub.licenses, frequency=sub.frequency,
                                       status=sub.status, period_end=sub.period_end,
                                       cancel_at_period_end=sub.cancel_at_period_end)

    # -- money ------------------------------------------------------------------------------

    def charged_for_period(self, sub: Subscription) -> Decimal:
        """What was actually charged for the current period (VAT excluded): the subscription's
        figure, but never more than the ledger's charges dated in the period. A period the
        ledger has no charge for gives no credit."""
        entries = self.session.scalars(select(LedgerEntry.amount).where(
            LedgerEntry.subscription_id == sub.id, LedgerEntry.kind == "charge",
            LedgerEntry.entry_date >= sub.period_start,
            LedgerEntry.entry_date < sub.period_end)).all()
        in_ledger = sum(entries, ZERO)
        return max(min(sub.charged, in_ledger), ZERO)

    def ledger(self, account_id: str) -> Sequence[LedgerEntry]:
        return self.session.scalars(select(LedgerEntry).where(
            LedgerEntry.account_id == account_id).order_by(LedgerEntry.id)).all()

    # -- previews and orders ----------------------------------------------------------------

    def preview(self, preview_id: str, *, lock: bool = False) -> PreviewRecord | None:
        return self.session.get(PreviewRecord, preview_id, with_for_update=_for_update(lock))

    def orders(self, account_id: str) -> Sequence[OrderRecord]:
        """Newest first."""
        return self.session.scalars(select(OrderRecord).where(
            OrderRecord.account_id == account_id)
            .order_by(OrderRecord.created_at.desc(), OrderRecord.id)).all()

    def order_of_preview(self, preview_id: str) -> OrderRecord | None:
        return self.session.scalar(select(OrderRecord).where(
            OrderRecord.preview_id == preview_id))

    def order_of_key(self, actor_email: str, idempotency_key: str) -> OrderRecord | None:
        return self.session.scalar(select(OrderRecord).where(
            OrderRecord.actor_email == actor_email,
            OrderRecord.idempotency_key == idempotency_key))

    def orders_due(self, now: datetime) -> Sequence[OrderRecord]:
        """Corporate service orders whose processing time is over, locked."""
        return self.session.scalars(select(OrderRecord).where(
            OrderRecord.status == "processing", OrderRecord.completes_at <= now)
            .with_for_update()).all()

    def subscriptions_ending(self, today: date) -> Sequence[Subscription]:
        """Subscriptions cancelled at a period end that has passed, not marked yet, locked."""
        return self.session.scalars(select(Subscription).where(
            Subscription.cancel_at_period_end.is_(True), Subscription.period_end <= today,
            Subscription.status != "cancelled").with_for_update()).all()

    def add(self, row: object) -> None:
        self.session.add(row)

    def flush(self) -> None:
        self.session.flush()


def _for_update(lock: bool) -> bool | None:
    """`Session.get`'s `with_for_update`: True selects the row FOR UPDATE; None (not False,
    which also bypasses it) lets a row already loaded in the session come from its identity
    map without a query."""
    return True if lock else None
