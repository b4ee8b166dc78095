"""Database helpers for the fixtures of tests/conftest.py.

- ConnectionWatch: every connection a SQLAlchemy pool opens, until the pool closes it; the
  suite fails a test that leaves one open (an engine never disposed).
- DemoTemplates: `init_database(url, demo=True, clock=clock)` done for real once per backend
  and instant, then copied into each test's empty database (a SQLite file copied; a PostgreSQL
  schema restored from `pg_dump` of the template schema), which is what makes the database
  tests fast: the migrations and the demo loader run twice per session, not once per test.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import traceback
import uuid
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL, make_url

if TYPE_CHECKING:
    from billing_core.clock import Clock
    from billing_core.schemas import AccountView, OrderView

ROOT = Path(__file__).resolve().parent.parent


class ConnectionWatch:
    """Every DBAPI connection any SQLAlchemy pool opens, until the pool closes it (an engine
    disposed, a connection invalidated). Held strongly: an engine that is never disposed is
    caught even if the garbage collector would have closed its connections later."""

    def __init__(self) -> None:
        self.open: dict[int, tuple[Any, str]] = {}
        self.kept: set[int] = set()

    def connected(self, dbapi_connection: Any, _record: Any) -> None:
        self.open[id(dbapi_connection)] = (dbapi_connection, opened_by())

    def closed(self, dbapi_connection: Any, _record: Any = None) -> None:
        self.open.pop(id(dbapi_connection), None)
        self.kept.discard(id(dbapi_connection))

    def keep(self, dbapi_connection: Any, _record: Any) -> None:
        """A connection of a session-wide engine (the PostgreSQL admin), not a test's."""
        self.kept.add(id(dbapi_connection))

    def left_open(self, before: set[int]) -> list[str]:
        """Close the connections opened since `before` that are still open; say where each
        was opened."""
        places = []
        for key in [key for key in self.open if key not in before and key not in self.kept]:
            connection, where = self.open.pop(key)
            places.append(where)
            with contextlib.suppress(Exception):  # best effort: the leak is reported anyway
                connection.close()
        return places


def opened_by() -> str:
    """Where a connection was opened: the innermost frame of our code, and the innermost
    frame of the tests if that is another one."""
    ours = [frame for frame in reversed(traceback.extract_stack())
            if frame.filename.startswith(str(ROOT)) and ".venv" not in frame.filename
            and frame.filename != __file__]
    tests = [frame for frame in ours if frame.filename.startswith(str(ROOT / "tests"))]
    shown = [f"{Path(frame.filename).relative_to(ROOT)}:{frame.lineno}"
             for frame in ours[:1] + tests[:1]]
    return " from ".join(dict.fromkeys(shown)) or "(unknown)"


_SEARCH_PATH = re.compile(r"^-csearch_path=([a-z_][a-z0-9_]*)( -c[a-z_]+=[a-z0-9_]+)*$")


