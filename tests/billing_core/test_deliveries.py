"""Seen deliveries: the first worker to record an id handles it, every other drops it, on
SQLite and PostgreSQL, across threads and processes; old ids are purged after their TTL."""

from __future__ import annotations

import multiprocessing
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

import pytest

from billing_core import open_database
from billing_core.db import Database
from billing_core.deliveries import DeliveryLog
from billing_core.models import SeenDelivery
from billing_core.unit_of_work import unit_of_work

from .conftest import DEMO_NOW
from .racing import race

if TYPE_CHECKING:
    from multiprocessing.queues import Queue
    from multiprocessing.synchronize import Barrier

TTL = timedelta(hours=1)


def test_the_first_record_is_new_and_a_retry_is_not(database: Database) -> None:
    log = DeliveryLog(database)
    assert log.seen_delivery("Ev01", DEMO_NOW, TTL) is True
    assert log.seen_delivery("Ev01", DEMO_NOW + timedelta(seconds=30), TTL) is False
    assert log.seen_delivery("Ev02", DEMO_NOW + timedelta(seconds=31), TTL) is True


def test_ids_older_than_the_ttl_are_purged(database: Database) -> None:
    log = DeliveryLog(database)
    log.seen_delivery("old", DEMO_NOW, TTL)
    log.seen_delivery("new", DEMO_NOW + timedelta(minutes=30), TTL)
    assert log.seen_delivery("later", DEMO_NOW + TTL + timedelta(minutes=1), TTL) is True
    with unit_of_work(database) as session:
        kept = sorted(session.scalars(session.query(SeenDelivery.delivery_id).statement))
    assert kept == ["later", "new"]


def test_bad_ids_are_a_bug(database: Database) -> None:
    with pytest.raises(ValueError):
        DeliveryLog(database).seen_delivery("", DEMO_NOW, TTL)
    with pytest.raises(ValueError):
        DeliveryLog(database).seen_delivery("x" * 201, DEMO_NOW, TTL)


def test_threads_recording_one_id_at_once_one_is_first(database: Database) -> None:
    log = DeliveryLog(database)
    for n in range(5):
        results = race([partial(log.seen_delivery, f"Ev-{n}", DEMO_NOW, TTL) for _ in range(4)])
        assert sorted(results) == [False, False, False, True], results


def _record_in_process(url: str, ready: Barrier, out: Queue[bool]) -> None:
    database = open_database(url)
    try:
        log = DeliveryLog(database)
        log.seen_delivery("warm-up", DEMO_NOW, TTL)  # connected before the start line
        ready.wait()
        out.put(log.seen_delivery("Ev-processes", DEMO_NOW, TTL))
    finally:
        database.dispose()


def test_processes_recording_one_id_at_once_one_is_first(demo_url: str) -> None:
    context = multiprocessing.get_context("spawn")
    ready, out = context.Barrier(3, timeout=60), context.Queue()
    processes = [context.Process(target=_record_in_process, args=(demo_url, ready, out))
                 for _ in range(3)]
    for process in processes:
        process.start()
    results = sorted(out.get(timeout=60) for _ in processes)
    for process in processes:
        process.join(timeout=60)
    assert results == [False, False, True]
