"""`billing-bot outbox send`: deliver the confirmation e-mails waiting in the outbox.

An e-mail the backend refuses does not stop the run: one line says which and why (personal
data masked), the summary line counts it, and the exit code stays 0 (it is retried later, or
given up after MAX_ATTEMPTS refusals)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.commands.db import database_problem, require_existing
from bot.errors import UserError
from bot.settings import Settings

if TYPE_CHECKING:
    from billing_core.outbox import DeliveryProblem, SendReport


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("outbox", help="e-mail di conferma in uscita")
    commands = parser.add_subparsers(dest="outbox_command", metavar="COMMAND", required=True)
    send = commands.add_parser(
        "send", help="invia le e-mail in attesa",
        description="Invia le e-mail di conferma in attesa con il backend configurato "
                    "(OUTBOX_BACKEND: console o file, OUTBOX_DIR per i file .eml). Un'e-mail "
                    "rifiutata non blocca le altre: si riprova più tardi (attesa crescente "
                    "fino a un'ora) e dopo 8 tentativi viene abbandonata.",
    )
    send.add_argument("--backend", choices=("console", "file"), default=None,
                      help="sostituisce OUTBOX_BACKEND")
    send.set_defaults(handler=run_send)


def run_send(args: argparse.Namespace, settings: Settings) -> int:
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
            report = send_pending(database, SystemClock(), backend, limit=10_000)
        finally:
            database.dispose()
    except SQLAlchemyError as error:
        raise database_problem(settings.database_url, error) from error
    out = sys.stderr if name == "console" else sys.stdout  # the console backend's mail: stdout
    for problem in report.problems:
        print(problem_line(problem), file=out)
    print(summary_line(report), file=out)
    return 0


def problem_line(problem: DeliveryProblem) -> str:
    """One e-mail the backend refused in this run: which, whether it is retried, and why."""
    from billing_core.outbox import MAX_ATTEMPTS

    which = f"E-mail {problem.outbox_id}"
    if problem.order_id:
        which += f" (ordine {problem.order_id}, a {problem.to_address})"
    else:
        which += f" (a {problem.to_address})"
    if problem.retry_at is None:
        what = f"abbandonata dopo {problem.attempts} tentativi"
    else:
        what = (f"non inviata (tentativo {problem.attempts} di {MAX_ATTEMPTS}), si riprova "
                f"dalle {problem.retry_at:%Y-%m-%d %H:%M} UTC")
    return f"{which} {what}: {problem.error}"


def summary_line(report: SendReport) -> str:
    return (f"E-mail inviate: {report.sent}, da riprovare: {report.failed}, "
            f"abbandonate: {report.gave_up}")
