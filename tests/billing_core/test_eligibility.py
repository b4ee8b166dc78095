"""`may_start`: may this actor start this kind of change, before any count or plan is asked?
The same rule functions as the previews decide; a refusal is audited as eligibility.<kind>."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from billing_core import BillingService
from billing_core.db import Database
from billing_core.models import AuditRecord
from billing_core.schemas import Refusal
from billing_core.unit_of_work import unit_of_work

from .conftest import ANNA, FRANCO, GIULIA, LUCA, MARIA, PAOLO


def _audit(database: Database, account_id: str) -> list[tuple[str, str]]:
    with unit_of_work(database) as session:
        return [(a.action, a.result) for a in session.scalars(
            select(AuditRecord).where(AuditRecord.account_id == account_id)
            .order_by(AuditRecord.id))]


def test_corporate_changes_are_refused_before_any_count(service: BillingService,
                                                         database: Database) -> None:
    reduce = service.may_start(GIULIA, "ACC-2001", "licenses.reduce")
    assert isinstance(reduce, Refusal) and reduce.code == "standard_only" and reduce.handoff
    # the same answer the preview gives once the count is known
    late = service.preview_license_reduction(GIULIA, "ACC-2001", "SUB-2001-1", 40)
    assert isinstance(late, Refusal) and late.message == reduce.message
    frequency = service.may_start(GIULIA, "ACC-2001", "billing.frequency")
    assert isinstance(frequency, Refusal) and frequency.code == "corporate_annual_only"
    assert "Servizi per account Corporate" in frequency.message and frequency.handoff
    seats = service.may_start(FRANCO, "ACC-5001", "seats.add")
    assert isinstance(seats, Refusal) and seats.code == "corporate_not_self_service"
    assert _audit(database, "ACC-2001") == [
        ("eligibility.licenses.reduce", "standard_only"),
        ("preview.licenses.reduce", "standard_only"),
        ("eligibility.billing.frequency", "corporate_annual_only")]
    assert _audit(database, "ACC-5001") == [
        ("eligibility.seats.add", "corporate_not_self_service")]


def test_allowed_starts_are_not_audited_and_subscriptions_are_checked(
        service: BillingService, database: Database) -> None:
    assert service.may_start(MARIA, "ACC-1001", "licenses.reduce") is None
    assert service.may_start(MARIA, "ACC-1001", "plan.change", "SUB-1001-1",
                             frequency="annual") is None
    assert service.may_start(GIULIA, "ACC-2001", "seats.add", "SUB-2001-1") is None
    assert _audit(database, "ACC-1001") == [] and _audit(database, "ACC-2001") == []
    trial = service.may_start(PAOLO, "ACC-3001", "licenses.reduce", "SUB-3001-1")
    assert isinstance(trial, Refusal) and trial.code == "trial_ended"
    expired = service.may_start(ANNA, "ACC-4001", "plan.change", "SUB-4001-1")
    assert isinstance(expired, Refusal) and expired.code == "subscription_expired"
    assert service.may_start(ANNA, "ACC-4001", "subscription.reactivate", "SUB-4001-1") is None
    user = service.may_start(LUCA, "ACC-1001", "licenses.reduce")
    assert isinstance(user, Refusal) and user.code == "not_authorized"
    assert _audit(database, "ACC-1001") == [("eligibility.licenses.reduce", "not_authorized")]


def test_an_unknown_kind_is_a_bug(service: BillingService) -> None:
    with pytest.raises(ValueError):
        service.may_start(MARIA, "ACC-1001", "licenses.sell")
