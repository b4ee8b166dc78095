"""The slow half of every Slack request: what runs after the acknowledgement.

Bolt runs each listener in its listener executor and, for commands and clicks, waits there for
`ack()`. If the slow work (the classifier, the database, `chat.postMessage`) ran in that same
executor, a few slow turns would hold every thread and the next request's `ack()` would queue
behind them past Slack's 3 seconds. So listeners only acknowledge and hand the work to this
queue: its own threads, sized on purpose, drained before the process exits (SIGTERM lets every
acknowledged request finish its work; nothing acknowledged is dropped).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

log = logging.getLogger("bot.slack.work")

DEFAULT_WORK_THREADS = 8


class WorkQueue:
    def __init__(self, threads: int = DEFAULT_WORK_THREADS) -> None:
        self.threads = threads
        self._executor = ThreadPoolExecutor(max_workers=threads,
                                            thread_name_prefix="slack-work")
        self._pending = 0
        self._lock = threading.Lock()
        self._closed = False

    @property
    def pending(self) -> int:
        """Work accepted and not finished yet (queued or running)."""
        with self._lock:
            return self._pending

    def submit(self, what: str, function: Callable[..., Any], *args: Any,
               **kwargs: Any) -> Future[Any] | None:
        """Run `function` after the acknowledgement; an error is logged with `what`, never
        raised into Bolt (the request was already answered)."""

        def run() -> Any:
            try:
                return function(*args, **kwargs)
            except Exception:
                log.exception("slack work failed: %s", what)
                return None
            finally:
                with self._lock:
                    self._pending -= 1

        with self._lock:
            if self._closed:
                log.error("slack work refused after shutdown: %s", what)
                return None
            self._pending += 1
        try:
            return self._executor.submit(run)
        except RuntimeError:  # the executor shut down between the check and the submit
            with self._lock:
                self._pending -= 1
            log.error("slack work refused after shutdown: %s", what)
            return None

    def drain(self) -> None:
        """Stop taking work and wait for everything already accepted to finish."""
        with self._lock:
            self._closed = True
            pending = self._pending
        if pending:
            log.info("draining %d slack work item(s) before exit", pending)
        self._executor.shutdown(wait=True)
        if pending:
            log.info("slack work drained")
