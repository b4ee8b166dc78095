"""A VAT number given for an order goes with the preview and is stored on the account only by
the confirmation, in the order's transaction (Elena Ferri, ACC-6001, has none on file)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from billing_core import BillingService
from billing_core.clock import FixedClock
from billing_core.db import Database
from billing_core.models import AuditRecord, PreviewRecord
from billing_core.schemas import Order, Preview, Refusal
from billing_core.unit_of_work import unit_of_work

from .conftest import ELENA, MARIA


def six_licenses(service: BillingService, vat_number: str | None) -> Preview | Refusal:
    """GoTo Meeting from 4 to 6 licenses: a payment, so an Italian business needs a VAT number."""
    return service.preview_plan_change(ELENA, "ACC-6001", "SUB-6001-1", licenses=6,
                                       vat_number=vat_number)


def vat_on_file(service: BillingService) -> str | None:
    view = service.find_account("ACC-6001")
    assert view is not None
    return view.vat_number


def order_count(service: BillingService) -> int:
    view = service.find_account("ACC-6001")
    assert view is not None
    return len(view.orders)


def test_the_preview_carries_the_vat_number_and_the_confirmation_stores_it(
        service: BillingService, database: Database) -> None:
    preview = six_licenses(service, "P.IVA 076.435.205.67")
    assert isinstance(preview, Preview) and preview.vat_number == "IT07643520567"
    assert vat_on_file(service) is None  # nothing written by the preview
    order = service.confirm(preview.id, ELENA, "with-vat")
    assert isinstance(order, Order)
    assert vat_on_file(service) == "IT07643520567" and order_count(service) == 1
    with unit_of_work(database) as session:
        rows = [(a.action, a.result, a.detail) for a in session.scalars(
            select(AuditRecord).where(AuditRecord.result != "vat_number_required")
            .order_by(AuditRecord.id))]
    assert [row[:2] for row in rows] == [("preview.seats.add", "ok"),
                                         ("account.vat_number", "ok"), ("confirm", order.id)]
    assert rows[0][2].endswith("partita IVA IT********567")
    assert rows[1][2] == f"partita IVA IT********567, ordine {order.id}"
    assert "07643520567" not in " ".join(row[2] for row in rows)


def test_without_a_vat_number_the_preview_is_refused_as_before(service: BillingService) -> None:
    refusal = six_licenses(service, None)
    assert isinstance(refusal, Refusal) and refusal.code == "vat_number_required"


def test_a_vat_number_given_with_the_preview_is_validated(service: BillingService,
                                                         database: Database) -> None:
    refusal = six_licenses(service, "IT 07643520568")
    assert isinstance(refusal, Refusal) and refusal.code == "vat_number_invalid"
    assert refusal.details["problem"] == "checksum"
    assert vat_on_file(service) is None
    with unit_of_work(database) as session:
        audited = session.scalars(select(AuditRecord)).one()
        assert (audited.action, audited.result) == ("preview.seats.add", "vat_number_invalid")
        assert "07643520568" not in audited.detail


@pytest.mark.parametrize("refused_by", ["expired", "someone_else", "stale"])
def test_a_refused_confirmation_leaves_the_accounts_vat_number_unchanged(
        service: BillingService, clock: FixedClock, refused_by: str) -> None:
    preview = six_licenses(service, "IT07643520567")
    assert isinstance(preview, Preview)
    if refused_by == "expired":
        clock.advance(timedelta(minutes=16))
    if refused_by == "stale":  # the subscription changed since: another order placed
        other = six_licenses(service, "IT12345670017")
        assert isinstance(other, Preview)
        assert isinstance(service.confirm(other.id, ELENA, "other"), Order)
    who = MARIA if refused_by == "someone_else" else ELENA
    refusal = service.confirm(preview.id, who, "refused")
    assert isinstance(refusal, Refusal)
    assert vat_on_file(service) == ("IT12345670017" if refused_by == "stale" else None)


def test_the_vat_number_is_stored_in_the_orders_transaction(
        service: BillingService, monkeypatch: pytest.MonkeyPatch) -> None:
    """A placement that fails after the VAT number is set rolls both back: no order, no VAT."""
    from billing_core import placement

    preview = six_licenses(service, "IT07643520567")
    assert isinstance(preview, Preview)

    def broken(_: object) -> Order:
        raise RuntimeError("placement failed")

    monkeypatch.setattr(placement, "order_view", broken)
    with pytest.raises(RuntimeError):
        service.confirm(preview.id, ELENA, "broken")
    assert vat_on_file(service) is None and order_count(service) == 0
    monkeypatch.undo()
    assert isinstance(service.confirm(preview.id, ELENA, "again"), Order)
    assert vat_on_file(service) == "IT07643520567" and order_count(service) == 1


def test_previews_stored_before_the_vat_number_existed_still_confirm(
        service: BillingService, database: Database) -> None:
    """The change and summary JSON of an older version have no `vat_number`: they load as
    "the account's own" (no migration), and confirm as before."""
    from billing_core.changes import load_change

    preview = service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 8)
    assert isinstance(preview, Preview) and preview.vat_number is None
    with unit_of_work(database) as session:
        record = session.get(PreviewRecord, preview.id)
        assert record is not None
        change = {k: v for k, v in record.change.items() if k != "vat_number"}
        summary = {k: v for k, v in record.summary.items() if k != "vat_number"}
        assert load_change(change).vat_number is None
        record.change, record.summary = change, summary
    assert isinstance(service.confirm(preview.id, MARIA, "older"), Order)
    view = service.find_account("ACC-1001")
    assert view is not None and view.vat_number == "IT07643520567"


def test_a_stored_summary_is_read_back_by_its_own_person_only(service: BillingService) -> None:
    preview = six_licenses(service, "IT07643520567")
    assert isinstance(preview, Preview)
    again = service.stored_preview(ELENA, preview.id)
    assert isinstance(again, Preview) and again.vat_number == "IT07643520567"
    other = service.stored_preview(MARIA, preview.id)
    assert isinstance(other, Refusal) and other.code == "preview_not_yours"
    unknown = service.stored_preview(ELENA, "PRV-000000000000")
    assert isinstance(unknown, Refusal) and unknown.code == "unknown_preview"
