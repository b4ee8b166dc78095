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
import os
import random
import statistics
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from tests.scaleout.cluster import cluster, metric, postgres_demo
from tests.scaleout.simulated_users import START_LICENSES, Recorder, Tally, User
from tests.slack.conftest import Server

DEFAULT_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ACK_P99_LIMIT_MS = 300.0


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


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
