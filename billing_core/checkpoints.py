"""SQLite's write-ahead log, copied back into the database off the request path.

In WAL mode SQLite copies the log back into the database file (a checkpoint) when a commit
makes the log pass 1,000 pages, inside that commit: the request whose commit it is waits for
the copy and its disk flushes (the slowest FAQ reply of a benchmark run fell on the same reply,
run after run: docs/benchmarks.md §1). A long-running server opens its database with
`open_database(url, background_checkpoints=True)`, so its connections never checkpoint, and
runs a `Checkpointer`: a thread that checkpoints every second, PASSIVE (it neither waits for
nor blocks a reader or a writer; what a reader still needs is copied at the next one). Other
processes (the command line, a terminal chat) keep SQLite's automatic checkpoints. PostgreSQL
has a checkpointer of its own: nothing to do there.
"""

from __future__ import annotations

import logging
import threading

from billing_core.db import Database

log = logging.getLogger("billing_core.checkpoints")

EVERY_SECONDS = 1.0


class Checkpointer:
    def __init__(self, database: Database, every_seconds: float = EVERY_SECONDS) -> None:
        if database.engine.dialect.name != "sqlite":
            raise ValueError("only a SQLite database has a write-ahead log to checkpoint here")
        self._database = database
        self._every = every_seconds
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def checkpoint(self) -> tuple[int, int, int]:
        """One PASSIVE checkpoint: (1 if it could not finish, frames in the log, frames copied
        into the database), as SQLite's `PRAGMA wal_checkpoint` says."""
        connection = self._database.engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
            row = cursor.fetchone()
            cursor.close()
            busy, frames, copied = row if row is not None else (1, -1, -1)
            return int(busy), int(frames), int(copied)
        finally:
            connection.close()

    def start(self) -> Checkpointer:
        if self._thread is not None:
            raise RuntimeError("this checkpointer is already running")
        self._thread = threading.Thread(target=self._run, name="sqlite-checkpointer",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop the thread, then copy what is left of the log (if that fails, SQLite copies it
        when the last connection closes: stopping never fails for it)."""
        self._stopped.set()
        if self._thread is not None:
            self._thread.join()
        try:
            self.checkpoint()
        except Exception as error:
            log.warning("last checkpoint failed: %s", type(error).__name__)

    def _run(self) -> None:
        while not self._stopped.wait(self._every):
            try:
                self.checkpoint()
            except Exception as error:  # the next tick tries again; commits never wait for it
                log.warning("checkpoint failed: %s", type(error).__name__)
