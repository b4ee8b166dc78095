"""The database: engine, sessions, schema migration (Alembic, run programmatically).

On SQLite every transaction starts with `BEGIN IMMEDIATE` (SQLAlchemy's documented pysqlite
recipe), so writers are serialised instead of losing updates, and the file is in WAL mode; on
PostgreSQL the service takes row locks (`SELECT … FOR UPDATE`) and the subscription version
column catches anything else.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_SECONDS = 30


class SessionFactory:
    """`sessions()` is a new Session; inside `Database.one_connection()` every Session of this
    thread (or task) runs on that one connection, each with its own transaction."""

    def __init__(self, engine: Engine) -> None:
        self._factory = sessionmaker(engine, expire_on_commit=False)
        self._pinned: ContextVar[Connection | None] = ContextVar(
            f"billing_core_connection_{id(self)}", default=None)

    def __call__(self) -> Session:
        connection = self._pinned.get()
        if connection is None:
            return self._factory()
        # a Session bound to a connection outside a transaction begins and commits its own
        return self._factory(bind=connection)

    @contextmanager
    def pinned(self, engine: Engine) -> Iterator[None]:
        if self._pinned.get() is not None:  # already on one connection: keep it
            yield
            return
        with engine.connect() as connection:
            token = self._pinned.set(connection)
            try:
                yield
            finally:
                self._pinned.reset(token)


@dataclass(frozen=True)
class Database:
    """An engine and its session factory (opaque to callers outside billing_core)."""

    engine: Engine
    sessions: SessionFactory

    def one_connection(self) -> AbstractContextManager[None]:
        """Run every unit of work of the block on one pooled connection: one checkout (and,
        on PostgreSQL, one liveness ping) for a whole request instead of one per transaction.
        Each unit of work still commits on its own; nothing else changes."""
        return self.sessions.pinned(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()


def _serialise_sqlite_writers(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, emit BEGIN (pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
        # Write-ahead log: a commit appends to the log instead of rewriting pages through a
        # rollback journal (one disk flush instead of two: about half the cost, measured in
        # docs/benchmarks.md); synchronous=FULL keeps every commit durable as before.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_database_engine(url: str, **pool: float) -> Engine:
    """`pool`: SQLAlchemy's `pool_size`, `max_overflow`, `pool_timeout` for PostgreSQL (unset:
    SQLAlchemy's defaults); SQLite ignores them."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False}
        )
        _serialise_sqlite_writers(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **pool)


def open_database(url: str, **pool: float) -> Database:
    """Engine and sessions for `url` (the schema is created by `init_database`); `pool` as in
    `create_database_engine`."""
    engine = create_database_engine(url, **pool)
    return Database(engine=engine, sessions=SessionFactory(engine))


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(database: Database) -> None:
    """Bring the schema to the latest revision (idempotent)."""
    command.upgrade(alembic_config(database.engine), "head")


@contextmanager
def init_lock(database: Database) -> Iterator[None]:
    """Serialise `init_database` calls on one PostgreSQL schema: a transaction-level advisory
    lock (keyed on the current schema) held on a connection of its own while the schema is
    migrated and the demo data loaded, so a second `db init --demo` started at the same moment
    waits, then finds everything there ("già presenti") instead of failing on a unique key.
    The lock goes with the transaction, even if the process dies. SQLite needs nothing more:
    its writers are serialised by BEGIN IMMEDIATE."""
    if database.engine.dialect.name != "postgresql":
        yield
        return
    with database.engine.connect() as connection, connection.begin():
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('billing-bot init ' "
                                "|| current_schema()))"))
        yield
