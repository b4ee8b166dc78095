"""What a change costs and what the summary warns about: a new full period from today (plan
changes, reductions, reactivations), seats for the rest of a corporate term, or nothing (a
cancellation at the period end, withdrawing it). Pure pricing lives in `pricing`; this module
applies it to the account's rows and writes the Italian warnings shown under the summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import cast

from billing_core.catalog import Frequency
from billing_core.changes import (
    AddSeats,
    CancelAtPeriodEnd,
    Change,
    NewPeriod,
    WithdrawCancellation,
)
from billing_core.eligibility import Target
from billing_core.pricing import (
    ZERO,
    PriceBreakdown,
    nothing_due,
    period_end,
    price_change,
    pro_rata,
    unused_credit,
)
from billing_core.repository import Repository
from billing_core.schemas import OrderStatus, PlanState, PreviewKind
from billing_core.views import plan_state
from billing_core.wording import count, dated, frequency_name, licenses, money, seats


@dataclass(frozen=True)
class Priced:
    """Everything a preview needs besides the account and subscription."""

    kind: PreviewKind
    before: PlanState | None
    after: PlanState | None
    period_start: date
    period_end: date
    money: PriceBreakdown
    order_status: OrderStatus
    warnings: list[str]
    change: Change
    """What confirming applies (its balance and ledger lines are added with the preview)."""


def price_new_period(repo: Repository, target: Target, today: date, kind: PreviewKind,
                     tier_id: str, new_licenses: int, frequency: Frequency, *,
                     reactivation: bool = False) -> Priced:
    """A new full period of the new plan from today, less the credit for the unused days of
    what was charged for the current one (none for a reactivation: that period is over)."""
    account, sub, product = target.account, target.sub, target.product
    tier = product.tier(tier_id)
    assert tier is not None
    plan_cost = tier.price(frequency) * new_licenses
    credit = ZERO if reactivation else unused_credit(
        repo.charged_for_period(sub), sub.period_start, sub.period_end, today)
    breakdown = price_change(
        plan_cost=plan_cost, credit=credit,
        vat_rate=repo.catalog.vat_rate(account.country), available_balance=account.balance,
        plan_label=f"{product.name} {tier.name}, {licenses(new_licenses)}, "
                   f"{frequency_name(frequency)}",
    )
    end = period_end(today, frequency)
    warnings = [f"Il nuovo periodo di fatturazione parte oggi e finisce {dated(end)}: "
                "la data di fatturazione diventa quella di oggi."]
    old_tier = product.tier(sub.tier)
    old_rate = (old_tier.price(cast(Frequency, sub.frequency)) * sub.licenses
                if old_tier else ZERO)
    cheaper = new_licenses < sub.licenses or (
        frequency == sub.frequency and plan_cost < old_rate)
    if cheaper and breakdown.total_due > 0 and not reactivation:
        warnings.append(
            "Anche se riduci, oggi c'è un importo da pagare: la modifica fa partire da oggi "
            "un nuovo periodo, pagato per intero, e del periodo attuale ti viene "
            "riconosciuto solo il credito per i giorni non ancora usati.")
    if breakdown.account_credit > 0:
        warnings.append(
            f"Il credito di {money(breakdown.account_credit, account.currency)} resta sul "
            "saldo dell'account e verrà usato per la prossima fattura (non è un rimborso).")
    warnings += _balance_used(breakdown, account.currency)
    if new_licenses > sub.licenses and not reactivation:
        warnings.append("Ricorda di assegnare le nuove licenze ai tuoi utenti, così possono "
                        f"accedere a {product.name}.")
    if breakdown.total_due > 0:
        warnings.append("Il totale include l'IVA e sarà addebitato sulla carta registrata.")
    return Priced(kind=kind, before=plan_state(sub),
                  after=PlanState(tier=tier.id, licenses=new_licenses, frequency=frequency),
                  period_start=today, period_end=end, money=breakdown, order_status="placed",
                  warnings=warnings,
                  change=NewPeriod(tier=tier.id, licenses=new_licenses, frequency=frequency,
                                   period_start=today, period_end=end,
                                   charged=breakdown.plan_cost))


def price_seats(repo: Repository, target: Target, today: date, kind: PreviewKind,
                added: int, warnings: list[str]) -> Priced:
    """Corporate seats for the days left in the annual term (its dates do not change)."""
    account, sub, product = target.account, target.sub, target.product
    tier = product.tier(sub.tier)
    assert tier is not None
    term_days = (sub.period_end - sub.period_start).days
    remaining = (sub.period_end - today).days
    cost = pro_rata(tier.price(cast(Frequency, sub.frequency)) * added, remaining, term_days)
    breakdown = price_change(
        plan_cost=cost, credit=ZERO, vat_rate=repo.catalog.vat_rate(account.country),
        available_balance=account.balance,
        plan_label=f"{seats(added)} {product.name} {tier.name} "
                   f"per {count(remaining, 'giorno')} su {term_days}",
    )
    warnings = [*warnings,
                f"Le postazioni aggiuntive sono addebitate in proporzione ai {remaining} "
                f"giorni che restano del periodo annuale, fino {dated(sub.period_end, 'al')}: "
                "le date della sottoscrizione non cambiano.",
                "L'elaborazione dell'ordine di servizio può richiedere fino a 24 ore; la "
                "ricevuta arriva per e-mail al contatto di fatturazione.",
                *_balance_used(breakdown, account.currency)]
    after = PlanState(tier=sub.tier, licenses=sub.licenses + added,
                      frequency=cast(Frequency, sub.frequency))
    return Priced(kind=kind, before=plan_state(sub), after=after,
                  period_start=today, period_end=sub.period_end, money=breakdown,
                  order_status="processing", warnings=warnings,
                  change=AddSeats(seats=added, charged_add=breakdown.plan_cost))


def nothing_to_pay(repo: Repository, target: Target, kind: PreviewKind, warning: str,
                   change: CancelAtPeriodEnd | WithdrawCancellation) -> Priced:
    """A change that keeps the plan and the period as they are and costs nothing (a
    cancellation at period end, or withdrawing one)."""
    state = plan_state(target.sub)
    return Priced(kind=kind, before=state, after=state, period_start=target.sub.period_start,
                  period_end=target.sub.period_end,
                  money=nothing_due(repo.catalog.vat_rate(target.account.country)),
                  order_status="placed", warnings=[warning],
                  change=change)


def _balance_used(breakdown: PriceBreakdown, currency: str) -> list[str]:
    if breakdown.balance_used <= 0:
        return []
    return [f"Usiamo {money(breakdown.balance_used, currency)} del credito già presente "
            "sull'account."]
