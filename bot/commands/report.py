"""`billing-bot report unanswered`: the questions the bot could not answer, most frequent first."""

from __future__ import annotations

import argparse
import json

from bot.commands.db import database_problem, require_existing
from bot.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("report", help="rapporti per il team di supporto")
    reports = parser.add_subparsers(dest="report", metavar="REPORT", required=True)
    unanswered = reports.add_parser(
        "unanswered", help="le domande senza risposta più frequenti",
        description="Le domande a cui il bot non ha saputo rispondere, dalla più frequente.",
    )
    unanswered.add_argument("--limit", type=int, default=20, help="quante righe (20)")
    unanswered.add_argument("--json", action="store_true", help="una riga JSON per domanda")
    unanswered.set_defaults(handler=run_unanswered)


def run_unanswered(args: argparse.Namespace, settings: Settings) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from billing_core import open_database
    from billing_core.clock import SystemClock
    from billing_core.conversations import ConversationStore

    require_existing(settings.database_url)
    try:
        database = open_database(settings.database_url)
        try:
            rows = ConversationStore(database, SystemClock()).unanswered_report(
                limit=max(1, args.limit))
        finally:
            database.dispose()
    except SQLAlchemyError as error:
        raise database_problem(settings.database_url, error) from error
    if args.json:
        for row in rows:
            print(json.dumps({"text": row.text, "count": row.count,
                              "last_seen": row.last_seen.isoformat()}, ensure_ascii=False))
        return 0
    if not rows:
        print("Nessuna domanda senza risposta.")
        return 0
    print(f"{'volte':>5}  {'ultima volta':<16}  domanda")
    for row in rows:
        print(f"{row.count:>5}  {row.last_seen:%Y-%m-%d %H:%M}  {row.text}")
    return 0
