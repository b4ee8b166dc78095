"""A product family named without its version ("GoToAssist": v4 or v5) narrows the account's
products: Maria Rossi (ACC-1001) has GoTo Webinar and GoToAssist Supporto remoto v4 (3 licenses,
standard, annual)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.dialogue.conftest import ChatFactory, orders, subscription

if TYPE_CHECKING:
    from billing_core import BillingService

MARIA = "maria.rossi@example.com"


def test_gotoassist_with_one_gotoassist_product_goes_straight_to_the_summary(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    text = maria.say("riduci a 1 le licenze di GoToAssist")
    assert "Per quale prodotto" not in text
    assert "GoToAssist Supporto remoto v4: da 3 a 1 licenza." in text
    assert "Totale dovuto oggi: 0,00 €" in text
    assert maria.labels == ["Conferma", "Modifica", "Annulla"]
    assert orders(service, "ACC-1001") == []

    text = maria.click("Conferma")
    assert "Fatto!" in text
    placed = orders(service, "ACC-1001")
    assert [(o.kind, o.status, o.subscription_id) for o in placed] == [
        ("licenses.reduce", "placed", "SUB-1001-2")]
    assert subscription(service, "ACC-1001", "gotoassist_v4").licenses == 1
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 10


def test_goto_alone_narrows_nothing(chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    text = maria.say("riduci a 1 le licenze di GoTo")
    assert "Per quale prodotto vuoi ridurre le licenze?" in text
    assert sorted(maria.labels) == ["GoTo Webinar", "GoToAssist Supporto remoto v4"]
    assert orders(service, "ACC-1001") == []


def test_gotoassist_typed_at_the_product_question_picks_it(chat: ChatFactory,
                                                           service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("riduci a 1 le licenze")
    assert sorted(maria.labels) == ["GoTo Webinar", "GoToAssist Supporto remoto v4"]
    text = maria.say("GoToAssist")
    assert "GoToAssist Supporto remoto v4: da 3 a 1 licenza." in text
    assert orders(service, "ACC-1001") == []


def test_a_family_the_account_does_not_have_is_said_and_every_product_offered(
        chat: ChatFactory, service: BillingService) -> None:
    # Giulia Verdi's ACC-2001 (corporate) has GoTo Meeting and GoTo Training, no GoToAssist
    giulia = chat("giulia.verdi@example.com")
    text = giulia.say("aggiungi 2 postazioni a GoToAssist")
    assert "Sul vostro account non c'è un abbonamento a GoToAssist." in text
    assert sorted(giulia.labels) == ["GoTo Meeting", "GoTo Training"]
    assert orders(service, "ACC-2001") == []


def test_a_family_with_several_of_the_accounts_products_offers_only_those(
        chat: ChatFactory, service: BillingService, database_url: str) -> None:
    _add_gotoassist_v5(database_url)
    maria = chat(MARIA)
    text = maria.say("riduci a 1 le licenze di GoToAssist")
    assert "Per quale prodotto vuoi ridurre le licenze?" in text
    assert sorted(maria.labels) == ["GoToAssist Supporto remoto v4", "GoToAssist v5"]
    text = maria.click("GoToAssist v5")
    assert "GoToAssist v5: da 4 a 1 licenza." in text
    maria.click("Conferma")
    placed = orders(service, "ACC-1001")
    assert [(o.kind, o.subscription_id) for o in placed] == [("licenses.reduce", "SUB-1001-9")]
    assert subscription(service, "ACC-1001", "gotoassist_v5").licenses == 1
    assert subscription(service, "ACC-1001", "gotoassist_v4").licenses == 3


def _add_gotoassist_v5(database_url: str) -> None:
    from datetime import date
    from decimal import Decimal

    from billing_core import open_database
    from billing_core.models import Subscription
    from billing_core.unit_of_work import unit_of_work

    db = open_database(database_url)
    try:
        with unit_of_work(db) as session:
            session.add(Subscription(
                id="SUB-1001-9", account_id="ACC-1001", product="gotoassist_v5", tier="standard",
                licenses=4, frequency="annual", status="active",
                billing_anchor=date(2026, 9, 1), period_start=date(2026, 9, 1),
                period_end=date(2027, 9, 1), charged=Decimal("2640.00"),
                cancel_at_period_end=False))
    finally:
        db.dispose()
