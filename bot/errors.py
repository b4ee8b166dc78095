"""Errors the command line reports as one clear line on stderr (exit code 1)."""


class UserError(Exception):
    """A mistake the user can fix: unknown account, unreachable database, bad input."""
