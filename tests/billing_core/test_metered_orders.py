"""`/metrics` counts an order once: the Slack workers' MeteredService counts an Order by its
kind only when the call placed it, not when an idempotent confirmation (a double click, a
retried turn) returned it again (`Order.replayed`)."""

from __future__ import annotations

from prometheus_client import REGISTRY

from billing_core.clock import FixedClock
from billing_core.db import Database
from billing_core.schemas import Order, Preview, Refusal
from bot.slack.metrics import MeteredService

from .conftest import MARIA


def placed(kind: str) -> float:
    return REGISTRY.get_sample_value("billing_bot_orders_placed_total", {"kind": kind}) or 0.0


def refused(code: str) -> float:
    return REGISTRY.get_sample_value("billing_bot_refusals_total", {"code": code}) or 0.0


def test_an_order_returned_again_is_not_counted_again(database: Database,
                                                       clock: FixedClock) -> None:
    service = MeteredService(database, clock=clock)
    before = placed("licenses.reduce")
    preview = service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 8)
    assert isinstance(preview, Preview)
    first = service.confirm(preview.id, MARIA, "click-1")
    again = service.confirm(preview.id, MARIA, "click-1")
    assert isinstance(first, Order) and isinstance(again, Order) and again.id == first.id
    assert placed("licenses.reduce") == before + 1
    used_before = refused("preview_used")
    other = service.confirm(preview.id, MARIA, "click-2")
    assert isinstance(other, Refusal) and refused("preview_used") == used_before + 1
    assert placed("licenses.reduce") == before + 1
