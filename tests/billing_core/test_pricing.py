"""Pricing: proration by whole days, VAT half-up, period ends from the anchor (pure functions,
and the previews the service builds with them)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from billing_core import BillingService, Database
from billing_core.clock import FixedClock
from billing_core.pricing import (
    add_months,
    period_end,
    price_change,
    pro_rata,
    round_cents,
    unused_credit,
)
from billing_core.schemas import Preview

from .conftest import MARIA

D = Decimal
IT_VAT = D("0.22")


def test_worked_example_acc_1001_from_10_to_8_webinar_pro_on_day_17() -> None:
    """The README's example: credit 10 × 249.00 × 13/30, charge 8 × 249.00, IVA 22%."""
    start, end, today = date(2026, 11, 5), date(2026, 12, 5), date(2026, 11, 22)
    credit = unused_credit(D("2490.00"), start, end, today)
    money = price_change(plan_cost=8 * D("249.00"), credit=credit, vat_rate=IT_VAT)
    assert credit == D("1079.00")
    assert money.plan_cost == D("1992.00")
    assert money.subtotal == D("913.00")
    assert money.vat == D("200.86")
    assert money.total_due == D("1113.86")
    assert money.account_credit == D("0.00")


def test_vat_is_rounded_half_up_like_an_italian_invoice() -> None:
    """IVA on 1,000.75 is 220.165: half-up gives 220.17 (half-even would give 220.16)."""
    money = price_change(plan_cost=D("1000.75"), credit=D("0"), vat_rate=IT_VAT)
    assert money.vat == D("220.17")
    assert money.total_due == D("1220.92")


def test_a_negative_net_becomes_account_credit_and_nothing_is_due() -> None:
    money = price_change(plan_cost=D("42.00"), credit=D("60.00"), vat_rate=IT_VAT)
    assert money.total_due == D("0.00")
    # The 18.00 net comes back with the 22% VAT paid on it (3.96): the balance is spent later on
    # VAT-inclusive totals, so a VAT-exclusive credit would silently lose 3.96.
    assert money.vat == D("-3.96")
    assert money.account_credit == D("21.96")


def test_a_credit_balance_is_worth_what_the_same_change_would_have_cost() -> None:
    """Up by 18.00 net costs 21.96 with IVA; down by 18.00 net gives back 21.96, not 18.00."""
    up = price_change(plan_cost=D("60.00"), credit=D("42.00"), vat_rate=IT_VAT)
    down = price_change(plan_cost=D("42.00"), credit=D("60.00"), vat_rate=IT_VAT)
    assert up.total_due == down.account_credit == D("21.96")
    after = price_change(plan_cost=D("60.00"), credit=D("42.00"), vat_rate=IT_VAT,
                         available_balance=down.account_credit)
    assert after.total_due == D("0.00") and after.balance_used == D("21.96")


def test_existing_account_credit_pays_part_of_the_next_invoice() -> None:
    money = price_change(plan_cost=D("100.00"), credit=D("0"), vat_rate=IT_VAT,
                         available_balance=D("18.00"))
    assert money.balance_used == D("18.00")
    assert money.total_due == D("104.00")


def test_period_ends_are_computed_from_the_anchor_not_chained() -> None:
    anchor = date(2026, 1, 31)
    assert period_end(anchor, "monthly", 1) == date(2026, 2, 28)
    assert period_end(anchor, "monthly", 2) == date(2026, 3, 31)
    assert period_end(date(2028, 2, 29), "annual") == date(2029, 2, 28)


def test_a_trial_charged_nothing_gives_no_credit() -> None:
    assert unused_credit(D("0.00"), date(2026, 11, 1), date(2026, 12, 1), date(2026, 11, 2)) \
        == D("0.00")


def test_corporate_seats_are_charged_pro_rata_for_the_rest_of_the_term() -> None:
    # 5 GoTo Meeting Business seats, 245 of 365 days left: 5 × 192.00 × 245/365 = 644.38
    assert pro_rata(5 * D("192.00"), 245, 365) == D("644.38")


money = st.decimals(min_value=D("0.00"), max_value=D("1000000.00"), places=2)
days = st.integers(min_value=0, max_value=400)


@given(charged=money, start=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
       months=st.sampled_from([1, 12]), offset=days)
def test_credit_never_exceeds_what_was_paid_for_the_unused_days(
        charged: Decimal, start: date, months: int, offset: int) -> None:
    end = add_months(start, months)
    today = start + timedelta(days=offset)
    credit = unused_credit(charged, start, end, today)
    period_days = (end - start).days
    unused = min(max((end - today).days, 0), period_days)
    assert isinstance(credit, Decimal)
    assert D("0") <= credit <= charged
    # at most half a cent above the exact share (rounding), never more
    assert credit - charged * unused / period_days <= D("0.005")


