"""The first half of the only door to a change: each `preview_*` loads and checks what the change
is about (eligibility's shared prologue), runs its rules, prices it (quoting) and stores the
summary it returns, with what confirming it will apply. Quote decisions live here too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, cast

from billing_core import refusals, rules
from billing_core.audit import amount
from billing_core.catalog import Frequency
from billing_core.changes import CancelAtPeriodEnd, LedgerLine, WithdrawCancellation, dump_change
from billing_core.context import Context
from billing_core.eligibility import Target, eligibility, quote_target, subscription_target
from billing_core.models import PreviewRecord, Subscription
from billing_core.privacy import mask_vat_number
from billing_core.quoting import Priced, nothing_to_pay, price_new_period, price_seats
from billing_core.repository import new_id
from billing_core.schemas import Actor, Preview, PreviewKind, PreviewLine, QuoteView, Refusal
from billing_core.unit_of_work import UnitOfWork
from billing_core.views import quote_view, renewal_of
from billing_core.wording import dated, seats

Find = Callable[[UnitOfWork, str], Target | Refusal]
"""Load and check what the change is about, given the action to audit it under."""
Build = Callable[[UnitOfWork, Target], Priced | Refusal]
"""The change's own rules, then its price (or the refusal)."""
KindOf = Callable[[Target], PreviewKind]
"""The kind of a change read from what it is about, once that is found."""


def run_preview(ctx: Context, actor: Actor, kind: PreviewKind, find: Find, build: Build,
                vat_number: str | None = None, *,
                kind_of: KindOf | None = None) -> Preview | Refusal:
    """One preview: find the target, read the VAT number given with it (if any), build the
    priced change, check the payment, store the summary. Every refusal is audited as
    `preview.<kind>` (`kind_of`: the kind once the target is found, e.g. a plan change that
    only adds licenses is `seats.add`)."""
    action = f"preview.{kind}"
    with ctx.work() as uow:
        target = find(uow, action)
        if isinstance(target, Refusal):
            return target
        if kind_of is not None:
            action = f"preview.{kind_of(target)}"
        given: str | None = None
        if vat_number is not None:
            read = rules.normalise_vat_number(vat_number, target.account.country)
            if isinstance(read, Refusal):
                return uow.refuse(actor, action, target.account.id, read)
            # the order carries it: the payment is checked with it, the account keeps its own
            # until the order is confirmed
            given = read
            target = replace(target, facts=replace(target.facts, vat_number=given))
        priced = build(uow, target)
        if isinstance(priced, Refusal):
            return uow.refuse(actor, action, target.account.id, priced)
        return _store(ctx, uow, actor, target, priced, given)


def _by_subscription(actor: Actor, account_id: str, subscription_id: str) -> Find:
    return lambda uow, action: subscription_target(uow, actor, action, account_id,
                                                   subscription_id)


def license_reduction(ctx: Context, actor: Actor, account_id: str, subscription_id: str,
                      new_total: int, *, vat_number: str | None = None) -> Preview | Refusal:
    def build(uow: UnitOfWork, t: Target) -> Priced | Refusal:
        return (eligibility(uow, t.facts, "licenses.reduce", t.sub, None)
                or rules.license_reduction(t.sub.licenses, new_total)
                or price_new_period(uow.repo, t, ctx.today(), "licenses.reduce", t.sub.tier,
                                    new_total, cast(Frequency, t.sub.frequency)))
    return run_preview(ctx, actor, "licenses.reduce",
                       _by_subscription(actor, account_id, subscription_id), build,
                       vat_number)


def plan_change(ctx: Context, actor: Actor, account_id: str, subscription_id: str, *,
                tier: str | None, licenses: int | None, frequency: str | None,
                product: str | None, vat_number: str | None = None) -> Preview | Refusal:
    def requested(t: Target) -> tuple[str, int, str]:
        return (tier.strip().lower() if tier else t.sub.tier,
                t.sub.licenses if licenses is None else licenses,
                frequency or t.sub.frequency)

    def kind_of(t: Target) -> PreviewKind:
        return plan_change_kind(t.sub, *requested(t))

    def build(uow: UnitOfWork, t: Target) -> Priced | Refusal:
        new_tier, new_licenses, new_frequency = requested(t)
        requested_product = ctx.catalog.product(product) if product else None
        return (
            (rules.same_product(t.product, requested_product) if requested_product else None)
            or eligibility(uow, t.facts, "plan.change", t.sub, frequency)
            or rules.billing_frequency(new_frequency)
            or rules.tier_change(t.product, t.sub.tier, new_tier)
            or rules.license_total(new_licenses)
            or rules.nothing_changes((new_tier, new_licenses, new_frequency)
                                     != (t.sub.tier, t.sub.licenses, t.sub.frequency))
            or price_new_period(uow.repo, t, ctx.today(), kind_of(t), new_tier,
                                new_licenses, cast(Frequency, new_frequency)))
    return run_preview(ctx, actor, "plan.change",
                       _by_subscription(actor, account_id, subscription_id), build,
                       vat_number, kind_of=kind_of)


