"""`billing-bot serve [--port N] [--host H] [--socket] [--workers N]`: run the Slack app.

Before any server starts, everything a user can get wrong is checked and reported in one line
(exit 1): the variables Slack needs, the database (reachable, initialised), the data files, the
bot token (auth.test). Then HTTP mode runs gunicorn, Socket Mode connects to Slack.
"""

from __future__ import annotations

import argparse

from bot.commands.db import database_problem, require_existing
from bot.errors import UserError
from bot.settings import Settings


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"serve un numero intero, non «{text}»") from None
    if value < 1:
        raise argparse.ArgumentTypeError("serve un numero maggiore di zero")
    return value


def _port(text: str) -> int:
    value = _positive(text)
    if value > 65535:
        raise argparse.ArgumentTypeError("una porta va da 1 a 65535")
    return value


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "serve", help="avvia l'app Slack (HTTP o Socket Mode)",
        description="Avvia l'app Slack. In HTTP (predefinito) risponde su POST /slack/events, "
                    "GET /healthz e GET /readyz; con --socket si collega a Slack in Socket "
                    "Mode con SLACK_APP_TOKEN.",
    )
    parser.add_argument("--port", type=_port, default=3000, help="porta HTTP (3000)")
    parser.add_argument("--host", default="0.0.0.0",
                        help="indirizzo su cui ascoltare (tutte le interfacce)")
    parser.add_argument("--socket", action="store_true",
                        help="Socket Mode invece di HTTP (serve SLACK_APP_TOKEN)")
    parser.add_argument("--workers", type=_positive, default=1,
                        help="processi server sulla stessa porta (1)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    problem = settings.slack_problem(socket=args.socket)
    if problem is not None:
        raise UserError(problem)
    check_database(settings.database_url)
    from bot.loading import load_knowledge, load_understanding

    load_knowledge()
    load_understanding()  # trained once here: the workers forked from this process share it
    if not settings.oauth:
        check_token(settings)
    from bot.slack.server import serve_http, serve_socket

    if args.socket:
        return serve_socket(settings)
    return serve_http(settings, host=args.host, port=args.port, workers=args.workers)


def check_database(url: str) -> None:
    """Reachable and initialised (the schema `billing-bot db init` creates)."""
    from sqlalchemy.exc import SQLAlchemyError

    from billing_core import open_database
    from billing_core.clock import SystemClock
    from billing_core.conversations import ConversationStore

    require_existing(url)
    try:
        database = open_database(url)
        try:
            ConversationStore(database, SystemClock()).load("serve:preflight")
        finally:
            database.dispose()
    except SQLAlchemyError as error:
        raise database_problem(url, error) from error


def check_token(settings: Settings) -> None:
    """The bot token works (auth.test), so a wrong token is one line now, not a worker that
    fails to boot."""
    from urllib.error import URLError

    from slack_sdk import WebClient
    from slack_sdk.errors import SlackApiError

    client = WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url,
                       timeout=10)
    try:
        client.auth_test()
    except SlackApiError as error:
        raise UserError(f"Slack rifiuta SLACK_BOT_TOKEN ({error.response.get('error')}): "
                        "controlla il token del bot (xoxb-…) dell'app installata.") from None
    except (URLError, OSError) as error:
        raise UserError(f"non riesco a raggiungere la Web API di Slack a "
                        f"{settings.slack_api_url} ({type(error).__name__}): controlla la rete "
                        "o SLACK_API_URL.") from None
