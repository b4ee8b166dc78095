"""Italian formatting for what the user reads: money and dates come from billing_core.formatting
(the one helper both layers use); counts, names and masked VAT numbers are the bot's."""

from __future__ import annotations

from billing_core.catalog import load_catalog
from billing_core.formatting import (
    EXAMPLE_VAT_NUMBER,
    LOCALE,
    long_date,
    money,
    money_lines,
    percent,
)

__all__ = ["EXAMPLE_VAT_NUMBER", "LOCALE", "frequency_name", "licenses", "long_date",
           "mask_vat", "money", "money_lines", "percent", "product_name", "tier_name"]

FREQUENCY_NAMES: dict[str, str] = {"monthly": "mensile", "annual": "annuale"}


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
