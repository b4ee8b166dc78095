"""The one home of the Italian wording (billing_core.wording): counts, frequencies, plan names,
kinds, statuses and dates with their article, as receipts, refusals and views write them."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from billing_core import BillingService, init_database, open_database
from billing_core.clock import FixedClock
from billing_core.db import Database
from billing_core.models import OutboxEmail
from billing_core.schemas import Order, Preview, Refusal
from billing_core.unit_of_work import unit_of_work
from billing_core.wording import (
    Preposition,
    count,
    dated,
    frequency_name,
    licenses,
    long_date,
    order_kind,
    order_status,
    per_period,
    period,
    plan_status,
    plan_summary,
    quote_status,
    seats,
    subscription_status,
    tier_name,
    units,
    units_noun,
)

from .conftest import ANNA, MARIA


def test_counts_agree_with_their_number() -> None:
    assert (licenses(1), licenses(3)) == ("1 licenza", "3 licenze")
    assert (seats(1), seats(5)) == ("1 postazione", "5 postazioni")
    assert (count(1, "giorno"), count(0, "giorno")) == ("1 giorno", "0 giorni")
    assert (units(3, "corporate"), units_noun("corporate")) == ("3 postazioni", "postazioni")
    assert (units(1, "standard"), units_noun("standard")) == ("1 licenza", "licenze")


def test_frequencies_plans_kinds_and_statuses_have_their_italian_names() -> None:
    assert (frequency_name("monthly"), frequency_name("annual")) == ("mensile", "annuale")
    assert (per_period("monthly"), per_period("annual")) == ("al mese", "all'anno")
    assert tier_name("pro", "gotowebinar") == "Pro"
    assert tier_name("business") == "Business"
    assert tier_name("professional", "gotomeeting") == "Professional"
    assert plan_summary("pro", 8, "monthly", "gotowebinar") == "Pro, 8 licenze, mensile"
    assert order_kind("licenses.reduce", "standard") == "Riduzione delle licenze"
    assert (order_kind("seats.add", "standard"), order_kind("seats.add", "corporate")) == \
        ("Aggiunta di licenze", "Aggiunta di postazioni")
    assert (order_status("processing"), quote_status("expired")) == ("in elaborazione",
                                                                     "scaduto")
    assert subscription_status("active", cancel_at_period_end=True) == \
        "attiva, annullata a fine periodo"
    assert subscription_status("cancelled") == "annullata"
    assert (plan_status("active"), plan_status("cancelled")) == ("attivo", "disdetto")
    assert order_status("processing", noted=True) == "in elaborazione (fino a 24 ore)"
    assert order_status("placed", noted=True) == "effettuato, modifiche attive"
    assert order_status("completed", noted=True) == "completato"


@pytest.mark.parametrize(("day", "preposition", "year", "expected"), [
    (date(2026, 11, 5), "il", True, "il 5 novembre 2026"),
    (date(2026, 11, 11), "il", True, "l'11 novembre 2026"),
    (date(2026, 12, 8), "il", False, "l'8 dicembre"),
    (date(2026, 12, 1), "il", False, "il 1º dicembre"),
    (date(2026, 12, 8), "al", True, "all'8 dicembre 2026"),
    (date(2026, 12, 11), "dal", True, "dall'11 dicembre 2026"),
    (date(2026, 12, 22), "al", True, "al 22 dicembre 2026"),
])
def test_dates_take_the_article_italian_reads_them_with(day: date, preposition: Preposition,
                                                         year: bool, expected: str) -> None:
    assert dated(day, preposition, year=year) == expected


def test_long_dates_and_periods() -> None:
    assert long_date(date(2026, 11, 22)) == "22 novembre 2026"
    assert long_date(date(2027, 1, 1)) == "1º gennaio 2027"
    assert period(date(2026, 11, 8), date(2026, 12, 8)) == \
        "dall'8 novembre 2026 all'8 dicembre 2026"


def test_the_receipt_names_the_plan_as_the_catalog_does(service: BillingService,
                                                        database: Database) -> None:
    preview = service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 8)
    assert isinstance(preview, Preview)
    order = service.confirm(preview.id, MARIA, "receipt-plan")
    assert isinstance(order, Order)
    with unit_of_work(database) as session:
        body = session.scalars(select(OutboxEmail.body)
                               .where(OutboxEmail.order_id == order.id)).one()
    assert "Piano: Pro, 8 licenze, mensile" in body
    assert "Piano: pro" not in body
    assert "Periodo di fatturazione: dal 22 novembre 2026 al 22 dicembre 2026" in body


def test_an_expiry_on_the_eleventh_reads_l_11(empty_database_url: str) -> None:
    # loaded on 1 December: ACC-4001's monthly period ended 20 days earlier, on 11 November
    clock = FixedClock(datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Europe/Rome")))
    init_database(empty_database_url, demo=True, clock=clock)
    database = open_database(empty_database_url)
    try:
        refusal = BillingService(database, clock=clock).preview_license_reduction(
            ANNA, "ACC-4001", "SUB-4001-1", 2)
    finally:
        database.dispose()
    assert isinstance(refusal, Refusal) and refusal.code == "subscription_expired"
    assert "è scaduta l'11 novembre 2026" in refusal.message
    assert "il 11" not in refusal.message
