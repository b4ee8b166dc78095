"""Run actions at the same moment in threads (each with its own database connection)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def race(actions: list[Callable[[], Any]]) -> list[Any]:
    """Start the actions together behind a barrier; return what each returned or raised, in
    order."""
    barrier = threading.Barrier(len(actions))
    results: list[Any] = [None] * len(actions)

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = actions[index]()
        except Exception as error:  # any error: the test looks at what each one got
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