def plan_change_kind(sub: Subscription, tier: str, licenses: int,
                     frequency: str) -> PreviewKind:
    """What a Billing Center plan change is recorded as: one that only adds licenses (same
    tier, same frequency) is `seats.add`, the kind of every license or seat addition (the
    request's intent, `may_start`'s kind, the corporate orders'); anything else `plan.change`.
    The change itself is the same new period either way."""
    only_more = (tier, frequency) == (sub.tier, sub.frequency) and licenses > sub.licenses
    return "seats.add" if only_more else "plan.change"


def corporate_seats(ctx: Context, actor: Actor, account_id: str, subscription_id: str,
                    additional: int, *, vat_number: str | None = None) -> Preview | Refusal:
    def build(uow: UnitOfWork, t: Target) -> Priced | Refusal:
        refusal = (rules.corporate_self_service(t.facts)
                   or rules.modifiable(uow.repo.subscription_facts(t.sub))
                   or rules.additional_seats(t.sub.licenses, additional))
        if refusal:
            return refusal
        warnings = [
            f"Il preventivo aperto {quote.id} ({seats(quote.seats)} di "
            f"{uow.repo.product(quote.product).name}) scadrà subito e sarà sostituito da "
            "questo nuovo preventivo. Se ti serve, accettalo o rifiutalo prima."
            for quote in uow.repo.open_quotes(t.account.id)
        ]
        return price_seats(uow.repo, t, ctx.today(), "seats.add", additional, warnings)
    return run_preview(ctx, actor, "seats.add",
                       _by_subscription(actor, account_id, subscription_id), build,
                       vat_number)


def quote_acceptance(ctx: Context, actor: Actor, account_id: str, quote_id: str, *,
                     vat_number: str | None = None) -> Preview | Refusal:
    def build(uow: UnitOfWork, t: Target) -> Priced | Refusal:
        assert t.quote is not None
        return (rules.corporate_self_service(t.facts)
                or rules.modifiable(uow.repo.subscription_facts(t.sub))
                or rules.additional_seats(t.sub.licenses, t.quote.seats)
                or price_seats(uow.repo, t, ctx.today(), "quote.accept", t.quote.seats, []))
    return run_preview(
        ctx, actor, "quote.accept",
        lambda uow, action: quote_target(uow, actor, action, account_id, quote_id), build,
        vat_number)


def stored(ctx: Context, actor: Actor, preview_id: str) -> Preview | Refusal:
    """A summary as it was shown, for the person it was made for (expired or used too): the
    chat carries its VAT number into the next summary of the same request without keeping
    the number itself. Refusals audited as `preview.read`. A read: it takes no lock."""
    with ctx.reads() as uow:
        record = uow.repo.preview(preview_id)
        if record is None:
            return uow.refuse(actor, "preview.read", None, refusals.unknown_preview())
        if record.actor_email != actor.email.strip().lower() \
                or record.on_behalf_of != actor.on_behalf_of:
            return uow.refuse(actor, "preview.read", record.account_id,
                              refusals.preview_not_yours())
        return Preview.model_validate(record.summary)


def reject_quote(ctx: Context, actor: Actor, account_id: str,
                 quote_id: str) -> QuoteView | Refusal:
    action = "quote.reject"
    with ctx.work() as uow:
        target = quote_target(uow, actor, action, account_id, quote_id)
        if isinstance(target, Refusal):
            return target
        quote = target.quote
        assert quote is not None
        quote.status = "rejected"
        quote.decided_at = ctx.now()
        uow.audit(actor, action, target.account.id, "ok", f"preventivo {quote.id}")
        return quote_view(quote)


