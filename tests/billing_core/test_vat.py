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


@pytest.mark.parametrize("typed", ["12345678901", "IT12345678901", "P.IVA 123 456 789 01"])
def test_eleven_digits_with_a_tax_office_code_that_does_not_exist_are_told_so(typed: str) -> None:
    """"12345678901" has the 11 digits (with or without IT): it was told «deve essere IT
    seguito da 11 cifre»; what is wrong is the 8th to 10th digit, the tax office's province
    (python-stdnum's InvalidComponent, checked before the check digit)."""
    reading = read_vat_number(typed)
    assert reading is not None and reading.problem == "format"
    message = reading.message or ""
    assert "ha 11 cifre" in message and "(890)" in message and "ufficio provinciale" in message
    assert "seguito da 11 cifre" not in message


def test_a_number_without_the_it_prefix_is_read_as_an_italian_one() -> None:
    reading = read_vat_number("12345670017")
    assert reading is not None and reading.valid and reading.full == "IT12345670017"


def test_seven_zeros_are_named_not_the_length() -> None:
    reading = read_vat_number("00000000000")
    assert reading is not None and reading.problem == "format"
    assert "prime sette cifre" in (reading.message or "")


@pytest.mark.parametrize("typed", ["codice fiscale RSSMRA80A01H501U", "rssmra80a01h501u"])
def test_a_codice_fiscale_is_named_not_counted_as_3_digits(typed: str) -> None:
    reading = read_vat_number(typed)
    assert reading is not None and not reading.valid
    message = reading.message or ""
    assert "codice fiscale, non una partita IVA" in message and "ce ne sono" not in message


def test_a_vat_number_next_to_a_codice_fiscale_is_still_read() -> None:
    reading = read_vat_number("CF RSSMRA80A01H501U, P.IVA 07643520567")
    assert reading is not None and reading.valid and reading.full == "IT07643520567"


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
