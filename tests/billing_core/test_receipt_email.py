"""The confirmation e-mail's receipt reads like the chat summary (one line builder,
billing_core.wording.money_lines): a credit larger than the new plan is a credit note with
positive amounts, never a negative VAT, and the account credit used has its own line."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from billing_core import BillingService
from billing_core.db import Database
from billing_core.models import OutboxEmail
from billing_core.schemas import Order, Preview
from billing_core.unit_of_work import unit_of_work

from .conftest import MARIA


def _receipt(database: Database, order: Order) -> dict[str, str]:
    with unit_of_work(database) as session:
        body = session.scalars(select(OutboxEmail.body)
                               .where(OutboxEmail.order_id == order.id)).one()
    lines = body.split("Ricevuta\n", 1)[1].split("\n\n", 1)[0].splitlines()
    return dict(line.strip().split(": ", 1) for line in lines)


def _euros(value: str) -> Decimal:
    return Decimal(value.replace(" €", "").replace(".", "").replace(",", "."))


def test_a_credit_note_receipt_and_then_the_credit_used(service: BillingService,
                                                        database: Database) -> None:
    # GoToAssist v4 annual, 3 licenses, down to 1: net −551,34 €, its IVA 121,29 € in favour
    preview = service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-2", 1)
    assert isinstance(preview, Preview)
    order = service.confirm(preview.id, MARIA, "credit-note")
    assert isinstance(order, Order)
    receipt = _receipt(database, order)
    assert not any(value.startswith(("-", "−")) for label, value in receipt.items()
                   if label.startswith("IVA")), receipt
    assert receipt["Differenza a tuo favore (IVA esclusa)"] == "551,34 €"
    assert receipt["IVA 22% sulla differenza a tuo favore"] == "121,29 €"
    assert receipt["Credito aggiunto al saldo dell'account (IVA inclusa)"] == "672,63 €"
    assert receipt["Totale dovuto (IVA inclusa)"] == "0,00 €"
    assert not any("sul credito" in label for label in receipt)
    assert _euros(receipt["Costo del piano"]) + _euros(receipt["Credito per i giorni non usati"]) \
        == -_euros(receipt["Differenza a tuo favore (IVA esclusa)"])

    upgrade = service.preview_plan_change(MARIA, "ACC-1001", "SUB-1001-1", tier="enterprise")
    assert isinstance(upgrade, Preview) and upgrade.balance_used == Decimal("672.63")
    order = service.confirm(upgrade.id, MARIA, "credit-used")
    assert isinstance(order, Order)
    receipt = _receipt(database, order)
    assert receipt["Credito dell'account utilizzato"] == "-672,63 €"
    due = ["Costo del piano", "Credito per i giorni non usati", "IVA 22%",
           "Credito dell'account utilizzato"]
    assert sum((_euros(receipt[label]) for label in due), Decimal("0")) \
        == _euros(receipt["Totale dovuto (IVA inclusa)"]) == upgrade.total_due
