"""Signed requests that were tampered with, broken or oversized, against a real `serve`: each is
refused (nothing placed, nothing of another conversation touched), the refusal is in the audit
trail when a person can be named, and nothing answers 500. Also `/billing` by role, and random
payloads through the HTTP endpoint (hypothesis)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from billing_core import Database, open_database
from tests.databases import orders
from tests.hostile.conftest import audit_rows
from tests.scaleout.cluster import answered_call, calls_in, new_channel, posted, summary_in
from tests.slack.conftest import Server, start_server
from tests.slack.fake_slack import TEAM, FakeSlack, block_actions_body, command_body, dm_event

FORM = "application/x-www-form-urlencoded"
PEOPLE_EMAIL = {"U0MARIA": "maria.rossi@example.com", "U0LUCA": "luca.bianchi@example.com",
                "U0GIULIA": "giulia.verdi@example.com", "U0AGENT": "supporto@example.com",
                "U0STRANGER": "u0stranger@t0billing.slack.invalid",
                "U0ELENA": "elena.ferri@example.com"}


@pytest.fixture
def database(sqlite_demo_url: str) -> Iterator[Database]:
    """The module's database, read by the test (its own connection, closed after it)."""
    opened = open_database(sqlite_demo_url)
    yield opened
    opened.dispose()


@pytest.fixture(scope="module")
def server(slack: FakeSlack, sqlite_demo_url: str) -> Iterator[Server]:
    running = start_server(slack, sqlite_demo_url)
    yield running
    running.stop()


def payload_click(user: str, block_id: str, action_id: str, value: str, channel: str,
                  response: str, *, team: str = TEAM, user_team: str | None = None) -> str:
    body = {
        "type": "block_actions",
        "user": {"id": user, "username": user.lower(), "team_id": user_team or team},
        "api_app_id": "A0BILLING", "token": "legacy",
        "container": {"type": "message", "message_ts": "1800000000.990001",
                      "channel_id": channel, "is_ephemeral": False},
        "trigger_id": "1.trigger", "team": {"id": team, "domain": "billing"},
        "channel": {"id": channel, "name": "directmessage"},
        "response_url": response,
        "message": {"type": "message", "ts": "1800000000.990001", "text": "", "blocks": []},
        "actions": [{"action_id": action_id, "block_id": block_id, "value": value,
                     "type": "button", "action_ts": f"{new_channel()[2:]}.1",
                     "text": {"type": "plain_text", "text": "Conferma"}}],
    }
    return urlencode({"payload": json.dumps(body)})


def refusals(database: Database, user: str, since: int) -> list[tuple[str, str | None, str]]:
    return [row for row in audit_rows(database, PEOPLE_EMAIL[user])[since:]
            if row[2] == "not_authorized"]


def confirm_button(summary: Any) -> dict[str, Any]:
    return next(b for b in summary.buttons() if b["action_id"] == "flow.confirm")


@pytest.fixture(scope="module")
def summaries(server: Server, slack: FakeSlack) -> dict[str, tuple[str, Any]]:
    """Maria's and Giulia's summaries waiting in their DMs."""
    found = {}
    for user, text in (("U0MARIA", "riduci a 8 le licenze di GoTo Webinar"),
                       ("U0GIULIA", "ci servono 10 postazioni in più di GoTo Meeting")):
        channel = new_channel()
        server.event(dm_event(user, text, channel=channel))
        if user == "U0GIULIA":
            choice = posted(slack, channel, lambda c: bool(c.buttons()))[0]
            new = next(b for b in choice.buttons() if b["text"]["text"] == "Nuovo ordine")
            server.post_signed(block_actions_body(user, choice, new, channel=channel,
                                                  response_url=slack.response_url(channel),
                                                  message_ts="1800000000.980001"), FORM)
        found[user] = (channel, summary_in(slack, channel))
    return found


def test_another_accounts_preview_id_in_a_button_value(
        server: Server, slack: FakeSlack, sqlite_demo_url: str, database: Database,
        summaries: dict[str, tuple[str, Any]]) -> None:
    channel, maria = summaries["U0MARIA"]
    _, giulia = summaries["U0GIULIA"]
    before = (orders(sqlite_demo_url, "ACC-1001"), orders(sqlite_demo_url, "ACC-2001"))
    since = len(audit_rows(database, PEOPLE_EMAIL["U0MARIA"]))
    button = confirm_button(maria)
    values = (confirm_button(giulia)["value"], "PRV-MADEUP0000", "", "x" * 3000)
    for number, value in enumerate(values, start=1):
        status, _ = server.post_signed(payload_click(
            "U0MARIA", button["block_id"], "flow.confirm", value, channel,
            slack.response_url(f"tamper-{channel}")), FORM)
        assert status == 200
        # "non è più valido" and the summary again, each time
        posted(slack, channel, count=1 + 2 * number)
    assert (orders(sqlite_demo_url, "ACC-1001"), orders(sqlite_demo_url, "ACC-2001")) == before
    assert len(refusals(database, "U0MARIA", since)) == 4
    assert calls_in(slack, channel, "chat.update") == []
    # the real button still works afterwards: the tampering changed nothing
    server.click("U0MARIA", maria, "Conferma", channel=channel, message_ts="1800000000.970001")
    assert "Ordine confermato" in posted(slack, channel, method="chat.update")[0].text()
    assert len(orders(sqlite_demo_url, "ACC-1001")) == len(before[0]) + 1


