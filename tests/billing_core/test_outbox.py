"""The outbox sender goes on past an e-mail the backend refuses: the others are sent in the same
run, the refused one is retried only after its backoff (the test clock is moved, nothing
sleeps), given up after MAX_ATTEMPTS refusals, and nothing is ever sent twice. The backend is
called with no transaction open and no lock held (another connection writes meanwhile, another
sender runs meanwhile), and an e-mail whose sender died is taken over when its lease is over;
on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from sqlalchemy import QueuePool, event, select, update
from sqlalchemy.engine import make_url

from billing_core.clock import FixedClock
from billing_core.db import Database, open_database
from billing_core.models import OutboxEmail
from billing_core.outbox import (
    CLAIM_LEASE,
    ERROR_LENGTH,
    MAX_ATTEMPTS,
    SendReport,
    describe_error,
    retry_delay,
    send_pending,
)
from billing_core.unit_of_work import unit_of_work

REFUSED = "rifiutato@example.com"


class MailboxRefused(Exception):
    pass


class MailServer:
    """A backend that delivers to any address except those it refuses (every time, or the
    first `refusals` times), and remembers every attempt."""

    def __init__(self, refuse: str = REFUSED, refusals: int | None = None) -> None:
        self.refuse = refuse
        self.refusals_left = refusals
        self.delivered: list[int] = []
        self.attempts: list[int] = []

    def __call__(self, message: EmailMessage) -> None:
        outbox_id = int(str(message["X-Outbox-Id"]))
        self.attempts.append(outbox_id)
        if str(message["To"]) == self.refuse and self.refusals_left != 0:
            if self.refusals_left is not None:
                self.refusals_left -= 1
            raise MailboxRefused(f"550 5.1.1 <{self.refuse}>: Recipient address rejected")
        self.delivered.append(outbox_id)


def write(database: Database, clock: FixedClock, *addresses: str) -> list[int]:
    """One e-mail in the outbox per address, in this order; their ids."""
    with unit_of_work(database) as session:
        emails = [OutboxEmail(to_address=address, subject=f"Prova {n}", body="Ciao\n",
                              created_at=clock.now()) for n, address in enumerate(addresses)]
        session.add_all(emails)
        session.flush()
        return [email.id for email in emails]


def stored(database: Database, outbox_id: int) -> OutboxEmail:
    with unit_of_work(database) as session:
        email = session.scalars(select(OutboxEmail).where(OutboxEmail.id == outbox_id)).one()
        session.expunge(email)
        return email


def test_retry_delay_doubles_from_a_minute_up_to_an_hour() -> None:
    assert [retry_delay(n) // timedelta(minutes=1) for n in range(1, 10)] == [
        1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert retry_delay(10_000) == timedelta(hours=1)


def test_a_refused_email_does_not_hold_up_the_later_ones(database: Database,
                                                         clock: FixedClock) -> None:
    refused, first, second = write(database, clock, REFUSED, "a@example.com", "b@example.com")
    server = MailServer()
    report = send_pending(database, clock, server)
    assert (report.sent, report.failed, report.gave_up) == (2, 1, 0)
    assert server.delivered == [first, second]
    [problem] = report.problems
    assert (problem.outbox_id, problem.attempts, problem.to_address) == (
        refused, 1, "r***@example.com")
    assert problem.retry_at == clock.now() + timedelta(minutes=1)
    email = stored(database, refused)
    assert (email.sent_at, email.failed_at, email.attempts) == (None, None, 1)
    assert email.next_attempt_at == clock.now() + timedelta(minutes=1)
    assert email.last_error == problem.error
    assert email.last_error is not None and REFUSED not in email.last_error
    assert email.last_error.startswith("MailboxRefused: 550 5.1.1 <r***@example.com>")


def test_a_refused_email_is_retried_only_after_its_backoff_then_given_up(
        database: Database, clock: FixedClock) -> None:
    [refused] = write(database, clock, REFUSED)
    server = MailServer()
    start = clock.now()
    assert send_pending(database, clock, server).failed == 1
    for attempts in range(1, MAX_ATTEMPTS):
        wait = retry_delay(attempts)
        clock.advance(wait - timedelta(seconds=1))
        assert send_pending(database, clock, server) == SendReport(), "not due yet"
        assert len(server.attempts) == attempts
        clock.advance(timedelta(seconds=1))
        report = send_pending(database, clock, server)
        assert len(server.attempts) == attempts + 1
        assert report.problems[0].attempts == attempts + 1
    assert (report.failed, report.gave_up) == (0, 1)
    assert report.problems[0].retry_at is None
    assert clock.now() - start == timedelta(minutes=1 + 2 + 4 + 8 + 16 + 32 + 60)
    email = stored(database, refused)
    assert (email.attempts, email.failed_at, email.next_attempt_at, email.sent_at) == (
        MAX_ATTEMPTS, clock.now(), None, None)

    clock.advance(timedelta(days=30))
    assert send_pending(database, clock, server) == SendReport(), "given up: never retried"
    assert server.attempts == [refused] * MAX_ATTEMPTS and server.delivered == []


def test_an_email_accepted_after_refusals_is_sent_once(database: Database,
                                                       clock: FixedClock) -> None:
    refused, other = write(database, clock, REFUSED, "a@example.com")
    server = MailServer(refusals=2)
    assert send_pending(database, clock, server).sent == 1
    later = write(database, clock, "b@example.com")[0]
    clock.advance(timedelta(minutes=1))
    report = send_pending(database, clock, server)
    assert (report.sent, report.failed) == (1, 1), "the new one is sent, the old one refused"
    clock.advance(timedelta(minutes=2))
    assert send_pending(database, clock, server).sent == 1
    clock.advance(timedelta(hours=2))
    assert send_pending(database, clock, server) == SendReport()
    assert server.delivered == [other, later, refused]
    email = stored(database, refused)
    assert email.sent_at == clock.now() - timedelta(hours=2)
    assert (email.attempts, email.failed_at, email.next_attempt_at) == (2, None, None)


def test_an_email_that_cannot_be_composed_is_refused_like_any_other(
        database: Database, clock: FixedClock) -> None:
    broken, good = write(database, clock, "a@example.com\nBcc: tutti@example.com",
                         "b@example.com")
    server = MailServer()
    report = send_pending(database, clock, server)
    assert (report.sent, report.failed) == (1, 1)
    assert server.delivered == [good] and report.problems[0].outbox_id == broken
    assert report.problems[0].error.startswith("ValueError: Header values may not contain")


def test_the_limit_counts_refusals_too(database: Database, clock: FixedClock) -> None:
    write(database, clock, REFUSED, REFUSED, "a@example.com")
    report = send_pending(database, clock, MailServer(), limit=2)
    assert (report.sent, report.failed) == (0, 2)


def test_the_stored_error_is_one_short_masked_line() -> None:
    error = MailboxRefused("refused\n  for maria.rossi@example.com, "
                           "IBAN IT60X0542811101000000123456" + " e poi" * 100)
    text = describe_error(error)
    assert len(text) == ERROR_LENGTH and text.endswith("…") and "\n" not in text
    assert text.startswith("MailboxRefused: refused for m***@example.com, IBAN IT")
    assert "maria.rossi" not in text and "0123456" not in text


# -- the backend is called with no transaction open; claims and their leases ------------------


def impatient_database(url: str) -> Database:
    """The database as another process opens it, except that its connections give up on a
    lock after 0.1 s instead of waiting (SQLite's busy timeout, PostgreSQL's lock_timeout):
    a lock the sender held while sending would make it fail at once, not hang."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = open_database(url)
        event.listen(database.engine, "connect", _short_busy_timeout)  # after db.py's 30 s
        return database
    options = f"{parsed.query.get('options', '')} -c lock_timeout=100".strip()
    return open_database(parsed.update_query_dict({"options": options})
                         .render_as_string(hide_password=False))


