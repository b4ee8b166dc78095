"""Conversation state storage: versioned saves (no lost update), unanswered questions report."""

from __future__ import annotations

from datetime import timedelta

import pytest

from billing_core.clock import FixedClock
from billing_core.conversations import ConversationConflict, ConversationStore
from billing_core.db import Database


def test_save_load_and_conflict(database: Database, clock: FixedClock) -> None:
    store = ConversationStore(database, clock)
    assert store.load("k") is None
    assert store.save("k", {"flow": "licenses.reduce", "n": 1}, None) == 1
    with pytest.raises(ConversationConflict):
        store.save("k", {"other": True}, None)
    loaded = store.load("k")
    assert loaded is not None and loaded.state == {"flow": "licenses.reduce", "n": 1}
    assert store.save("k", {"n": 2}, 1) == 2
    with pytest.raises(ConversationConflict):
        store.save("k", {"n": 3}, 1)  # someone saved version 2 in between
    again = store.load("k")
    assert again is not None and again.state == {"n": 2}
    store.delete("k")
    assert store.load("k") is None


def test_unanswered_questions_are_grouped_most_frequent_first(database: Database,
                                                              clock: FixedClock) -> None:
    store = ConversationStore(database, clock)
    store.record_unanswered("Come attivo la webcam?", "a@x.it", "out_of_scope", 0.2)
    clock.advance(timedelta(minutes=5))
    store.record_unanswered("come   attivo la WEBCAM?", "b@x.it", None, 0.1)
    store.record_unanswered("meteo di domani", "a@x.it", None, 0.05)
    rows = store.unanswered_report(limit=5)
    assert [(row.text, row.count) for row in rows] == [("come attivo la webcam?", 2),
                                                      ("meteo di domani", 1)]
    assert rows[0].last_seen == clock.now() and rows[0].last_seen.tzinfo is not None
