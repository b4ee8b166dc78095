"""One transaction per service call, on SQLite and PostgreSQL alike.

`with unit_of_work(db) as session:` commits when the block ends normally and rolls back on an
exception. On SQLite the transaction starts with BEGIN IMMEDIATE (see db.py): one writer at a
time. On PostgreSQL, code that reads a row it will change selects it `FOR UPDATE`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from billing_core.db import Database


@contextmanager
def unit_of_work(database: Database) -> Iterator[Session]:
    with database.sessions() as session, session.begin():
        yield session
