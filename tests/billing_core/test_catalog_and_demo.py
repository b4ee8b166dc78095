"""The catalog file and the demo data set match docs/contracts/demo-data.md."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from billing_core import BillingService, Database
from billing_core.catalog import load_catalog, parse_catalog


def test_catalog_prices_and_upgrade_order() -> None:
    catalog = load_catalog()
    webinar = catalog.require("gotowebinar")
    assert [tier.id for tier in webinar.tiers] == ["lite", "standard", "pro", "enterprise"]
    pro, premium = webinar.tier("pro"), catalog.require("gotoassist_v5").tier("premium")
    assert pro is not None and pro.monthly == Decimal("249.00")
    assert premium is not None and premium.annual == Decimal("948.00")
    assert catalog.require("gotoassist_v4").name == "GoToAssist Supporto remoto v4"
    assert catalog.vat_rate("IT") == Decimal("0.22")
    assert {p.id for p in catalog.products} == {"gotomeeting", "gotowebinar", "gototraining",
                                                 "gotoassist_v4", "gotoassist_v5"}


def test_a_bad_catalog_edit_is_refused_on_load() -> None:
    with pytest.raises(ValidationError):
        parse_catalog("currency: EUR\nvat_rates: {IT: '0.22'}\nproducts:\n"
                      "  - {id: x, name: X, tiers: [{id: a, name: A, monthly: '-1', "
                      "annual: '10.00'}]}\n")
    with pytest.raises(ValidationError):
        parse_catalog("currency: EUR\nvat_rates: {IT: '0.22'}\nproducts:\n"
                      "  - {id: x, name: X, tiers: [{id: a, name: A, monthly: '1.001', "
                      "annual: '10.00'}]}\n")


def test_demo_accounts_as_the_contract_describes_them(service: BillingService) -> None:
    maria = service.find_account("maria.rossi@example.com")
    assert maria is not None and maria.vat_number == "IT07643520567"
    webinar, assist = maria.subscriptions
    assert (webinar.plan, webinar.licenses, str(webinar.period_start),
            str(webinar.period_end)) == ("pro", 10, "2026-11-05", "2026-12-05")
    assert (assist.product, assist.plan, assist.licenses, assist.frequency,
            str(assist.period_start)) == ("gotoassist_v4", "standard", 3, "annual", "2026-08-14")
    acme = service.find_account("ACC-2001")
    assert acme is not None and acme.kind == "corporate"
    assert [(q.product, q.seats, q.status) for q in acme.quotes] == [("gotomeeting", 5, "open")]
    assert [(s.product, s.plan, s.licenses) for s in acme.subscriptions] == [
        ("gotomeeting", "business", 50), ("gototraining", "pro", 10)]
    neri = service.find_account("paolo.neri@example.com")
    assert neri is not None and neri.payment_method is None
    assert (neri.subscriptions[0].status, str(neri.subscriptions[0].period_end)) == \
        ("trial_expired", "2026-11-19")
    anna = service.find_account("ACC-4001")
    assert anna is not None
    assert (anna.subscriptions[0].status, str(anna.subscriptions[0].period_end)) == \
        ("expired", "2026-11-02")
    elena = service.find_account("ACC-6001")
    assert elena is not None and elena.vat_number is None
    assert str(elena.subscriptions[0].period_start) == "2026-11-12"
    verdi = service.find_account("franco.verdi@example.com")
    assert verdi is not None and verdi.payment_method == "bank_transfer"
    assert service.who_is("supporto@example.com").role == "agent"


def test_the_demo_ledger_holds_the_charge_of_every_paid_period(service: BillingService,
                                                              database: Database) -> None:
    """A credit for unused days is a share of what was charged: the demo's periods are in the
    ledger (charge + IVA on the first day of the period), the ended trial has nothing."""
    from sqlalchemy import select

    from billing_core.models import LedgerEntry, Subscription
    from billing_core.unit_of_work import unit_of_work

    with unit_of_work(database) as session:
        for sub in session.scalars(select(Subscription)).all():
            entries = session.scalars(select(LedgerEntry).where(
                LedgerEntry.subscription_id == sub.id)).all()
            charges = sum((e.amount for e in entries if e.kind == "charge"), Decimal("0"))
            assert charges == sub.charged, sub.id
            assert all(e.entry_date == sub.period_start and e.order_id is None
                       for e in entries), sub.id
    maria = service.find_account("ACC-1001")
    assert maria is not None
    history = {(str(c.date), c.amount) for c in maria.charges}
    # 10 × 249.00 + 22% IVA on 5 November; 3 × 468.00 + 22% IVA on 14 August
    assert history == {("2026-11-05", Decimal("3037.80")), ("2026-08-14", Decimal("1712.88"))}
    assert maria.orders == []
