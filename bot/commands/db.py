"""`billing-bot db init [--demo]`: create or migrate the schema (Alembic), load the demo data."""

from __future__ import annotations

import argparse

from sqlalchemy.engine import make_url

from bot.errors import UserError
from bot.settings import Settings


def shown_url(url: str) -> str:
    """The database URL as it may be printed (password hidden)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparseable URL is reported as it was given
        return url


def database_unreachable(url: str) -> UserError:
    return UserError(f"il database {shown_url(url)} non risponde o non è inizializzato: "
                     "controlla --db/DATABASE_URL ed esegui `billing-bot db init`.")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("db", help="schema e dati del database")
    commands = parser.add_subparsers(dest="db_command", metavar="COMMAND", required=True)
    init = commands.add_parser(
        "init", help="crea o aggiorna lo schema (idempotente)",
        description="Crea o aggiorna lo schema all'ultima versione; con --demo carica anche i "
                    "dati dimostrativi, se non ci sono già.",
    )
    init.add_argument("--demo", action="store_true", help="carica i dati dimostrativi")
    init.set_defaults(handler=run_init)


def run_init(args: argparse.Namespace, settings: Settings) -> int:
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from billing_core import init_database

    try:
        loaded = init_database(settings.database_url, demo=args.demo)
    except ArgumentError as error:
        raise UserError(f"URL del database non valido: {shown_url(settings.database_url)}") \
            from error
    except SQLAlchemyError as error:
        raise database_unreachable(settings.database_url) from error
    where = shown_url(settings.database_url)
    print(f"Schema aggiornato: {where}")
    if args.demo:
        print("Dati dimostrativi caricati." if loaded else "Dati dimostrativi già presenti.")
    return 0
