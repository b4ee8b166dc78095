"""One transaction per service call, on SQLite and PostgreSQL alike.

`with unit_of_work(db) as session:` commits when the block ends normally and rolls back on an
exception. On SQLite the transaction starts with BEGIN IMMEDIATE (see db.py): one writer at a
time. On PostgreSQL, code that reads a row it will change selects it `FOR UPDATE`.

`read_unit_of_work(db)` and `UnitOfWork(..., read_only=True)` are for reads: they take no
lock on SQLite, and inside `Database.one_connection()` they share one transaction (a request's
reads cost one BEGIN and one end, not one each; see db.py).

`UnitOfWork` is the service's form of it (cosmicpython's unit of work): the transaction, the
repository over it, and the audit trail stamped by the clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from types import TracebackType
from typing import Any, cast

from sqlalchemy import CursorResult, Executable
from sqlalchemy.orm import Session, SessionTransaction

from billing_core import audit
from billing_core.catalog import Catalog
from billing_core.clock import Clock
from billing_core.db import Database, beginning
from billing_core.repository import Repository
from billing_core.schemas import Actor, Refusal


@contextmanager
def unit_of_work(database: Database) -> Iterator[Session]:
    with database.sessions() as session, session.begin():
        session.connection()  # begun now: see `_begin_now`
        yield session


def _begin_now(session: Session) -> SessionTransaction:
    """Begin the writing transaction at once, not at its first statement: inside
    `Database.one_connection()` a read or a state statement run before that statement would
    otherwise find the connection free and switch it to autocommit (PostgreSQL), and the
    write would run there, each statement committed on its own, a rollback undoing nothing.
    Begun, the connection refuses them instead (db.py). The session is closed if it fails."""
    try:
        transaction = session.begin()
        session.connection()
    except BaseException:
        session.close()
        raise
    return transaction


@contextmanager
def read_unit_of_work(database: Database) -> Iterator[Session]:
    """Reads only (nothing written through the session is kept)."""
    with database.sessions.reads() as session:
        yield session


@contextmanager
def state_unit_of_work(database: Database) -> Iterator[Session]:
    """A unit of work for the bot's own state (conversations), never for money.

    Its commit does not wait for the disk: on PostgreSQL `synchronous_commit off` (the
    connection's default, which every other writing transaction overrides with `SET LOCAL`:
    db.py; what other connections see and lock is the same as with any commit, and a crash of
    the database server, not of a worker, can lose the last fraction of a second of such
    commits: PostgreSQL docs, "Asynchronous Commit"); on SQLite
    `synchronous=NORMAL` in WAL mode (a power loss can lose the last such commits; the next
    durable commit syncs them too). Orders, previews, quotes, audit and the outbox keep the
    default `unit_of_work`, whose commits wait."""
    with database.sessions() as session, session.begin():
        with beginning("state"):
            session.connection()  # the transaction begins now, as a state one
        yield session


def state_statement(database: Database, statement: Executable) -> CursorResult[Any]:
    """One statement of the bot's own state, a transaction of its own (as `state_unit_of_work`:
    its commit does not wait for the disk). On PostgreSQL inside `Database.one_connection()`
    it runs in autocommit on the request's connection (whose default is `synchronous_commit
    off`): the server begins and commits it, one round trip instead of three."""
    connection = database.sessions.autocommit()
    if connection is None:
        with state_unit_of_work(database) as session:
            return cast("CursorResult[Any]", session.execute(statement))  # DML: a cursor's
    try:
        with beginning("state"):
            result = connection.execute(statement)
    except BaseException:
        connection.rollback()
        raise
    connection.commit()  # SQLAlchemy's own begin ends; the server committed the statement
    return result


class UnitOfWork:
    """`with UnitOfWork(db, clock, catalog) as uow:` one transaction; `uow.repo` reads and
    writes rows, `uow.audit` / `uow.refuse` record what was decided.

    `read_only=True`: a read (`read_unit_of_work`); the refusals it decides are audited when
    it ends, in a transaction of their own."""

    repo: Repository

    def __init__(self, database: Database, clock: Clock, catalog: Catalog, *,
                 read_only: bool = False) -> None:
        self._database = database
        self._clock = clock
        self._catalog = catalog
        self._read_only = read_only
        self._refused: list[tuple[datetime, Actor, str, str | None, Refusal]] = []

    def __enter__(self) -> UnitOfWork:
        if self._read_only:
            self._reads: AbstractContextManager[Session] = read_unit_of_work(self._database)
            self._session: Session = self._reads.__enter__()
        else:
            self._session = self._database.sessions()
            self._transaction: SessionTransaction = _begin_now(self._session)
        self.repo = Repository(self._session, self._catalog)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self._read_only:
            self._reads.__exit__(kind, error, traceback)
            if error is None and self._refused:
                with unit_of_work(self._database) as session:
                    for at, actor, action, account_id, refusal in self._refused:
                        audit.refuse(session, at, actor, action, account_id, refusal)
            return
        try:
            if error is None:
                self._transaction.commit()
            else:
                self._transaction.rollback()
        finally:
            self._session.close()

    def audit(self, actor: Actor, action: str, account_id: str | None, result: str,
              detail: str = "") -> None:
        if self._read_only:
            raise RuntimeError("a read-only unit of work records no decision")
        audit.record(self._session, self._clock.now(), actor, action, account_id, result,
                     detail)

    def refuse(self, actor: Actor, action: str, account_id: str | None,
               refusal: Refusal) -> Refusal:
        if self._read_only:  # audited when the read ends
            self._refused.append((self._clock.now(), actor, action, account_id, refusal))
            return refusal
        return audit.refuse(self._session, self._clock.now(), actor, action, account_id,
                            refusal)
