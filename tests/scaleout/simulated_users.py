"""The simulated Slack users of `make load` (tests/scaleout/load.py) and what they saw: each
user runs scenarios (an FAQ question, a flow confirmed by a click, a double click, a retried
event, an abandoned flow) over signed requests in Slack's wire formats, sent to the workers in
turn; the Web API stand-in records every call by channel, and the tally keeps the figures.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.scaleout.cluster import Cluster
from tests.slack.conftest import SECRET, Server
from tests.slack.fake_slack import (
    Call,
    FakeSlack,
    block_actions_body,
    dm_event,
    event_callback,
    signed,
)

FAQ = ["come cambio il metodo di pagamento?", "chi è il nostro contatto di fatturazione?",
       "come scarico le fatture?", "cos'è il centro fatturazione?",
       "come posso passare alla fatturazione annuale?"]
SCENARIOS = {"faq": 35, "flow": 25, "double_click": 10, "retried_event": 15, "abandoned": 15}
START_LICENSES = 400
REPLY_TIMEOUT = 60.0
FORM = "application/x-www-form-urlencoded"


# -- the Web API stand-in, indexed by channel ---------------------------------------------------

class Recorder(FakeSlack):
    """The tests' stand-in, with answered calls indexed by channel (200 users waiting on one
    condition would wake each other thousands of times a second)."""

    def __init__(self) -> None:
        super().__init__()
        self.by_channel: dict[str, list[tuple[float, Call]]] = defaultdict(list)
        self._channel_changed = threading.Condition()

    def _answered(self, call: Call) -> None:
        super()._answered(call)
        channel = str(call.args.get("channel") or call.path)
        with self._channel_changed:
            self.by_channel[channel].append((time.perf_counter(), call))
            self._channel_changed.notify_all()

    def wait_in(self, channel: str, predicate: Callable[[Call], bool],
                timeout: float = REPLY_TIMEOUT) -> tuple[float, Call] | None:
        deadline = time.monotonic() + timeout
        with self._channel_changed:
            while True:
                for at, call in self.by_channel.get(channel, []):
                    if predicate(call):
                        return at, call
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._channel_changed.wait(min(remaining, 1.0))

    def in_channel(self, channel: str, method: str = "chat.postMessage") -> list[Call]:
        with self._channel_changed:
            return [call for _, call in self.by_channel.get(channel, [])
                    if call.method == method]


# -- what happened ------------------------------------------------------------------------------

@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    acks: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[int] = field(default_factory=Counter)
    replies: list[float] = field(default_factory=list)
    scenarios: Counter[str] = field(default_factory=Counter)
    events: dict[str, str] = field(default_factory=dict)
    """event_id → channel of every distinct event sent."""
    retried: set[str] = field(default_factory=set)
    """Channels whose single event was delivered twice."""
    confirmed: set[str] = field(default_factory=set)
    """Preview ids confirmed with a click (the bot said "Ordine confermato")."""
    double_clicked: set[str] = field(default_factory=set)
    """Channels of a double click."""
    abandoned: set[str] = field(default_factory=set)
    """Preview ids shown and never confirmed."""
    problems: list[str] = field(default_factory=list)

    def ack(self, kind: str, status: int, seconds: float) -> None:
        with self.lock:
            self.acks[kind].append(seconds * 1000)
            self.statuses[status] += 1

    def problem(self, text: str) -> None:
        with self.lock:
            if len(self.problems) < 50:
                self.problems.append(text)


class User:
    def __init__(self, number: int, slack: Recorder, balancer: Cluster, tally: Tally,
                 rng: random.Random) -> None:
        self.id = f"U0LOAD{number:03d}"
        self.number = number
        self.slack = slack
        self.balancer = balancer
        self.tally = tally
        self.rng = rng
        self.licenses = START_LICENSES
        self.conversations = 0

    # -- requests --------------------------------------------------------------------------

    def send(self, server: Server, kind: str, body: str, content_type: str,
             retry: int | None = None) -> int:
        headers = signed(body, SECRET, content_type=content_type, retry=retry)
        started = time.perf_counter()
        try:
            status, _ = server.request("POST", "/slack/events", body, headers)
        except OSError as error:
            self.tally.problem(f"{kind}: {type(error).__name__}")
            status = 599
        self.tally.ack(kind, status, time.perf_counter() - started)
        return status

    def message(self, channel: str, text: str, server: Server | None = None) -> float:
        event = dm_event(self.id, text, channel=channel)
        body = event_callback(event)
        with self.tally.lock:
            self.tally.events[body["event_id"]] = channel
        sent = time.perf_counter()
        self.send(server or self.balancer.next(), "event", json.dumps(body), "application/json")
        return sent

    def click(self, summary: Call, label: str, channel: str, server: Server,
              action_ts: str) -> None:
        button = next(b for b in summary.buttons() if b["text"]["text"] == label)
        body = block_actions_body(self.id, summary, button, channel=channel,
                                  response_url=self.slack.response_url(channel),
                                  message_ts=f"1800000000.{self.conversations:06d}",
                                  action_ts=action_ts)
        self.send(server, "click", body, FORM)

    def first_reply(self, channel: str, sent: float) -> Call | None:
        found = self.slack.wait_in(channel, lambda c: c.method == "chat.postMessage")
        if found is None:
            self.tally.problem(f"no answer in {channel}")
            return None
        at, call = found
        with self.tally.lock:
            self.tally.replies.append((at - sent) * 1000)
        return call

    # -- scenarios -------------------------------------------------------------------------

    def channel(self) -> str:
        self.conversations += 1
        return f"D{self.id[1:]}{self.conversations:04d}"

    def faq(self) -> None:
        channel = self.channel()
        sent = self.message(channel, self.rng.choice(FAQ))
        self.first_reply(channel, sent)

    def retried_event(self) -> None:
        channel = self.channel()
        body = event_callback(dm_event(self.id, self.rng.choice(FAQ), channel=channel))
        with self.tally.lock:
            self.tally.events[body["event_id"]] = channel
            self.tally.retried.add(channel)
        raw = json.dumps(body)
        sent = time.perf_counter()
        self.send(self.balancer.next(), "event", raw, "application/json")
        self.send(self.balancer.next(), "event", raw, "application/json", retry=1)
        self.first_reply(channel, sent)

    def summary(self, channel: str) -> Call | None:
        self.licenses -= 1
        sent = self.message(channel, f"riduci a {self.licenses} le licenze di GoTo Webinar")
        found = self.slack.wait_in(channel, lambda c: any(
            b["action_id"] == "flow.confirm" for b in c.buttons()))
        if found is None:
            self.tally.problem(f"no summary in {channel}")
            return None
        at, call = found
        with self.tally.lock:
            self.tally.replies.append((at - sent) * 1000)
        return call

    def flow(self, double: bool = False) -> None:
        channel = self.channel()
        summary = self.summary(channel)
        if summary is None:
            return
        self.think(0.5, 2.0)  # reads the summary
        preview = next(b["value"] for b in summary.buttons() if b["action_id"] == "flow.confirm")
        stamp = f"{time.time():.6f}"
        if double:
            with self.tally.lock:
                self.tally.double_clicked.add(channel)
            first, second = self.balancer.servers[0], self.balancer.servers[1]
            threads = [threading.Thread(target=self.click,
                                        args=(summary, "Conferma", channel, server,
                                              f"{stamp}{index}"))
                       for index, server in enumerate((first, second))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        else:
            self.click(summary, "Conferma", channel, self.balancer.next(), stamp)
        update = self.slack.wait_in(channel, lambda c: c.method == "chat.update")
        if update is None:
            self.tally.problem(f"no confirmation in {channel}")
            return
        if "Ordine confermato" in update[1].text():
            with self.tally.lock:
                self.tally.confirmed.add(preview)
        else:
            self.tally.problem(f"confirmation refused in {channel}: {update[1].text()[:80]}")

    def abandoned(self) -> None:
        channel = self.channel()
        summary = self.summary(channel)
        if summary is not None:
            self.licenses += 1  # nothing was ordered
            preview = next(b["value"] for b in summary.buttons()
                           if b["action_id"] == "flow.confirm")
            with self.tally.lock:
                self.tally.abandoned.add(preview)

    def think(self, low: float, high: float) -> None:
        time.sleep(self.rng.uniform(low, high))

    def run(self, until: float, think: tuple[float, float]) -> None:
        names = list(SCENARIOS)
        weights = list(SCENARIOS.values())
        self.think(0, think[1])  # users do not all start at the same instant
        while time.monotonic() < until:
            name = self.rng.choices(names, weights)[0]
            with self.tally.lock:
                self.tally.scenarios[name] += 1
            try:
                if name == "double_click":
                    self.flow(double=True)
                else:
                    getattr(self, name)()
            except Exception as error:  # a bug in the driver must not hide the figures
                self.tally.problem(f"{name}: {type(error).__name__}: {error}")
            self.think(*think)
