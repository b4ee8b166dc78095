"""Many workspaces: with SLACK_CLIENT_ID/SLACK_CLIENT_SECRET the app installs through Slack's
OAuth flow (/slack/install, /slack/oauth_redirect), stores installations and OAuth states in the
project's database (migration 0005, slack_sdk's SQLAlchemy stores), and answers each workspace
with that workspace's token."""

from __future__ import annotations

import json
import re
import signal
import urllib.parse
import urllib.request

import sqlalchemy as sa

from billing_core import init_database, open_database
from tests.slack.conftest import start_server
from tests.slack.fake_slack import FakeSlack, dm_event, event_callback


def test_migration_builds_slack_sdks_own_tables(empty_database_url: str) -> None:
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
    from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

    init_database(empty_database_url)
    database = open_database(empty_database_url)
    try:
        stores: list[SQLAlchemyInstallationStore | SQLAlchemyOAuthStateStore] = [
            SQLAlchemyInstallationStore(client_id="1.2", engine=database.engine),
            SQLAlchemyOAuthStateStore(expiration_seconds=60, engine=database.engine)]
        inspector = sa.inspect(database.engine)
        for store in stores:
            for table in store.metadata.sorted_tables:
                migrated = {c["name"]: c["nullable"] for c in inspector.get_columns(table.name)}
                expected = {c.name: c.nullable for c in table.columns}
                assert migrated == expected, table.name
    finally:
        database.dispose()


def test_install_into_another_workspace_and_answer_it_with_its_token(
        slack: FakeSlack, demo_url: str) -> None:
    server = start_server(slack, demo_url, SLACK_BOT_TOKEN="", SLACK_CLIENT_ID="1111.2222",
                          SLACK_CLIENT_SECRET="oauth-client-secret")
    try:
        status, page = server.get("/slack/install")
        assert status == 200
        link = re.search(r'href="(https://slack.com/oauth/v2/authorize\?[^"]+)"', page)
        assert link is not None
        query = urllib.parse.parse_qs(urllib.parse.urlparse(
            link.group(1).replace("&amp;", "&")).query)
        assert set(query["scope"][0].split(",")) >= {"chat:write", "users:read.email"}
        state = query["state"][0]
        # the browser comes back from Slack with a code, the state and Bolt's state cookie
        request = urllib.request.Request(
            f"{server.url}/slack/oauth_redirect?code=code-1&state={state}",
            headers={"Cookie": f"slack-app-oauth-state={state}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
        exchange = slack.wait_calls("oauth.v2.access")[0]
        assert exchange.args["code"] == "code-1"
        # an event from the new workspace is answered with its own bot token
        event = dm_event("U0MARIA", "ciao", channel="D0OTHER")
        event["team"] = "T0OTHER"
        body = json.dumps(event_callback(event, team="T0OTHER"))
        assert server.post_signed(body, "application/json")[0] == 200
        reply = slack.wait_for(lambda calls: [c for c in calls if c.method == "chat.postMessage"
                                              and c.answered
                                              and c.args["channel"] == "D0OTHER"])[0]
        assert reply.token == "xoxb-installed"
    finally:
        server.stop(signal.SIGTERM)
