"""Shared fixtures: every database test runs on SQLite and, when configured, on PostgreSQL.

PostgreSQL tests read the server URL from BILLING_TEST_DATABASE_URL (`.ci/run` sets it) and are
skipped with a clear reason when it is unset. Each test gets a fresh, empty schema of its own.
Any test fails at teardown if a database connection it opened is still open (an engine that
was never disposed).

`init_demo(url, clock)` loads the demo data set as `init_database(url, demo=True, clock=clock)`
would, by copying a template made once per backend and instant (tests/databases.py).

`cli` runs `billing-bot` in this process through `bot.cli.main` (the classifier is trained once
per session, not once per command); tests/test_cli_contract.py keeps real-process smoke tests.
"""

from __future__ import annotations

import io
import os
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pytest
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import Pool

from tests.databases import ConnectionWatch, DemoTemplates

if TYPE_CHECKING:
    from billing_core.clock import Clock
    from intents import Classifier
    from kb import KnowledgeBase

POSTGRES_ENV = "BILLING_TEST_DATABASE_URL"
NO_COMMIT_WAIT = "-csynchronous_commit=off"
"""Test connections do not wait for each commit to reach the disk: a throwaway schema needs no
crash durability, and what other connections see and lock is the same (PostgreSQL docs,
"Asynchronous Commit")."""
BACKENDS = ("sqlite", "postgresql")


def hypothesis_home(config: pytest.Config) -> Path:
    """Where Hypothesis keeps its example database and caches: pytest's cache directory
    (.pytest_cache/d/hypothesis, or wherever `cache_dir` points), never .hypothesis/ in the
    working tree; the temporary folder when the cache is off (`-p no:cacheprovider`)."""
    cache = getattr(config, "cache", None)
    if cache is not None:
        return Path(cache.mkdir("hypothesis"))
    import tempfile

    return Path(tempfile.gettempdir()) / "billing-bot-hypothesis"


def pytest_configure(config: pytest.Config) -> None:
    from hypothesis.configuration import set_hypothesis_home_dir

    set_hypothesis_home_dir(hypothesis_home(config))


def postgres_server_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


# -- the read-only models: the intent matcher and the help articles, loaded once --------------


@pytest.fixture(scope="session")
def classifier() -> Classifier:
    """The process's classifier (from the model cache, or trained once)."""
    from intents import load_classifier

    return load_classifier()


@pytest.fixture(scope="session")
def knowledge() -> KnowledgeBase:
    from kb import load_knowledge_base

    return load_knowledge_base()


# -- every database connection a test opens is closed by the end of it -----------------------


@pytest.fixture(scope="session")
def connection_watch() -> Iterator[ConnectionWatch]:
    watch = ConnectionWatch()
    listeners = (("connect", watch.connected), ("close", watch.closed),
                 ("close_detached", watch.closed))
    for name, listener in listeners:
        event.listen(Pool, name, listener)
    try:
        yield watch
    finally:
        for name, listener in listeners:
            event.remove(Pool, name, listener)


@pytest.fixture(autouse=True)
def connections_closed(connection_watch: ConnectionWatch) -> Iterator[None]:
    """Fails the test (at teardown, after its own fixtures) if a database connection it opened
    is still open: every Database/engine a test or fixture creates must be disposed."""
    before = set(connection_watch.open)
    yield
    places = connection_watch.left_open(before)
    if places:
        pytest.fail(f"{len(places)} database connection(s) opened during this test are still "
                    f"open (an engine never disposed; opened at {', '.join(sorted(set(places)))})"
                    ": call Database.dispose() (or Engine.dispose()) in a finally or in the "
                    "fixture's teardown", pytrace=False)


# -- PostgreSQL: one schema per test ---------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_admin(connection_watch: ConnectionWatch) -> Iterator[Engine | None]:
    """An AUTOCOMMIT engine on the test server (None when BILLING_TEST_DATABASE_URL is unset);
    its pooled connections outlive single tests by design."""
    server = postgres_server_url()
    if server is None:
        yield None
        return
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    event.listen(admin, "connect", connection_watch.keep)

    @event.listens_for(admin, "connect")
    def _no_commit_wait(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("SET synchronous_commit = off")
    try:
        yield admin
    finally:
        admin.dispose()


def _fresh_postgres_schema(server_url: str, admin: Engine | None = None) -> Iterator[str]:
    """A URL whose search_path is a brand-new schema, dropped after the test (through `admin`,
    or an engine of its own)."""
    if admin is None:
        own = create_engine(server_url, isolation_level="AUTOCOMMIT")
        try:
            yield from _fresh_postgres_schema(server_url, own)
        finally:
            own.dispose()
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as error:  # the server is configured but down: say so, do not skip
        pytest.fail(f"PostgreSQL at {POSTGRES_ENV} is unreachable: {error}")
    url = make_url(server_url).update_query_dict(
        {"options": f"-csearch_path={schema} {NO_COMMIT_WAIT}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def empty_database_url(backend: str, tmp_path: Path,
                       postgres_admin: Engine | None) -> Iterator[str]:
    """URL of an empty database on the test's backend (SQLite file, or PostgreSQL schema)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'billing.db'}"
        return
    if postgres_admin is None:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_ENV} (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)")
    yield from _fresh_postgres_schema(postgres_server_url() or "", postgres_admin)


# -- the demo data set, loaded once per backend and instant ----------------------------------


class DemoLoader(Protocol):
    def __call__(self, url: str, clock: Clock) -> None: ...


@pytest.fixture(scope="session")
def init_demo(tmp_path_factory: pytest.TempPathFactory,
              postgres_admin: Engine | None) -> DemoLoader:
    """`init_demo(url, clock)`: the empty database at `url` gets the schema and the demo data
    set loaded at `clock.now()`, exactly as `init_database(url, demo=True, clock=clock)`,
    copied from a template made once per backend and instant (tests/databases.py)."""
    return DemoTemplates(tmp_path_factory.mktemp("demo-templates"), postgres_admin)


# -- the command line, in process -------------------------------------------------------------


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str


Cli = Callable[..., CliResult]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """`cli(*argv, stdin="")` runs `billing-bot ARGV` through bot.cli.main in this process,
    with `stdin` as its standard input; returns the exit code (argparse's SystemExit included)
    and what it wrote on stdout and stderr. DATABASE_URL is unset, as for an operator's --db."""
    from bot.cli import main

    monkeypatch.delenv("DATABASE_URL", raising=False)

    def run(*argv: str, stdin: str = "") -> CliResult:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            code = main(list(argv))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run
