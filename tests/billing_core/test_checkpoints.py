"""SQLite's write-ahead log checkpointed off the request path: a server's connections never
copy the log back inside a commit (the request would wait for it), its `Checkpointer` does,
and a process without one keeps SQLite's automatic checkpoints."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from billing_core import init_database, open_database
from billing_core.checkpoints import Checkpointer
from billing_core.clock import FixedClock
from billing_core.conversations import ConversationStore
from billing_core.db import Database

from .conftest import DEMO_NOW

AUTOMATIC_CHECKPOINT_PAGES = 1000
"""SQLite's default: a commit that makes the log pass this many pages copies it back."""


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'billing.db'}"
    init_database(url)
    return url


def write_pages(database: Database, pages: int) -> None:
    """Conversations big enough to put more than `pages` pages (4 KiB) in the log."""
    store = ConversationStore(database, FixedClock(DEMO_NOW))
    for number in range(pages // 4 + 1):
        store.save(f"slack:T:U:D{number}:", {"history": ["x" * 16_000]}, None)


def test_a_servers_commits_leave_the_log_to_the_checkpointer(sqlite_url: str) -> None:
    database = open_database(sqlite_url, background_checkpoints=True)
    try:
        write_pages(database, 2 * AUTOMATIC_CHECKPOINT_PAGES)
        checkpointer = Checkpointer(database)
        busy, frames, copied = checkpointer.checkpoint()
        # no commit copied the log back: it holds everything written
        assert busy == 0 and frames > 2 * AUTOMATIC_CHECKPOINT_PAGES
        assert copied == frames  # the checkpointer did
    finally:
        database.dispose()


def test_without_a_checkpointer_sqlite_checkpoints_by_itself(sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    try:
        write_pages(database, 2 * AUTOMATIC_CHECKPOINT_PAGES)
        _busy, frames, _copied = Checkpointer(database).checkpoint()
        assert frames < 2 * AUTOMATIC_CHECKPOINT_PAGES  # copied back along the way
    finally:
        database.dispose()


def test_the_checkpointer_stops_with_nothing_left_to_copy(sqlite_url: str) -> None:
    database = open_database(sqlite_url, background_checkpoints=True)
    try:
        checkpointer = Checkpointer(database, every_seconds=3600).start()  # no tick in the test
        write_pages(database, 100)
        checkpointer.stop()
        assert not any(thread.name == "sqlite-checkpointer" and thread.is_alive()
                       for thread in threading.enumerate())
        busy, frames, copied = checkpointer.checkpoint()
        assert busy == 0 and copied == frames
    finally:
        database.dispose()


def test_postgresql_needs_no_checkpointer() -> None:
    database = open_database("postgresql+psycopg://nobody@127.0.0.1:1/none")
    try:
        with pytest.raises(ValueError, match="only a SQLite database"):
            Checkpointer(database)
    finally:
        database.dispose()
