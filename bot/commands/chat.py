"""`billing-bot chat [--as EMAIL] [--json]`: talk to the bot in the terminal."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from bot.commands.db import database_problem, require_existing
from bot.errors import UserError
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.dialogue.engine import Engine


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "chat", help="parla con il bot nel terminale",
        description="Parla con il bot come la persona Slack con l'e-mail indicata: "
                    "interattivo (pulsanti come scelte numerate) o righe JSON con --json.",
    )
    parser.add_argument("--as", dest="email", metavar="EMAIL",
                        help="l'e-mail del profilo Slack di chi scrive")
    parser.add_argument("--json", action="store_true",
                        help='righe JSON: in {"text": ...} o {"click": ...}, '
                             "out un oggetto per messaggio")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.json and not args.email:
        raise UserError("con --json serve anche --as EMAIL.")
    from sqlalchemy.exc import SQLAlchemyError

    require_existing(settings.database_url)
    try:
        return _chat(args, settings)
    except SQLAlchemyError as error:
        raise database_problem(settings.database_url, error) from error


def _chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.dialogue.bootstrap import open_engine

    with open_engine(settings.database_url) as engine:
        return _talk(args, engine)


def _talk(args: argparse.Namespace, engine: Engine) -> int:
    from bot.console import TerminalSession, run_interactive, run_json

    email = args.email
    if not email:
        try:
            email = input("Con quale e-mail vuoi parlare? ").strip()
        except EOFError:
            return 0
        if not email:
            raise UserError("serve un'e-mail, per esempio --as maria.rossi@example.com.")
    session = TerminalSession(engine, email)
    if args.json:
        run_json(session, sys.stdin, sys.stdout)
        return 0

    def describe(who: str) -> str:
        identity = engine.service.who_is(who)
        if identity.role == "stranger":
            return f"{who} (nessun account collegato)"
        if identity.role == "agent":
            return f"{who} (agente del supporto)"
        role = "contatto di fatturazione" if identity.role == "billing_contact" else "utente"
        return f"{identity.name or who}, {role} di {identity.account_name}"

    def read(prompt: str) -> str:
        line = input(prompt)
        if not sys.stdin.isatty():  # a piped script: show what was typed in the transcript
            print(line)
        return line

    run_interactive(session, read, sys.stdout, describe)
    return 0
