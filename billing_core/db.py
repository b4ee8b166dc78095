"""The database: engine, sessions, schema migration (Alembic, run programmatically).

On SQLite every transaction starts with `BEGIN IMMEDIATE` (SQLAlchemy's documented pysqlite
recipe), so writers are serialised instead of losing updates; on PostgreSQL the service takes row
locks (`SELECT … FOR UPDATE`) and the subscription version column catches anything else.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Database:
    """An engine and its session factory (opaque to callers outside billing_core)."""

    engine: Engine
    sessions: sessionmaker[Session]

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
    return Database(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))


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
