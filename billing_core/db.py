"""The database: engine, sessions, schema migration (Alembic, run programmatically).

On SQLite every transaction that may write starts with `BEGIN IMMEDIATE` (SQLAlchemy's
documented pysqlite recipe), so writers are serialised instead of losing updates; read
transactions begin DEFERRED and, the file being in WAL mode, wait for no writer; on
PostgreSQL the service takes row locks (`SELECT … FOR UPDATE`) and the subscription version
column catches anything else.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_SECONDS = 30


TransactionKind = Literal["durable", "state", "read"]
_BEGINNING: ContextVar[TransactionKind] = ContextVar("billing_core_beginning",
                                                     default="durable")
"""What the transaction that begins now is for. A state transaction
(`unit_of_work.state_unit_of_work`) commits without waiting for the disk: SQLite's
`synchronous=NORMAL`, PostgreSQL's `synchronous_commit off` (each connection's default there);
anything else waits: SQLite's `synchronous=FULL`, on PostgreSQL a `SET LOCAL` back to the
server's level as the transaction begins. On SQLite a read begins DEFERRED (no write lock
taken). The default is durable: a transaction nobody named waits for the disk."""


@contextmanager
def beginning(kind: TransactionKind) -> Iterator[None]:
    """Begin the block's transaction (`session.connection()`) as `kind`."""
    token = _BEGINNING.set(kind)
    try:
        yield
    finally:
        _BEGINNING.reset(token)


class ReadSession(Session):
    """A session for reads only (`SessionFactory.reads`). It keeps every row it loaded until
    it closes (a Session's identity map holds rows weakly: a row read by one call of the
    request and dropped would be selected again by the next), and writes nothing: a flush of
    any change raises."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kept: list[object] = []
        self.info["read_only"] = True


@event.listens_for(ReadSession, "loaded_as_persistent")
def _keep_loaded(session: Session, instance: object) -> None:
    if isinstance(session, ReadSession):
        session.kept.append(instance)


@event.listens_for(ReadSession, "before_flush")
def _refuse_writes(session: Session, _context: Any, _instances: Any) -> None:
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("a read session writes nothing (use a unit of work)")


@event.listens_for(ReadSession, "do_orm_execute")
def _refuse_statements_that_write(state: ORMExecuteState) -> None:
    """An INSERT, UPDATE or DELETE run through a read session would bypass the flush: on
    PostgreSQL the shared reads run in autocommit, so it would be committed at once without
    waiting for the disk; on SQLite it would be rolled back with the read, silently. A
    SELECT … FOR UPDATE locks nothing there either. Both belong to a unit of work."""
    if not state.is_select or getattr(state.statement, "_for_update_arg", None) is not None:
        raise RuntimeError("a read session writes nothing and locks nothing "
                           "(use a unit of work)")


@dataclass
class _Pin:
    """The connection of `Database.one_connection()`, and the session its reads share."""

    connection: Connection
    reads: ReadSession | None = None
    autocommit: bool = False
    """The connection's reads run in autocommit (PostgreSQL; see `SessionFactory.reads`)."""


class SessionFactory:
    """`sessions()` is a new Session for a unit of work that may write; `reads()` a Session for
    reads only. Inside `Database.one_connection()` every Session of this thread (or task) runs
    on that one connection; the reads share one transaction, which the next writing unit of
    work ends first (so a write never runs inside it, and what is read after a write is read
    afresh)."""

    def __init__(self, engine: Engine) -> None:
        self._factory = sessionmaker(engine, expire_on_commit=False)
        self._read_factory = sessionmaker(engine, expire_on_commit=False, class_=ReadSession)
        self._pinned: ContextVar[_Pin | None] = ContextVar(
            f"billing_core_connection_{id(self)}", default=None)

    def __call__(self) -> Session:
        pin = self._pinned.get()
        if pin is None:
            return self._factory()
        _end_reads(pin)
        # a Session bound to a connection outside a transaction begins and commits its own
        return self._factory(bind=pin.connection)

    @contextmanager
    def reads(self) -> Iterator[ReadSession]:
        """A Session in a read transaction (on SQLite a DEFERRED one: no lock is taken, and a
        writer elsewhere is not waited for). On a pinned connection it is the shared read
        session, left open for the block's next reads; otherwise a session of its own, ended
        with the block. Nothing may be written through it.

        On PostgreSQL the shared reads run in autocommit: under READ COMMITTED (PostgreSQL's
        default) each statement of a transaction sees what was committed when it started, so
        a read transaction would read the same rows, two round trips (BEGIN, ROLLBACK) later."""
        pin = self._pinned.get()
        if pin is not None:
            if pin.reads is None:
                _refuse_inside_a_write(pin)
                if pin.connection.dialect.name == "postgresql":
                    pin.connection.execution_options(isolation_level="AUTOCOMMIT")
                    pin.autocommit = True
                pin.reads = _begun_for_reading(self._read_factory(bind=pin.connection))
            yield pin.reads
            return
        with _begun_for_reading(self._read_factory()) as session:
            try:
                yield session
            finally:
                session.rollback()  # nothing was written: ends the read transaction

    def autocommit(self) -> Connection | None:
        """On PostgreSQL inside `Database.one_connection()`: that connection in autocommit,
        the shared reads ended, for one statement that is a transaction of its own (the server
        begins and commits it: one round trip instead of three). None elsewhere."""
        pin = self._pinned.get()
        if pin is None:
            return None
        if pin.reads is None:
            _refuse_inside_a_write(pin)
        if pin.connection.dialect.name != "postgresql":
            return None
        _close_reads(pin)
        if not pin.autocommit:
            pin.connection.execution_options(isolation_level="AUTOCOMMIT")
            pin.autocommit = True
        return pin.connection

    @contextmanager
    def pinned(self, engine: Engine) -> Iterator[None]:
        if self._pinned.get() is not None:  # already on one connection: keep it
            yield
            return
        with engine.connect() as connection:
            pin = _Pin(connection)
            token = self._pinned.set(pin)
            try:
                yield
            finally:
                self._pinned.reset(token)
                _end_reads(pin)


