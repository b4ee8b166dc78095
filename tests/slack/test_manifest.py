"""manifest.yml is a valid Slack app manifest, and it asks for exactly what the code uses:
the events it listens to, the command it answers, the scopes of the Web API methods it calls."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = Path(__file__).with_name("manifest_schema") / "manifest.schema.1.0.0.json"

METHOD_SCOPES: dict[str, str | None] = {
    "chat_postMessage": "chat:write",
    "chat_postEphemeral": "chat:write",
    "chat_update": "chat:write",
    "users_info": "users:read",
    "views_publish": None,
    "auth_test": None,
}
"""Scopes of the Web API methods (https://api.slack.com/methods); a method the code calls that
is not in this table fails the test, so a new call cannot slip in without its scope."""
EVENT_SCOPES = {"message.im": "im:history", "app_mention": "app_mentions:read",
                "app_home_opened": None, "app_uninstalled": None, "tokens_revoked": None}


def manifest() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))
    return data


def test_manifest_is_valid_for_slack() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(manifest()),
                    key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []


def test_the_schema_catches_a_broken_manifest() -> None:
    broken = manifest()
    broken["display_information"]["name"] = "x" * 36
    broken["features"]["slash_commands"][0]["command"] = "billing"
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert len(list(jsonschema.Draft7Validator(schema).iter_errors(broken))) == 2


def _methods_called() -> set[str]:
    source = "\n".join(path.read_text(encoding="utf-8")
                       for path in (ROOT / "bot" / "slack").rglob("*.py"))
    return set(re.findall(r"client\.([a-z]+_[a-zA-Z_]+)\b", source))


def test_events_commands_and_scopes_match_the_code() -> None:
    from bot.slack import listeners, uninstalls
    from bot.slack.app import BOT_SCOPES
    from bot.slack.listeners import COMMANDS

    code_events = (*listeners.EVENTS, *uninstalls.EVENTS)
    data = manifest()
    events = data["settings"]["event_subscriptions"]["bot_events"]
    assert sorted(events) == sorted(code_events)
    assert [c["command"] for c in data["features"]["slash_commands"]] == list(COMMANDS)
    methods = _methods_called()
    assert methods, "no Web API call found in bot/slack"
    unknown = methods - set(METHOD_SCOPES)
    assert not unknown, f"add the scope of {unknown} to METHOD_SCOPES (and to the manifest)"
    needed = {METHOD_SCOPES[m] for m in methods} | {EVENT_SCOPES[e] for e in code_events}
    needed |= {"commands"} if COMMANDS else set()
    needed |= {"users:read.email"}  # users.info gives the profile e-mail only with it
    scopes = data["oauth_config"]["scopes"]["bot"]
    assert sorted(scopes) == sorted(scope for scope in needed if scope is not None)
    assert sorted(BOT_SCOPES) == sorted(scopes)  # what the OAuth install asks for


def test_every_surface_is_enabled_and_points_at_the_server() -> None:
    data = manifest()
    assert data["features"]["app_home"]["home_tab_enabled"] is True
    assert data["settings"]["interactivity"]["is_enabled"] is True
    urls = [data["settings"]["event_subscriptions"]["request_url"],
            data["settings"]["interactivity"]["request_url"],
            *[c["url"] for c in data["features"]["slash_commands"]]]
    assert {url.rsplit("/", 2)[-2:] == ["slack", "events"] for url in urls} == {True}
    assert data["oauth_config"]["redirect_urls"][0].endswith("/slack/oauth_redirect")
    assert "Socket Mode" in (ROOT / "manifest.yml").read_text(encoding="utf-8")
