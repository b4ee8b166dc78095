"""Configuration from the environment (and an optional `.env` file).

Every command reads the same `Settings`; `billing-bot serve` then asks `slack_problem()` whether
what the Slack app needs is there, and stops with one line naming what is missing.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.errors import UserError

DEFAULT_DATABASE_URL = "sqlite:///billing-bot.db"
DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_SLACK_AUTHORIZE_URL = "https://slack.com/oauth/v2/authorize"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    """SQLite file in the working folder by default; PostgreSQL in production."""

    outbox_backend: str = "console"
    """Where confirmation e-mails go: `console` (stdout) or `file` (see outbox_dir)."""
    outbox_dir: str = "outbox"

    slack_signing_secret: str | None = None
    """Checks that a request comes from Slack (HTTP mode)."""
    slack_bot_token: str | None = None
    """xoxb-…: one workspace. Instead of it, SLACK_CLIENT_ID/SECRET install into many."""
    slack_app_token: str | None = None
    """xapp-…: Socket Mode (`serve --socket`)."""
    slack_api_url: str = DEFAULT_SLACK_API_URL
    """Web API base URL: Slack's own, GovSlack's, or a local stand-in in tests."""
    slack_client_id: str | None = None
    slack_client_secret: str | None = None
    """OAuth app credentials: multi-workspace installs at /slack/install."""
    slack_authorize_url: str = DEFAULT_SLACK_AUTHORIZE_URL
    """Where /slack/install sends the browser: Slack's OAuth page, or GovSlack's."""
    support_channel_id: str | None = None
    """The channel where handoffs to a person are posted (e.g. C0123456789)."""
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("slack_signing_secret", "slack_bot_token", "slack_app_token",
                     "slack_client_id", "slack_client_secret", "support_channel_id",
                     mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value.strip() if isinstance(value, str) else value

    @field_validator("slack_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        value = _web_address(value, DEFAULT_SLACK_API_URL)
        return value if value.endswith("/") else value + "/"

    @field_validator("slack_authorize_url")
    @classmethod
    def _authorize_url(cls, value: str) -> str:
        return _web_address(value, DEFAULT_SLACK_AUTHORIZE_URL)

    @property
    def oauth(self) -> bool:
        """Many workspaces through Slack's OAuth flow (client id and secret set)."""
        return bool(self.slack_client_id and self.slack_client_secret)

    def slack_problem(self, *, socket: bool) -> str | None:
        """What `serve` is missing, as one sentence naming the variables; None when complete."""
        missing: list[str] = []
        if socket:
            if not self.slack_app_token:
                missing.append("SLACK_APP_TOKEN (xapp-…, per la Socket Mode)")
        elif not self.slack_signing_secret:
            missing.append("SLACK_SIGNING_SECRET")
        if self.slack_client_id and not self.slack_client_secret:
            missing.append("SLACK_CLIENT_SECRET (c'è SLACK_CLIENT_ID)")
        elif self.slack_client_secret and not self.slack_client_id:
            missing.append("SLACK_CLIENT_ID (c'è SLACK_CLIENT_SECRET)")
        elif not self.oauth and not self.slack_bot_token:
            missing.append("SLACK_BOT_TOKEN (xoxb-…), oppure SLACK_CLIENT_ID e "
                           "SLACK_CLIENT_SECRET per installare l'app in più workspace")
        if socket and self.oauth:
            return ("la Socket Mode serve un solo workspace: imposta SLACK_BOT_TOKEN invece di "
                    "SLACK_CLIENT_ID/SLACK_CLIENT_SECRET.")
        if not missing:
            return None
        return "mancano le variabili d'ambiente " + ", ".join(missing) + "."


def _web_address(value: str, default: str) -> str:
    """An http(s) address; blank means the default."""
    value = value.strip() or default
    if not value.startswith(("http://", "https://")):
        raise ValueError("deve iniziare con http:// o https://")
    return value


def load_settings(database_url: str | None = None) -> Settings:
    """Settings from the environment, with `--db URL` taking precedence over DATABASE_URL.

    An invalid value is a UserError naming the variable (one line, no traceback)."""
    try:
        settings = Settings()
    except ValidationError as error:
        first = error.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "?"
        if name == "LOG_LEVEL":
            reason = "usa uno di " + ", ".join(LOG_LEVELS)
        else:
            reason = str(first["msg"]).removeprefix("Value error, ")
        raise UserError(f"la variabile d'ambiente {name} non è valida: {reason}.") from None
    if database_url:
        settings = settings.model_copy(update={"database_url": database_url})
    return settings
