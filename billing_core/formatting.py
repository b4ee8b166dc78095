"""Italian formatting (Babel, it_IT) for every sentence a person reads: money, dates, counts.

The one place money and dates are written: billing_core's warnings, refusals and e-mails use it,
and the bot re-exports it (`bot.dialogue.formatting`), so a summary and the warning under it say
"1.113,86 €" and "6 dicembre 2026" the same way. Audit records and logs keep the plain
"1113.86 EUR" (for operators and greps, not for customers).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from babel.dates import format_date
from babel.numbers import format_currency

if TYPE_CHECKING:
    from billing_core.schemas import Preview

LOCALE = "it_IT"

EXAMPLE_VAT_NUMBER = "IT01234560017"
"""The example partita IVA shown to users: a valid one (python-stdnum), not anyone's on file."""


def money(amount: Decimal, currency: str = "EUR") -> str:
    """`Decimal("1113.86")` → `"1.113,86 €"` (with an ordinary space, readable everywhere)."""
    return format_currency(amount, currency, locale=LOCALE).replace("\xa0", " ")


def long_date(day: date) -> str:
    """`date(2026, 11, 22)` → `"22 novembre 2026"`."""
    return str(format_date(day, format="long", locale=LOCALE))


def percent(rate: Decimal) -> str:
    """`Decimal("0.22")` (or `Decimal("22")`) → `"22%"`."""
    value = rate * 100 if rate <= 1 else rate
    return f"{value.normalize():f}".replace(".", ",") + "%"


def money_lines(preview: Preview) -> list[tuple[str, str]]:
    """The money of a preview as an Italian invoice or credit note reads it, (label, amount)
    lines that add up to the total (which each reader adds with its own label): plan cost,
    credit for the unused days, then either VAT and the account credit used (an amount due) or,
    when the credit is larger, the difference in the customer's favour with its VAT, credited
    to the account balance (a credit note: positive amounts labelled as credit, never a
    negative VAT). The chat summary and the confirmation e-mail both use these lines.

    A preview with nothing priced (a cancellation at the period end) has no lines."""
    if not preview.lines:
        return []
    currency = preview.currency
    rate = percent(preview.vat_rate)
    lines = [("Costo del piano", money(preview.plan_cost, currency))]
    if preview.credit:
        lines.append(("Credito per i giorni non usati", money(-abs(preview.credit), currency)))
    if preview.account_credit:
        lines += [
            ("Differenza a tuo favore (IVA esclusa)", money(abs(preview.subtotal), currency)),
            (f"IVA {rate} sulla differenza a tuo favore", money(abs(preview.vat), currency)),
            ("Credito aggiunto al saldo dell'account (IVA inclusa)",
             money(preview.account_credit, currency)),
        ]
    else:
        lines.append((f"IVA {rate}", money(preview.vat, currency)))
        if preview.balance_used:
            lines.append(("Credito dell'account utilizzato",
                          money(-abs(preview.balance_used), currency)))
    return lines
