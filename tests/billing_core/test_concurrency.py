"""Concurrent confirmations: exactly one order, never a lost update (SQLite and PostgreSQL)."""

from __future__ import annotations

import multiprocessing
from typing import TYPE_CHECKING

import pytest

from billing_core import BillingService, open_database
from billing_core.clock import FixedClock
from billing_core.schemas import Order, Preview, Refusal

from .conftest import DEMO_NOW, MARIA
from .racing import race as _race

if TYPE_CHECKING:
    from multiprocessing.queues import Queue
    from multiprocessing.synchronize import Barrier


def test_two_threads_confirming_the_same_preview_place_one_order(
        service: BillingService) -> None:
    preview = service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 8)
    assert isinstance(preview, Preview)
    same_key = _race([lambda: service.confirm(preview.id, MARIA, "k"),
                      lambda: service.confirm(preview.id, MARIA, "k")])
    assert all(isinstance(result, Order) for result in same_key)
    first, second = (result.model_copy(update={"replayed": False}) for result in same_key)
    assert first == second  # the same order, returned to both
    # one placed it, the other was handed it back (and says so)
    assert sorted(result.replayed for result in same_key) == [False, True]
    view = service.find_account("ACC-1001")
    assert view is not None and len(view.orders) == 1


def test_two_threads_with_different_keys_place_one_order(service: BillingService) -> None:
    preview = service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 8)
    assert isinstance(preview, Preview)
    results = _race([lambda: service.confirm(preview.id, MARIA, "a"),
                     lambda: service.confirm(preview.id, MARIA, "b")])
    orders = [r for r in results if isinstance(r, Order)]
    refusals = [r for r in results if isinstance(r, Refusal)]
    assert len(orders) == 1 and [r.code for r in refusals] == ["preview_used"]


def test_two_previews_of_one_subscription_confirmed_at_once_one_is_stale(
        service: BillingService) -> None:
    first = service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 8)
    second = service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 6)
    assert isinstance(first, Preview) and isinstance(second, Preview)
    results = _race([lambda: service.confirm(first.id, MARIA, "one"),
                     lambda: service.confirm(second.id, MARIA, "two")])
    orders = [r for r in results if isinstance(r, Order)]
    refusals = [r for r in results if isinstance(r, Refusal)]
    assert len(orders) == 1 and [r.code for r in refusals] == ["preview_stale"]
    view = service.find_account("ACC-1001")
    assert view is not None
    licenses = next(s.licenses for s in view.subscriptions if s.id == "SUB-1001-1")
    assert licenses == (8 if orders[0].total == first.total_due else 6)


def test_one_key_for_two_previews_at_once_is_a_bug_reported_as_value_error(
        service: BillingService) -> None:
    """Two subscriptions of one account, one idempotency key: one order, and a ValueError (the
    documented answer to a reused key), never a raw IntegrityError from the race."""
    webinar = service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 8)
    assist = service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-2", 2)
    assert isinstance(webinar, Preview) and isinstance(assist, Preview)
    results = _race([lambda: service.confirm(webinar.id, MARIA, "same"),
                     lambda: service.confirm(assist.id, MARIA, "same")])
    assert sorted(type(r).__name__ for r in results) == ["Order", "ValueError"], results
    view = service.find_account("ACC-1001")
    assert view is not None and len(view.orders) == 1


def _confirm_in_process(url: str, preview_id: str, key: str, ready: Barrier,
                        out: Queue[str]) -> None:
    service = BillingService(open_database(url), clock=FixedClock(DEMO_NOW))
    service.who_is(MARIA.email)  # connected and warmed up before the start line
    ready.wait()
    result = service.confirm(preview_id, MARIA, key)
    out.put(result.model_dump_json())


@pytest.mark.postgres
def test_two_processes_confirming_the_same_preview_on_postgresql(
        demo_url: str, service: BillingService, backend: str) -> None:
    if backend != "postgresql":
        pytest.skip("PostgreSQL only: SQLite writers are serialised by BEGIN IMMEDIATE, "
                    "tested with two threads above")
    preview = service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 8)
    assert isinstance(preview, Preview)
    context = multiprocessing.get_context("spawn")
    ready, out = context.Barrier(2, timeout=60), context.Queue()
    processes = [context.Process(target=_confirm_in_process,
                                 args=(demo_url, preview.id, key, ready, out))
                 for key in ("p1", "p2")]
    for process in processes:
        process.start()
    results = [out.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    kinds = sorted("order" if '"email_to"' in r else "refusal" for r in results)
    assert kinds == ["order", "refusal"], results
    assert '"preview_used"' in next(r for r in results if '"code"' in r)
    view = service.find_account("ACC-1001")
    assert view is not None and len(view.orders) == 1
