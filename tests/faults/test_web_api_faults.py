"""The Slack Web API misbehaves: 429 with Retry-After, then 500s, then a call that times out.
The bot retries with backoff within one budget, posts each message once, and its
acknowledgements never wait for any of it."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import pytest

from tests.scaleout.cluster import calls_in, new_channel, posted
from tests.slack.conftest import Server, start_server
from tests.slack.fake_slack import FakeSlack, dm_event

QUESTION = "come cambio il metodo di pagamento?"


@pytest.fixture(scope="module")
def server(slack: FakeSlack, sqlite_demo_url: str) -> Iterator[Server]:
    running = start_server(slack, sqlite_demo_url, SLACK_API_TIMEOUT="1")
    yield running
    running.stop()


def test_429_then_500s_then_a_timeout_post_the_answer_once_with_backoff(
        server: Server, slack: FakeSlack) -> None:
    channel = new_channel()
    server.event(dm_event("U0LUCA", "ciao", channel=channel))  # Luca looked up and cached
    posted(slack, channel)
    release = slack.hold("chat.postMessage")
    slack.fail("chat.postMessage", 429, retry_after=1)
    slack.fail("chat.postMessage", 500, 500)
    slack.slow("chat.postMessage", 3)  # done by Slack, but the bot gives up after 1 s
    try:
        status, _ = server.event(dm_event("U0LUCA", QUESTION, channel=channel))
        # acknowledged while the Web API has not answered anything yet
        assert status == 200
        pending = slack.wait_for(lambda calls: [c for c in calls if c.method == "chat.postMessage"
                                                and c.args["channel"] == channel
                                                and not c.answered])
        assert len(pending) == 1
    finally:
        release.set()
        slack._holds.pop("chat.postMessage", None)
    attempts = posted(slack, channel, count=5)[1:]  # the first is the answer to "ciao"
    server.logs.wait_for("chat.postMessage failed: TimeoutError")
    # four attempts of the same message; the last reached Slack (it timed out on the way
    # back) and was not sent again
    assert len(calls_in(slack, channel)) == 5
    assert len({c.text() for c in attempts}) == 1
    # backoff: Retry-After (1 s) honoured, then exponential waits (1 s, 2 s, plus jitter)
    gaps = [later.at - earlier.at for earlier, later in pairwise(attempts)]
    assert gaps[0] >= 1.0 and gaps[1] >= 1.0 and gaps[2] >= 2.0
    # the next message is answered normally
    server.event(dm_event("U0LUCA", "grazie", channel=channel))
    posted(slack, channel, count=6)
    assert len(calls_in(slack, channel)) == 6


def test_a_message_after_too_many_server_errors_is_given_up_once(
        server: Server, slack: FakeSlack) -> None:
    channel = new_channel()
    slack.fail("chat.postMessage", 500, 503, 500, 503, 500)
    server.event(dm_event("U0LUCA", QUESTION, channel=channel))
    server.logs.wait_for("chat.postMessage failed: fake_failure")
    assert len(calls_in(slack, channel)) == 5  # the first try and four retries, then no more
    server.event(dm_event("U0LUCA", "grazie", channel=channel))
    posted(slack, channel, count=6)
    assert len(calls_in(slack, channel)) == 6


def test_a_read_that_timed_out_is_asked_again(server: Server, slack: FakeSlack) -> None:
    """users.info only reads: after a timeout it is asked again and the person recognised."""
    channel = new_channel()
    slack.slow("users.info", 3)
    server.event(dm_event("U0ELENA", "chi è il nostro contatto di fatturazione?",
                          channel=channel))
    answer = posted(slack, channel)[0]
    assert "Elena Ferri" in answer.text()
    lookups = [c for c in slack.calls_to("users.info") if c.args.get("user") == "U0ELENA"]
    assert len(lookups) == 2


def test_acknowledgements_do_not_wait_for_a_stuck_web_api(
        server: Server, slack: FakeSlack) -> None:
    """Every Web API call hangs: events, commands and clicks are still acknowledged."""
    release = slack.hold("chat.postMessage")
    channels = [new_channel() for _ in range(12)]
    try:
        for channel in channels:
            assert server.event(dm_event("U0LUCA", QUESTION, channel=channel))[0] == 200
        status, _, _ = server.command("U0AGENT", "help")
        assert status == 200
        slack.wait_for(lambda calls: len([c for c in calls if c.method == "chat.postMessage"
                                          and c.args["channel"] in channels]) >= 8)
        assert all(not c.answered for c in slack.calls_to("chat.postMessage")
                   if c.args["channel"] in channels)
    finally:
        release.set()
        slack._holds.pop("chat.postMessage", None)
    for channel in channels:
        posted(slack, channel)
