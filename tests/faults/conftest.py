"""Fixtures of the fault tests."""

from tests.scaleout.fixtures import pg_demo_url, slack, sqlite_demo_url

__all__ = ["pg_demo_url", "slack", "sqlite_demo_url"]
