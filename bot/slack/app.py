"""The Bolt app, built by a factory from settings and services (no module globals).

Bolt takes the Web API address only through its client, so the app gets a
`WebClient(base_url=SLACK_API_URL, retry_handlers=…)`: Slack's own, GovSlack's, or a local
stand-in in tests; in OAuth mode Bolt copies its base URL and retry handlers into each
workspace's client.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

from bot.settings import Settings
from bot.slack import listeners, uninstalls
from bot.slack.services import WEB_API_TIMEOUT_SECONDS, SlackServices, retry_handlers

BOT_SCOPES = ("app_mentions:read", "chat:write", "commands", "im:history", "users:read",
              "users:read.email")
"""The bot scopes the code needs (manifest.yml lists exactly these; a test checks it)."""
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
OAUTH_STATE_SECONDS = 600
DEFAULT_LISTENER_THREADS = 16
"""Bolt's listener executor only runs the acknowledging half of each listener (a few
microseconds of work each): one thread per request the server handles at once is enough."""


def web_client(settings: Settings) -> WebClient:
    return WebClient(token=None if settings.oauth else settings.slack_bot_token,
                     base_url=settings.slack_api_url, timeout=WEB_API_TIMEOUT_SECONDS,
                     retry_handlers=retry_handlers())


def oauth_settings(settings: Settings, services: SlackServices) -> OAuthSettings:
    """Many workspaces: installations and OAuth states in our own database (migration 0005),
    never slack_sdk's file stores (several workers share one database). /slack/install sends
    the browser to SLACK_AUTHORIZE_URL (Slack's, or GovSlack's)."""
    assert settings.slack_client_id and settings.slack_client_secret
    engine = services.database.engine
    return OAuthSettings(
        client_id=settings.slack_client_id, client_secret=settings.slack_client_secret,
        scopes=list(BOT_SCOPES), user_scopes=[],
        authorization_url=settings.slack_authorize_url,
        install_path=INSTALL_PATH, redirect_uri_path=REDIRECT_PATH,
        installation_store=SQLAlchemyInstallationStore(
            client_id=settings.slack_client_id, engine=engine),
        state_store=SQLAlchemyOAuthStateStore(expiration_seconds=OAUTH_STATE_SECONDS,
                                              engine=engine),
        installation_store_bot_only=True,
        token_rotation_expiration_minutes=120,
    )


def build_app(settings: Settings, services: SlackServices, *, socket_mode: bool = False,
              listener_threads: int = DEFAULT_LISTENER_THREADS) -> App:
    """An App with every listener registered. HTTP mode checks signatures (a forged or stale
    request gets 401); Socket Mode has no signatures to check."""
    app = App(
        name="billing-bot",
        logger=logging.getLogger("slack_bolt"),
        client=web_client(settings),
        signing_secret=settings.slack_signing_secret,
        request_verification_enabled=not socket_mode,
        process_before_response=False,
        listener_executor=ThreadPoolExecutor(max_workers=listener_threads,
                                             thread_name_prefix="bolt-listener"),
        oauth_settings=oauth_settings(settings, services) if settings.oauth else None,
        installation_store_bot_only=True if settings.oauth else None,
    )
    listeners.register(app, services)
    uninstalls.register(app)
    return app
