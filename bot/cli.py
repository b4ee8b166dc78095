"""`billing-bot` console script (also `python -m bot`). See shared contract cli.md.

Exit codes: 0 success, 2 bad arguments (argparse), 1 anything else with one line on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from bot.errors import UserError
from bot.settings import load_settings

# Each module in bot/commands/ registers its own subcommands.
COMMAND_MODULES: tuple[str, ...] = (
    "classify", "chat", "report", "kb", "db", "account", "outbox", "orders", "serve",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="billing-bot",
        description="Assistente di fatturazione GoTo per Slack e per il terminale.",
    )
    parser.add_argument("--db", metavar="URL", help="database URL (overrides DATABASE_URL)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"bot.commands.{name}").register(subparsers)
    _accept_db_everywhere(parser)
    return parser


def _accept_db_everywhere(parser: argparse.ArgumentParser) -> None:
    """Let `--db URL` stand after any subcommand too (`billing-bot account show X --db URL`)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                if "--db" not in sub._option_string_actions:
                    sub.add_argument(
                        "--db", metavar="URL", default=argparse.SUPPRESS,
                        help="database URL (overrides DATABASE_URL)",
                    )
                _accept_db_everywhere(sub)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings(args.db)
        code: int = args.handler(args, settings)
    except UserError as error:
        print(f"billing-bot: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`billing-bot chat | head`): stop quietly, no traceback.
        _discard_stdout()
        return 0
    return code


def _discard_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        pass


if __name__ == "__main__":
    raise SystemExit(main())
