"""Several `billing-bot serve` processes on one PostgreSQL schema, as behind a load balancer,
and what the tests read back: the stand-in's records and the database.

A test that needs PostgreSQL is skipped with the reason when BILLING_TEST_DATABASE_URL is unset;
each gets a schema of its own (tests/conftest.py), so tests run beside other engineers' on the
same server.
"""

from __future__ import annotations

import itertools
import json
import re
import signal
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import quote_plus

import pytest

from tests.conftest import (
    NO_COMMIT_WAIT,
    POSTGRES_ENV,
    _fresh_postgres_schema,
    postgres_server_url,
)
from tests.slack.conftest import PEOPLE, Server, start_server
from tests.slack.fake_slack import Call, FakeSlack, block_actions_body, signed

if TYPE_CHECKING:
    from wsgiref.types import WSGIApplication

_channels = itertools.count(1)


def new_channel(prefix: str = "D0") -> str:
    """A DM channel id of its own for one conversation of a test."""
    return f"{prefix}{int(time.time() * 1000) % 10**9:09d}{next(_channels):04d}"


@contextmanager
def postgres_demo(*, durable: bool = False, **init: Any) -> Iterator[str]:
    """A fresh PostgreSQL schema with the demo data (skips when PostgreSQL is not configured).
    `durable`: commits wait for the disk as in production (the tests' schemas do not: see
    tests/conftest.py); the load run and the benchmarks want it."""
    server = postgres_server_url()
    if server is None:
        pytest.skip(f"two workers on one database need PostgreSQL: set {POSTGRES_ENV} "
                    "(e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)")
    from billing_core import init_database

    schema = cast("Generator[str, None, None]", _fresh_postgres_schema(server))
    url = next(schema)
    if durable:
        url = url.replace(quote_plus(f" {NO_COMMIT_WAIT}"), "").replace(f" {NO_COMMIT_WAIT}", "")
    try:
        init_database(url, demo=True, **init)
        yield url
    finally:
        schema.close()


def fake_slack() -> FakeSlack:
    fake = FakeSlack().start()
    for user, (email, name) in PEOPLE.items():
        fake.add_user(user, email, name)
    return fake


class Cluster:
    """N serve processes; `next()` is the load balancer (each in turn)."""

    def __init__(self, servers: Sequence[Server]) -> None:
        self.servers = list(servers)
        self._turn = itertools.cycle(range(len(self.servers)))

    def next(self) -> Server:
        return self.servers[next(self._turn)]

    def stop(self) -> None:
        for server in self.servers:
            server.stop(signal.SIGKILL if server.process.poll() is None else signal.SIGTERM)


@contextmanager
def cluster(slack: FakeSlack, url: str, count: int = 2, *args: str, **env: str
            ) -> Iterator[Cluster]:
    servers: list[Server] = []
    try:
        for _ in range(count):
            servers.append(start_server(slack, url, *args, cwd=None, **env))
        yield Cluster(servers)
    finally:
        for server in servers:
            if server.process.poll() is None:
                server.stop(signal.SIGKILL)


# -- reading back -------------------------------------------------------------------------------

def posted(slack: FakeSlack, channel: str, predicate: Callable[[Call], bool] = lambda c: True,
           method: str = "chat.postMessage", count: int = 1, timeout: float = 60.0
           ) -> list[Call]:
    """Wait for `count` answered calls of `method` in `channel` that satisfy `predicate`."""
    return list(slack.wait_for(lambda calls: (found := [
        c for c in calls if c.method == method and c.answered
        and c.args.get("channel") == channel and predicate(c)]) and len(found) >= count
        and found, timeout))


def calls_in(slack: FakeSlack, channel: str, method: str = "chat.postMessage") -> list[Call]:
    return [c for c in slack.calls_to(method) if c.args.get("channel") == channel]


