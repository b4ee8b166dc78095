"""An account as the agents' `/billing account|orders` and the Home tab show it (plain replies,
rendered to Block Kit by `blocks.render`)."""

from __future__ import annotations

from billing_core.privacy import mask_vat_number
from billing_core.schemas import AccountView
from billing_core.wording import (
    dated,
    frequency_name,
    licenses,
    money,
    order_kind,
    order_status,
    period,
    plan_status,
    quote_status,
    tier_name,
)
from bot.dialogue.replies import Reply, ReplyField, Section

MAX_LINES = 10
PAYMENT_METHODS = {"card": "carta di credito", "bank_transfer": "bonifico bancario",
                   "invoice": "fattura"}


def subscription_lines(account: AccountView) -> list[str]:
    lines = []
    for sub in account.subscriptions[:MAX_LINES]:
        status = plan_status(sub.status)
        ending = " (disdetto a fine periodo)" if sub.cancel_at_period_end else ""
        lines.append(f"{sub.product_name} {tier_name(sub.plan)}: {licenses(sub.licenses)}, "
                     f"fatturazione {frequency_name(sub.frequency)}, {status}{ending}; "
                     f"periodo {period(sub.period_start, sub.period_end)}")
    return lines or ["Nessun abbonamento."]


def open_items(account: AccountView) -> list[str]:
    """Orders still being processed and open quotes."""
    lines = [f"Ordine {o.id} ({order_kind(o.kind, account.kind).lower()}): "
             f"{order_status(o.status, noted=True)}, {money(o.total, o.currency)}"
             for o in account.orders if o.status == "processing"]
    lines += [f"Preventivo {q.id}: {q.seats} postazioni, {quote_status(q.status)}"
              for q in account.quotes if q.status == "open"]
    return lines[:MAX_LINES]


def order_lines(account: AccountView) -> list[str]:
    orders = sorted(account.orders, key=lambda o: o.created_at, reverse=True)[:MAX_LINES]
    return [f"{o.id} {dated(o.created_at.date(), 'del')}: "
            f"{order_kind(o.kind, account.kind).lower()}, "
            f"{order_status(o.status, noted=True)}, {money(o.total, o.currency)}"
            for o in orders] or ["Nessun ordine."]


def quote_lines(account: AccountView) -> list[str]:
    return [f"{q.id} {dated(q.created_at.date(), 'del')}: {q.seats} postazioni, "
            f"{quote_status(q.status)}" for q in account.quotes[-MAX_LINES:]]


def account_reply(account: AccountView) -> Reply:
    contact = (f"{account.billing_contact_name or account.billing_contact} "
               f"({account.billing_contact})" if account.billing_contact else "nessuno")
    kind = "Corporate" if account.kind == "corporate" else "Standard (Centro fatturazione)"
    fields = [
        ReplyField(label="Tipo", value=kind),
        ReplyField(label="Contatto di fatturazione", value=contact),
        ReplyField(label="Credito disponibile", value=money(account.balance, account.currency)),
        ReplyField(label="Pagamento",
                   value=PAYMENT_METHODS.get(account.payment_method or "", "non impostato")),
        ReplyField(label="Partita IVA", value=mask_vat_number(account.vat_number)
                   if account.vat_number else "non indicata"),
    ]
    sections = [
        Section(title=f"{account.name} ({account.id})", fields=fields),
        Section(title="Abbonamenti", text="\n".join(subscription_lines(account))),
    ]
    pending = open_items(account)
    if pending:
        sections.append(Section(title="Ordini in elaborazione e preventivi aperti",
                                text="\n".join(pending)))
    return Reply(intent="agent.account", sections=sections)


def orders_reply(account: AccountView) -> Reply:
    sections = [Section(title=f"Ordini di {account.name} ({account.id})",
                        text="\n".join(order_lines(account)))]
    quotes = quote_lines(account)
    if quotes:
        sections.append(Section(title="Preventivi", text="\n".join(quotes)))
    return Reply(intent="agent.orders", sections=sections)
