import re
from datetime import date
from decimal import Decimal

from billing_core import BillingService
from billing_core.privacy import mask_vat_number as mask_vat
from billing_core.wording import long_date, money
from tests.dialogue.conftest import ChatFactory, account


def test_money_is_italian_with_euro_after_the_amount() -> None:
    assert money(Decimal("1113.86")) == "1.113,86 €"
    assert money(Decimal("-1079.00")) == "-1.079,00 €"
    assert money(Decimal("0.05")) == "0,05 €"


def test_dates_are_written_out_in_italian() -> None:
    assert long_date(date(2026, 11, 22)) == "22 novembre 2026"
    assert long_date(date(2027, 1, 5)) == "5 gennaio 2027"


def test_vat_numbers_are_masked_except_prefix_and_last_three_digits() -> None:
    assert mask_vat("IT07643520567") == "IT********567"
    assert mask_vat("07643520567") == "********567"
    assert "0764352" not in mask_vat("IT 0764 3520 567")


def test_billing_core_warnings_read_like_the_bot(chat: ChatFactory,
                                                 service: BillingService) -> None:
    """billing_core's warnings under the summary use the same Italian money and dates as the
    summary itself (one formatter): "672,63 €", "22 novembre 2027", never "672.63 EUR" or
    "23/11/2027"."""
    maria = chat("maria.rossi@example.com")
    maria.say("riduci a 1 le licenze")
    text = maria.click("GoToAssist Supporto remoto v4")
    assert "Il credito di 672,63 € resta sul saldo dell'account" in text
    assert "finisce il 22 novembre 2027" in text
    assert "EUR" not in text and not re.search(r"\d\d/\d\d/\d{4}", text)
    assert not re.search(r"\d\.\d\d\b", text)  # no English decimals
    maria.click("Conferma")
    assert account(service, "ACC-1001").balance == Decimal("672.63")
