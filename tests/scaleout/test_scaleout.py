"""Two `billing-bot serve` processes on one PostgreSQL, requests sent to each in turn (as a load
balancer does): nothing of a conversation lives in a process, so either one carries it on."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.databases import orders
from tests.scaleout.cluster import (
    Cluster,
    answered_call,
    at_once,
    calls_in,
    click_body,
    cluster,
    event_body,
    new_channel,
    posted,
    summary_in,
)
from tests.slack.conftest import SECRET
from tests.slack.fake_slack import FakeSlack, command_body, dm_event, event_callback

FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def two(slack: FakeSlack, pg_demo_url: str) -> Iterator[Cluster]:
    with cluster(slack, pg_demo_url, 2) as running:
        yield running


def test_a_flow_started_on_one_worker_is_confirmed_on_the_other(
        two: Cluster, slack: FakeSlack, pg_demo_url: str) -> None:
    a, b = two.servers
    channel = new_channel()
    before = len(orders(pg_demo_url, "ACC-1001", "licenses.reduce"))
    assert a.event(dm_event("U0MARIA", "riduci a 8 le licenze di GoTo Webinar",
                            channel=channel))[0] == 200
    summary = summary_in(slack, channel)
    assert "da 10 a 8 licenze" in summary.text()
    assert b.click("U0MARIA", summary, "Conferma", channel=channel,
                   message_ts="1800000000.500001")[0] == 200
    update = posted(slack, channel, method="chat.update")[0]
    assert "Ordine confermato da Maria Rossi" in update.text()
    placed = orders(pg_demo_url, "ACC-1001", "licenses.reduce")
    assert len(placed) == before + 1


def test_the_same_confirmation_on_both_workers_at_once_places_one_order(
        two: Cluster, slack: FakeSlack, pg_demo_url: str) -> None:
    a, b = two.servers
    channel = new_channel()
    a.event(dm_event("U0MARIA", "riduci a 2 le licenze di GoToAssist", channel=channel))
    summary = summary_in(slack, channel)
    before = len(orders(pg_demo_url, "ACC-1001", "licenses.reduce"))
    ts = "1800000000.600001"
    # a double click that the balancer splits, and Slack's replay of the very same request
    first = click_body("U0MARIA", summary, "Conferma", channel, slack, message_ts=ts,
                       action_ts="1800000002.000001")
    second = click_body("U0MARIA", summary, "Conferma", channel, slack, message_ts=ts,
                        action_ts="1800000002.100001")
    answers = at_once([(a, first, FORM), (b, first, FORM), (b, second, FORM),
                       (a, second, FORM)], SECRET)
    assert [status for status, _ in answers] == [200, 200, 200, 200]
    update = posted(slack, channel, method="chat.update")[0]
    assert "Ordine confermato" in update.text()
    # the second press gets the polite "no longer valid" answer on whichever worker took it
    posted(slack, channel, lambda c: c is not summary, count=2)
    assert len(orders(pg_demo_url, "ACC-1001", "licenses.reduce")) == before + 1
    assert len(calls_in(slack, channel, "chat.update")) == 1


def test_a_retried_event_on_the_other_worker_is_answered_once(
        two: Cluster, slack: FakeSlack) -> None:
    a, b = two.servers
    channel = new_channel()
    body = event_body(dm_event("U0LUCA", "come cambio il metodo di pagamento?",
                               channel=channel), f"Ev{channel}")
    assert a.post_signed(body, "application/json")[0] == 200
    assert b.post_signed(body, "application/json", retry=1)[0] == 200
    assert a.post_signed(body, "application/json", retry=2)[0] == 200
    posted(slack, channel)
    # a later message in the same DM is answered: every retry above was handled by now
    b.event(dm_event("U0LUCA", "grazie", channel=channel))
    posted(slack, channel, count=2)
    assert len(calls_in(slack, channel)) == 2
    skipped = a.logs.count("duplicate delivery skipped") + b.logs.count(
        "duplicate delivery skipped")
    assert skipped >= 2


def test_home_tab_and_billing_command_work_on_either_worker(
        two: Cluster, slack: FakeSlack) -> None:
    for server in two.servers:
        start = len(slack.calls)
        home = {"type": "app_home_opened", "user": "U0MARIA", "channel": "D0HOME",
                "tab": "home", "event_ts": "1800000000.000100"}
        assert server.post_signed(json.dumps(event_callback(home)), "application/json")[0] \
            == 200
        view = answered_call(slack, "views.publish", since=start)
        assert view.args["user_id"] == "U0MARIA"
        assert "GoTo Webinar" in view.text()

        name = f"billing-{server.port}"
        body = command_body("U0AGENT", "account ACC-1001", "C0HELPDESK",
                            slack.response_url(name))
        assert server.post_signed(body, FORM)[0] == 200
        reply = answered_call(slack, "response_url", since=start, path_end=name)
        assert "Rossi Consulting" in reply.text()
