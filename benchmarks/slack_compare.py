"""billing-bot against a bare Bolt app, side by side in one run.

Both run on the same server stack (gunicorn, one gthread worker, 16 threads), get the same
signed requests (interleaved: one to each in turn, so a busy moment of the machine hits both)
and talk to the same Web API stand-in (tests/slack/fake_slack.py, answering at once). The bare
app (benchmarks/bare_bolt.py) has one listener that posts a fixed reply.

1. Acknowledgement latency (send → HTTP response) of DM events, `/billing` commands and button
   clicks: p50 and p99, target ≤ 1.5× bare Bolt's.
2. FAQ reply latency (DM event sent → `chat.postMessage` received by the stand-in): p50 and
   p99, target ≤ 3× bare Bolt's; billing-bot on SQLite, then again on PostgreSQL.
3. Throughput of full reduce-licenses flows (message → summary → Conferma → order placed and
   the message updated) with 16 clients, each on an account of its own: per second on SQLite
   with one worker, on PostgreSQL with one and with two workers.
4. Resident memory (RSS) of a worker of each, after the runs.

    python -m benchmarks slack_compare            # 1000 acks per kind, 500 replies, 20 s a run
    python -m benchmarks slack_compare --quick    # 40 samples, 5 s

PostgreSQL runs use BILLING_TEST_DATABASE_URL (default the local server's `test` database) in
a schema of their own; they are skipped, with a note, when the server does not answer.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from billing_core import init_database
from tests.scaleout.cluster import postgres_demo
from tests.scaleout.load import seed_users
from tests.scaleout.simulated_users import Recorder
from tests.slack.conftest import BOT_TOKEN, PEOPLE, ROOT, SECRET, Server, free_port, start_server
from tests.slack.fake_slack import (
    block_actions_body,
    command_body,
    dm_event,
    event_callback,
    signed,
)

QUESTION = "come cambio il metodo di pagamento?"
ACK_RATIO = 1.5
REPLY_RATIO = 3.0
FLOW_CLIENTS = 16
FORM = "application/x-www-form-urlencoded"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Target:
    """A server under test: ours (`billing-bot serve`) or the bare Bolt app."""

    def __init__(self, name: str, port: int, process: subprocess.Popen[str]) -> None:
        self.name = name
        self.port = port
        self.process = process

    def post(self, body: str, content_type: str) -> tuple[int, float]:
        headers = signed(body, SECRET, content_type=content_type)
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/slack/events",
                                         data=body.encode(), method="POST", headers=headers)
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        return status, (time.perf_counter() - started) * 1000

    def worker_rss_mb(self) -> float:
        """RSS of the (first) gunicorn worker: the master's child."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        pids = children.read_text().split() if children.exists() else []
        for pid in pids or [str(self.process.pid)]:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()


def start_bare(slack: Recorder) -> Target:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update({"SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": BOT_TOKEN,
                "SLACK_API_URL": slack.api_url})
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-k", "gthread", "--threads", "16", "-w", "1",
         "-b", f"127.0.0.1:{port}", "--log-level", "warning", "benchmarks.bare_bolt:wsgi"],
        cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, text=True)
    target = Target("bare Bolt", port, process)
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
        except urllib.error.HTTPError:
            return target  # it answers (404 for a GET): up
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the bare Bolt app did not start") from None
            time.sleep(0.1)
        else:
            return target


def ours(server: Server) -> Target:
    return Target("billing-bot", server.port, server.process)


# -- 1 and 2: latency -----------------------------------------------------------------------------

def click_body(slack: Recorder, server: Target) -> str:
    """A click on a real summary's Annulla (each later press is answered as no longer valid:
    a full engine turn behind every acknowledgement, as with a real click)."""
    channel = "D0BENCHCLICK"
    server.post(json.dumps(event_callback(dm_event(
        "U0MARIA", "riduci a 8 le licenze di GoTo Webinar", channel=channel))),
        "application/json")
    found = slack.wait_in(channel, lambda c: bool(c.buttons()))
    assert found is not None, "no summary to click on"
    summary = found[1]
    button = next(b for b in summary.buttons() if b["text"]["text"] == "Annulla")
    return block_actions_body("U0MARIA", summary, button, channel=channel,
                              response_url=slack.response_url("bench-click"),
                              message_ts="1800000000.000777")


