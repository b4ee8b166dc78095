"""`GET /metrics`: Prometheus's text format, the same totals whichever of the gunicorn workers
answers the scrape (prometheus-client's multiprocess mode)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.databases import orders
from tests.scaleout.cluster import (
    metric,
    metric_samples,
    new_channel,
    posted,
    summary_in,
    wait_metric,
)
from tests.slack.conftest import Server, start_server
from tests.slack.fake_slack import FakeSlack, command_body, dm_event

EVENTS = 12


@pytest.fixture(scope="module")
def server(slack: FakeSlack, sqlite_demo_url: str) -> Iterator[Server]:
    running = start_server(slack, sqlite_demo_url, "--workers", "2")
    yield running
    running.stop()


def test_metrics_add_up_every_worker(server: Server, slack: FakeSlack,
                                     sqlite_demo_url: str) -> None:
    channels = [new_channel() for _ in range(EVENTS)]
    for channel in channels:  # new connections: gunicorn spreads them over both workers
        assert server.event(dm_event("U0LUCA", "come cambio il metodo di pagamento?",
                                     channel=channel))[0] == 200
    for channel in channels:
        posted(slack, channel)
    # an order, someone else's /billing, a question nobody can answer
    flow = new_channel()
    server.event(dm_event("U0MARIA", "riduci a 9 le licenze di GoTo Webinar", channel=flow))
    summary = summary_in(slack, flow)
    server.click("U0MARIA", summary, "Conferma", channel=flow, message_ts="1800000000.700001")
    posted(slack, flow, method="chat.update")
    server.post_signed(command_body("U0LUCA", "account ACC-1001", "C0HELPDESK",
                                    slack.response_url("metrics-refused")),
                       "application/x-www-form-urlencoded")
    person = new_channel()
    server.event(dm_event("U0LUCA", "voglio parlare con una persona", channel=person))
    posted(slack, "C0SUPPORT")
    odd = new_channel()
    server.event(dm_event("U0LUCA", "qual è la capitale della Mongolia?", channel=odd))
    posted(slack, odd)
    slack.wait_for(lambda calls: [c for c in calls if c.method == "response_url"
                                  and c.path.endswith("metrics-refused") and c.answered])

    wait_metric(server, "billing_bot_work_total", EVENTS + 3, type="message.im")
    wait_metric(server, "billing_bot_work_total", 1, type="command:/billing")
    # every scrape, whichever worker takes it, sees the totals of both
    scrapes = []
    for _ in range(6):
        status, text = server.get("/metrics")
        assert status == 200
        scrapes.append(text)
    workers = {line for line in server.logs.text.splitlines() if "Booting worker" in line}
    assert len(workers) == 2
    for text in scrapes:
        # this module's server answered exactly these DMs (each event acknowledged once)
        assert metric(text, "billing_bot_requests_total", type="event:message.im",
                      outcome="ack") == EVENTS + 3
        assert metric(text, "billing_bot_ack_seconds_count", type="event:message.im") \
            == EVENTS + 3
        assert metric(text, "billing_bot_requests_total", type="block_actions:flow.confirm",
                      outcome="ack") == 1
        assert metric(text, "billing_bot_orders_placed_total", kind="licenses.reduce") == 1
        assert metric(text, "billing_bot_refusals_total", code="not_an_agent") == 1
        assert metric(text, "billing_bot_unanswered_total") == 1
        assert metric(text, "billing_bot_handoffs_total") == 1
        assert metric(text, "billing_bot_work_total", type="message.im", outcome="ok") \
            == EVENTS + 3
        assert metric(text, "billing_bot_reply_seconds_count", type="message.im") \
            == EVENTS + 3
    assert len(orders(sqlite_demo_url, "ACC-1001", "licenses.reduce")) == 1
    names = {name for name, _, _ in metric_samples(scrapes[0])}
    assert {"billing_bot_ack_seconds_bucket", "billing_bot_reply_seconds_bucket"} <= names


def test_a_forged_request_is_counted_without_its_claimed_type(server: Server) -> None:
    body = '{"type": "event_callback", "event": {"type": "x' + "y" * 50 + '"}}'
    assert server.post_signed(body, "application/json", secret="forged")[0] == 401
    _, text = server.get("/metrics")
    assert metric(text, "billing_bot_requests_total", type="unverified",
                  outcome="unauthorized") >= 1
    assert "yyyy" not in text


def test_the_metrics_folder_goes_with_the_server(slack: FakeSlack, sqlite_demo_url: str,
                                                 tmp_path: Path) -> None:
    running = start_server(slack, sqlite_demo_url, TMPDIR=str(tmp_path))
    try:
        folders = list(tmp_path.glob("billing-bot-metrics-*"))
        assert len(folders) == 1 and folders[0].is_dir()
    finally:
        assert running.stop() == 0
    assert list(tmp_path.glob("billing-bot-metrics-*")) == []


def test_an_operators_metrics_folder_is_emptied_at_start(slack: FakeSlack, sqlite_demo_url: str,
                                                          tmp_path: Path) -> None:
    stale = tmp_path / "counter_4242.db"
    stale.write_bytes(b"an earlier run's samples")
    running = start_server(slack, sqlite_demo_url, PROMETHEUS_MULTIPROC_DIR=str(tmp_path))
    try:
        assert not stale.exists()
        status, text = running.get("/metrics")
        assert status == 200 and "billing_bot_handoffs_total 0.0" in text
    finally:
        running.stop()