def _short_busy_timeout(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA busy_timeout=100")


def write_meanwhile(database: Database, outbox_id: int) -> None:
    """Write the row of the e-mail being sent, in a transaction of its own."""
    with unit_of_work(database) as session:
        session.execute(update(OutboxEmail).where(OutboxEmail.id == outbox_id)
                        .values(subject=OutboxEmail.subject))


def test_the_backend_is_called_with_no_transaction_open(database: Database, demo_url: str,
                                                        clock: FixedClock) -> None:
    """While the mail server takes its time, the sender holds no connection, and another
    process writes the very row being sent at once (on SQLite a transaction of the sender would
    hold the whole database's write lock, on PostgreSQL the row's lock)."""
    ids = write(database, clock, "a@example.com", "b@example.com")
    other = impatient_database(demo_url)
    pool = database.engine.pool
    assert isinstance(pool, QueuePool)
    written: list[int] = []

    def slow_server(message: EmailMessage) -> None:
        assert pool.checkedout() == 0, "the sender holds a connection while sending"
        outbox_id = int(str(message["X-Outbox-Id"]))
        write_meanwhile(other, outbox_id)
        written.append(outbox_id)

    try:
        report = send_pending(database, clock, slow_server)
    finally:
        other.dispose()
    assert report == SendReport(sent=2), report.problems
    assert written == ids
    assert all(stored(database, outbox_id).sent_at == clock.now() for outbox_id in ids)


def test_a_second_sender_sends_the_others_while_the_first_is_sending(
        database: Database, demo_url: str, clock: FixedClock) -> None:
    """Two senders at once (the second in another process, run while the first is delivering
    its e-mail): the second neither waits nor takes the first's e-mail; each e-mail is
    delivered once."""
    first, second, third = write(database, clock, "a@example.com", "b@example.com",
                                 "c@example.com")
    server = MailServer()
    other = impatient_database(demo_url)
    seconds: list[SendReport] = []

    def slow_server(message: EmailMessage) -> None:
        if not seconds:
            seconds.append(send_pending(other, clock, server))
        server(message)

    try:
        report = send_pending(database, clock, slow_server)
    finally:
        other.dispose()
    assert (report, seconds) == (SendReport(sent=1), [SendReport(sent=2)])
    assert server.delivered == [second, third, first]


class SenderKilled(BaseException):
    """The sender's process dies in the middle of a delivery (not an error of the e-mail)."""


def test_an_email_whose_sender_died_is_taken_over_when_its_lease_is_over(
        database: Database, clock: FixedClock) -> None:
    orphan, other = write(database, clock, "a@example.com", "b@example.com")

    def dying_server(message: EmailMessage) -> None:
        raise SenderKilled

    with pytest.raises(SenderKilled):
        send_pending(database, clock, dying_server)
    assert stored(database, orphan).claimed_until == clock.now() + CLAIM_LEASE
    server = MailServer()
    assert send_pending(database, clock, server) == SendReport(sent=1), "its lease is running"
    clock.advance(CLAIM_LEASE - timedelta(seconds=1))
    assert send_pending(database, clock, server) == SendReport()
    clock.advance(timedelta(seconds=1))
    assert send_pending(database, clock, server) == SendReport(sent=1), "taken over"
    assert server.delivered == [other, orphan]
    email = stored(database, orphan)
    assert (email.sent_at, email.claimed_until, email.attempts) == (clock.now(), None, 0)
    assert send_pending(database, clock, server) == SendReport()


def test_a_sender_that_outlived_its_lease_records_no_refusal(database: Database,
                                                             demo_url: str,
                                                             clock: FixedClock) -> None:
    """The first sender's mail server answers after the lease: meanwhile a second sender took
    the e-mail over and sent it, so the late refusal is neither recorded nor reported."""
    [outbox_id] = write(database, clock, REFUSED)
    server = MailServer(refusals=1)
    other = impatient_database(demo_url)
    delivered: list[EmailMessage] = []

    def hung_server(message: EmailMessage) -> None:
        clock.advance(CLAIM_LEASE)
        assert send_pending(other, clock, delivered.append).sent == 1
        server(message)

    try:
        assert send_pending(database, clock, hung_server) == SendReport()
    finally:
        other.dispose()
    assert len(delivered) == 1 and server.delivered == []
    email = stored(database, outbox_id)
    assert (email.sent_at, email.attempts, email.last_error) == (clock.now(), 0, None)
