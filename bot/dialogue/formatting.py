"""Italian formatting for what the user reads: money, dates, counts, masked VAT numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency

from billing_core.catalog import load_catalog

LOCALE = "it_IT"

FREQUENCY_NAMES: dict[str, str] = {"monthly": "mensile", "annual": "annuale"}


def money(amount: Decimal, currency: str = "EUR") -> str:
    """`Decimal("1113.86")` → `"1.113,86 €"` (with an ordinary space, readable everywhere)."""
    return format_currency(amount, currency, locale=LOCALE).replace("\xa0", " ")


def long_date(day: date) -> str:
    """`date(2026, 11, 22)` → `"22 novembre 2026"`."""
    return str(format_date(day, format="long", locale=LOCALE))


def licenses(count: int) -> str:
    return "1 licenza" if count == 1 else f"{count} licenze"


def product_name(product: str) -> str:
    """The name shown for a product id, from billing_core's catalog."""
    found = load_catalog().product(product)
    return found.name if found is not None else product


def tier_name(tier: str) -> str:
    return tier.capitalize()


def frequency_name(frequency: str) -> str:
    return FREQUENCY_NAMES.get(frequency, frequency)


def mask_vat(vat_number: str) -> str:
    """Only the country prefix and the last three digits: `IT07643520567` → `IT********567`."""
    compact = "".join(vat_number.split()).upper()
    prefix = compact[:2] if compact[:2].isalpha() else ""
    digits = compact[len(prefix):]
    if len(digits) <= 3:
        return prefix + "*" * len(digits)
    return prefix + "*" * (len(digits) - 3) + digits[-3:]