def _refuse_inside_a_write(pin: _Pin) -> None:
    """A read or a state statement opened while a unit of work of the block is still open on
    the pinned connection would run inside that transaction: on PostgreSQL its switch to
    autocommit fails (and the write with it), on SQLite it joins the write. Refused on both,
    so a test on either finds it: read (or write) through the open unit of work's session."""
    if pin.connection.in_transaction():
        raise RuntimeError("a read or a state statement inside an open unit of work "
                           "(use that unit of work's session)")


def _close_reads(pin: _Pin) -> None:
    """Close the shared read session, if one is open (it wrote nothing: rolled back)."""
    reads, pin.reads = pin.reads, None
    if reads is not None:
        try:
            reads.rollback()
        finally:
            reads.close()


def _begun_for_reading(session: ReadSession) -> ReadSession:
    try:
        session.begin()
        with beginning("read"):
            session.connection()  # the transaction begins now
    except BaseException:
        session.close()
        raise
    return session


def _end_reads(pin: _Pin) -> None:
    """End the shared read transaction, if one is open, before a writing unit of work: the
    connection runs transactions again."""
    _close_reads(pin)
    if pin.autocommit:
        pin.autocommit = False
        pin.connection.execution_options(
            isolation_level=pin.connection.default_isolation_level or "READ COMMITTED")


@dataclass(frozen=True)
class Database:
    """An engine and its session factory (opaque to callers outside billing_core)."""

    engine: Engine
    sessions: SessionFactory

    def one_connection(self) -> AbstractContextManager[None]:
        """Run every unit of work of the block on one pooled connection: one checkout (and,
        on PostgreSQL, one liveness ping) for a whole request instead of one per transaction.
        The block's reads share one transaction until the next write (`SessionFactory`);
        each writing unit of work still commits on its own."""
        return self.sessions.pinned(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()


def _serialise_sqlite_writers(engine: Engine, *, background_checkpoints: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
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
        if background_checkpoints:  # billing_core.checkpoints: never inside a commit
            cursor.execute("PRAGMA wal_autocheckpoint=0")
        cursor.close()
        record.info["synchronous"] = "FULL"

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        kind = _BEGINNING.get()
        if kind == "read":  # SessionFactory.reads: no lock taken
            connection.exec_driver_sql("BEGIN")
            return
        # a state commit appends to the log without waiting for the disk; the next durable
        # commit's sync of the log makes it durable too (SQLite, "WAL mode")
        synchronous = "NORMAL" if kind == "state" else "FULL"
        if connection.info.get("synchronous") != synchronous:
            connection.exec_driver_sql(f"PRAGMA synchronous={synchronous}")
            connection.info["synchronous"] = synchronous
        connection.exec_driver_sql("BEGIN IMMEDIATE")  # writers take the write lock at once


def create_database_engine(url: str, *, background_checkpoints: bool = False,
                           **pool: float) -> Engine:
    """`pool`: SQLAlchemy's `pool_size`, `max_overflow`, `pool_timeout` for PostgreSQL (unset:
    SQLAlchemy's defaults); SQLite ignores them. `background_checkpoints`: SQLite's connections
    leave the write-ahead log to a `checkpoints.Checkpointer` (PostgreSQL ignores it)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False}
        )
        _serialise_sqlite_writers(engine, background_checkpoints=background_checkpoints)
        return engine
    engine = create_engine(url, pool_pre_ping=True, **pool)
    _split_postgresql_durability(engine)
    return engine


COMMIT_LEVELS = frozenset({"on", "off", "local", "remote_write", "remote_apply"})
"""PostgreSQL's `synchronous_commit` values."""


def _split_postgresql_durability(engine: Engine) -> None:
    """PostgreSQL: a connection's own default is `synchronous_commit off` (what the state
    commits want, with no statement of theirs), and every other transaction that may write
    begins with `SET LOCAL synchronous_commit` to the level the connection had before (the
    server's or the operator's: `on` unless configured otherwise), so it waits for the disk as
    before. The state transactions are the most frequent (one per turn); a durable one pays the
    round trip instead. Reads (autocommit or DEFERRED) commit nothing."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("SHOW synchronous_commit")
            configured = str(cursor.fetchone()[0])
            cursor.execute("SET synchronous_commit TO OFF")
        finally:
            cursor.close()
        dbapi_connection.commit()  # the SET stays for the connection's life
        record.info["durable_commit"] = configured if configured in COMMIT_LEVELS else "on"

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if _BEGINNING.get() != "durable":
            return
        durable = connection.info.get("durable_commit", "on")
        if durable != "off":
            connection.exec_driver_sql(f"SET LOCAL synchronous_commit TO {durable}")


def open_database(url: str, *, background_checkpoints: bool = False,
                  **pool: float) -> Database:
    """Engine and sessions for `url` (the schema is created by `init_database`);
    `background_checkpoints` and `pool` as in `create_database_engine`."""
    engine = create_database_engine(url, background_checkpoints=background_checkpoints, **pool)
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
