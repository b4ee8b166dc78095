"""Many workspaces: with SLACK_CLIENT_ID/SLACK_CLIENT_SECRET the app installs through Slack's
OAuth flow (/slack/install, /slack/oauth_redirect), stores installations and OAuth states in the
project's database (migration 0005, slack_sdk's SQLAlchemy stores), answers each workspace
with that workspace's token, and forgets a workspace that uninstalls the app."""

from __future__ import annotations

import json
import re
import signal
import urllib.parse
import urllib.request
from pathlib import Path
from typing import TypedDict

import sqlalchemy as sa

from billing_core import init_database, open_database
from tests.slack.conftest import Server, start_server
from tests.slack.fake_slack import BOT_USER, FakeSlack, dm_event, event_callback


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


CLIENT_ID = "1111.2222"


class OAuthSettings(TypedDict):
    """The environment of a server that installs through OAuth (no bot token of its own)."""

    SLACK_BOT_TOKEN: str
    SLACK_CLIENT_ID: str
    SLACK_CLIENT_SECRET: str


OAUTH = OAuthSettings(SLACK_BOT_TOKEN="", SLACK_CLIENT_ID=CLIENT_ID,
                      SLACK_CLIENT_SECRET="oauth-client-secret")


def install(server: Server) -> str:
    """Slack's OAuth flow, as a browser goes through it, into T0OTHER (the workspace the Web
    API stand-in's oauth.v2.access answers for). Returns the authorize address the install page
    sent the browser to."""
    status, page = server.get("/slack/install")
    assert status == 200
    link = re.search(r'<a href="([^"]+)"', page)
    assert link is not None
    authorize = link.group(1).replace("&amp;", "&")
    query = urllib.parse.parse_qs(urllib.parse.urlparse(authorize).query)
    assert query["client_id"] == [CLIENT_ID]
    assert set(query["scope"][0].split(",")) >= {"chat:write", "users:read.email"}
    state = query["state"][0]
    # the browser comes back from Slack with a code, the state and Bolt's state cookie
    request = urllib.request.Request(
        f"{server.url}/slack/oauth_redirect?code=code-1&state={state}",
        headers={"Cookie": f"slack-app-oauth-state={state}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
    return authorize


def stored_tokens(database_url: str) -> set[tuple[str, str, str]]:
    """(table, workspace, bot token) of every row of the installation store."""
    database = open_database(database_url)
    try:
        with database.engine.connect() as connection:
            return {(table, row.team_id, row.bot_token)
                    for table in ("slack_installations", "slack_bots")
                    for row in connection.execute(
                        sa.text(f"SELECT team_id, bot_token FROM {table}"))}
    finally:
        database.dispose()


def test_install_into_another_workspace_and_answer_it_with_its_token(
        slack: FakeSlack, demo_url: str) -> None:
    server = start_server(slack, demo_url, **OAUTH)
    try:
        assert install(server).startswith("https://slack.com/oauth/v2/authorize?")
        exchange = slack.wait_calls("oauth.v2.access")[-1]
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


def test_govslack_install_goes_to_the_configured_authorize_address(
        slack: FakeSlack, demo_url: str) -> None:
    server = start_server(slack, demo_url, **OAUTH,
                          SLACK_AUTHORIZE_URL="https://slack-gov.com/oauth/v2/authorize")
    try:
        assert install(server).startswith("https://slack-gov.com/oauth/v2/authorize?state=")
    finally:
        server.stop(signal.SIGTERM)


def test_an_uninstalled_workspace_loses_its_tokens(slack: FakeSlack, tmp_path: Path) -> None:
    """Slack's `tokens_revoked` (bot token) and `app_uninstalled` each delete the workspace's
    installation and bot rows; another workspace's installation stays."""
    from slack_sdk.oauth.installation_store import Installation
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

    database_url = f"sqlite:///{tmp_path / 'billing.db'}"
    init_database(database_url, demo=True)
    database = open_database(database_url)
    try:
        SQLAlchemyInstallationStore(client_id=CLIENT_ID, engine=database.engine).save(
            Installation(app_id="A0BILLING", team_id="T0KEEP", user_id="U0KEEPER",
                         bot_token="xoxb-keep", bot_id="B0KEEP", bot_user_id=BOT_USER,
                         bot_scopes=["chat:write"]))
    finally:
        database.dispose()
    kept = {("slack_installations", "T0KEEP", "xoxb-keep"), ("slack_bots", "T0KEEP", "xoxb-keep")}
    server = start_server(slack, database_url, **OAUTH)
    try:
        for event in ({"type": "tokens_revoked", "tokens": {"oauth": [], "bot": [BOT_USER]},
                       "event_ts": "1800000000.000100"},
                      {"type": "app_uninstalled", "event_ts": "1800000000.000200"}):
            install(server)
            assert stored_tokens(database_url) == kept | {
                ("slack_installations", "T0OTHER", "xoxb-installed"),
                ("slack_bots", "T0OTHER", "xoxb-installed")}
            body = json.dumps(event_callback(event, team="T0OTHER"))
            assert server.post_signed(body, "application/json")[0] == 200
            server.logs.wait_for(f"{event['type']} for workspace T0OTHER: its installation "
                                 "is deleted")
            assert stored_tokens(database_url) == kept
    finally:
        server.stop(signal.SIGTERM)


def test_one_workspace_uninstalled_is_acknowledged_and_logged(server: Server) -> None:
    """With one static SLACK_BOT_TOKEN nothing is stored: the events are acknowledged (not 404,
    which Slack counts as a failed delivery) and the operator is told the token is dead."""
    body = json.dumps(event_callback({"type": "app_uninstalled", "event_ts": "1800000000.1"}))
    assert server.post_signed(body, "application/json")[0] == 200
    line = server.logs.wait_for("app_uninstalled for workspace T0BILLING")[0]
    assert "SLACK_BOT_TOKEN no longer works" in line
