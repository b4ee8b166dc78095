"""A VAT number read out of what a person typed (billing_core.vat, python-stdnum): labels,
spaces, dashes, dots and lower case are accepted; what is wrong with a wrong one is named."""

from __future__ import annotations

import pytest

from billing_core import BillingService
from billing_core.schemas import AccountView, Refusal
from billing_core.vat import read_vat_number

from .conftest import ELENA


@pytest.mark.parametrize("typed", [
    "IT 07643520567", "IT-07643520567", "it07643520567", "07643520567", "076.435.205.67",
    "P.IVA 07643520567", "partita iva: IT07643520567", "la nostra partita iva è IT07643520567",
    "P. IVA: 076 4352 0567", "IT 0764 3520 567", "per es. 07643520567",
    "abbiamo 2 sedi, la P.IVA è 07643520567",
])
def test_every_way_of_writing_a_valid_number_reads_the_same_number(typed: str) -> None:
    reading = read_vat_number(typed)
    assert reading is not None and reading.valid, (typed, reading)
    assert (reading.number, reading.full) == ("07643520567", "IT07643520567")


def test_a_wrong_check_digit_is_named_as_such() -> None:
    reading = read_vat_number("IT 07643520568")
    assert reading is not None and reading.problem == "checksum"
    assert "il codice di controllo non torna: controlla le cifre" in (reading.message or "")


def test_a_wrong_length_is_named_with_the_count() -> None:
    reading = read_vat_number("IT 0764352056")
    assert reading is not None and reading.problem == "length"
    assert "11 cifre" in (reading.message or "") and "ce ne sono 10" in (reading.message or "")


def test_another_countrys_prefix_is_named() -> None:
    reading = read_vat_number("DE 07643520567")
    assert reading is not None and reading.problem == "country"
    assert "DE" in (reading.message or "") and "Italia" in (reading.message or "")


@pytest.mark.parametrize("typed", ["sì", "no grazie", "annulla", "non ce l'ho", "", "IT"])
def test_a_message_without_digits_is_not_a_vat_number(typed: str) -> None:
    assert read_vat_number(typed) is None


def test_set_vat_number_reads_what_the_user_typed(service: BillingService) -> None:
    saved = service.set_vat_number(ELENA, "ACC-6001", "la nostra partita iva è IT 076.435.205.67")
    assert isinstance(saved, AccountView) and saved.vat_number == "IT07643520567"
    wrong = service.set_vat_number(ELENA, "ACC-6001", "P.IVA 07643520568")
    assert isinstance(wrong, Refusal) and wrong.code == "vat_number_invalid"
    assert wrong.details["problem"] == "checksum"
    assert "codice di controllo" in wrong.message
    nothing = service.set_vat_number(ELENA, "ACC-6001", "ve la mando domani")
    assert isinstance(nothing, Refusal) and nothing.details["problem"] == "missing"
    view = service.find_account("ACC-6001")
    assert view is not None and view.vat_number == "IT07643520567"
