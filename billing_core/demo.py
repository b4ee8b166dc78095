"""The demo data set (docs/contracts/demo-data.md), with dates relative to the load day.

Dates the contract leaves open:
- ACC-2001's annual corporate terms: GoTo Meeting started today − 120 days, GoTo Training
  today − 200 days; ACC-5001's GoTo Webinar term started today − 60 days.
- ACC-3001's GoTo Webinar Lite trial ran 30 days, from today − 33 to today − 3 days (1 license).
- ACC-4001's expired monthly period ended today − 20 days (it started one month before).
- The open quote of ACC-2001 was issued today − 2 days.
- VAT numbers: ACC-4001 has IT02845610365 (valid, made up) so that its reactivation can be paid;
  ACC-3001 (no payment method) and ACC-5001 (not self-service) have none on file.
Each subscription records what was charged for its current period: licenses × list price for
paid periods, 0 for the free trial; the ledger holds that charge and its VAT, dated the first day
of the period (so a credit for unused days is a share of a charge the ledger shows).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from billing_core.catalog import Catalog, Frequency
from billing_core.models import Account, Contact, LedgerEntry, Quote, Staff, Subscription
from billing_core.pricing import ZERO, add_months, period_end, round_cents
from billing_core.wording import frequency_name, licenses, period

DEMO_MARKER_ACCOUNT = "ACC-1001"

ACCOUNTS = [
    # id, name, kind, vat number, payment method
    ("ACC-1001", "Rossi Consulting S.r.l.", "standard", "IT07643520567", "card"),
    ("ACC-2001", "Acme Italia S.p.A.", "corporate", "IT12345670017", "card"),
    ("ACC-3001", "Studio Neri", "standard", None, None),
    ("ACC-4001", "Bianchi & Figli S.n.c.", "standard", "IT02845610365", "card"),
    ("ACC-6001", "Ferri Design", "standard", None, "card"),
    ("ACC-5001", "Verdi Logistica S.p.A.", "corporate", None, "bank_transfer"),
]

CONTACTS = [
    # account, e-mail, name, role
    ("ACC-1001", "maria.rossi@example.com", "Maria Rossi", "billing_contact"),
    ("ACC-1001", "luca.bianchi@example.com", "Luca Bianchi", "user"),
    ("ACC-2001", "giulia.verdi@example.com", "Giulia Verdi", "billing_contact"),
    ("ACC-3001", "paolo.neri@example.com", "Paolo Neri", "billing_contact"),
    ("ACC-4001", "anna.bianchi@example.com", "Anna Bianchi", "billing_contact"),
    ("ACC-6001", "elena.ferri@example.com", "Elena Ferri", "billing_contact"),
    ("ACC-5001", "franco.verdi@example.com", "Franco Verdi", "billing_contact"),
]

STAFF = [("supporto@example.com", "Supporto GoTo", "agent")]


def demo_present(session: Session) -> bool:
    return session.get(Account, DEMO_MARKER_ACCOUNT) is not None


def load_demo(session: Session, catalog: Catalog, today: date, now: datetime) -> None:
    """Add the demo accounts, people, subscriptions and quote (caller checks demo_present)."""
    for account_id, name, kind, vat_number, payment in ACCOUNTS:
        session.add(Account(id=account_id, name=name, kind=kind, country="IT",
                            currency=catalog.currency, business=True, vat_number=vat_number,
                            payment_method=payment, balance=ZERO, created_at=now))
    session.flush()
    for account_id, email, name, role in CONTACTS:
        session.add(Contact(account_id=account_id, email=email, name=name, role=role))
    for email, name, role in STAFF:
        session.add(Staff(email=email, name=name, role=role))

    def paid(sub_id: str, account_id: str, product: str, tier: str, licenses: int,
             frequency: Frequency, start: date, status: str = "active",
             end: date | None = None) -> Subscription:
        price = catalog.require(product).tier(tier)
        assert price is not None, (product, tier)
        return Subscription(
            id=sub_id, account_id=account_id, product=product, tier=tier, licenses=licenses,
            frequency=frequency, status=status, billing_anchor=start, period_start=start,
            period_end=end or period_end(start, frequency),
            charged=price.price(frequency) * licenses, cancel_at_period_end=False,
        )

    expired_end = today - timedelta(days=20)
    subscriptions = [
        paid("SUB-1001-1", "ACC-1001", "gotowebinar", "pro", 10, "monthly",
             today - timedelta(days=17)),
        paid("SUB-1001-2", "ACC-1001", "gotoassist_v4", "standard", 3, "annual",
             today - timedelta(days=100)),
        paid("SUB-2001-1", "ACC-2001", "gotomeeting", "business", 50, "annual",
             today - timedelta(days=120)),
        paid("SUB-2001-2", "ACC-2001", "gototraining", "pro", 10, "annual",
             today - timedelta(days=200)),
        paid("SUB-4001-1", "ACC-4001", "gotomeeting", "professional", 5, "monthly",
             add_months(expired_end, -1), status="expired", end=expired_end),
        paid("SUB-6001-1", "ACC-6001", "gotomeeting", "professional", 4, "monthly",
             today - timedelta(days=10)),
        paid("SUB-5001-1", "ACC-5001", "gotowebinar", "standard", 20, "annual",
             today - timedelta(days=60)),
        Subscription(
            id="SUB-3001-1", account_id="ACC-3001", product="gotowebinar", tier="lite",
            licenses=1, frequency="monthly", status="trial_expired",
            billing_anchor=today - timedelta(days=33), period_start=today - timedelta(days=33),
            period_end=today - timedelta(days=3), charged=Decimal("0.00"),
            cancel_at_period_end=False,
        ),
    ]
    session.add_all(subscriptions)
    session.flush()
    vat_rate = catalog.vat_rate("IT")
    for sub in subscriptions:
        if sub.charged <= 0:
            continue
        product = catalog.require(sub.product)
        tier = product.tier(sub.tier)
        assert tier is not None
        charge_label = (f"Periodo {period(sub.period_start, sub.period_end)}: {tier.name}, "
                        f"{licenses(sub.licenses)}, {frequency_name(sub.frequency)}")
        for kind, label, amount in (
                ("charge", charge_label, sub.charged),
                ("vat", f"IVA {vat_rate * 100:.0f}%", round_cents(sub.charged * vat_rate))):
            session.add(LedgerEntry(
                account_id=sub.account_id, order_id=None, subscription_id=sub.id,
                product=sub.product, kind=kind,
                description=f"{product.name} · {label}", amount=amount,
                currency=catalog.currency, entry_date=sub.period_start, created_at=now))
    session.add(Quote(id="Q-2001-1", account_id="ACC-2001", subscription_id="SUB-2001-1",
                      product="gotomeeting", seats=5, status="open",
                      created_at=now - timedelta(days=2)))
