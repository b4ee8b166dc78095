"""`billing-bot orders settle`: complete corporate service orders after their processing time
(up to 24 hours) and end the subscriptions cancelled at a period end that has passed."""

from __future__ import annotations

import argparse

from bot.commands.db import database_problem, require_existing
from bot.settings import Settings


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("orders", help="ordini in elaborazione")
    commands = parser.add_subparsers(dest="orders_command", metavar="COMMAND", required=True)
    settle = commands.add_parser(
        "settle", help="completa gli ordini Corporate elaborati",
        description="Completa gli ordini di servizio Corporate trascorse le 24 ore di "
                    "elaborazione e chiude le sottoscrizioni annullate a fine periodo.",
    )
    settle.set_defaults(handler=run_settle)


def run_settle(args: argparse.Namespace, settings: Settings) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from billing_core import BillingService, open_database

    require_existing(settings.database_url)
    try:
        database = open_database(settings.database_url)
        try:
            completed = BillingService(database).settle()
        finally:
            database.dispose()
    except SQLAlchemyError as error:
        raise database_problem(settings.database_url, error) from error
    for order in completed:
        print(f"{order.id} completato ({order.account_id})")
    print(f"Ordini completati: {len(completed)}")
    return 0
