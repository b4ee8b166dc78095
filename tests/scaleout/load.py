"""`make load`: simulated Slack users against two `billing-bot serve` processes on one
PostgreSQL, then the books are checked from the database and the Web API stand-in's records.

    python -m tests.scaleout.load                       # 200 users, 60 s, 2 serve processes
    python -m tests.scaleout.load --users 50 --seconds 20

Each simulated user is a billing contact with an account of their own (seeded into a fresh
schema beside the demo data) and, in a loop with a pause to think between actions, does one of:
ask an FAQ question; run a full license reduction confirmed with the Conferma button; the same
with a double click whose two presses reach different workers at the same instant; send a
question that Slack retries on the other worker; start a reduction and abandon it at the
summary. Requests go to the two servers in turn (a load balancer); Slack's own latency is
simulated by the stand-in (`--slack-latency`, 100 ms).

At the end, checked:
- every confirmed flow has exactly one order, and no order exists without a confirmation;
- no lost message: every event got its answer, and a retried one exactly one;
- a double click confirmed once (one message update, one order);
- no 5xx; acknowledgement p99 under 300 ms.
Exit status 0 when every check holds, 1 otherwise; the figures are printed either way.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from tests.scaleout.cluster import Cluster, cluster, metric, postgres_demo
from tests.slack.conftest import SECRET, Server
from tests.slack.fake_slack import (
    Call,
    FakeSlack,
    block_actions_body,
    dm_event,
    event_callback,
    signed,
)

DEFAULT_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ACK_P99_LIMIT_MS = 300.0
FAQ = ["come cambio il metodo di pagamento?", "chi è il nostro contatto di fatturazione?",
       "come scarico le fatture?", "cos'è il centro fatturazione?",
       "come posso passare alla fatturazione annuale?"]
SCENARIOS = {"faq": 35, "flow": 25, "double_click": 10, "retried_event": 15, "abandoned": 15}
START_LICENSES = 400
REPLY_TIMEOUT = 60.0
FORM = "application/x-www-form-urlencoded"


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# -- the Web API stand-in, indexed by channel ---------------------------------------------------

class Recorder(FakeSlack):
    """The tests' stand-in, with answered calls indexed by channel (200 users waiting on one
    condition would wake each other thousands of times a second)."""

    def __init__(self) -> None:
        super().__init__()
        self.by_channel: dict[str, list[tuple[float, Call]]] = defaultdict(list)
        self._channel_changed = threading.Condition()

    def _answered(self, call: Call) -> None:
        super()._answered(call)
        channel = str(call.args.get("channel") or call.path)
        with self._channel_changed:
            self.by_channel[channel].append((time.perf_counter(), call))
            self._channel_changed.notify_all()

    def wait_in(self, channel: str, predicate: Callable[[Call], bool],
                timeout: float = REPLY_TIMEOUT) -> tuple[float, Call] | None:
        deadline = time.monotonic() + timeout
        with self._channel_changed:
            while True:
                for at, call in self.by_channel.get(channel, []):
                    if predicate(call):
                        return at, call
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._channel_changed.wait(min(remaining, 1.0))

    def in_channel(self, channel: str, method: str = "chat.postMessage") -> list[Call]:
        with self._channel_changed:
            return [call for _, call in self.by_channel.get(channel, [])
                    if call.method == method]


# -- what happened ------------------------------------------------------------------------------

@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    acks: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[int] = field(default_factory=Counter)
    replies: list[float] = field(default_factory=list)
    scenarios: Counter[str] = field(default_factory=Counter)
    events: dict[str, str] = field(default_factory=dict)
    """event_id → channel of every distinct event sent."""
    retried: set[str] = field(default_factory=set)
    """Channels whose single event was delivered twice."""
    confirmed: set[str] = field(default_factory=set)
    """Preview ids confirmed with a click (the bot said "Ordine confermato")."""
    double_clicked: set[str] = field(default_factory=set)
    """Channels of a double click."""
    abandoned: set[str] = field(default_factory=set)
    """Preview ids shown and never confirmed."""
    problems: list[str] = field(default_factory=list)

    def ack(self, kind: str, status: int, seconds: float) -> None:
        with self.lock:
            self.acks[kind].append(seconds * 1000)
            self.statuses[status] += 1

    def problem(self, text: str) -> None:
        with self.lock:
            if len(self.problems) < 50:
                self.problems.append(text)


class User:
    def __init__(self, number: int, slack: Recorder, balancer: Cluster, tally: Tally,
                 rng: random.Random) -> None:
        self.id = f"U0LOAD{number:03d}"
        self.number = number
        self.slack = slack
        self.balancer = balancer
        self.tally = tally
        self.rng = rng
        self.licenses = START_LICENSES
        self.conversations = 0

    # -- requests --------------------------------------------------------------------------

    def send(self, server: Server, kind: str, body: str, content_type: str,
             retry: int | None = None) -> int:
        headers = signed(body, SECRET, content_type=content_type, retry=retry)
        started = time.perf_counter()
        try:
            status, _ = server.request("POST", "/slack/events", body, headers)
        except OSError as error:
            self.tally.problem(f"{kind}: {type(error).__name__}")
            status = 599
        self.tally.ack(kind, status, time.perf_counter() - started)
        return status

    def message(self, channel: str, text: str, server: Server | None = None) -> float:
        event = dm_event(self.id, text, channel=channel)
        body = event_callback(event)
        with self.tally.lock:
            self.tally.events[body["event_id"]] = channel
        sent = time.perf_counter()
        self.send(server or self.balancer.next(), "event", json.dumps(body), "application/json")
        return sent

    def click(self, summary: Call, label: str, channel: str, server: Server,
              action_ts: str) -> None:
        button = next(b for b in summary.buttons() if b["text"]["text"] == label)
        body = block_actions_body(self.id, summary, button, channel=channel,
                                  response_url=self.slack.response_url(channel),
                                  message_ts=f"1800000000.{self.conversations:06d}",
                                  action_ts=action_ts)
        self.send(server, "click", body, FORM)

    def first_reply(self, channel: str, sent: float) -> Call | None:
        found = self.slack.wait_in(channel, lambda c: c.method == "chat.postMessage")
        if found is None:
            self.tally.problem(f"no answer in {channel}")
            return None
        at, call = found
        with self.tally.lock:
            self.tally.replies.append((at - sent) * 1000)
        return call

    # -- scenarios -------------------------------------------------------------------------

    def channel(self) -> str:
        self.conversations += 1
        return f"D{self.id[1:]}{self.conversations:04d}"

    def faq(self) -> None:
        channel = self.channel()
        sent = self.message(channel, self.rng.choice(FAQ))
        self.first_reply(channel, sent)

    def retried_event(self) -> None:
        channel = self.channel()
        body = event_callback(dm_event(self.id, self.rng.choice(FAQ), channel=channel))
        with self.tally.lock:
            self.tally.events[body["event_id"]] = channel
            self.tally.retried.add(channel)
        raw = json.dumps(body)
        sent = time.perf_counter()
        self.send(self.balancer.next(), "event", raw, "application/json")
        self.send(self.balancer.next(), "event", raw, "application/json", retry=1)
        self.first_reply(channel, sent)

    def summary(self, channel: str) -> Call | None:
        self.licenses -= 1
        sent = self.message(channel, f"riduci a {self.licenses} le licenze di GoTo Webinar")
        found = self.slack.wait_in(channel, lambda c: any(
            b["action_id"] == "flow.confirm" for b in c.buttons()))
        if found is None:
            self.tally.problem(f"no summary in {channel}")
            return None
        at, call = found
        with self.tally.lock:
            self.tally.replies.append((at - sent) * 1000)
        return call

    def flow(self, double: bool = False) -> None:
        channel = self.channel()
        summary = self.summary(channel)
        if summary is None:
            return
        self.think(0.5, 2.0)  # reads the summary
        preview = next(b["value"] for b in summary.buttons() if b["action_id"] == "flow.confirm")
        stamp = f"{time.time():.6f}"
        if double:
            with self.tally.lock:
                self.tally.double_clicked.add(channel)
            first, second = self.balancer.servers[0], self.balancer.servers[1]
            threads = [threading.Thread(target=self.click,
                                        args=(summary, "Conferma", channel, server,
                                              f"{stamp}{index}"))
                       for index, server in enumerate((first, second))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        else:
            self.click(summary, "Conferma", channel, self.balancer.next(), stamp)
        update = self.slack.wait_in(channel, lambda c: c.method == "chat.update")
        if update is None:
            self.tally.problem(f"no confirmation in {channel}")
            return
        if "Ordine confermato" in update[1].text():
            with self.tally.lock:
                self.tally.confirmed.add(preview)
        else:
            self.tally.problem(f"confirmation refused in {channel}: {update[1].text()[:80]}")

    def abandoned(self) -> None:
        channel = self.channel()
        summary = self.summary(channel)
        if summary is not None:
            self.licenses += 1  # nothing was ordered
            preview = next(b["value"] for b in summary.buttons()
                           if b["action_id"] == "flow.confirm")
            with self.tally.lock:
                self.tally.abandoned.add(preview)

    def think(self, low: float, high: float) -> None:
        time.sleep(self.rng.uniform(low, high))

    def run(self, until: float, think: tuple[float, float]) -> None:
        names = list(SCENARIOS)
        weights = list(SCENARIOS.values())
        self.think(0, think[1])  # users do not all start at the same instant
        while time.monotonic() < until:
            name = self.rng.choices(names, weights)[0]
            with self.tally.lock:
                self.tally.scenarios[name] += 1
            try:
                if name == "double_click":
                    self.flow(double=True)
                else:
                    getattr(self, name)()
            except Exception as error:  # a bug in the driver must not hide the figures
                self.tally.problem(f"{name}: {type(error).__name__}: {error}")
            self.think(*think)


# -- the accounts -------------------------------------------------------------------------------

def seed_users(url: str, slack: Recorder, count: int) -> None:
    """One standard account per simulated user: billing contact, card, VAT number, GoTo Webinar
    pro with START_LICENSES licenses, monthly, in the middle of its period."""
    from billing_core import open_database
    from billing_core.models import Account, Contact, Subscription
    from billing_core.pricing import period_end
    from billing_core.unit_of_work import unit_of_work

    database = open_database(url)
    now = datetime.now(UTC)
    start = now.date() - timedelta(days=10)
    try:
        with unit_of_work(database) as session:
            for number in range(count):
                account = f"ACC-L{number:03d}"
                email = f"load{number:03d}@example.com"
                session.add(Account(id=account, name=f"Carico {number:03d} S.r.l.",
                                    kind="standard", country="IT", currency="EUR",
                                    business=True, vat_number="IT07643520567",
                                    payment_method="card", balance=Decimal("0.00"),
                                    created_at=now))
                session.flush()
                session.add(Contact(account_id=account, email=email,
                                    name=f"Utente {number:03d}", role="billing_contact"))
                session.add(Subscription(
                    id=f"SUB-L{number:03d}", account_id=account, product="gotowebinar",
                    tier="pro", licenses=START_LICENSES, frequency="monthly", status="active",
                    billing_anchor=start, period_start=start,
                    period_end=period_end(start, "monthly"), charged=Decimal("0.00"),
                    cancel_at_period_end=False))
                slack.add_user(f"U0LOAD{number:03d}", email, f"Utente {number:03d}")
    finally:
        database.dispose()


def orders_by_preview(url: str) -> dict[str, int]:
    from sqlalchemy import func, select

    from billing_core import open_database
    from billing_core.models import OrderRecord

    database = open_database(url)
    try:
        with database.sessions() as session:
            rows = session.execute(select(OrderRecord.preview_id, func.count())
                                   .where(OrderRecord.account_id.like("ACC-L%"))
                                   .group_by(OrderRecord.preview_id)).all()
    finally:
        database.dispose()
    return {preview: count for preview, count in rows}


# -- the run ------------------------------------------------------------------------------------

def quiet(slack: Recorder, servers: list[Server], events: int, timeout: float = 120.0
          ) -> str:
    """Wait until every distinct event was worked on (the metrics of both servers)."""
    deadline = time.monotonic() + timeout
    while True:
        texts = [server.get("/metrics")[1] for server in servers]
        done = sum(metric(text, "billing_bot_work_total", type="message.im") for text in texts)
        clicks = sum(metric(text, "billing_bot_requests_total", type="block_actions:flow.confirm")
                     for text in texts)
        worked = sum(metric(text, "billing_bot_work_total", type="block_actions")
                     for text in texts)
        if (done >= events and worked >= clicks) or time.monotonic() > deadline:
            return "\n".join(texts)
        time.sleep(0.5)


def check(tally: Tally, slack: Recorder, url: str, metrics_text: str) -> list[str]:
    failures: list[str] = []
    orders = orders_by_preview(url)
    missing = [p for p in tally.confirmed if orders.get(p, 0) != 1]
    if missing:
        failures.append(f"{len(missing)} confirmed flows without exactly one order: "
                        f"{missing[:5]}")
    unconfirmed = [p for p in orders if p not in tally.confirmed]
    if unconfirmed:
        failures.append(f"{len(unconfirmed)} orders without a confirmation: {unconfirmed[:5]}")
    ordered_abandoned = [p for p in tally.abandoned if p in orders]
    if ordered_abandoned:
        failures.append(f"{len(ordered_abandoned)} abandoned flows have an order")
    lost = [event for event, channel in tally.events.items() if not slack.in_channel(channel)]
    if lost:
        failures.append(f"{len(lost)} events never answered: {lost[:5]}")
    # a retry handled again would post the same answer a second time (one question's answer
    # may itself be more than one message: the article, then "Vuoi che lo faccia ora?")
    twice = [c for c in tally.retried
             if len({m.text() for m in slack.in_channel(c)}) != len(slack.in_channel(c))]
    if twice:
        failures.append(f"{len(twice)} retried events not answered exactly once: {twice[:5]}")
    doubled = [c for c in tally.double_clicked if len(slack.in_channel(c, "chat.update")) > 1]
    if doubled:
        failures.append(f"{len(doubled)} double clicks updated the message twice")
    errors = sum(n for status, n in tally.statuses.items() if status >= 500)
    if errors:
        failures.append(f"{errors} responses 5xx (or no response)")
    every_ack = [ms for values in tally.acks.values() for ms in values]
    if percentile(every_ack, 0.99) >= ACK_P99_LIMIT_MS:
        failures.append(f"ack p99 {percentile(every_ack, 0.99):.1f} ms ≥ {ACK_P99_LIMIT_MS} ms")
    # every delivery is worked on once; every retry is recognised and dropped
    worked = metric(metrics_text, "billing_bot_work_total", type="message.im")
    dropped = metric(metrics_text, "billing_bot_duplicates_total")
    if worked != len(tally.events) + len(tally.retried) or dropped != len(tally.retried):
        failures.append(f"{len(tally.events)} distinct events and {len(tally.retried)} "
                        f"retries sent; {worked:.0f} deliveries worked on, {dropped:.0f} "
                        "dropped as duplicates")
    return failures


def report(tally: Tally, slack: Recorder, metrics_text: str, seconds: float, users: int,
           failures: list[str]) -> None:
    print(f"load: {users} simulated Slack users, 2 serve processes (1 gthread worker each), "
          f"PostgreSQL, {seconds:.0f} s")
    print("scenarios: " + ", ".join(f"{name} {n}" for name, n in sorted(tally.scenarios.items())))
    every = [ms for values in tally.acks.values() for ms in values]
    print(f"requests: {len(every)} ({len(every) / seconds:.1f}/s), statuses "
          + ", ".join(f"{status}: {n}" for status, n in sorted(tally.statuses.items())))
    print(f"{'ack':<8} {'n':>6} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind, values in [*sorted(tally.acks.items()), ("all", every)]:
        print(f"{kind:<8} {len(values):>6} {statistics.median(values):>8.1f} "
              f"{percentile(values, 0.99):>8.1f} {max(values):>8.1f}")
    replies = tally.replies
    print(f"reply (event in → chat.postMessage at the stand-in): n {len(replies)}, p50 "
          f"{statistics.median(replies):.0f} ms, p99 {percentile(replies, 0.99):.0f} ms, "
          f"max {max(replies):.0f} ms")
    print(f"flows confirmed: {len(tally.confirmed)} (orders: "
          f"{metric(metrics_text, 'billing_bot_orders_placed_total'):.0f}), "
          f"double clicks: {len(tally.double_clicked)}, retried events: {len(tally.retried)}, "
          f"abandoned: {len(tally.abandoned)}, duplicates dropped: "
          f"{metric(metrics_text, 'billing_bot_duplicates_total'):.0f}")
    print(f"distinct events: {len(tally.events)}, Web API calls: {len(slack.calls)}")
    for line in tally.problems[:20]:
        print(f"  problem: {line}")
    if failures:
        print("FAILED:")
        for line in failures:
            print(f"  - {line}")
    else:
        print("every check holds: one order per confirmed flow, none without a confirmation, "
              "every event answered once, no 5xx, ack p99 < 300 ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.scaleout.load", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 6.0),
                        metavar=("MIN", "MAX"), help="seconds between a user's actions")
    parser.add_argument("--slack-latency", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args(argv)
    os.environ.setdefault("BILLING_TEST_DATABASE_URL", DEFAULT_DATABASE)
    slack = Recorder()
    slack.start()
    slack.latency = args.slack_latency
    tally = Tally()
    failures = ["the run did not finish"]
    try:
        with postgres_demo(durable=True) as url:
            seed_users(url, slack, args.users)
            with cluster(slack, url, 2, LOG_LEVEL="WARNING") as balancer:
                started = time.monotonic()
                until = started + args.seconds
                users = [User(n, slack, balancer, tally, random.Random(args.seed * 1000 + n))
                         for n in range(args.users)]
                threads = [threading.Thread(target=user.run, args=(until, tuple(args.think)),
                                            daemon=True) for user in users]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                elapsed = time.monotonic() - started
                metrics_text = quiet(slack, balancer.servers, len(tally.events))
                failures = check(tally, slack, url, metrics_text)
                report(tally, slack, metrics_text, elapsed, args.users, failures)
    finally:
        slack.stop()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
