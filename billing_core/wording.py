"""The Italian wording of billing (Babel, it_IT): the one place money, dates, counts, frequencies,
plan names, order kinds and statuses are written for people.

billing_core's warnings, refusals, receipts and views use it, and so do the bot's commands and
dialogue (billing_core imports nothing of the bot), so a summary, the warning under it and the
e-mail after it say "1.113,86 €", "l'11 novembre 2026", "3 licenze", "Pro" the same way.
Audit records and logs keep the plain "1113.86 EUR" (for operators and greps, not customers).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from babel.dates import format_date
from babel.numbers import format_currency

from billing_core.catalog import Catalog, load_catalog

if TYPE_CHECKING:
    from billing_core.schemas import Preview

LOCALE = "it_IT"

# -- money --------------------------------------------------------------------------------------


def money(amount: Decimal, currency: str = "EUR") -> str:
    """`Decimal("1113.86")` → `"1.113,86 €"` (with an ordinary space, readable everywhere)."""
    return format_currency(amount, currency, locale=LOCALE).replace("\xa0", " ")


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


# -- dates --------------------------------------------------------------------------------------

Preposition = Literal["il", "al", "dal", "del", "nel", "sul"]
"""The article (or articulated preposition) before a date, named by its masculine form."""

_ELIDED = {"il": "l'", "al": "all'", "dal": "dall'", "del": "dell'", "nel": "nell'",
           "sul": "sull'"}


def long_date(day: date, *, year: bool = True) -> str:
    """`date(2026, 11, 22)` → `"22 novembre 2026"`; the first of the month is `"1º dicembre"`."""
    month = str(format_date(day, format="MMMM", locale=LOCALE))
    number = "1º" if day.day == 1 else str(day.day)
    return f"{number} {month} {day.year}" if year else f"{number} {month}"


def dated(day: date, preposition: Preposition = "il", *, year: bool = True) -> str:
    """A date with its article, as Italian reads the number: `"il 5 novembre 2026"`,
    `"l'11 novembre 2026"`, `"l'8 dicembre"`, `"il 1º dicembre"` (primo);
    `dated(d, "al")` → `"al 5 dicembre 2026"` / `"all'8 dicembre 2026"`, and so on for
    `dal`, `del`, `nel`, `sul`."""
    article = _ELIDED[preposition] if day.day in (8, 11) else preposition + " "
    return article + long_date(day, year=year)


def period(start: date, end: date) -> str:
    """`"dal 5 novembre 2026 al 5 dicembre 2026"` (articles elided where Italian does)."""
    return f"{dated(start, 'dal')} {dated(end, 'al')}"


# -- counts -------------------------------------------------------------------------------------

Noun = Literal["licenza", "postazione", "giorno", "mese", "ordine", "preventivo"]
_PLURALS: dict[str, str] = {"licenza": "licenze", "postazione": "postazioni", "giorno": "giorni",
                            "mese": "mesi", "ordine": "ordini", "preventivo": "preventivi"}


def count(n: int, noun: Noun) -> str:
    """`count(1, "licenza")` → `"1 licenza"`, `count(3, "licenza")` → `"3 licenze"`."""
    return f"{n} {noun if n == 1 else _PLURALS[noun]}"


def licenses(n: int) -> str:
    """`"1 licenza"` / `"3 licenze"` (Billing Center subscriptions)."""
    return count(n, "licenza")


def seats(n: int) -> str:
    """`"1 postazione"` / `"5 postazioni"` (Corporate accounts)."""
    return count(n, "postazione")


def units(n: int, account_kind: str) -> str:
    """Licenses on a standard account, seats on a corporate one."""
    return seats(n) if account_kind == "corporate" else licenses(n)


def units_noun(account_kind: str) -> str:
    """What is counted, in the plural: `"licenze"`, or `"postazioni"` on a corporate account."""
    return _PLURALS["postazione" if account_kind == "corporate" else "licenza"]


# -- frequencies --------------------------------------------------------------------------------

FREQUENCY_NAMES: dict[str, str] = {"monthly": "mensile", "annual": "annuale"}
PER_PERIOD: dict[str, str] = {"monthly": "al mese", "annual": "all'anno"}


def frequency_name(frequency: str) -> str:
    """`"monthly"` → `"mensile"`, `"annual"` → `"annuale"`."""
    return FREQUENCY_NAMES.get(frequency, frequency)


def per_period(frequency: str) -> str:
    """`"monthly"` → `"al mese"`, `"annual"` → `"all'anno"`."""
    return PER_PERIOD.get(frequency, "")


# -- products and plans -------------------------------------------------------------------------


def product_name(product: str, catalog: Catalog | None = None) -> str:
    """The name shown for a product id (`"gotowebinar"` → `"GoTo Webinar"`)."""
    found = (catalog or load_catalog()).product(product)
    return found.name if found is not None else product


def tier_name(tier: str, product: str | None = None, catalog: Catalog | None = None) -> str:
    """The name shown for a plan (`"pro"` → `"Pro"`): the catalog's, when the product has it."""
    found = (catalog or load_catalog()).product(product) if product else None
    plan = found.tier(tier) if found is not None else None
    if plan is not None:
        return plan.name
    return tier[:1].upper() + tier[1:]


