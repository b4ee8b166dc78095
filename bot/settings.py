"""Configuration from the environment (and an optional `.env` file)."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///billing-bot.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    """SQLite file in the working folder by default; PostgreSQL in production."""

    outbox_backend: str = "console"
    """Where confirmation e-mails go: `console` (stdout) or `file` (see outbox_dir)."""
    outbox_dir: str = "outbox"

    slack_signing_secret: str | None = None
    slack_bot_token: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = "https://slack.com/api/"


def load_settings(database_url: str | None = None) -> Settings:
    """Settings from the environment, with `--db URL` taking precedence over DATABASE_URL."""
    settings = Settings()
    if database_url:
        settings = settings.model_copy(update={"database_url": database_url})
    return settings