def ack_latency(slack: Recorder, targets: list[Target], count: int, click: str
                ) -> dict[str, dict[str, list[float]]]:
    timings: dict[str, dict[str, list[float]]] = {t.name: {"event": [], "command": [],
                                                           "click": []} for t in targets}
    for number in range(count):
        for target in targets if number % 2 == 0 else list(reversed(targets)):
            bodies = {
                "event": (json.dumps(event_callback(dm_event(
                    "U0LUCA", QUESTION, channel=f"D0ACK{target.port}{number % 50}"))),
                    "application/json"),
                "command": (command_body("U0AGENT", "help", "C0BENCH",
                                         slack.response_url("bench-command")), FORM),
                "click": (click, FORM),
            }
            for kind, (body, content_type) in bodies.items():
                status, ms = target.post(body, content_type)
                assert status == 200, (target.name, kind, status)
                timings[target.name][kind].append(ms)
    return timings


_REPLY_CHANNELS = itertools.count()
"""Every timed reply in a DM channel of its own, across calls (a warm-up's channel reused
would find the warm-up's reply at once and time it as negative)."""


def reply_latency(slack: Recorder, targets: list[Target], count: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {t.name: [] for t in targets}
    for number in range(count):
        for target in targets if number % 2 == 0 else list(reversed(targets)):
            channel = f"D0RPL{target.port}{next(_REPLY_CHANNELS):06d}"
            body = json.dumps(event_callback(dm_event("U0LUCA", QUESTION, channel=channel)))
            sent = time.perf_counter()
            target.post(body, "application/json")
            found = slack.wait_in(channel, lambda c: c.method == "chat.postMessage")
            assert found is not None, (target.name, "no reply")
            timings[target.name].append((found[0] - sent) * 1000)
    return timings


def reply_on_postgres(slack: Recorder, count: int) -> tuple[list[float], list[float]] | None:
    """FAQ reply latency again with billing-bot on PostgreSQL (production), beside bare Bolt."""
    os.environ.setdefault("BILLING_TEST_DATABASE_URL",
                          "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    try:
        with postgres_demo(durable=True) as url:
            server = start_server(slack, url, LOG_LEVEL="WARNING")
            bot, bare = ours(server), start_bare(slack)
            try:
                reply_latency(slack, [bot, bare], 5)
                timings = reply_latency(slack, [bot, bare], count)
            finally:
                bare.stop()
                server.stop()
            return timings[bot.name], timings[bare.name]
    except BaseException as error:  # pytest.skip, or a server that does not answer
        print(f"FAQ reply on PostgreSQL skipped: {error}")
        return None


# -- 3: throughput --------------------------------------------------------------------------

def flows_per_second(slack: Recorder, url: str, workers: int, seconds: float) -> float:
    """Full reduce-licenses flows completed per second by FLOW_CLIENTS clients."""
    seed_users(url, slack, FLOW_CLIENTS)
    server = start_server(slack, url, "--workers", str(workers), LOG_LEVEL="WARNING")
    done = [0]
    lock = threading.Lock()
    until = time.monotonic() + seconds

    def client(number: int) -> None:
        user = f"U0LOAD{number:03d}"
        licenses = 400
        flow = 0
        while time.monotonic() < until:
            flow += 1
            licenses -= 1
            channel = f"D0TP{workers}{number:03d}{flow:05d}"
            server.post_signed(json.dumps(event_callback(dm_event(
                user, f"riduci a {licenses} le licenze di GoTo Webinar", channel=channel))),
                "application/json")
            found = slack.wait_in(channel, lambda c: any(b["action_id"] == "flow.confirm"
                                                         for b in c.buttons()))
            if found is None:
                continue
            summary = found[1]
            button = next(b for b in summary.buttons() if b["action_id"] == "flow.confirm")
            server.post_signed(block_actions_body(
                user, summary, button, channel=channel,
                response_url=slack.response_url(channel),
                message_ts=f"1800000001.{flow:06d}"), FORM)
            updated = slack.wait_in(channel, lambda c: c.method == "chat.update")
            if updated is not None and "Ordine confermato" in updated[1].text():
                with lock:
                    done[0] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(FLOW_CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    server.stop()
    return done[0] / elapsed


def throughput(slack: Recorder, seconds: float) -> list[tuple[str, int, float]]:
    results = []
    folder = Path(tempfile.mkdtemp(prefix="bench-flows-"))
    sqlite = f"sqlite:///{folder / 'billing.db'}"
    init_database(sqlite, demo=True)
    results.append(("SQLite", 1, flows_per_second(slack, sqlite, 1, seconds)))
    os.environ.setdefault("BILLING_TEST_DATABASE_URL",
                          "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    for workers in (1, 2):
        try:
            with postgres_demo(durable=True) as url:
                results.append(("PostgreSQL", workers,
                                flows_per_second(slack, url, workers, seconds)))
        except BaseException as error:  # pytest.skip, or a server that does not answer
            print(f"PostgreSQL with {workers} worker(s) skipped: {error}")
    return results


# -- the run ----------------------------------------------------------------------------------

def line(name: str, ours_ms: list[float], bare_ms: list[float], limit: float) -> bool:
    p50 = (statistics.median(ours_ms), statistics.median(bare_ms))
    p99 = (percentile(ours_ms, 0.99), percentile(bare_ms, 0.99))
    ratios = (p50[0] / p50[1], p99[0] / p99[1])
    ok = max(ratios) <= limit
    print(f"{name:<22} {p50[0]:>8.1f} {p50[1]:>8.1f} {ratios[0]:>6.2f}× "
          f"{p99[0]:>8.1f} {p99[1]:>8.1f} {ratios[1]:>6.2f}×  ≤{limit}× "
          f"{'ok' if ok else 'OVER'}")
    return ok


def run(quick: bool = False) -> None:
    count = 40 if quick else 1000
    replies = 30 if quick else 500
    seconds = 5.0 if quick else 20.0
    slack = Recorder()
    slack.start()
    for user, (email, name) in PEOPLE.items():
        slack.add_user(user, email, name)
    folder = Path(tempfile.mkdtemp(prefix="bench-compare-"))
    url = f"sqlite:///{folder / 'billing.db'}"
    init_database(url, demo=True)
    server = start_server(slack, url, LOG_LEVEL="WARNING")
    bot, bare = ours(server), start_bare(slack)
    rss: dict[str, float] = {}
    try:
        click = click_body(slack, bot)
        ack_latency(slack, [bot, bare], 10, click)  # warm-up: imports, caches, connections
        reply_latency(slack, [bot, bare], 5)
        acks = ack_latency(slack, [bot, bare], count, click)
        reply = reply_latency(slack, [bot, bare], replies)
        rss = {target.name: target.worker_rss_mb() for target in (bot, bare)}
    finally:
        bare.stop()
        server.stop()
    print(f"same server stack (gunicorn gthread, 1 worker, 16 threads), same stand-in (no "
          f"added latency); {count} interleaved samples per kind, {replies} replies")
    print(f"{'ms':<22} {'p50':>8} {'bare':>8} {'ratio':>7} {'p99':>8} {'bare':>8} "
          f"{'ratio':>7}")
    verdicts = [line(f"ack {kind}", acks[bot.name][kind], acks[bare.name][kind], ACK_RATIO)
                for kind in ("event", "command", "click")]
    verdicts.append(line("FAQ reply", reply[bot.name], reply[bare.name], REPLY_RATIO))
    postgres = reply_on_postgres(slack, replies)
    if postgres is not None:
        verdicts.append(line("FAQ reply, PostgreSQL", *postgres, REPLY_RATIO))
    print(f"worker RSS: billing-bot {rss.get(bot.name, float('nan')):.0f} MB, bare Bolt "
          f"{rss.get(bare.name, float('nan')):.0f} MB")
    print(f"reduce-licenses flows (message, summary, Conferma, order), {FLOW_CLIENTS} clients, "
          f"{seconds:.0f} s each:")
    for database, workers, rate in throughput(slack, seconds):
        print(f"  {database:<11} {workers} worker(s): {rate:6.1f} flows/s "
              f"({rate / workers:5.1f} per worker)")
    slack.stop()
    print("targets: " + ("all met" if all(verdicts) else "NOT all met (see OVER)"))
