"""`billing-bot account show EMAIL-OR-ACCOUNT-ID [--json]` (operator view, no actor check)."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from typing import Any

from bot.commands.db import database_problem, require_existing
from bot.errors import UserError
from bot.settings import Settings


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("account", help="consulta gli account")
    commands = parser.add_subparsers(dest="account_command", metavar="COMMAND", required=True)
    show = commands.add_parser(
        "show", help="mostra un account",
        description="L'account di cui EMAIL è un contatto, o l'account con quel codice.",
    )
    show.add_argument("ref", metavar="EMAIL-OR-ACCOUNT-ID")
    show.add_argument("--json", action="store_true", help="in JSON (forma stabile)")
    show.set_defaults(handler=run_show)


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def account_json(view: Any) -> dict[str, Any]:
    """The contract shape of docs/contracts/cli.md, plus a few fields."""
    data: dict[str, Any] = view.model_dump(mode="json")
    data["balance"] = _money(view.balance)
    for order, source in zip(data["orders"], view.orders, strict=True):
        order["total"] = _money(source.total)
    for charge, source in zip(data["charges"], view.charges, strict=True):
        charge["amount"] = _money(source.amount)
    for renewal, due in zip(data["renewals"], view.renewals, strict=True):
        renewal.update(amount=_money(due.amount), vat=_money(due.vat), total=_money(due.total))
    return data


def render_table(view: Any) -> str:
    from billing_core.wording import (
        dated,
        frequency_name,
        order_kind,
        order_status,
        product_name,
        quote_status,
        subscription_status,
        tier_name,
    )

    out = [
        f"{view.name} ({view.id})",
        f"  tipo: {'Corporate' if view.kind == 'corporate' else 'standard (Centro fatturazione)'}"
        f" · paese: {view.country} · valuta: {view.currency}",
        f"  contatto di fatturazione: {view.billing_contact_name or '-'} "
        f"<{view.billing_contact or '-'}>",
        f"  pagamento: {view.payment_method or 'nessuno'} · partita IVA: "
        f"{view.vat_number or 'non registrata'} · credito: {_money(view.balance)} "
        f"{view.currency}",
        "",
        "Sottoscrizioni",
    ]
    rows: list[tuple[str, ...]] = [
        ("codice", "prodotto", "piano", "licenze", "frequenza", "stato", "periodo")]
    for sub in view.subscriptions:
        rows.append((sub.id, sub.product_name, tier_name(sub.plan, sub.product),
                     str(sub.licenses), frequency_name(sub.frequency),
                     subscription_status(sub.status, sub.cancel_at_period_end),
                     f"{sub.period_start:%d/%m/%Y} – {sub.period_end:%d/%m/%Y}"))
    out += _table(rows)
    names = {sub.id: sub.product_name for sub in view.subscriptions}
    out += [f"  rinnovo di {names.get(r.subscription_id, r.product)} {dated(r.date)}: "
            f"{_money(r.total)} {r.currency} IVA inclusa ({_money(r.amount)} + IVA)"
            for r in view.renewals]
    out += ["", "Ordini"]
    if view.orders:
        out += _table([("codice", "tipo", "stato", "totale", "data")] + [
            (o.id, order_kind(o.kind, view.kind), order_status(o.status),
             f"{_money(o.total)} {o.currency}",
             f"{o.created_at:%d/%m/%Y %H:%M} UTC") for o in view.orders])
    else:
        out.append("  nessun ordine")
    out += ["", "Preventivi"]
    if view.quotes:
        out += _table([("codice", "prodotto", "postazioni", "stato")] + [
            (q.id, product_name(q.product), str(q.seats), quote_status(q.status))
            for q in view.quotes])
    else:
        out.append("  nessun preventivo")
    return "\n".join(out)


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
            for row in rows]


def run_show(args: argparse.Namespace, settings: Settings) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from billing_core import BillingService, open_database

    require_existing(settings.database_url)
    try:
        database = open_database(settings.database_url)
        try:
            view = BillingService(database).find_account(args.ref)
        finally:
            database.dispose()
    except SQLAlchemyError as error:
        raise database_problem(settings.database_url, error) from error
    if view is None:
        raise UserError(f"nessun account trovato per {args.ref!r}: usa un codice come ACC-1001 "
                        "o l'e-mail di un contatto.")
    if args.json:
        print(json.dumps(account_json(view), ensure_ascii=False, indent=2))
    else:
        print(render_table(view))
    return 0
