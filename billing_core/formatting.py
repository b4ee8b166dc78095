"""Kept for callers that import the formatter by its old name: everything here lives in
`billing_core.wording` (the one home of the Italian wording) and `billing_core.vat`; import
from there. This module goes once the bot imports `billing_core.wording`."""

from __future__ import annotations

from billing_core.vat import EXAMPLE_VAT_NUMBER
from billing_core.wording import LOCALE, long_date, money, money_lines, percent

__all__ = ["EXAMPLE_VAT_NUMBER", "LOCALE", "long_date", "money", "money_lines", "percent"]