def summary_in(slack: FakeSlack, channel: str) -> Call:
    """The first message with an order summary's Conferma button in `channel`."""
    return posted(slack, channel, lambda c: any(b["action_id"] == "flow.confirm"
                                                for b in c.buttons()))[0]


def click_body(user: str, message: Call, label: str, channel: str, slack: FakeSlack, *,
               message_ts: str, action_ts: str | None = None) -> str:
    button = next(b for b in message.buttons() if b["text"]["text"] == label)
    return block_actions_body(user, message, button, channel=channel,
                              response_url=slack.response_url(f"click-{channel}"),
                              message_ts=message_ts, action_ts=action_ts)


def at_once(requests: Sequence[tuple[Server, str, str]], secret: str
            ) -> list[tuple[int, str]]:
    """Send each (server, body, content type) from its own thread, released together."""
    barrier = threading.Barrier(len(requests))
    answers: list[tuple[int, str]] = [(0, "")] * len(requests)

    def send(index: int, server: Server, body: str, content_type: str) -> None:
        headers = signed(body, secret, content_type=content_type)
        barrier.wait()
        answers[index] = server.request("POST", "/slack/events", body, headers)

    threads = [threading.Thread(target=send, args=(i, *request))
               for i, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


_SAMPLE = re.compile(r'^(?P<name>[a-z_]+)(?:\{(?P<labels>[^}]*)\})? (?P<value>\S+)$')


def metric_samples(text: str) -> list[tuple[str, dict[str, str], float]]:
    """Prometheus text format → (name, labels, value) for every sample line."""
    samples = []
    for line in text.splitlines():
        found = _SAMPLE.match(line)
        if found is None:
            continue
        labels = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', found["labels"] or ""))
        samples.append((found["name"], labels, float(found["value"])))
    return samples


def metric(text: str, name: str, **labels: str) -> float:
    """The sum of `name`'s samples whose labels include `labels`."""
    return sum(value for sample, have, value in metric_samples(text)
               if sample == name and all(have.get(k) == v for k, v in labels.items()))


def event_body(event: dict[str, Any], event_id: str) -> str:
    from tests.slack.fake_slack import event_callback

    return json.dumps(event_callback(event, event_id=event_id))


def wait_metric(server: Server, name: str, value: float, timeout: float = 30.0,
                **labels: str) -> str:
    """Scrape `/metrics` until `name{labels}` reaches `value` (the work after an
    acknowledgement is counted when it ends, a moment after its last Web API call)."""
    deadline = time.monotonic() + timeout
    while True:
        status, text = server.get("/metrics")
        if status == 200 and metric(text, name, **labels) >= value:
            return text
        if time.monotonic() > deadline:
            raise AssertionError(f"{name}{labels} never reached {value}: "
                                 f"{metric(text, name, **labels)}")


def answered_call(slack: FakeSlack, method: str, *, since: int = 0, path_end: str = ""
                  ) -> Call:
    """Wait for the first answered call of `method` made after the `since`-th call (and whose
    path ends with `path_end`: a response URL's name)."""
    def found(calls: list[Call]) -> list[Call]:
        return [c for c in calls[since:] if c.method == method and c.answered
                and c.path.endswith(path_end)]

    return cast(Call, slack.wait_for(found)[0])


def post_in_process(wsgi: WSGIApplication, body: str, secret: str) -> str:
    """A signed DM event handed straight to a WSGI application (no server): its status."""
    from io import BytesIO

    data = body.encode()
    environ: dict[str, Any] = {"REQUEST_METHOD": "POST", "PATH_INFO": "/slack/events",
                               "CONTENT_LENGTH": str(len(data)), "wsgi.input": BytesIO(data)}
    for name, value in signed(body, secret).items():
        key = name.upper().replace("-", "_")
        environ[key if key == "CONTENT_TYPE" else f"HTTP_{key}"] = value
    statuses: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]],
                       exc_info: object = None) -> Callable[[bytes], object]:
        statuses.append(status)
        return lambda _data: None

    wsgi(environ, start_response)
    return statuses[0]
