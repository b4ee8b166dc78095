"""Slack user -> profile e-mail through users.info, cached for a while, per workspace; no
e-mail means a stranger to billing_core (general answers only)."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.slack.identity import Directory
from tests.slack.fake_slack import FakeSlack


def test_users_info_is_cached_for_a_while_per_workspace(slack: FakeSlack) -> None:
    now = [1000.0]
    directory = Directory(ttl_seconds=600, monotonic=lambda: now[0])
    client = WebClient(token="xoxb-id", base_url=slack.api_url)
    start = len(slack.calls_to("users.info"))
    maria = directory.person(client, "T0BILLING", "U0MARIA")
    assert (maria.email, maria.name, maria.known) == ("maria.rossi@example.com", "Maria Rossi",
                                                      True)
    directory.person(client, "T0BILLING", "U0MARIA")
    assert len(slack.calls_to("users.info")) == start + 1      # cached
    directory.person(client, "T0OTHER", "U0MARIA")
    assert len(slack.calls_to("users.info")) == start + 2      # another workspace, another person
    now[0] += 601
    directory.person(client, "T0BILLING", "U0MARIA")
    assert len(slack.calls_to("users.info")) == start + 3      # expired: asked again


def test_no_email_is_a_stranger_and_a_failure_is_not_cached(slack: FakeSlack,
                                                             demo_url: str) -> None:
    from billing_core import BillingService, open_database

    directory = Directory()
    client = WebClient(token="xoxb-id", base_url=slack.api_url)
    guest = directory.person(client, "T0BILLING", "U0STRANGER")
    assert not guest.known and guest.email.endswith(".slack.invalid")
    database = open_database(demo_url)
    try:
        assert BillingService(database).who_is(guest.email).role == "stranger"
    finally:
        database.dispose()
    missing = directory.person(client, "T0BILLING", "U0NOBODY")
    assert not missing.known
    slack.add_user("U0NOBODY", "maria.rossi@example.com", "Maria Rossi")
    assert directory.person(client, "T0BILLING", "U0NOBODY").known