def test_a_click_on_someone_elses_conversation(
        server: Server, slack: FakeSlack, sqlite_demo_url: str, database: Database,
        summaries: dict[str, tuple[str, Any]]) -> None:
    """Luca's click carries the block_id of Giulia's summary (her conversation key); Giulia's
    id in the payload but another workspace; a block_id that is not ours at all."""
    channel, giulia = summaries["U0GIULIA"]
    button = confirm_button(giulia)
    before = orders(sqlite_demo_url, "ACC-2001")
    updates = len(calls_in(slack, channel, "chat.update"))
    luca_since = len(audit_rows(database, PEOPLE_EMAIL["U0LUCA"]))
    giulia_since = len(audit_rows(database, PEOPLE_EMAIL["U0GIULIA"]))
    attempts = [
        ("U0LUCA", button["block_id"], {}),
        ("U0LUCA", f"bb|{button['block_id'].split('|')[1]}|slack:{TEAM}:U0GIULIA:"
                   f"{channel}:", {}),
        ("U0GIULIA", button["block_id"], {"team": "T0OTHER", "user_team": "T0OTHER"}),
        ("U0LUCA", "not-ours", {}),
        ("U0LUCA", "bb|x|slack:broken", {}),
    ]
    for user, block_id, extra in attempts:
        status, _ = server.post_signed(payload_click(
            user, block_id, "flow.confirm", button["value"], "D0LUCA",
            slack.response_url("tamper-luca"), **extra), FORM)
        assert status == 200
    slack.wait_for(lambda calls: len([c for c in calls if c.method == "chat.postEphemeral"
                                      and c.args.get("user") in ("U0LUCA", "U0GIULIA")
                                      and c.answered]) >= len(attempts))
    assert orders(sqlite_demo_url, "ACC-2001") == before
    assert len(calls_in(slack, channel, "chat.update")) == updates
    assert len(refusals(database, "U0LUCA", luca_since)) == 4
    assert len(refusals(database, "U0GIULIA", giulia_since)) == 1
    notes = {c.text() for c in slack.calls_to("chat.postEphemeral")
             if c.args.get("user") in ("U0LUCA", "U0GIULIA")}
    assert any("pulsanti sono per la persona" in note for note in notes)
    assert any("non è più valido" in note for note in notes)


def test_oversized_and_broken_bodies_are_refused_without_a_500(server: Server) -> None:
    huge = json.dumps({"type": "event_callback", "event": dm_event("U0MARIA", "x" * 1_100_000)})
    assert server.post_signed(huge, "application/json")[0] == 400
    for body, content_type in [
        ("{not json", "application/json"),
        ("payload=%7Bnot-json", FORM),
        (urlencode({"payload": json.dumps({"type": "block_actions"})}), FORM),
        (urlencode({"payload": json.dumps({"type": "block_actions", "actions": [],
                                           "user": {"id": "U0LUCA"}})}), FORM),
        (json.dumps({"type": "event_callback", "event": {"type": "message"}}),
         "application/json"),
        (json.dumps([1, 2, 3]), "application/json"),
        ("", "application/json"),
    ]:
        status, _ = server.post_signed(body, content_type)
        assert status < 500, (body[:60], status)
    assert server.get("/healthz")[0] == 200
    assert '"status": 500' not in server.logs.text


ROLES = {"stranger": "U0STRANGER", "user": "U0LUCA", "billing_contact": "U0MARIA",
         "other_contact": "U0ELENA", "agent": "U0AGENT"}
SUBCOMMANDS = ["help", "account ACC-1001", "orders ACC-1001",
               "per ACC-1001 riduci a 9 le licenze di GoTo Webinar", "faq come pago?",
               "unanswered", "9", ""]


def test_billing_command_by_role(server: Server, slack: FakeSlack, database: Database) -> None:
    for role, user in ROLES.items():
        for text in SUBCOMMANDS:
            since = len(audit_rows(database, PEOPLE_EMAIL[user]))
            name = f"billing-{role}-{new_channel()}"
            body = command_body(user, text, "C0HELPDESK", slack.response_url(name))
            assert server.post_signed(body, FORM)[0] == 200
            reply = answered_call(slack, "response_url", path_end=name)
            if role == "agent":
                assert "riservato agli agenti" not in reply.text(), text
            else:
                assert "riservato agli agenti del supporto" in reply.text(), (role, text)
                assert "Rossi Consulting" not in reply.text()
                assert refusals(database, user, since), (role, text)


@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=300),
                      st.sampled_from(["<!channel> riduci a 1", "<@U0GIULIA> account",
                                       "\x00\x1b[31m", "‮ACC-2001", "x" * 40_000])),
       action_id=st.text(min_size=1, max_size=60), value=st.text(max_size=200),
       block_id=st.text(max_size=120))
def test_random_payloads_never_answer_500(server: Server, text: str, action_id: str,
                                          value: str, block_id: str) -> None:
    channel = new_channel()
    assert server.event(dm_event("U0LUCA", text, channel=channel))[0] == 200
    status, _ = server.post_signed(payload_click("U0LUCA", block_id, action_id, value,
                                                 channel, "http://127.0.0.1:9/none"), FORM)
    assert status < 500
