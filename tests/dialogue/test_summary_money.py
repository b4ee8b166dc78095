"""The summary's money lines add up to the total, like an Italian invoice or credit note: the
account credit used is a line of its own, and a credit larger than the new plan reads as a
credit to the account (VAT included), never as a negative VAT line."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from tests.dialogue.conftest import Chat, ChatFactory, account, orders

if TYPE_CHECKING:
    from billing_core import BillingService
    from billing_core.clock import FixedClock

MARIA = "maria.rossi@example.com"


def _fields(maria: Chat) -> dict[str, str]:
    return {f.label: f.value for reply in maria.replies for section in reply.sections
            for f in section.fields}


def _euros(value: str) -> Decimal:
    return Decimal(value.replace(" €", "").replace(".", "").replace(",", "."))


def test_a_credit_note_and_then_the_credit_used_add_up(chat: ChatFactory,
                                                       service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("riduci a 1 le licenze")
    maria.click("GoToAssist Supporto remoto v4")
    fields = _fields(maria)
    assert not any(value.startswith("-") for label, value in fields.items()
                   if label.startswith("IVA"))
    assert fields["Differenza a tuo favore (IVA esclusa)"] == "551,34 €"
    assert fields["IVA 22% sulla differenza a tuo favore"] == "121,29 €"
    assert fields["Credito aggiunto al saldo dell'account (IVA inclusa)"] == "672,63 €"
    assert fields["Totale dovuto oggi"] == "0,00 €"
    # plan cost - unused days = the difference in the customer's favour (negative)
    assert _euros(fields["Costo del piano"]) + _euros(fields["Credito per i giorni non usati"]) \
        == -_euros(fields["Differenza a tuo favore (IVA esclusa)"])
    maria.click("Conferma")
    assert account(service, "ACC-1001").balance == Decimal("672.63")

    maria.say("aggiungi 2 licenze a GoTo Webinar")
    fields = _fields(maria)
    assert fields["Credito dell'account utilizzato"] == "-672,63 €"
    lines = ["Costo del piano", "Credito per i giorni non usati", "IVA 22%",
             "Credito dell'account utilizzato"]
    assert sum((_euros(fields[label]) for label in lines), Decimal("0")) \
        == _euros(fields["Totale dovuto oggi"]) == Decimal("1656.35")
    maria.click("Conferma")
    placed = [o for o in orders(service, "ACC-1001") if o.kind == "seats.add"]
    assert [o.total for o in placed] == [Decimal("1656.35")]
    assert account(service, "ACC-1001").balance == Decimal("0.00")


def test_dates_on_the_8th_and_11th_take_the_elided_article(
        chat: ChatFactory, service: BillingService, clock: FixedClock) -> None:
    """Italian reads "l'8", "dall'8", "all'11": the summary once wrote "dal 8 dicembre"."""
    clock.set(datetime(2026, 12, 8, 10, 0, tzinfo=ZoneInfo("Europe/Rome")))
    maria = chat("maria.rossi@example.com")
    text = maria.say("riduci a 2 le licenze di GoToAssist v4")
    assert "dall'8 dicembre 2026 all'8 dicembre 2027" in text, text
    assert "dal 8" not in text and "al 8" not in text
