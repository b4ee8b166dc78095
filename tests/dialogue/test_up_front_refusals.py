"""A change billing_core will never allow is refused before the bot asks for counts, plans or
products (service.may_start), with the handoff offered once, and nothing placed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from billing_core import open_database
from billing_core.models import AuditRecord
from billing_core.unit_of_work import unit_of_work
from tests.dialogue.conftest import ChatFactory, orders

if TYPE_CHECKING:
    from billing_core import BillingService

GIULIA = "giulia.verdi@example.com"
FRANCO = "franco.verdi@example.com"


def audit(database_url: str, account_id: str) -> list[tuple[str, str]]:
    db = open_database(database_url)
    try:
        with unit_of_work(db) as session:
            return [(a.action, a.result) for a in session.scalars(
                select(AuditRecord).where(AuditRecord.account_id == account_id)
                .order_by(AuditRecord.id))]
    finally:
        db.dispose()


def test_corporate_reduction_is_refused_at_once(chat: ChatFactory, service: BillingService,
                                                database_url: str) -> None:
    giulia = chat(GIULIA)
    text = giulia.say("voglio ridurre le licenze di GoTo Meeting")
    assert "Ora hai" not in text and "A quante" not in text
    assert "Per gli account Corporate questa modifica non si fa da qui" in text
    assert "Servizi per account Corporate" in text
    assert giulia.labels == ["Parla con una persona"]
    handoff = giulia.click("Parla con una persona")
    assert "Servizi per account Corporate" in handoff
    assert orders(service, "ACC-2001") == []
    assert audit(database_url, "ACC-2001") == [("eligibility.licenses.reduce", "standard_only")]


def test_corporate_frequency_change_with_two_products_is_refused_before_the_product(
        chat: ChatFactory, service: BillingService, database_url: str) -> None:
    giulia = chat(GIULIA)
    text = giulia.say("vorrei passare alla fatturazione mensile")
    assert "Per quale prodotto" not in text
    assert "Gli account Corporate hanno la fatturazione annuale" in text
    assert giulia.labels == ["Parla con una persona"]
    assert orders(service, "ACC-2001") == []
    assert audit(database_url, "ACC-2001") == [
        ("eligibility.billing.frequency", "corporate_annual_only")]


def test_corporate_seats_without_a_card_are_refused_before_the_count(
        chat: ChatFactory, service: BillingService, database_url: str) -> None:
    franco = chat(FRANCO)
    text = franco.say("voglio aggiungere delle postazioni")
    assert "Quante" not in text
    assert "non si possono aggiungere in self-service" in text
    assert franco.labels == ["Parla con una persona"]
    assert orders(service, "ACC-5001") == []
    assert audit(database_url, "ACC-5001") == [
        ("eligibility.seats.add", "corporate_not_self_service")]


def test_the_downgrade_refusal_names_customer_service_once(chat: ChatFactory,
                                                           service: BillingService) -> None:
    maria = chat("maria.rossi@example.com")
    text = maria.say("passiamo a GoTo Webinar Standard")
    assert "Il downgrade del piano non si può fare da qui" in text
    assert text.lower().count("servizio clienti") == 1
    assert "Parla con una persona" in maria.labels
    assert orders(service, "ACC-1001") == []
