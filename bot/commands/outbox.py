"""`billing-bot outbox send`: deliver the confirmation e-mails waiting in the outbox."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.commands.db import database_problem, require_existing
from bot.errors import UserError
from bot.settings import Settings


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("outbox", help="e-mail di conferma in uscita")
    commands = parser.add_subparsers(dest="outbox_command", metavar="COMMAND", required=True)
    send = commands.add_parser(
        "send", help="invia le e-mail in attesa",
        description="Invia le e-mail di conferma in attesa con il backend configurato "
                    "(OUTBOX_BACKEND: console o file, OUTBOX_DIR per i file .eml).",
    )
    send.add_argument("--backend", choices=("console", "file"), default=None,
                      help="sostituisce OUTBOX_BACKEND")
    send.set_defaults(handler=run_send)


def run_send(args: argparse.Namespace, settings: Settings) -> int:
    import sys

    from sqlalchemy.exc import SQLAlchemyError

    from billing_core import open_database
    from billing_core.clock import SystemClock
    from billing_core.outbox import console_backend, file_backend, send_pending

    name = args.backend or settings.outbox_backend
    if name == "console":
        backend = console_backend()
    elif name == "file":
        backend = file_backend(Path(settings.outbox_dir))
    else:
        raise UserError(f"backend della posta sconosciuto: {name!r} (usa console o file)")
    require_existing(settings.database_url)
    try:
        database = open_database(settings.database_url)
        try:
            sent = send_pending(database, SystemClock(), backend, limit=10_000)
        finally:
            database.dispose()
    except SQLAlchemyError as error:
        raise database_problem(settings.database_url, error) from error
    print(f"E-mail inviate: {sent}", file=sys.stderr if name == "console" else sys.stdout)
    return 0
