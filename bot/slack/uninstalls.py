"""A workspace uninstalls the app or revokes its token: forget its installation.

Slack sends `app_uninstalled` and `tokens_revoked` (manifest.yml subscribes to both; on an
uninstall both arrive). With OAuth the workspace's installation and bot rows are deleted from
the installation store (our database), so no worker keeps a token that no longer works. The
app asks for bot scopes only, so the bot token is the one token an installation holds: its
revocation deletes both rows, which both carry it (Bolt's built-in listener would delete only
the bot row and leave the token in the installation row). With one static SLACK_BOT_TOKEN there
is nothing stored to delete: the operator is told the token no longer works.

The deletion runs after Bolt has acknowledged the event (a few milliseconds of database work).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk.oauth.installation_store import InstallationStore

EVENTS = ("app_uninstalled", "tokens_revoked")
"""The bot events of manifest.yml these listeners answer (a test checks the manifest)."""

log = logging.getLogger("bot.slack.uninstalls")


def register(app: App) -> None:
    store = app.installation_store

    @app.event("app_uninstalled")
    def on_uninstalled(context: BoltContext) -> None:
        forget(store, context, "app_uninstalled")

    @app.event("tokens_revoked")
    def on_tokens_revoked(event: dict[str, Any], context: BoltContext) -> None:
        if (event.get("tokens") or {}).get("bot"):  # users' tokens: the app holds none
            forget(store, context, "tokens_revoked")


def forget(store: InstallationStore | None, context: BoltContext, why: str) -> None:
    if store is None:
        log.warning("%s for workspace %s: SLACK_BOT_TOKEN no longer works; reinstall the app "
                    "and set the new token", why, context.team_id)
        return
    store.delete_all(enterprise_id=context.enterprise_id, team_id=context.team_id)
    log.info("%s for workspace %s: its installation is deleted", why, context.team_id)
