"""One module per `billing-bot` subcommand; each exposes `register(subparsers)`.

A handler receives the parsed arguments and the settings and returns the exit code.
It raises `bot.errors.UserError` for anything the user can fix (printed as one line, exit 1).
"""