def cancellation(ctx: Context, actor: Actor, account_id: str, subscription_id: str, *,
                 vat_number: str | None = None) -> Preview | Refusal:
    def build(uow: UnitOfWork, t: Target) -> Priced | Refusal:
        return (eligibility(uow, t.facts, "subscription.cancel", t.sub, None)
                or nothing_to_pay(
                    uow.repo, t, "subscription.cancel",
                    f"La sottoscrizione a {t.product.name} resta attiva fino "
                    f"{dated(t.sub.period_end, 'al')}: fino ad allora puoi continuare a usare "
                    "il servizio, poi non si rinnova. Non c'è niente da pagare.",
                    CancelAtPeriodEnd()))
    return run_preview(ctx, actor, "subscription.cancel",
                       _by_subscription(actor, account_id, subscription_id), build,
                       vat_number)


def reactivation(ctx: Context, actor: Actor, account_id: str, subscription_id: str,
                 frequency: str | None, *, vat_number: str | None = None) -> Preview | Refusal:
    def build(uow: UnitOfWork, t: Target) -> Priced | Refusal:
        new_frequency = frequency or t.sub.frequency
        refusal = (eligibility(uow, t.facts, "subscription.reactivate", t.sub, None)
                   or rules.billing_frequency(new_frequency))
        if refusal:
            return refusal
        if t.sub.status in ("active", "trial"):  # a pending cancellation is withdrawn
            return nothing_to_pay(
                uow.repo, t, "subscription.reactivate",
                f"L'annullamento viene revocato: la sottoscrizione a {t.product.name} resta "
                f"com'è e si rinnova {dated(t.sub.period_end)}. Non c'è niente da pagare.",
                WithdrawCancellation())
        return price_new_period(uow.repo, t, ctx.today(), "subscription.reactivate",
                                t.sub.tier, t.sub.licenses, cast(Frequency, new_frequency),
                                reactivation=True)
    return run_preview(ctx, actor, "subscription.reactivate",
                       _by_subscription(actor, account_id, subscription_id), build,
                       vat_number)


def _store(ctx: Context, uow: UnitOfWork, actor: Actor, target: Target, priced: Priced,
           vat_number: str | None) -> Preview | Refusal:
    """Check the payment, then store the summary and what confirming it applies (with the VAT
    number given for this order, if any)."""
    account, sub = target.account, target.sub
    action = f"preview.{priced.kind}"
    refusal = rules.payment_ready(target.facts, priced.money.total_due > 0)
    if refusal:
        return uow.refuse(actor, action, account.id, refusal)
    now = ctx.now()
    money = priced.money
    preview = Preview(
        id=new_id("PRV"), kind=priced.kind, account_id=account.id,
        account_name=account.name, account_kind=cast(Any, account.kind), subscription_id=sub.id,
        quote_id=target.quote.id if target.quote else None, product=target.product.id,
        product_name=target.product.name, before=priced.before, after=priced.after,
        period_start=priced.period_start, period_end=priced.period_end,
        lines=[PreviewLine(label=line.label, amount=line.amount) for line in money.lines],
        plan_cost=money.plan_cost, credit=money.credit, subtotal=money.subtotal,
        vat_rate=money.vat_rate, vat=money.vat, total_due=money.total_due,
        account_credit=money.account_credit, balance_used=money.balance_used,
        currency=account.currency, payment_required=money.total_due > 0,
        payment_method=cast(Any, account.payment_method), order_status=priced.order_status,
        warnings=priced.warnings, pricing_date=ctx.today(), expires_at=now + ctx.preview_ttl,
        renewal=None if priced.after is None or priced.kind == "subscription.cancel" else
        renewal_of(uow.repo, account, sub.id, target.product.id, priced.after,
                   priced.period_end),
        vat_number=vat_number,
    )
    change = priced.change.model_copy(update={
        "balance_used": money.balance_used, "vat_number": vat_number,
        "lines": tuple(LedgerLine(kind=line.kind, label=line.label, amount=line.amount)
                       for line in money.lines)})
    uow.repo.add(PreviewRecord(
        id=preview.id, kind=preview.kind, account_id=account.id, subscription_id=sub.id,
        subscription_version=sub.version, quote_id=preview.quote_id,
        actor_email=actor.email.strip().lower(), on_behalf_of=actor.on_behalf_of,
        summary=preview.model_dump(mode="json"), change=dump_change(change),
        pricing_date=preview.pricing_date, created_at=now, expires_at=preview.expires_at,
    ))
    given = f", partita IVA {mask_vat_number(vat_number)}" if vat_number else ""
    uow.audit(actor, action, account.id, "ok",
              f"{preview.id} {sub.id} totale {amount(preview.total_due, preview.currency)}"
              + given)
    return preview
