"""One transaction per service call, on SQLite and PostgreSQL alike.

`with unit_of_work(db) as session:` commits when the block ends normally and rolls back on an
exception. On SQLite the transaction starts with BEGIN IMMEDIATE (see db.py): one writer at a
time. On PostgreSQL, code that reads a row it will change selects it `FOR UPDATE`.

`UnitOfWork` is the service's form of it (cosmicpython's unit of work): the transaction, the
repository over it, and the audit trail stamped by the clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from sqlalchemy import text
from sqlalchemy.orm import Session, SessionTransaction

from billing_core import audit
from billing_core.catalog import Catalog
from billing_core.clock import Clock
from billing_core.db import Database
from billing_core.repository import Repository
from billing_core.schemas import Actor, Refusal


@contextmanager
def unit_of_work(database: Database) -> Iterator[Session]:
    with database.sessions() as session, session.begin():
        yield session


@contextmanager
def state_unit_of_work(database: Database) -> Iterator[Session]:
    """A unit of work for the bot's own state (conversations, delivery ids), never for money.

    On PostgreSQL its commit does not wait for the write-ahead log to reach the disk
    (`SET LOCAL synchronous_commit TO OFF`, this transaction only): what other connections
    see and lock is the same as with any commit, and a crash of the database server (not of a
    worker) can lose the last fraction of a second of such commits (PostgreSQL docs,
    "Asynchronous Commit"). Orders, previews, quotes, audit and the outbox keep the default
    `unit_of_work`, whose commits wait. SQLite has one durability for the whole file."""
    with database.sessions() as session, session.begin():
        if database.engine.dialect.name == "postgresql":
            session.execute(text("SET LOCAL synchronous_commit TO OFF"))
        yield session


class UnitOfWork:
    """`with UnitOfWork(db, clock, catalog) as uow:` one transaction; `uow.repo` reads and
    writes rows, `uow.audit` / `uow.refuse` record what was decided."""

    repo: Repository

    def __init__(self, database: Database, clock: Clock, catalog: Catalog) -> None:
        self._database = database
        self._clock = clock
        self._catalog = catalog

    def __enter__(self) -> UnitOfWork:
        self._session: Session = self._database.sessions()
        self._transaction: SessionTransaction = self._session.begin()
        self.repo = Repository(self._session, self._catalog)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        try:
            if error is None:
                self._transaction.commit()
            else:
                self._transaction.rollback()
        finally:
            self._session.close()

    def audit(self, actor: Actor, action: str, account_id: str | None, result: str,
              detail: str = "") -> None:
        audit.record(self._session, self._clock.now(), actor, action, account_id, result,
                     detail)

    def refuse(self, actor: Actor, action: str, account_id: str | None,
               refusal: Refusal) -> Refusal:
        return audit.refuse(self._session, self._clock.now(), actor, action, account_id,
                            refusal)
