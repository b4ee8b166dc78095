"""A local stand-in for Slack: the Web API (`WebClient(base_url=…)`) and response URLs.

It records every call (method, arguments, token), answers like Slack does for the methods the
bot uses, and can be told to fail (`fail("chat.postMessage", 429, 500)`) or to hold a method's
answer until released. Tests wait on it with `wait_for` (a condition variable), never a sleep.
Also: `signed()` builds the headers Slack signs its requests with.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode

TEAM = "T0BILLING"
BOT_USER = "UBOTBILL"
BOT_ID = "BBOTBILL"


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    token: str | None
    path: str
    answered: bool = False

    def blocks(self) -> list[dict[str, Any]]:
        blocks = self.args.get("blocks") or []
        return json.loads(blocks) if isinstance(blocks, str) else list(blocks)

    def text(self) -> str:
        """Everything a person reads in the message: its blocks' texts, or its `text`."""
        parts: list[str] = []

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                if node.get("type") in ("mrkdwn", "plain_text") and "text" in node:
                    parts.append(str(node["text"]))
                for key, value in node.items():
                    if key != "confirm":
                        walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        walk(self.blocks() or (self.args.get("view") or {}))
        if isinstance(self.args.get("view"), str):
            walk(json.loads(self.args["view"]))
        return "\n".join(parts) or str(self.args.get("text") or "")

    def buttons(self) -> list[dict[str, Any]]:
        found = []
        for block in self.blocks():
            if block.get("type") == "actions":
                for element in block.get("elements", []):
                    found.append({**element, "block_id": block.get("block_id")})
        return found


@dataclass
class Failure:
    status: int
    headers: dict[str, str] = field(default_factory=dict)


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.latency = 0.0
        """Seconds every answer takes (Slack's own latency, for benchmarks)."""
        self.users: dict[str, dict[str, Any]] = {}
        self._failures: dict[str, list[Failure]] = {}
        self._holds: dict[str, threading.Event] = {}
        self._changed = threading.Condition()
        self._ts = itertools.count(1)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> FakeSlack:
        self._thread.start()
        return self

    def stop(self) -> None:
        for hold in self._holds.values():
            hold.set()
        self._server.shutdown()
        self._server.server_close()

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/response/{name}"

    # -- set-up ------------------------------------------------------------------------------

    def add_user(self, user_id: str, email: str | None, name: str, *,
                 is_bot: bool = False) -> None:
        profile: dict[str, Any] = {"real_name": name, "display_name": name.split()[0]}
        if email:
            profile["email"] = email
        self.users[user_id] = {"id": user_id, "team_id": TEAM, "name": name.lower(),
                               "real_name": name, "is_bot": is_bot, "profile": profile}

    def fail(self, method: str, *statuses: int, retry_after: int = 0) -> None:
        """The next calls of `method` answer these HTTP statuses (429 with Retry-After)."""
        self._failures.setdefault(method, []).extend(
            Failure(status, {"Retry-After": str(retry_after)} if status == 429 else {})
            for status in statuses)

    def hold(self, method: str) -> threading.Event:
        """Calls of `method` wait (recorded, unanswered) until the returned event is set."""
        event = threading.Event()
        self._holds[method] = event
        return event

    # -- what happened -----------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        with self._changed:
            return [call for call in self.calls if call.method == method]

    def wait_for(self, predicate: Callable[[list[Call]], Any], timeout: float = 30.0) -> Any:
        """Wait until `predicate(calls)` is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                value = predicate(list(self.calls))
                if value:
                    return value
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    names = [f"{c.method}{'' if c.answered else '(pending)'}"
                             for c in self.calls]
                    raise AssertionError(f"timed out waiting; calls so far: {names}")
                self._changed.wait(remaining)

    def wait_calls(self, method: str, count: int = 1, timeout: float = 30.0) -> list[Call]:
        return list(self.wait_for(
            lambda calls: (found := [c for c in calls if c.method == method and c.answered])
            and len(found) >= count and found, timeout))

    # -- the server --------------------------------------------------------------------------

    def _record(self, call: Call) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def _answered(self, call: Call) -> None:
        with self._changed:
            call.answered = True
            self._changed.notify_all()

    def _answer(self, method: str, args: dict[str, Any], token: str | None) -> dict[str, Any]:
        if token and token.startswith("xoxb-revoked"):
            return {"ok": False, "error": "invalid_auth"}
        if method == "auth.test":
            return {"ok": True, "url": "https://billing.slack.com/", "team": "Billing",
                    "user": "fatturazione", "team_id": TEAM, "user_id": BOT_USER,
                    "bot_id": BOT_ID}
        if method == "users.info":
            user = self.users.get(str(args.get("user")))
            return {"ok": True, "user": user} if user else {"ok": False,
                                                              "error": "user_not_found"}
        if method in ("chat.postMessage", "chat.update"):
            ts = str(args.get("ts") or f"1800000000.{next(self._ts):06d}")
            return {"ok": True, "channel": args.get("channel"), "ts": ts,
                    "message": {"text": args.get("text"), "ts": ts}}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"1800000000.{next(self._ts):06d}"}
        if method == "views.publish":
            return {"ok": True, "view": {"id": "V1"}}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(args.get("users", "X"))[1:]}}
        if method == "oauth.v2.access":
            return {"ok": True, "access_token": "xoxb-installed", "token_type": "bot",
                    "scope": "chat:write,commands", "bot_user_id": BOT_USER,
                    "app_id": "A0BILLING", "team": {"id": "T0OTHER", "name": "Altro"},
                    "enterprise": None, "authed_user": {"id": "U0INSTALLER"}}
        if method == "apps.connections.open":
            return {"ok": False, "error": "not_allowed_in_tests"}
        return {"ok": True}

    def _delay(self, method: str) -> None:
        """A held method waits to be released (`hold`); every call waits `latency` seconds."""
        hold = self._holds.get(method)
        if hold is not None:
            hold.wait(60)
        if self.latency:
            threading.Event().wait(self.latency)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                self._handle()

            def do_POST(self) -> None:
                self._handle()

            def _handle(self) -> None:
                path, _, query = self.path.partition("?")
                args = call_args(self, query)
                auth = self.headers.get("Authorization") or ""
                token = auth.removeprefix("Bearer ") or args.get("token")
                if path.startswith("/response/"):
                    method = "response_url"
                else:
                    method = path.removeprefix("/api/")
                call = Call(method, args, token, path)
                fake._record(call)
                fake._delay(method)
                failures = fake._failures.get(method)
                if failures:
                    failure = failures.pop(0)
                    self._send(failure.status, {"ok": False, "error": "fake_failure"},
                               failure.headers)
                    fake._answered(call)
                    return
                body = ({"ok": True} if method == "response_url"
                        else fake._answer(method, args, token))
                self._send(200, body, {})
                fake._answered(call)

            def _send(self, status: int, body: dict[str, Any], headers: dict[str, str]) -> None:
                payload = json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

        return Handler


def call_args(request: BaseHTTPRequestHandler, query: str) -> dict[str, Any]:
    """A Web API call's arguments: the query string, then the body (JSON or a form)."""
    length = int(request.headers.get("Content-Length") or 0)
    raw = request.rfile.read(length).decode("utf-8") if length else ""
    args: dict[str, Any] = {k: v[0] for k, v in parse_qs(query).items()}
    if raw:
        if (request.headers.get("Content-Type") or "").startswith("application/json"):
            args.update(json.loads(raw))
        else:
            args.update({k: v[0] for k, v in parse_qs(raw).items()})
    return args


