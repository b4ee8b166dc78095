"""Handoffs recorded where support can act on them: masked transcript, one agent takes each,
`billing-bot report handoffs`."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from billing_core.clock import FixedClock
from billing_core.db import Database
from billing_core.handoffs import MAX_MESSAGES, HandoffStore
from billing_core.models import AuditRecord, Staff
from billing_core.schemas import HandoffMessage, HandoffView, Refusal
from billing_core.unit_of_work import unit_of_work
from bot.cli import main

from .racing import race

AGENT = "supporto@example.com"
OTHER_AGENT = "secondo@example.com"


@pytest.fixture
def store(database: Database, clock: FixedClock) -> HandoffStore:
    with unit_of_work(database) as session:
        session.add(Staff(email=OTHER_AGENT, name="Secondo Operatore", role="agent"))
    return HandoffStore(database, clock)


def _record(store: HandoffStore, *texts: str) -> HandoffView:
    messages = [HandoffMessage(speaker="user" if i % 2 == 0 else "bot", text=text)
                for i, text in enumerate(texts)]
    return store.record_handoff("Maria.Rossi@example.com", "terminal:maria.rossi@example.com",
                                "Downgrade del piano: lo fa il Servizio clienti", messages,
                                account_id="ACC-1001", place="#supporto-fatturazione")


def test_a_handoff_keeps_the_last_messages_masked(store: HandoffStore) -> None:
    texts = [f"messaggio {n}" for n in range(MAX_MESSAGES + 3)]
    texts[-1] = "la nostra partita iva è IT07643520567, scrivete a maria.rossi@example.com"
    handoff = _record(store, *texts)
    assert (handoff.status, handoff.account_name, handoff.requester_name) == (
        "open", "Rossi Consulting S.r.l.", "Maria Rossi")
    assert handoff.requester_email == "maria.rossi@example.com"
    assert [m.text for m in handoff.messages][:2] == ["messaggio 3", "messaggio 4"]
    assert len(handoff.messages) == MAX_MESSAGES
    last = handoff.messages[-1].text
    assert "07643520567" not in last and "IT********567" in last and "m***@example.com" in last
    assert store.get_handoff(handoff.id) == handoff
    assert store.open_handoffs() == [handoff]


def test_one_agent_takes_it_and_a_second_is_told_who(store: HandoffStore,
                                                      clock: FixedClock) -> None:
    handoff = _record(store, "voglio passare a standard")
    taken = store.take_handoff(handoff.id, AGENT)
    assert isinstance(taken, HandoffView) and (taken.status, taken.taken_by) == ("taken", AGENT)
    assert store.take_handoff(handoff.id, AGENT.upper()) == taken  # the same agent again
    clock.advance(timedelta(minutes=3))
    second = store.take_handoff(handoff.id, OTHER_AGENT)
    assert isinstance(second, Refusal) and second.code == "handoff_taken"
    assert "Supporto GoTo (supporto@example.com)" in second.message
    assert "alle 10:00" in second.message
    assert store.open_handoffs() == []
    closed = store.close_handoff(handoff.id, OTHER_AGENT)
    assert isinstance(closed, HandoffView) and closed.status == "closed"
    late = store.take_handoff(handoff.id, OTHER_AGENT)
    assert isinstance(late, Refusal) and late.code == "handoff_closed"


def test_only_agents_take_or_close_handoffs(store: HandoffStore, database: Database) -> None:
    handoff = _record(store, "aiuto")
    for email in ("maria.rossi@example.com", "someone@elsewhere.example"):
        for result in (store.take_handoff(handoff.id, email),
                       store.close_handoff(handoff.id, email)):
            assert isinstance(result, Refusal) and result.code == "not_authorized"
    unknown = store.take_handoff("HND-NOPE", AGENT)
    assert isinstance(unknown, Refusal) and unknown.code == "unknown_handoff"
    still = store.get_handoff(handoff.id)
    assert still is not None and still.status == "open"
    with unit_of_work(database) as session:
        actions = [(a.action, a.result) for a in session.query(AuditRecord)
                   .filter(AuditRecord.action.like("handoff.%")).order_by(AuditRecord.id)]
    assert actions.count(("handoff.take", "not_authorized")) == 2
    assert ("handoff.take", "unknown_handoff") in actions


def test_two_agents_taking_at_once_one_gets_it(store: HandoffStore) -> None:
    handoff = _record(store, "aiuto")
    results = race([lambda: store.take_handoff(handoff.id, AGENT),
                    lambda: store.take_handoff(handoff.id, OTHER_AGENT)])
    views = [r for r in results if isinstance(r, HandoffView)]
    refusals = [r for r in results if isinstance(r, Refusal)]
    assert len(views) == 1 and [r.code for r in refusals] == ["handoff_taken"], results
    taken_by = views[0].taken_by
    assert taken_by is not None and taken_by in refusals[0].message


def test_report_handoffs_lists_what_support_must_act_on(
        demo_url: str, store: HandoffStore, clock: FixedClock,
        capsys: pytest.CaptureFixture[str]) -> None:
    first = _record(store, "passa webinar a standard", "Il downgrade non si può fare da qui",
                    "x" * 400)
    clock.advance(timedelta(minutes=1))
    second = _record(store, "aiuto")
    store.close_handoff(second.id, AGENT)
    assert main(["--db", demo_url, "report", "handoffs"]) == 0
    out = capsys.readouterr().out
    assert first.id in out and second.id not in out
    assert "Rossi Consulting S.r.l. (ACC-1001)" in out and "Maria Rossi" in out
    assert "#supporto-fatturazione" in out and "passa webinar a standard" in out
    assert max(len(line) for line in out.splitlines()) <= 120
    assert main(["--db", demo_url, "report", "handoffs", "--all", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["id"] for row in rows] == [second.id, first.id]
    assert rows[1]["messages"][0] == {"speaker": "user", "text": "passa webinar a standard",
                                      "at": None}


def test_report_handoffs_with_none(demo_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", demo_url, "report", "handoffs"]) == 0
    assert "Nessuna richiesta di assistenza aperta" in capsys.readouterr().out