class DemoTemplates:
    """`init_database(url, demo=True, clock=clock)` for an empty database, done for real once
    per backend and instant, then copied: every test gets an exact copy of the template (a
    SQLite file copied byte for byte; a PostgreSQL schema restored from the template's
    pg_dump, names of constraints, indexes and sequence values included). Anything else (a
    clock that is not fixed, a database that is not empty, no pg_dump of the server's
    version) is initialised the ordinary way."""

    def __init__(self, folder: Path, admin: Engine | None) -> None:
        self._folder = folder
        self._admin = admin
        self._sqlite: dict[datetime, Path] = {}
        self._postgres: dict[datetime, str | None] = {}
        self.copies = 0
        """How many databases were made by copying a template (the rest by init_database)."""

    def __call__(self, url: str, clock: Clock) -> None:
        from billing_core import init_database
        from billing_core.clock import FixedClock

        parsed = make_url(url)
        copied = isinstance(clock, FixedClock) and (
            self._sqlite_copy(parsed, clock.now()) if parsed.get_backend_name() == "sqlite"
            else self._postgres_copy(parsed, clock.now()))
        if copied:
            self.copies += 1
        else:
            init_database(url, demo=True, clock=clock)

    # -- SQLite: copy the file ------------------------------------------------------------

    def _sqlite_copy(self, url: URL, now: datetime) -> bool:
        from billing_core import init_database
        from billing_core.clock import FixedClock

        if not url.database or url.database == ":memory:" or Path(url.database).exists():
            return False
        template = self._sqlite.get(now)
        if template is None:
            template = self._folder / f"demo-{len(self._sqlite)}.db"
            init_database(f"sqlite:///{template}", demo=True, clock=FixedClock(now))
            self._sqlite[now] = template
        shutil.copyfile(template, url.database)
        return True

    # -- PostgreSQL: restore the template schema's dump into the test's schema -------------

    def _postgres_copy(self, url: URL, now: datetime) -> bool:
        match = _SEARCH_PATH.match(str(url.query.get("options", "")))
        if self._admin is None or match is None:
            return False
        schema = match.group(1)
        if now not in self._postgres:
            self._postgres[now] = self._postgres_template(url, now)
        script = self._postgres[now]
        if script is None:
            return False
        with self._admin.connect() as conn:
            tables = conn.execute(text("SELECT count(*) FROM pg_tables WHERE schemaname = :s"),
                                  {"s": schema}).scalar_one()
            if tables:
                return False
            # One multi-statement string, no parameters: one implicit transaction, so a
            # failure leaves the schema empty.
            driver = conn.connection.driver_connection
            assert driver is not None
            driver.execute(script.replace("{schema}", schema))
        return True

    @staticmethod
    def postgres_copies_possible() -> bool:
        return shutil.which("pg_dump") is not None

    def _postgres_template(self, url: URL, now: datetime) -> str | None:
        """The restore script of a freshly initialised schema, with `{schema}` for its name,
        or None when pg_dump is missing or cannot dump this server."""
        from billing_core import init_database
        from billing_core.clock import FixedClock

        pg_dump = shutil.which("pg_dump")
        if pg_dump is None or self._admin is None:
            return None
        template = f"demo_template_{uuid.uuid4().hex[:12]}"
        with self._admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{template}"'))
        try:
            template_url = url.update_query_dict({"options": f"-csearch_path={template}"})
            init_database(template_url.render_as_string(hide_password=False), demo=True,
                          clock=FixedClock(now))
            env = dict(os.environ, PGPASSWORD=url.password or "") if url.password \
                else dict(os.environ)
            done = subprocess.run(
                [pg_dump, "--host", url.host or "localhost", "--port", str(url.port or 5432),
                 "--username", url.username or "postgres", "--dbname", url.database or "",
                 "--schema", template, "--no-owner", "--no-privileges", "--inserts"],
                capture_output=True, text=True, env=env, timeout=120, check=False)
        finally:
            with self._admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA "{template}" CASCADE'))
        if done.returncode != 0:
            return None
        lines = [line for line in done.stdout.splitlines()
                 if not line.startswith("\\")  # psql meta-commands (\restrict)
                 and line != f"CREATE SCHEMA {template};"]  # the test's schema exists
        return "\n".join(lines).replace(template, "{schema}") + "\nRESET ALL;\n"


# -- what billing_core has now, read on a connection of the caller's own ----------------------


def account(url: str, account_id: str) -> AccountView:
    """The account as billing_core shows it to an operator now (its own connection, closed
    after): what a test checks after requests went through other processes."""
    from billing_core import BillingService, open_database

    database = open_database(url)
    try:
        view = BillingService(database).find_account(account_id)
    finally:
        database.dispose()
    assert view is not None, account_id
    return view


def orders(url: str, account_id: str, kind: str | None = None) -> list[OrderView]:
    return [o for o in account(url, account_id).orders if kind is None or o.kind == kind]


def licenses(url: str, account_id: str, product: str) -> int:
    return next(s.licenses for s in account(url, account_id).subscriptions
                if s.product == product)