# -- signed requests, in Slack's wire formats ---------------------------------------------------

def signed(body: str, secret: str, *, timestamp: int | None = None,
           content_type: str = "application/json", retry: int | None = None
           ) -> dict[str, str]:
    """The headers of a request Slack signed with the app's signing secret (v0 scheme)."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256)
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": stamp,
               "X-Slack-Signature": f"v0={digest.hexdigest()}"}
    if retry is not None:
        headers["X-Slack-Retry-Num"] = str(retry)
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    return headers


_event_ids = itertools.count(1)


def event_callback(event: dict[str, Any], *, event_id: str | None = None,
                   team: str = TEAM) -> dict[str, Any]:
    return {
        "token": "legacy-verification-token", "team_id": team, "api_app_id": "A0BILLING",
        "event": event, "type": "event_callback",
        "event_id": event_id or f"Ev{next(_event_ids):08d}{int(time.time())}",
        "event_time": int(time.time()),
        "authorizations": [{"enterprise_id": None, "team_id": team, "user_id": BOT_USER,
                            "is_bot": True, "is_enterprise_install": False}],
        "is_ext_shared_channel": False,
    }


def dm_event(user: str, text: str, *, channel: str | None = None, ts: str | None = None,
             **extra: Any) -> dict[str, Any]:
    ts = ts or f"{time.time():.6f}"
    return {"type": "message", "channel": channel or "D" + user[1:], "user": user,
            "text": text, "ts": ts, "event_ts": ts, "channel_type": "im", "team": TEAM,
            **extra}


def mention_event(user: str, text: str, channel: str, *, ts: str | None = None,
                  thread_ts: str | None = None) -> dict[str, Any]:
    ts = ts or f"{time.time():.6f}"
    event = {"type": "app_mention", "user": user, "text": f"<@{BOT_USER}> {text}", "ts": ts,
             "channel": channel, "event_ts": ts, "team": TEAM}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def command_body(user: str, text: str, channel: str, response_url: str,
                 command: str = "/billing") -> str:
    return urlencode({
        "token": "legacy-verification-token", "team_id": TEAM, "team_domain": "billing",
        "channel_id": channel, "channel_name": "supporto", "user_id": user,
        "user_name": user.lower(), "command": command, "text": text, "api_app_id": "A0BILLING",
        "is_enterprise_install": "false", "response_url": response_url,
        "trigger_id": f"{time.time():.6f}.trigger",
    })


def block_actions_body(user: str, message: Call, button: dict[str, Any], *, channel: str,
                       response_url: str, message_ts: str | None = None,
                       ephemeral: bool = False, thread_ts: str | None = None,
                       action_ts: str | None = None) -> str:
    """The form body (`payload=`) of a click on `button` of the posted `message`."""
    ts = message_ts or "1800000000.000001"
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM},
        "api_app_id": "A0BILLING", "token": "legacy-verification-token",
        "container": {"type": "message", "message_ts": ts, "channel_id": channel,
                      "is_ephemeral": ephemeral},
        "trigger_id": f"{time.time():.6f}.trigger",
        "team": {"id": TEAM, "domain": "billing"},
        "channel": {"id": channel, "name": "directmessage"},
        "response_url": response_url,
        "actions": [{"action_id": button["action_id"], "block_id": button["block_id"],
                     "text": button["text"], "value": button.get("value", ""),
                     "style": button.get("style"), "type": "button",
                     "action_ts": action_ts or f"{time.time():.6f}"}],
    }
    if not ephemeral:
        payload["message"] = {"type": "message", "user": BOT_USER, "bot_id": BOT_ID,
                              "ts": ts, "text": message.args.get("text", ""),
                              "blocks": message.blocks()}
        if thread_ts:
            payload["message"]["thread_ts"] = thread_ts
    return urlencode({"payload": json.dumps(payload)})
