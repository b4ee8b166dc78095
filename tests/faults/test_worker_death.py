"""A worker killed between the summary and the click, and a worker stopped with SIGTERM while
requests arrive: the other worker carries the conversation on, nothing runs twice and nothing
acknowledged is lost."""

from __future__ import annotations

import json
import signal
import threading
from pathlib import Path

from billing_core import init_database
from tests.databases import orders
from tests.scaleout.cluster import (
    calls_in,
    cluster,
    new_channel,
    post_in_process,
    posted,
    summary_in,
)
from tests.slack.conftest import BOT_TOKEN, SECRET
from tests.slack.fake_slack import FakeSlack, dm_event, event_callback


def test_sigkill_between_summary_and_click(slack: FakeSlack, pg_demo_url: str) -> None:
    with cluster(slack, pg_demo_url, 2) as two:
        a, b = two.servers
        channel = new_channel()
        a.event(dm_event("U0MARIA", "riduci a 7 le licenze di GoTo Webinar", channel=channel))
        summary = summary_in(slack, channel)
        a.process.send_signal(signal.SIGKILL)
        assert a.process.wait(timeout=30) == -signal.SIGKILL
        before = len(orders(pg_demo_url, "ACC-1001", "licenses.reduce"))
        for action_ts in ("1800000020.000001", "1800000020.000001", "1800000021.000001"):
            # the click, Slack's replay of it, and a second press: all on the survivor
            assert b.click("U0MARIA", summary, "Conferma", channel=channel,
                           message_ts="1800000000.900001", action_ts=action_ts)[0] == 200
        update = posted(slack, channel, method="chat.update")[0]
        assert "Ordine confermato da Maria Rossi" in update.text()
        posted(slack, channel, lambda c: c is not summary, count=2)
        assert len(orders(pg_demo_url, "ACC-1001", "licenses.reduce")) == before + 1
        assert len(calls_in(slack, channel, "chat.update")) == 1


def test_sigterm_loses_no_request_in_flight(slack: FakeSlack, pg_demo_url: str) -> None:
    """Requests keep arriving while the worker stops: each one it acknowledged is answered;
    the ones it no longer accepted were refused at the door (a load balancer sends them to
    another worker), never acknowledged and dropped."""
    with cluster(slack, pg_demo_url, 1) as one:
        server = one.servers[0]
        release = slack.hold("chat.postMessage")
        acknowledged: list[str] = []
        refused: list[str] = []
        lock = threading.Lock()
        stop_sending = threading.Event()
        sent_some = threading.Event()

        def send(number: int) -> None:
            channel = new_channel()
            try:
                status, _ = server.event(dm_event("U0LUCA", "come cambio il metodo di "
                                                  "pagamento?", channel=channel))
            except OSError:
                status = 0
            with lock:
                (acknowledged if status == 200 else refused).append(channel)
                if len(acknowledged) >= 5:
                    sent_some.set()

        def keep_sending() -> None:
            number = 0
            while not stop_sending.is_set() and server.process.poll() is None:
                number += 1
                send(number)

        senders = [threading.Thread(target=keep_sending) for _ in range(3)]
        try:
            for thread in senders:
                thread.start()
            assert sent_some.wait(30)
            server.process.send_signal(signal.SIGTERM)
            server.logs.wait_for("draining")
            release.set()
            assert server.process.wait(timeout=60) == 0
        finally:
            stop_sending.set()
            release.set()
            slack._holds.pop("chat.postMessage", None)
            for thread in senders:
                thread.join()
        assert len(acknowledged) >= 5
        for channel in acknowledged:
            assert len(calls_in(slack, channel)) == 1, channel
            assert all(c.answered for c in calls_in(slack, channel))
        for channel in refused:
            assert calls_in(slack, channel) == []


def test_closing_a_worker_runs_every_acknowledged_events_listener_first(
        slack: FakeSlack, tmp_path: Path) -> None:
    """Bolt acknowledges an event before its listener runs (in Bolt's own executor); a worker
    told to stop right after must still run those listeners and their work, not refuse them."""
    from bot.settings import Settings
    from bot.slack.app import build_app
    from bot.slack.server import SlackWsgi
    from bot.slack.services import build_services

    url = f"sqlite:///{tmp_path / 'billing.db'}"
    init_database(url, demo=True)
    settings = Settings(database_url=url, slack_signing_secret=SECRET,
                        slack_bot_token=BOT_TOKEN, slack_api_url=slack.api_url)
    services = build_services(settings)
    wsgi = SlackWsgi(build_app(settings, services), services)
    channels = [new_channel() for _ in range(60)]
    statuses = [post_in_process(wsgi, json.dumps(event_callback(dm_event(
        "U0LUCA", "grazie", channel=channel))), SECRET) for channel in channels]
    assert statuses == ["200 OK"] * len(channels)
    wsgi.close()  # what gunicorn's worker_exit does on SIGTERM
    for channel in channels:
        assert [c for c in calls_in(slack, channel) if c.answered], channel
