"""Fixtures for the Slack tests: the Web API stand-in, a demo database, and a real
`billing-bot serve` process on a free port that the tests talk to over HTTP with signed
requests in Slack's wire formats."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.slack.fake_slack import (
    FakeSlack,
    block_actions_body,
    command_body,
    event_callback,
    signed,
)

SECRET = "8f2c0e6b1a7d4c3f9e5b2a1c0d9e8f7a"
BOT_TOKEN = "xoxb-1111-2222-secrettoken"
SUPPORT_CHANNEL = "C0SUPPORT"
ROOT = Path(__file__).resolve().parents[2]

PEOPLE = {
    "U0MARIA": ("maria.rossi@example.com", "Maria Rossi"),
    "U0LUCA": ("luca.bianchi@example.com", "Luca Bianchi"),
    "U0GIULIA": ("giulia.verdi@example.com", "Giulia Verdi"),
    "U0AGENT": ("supporto@example.com", "Sara Supporto"),
    "U0STRANGER": (None, "Ospite Esterno"),
    "U0ELENA": ("elena.ferri@example.com", "Elena Ferri"),
    "U0FRANCO": ("franco.verdi@example.com", "Franco Verdi"),
    "U0PAOLO": ("paolo.neri@example.com", "Paolo Neri"),
    "U0ANNA": ("anna.bianchi@example.com", "Anna Bianchi"),
}


@pytest.fixture(scope="module")
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    for user, (email, name) in PEOPLE.items():
        fake.add_user(user, email, name)
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    from billing_core import init_database

    url = f"sqlite:///{tmp_path_factory.mktemp('slack') / 'billing.db'}"
    init_database(url, demo=True)
    return url


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Logs:
    """The server's stderr, line by line, waited on with a condition variable."""

    def __init__(self, stream: Any) -> None:
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream: Any) -> None:
        for line in stream:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()
        with self._changed:
            self.lines.append("<closed>")
            self._changed.notify_all()

    def wait_for(self, needle: str, count: int = 1, timeout: float = 30.0) -> list[str]:
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [line for line in self.lines if needle in line]
                if len(found) >= count:
                    return found
                if "<closed>" in self.lines or time.monotonic() > deadline:
                    raise AssertionError(f"no {needle!r} in the server log:\n"
                                         + "\n".join(self.lines[-30:]))
                self._changed.wait(max(0.0, deadline - time.monotonic()))

    def count(self, needle: str) -> int:
        with self._changed:
            return len([line for line in self.lines if needle in line])

    @property
    def text(self) -> str:
        with self._changed:
            return "\n".join(self.lines)


class Server:
    """A running `billing-bot serve`, and Slack's side of the conversation with it."""

    def __init__(self, process: subprocess.Popen[str], port: int, slack: FakeSlack) -> None:
        self.process = process
        self.port = port
        self.slack = slack
        self.logs = Logs(process.stderr)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get(self, path: str) -> tuple[int, str]:
        return self.request("GET", path, None, {})

    def request(self, method: str, path: str, body: str | None, headers: dict[str, str]
                ) -> tuple[int, str]:
        data = body.encode("utf-8") if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def wait_ready(self, timeout: float = 90.0) -> None:
        """Poll GET /readyz until it answers 200 (or the process dies)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"serve exited with {self.process.returncode}:\n"
                                     f"{self.logs.text}")
            try:
                status, _ = self.get("/readyz")
                if status == 200:
                    return
            except OSError:
                pass
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=0.1)  # a poll interval that notices an early exit
        raise AssertionError("serve did not become ready:\n" + self.logs.text)

    # -- Slack's requests ----------------------------------------------------------------------

    def post_signed(self, body: str, content_type: str, *, retry: int | None = None,
                    timestamp: int | None = None, secret: str = SECRET) -> tuple[int, str]:
        return self.request("POST", "/slack/events", body,
                            signed(body, secret, timestamp=timestamp,
                                   content_type=content_type, retry=retry))

    def event(self, event: dict[str, Any], *, event_id: str | None = None,
              retry: int | None = None) -> tuple[int, str]:
        body = json.dumps(event_callback(event, event_id=event_id))
        return self.post_signed(body, "application/json", retry=retry)

    def command(self, user: str, text: str, *, channel: str = "C0HELPDESK",
                name: str | None = None) -> tuple[int, str, str]:
        """/billing: returns status, body and the response URL name the reply will use."""
        name = name or f"cmd-{time.monotonic_ns()}"
        body = command_body(user, text, channel, self.slack.response_url(name))
        status, answer = self.post_signed(body, "application/x-www-form-urlencoded")
        return status, answer, name

    def click(self, user: str, message: Any, label: str, *, channel: str,
              message_ts: str | None = None, ephemeral: bool = False,
              thread_ts: str | None = None, action_ts: str | None = None,
              response: str | None = None) -> tuple[int, str]:
        button = next((b for b in message.buttons() if b["text"]["text"] == label), None)
        labels = [b["text"]["text"] for b in message.buttons()]
        assert button is not None, f"no button {label!r} in {labels}"
        body = block_actions_body(user, message, button, channel=channel,
                                  response_url=self.slack.response_url(response or "click"),
                                  message_ts=message_ts, ephemeral=ephemeral,
                                  thread_ts=thread_ts, action_ts=action_ts)
        return self.post_signed(body, "application/x-www-form-urlencoded")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        return self.process.wait(timeout=timeout)


def serve_env(slack: FakeSlack, database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))}
    env.update({
        "SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_API_URL": slack.api_url, "DATABASE_URL": database_url,
        "SUPPORT_CHANNEL_ID": SUPPORT_CHANNEL, "LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",
    })
    env.update(extra)
    return env


def start_server(slack: FakeSlack, database_url: str, *args: str, cwd: Path | None = None,
                 **env: str) -> Server:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port),
         *args],
        env=serve_env(slack, database_url, **env), cwd=cwd or ROOT,
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    server = Server(process, port, slack)
    try:
        server.wait_ready()
    except BaseException:
        server.stop(signal.SIGKILL)
        raise
    return server


@pytest.fixture(scope="module")
def server(slack: FakeSlack, demo_url: str) -> Iterator[Server]:
    running = start_server(slack, demo_url)
    yield running
    running.stop()


@pytest.fixture
def new_calls(slack: FakeSlack) -> Callable[[str], list[Any]]:
    """Calls of a method made since the test started."""
    start = len(slack.calls)

    def since(method: str) -> list[Any]:
        return [call for call in slack.calls[start:] if call.method == method]

    return since
