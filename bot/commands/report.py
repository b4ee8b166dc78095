"""`billing-bot report unanswered`: the questions the bot could not answer, most frequent first.
`billing-bot report handoffs`: the conversations handed to a person that support must act on.
`billing-bot report outbox`: the confirmation e-mails the mail server refused, not sent yet."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from bot.commands.db import database_problem, require_existing
from bot.settings import Settings

if TYPE_CHECKING:
    from billing_core.db import Database
    from billing_core.schemas import HandoffStatus, HandoffView

MAX_SHOWN = 120
"""Characters of one line of a report table (longer text ends with "…")."""

T = TypeVar("T")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("report", help="rapporti per il team di supporto")
    reports = parser.add_subparsers(dest="report", metavar="REPORT", required=True)
    unanswered = reports.add_parser(
        "unanswered", help="le domande senza risposta più frequenti",
        description="Le domande a cui il bot non ha saputo rispondere, dalla più frequente "
                    f"(dati personali mascherati; nella tabella ogni domanda è tagliata a "
                    f"{MAX_SHOWN} caratteri, con --json è intera).",
    )
    unanswered.add_argument("--limit", type=int, default=20, help="quante righe (20)")
    unanswered.add_argument("--json", action="store_true", help="una riga JSON per domanda")
    unanswered.set_defaults(handler=run_unanswered)
    handoffs = reports.add_parser(
        "handoffs", help="le richieste di assistenza passate a una persona",
        description="Le richieste di assistenza aperte o prese in carico, dalla più recente: "
                    "chi, quale account, dove, perché e gli ultimi messaggi (dati personali "
                    f"mascherati; righe tagliate a {MAX_SHOWN} caratteri, con --json intere).",
    )
    handoffs.add_argument("--limit", type=int, default=20, help="quante richieste (20)")
    handoffs.add_argument("--all", action="store_true", help="anche quelle chiuse")
    handoffs.add_argument("--json", action="store_true", help="una riga JSON per richiesta")
    handoffs.set_defaults(handler=run_handoffs)
    outbox = reports.add_parser(
        "outbox", help="le e-mail di conferma rifiutate e non ancora inviate",
        description="Le e-mail di conferma che il server di posta ha rifiutato e che non sono "
                    "ancora partite: prima quelle abbandonate (non si riprova più da sole), poi "
                    "quelle in attesa del prossimo tentativo (indirizzi mascherati).",
    )
    outbox.add_argument("--limit", type=int, default=50, help="quante e-mail (50)")
    outbox.set_defaults(handler=run_outbox)


def _read(settings: Settings, read: Callable[[Database], T]) -> T:
    """Open the database, read, close; a database problem is one clear line."""
    from sqlalchemy.exc import SQLAlchemyError

    from billing_core import open_database

    require_existing(settings.database_url)
    try:
        database = open_database(settings.database_url)
        try:
            return read(database)
        finally:
            database.dispose()
    except SQLAlchemyError as error:
        raise database_problem(settings.database_url, error) from error


def _cut(text: str, width: int) -> tuple[str, bool]:
    if len(text) <= width:
        return text, False
    return text[:width - 1].rstrip() + "…", True


def run_unanswered(args: argparse.Namespace, settings: Settings) -> int:
    from billing_core.clock import SystemClock
    from billing_core.conversations import ConversationStore
    from billing_core.privacy import mask_personal_data

    rows = _read(settings, lambda database: ConversationStore(database, SystemClock())
                 .unanswered_report(limit=max(1, args.limit)))
    if args.json:
        for row in rows:
            print(json.dumps({"text": mask_personal_data(row.text), "count": row.count,
                              "last_seen": row.last_seen.isoformat()}, ensure_ascii=False))
        return 0
    if not rows:
        print("Nessuna domanda senza risposta.")
        return 0
    print(f"{'volte':>5}  {'ultima volta':<16}  domanda")
    any_cut = False
    for row in rows:
        text, cut = _cut(mask_personal_data(row.text), MAX_SHOWN)
        any_cut = any_cut or cut
        print(f"{row.count:>5}  {row.last_seen:%Y-%m-%d %H:%M}  {text}")
    if any_cut:
        print(f"(domande tagliate a {MAX_SHOWN} caratteri: il testo intero con --json)")
    return 0


def run_handoffs(args: argparse.Namespace, settings: Settings) -> int:
    from billing_core.clock import SystemClock
    from billing_core.handoffs import HandoffStore

    statuses: tuple[HandoffStatus, ...] = (
        ("open", "taken", "closed") if args.all else ("open", "taken"))
    rows = _read(settings, lambda database: HandoffStore(database, SystemClock())
                 .handoffs(limit=max(1, args.limit), statuses=statuses))
    if args.json:
        for row in rows:
            print(row.model_dump_json())
        return 0
    if not rows:
        print("Nessuna richiesta di assistenza aperta." if not args.all
              else "Nessuna richiesta di assistenza.")
        return 0
    for index, row in enumerate(rows):
        if index:
            print()
        for line in handoff_lines(row):
            print(_cut(line, MAX_SHOWN)[0])
    return 0


def handoff_lines(handoff: HandoffView) -> list[str]:
    """One handoff as support reads it (times in Italy)."""
    from billing_core.clock import BILLING_TIMEZONE
    from billing_core.wording import handoff_status

    def when(value: object) -> str:
        from datetime import datetime

        assert isinstance(value, datetime)
        return f"{value.astimezone(BILLING_TIMEZONE):%d/%m/%Y %H:%M}"

    status = handoff_status(handoff.status)
    if handoff.status == "taken" and handoff.taken_at:
        status += f" da {handoff.taken_by} il {when(handoff.taken_at)}"
    elif handoff.status == "closed" and handoff.closed_at:
        status += f" da {handoff.closed_by} il {when(handoff.closed_at)}"
    who = (f"{handoff.requester_name} <{handoff.requester_email}>" if handoff.requester_name
           else handoff.requester_email)
    account = (f"{handoff.account_name} ({handoff.account_id})" if handoff.account_id
               else "nessun account")
    lines = [f"{handoff.id}  {when(handoff.created_at)}  {status}",
             f"  chi: {who} · account: {account}",
             f"  dove: {handoff.place or handoff.conversation_key}",
             f"  motivo: {handoff.reason}"]
    if handoff.messages:
        lines.append("  ultimi messaggi:")
        lines += [f"    {'utente' if m.speaker == 'user' else 'bot'}: {m.text}"
                  for m in handoff.messages]
    return lines


def run_outbox(args: argparse.Namespace, settings: Settings) -> int:
    from billing_core.outbox import undelivered
    from bot.commands.outbox import problem_line

    rows = _read(settings, lambda database: undelivered(database, limit=max(1, args.limit)))
    if not rows:
        print("Nessuna e-mail rifiutata in attesa.")
        return 0
    for row in rows:
        print(problem_line(row))
    return 0
