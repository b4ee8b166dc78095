"""Italian formatting (Babel, it_IT) for every sentence a person reads: money, dates, counts.

The one place money and dates are written: billing_core's warnings, refusals and e-mails use it,
and the bot re-exports it (`bot.dialogue.formatting`), so a summary and the warning under it say
"1.113,86 €" and "6 dicembre 2026" the same way. Audit records and logs keep the plain
"1113.86 EUR" (for operators and greps, not for customers).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency

LOCALE = "it_IT"

EXAMPLE_VAT_NUMBER = "IT01234560017"
"""The example partita IVA shown to users: a valid one (python-stdnum), not anyone's on file."""


def money(amount: Decimal, currency: str = "EUR") -> str:
    """`Decimal("1113.86")` → `"1.113,86 €"` (with an ordinary space, readable everywhere)."""
    return format_currency(amount, currency, locale=LOCALE).replace("\xa0", " ")


def long_date(day: date) -> str:
    """`date(2026, 11, 22)` → `"22 novembre 2026"`."""
    return str(format_date(day, format="long", locale=LOCALE))
