"""`account.overview`: what the account has now (products, plans, licenses, renewal or end
dates, account credit, pending changes), for its billing contact and for agents."""

from __future__ import annotations

from billing_core.catalog import Catalog
from billing_core.schemas import AccountView, SubscriptionView
from billing_core.wording import (
    dated,
    frequency_name,
    money,
    order_kind,
    plan_status,
    product_name,
    tier_name,
    units,
)
from bot.dialogue import messages
from bot.dialogue.replies import Reply, Section


def subscription_line(sub: SubscriptionView, account: AccountView) -> str:
    """One subscription as the overview says it: plan, count, frequency and what happens next."""
    name = f"{sub.product_name} {tier_name(sub.plan)}"
    count = units(sub.licenses, account.kind)
    if sub.status == "trial":
        return f"{name}: prova gratuita, {count}; termina {dated(sub.period_end)}."
    if sub.status == "trial_expired":
        return (f"{name}: prova gratuita terminata {dated(sub.period_end)}; per continuare serve "
                "un piano a pagamento.")
    if sub.status in ("expired", "cancelled"):
        return (f"{name}: {plan_status(sub.status)} {dated(sub.period_end)} ({count}, "
                f"{frequency_name(sub.frequency)}).")
    line = f"{name}: {count}, fatturazione {frequency_name(sub.frequency)}"
    if sub.cancel_at_period_end:
        return f"{line}; disdetto, resta attivo fino {dated(sub.period_end, 'al')}."
    renewal = next((r for r in account.renewals if r.subscription_id == sub.id), None)
    if renewal is not None:
        return (f"{line}; si rinnova {dated(renewal.date)} per "
                f"{money(renewal.total, renewal.currency)} IVA inclusa (al prezzo di oggi).")
    return f"{line}; periodo in corso fino {dated(sub.period_end, 'al')}."


def pending_lines(account: AccountView, catalog: Catalog, product: str | None) -> list[str]:
    """Changes not yet in effect: cancellations at the period end, service orders still being
    processed, open quotes."""
    lines = [f"{s.product_name}: disdetta alla fine del periodo, "
             f"{dated(s.period_end)}." for s in account.subscriptions
             if s.cancel_at_period_end and s.status in ("active", "trial")
             and (product is None or s.product == product)]
    subs = {s.id: s for s in account.subscriptions}
    for order in account.orders:
        sub = subs.get(order.subscription_id or "")
        if order.status == "processing" and (product is None or
                                             (sub is not None and sub.product == product)):
            lines.append(f"Ordine {order.id} ({order_kind(order.kind, account.kind).lower()}): "
                         "in elaborazione, fino a 24 ore.")
    lines += [f"Preventivo {q.id} aperto: {units(q.seats, account.kind)} in più di "
              f"{product_name(q.product, catalog)}." for q in account.quotes
              if q.status == "open" and (product is None or q.product == product)]
    return lines


def overview_reply(account: AccountView, catalog: Catalog, product: str | None = None, *,
                   on_behalf: bool = False) -> Reply:
    """The account as it is now; with `product`, only that product's subscription (`catalog`:
    the service's, for the names of products the account has no subscription to)."""
    subs = [s for s in account.subscriptions if product is None or s.product == product]
    customer = f"{account.name} ({account.id})" if on_behalf else None
    title = f"L'account {customer}" if customer else \
        f"Il vostro account: {account.name} ({account.id})"
    sections: list[Section] = []
    if subs:
        lines = [subscription_line(s, account) for s in subs]
        sections.append(Section(title=title, text="\n".join(lines)))
    elif product is not None:
        sections.append(Section(title=title, text=messages.no_subscription_to(
            product_name(product, catalog), customer)))
    else:
        sections.append(Section(title=title, text=messages.no_subscriptions_at_all(customer)))
    credit = (f"Credito dell'account: {money(account.balance, account.currency)}, usato nelle "
              "prossime fatture." if account.balance > 0 else
              "Credito dell'account: nessuno.")
    pending = pending_lines(account, catalog, product)
    extra = [credit, "Modifiche in sospeso: " + ("nessuna." if not pending else "")]
    text = "\n".join(extra) + ("\n" + "\n".join(f"- {line}" for line in pending)
                               if pending else "")
    sections.append(Section(text=text))
    return Reply(intent="account.overview", sections=sections, private=True)
