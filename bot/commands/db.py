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


def bad_url(url: str) -> UserError:
    return UserError(f"URL del database non valido: {shown_url(url)} (per esempio "
                     "sqlite:///billing.db o postgresql+psycopg://utente@host:5432/nome).")


def database_problem(url: str, error: Exception) -> UserError:
    """One clear line for what went wrong with the database: a bad URL, a schema that was never
    created, or a server that does not answer."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, ProgrammingError

    if isinstance(error, ArgumentError | NoSuchModuleError):
        return bad_url(url)
    text = str(getattr(error, "orig", None) or error).lower()
    if isinstance(error, OperationalError | ProgrammingError) and (
            "no such table" in text or ("relation" in text and "does not exist" in text)):
        return UserError(f"il database {shown_url(url)} non è inizializzato: esegui "
                         "`billing-bot db init` (con --demo per i dati dimostrativi).")
    if "database" in text and "does not exist" in text:
        return UserError(f"il database {shown_url(url)} non esiste sul server: crealo (per "
                         "esempio con createdb) ed esegui `billing-bot db init`.")
    if "unable to open database file" in text:
        return UserError(f"non riesco ad aprire il file del database {shown_url(url)}: "
                         "controlla che la cartella esista e sia scrivibile.")
    return UserError(f"il database {shown_url(url)} non risponde: controlla --db/DATABASE_URL "
                     "e che il server sia avviato.")


def require_existing(url: str) -> None:
    """Commands that only read or update data never create an empty SQLite file by mistake."""
    from pathlib import Path

    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise bad_url(url) from error
    if parsed.get_backend_name() != "sqlite":
        return
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return
    if not Path(database).exists():
        raise UserError(f"il database {shown_url(url)} non esiste: crealo con "
                        "`billing-bot db init` (con --demo per i dati dimostrativi).")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
        raise bad_url(settings.database_url) from error
    except SQLAlchemyError as error:
        raise database_problem(settings.database_url, error) from error
    where = shown_url(settings.database_url)
    print(f"Schema aggiornato: {where}")
    if args.demo:
        print("Dati dimostrativi caricati." if loaded else "Dati dimostrativi già presenti.")
    return 0
