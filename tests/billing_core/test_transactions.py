"""Transactions by what they are for. Reads take no lock (a reader never waits for a writer on
SQLite), a request's reads on one connection share one transaction, a write in between ends it
(what is read after a write is read afresh), nothing can be written through a read, and a
refusal decided by a read is still audited. On SQLite a conversation save commits without
waiting for the disk, anything else waits (as on PostgreSQL)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any
from urllib.parse import quote_plus

import pytest
from sqlalchemy import event, func, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from billing_core import BillingService, open_database
from billing_core import db as db_module
from billing_core.catalog import load_catalog
from billing_core.clock import FixedClock
from billing_core.conversations import ConversationConflict, ConversationStore
from billing_core.db import Database
from billing_core.models import AuditRecord, Contact
from billing_core.schemas import AccountBasics, Preview, Refusal
from billing_core.unit_of_work import (
    UnitOfWork,
    read_unit_of_work,
    state_unit_of_work,
    unit_of_work,
)
from tests.conftest import NO_COMMIT_WAIT

from .conftest import DEMO_NOW, LUCA, MARIA, STRANGER


def begins(database: Database) -> list[str]:
    """Every transaction begun on the database from now on."""
    seen: list[str] = []
    event.listen(database.engine, "begin", lambda _connection: seen.append("begin"))
    return seen


@pytest.fixture
def quick_to_give_up(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> Iterator[Database]:
    """The demo database (SQLite only) opened with a busy timeout of 0.2 s: a lock that is
    waited for fails fast instead of after 30 s."""
    if make_url(demo_url).get_backend_name() != "sqlite":
        pytest.skip("SQLite only: PostgreSQL readers never wait for row locks")
    monkeypatch.setattr(db_module, "SQLITE_BUSY_TIMEOUT_SECONDS", 0.2)
    database = open_database(demo_url)
    yield database
    database.dispose()


def test_reads_do_not_wait_for_a_writer_on_sqlite(quick_to_give_up: Database,
                                                  demo_url: str, clock: FixedClock) -> None:
    service = BillingService(quick_to_give_up, clock=clock)
    store = ConversationStore(quick_to_give_up, clock)
    path = make_url(demo_url).database
    assert path is not None
    preview = service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 8)
    assert isinstance(preview, Preview)
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
        assert service.who_is(LUCA.email).role == "user"
        shown = service.stored_preview(MARIA, preview.id)  # the chat reads a summary back
        assert isinstance(shown, Preview) and shown.id == preview.id
        basics = service.account_basics(LUCA, "ACC-1001")
        assert isinstance(basics, AccountBasics)
        assert basics.billing_contact == "maria.rossi@example.com"
        assert store.load("slack:T:U:D:") is None
        with quick_to_give_up.one_connection():  # the request's shared read, too
            assert service.who_is(LUCA.email).account_id == "ACC-1001"
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_requests_reads_share_one_transaction(database: Database,
                                                clock: FixedClock) -> None:
    service = BillingService(database, clock=clock)
    store = ConversationStore(database, clock)
    seen = begins(database)
    with database.one_connection():
        store.load("slack:T:U:D:")
        identity = service.who_is(LUCA.email)
        basics = service.account_basics(LUCA, "ACC-1001")
        assert service.may_start(MARIA, "ACC-1001", "licenses.reduce", "SUB-1001-1") is None
    assert identity.account_id == "ACC-1001" and isinstance(basics, AccountBasics)
    assert seen == ["begin"]


def test_a_write_ends_the_shared_read_and_later_reads_see_it(database: Database,
                                                             clock: FixedClock) -> None:
    store = ConversationStore(database, clock)
    seen = begins(database)
    with database.one_connection():
        assert store.load("slack:T:U:D:") is None
        store.save("slack:T:U:D:", {"step": 1}, None)
        stored = store.load("slack:T:U:D:")
        assert stored is not None and stored.state == {"step": 1}
        store.save("slack:T:U:D:", {"step": 2}, stored.version)
        again = store.load("slack:T:U:D:")
    assert again is not None and again.state == {"step": 2} and again.version == 2
    assert len(seen) == 5  # read, write, read, write, read


def test_nothing_is_written_through_a_read(database: Database) -> None:
    with pytest.raises(RuntimeError, match="writes nothing"), \
            read_unit_of_work(database) as session:
        contact = session.scalar(select(Contact).where(Contact.email == LUCA.email))
        assert contact is not None
        contact.name = "Altro Nome"
        session.flush()
    with unit_of_work(database) as session:
        assert session.scalar(select(Contact.name).where(Contact.email == LUCA.email)) \
            == "Luca Bianchi"


@pytest.mark.parametrize("in_a_request", [False, True])
def test_a_statement_that_writes_or_locks_is_refused_by_a_read(database: Database,
                                                               in_a_request: bool) -> None:
    """A statement bypasses the flush: run through a read it would be committed without
    waiting for the disk (PostgreSQL's shared reads run in autocommit) or lost with the read's
    rollback (SQLite); a lock taken there would hold nothing."""
    with database.one_connection() if in_a_request else nullcontext():
        with pytest.raises(RuntimeError, match="writes nothing"), \
                read_unit_of_work(database) as session:
            session.execute(update(Contact).where(Contact.email == LUCA.email)
                            .values(name="Altro Nome"))
        with pytest.raises(RuntimeError, match="locks nothing"), \
                read_unit_of_work(database) as session:
            session.scalar(select(Contact).where(Contact.email == LUCA.email)
                           .with_for_update())
    with unit_of_work(database) as session:
        assert session.scalar(select(Contact.name).where(Contact.email == LUCA.email)) \
            == "Luca Bianchi"


def test_a_read_or_a_state_statement_inside_an_open_write_is_refused_on_either_database(
        database: Database, clock: FixedClock) -> None:
    """It would run inside the write's transaction: PostgreSQL refused to switch that
    connection to autocommit (and the write failed), SQLite joined the write. Now both refuse
    it, and the write is rolled back on both."""
    store = ConversationStore(database, clock)
    with database.one_connection():
        for inner in (lambda: store.load("slack:T:U:D:"),
                      lambda: store.save("slack:T:U:D:", {"step": 1}, None)):
            with pytest.raises(RuntimeError, match="inside an open unit of work"), \
                    unit_of_work(database) as session:
                contact = session.scalar(select(Contact).where(Contact.email == LUCA.email))
                assert contact is not None
                contact.name = "Altro Nome"
                session.flush()
                inner()
        assert store.load("slack:T:U:D:") is None  # the block goes on
    with unit_of_work(database) as session:
        assert session.scalar(select(Contact.name).where(Contact.email == LUCA.email)) \
            == "Luca Bianchi"


@contextmanager
def writing(database: Database, clock: FixedClock, work: str) -> Iterator[Session]:
    """The session of a writing unit of work, of either form."""
    if work == "unit_of_work":
        with unit_of_work(database) as session:
            yield session
    else:
        with UnitOfWork(database, clock, load_catalog()) as uow:
            yield uow.repo.session


@pytest.mark.parametrize("work", ["unit_of_work", "UnitOfWork"])
def test_a_read_before_a_writes_first_statement_cannot_turn_it_into_autocommit(
        database: Database, clock: FixedClock, work: str) -> None:
    """A read between the start of a write and its first statement switched PostgreSQL's
    connection to autocommit: the write's statements were committed one by one, and its
    rollback undid nothing. The read is refused now, and the write rolled back whole."""
    store = ConversationStore(database, clock)
    with database.one_connection(), \
            pytest.raises(RuntimeError, match="inside an open unit of work"), \
            writing(database, clock, work) as session:
        store.load("slack:T:U:D:")
        contact = session.scalar(select(Contact).where(Contact.email == LUCA.email))
        assert contact is not None
        contact.name = "Altro Nome"
        session.flush()
    with unit_of_work(database) as session:
        assert session.scalar(select(Contact.name).where(Contact.email == LUCA.email)) \
            == "Luca Bianchi"


def test_a_refusal_decided_while_reading_is_audited(database: Database,
                                                    clock: FixedClock) -> None:
    service = BillingService(database, clock=clock)
    audited: list[Any]
    with database.one_connection():
        refused = service.account_basics(STRANGER, "ACC-1001")
        assert service.who_is(LUCA.email).role == "user"  # reads go on after it
    assert isinstance(refused, Refusal) and refused.code == "not_authorized"
    with unit_of_work(database) as session:
        audited = list(session.scalars(select(AuditRecord).where(
            AuditRecord.actor_email == STRANGER.email)))
    assert [(row.action, row.account_id, row.result) for row in audited] == [
        ("account.basics", "ACC-1001", "not_authorized")]


def test_on_sqlite_only_the_conversation_state_commits_without_waiting_for_the_disk(
        database: Database) -> None:
    if database.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only: PostgreSQL's is the test below")
    full, normal = 2, 1  # PRAGMA synchronous

    def synchronous(session: Any) -> int:
        return int(session.execute(text("PRAGMA synchronous")).scalar_one())

    for _round in range(2):  # and back again, on the same pooled connection
        with unit_of_work(database) as session:
            assert synchronous(session) == full
        with state_unit_of_work(database) as session:
            assert synchronous(session) == normal
        with database.sessions() as session, session.begin():
            assert synchronous(session) == full  # a bare session is durable too


def test_on_postgresql_only_the_conversation_state_commits_without_waiting_for_the_disk(
        demo_url: str) -> None:
    """On a connection configured as in production (the server's `synchronous_commit on`),
    every writing transaction waits for the disk except the conversation saves."""
    if make_url(demo_url).get_backend_name() != "postgresql":
        pytest.skip("PostgreSQL only: SQLite's is the test above")
    production = demo_url.replace(quote_plus(f" {NO_COMMIT_WAIT}"), "").replace(
        f" {NO_COMMIT_WAIT}", "")
    assert production != demo_url
    database = open_database(production)

    def synchronous(session: Any) -> str:
        return str(session.execute(text("SHOW synchronous_commit")).scalar_one())

    try:
        for _round in range(2):  # and back again, on the same pooled connection
            with unit_of_work(database) as session:
                assert synchronous(session) == "on"
            with state_unit_of_work(database) as session:
                assert synchronous(session) == "off"
            with database.sessions() as session, session.begin():
                assert synchronous(session) == "on"  # a bare session is durable too
            with database.engine.begin() as connection:
                assert str(connection.exec_driver_sql("SHOW synchronous_commit").scalar_one()) \
                    == "on"
        with database.one_connection():  # inside a request: reads, then each kind of write
            ConversationStore(database, FixedClock(DEMO_NOW)).load("slack:T:U:D:")
            with state_unit_of_work(database) as session:
                assert synchronous(session) == "off"
            with unit_of_work(database) as session:
                assert synchronous(session) == "on"
    finally:
        database.dispose()


def test_a_save_inside_a_request_is_committed_at_once_and_a_conflict_leaves_the_request_usable(
        database: Database, demo_url: str, clock: FixedClock) -> None:
    store = ConversationStore(database, clock)
    elsewhere = open_database(demo_url)  # another worker
    try:
        with database.one_connection():
            assert store.load("slack:T:U:D:") is None
            assert store.save("slack:T:U:D:", {"step": 1}, None) == 1
            seen = ConversationStore(elsewhere, clock).load("slack:T:U:D:")
            assert seen is not None and seen.state == {"step": 1}  # before the request ends
            with pytest.raises(ConversationConflict):
                store.save("slack:T:U:D:", {"step": "again"}, None)  # someone saved first
            with pytest.raises(ConversationConflict):
                store.save("slack:T:U:D:", {"step": "stale"}, 7)
            assert store.save("slack:T:U:D:", {"step": 2}, 1) == 2
            service = BillingService(database, clock=clock)
            assert service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 8)
            again = store.load("slack:T:U:D:")
            assert again is not None and again.state == {"step": 2}
        with unit_of_work(elsewhere) as session:
            assert session.scalar(select(func.count()).select_from(AuditRecord).where(
                AuditRecord.action == "preview.licenses.reduce")) == 1
    finally:
        elsewhere.dispose()
