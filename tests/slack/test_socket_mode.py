"""Socket Mode: the same listeners, reached through Bolt's Socket Mode dispatch (no signatures,
the acknowledgement goes back over the socket), against the Web API stand-in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from slack_bolt.adapter.socket_mode.internals import run_bolt_app
from slack_sdk.socket_mode.request import SocketModeRequest

from bot.settings import Settings
from tests.slack.fake_slack import FakeSlack, dm_event, event_callback


@pytest.fixture
def socket_app(slack: FakeSlack, demo_url: str) -> Iterator[Any]:
    from bot.slack.app import build_app
    from bot.slack.services import build_services

    settings = Settings(database_url=demo_url, slack_bot_token="xoxb-socket",
                        slack_app_token="xapp-1-socket", slack_api_url=slack.api_url,
                        support_channel_id=None)
    services = build_services(settings)
    yield build_app(settings, services, socket_mode=True)
    services.close()


def envelope(kind: str, payload: dict[str, Any]) -> SocketModeRequest:
    return SocketModeRequest(type=kind, envelope_id=f"env-{id(payload)}", payload=payload)


def test_a_dm_over_socket_mode_is_answered(socket_app: Any, slack: FakeSlack) -> None:
    event = dm_event("U0MARIA", "chi è il nostro contatto di fatturazione?", channel="D0SOCK")
    response = run_bolt_app(socket_app, envelope("events_api", event_callback(event)))
    assert response.status == 200
    answer = slack.wait_for(lambda calls: [c for c in calls if c.method == "chat.postMessage"
                                           and c.answered and c.args["channel"] == "D0SOCK"])[0]
    assert "Maria Rossi" in answer.text() and answer.token == "xoxb-socket"


def test_ignored_subtype_over_socket_mode_is_acknowledged(socket_app: Any) -> None:
    event = dm_event("U0MARIA", "modificato", channel="D0SOCK2", subtype="message_changed")
    assert run_bolt_app(socket_app, envelope("events_api", event_callback(event))).status == 200


def test_slash_command_over_socket_mode(socket_app: Any, slack: FakeSlack) -> None:
    payload = {"team_id": "T0BILLING", "channel_id": "C0HELPDESK", "user_id": "U0AGENT",
               "command": "/billing", "text": "orders ACC-1001", "trigger_id": "sock.1",
               "response_url": slack.response_url("socket-cmd")}
    assert run_bolt_app(socket_app, envelope("slash_commands", payload)).status == 200
    reply = slack.wait_for(lambda calls: [c for c in calls
                                          if c.path == "/response/socket-cmd"])[0]
    assert "Ordini di Rossi Consulting S.r.l. (ACC-1001)" in reply.text()


def test_handoff_without_a_support_channel_tells_the_user_how(socket_app: Any,
                                                               slack: FakeSlack) -> None:
    event = dm_event("U0MARIA", "vorrei parlare con una persona", channel="D0NOSUPPORT")
    assert run_bolt_app(socket_app, envelope("events_api", event_callback(event))).status == 200
    note = slack.wait_for(lambda calls: [c for c in calls if c.method == "chat.postMessage"
                                         and c.answered and c.args["channel"] == "D0NOSUPPORT"
                                         and "servizio clienti GoTo" in c.text()])[0]
    assert "<https://billing.goto.com>" in note.text()
