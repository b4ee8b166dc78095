"""The outbox sender fails: the order stays placed, the run goes on with the other e-mails, the
refused one is retried by a run after its backoff, and nothing is sent twice (also with two
senders running at once), on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest

from billing_core import BillingService, Database, init_database, open_database
from billing_core.clock import FixedClock, SystemClock
from billing_core.outbox import SendReport, retry_delay, send_pending
from billing_core.schemas import Actor, Order, Preview

MARIA = Actor(email="maria.rossi@example.com", channel="slack")


class MailServerDown(Exception):
    pass


class Mailbox:
    """A backend that records what it delivered, and can fail on chosen deliveries."""

    def __init__(self, fail_on: set[int] | None = None) -> None:
        self.delivered: list[str] = []
        self.attempts = 0
        self.fail_on = fail_on or set()
        self._lock = threading.Lock()

    def __call__(self, message: EmailMessage) -> None:
        with self._lock:
            self.attempts += 1
            if self.attempts in self.fail_on:
                raise MailServerDown("421 service not available")
            self.delivered.append(str(message["X-Outbox-Id"]))


def place(service: BillingService, licenses: int) -> Order:
    preview = service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", licenses)
    assert isinstance(preview, Preview), preview
    order = service.confirm(preview.id, MARIA, f"outbox-test:{preview.id}")
    assert isinstance(order, Order), order
    return order


@pytest.fixture
def database(empty_database_url: str) -> Iterator[Database]:
    init_database(empty_database_url, demo=True)
    opened = open_database(empty_database_url)
    yield opened
    opened.dispose()


@pytest.fixture
def service(database: Database) -> BillingService:
    return BillingService(database)


def test_a_failed_send_keeps_the_order_and_the_email_is_sent_once_later(
        service: BillingService, database: Database) -> None:
    order = place(service, 9)
    clock = FixedClock(datetime.now(UTC))
    down = Mailbox(fail_on={1})
    report = send_pending(database, clock, down)
    assert (report.sent, report.failed, down.delivered) == (0, 1, [])
    assert "421 service not available" in report.problems[0].error
    account = service.find_account("ACC-1001")
    assert account is not None
    assert [(o.id, o.status) for o in account.orders] == [(order.id, "placed")]
    assert next(s.licenses for s in account.subscriptions if s.product == "gotowebinar") == 9

    assert send_pending(database, clock, down).sent == 0, "retried after its backoff only"
    clock.advance(retry_delay(1))
    assert send_pending(database, clock, down).sent == 1
    assert send_pending(database, clock, down).sent == 0
    assert len(down.delivered) == 1


def test_a_failure_in_the_middle_of_a_batch_stops_nothing_and_resends_nothing(
        service: BillingService, database: Database) -> None:
    for licenses in (9, 8, 7):
        place(service, licenses)
    clock = FixedClock(datetime.now(UTC))
    flaky = Mailbox(fail_on={2})
    report = send_pending(database, clock, flaky)
    assert (report.sent, report.failed) == (2, 1)
    clock.advance(retry_delay(1))
    assert send_pending(database, clock, flaky).sent == 1
    assert len(flaky.delivered) == 3 and len(set(flaky.delivered)) == 3


def test_two_senders_at_once_send_each_email_once(service: BillingService,
                                                  database: Database) -> None:
    for licenses in (9, 8, 7, 6, 5, 4):
        place(service, licenses)
    mailbox = Mailbox()
    start = threading.Barrier(2)

    def sender() -> None:
        start.wait()
        send_pending(database, SystemClock(), mailbox)

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    send_pending(database, SystemClock(), mailbox)  # whatever one stopped short of
    assert sorted(mailbox.delivered) == sorted(set(mailbox.delivered))
    assert len(mailbox.delivered) == 6


def test_two_senders_at_once_try_a_refused_email_once(service: BillingService,
                                                      database: Database) -> None:
    """Two senders at the same instant: the refused e-mail is tried and its refusal recorded
    once (the other sender skips it while it is claimed, and finds it no longer due after),
    the rest are sent once."""
    for licenses in (9, 8, 7, 6):
        place(service, licenses)
    clock = FixedClock(datetime.now(UTC))
    mailbox = Mailbox(fail_on={1})
    start = threading.Barrier(2)
    reports: list[SendReport] = []

    def sender() -> None:
        start.wait()
        reports.append(send_pending(database, clock, mailbox))

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    reports.append(send_pending(database, clock, mailbox))  # whatever one stopped short of
    assert sum(report.failed for report in reports) == 1
    assert mailbox.attempts == 4
    assert sorted(mailbox.delivered) == sorted(set(mailbox.delivered))
    assert len(mailbox.delivered) == 3
