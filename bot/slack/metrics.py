"""Prometheus metrics of `billing-bot serve`, at `GET /metrics` (text format 0.0.4).

With several gunicorn workers each process writes its samples to files in a directory shared by
the workers (prometheus-client's multiprocess mode, `PROMETHEUS_MULTIPROC_DIR`); `/metrics`,
whichever worker answers, adds up every worker's files. `serve` sets the directory up before
this module is first imported (`bot.slack.server.prepare_metrics`: prometheus-client picks its
storage at import). Without it (Socket Mode, tests in one process) the
default registry is used.

The metrics (label values are a small closed set, never user text):

- `billing_bot_requests_total{type, outcome}`: HTTP requests by Slack request type
  (`event:message.im`, `command`, `block_actions:flow.confirm`, …) and outcome (`ack`,
  `unauthorized`, `bad_request`, `error`, …).
- `billing_bot_ack_seconds{type}`: request in → HTTP response (Slack wants < 3 s).
- `billing_bot_reply_seconds{type}`: acknowledgement → the work after it is done (engine turn,
  replies posted).
- `billing_bot_work_total{type, outcome}`: that work's outcome (`ok`, `database_unavailable`,
  `failed`).
- `billing_bot_orders_placed_total{kind}`, `billing_bot_refusals_total{code}` (billing_core's
  refusals and the adapter's own: someone else's button, a stranger's `/billing`),
  `billing_bot_handoffs_total`, `billing_bot_unanswered_total` (out-of-scope questions),
  `billing_bot_duplicates_total` (Slack's retries and replayed clicks dropped, by any worker).
"""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

from billing_core import BillingService
from billing_core.schemas import Order, Refusal

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
ACK_BUCKETS = (0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 3.0, 5.0)
REPLY_BUCKETS = (0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 30.0, 60.0)

REQUESTS = Counter("billing_bot_requests", "Slack HTTP requests by type and outcome",
                   ("type", "outcome"))
ACK_SECONDS = Histogram("billing_bot_ack_seconds",
                        "Request in to HTTP response (the acknowledgement)", ("type",),
                        buckets=ACK_BUCKETS)
REPLY_SECONDS = Histogram("billing_bot_reply_seconds",
                          "Acknowledgement to the end of the work after it (replies posted)",
                          ("type",), buckets=REPLY_BUCKETS)
WORK = Counter("billing_bot_work", "Work after the acknowledgement, by outcome",
               ("type", "outcome"))
ORDERS = Counter("billing_bot_orders_placed", "Orders placed", ("kind",))
REFUSALS = Counter("billing_bot_refusals", "Refusals (billing_core's and the adapter's)",
                   ("code",))
DUPLICATES = Counter("billing_bot_duplicates",
                     "Deliveries dropped as already handled (Slack retries, replayed clicks)")
HANDOFFS = Counter("billing_bot_handoffs", "Conversations handed to a person")
UNANSWERED = Counter("billing_bot_unanswered", "Questions the bot could not answer")


def metric_type(kind: str) -> str:
    """A request type with a closed set of values: a button's option (`flow.subscription.3`,
    `intent.2`) is cut to its family (`flow.subscription`, `intent`)."""
    if kind.startswith("block_actions:"):
        action = kind.split(":", 1)[1]
        parts = action.split(".")
        family = ".".join(parts[:2]) if parts[0] == "flow" else parts[0]
        return f"block_actions:{family[:40]}"
    if kind.startswith("/"):  # the work of a slash command
        return f"command:{kind[:40]}"
    return kind[:60]


def exposition() -> bytes:
    """Every worker's samples (multiprocess mode), or this process's."""
    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return bytes(generate_latest(registry))
    return bytes(generate_latest())


# -- what billing_core did ---------------------------------------------------------------------

class MeteredService(BillingService):
    """The BillingService the Slack workers use: the same calls, counted for `/metrics`
    (a Refusal by its code, an Order placed by the call by its kind; one returned again by an
    idempotent confirmation, `Order.replayed`, is not counted twice)."""


def _counted(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def counted(self: MeteredService, *args: Any, **kwargs: Any) -> Any:
        result = method(self, *args, **kwargs)
        if isinstance(result, Refusal):
            REFUSALS.labels(result.code).inc()
        elif isinstance(result, Order) and not result.replayed:
            ORDERS.labels(result.kind).inc()
        return result
    return counted


for _name, _method in inspect.getmembers(BillingService, inspect.isfunction):
    if not _name.startswith("_"):
        setattr(MeteredService, _name, _counted(_method))
