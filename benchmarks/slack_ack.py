"""Acknowledgement latency of `billing-bot serve` over HTTP while the bot is busy.

Slack wants every request answered within 3 seconds; the target is p99 < 300 ms. A real
`billing-bot serve` (one gthread worker, SQLite demo database) talks to the Web API stand-in of
the tests, which answers every call after 150 ms (Slack's own latency). While background
clients keep the bot busy (signed DMs that each run a full engine turn and post replies, and
`/billing` commands), signed requests of three kinds are timed from send to HTTP response: a DM
event, a `/billing` command, and a button click (`block_actions`).

    python -m benchmarks slack_ack            # 300 timed requests of each kind
    python -m benchmarks slack_ack --quick    # 40 of each
"""

from __future__ import annotations

import json
import statistics
import tempfile
import threading
import time
from pathlib import Path

from billing_core import init_database
from tests.slack.conftest import PEOPLE, start_server
from tests.slack.fake_slack import (
    FakeSlack,
    block_actions_body,
    command_body,
    dm_event,
    event_callback,
)

BUSY_CLIENTS = 4
BUSY_INTERVAL_SECONDS = 0.2
"""Each busy client sends a DM every 0.2 s: ~20 engine turns a second, each with 150 ms Web API
calls, keeps the worker's work queue busy without an ever-growing backlog."""
SLACK_LATENCY_SECONDS = 0.15
MESSAGES = ["riduci a 8 le licenze di GoTo Webinar", "chi è il nostro contatto di fatturazione?",
            "come cambio il metodo di pagamento?", "quanto costa passare al piano business?"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(quick: bool = False) -> None:
    count = 40 if quick else 300
    slack = FakeSlack().start()
    for user, (email, name) in PEOPLE.items():
        slack.add_user(user, email, name)
    folder = Path(tempfile.mkdtemp(prefix="slack-bench-"))
    url = f"sqlite:///{folder / 'billing.db'}"
    init_database(url, demo=True)
    server = start_server(slack, url, LOG_LEVEL="WARNING")
    slack.latency = SLACK_LATENCY_SECONDS
    stop = threading.Event()
    busy_requests = [0]

    def keep_busy(index: int) -> None:
        number = 0
        while not stop.is_set():
            number += 1
            text = MESSAGES[number % len(MESSAGES)]
            body = json.dumps(event_callback(dm_event(
                "U0MARIA", text, channel=f"D0BUSY{index}{number % 7}")))
            server.post_signed(body, "application/json")
            if number % 3 == 0:
                server.post_signed(command_body("U0AGENT", "account ACC-1001", "C0HELP",
                                                slack.response_url("busy")),
                                   "application/x-www-form-urlencoded")
            busy_requests[0] += 1
            stop.wait(BUSY_INTERVAL_SECONDS)

    # a message with buttons to click on
    server.post_signed(json.dumps(event_callback(dm_event(
        "U0GIULIA", "riduci a 8 le licenze di GoTo Webinar", channel="D0CLICK"))),
        "application/json")
    server.post_signed(json.dumps(event_callback(dm_event(
        "U0MARIA", "riduci a 8 le licenze di GoTo Webinar", channel="D0CLICK2"))),
        "application/json")
    summary = slack.wait_for(lambda calls: [c for c in calls if c.method == "chat.postMessage"
                                            and c.answered and c.buttons()])[0]
    button = summary.buttons()[-1]  # Annulla: each click is handled (stale after the first)

    threads = [threading.Thread(target=keep_busy, args=(i,), daemon=True)
               for i in range(BUSY_CLIENTS)]
    for thread in threads:
        thread.start()
    timings: dict[str, list[float]] = {"event": [], "command": [], "click": []}
    try:
        for number in range(count):
            requests = {
                "event": (json.dumps(event_callback(dm_event(
                    "U0LUCA", MESSAGES[number % len(MESSAGES)], channel="D0TIMED"))),
                    "application/json"),
                "command": (command_body("U0AGENT", "account maria.rossi@example.com",
                                         "C0TIMED", slack.response_url("timed")),
                            "application/x-www-form-urlencoded"),
                "click": (block_actions_body(
                    "U0MARIA", summary, button, channel="D0CLICK2",
                    response_url=slack.response_url("timed-click"),
                    message_ts=f"1800000000.{number:06d}"),
                    "application/x-www-form-urlencoded"),
            }
            for kind, (body, content_type) in requests.items():
                started = time.perf_counter()
                status, _ = server.post_signed(body, content_type)
                timings[kind].append((time.perf_counter() - started) * 1000)
                assert status == 200, (kind, status)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        server.stop()
        slack.stop()
    print(f"busy: {BUSY_CLIENTS} clients sent {busy_requests[0]} DM events (plus a /billing "
          f"every third) during the run; Web API latency {SLACK_LATENCY_SECONDS * 1000:.0f} ms")
    print(f"{'kind':<8} {'n':>4} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind, values in timings.items():
        print(f"{kind:<8} {len(values):>4} {statistics.median(values):>8.1f} "
              f"{percentile(values, 0.99):>8.1f} {max(values):>8.1f}")
