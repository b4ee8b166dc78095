"""What the adapter does when something it depends on fails.

The database: a turn that cannot reach it (the server is down, its connections were dropped,
the pool has no free connection in time, SQLite is locked) changes nothing half-way: every
billing_core call is one transaction, and the conversation's state is saved only at the end of
the turn, so the flow stays where it was. The person is told to try again in a moment
(`UNAVAILABLE`) and the work ends with `DatabaseUnavailable`, counted and logged in one line.
When the database is back, the pool's pre-ping replaces the dead connections: the next message
or click goes on from where the flow was, with no restart.

The Web API: slack_sdk's retry handlers, with one budget of `WEB_API_RETRIES` retries per call
shared by all of them: 429 after its Retry-After, 500/503 and connections that fail before the
request is sent with exponential backoff and jitter. A call that times out after Slack got it
is repeated only when it reads (`users.info`, `auth.test`): a `chat.postMessage` that timed out
may have been posted, and posting it again would show the message twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from sqlalchemy import exc

if TYPE_CHECKING:
    from slack_sdk import WebClient

    from bot.slack.places import Where
    from bot.slack.posting import Poster

UNAVAILABLE = ("Il sistema di fatturazione non risponde in questo momento. Riprova tra poco: "
               "riprendiamo da dove eravamo, e un ordine non viene mai effettuato due volte.")
WEB_API_RETRIES = 4
"""Retries of one Web API call, whatever went wrong (429, 5xx, connection, read timeout)."""
BACKOFF = BackoffRetryIntervalCalculator(backoff_factor=0.5)
"""0.5 s, 1 s, 2 s, 4 s, each with random jitter."""
READ_METHODS = ("users.info", "auth.test", "team.info", "conversations.info")
"""Web API methods that only read: repeating one after a timeout changes nothing."""


class DatabaseUnavailable(Exception):
    """The work could not reach the database; the person was told to try again."""


def database_unavailable(error: BaseException) -> bool:
    """The database (or a connection to it) failed, as opposed to a bug: the server is down,
    the connection was dropped, no pooled connection came free in time, SQLite was locked."""
    if isinstance(error, exc.OperationalError | exc.InterfaceError | exc.TimeoutError):
        return True
    return isinstance(error, exc.DBAPIError) and bool(error.connection_invalidated)


@contextmanager
def told_if_unavailable(poster: Poster, client: WebClient, where: Where | None
                        ) -> Iterator[None]:
    """Run a turn; if the database fails under it, tell the person in `where` to try again
    and raise `DatabaseUnavailable` (one log line, counted), never a traceback."""
    try:
        yield
    except DatabaseUnavailable:
        raise
    except Exception as error:
        if not database_unavailable(error):
            raise
        if where is not None:
            from bot.slack.blocks import plain_message

            if where.kind == "command":
                poster.respond(where, plain_message(UNAVAILABLE))
            else:
                poster.note(client, where, UNAVAILABLE)
        raise DatabaseUnavailable(type(error).__name__) from error


class ReadTimeoutRetryHandler(RetryHandler):
    """A read that timed out is asked again (a write is not: it may have been done)."""

    def _can_retry(self, *, state: RetryState, request: HttpRequest,
                   response: HttpResponse | None = None,
                   error: Exception | None = None) -> bool:
        return (response is None and isinstance(error, TimeoutError)
                and request.url.rstrip("/").rsplit("/", 1)[-1] in READ_METHODS)


def retry_handlers() -> list[RetryHandler]:
    """slack_sdk's handlers with one shared budget (its retry state counts attempts across
    handlers): a 429, then 500s, then a dropped connection are WEB_API_RETRIES retries in all."""
    options: dict[str, Any] = {"max_retry_count": WEB_API_RETRIES,
                               "interval_calculator": BACKOFF}
    return [RateLimitErrorRetryHandler(max_retry_count=WEB_API_RETRIES),
            ServerErrorRetryHandler(**options),
            ConnectionErrorRetryHandler(**options),
            ReadTimeoutRetryHandler(**options)]