@given(plan=money, credit=money, balance=money,
       rate=st.sampled_from([D("0"), D("0.04"), D("0.10"), D("0.22")]))
def test_total_is_exactly_the_sum_of_the_lines_in_whole_cents(
        plan: Decimal, credit: Decimal, balance: Decimal, rate: Decimal) -> None:
    result = price_change(plan_cost=plan, credit=credit, vat_rate=rate,
                          available_balance=balance)
    assert result.total_due == sum((line.amount for line in result.lines), D("0"))
    for value in (result.total_due, result.vat, result.account_credit,
                  *(line.amount for line in result.lines)):
        assert isinstance(value, Decimal)
        assert value == value.quantize(D("0.01"))
    assert result.total_due >= 0
    assert result.account_credit >= 0
    # the documented formula (docs/internal-apis.md, Preview): it holds whichever is larger
    assert result.plan_cost - result.credit + result.vat - result.balance_used \
        + result.account_credit == result.total_due
    assert result.balance_used == 0 or result.account_credit == 0
    if plan < credit:
        assert result.account_credit == round_cents((credit - plan) * (1 + rate))
        assert result.total_due == 0
        assert result.vat == -(result.account_credit - (credit - plan))


@given(st.decimals(min_value=D("-100000"), max_value=D("100000"), places=3))
def test_round_cents_is_half_up(value: Decimal) -> None:
    rounded = round_cents(value)
    assert abs(rounded - value) <= D("0.005")
    if abs(value * 1000) % 10 == 5:
        assert abs(rounded) > abs(value)


def test_floats_are_refused() -> None:
    import pytest

    with pytest.raises(TypeError):
        round_cents(0.1)  # type: ignore[arg-type]  # the point: a float is refused


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(new_total=st.integers(min_value=1, max_value=9), day=st.integers(min_value=0, max_value=29))
def test_every_reduction_preview_adds_up_and_never_credits_more_than_was_paid(
        service: BillingService, clock: FixedClock, new_total: int, day: int) -> None:
    """ACC-1001's GoTo Webinar (10 × 249.00 charged for 5 Nov – 5 Dec), any day, any count."""
    clock.set(datetime(2026, 11, 5, 12, 0, tzinfo=ZoneInfo("Europe/Rome")) + timedelta(days=day))
    preview = service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", new_total)
    assert isinstance(preview, Preview)
    unused_share = D("2490.00") * (30 - day) / 30
    assert preview.credit <= D("2490.00") and preview.credit - unused_share <= D("0.005")
    assert preview.total_due == sum((line.amount for line in preview.lines), D("0"))
    assert preview.plan_cost == new_total * D("249.00")
    assert preview.plan_cost - preview.credit + preview.vat - preview.balance_used \
        + preview.account_credit == preview.total_due
    for amount in (preview.credit, preview.vat, preview.total_due, preview.account_credit):
        assert isinstance(amount, Decimal) and amount == amount.quantize(D("0.01"))


def test_a_period_the_ledger_never_charged_gives_no_credit(service: BillingService,
                                                           database: Database) -> None:
    """"the credit is a share of what was actually charged for the period, never more": with
    no charge of the current period in the ledger there is nothing to credit."""
    from sqlalchemy import delete

    from billing_core.models import LedgerEntry
    from billing_core.unit_of_work import unit_of_work

    with unit_of_work(database) as session:
        session.execute(delete(LedgerEntry).where(LedgerEntry.subscription_id == "SUB-1001-1"))
    preview = service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 8)
    assert isinstance(preview, Preview)
    assert preview.credit == D("0.00")
    assert preview.total_due == D("2430.24")  # 8 × 249.00 + 22%, nothing credited


def test_a_second_change_the_same_day_credits_the_whole_new_period(
        service: BillingService) -> None:
    """The order's charge is in the ledger under its subscription: changing again on the same
    day credits all of it (8 × 249.00), and no more."""
    from billing_core.schemas import Order

    first = service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 8)
    assert isinstance(first, Preview)
    assert isinstance(service.confirm(first.id, MARIA, "first"), Order)
    second = service.preview_plan_change(MARIA, "ACC-1001", "SUB-1001-1", licenses=9)
    assert isinstance(second, Preview)
    assert (second.credit, second.plan_cost, second.total_due) == \
        (D("1992.00"), D("2241.00"), D("303.78"))
