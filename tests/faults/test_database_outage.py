"""The database goes away mid-flow and comes back: the person is told to try again in a moment,
nothing is ordered or half-written, /readyz says so, and when it is back the flow goes on from
where it was without restarting the bot.

The bot reaches PostgreSQL through a TCP proxy that the test cuts (every connection dropped,
new ones refused) and restores; the test itself reads the database directly.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.slack.faults import UNAVAILABLE
from tests.databases import licenses, orders
from tests.faults.proxy import Proxy
from tests.scaleout.cluster import new_channel, posted, summary_in
from tests.slack.conftest import Server, start_server
from tests.slack.fake_slack import FakeSlack, command_body, dm_event


@pytest.fixture(scope="module")
def proxy(pg_demo_url: str) -> Iterator[Proxy]:
    running = Proxy.to(pg_demo_url)
    yield running
    running.close()


@pytest.fixture(scope="module")
def server(slack: FakeSlack, pg_demo_url: str, proxy: Proxy) -> Iterator[Server]:
    running = start_server(slack, proxy.url_for(pg_demo_url), DATABASE_POOL_TIMEOUT="3")
    yield running
    running.stop()


@pytest.fixture
def outage(proxy: Proxy) -> Iterator[Proxy]:
    """The proxy, restored after the test whatever happens."""
    yield proxy
    proxy.restore()


def unavailable_in(slack: FakeSlack, channel: str, count: int = 1) -> None:
    posted(slack, channel, lambda c: "riprova tra poco" in c.text().lower(), count=count)


def test_a_click_while_the_database_is_down_then_the_flow_goes_on(
        server: Server, slack: FakeSlack, pg_demo_url: str, outage: Proxy) -> None:
    channel = new_channel()
    server.event(dm_event("U0MARIA", "riduci a 8 le licenze di GoTo Webinar", channel=channel))
    summary = summary_in(slack, channel)
    before = orders(pg_demo_url, "ACC-1001")
    pid = server.process.pid

    outage.cut()
    assert server.get("/readyz") == (503, '{"status": "database unreachable"}')
    assert server.get("/healthz")[0] == 200  # the process itself is fine
    status, _ = server.click("U0MARIA", summary, "Conferma", channel=channel,
                             message_ts="1800000000.800001", action_ts="1800000010.000001")
    assert status == 200  # acknowledged at once, database or not
    unavailable_in(slack, channel)
    assert UNAVAILABLE.startswith("Il sistema di fatturazione non risponde")
    assert orders(pg_demo_url, "ACC-1001") == before
    assert licenses(pg_demo_url, "ACC-1001", "gotowebinar") == 10
    server.logs.wait_for("database unavailable")
    assert "Traceback" not in server.logs.text

    outage.restore()
    assert server.get("/readyz")[0] == 200
    # the same summary, pressed again: the flow was still there
    server.click("U0MARIA", summary, "Conferma", channel=channel,
                 message_ts="1800000000.800001", action_ts="1800000011.000001")
    update = posted(slack, channel, method="chat.update")[0]
    assert "Ordine confermato da Maria Rossi" in update.text()
    assert len(orders(pg_demo_url, "ACC-1001")) == len(before) + 1
    assert licenses(pg_demo_url, "ACC-1001", "gotowebinar") == 8
    assert server.process.pid == pid and server.process.poll() is None


def test_the_database_goes_away_in_the_middle_of_a_turn(
        server: Server, slack: FakeSlack, pg_demo_url: str, outage: Proxy) -> None:
    """The turn has started (its delivery recorded, the person being looked up) when the
    database goes: nothing is written, the person is told, and the next message works."""
    channel = new_channel()
    looking_up = slack.hold("users.info")
    try:
        server.event(dm_event("U0GIULIA", "ci servono altre 10 postazioni su GoTo Meeting",
                              channel=channel))
        slack.wait_for(lambda calls: [c for c in calls if c.method == "users.info"
                                      and c.args.get("user") == "U0GIULIA"])
        outage.cut()
    finally:
        looking_up.set()
        slack._holds.pop("users.info", None)
    unavailable_in(slack, channel)
    outage.restore()
    server.event(dm_event("U0GIULIA", "ci servono altre 10 postazioni su GoTo Meeting",
                          channel=channel))
    reply = posted(slack, channel, lambda c: "riprova tra poco" not in c.text().lower())[0]
    assert "preventivo" in reply.text().lower()


def test_an_agents_command_and_the_home_tab_while_the_database_is_down(
        server: Server, slack: FakeSlack, outage: Proxy) -> None:
    outage.cut()
    start = len(slack.calls)
    body = command_body("U0AGENT", "account ACC-1001", "C0HELPDESK",
                        slack.response_url("outage-command"))
    assert server.post_signed(body, "application/x-www-form-urlencoded")[0] == 200
    reply = slack.wait_for(lambda calls: [c for c in calls[start:] if c.method == "response_url"
                                          and c.path.endswith("outage-command") and c.answered])
    assert "riprova tra poco" in reply[0].text().lower()
    outage.restore()
    assert server.get("/readyz")[0] == 200
