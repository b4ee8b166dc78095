"""The two-phase door: a confirmation places exactly the preview, once, with its side effects."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from billing_core import BillingService
from billing_core.clock import FixedClock
from billing_core.db import Database
from billing_core.models import AuditRecord, LedgerEntry, OutboxEmail
from billing_core.schemas import AccountBasics, AccountView, Order, Preview, Refusal
from billing_core.unit_of_work import unit_of_work

from .conftest import ANNA, ELENA, GIULIA, LUCA, MARIA, agent_for


def reduce_to_8(service: BillingService) -> Preview:
    preview = service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 8)
    assert isinstance(preview, Preview)
    return preview


def test_the_order_is_exactly_the_preview_and_the_subscription_moves_to_today(
        service: BillingService) -> None:
    preview = reduce_to_8(service)
    order = service.confirm(preview.id, MARIA, "key-1")
    assert isinstance(order, Order)
    assert order.total == preview.total_due == Decimal("1113.86")
    assert order.status == "placed" and order.email_to == "maria.rossi@example.com"
    view = service.find_account("maria.rossi@example.com")
    assert view is not None
    sub = next(s for s in view.subscriptions if s.id == "SUB-1001-1")
    assert (sub.licenses, str(sub.period_start), str(sub.period_end)) == \
        (8, "2026-11-22", "2026-12-22")
    assert view.orders[0].id == order.id and view.orders[0].total == Decimal("1113.86")
    assert view.charges[0].amount == Decimal("1113.86")
    assert view.charges[0].description == \
        f"Riduzione delle licenze, GoTo Webinar (ordine {order.id})"


def test_the_same_confirmation_again_returns_the_same_order(service: BillingService) -> None:
    preview = reduce_to_8(service)
    first = service.confirm(preview.id, MARIA, "key-1")
    again = service.confirm(preview.id, MARIA, "key-1")
    assert isinstance(first, Order) and not first.replayed
    # the same order again, saying it was placed before (Stripe's Idempotent-Replayed)
    assert again == first.model_copy(update={"replayed": True})
    other_key = service.confirm(preview.id, MARIA, "key-2")
    assert isinstance(other_key, Refusal) and other_key.code == "preview_used"
    view = service.find_account("ACC-1001")
    assert view is not None and len(view.orders) == 1


def test_a_preview_confirmed_after_midnight_is_refreshed_not_placed(
        service: BillingService, clock: FixedClock) -> None:
    """Previewed at 23:55 and confirmed at 00:05 (Rome): placed as shown, the new period would
    start yesterday. The confirmation is refused with the re-preview code, nothing is placed,
    and the new summary starts today."""
    clock.set(datetime(2026, 11, 22, 23, 55, tzinfo=ZoneInfo("Europe/Rome")))
    preview = reduce_to_8(service)
    assert str(preview.period_start) == "2026-11-22"
    clock.advance(timedelta(minutes=10))  # 00:05 on the 23rd, well within the 15 minutes
    refusal = service.confirm(preview.id, MARIA, "midnight")
    assert isinstance(refusal, Refusal) and refusal.code == "preview_stale"
    assert "aggiornato" in refusal.message
    view = service.find_account("ACC-1001")
    assert view is not None and view.orders == []
    fresh = reduce_to_8(service)
    assert (str(fresh.period_start), str(fresh.period_end)) == ("2026-11-23", "2026-12-23")
    order = service.confirm(fresh.id, MARIA, "midnight-fresh")
    assert isinstance(order, Order) and order.total == fresh.total_due


def test_an_expired_preview_is_refused(service: BillingService, clock: FixedClock) -> None:
    preview = reduce_to_8(service)
    clock.advance(timedelta(minutes=15))
    refusal = service.confirm(preview.id, MARIA, "late")
    assert isinstance(refusal, Refusal) and refusal.code == "preview_expired"


def test_someone_elses_preview_is_refused(service: BillingService) -> None:
    preview = reduce_to_8(service)
    for actor in (LUCA, agent_for("ACC-1001")):
        refusal = service.confirm(preview.id, actor, "steal")
        assert isinstance(refusal, Refusal) and refusal.code == "preview_not_yours"


def test_a_stale_preview_is_refused_never_a_lost_update(service: BillingService) -> None:
    first = reduce_to_8(service)
    second = service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 5)
    assert isinstance(second, Preview)
    assert isinstance(service.confirm(first.id, MARIA, "a"), Order)
    refusal = service.confirm(second.id, MARIA, "b")
    assert isinstance(refusal, Refusal) and refusal.code == "preview_stale"
    view = service.find_account("ACC-1001")
    assert view is not None
    assert next(s for s in view.subscriptions if s.id == "SUB-1001-1").licenses == 8


def test_side_effects_are_written_with_the_order(service: BillingService,
                                                  database: Database) -> None:
    preview = reduce_to_8(service)
    order = service.confirm(preview.id, MARIA, "fx")
    assert isinstance(order, Order)
    with unit_of_work(database) as session:
        ledger = session.scalars(select(LedgerEntry).where(LedgerEntry.order_id == order.id)).all()
        mail = session.scalars(select(OutboxEmail).where(OutboxEmail.order_id == order.id)).all()
        audit = session.scalars(select(AuditRecord).where(AuditRecord.account_id == "ACC-1001")
                                .order_by(AuditRecord.id)).all()
        assert sum((entry.amount for entry in ledger), Decimal("0")) == order.total
        assert len(mail) == 1 and mail[0].to_address == "maria.rossi@example.com"
        assert "1.113,86 €" in mail[0].body and order.id in mail[0].subject
        assert [(a.action, a.result) for a in audit] == [
            ("preview.licenses.reduce", "ok"), ("confirm", order.id)]


def test_an_agent_is_audited_with_both_names_and_the_email_goes_to_the_customer(
        service: BillingService, database: Database) -> None:
    agent = agent_for("ACC-1001")
    preview = service.preview_license_reduction(agent, "ACC-1001", "SUB-1001-1", 9)
    assert isinstance(preview, Preview)
    order = service.confirm(preview.id, agent, "agent-1")
    assert isinstance(order, Order) and order.email_to == "maria.rossi@example.com"
    with unit_of_work(database) as session:
        record = session.scalars(select(AuditRecord).where(AuditRecord.result == order.id)).one()
        assert (record.actor_email, record.on_behalf_of, record.channel) == \
            ("supporto@example.com", "ACC-1001", "slack")


def test_refusals_are_audited(service: BillingService, database: Database) -> None:
    service.preview_license_reduction(LUCA, "ACC-1001", "SUB-1001-1", 8)
    with unit_of_work(database) as session:
        record = session.scalars(select(AuditRecord)).one()
        assert (record.actor_email, record.result) == ("luca.bianchi@example.com",
                                                       "not_authorized")


def test_vat_numbers_are_masked_in_the_audit(service: BillingService,
                                             database: Database) -> None:
    service.set_vat_number(ELENA, "ACC-6001", "IT02845610365")
    with unit_of_work(database) as session:
        detail = session.scalars(select(AuditRecord.detail)).one()
        assert "02845610365" not in detail and detail.endswith("365")


def test_a_negative_net_becomes_account_credit_used_by_the_next_order(
        service: BillingService) -> None:
    # GoToAssist v4 annual, 3 licenses, 100 days into the year: down to 1 license.
    preview = service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-2", 1)
    assert isinstance(preview, Preview)
    assert preview.total_due == 0 and preview.account_credit > 0
    # 3 × 468.00 × 265/365 = 1019.34 credit, 468.00 charge: net −551.34, with its IVA −121.29
    assert [str(x) for x in (preview.credit, preview.plan_cost, preview.subtotal, preview.vat,
                             preview.account_credit)] == \
        ["1019.34", "468.00", "-551.34", "-121.29", "672.63"]
    assert any("non è un rimborso" in warning for warning in preview.warnings)
    assert isinstance(service.confirm(preview.id, MARIA, "credit"), Order)
    view = service.find_account("ACC-1001")
    assert view is not None and view.balance == preview.account_credit
    upgrade = service.preview_plan_change(MARIA, "ACC-1001", "SUB-1001-1", tier="enterprise")
    assert isinstance(upgrade, Preview)
    used = [line for line in upgrade.lines if line.amount == -preview.account_credit]
    assert used, upgrade.lines
    assert isinstance(service.confirm(upgrade.id, MARIA, "use-credit"), Order)
    after = service.find_account("ACC-1001")
    assert after is not None and after.balance == 0


def test_unknown_things_are_refusals_not_tracebacks(service: BillingService) -> None:
    results = [service.preview_license_reduction(MARIA, "ACC-9999", "SUB-1", 2),
               service.preview_license_reduction(MARIA, "ACC-1001", "SUB-2001-1", 2),
               service.confirm("PRV-NOPE", MARIA, "x")]
    assert [r.code if isinstance(r, Refusal) else r for r in results] == [
        "unknown_account", "unknown_subscription", "unknown_preview"]
    with pytest.raises(ValueError):
        service.confirm("PRV-NOPE", MARIA, "")


def test_who_is_names_every_kind_of_person(service: BillingService) -> None:
    assert service.who_is("Maria.Rossi@example.com").role == "billing_contact"
    assert service.who_is("luca.bianchi@example.com").role == "user"
    agent = service.who_is("supporto@example.com")
    assert agent.role == "agent" and agent.account_id is None
    stranger = service.who_is("x@y.example")
    assert stranger.role == "stranger" and stranger.account_id is None


def test_account_view_is_for_the_billing_contact_and_agents(service: BillingService) -> None:
    """Amounts, prices and billing history are for the billing contact and agents; a plain
    user of the account is told who the billing contact is."""
    assert isinstance(service.account_view(MARIA, "ACC-1001"), AccountView)
    assert isinstance(service.account_view(agent_for("ACC-1001"), "ACC-2001"), AccountView)
    user = service.account_view(LUCA, "ACC-1001")
    assert isinstance(user, Refusal) and user.code == "not_authorized"
    assert "Maria Rossi (maria.rossi@example.com)" in user.message
    assert user.details["billing_contact"] == "maria.rossi@example.com"
    refusal = service.account_view(ELENA, "ACC-1001")
    assert isinstance(refusal, Refusal) and refusal.code == "not_authorized"
    assert "Maria" not in refusal.message


def test_account_basics_tell_any_contact_who_the_billing_contact_is(
        service: BillingService) -> None:
    basics = service.account_basics(LUCA, "ACC-1001")
    assert isinstance(basics, AccountBasics)
    assert (basics.billing_contact, basics.billing_contact_name) == (
        "maria.rossi@example.com", "Maria Rossi")
    assert [s.product for s in basics.subscriptions] == ["gotowebinar", "gotoassist_v4"]
    shown = basics.model_dump_json()
    assert not any(word in shown for word in ("balance", "total", "amount", "charges",
                                              "orders", "vat_number"))
    assert isinstance(service.account_basics(agent_for("ACC-1001"), "ACC-2001"), AccountBasics)
    refusal = service.account_basics(ELENA, "ACC-1001")
    assert isinstance(refusal, Refusal) and refusal.code == "not_authorized"


def test_the_account_view_says_when_each_subscription_renews_or_ends(
        service: BillingService) -> None:
    view = service.account_view(MARIA, "ACC-1001")
    assert isinstance(view, AccountView)
    webinar = next(s for s in view.subscriptions if s.id == "SUB-1001-1")
    assert (str(webinar.renews_on), webinar.ends_on) == ("2026-12-05", None)
    assert [(r.subscription_id, str(r.date), r.amount, r.vat, r.total)
            for r in view.renewals] == [
        ("SUB-1001-1", "2026-12-05", Decimal("2490.00"), Decimal("547.80"), Decimal("3037.80")),
        ("SUB-1001-2", "2027-08-14", Decimal("1404.00"), Decimal("308.88"), Decimal("1712.88")),
    ]
    cancel = service.preview_cancellation(MARIA, "ACC-1001", "SUB-1001-1")
    assert isinstance(cancel, Preview)
    assert isinstance(service.confirm(cancel.id, MARIA, "cancel"), Order)
    view = service.account_view(MARIA, "ACC-1001")
    assert isinstance(view, AccountView)
    webinar = next(s for s in view.subscriptions if s.id == "SUB-1001-1")
    assert (webinar.renews_on, str(webinar.ends_on)) == (None, "2026-12-05")
    assert [r.subscription_id for r in view.renewals] == ["SUB-1001-2"]
    expired = service.account_view(ANNA, "ACC-4001")
    assert isinstance(expired, AccountView) and expired.renewals == []
    assert expired.subscriptions[0].ends_on == expired.subscriptions[0].period_end


def test_every_preview_confirmation_and_refusal_is_audited_without_vat_numbers(
        service: BillingService, database: Database, clock: FixedClock,
        caplog: pytest.LogCaptureFixture) -> None:
    import logging

    caplog.set_level(logging.DEBUG)
    agent = agent_for("ACC-2001")
    service.preview_license_reduction(agent, "ACC-1001", "SUB-1001-1", 8)  # wrong account
    preview = reduce_to_8(service)
    clock.advance(timedelta(minutes=16))
    service.confirm(preview.id, MARIA, "late")  # expired
    service.set_vat_number(ELENA, "ACC-6001", "IT 028 456 10365")
    service.set_vat_number(ELENA, "ACC-6001", "IT12345678901")  # invalid
    fresh = reduce_to_8(service)
    service.confirm(fresh.id, MARIA, "ok")
    with unit_of_work(database) as session:
        rows = [(a.actor_email, a.on_behalf_of, a.channel, a.action, a.result, a.detail)
                for a in session.scalars(select(AuditRecord).order_by(AuditRecord.id))]
    assert [row[:5] for row in rows[:3]] == [
        ("supporto@example.com", "ACC-2001", "slack", "preview.licenses.reduce",
         "not_authorized"),
        ("maria.rossi@example.com", None, "terminal", "preview.licenses.reduce", "ok"),
        ("maria.rossi@example.com", None, "terminal", "confirm", "preview_expired"),
    ]
    assert [row[4] for row in rows[3:5]] == ["ok", "vat_number_invalid"]
    view = service.find_account("ACC-1001")
    assert view is not None and rows[-1][3:5] == ("confirm", view.orders[0].id)
    everything = " ".join(" ".join(str(v) for v in row) for row in rows) + caplog.text
    for number in ("02845610365", "12345678901", "07643520567"):
        assert number not in everything


def test_the_stored_change_is_typed_and_read_back_through_its_model(
        service: BillingService, database: Database) -> None:
    from billing_core.changes import AddSeats, NewPeriod, load_change
    from billing_core.models import PreviewRecord

    preview = reduce_to_8(service)
    seats = service.preview_corporate_seats(GIULIA, "ACC-2001", "SUB-2001-1", 3)
    assert isinstance(seats, Preview)
    with unit_of_work(database) as session:
        stored = {row.id: load_change(row.change) for row in session.scalars(
            select(PreviewRecord).where(PreviewRecord.id.in_([preview.id, seats.id])))}
    reduction = stored[preview.id]
    assert isinstance(reduction, NewPeriod)
    assert (reduction.licenses, str(reduction.period_start), reduction.charged) == (
        8, "2026-11-22", Decimal("1992.00"))
    assert sum((line.amount for line in reduction.lines), Decimal("0")) == preview.total_due
    added = stored[seats.id]
    assert isinstance(added, AddSeats) and added.seats == 3


def test_a_change_stored_by_an_older_version_is_priced_again_not_guessed(
        service: BillingService, database: Database) -> None:
    from billing_core.models import PreviewRecord

    preview = reduce_to_8(service)
    with unit_of_work(database) as session:
        record = session.get(PreviewRecord, preview.id)
        assert record is not None
        record.change = {"tier": "pro", "licenses": 8}  # the untyped dict of before
    refusal = service.confirm(preview.id, MARIA, "legacy")
    assert isinstance(refusal, Refusal) and refusal.code == "preview_stale"
    view = service.find_account("ACC-1001")
    assert view is not None and view.orders == []


def test_refusal_codes_are_a_closed_set() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Refusal(code="something_else", message="x")  # type: ignore[arg-type]  # the point: not a code


def test_a_preview_says_what_the_changed_plan_renews_for(service: BillingService) -> None:
    """"Quanto pago dopo?" at the summary: 8 × 249,00 € + IVA 22% at the new period's end,
    the same figures the account shows as its next renewal once the order is placed."""
    preview = reduce_to_8(service)
    assert preview.renewal is not None
    assert (str(preview.renewal.date), preview.renewal.amount, preview.renewal.vat,
            preview.renewal.total) == ("2026-12-22", Decimal("1992.00"), Decimal("438.24"),
                                       Decimal("2430.24"))
    service.confirm(preview.id, MARIA, "key-renewal")
    view = service.find_account("ACC-1001")
    assert view is not None
    after = next(r for r in view.renewals if r.subscription_id == "SUB-1001-1")
    assert (after.date, after.total) == (preview.renewal.date, preview.renewal.total)


def test_a_cancellation_renews_for_nothing(service: BillingService) -> None:
    preview = service.preview_cancellation(MARIA, "ACC-1001", "SUB-1001-1")
    assert isinstance(preview, Preview)
    assert preview.renewal is None


@pytest.mark.parametrize(("change", "kind"), [
    ({"licenses": 12}, "seats.add"),
    ({"licenses": 8}, "plan.change"),
    ({"tier": "enterprise", "licenses": 12}, "plan.change"),
    ({"frequency": "annual", "licenses": 12}, "plan.change"),
])
def test_a_plan_change_that_only_adds_licenses_is_recorded_as_an_addition(
        service: BillingService, database: Database, change: dict[str, Any], kind: str) -> None:
    """`seats.add` is the kind of every license addition (the intent, may_start's kind, the
    corporate orders'): a Billing Center account adds them with a plan change's new period,
    stored, shown and audited as `seats.add`; any other plan change stays `plan.change`."""
    preview = service.preview_plan_change(MARIA, "ACC-1001", "SUB-1001-1", **change)
    assert isinstance(preview, Preview)
    assert (preview.kind, preview.account_kind, preview.order_status) == (kind, "standard",
                                                                          "placed")
    order = service.confirm(preview.id, MARIA, f"kind-{kind}")
    assert isinstance(order, Order) and order.kind == kind
    view = service.find_account("ACC-1001")
    assert view is not None and [o.kind for o in view.orders] == [kind]
    with unit_of_work(database) as session:
        audited = [(a.action, a.detail.split()[0]) for a in session.scalars(
            select(AuditRecord).order_by(AuditRecord.id))]
    assert audited == [(f"preview.{kind}", preview.id), ("confirm", kind)]
