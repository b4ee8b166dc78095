"""The outbox sender fails: the order stays placed, the e-mail is retried by the next run, and
nothing is sent twice (also with two senders running at once), on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from email.message import EmailMessage

import pytest

from billing_core import BillingService, Database, init_database, open_database
from billing_core.clock import SystemClock
from billing_core.outbox import send_pending
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
    down = Mailbox(fail_on={1})
    with pytest.raises(MailServerDown):
        send_pending(database, SystemClock(), down)
    assert down.delivered == []
    account = service.find_account("ACC-1001")
    assert account is not None
    assert [(o.id, o.status) for o in account.orders] == [(order.id, "placed")]
    assert next(s.licenses for s in account.subscriptions if s.product == "gotowebinar") == 9

    up = Mailbox()
    assert send_pending(database, SystemClock(), up) == 1
    assert send_pending(database, SystemClock(), up) == 0
    assert len(up.delivered) == 1


def test_a_failure_in_the_middle_of_a_batch_resends_nothing(service: BillingService,
                                                            database: Database) -> None:
    for licenses in (9, 8, 7):
        place(service, licenses)
    flaky = Mailbox(fail_on={2})
    with pytest.raises(MailServerDown):
        send_pending(database, SystemClock(), flaky)
    assert len(flaky.delivered) == 1
    assert send_pending(database, SystemClock(), flaky) == 2
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