def plan_summary(tier: str, licenses_: int, frequency: str, product: str | None = None) -> str:
    """`"Pro, 8 licenze, mensile"`."""
    return f"{tier_name(tier, product)}, {licenses(licenses_)}, {frequency_name(frequency)}"


# -- kinds and statuses -------------------------------------------------------------------------

ORDER_KINDS: dict[str, str] = {
    "licenses.reduce": "Riduzione delle licenze",
    "plan.change": "Modifica del piano",
    "quote.accept": "Accettazione del preventivo",
    "subscription.cancel": "Annullamento della sottoscrizione",
    "subscription.reactivate": "Riattivazione della sottoscrizione",
}
ORDER_STATUSES: dict[str, str] = {"placed": "effettuato", "processing": "in elaborazione",
                                  "completed": "completato", "failed": "non riuscito"}
ORDER_STATUS_NOTES: dict[str, str] = {"placed": ", modifiche attive",
                                      "processing": " (fino a 24 ore)"}
"""What a status means for the customer, after it (the dialogue's and Slack's order lines)."""
QUOTE_STATUSES: dict[str, str] = {"open": "aperto", "accepted": "accettato",
                                  "rejected": "rifiutato", "expired": "scaduto"}
SUBSCRIPTION_STATUSES: dict[str, str] = {"active": "attiva", "trial": "in prova",
                                         "trial_expired": "prova terminata",
                                         "expired": "scaduta", "cancelled": "annullata"}
"""Of a "sottoscrizione" (feminine: receipts, `account show`)."""
PLAN_STATUSES: dict[str, str] = {"active": "attivo", "trial": "in prova",
                                 "trial_expired": "prova terminata", "expired": "scaduto",
                                 "cancelled": "disdetto"}
"""Of an "abbonamento" (masculine: how the dialogue speaks of a subscription)."""
HANDOFF_STATUSES: dict[str, str] = {"open": "aperta", "taken": "presa in carico",
                                    "closed": "chiusa"}
"""Of a "richiesta" (feminine)."""


def order_kind(kind: str, account_kind: str) -> str:
    """`"licenses.reduce"` → `"Riduzione delle licenze"` (lower-case it inside a sentence);
    `"seats.add"` → `"Aggiunta di licenze"`, or `"Aggiunta di postazioni"` on a corporate
    account."""
    if kind == "seats.add":
        return f"Aggiunta di {units_noun(account_kind)}"
    return ORDER_KINDS.get(kind, "Ordine")


def order_status(status: str, *, noted: bool = False) -> str:
    """`"in elaborazione"`; `noted`: with what it means, `"in elaborazione (fino a 24 ore)"`,
    `"effettuato, modifiche attive"`."""
    name = ORDER_STATUSES.get(status, status)
    return name + ORDER_STATUS_NOTES.get(status, "") if noted else name


def quote_status(status: str) -> str:
    return QUOTE_STATUSES.get(status, status)


def subscription_status(status: str, cancel_at_period_end: bool = False) -> str:
    """`"attiva"`, or `"attiva, annullata a fine periodo"` when a cancellation is pending."""
    name = SUBSCRIPTION_STATUSES.get(status, status)
    if cancel_at_period_end and status in ("active", "trial"):
        name += ", annullata a fine periodo"
    return name


def plan_status(status: str) -> str:
    """The status of an "abbonamento": `"attivo"`, `"scaduto"`, `"disdetto"`."""
    return PLAN_STATUSES.get(status, status)


def handoff_status(status: str) -> str:
    return HANDOFF_STATUSES.get(status, status)
