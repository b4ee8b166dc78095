"""`billing-bot serve` as an operator meets it: one clear line for what is missing or wrong,
several workers dropping each other's retries, and SIGTERM finishing the acknowledged work."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.slack.conftest import ROOT, start_server
from tests.slack.fake_slack import FakeSlack, dm_event, event_callback


def serve(env: dict[str, str], *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    base = {"PATH": "/usr/bin:/bin", "HOME": str(cwd)}
    return subprocess.run([sys.executable, "-m", "bot", "serve", *args], env={**base, **env},
                          cwd=cwd, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(("env", "args", "named"), [
    ({}, (), "SLACK_SIGNING_SECRET"),
    ({"SLACK_SIGNING_SECRET": "s"}, (), "SLACK_BOT_TOKEN"),
    ({"SLACK_BOT_TOKEN": "xoxb-1"}, ("--socket",), "SLACK_APP_TOKEN"),
    ({"SLACK_SIGNING_SECRET": "s", "SLACK_CLIENT_ID": "1.2"}, (), "SLACK_CLIENT_SECRET"),
    ({"SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "xoxb-1", "LOG_LEVEL": "chatty"}, (),
     "LOG_LEVEL"),
    ({"SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_API_URL": "slack.com"},
     (), "SLACK_API_URL"),
    ({"SLACK_SIGNING_SECRET": "s", "SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "x",
      "SLACK_AUTHORIZE_URL": "slack-gov.com/oauth/v2/authorize"}, (), "SLACK_AUTHORIZE_URL"),
])
def test_missing_or_wrong_settings_are_one_line(tmp_path: Path, env: dict[str, str],
                                                args: tuple[str, ...], named: str) -> None:
    line = one_line_error(serve(env, *args, cwd=tmp_path))
    assert line.startswith("billing-bot: ") and named in line


def test_bad_arguments_exit_2(tmp_path: Path) -> None:
    assert serve({}, "--workers", "0", cwd=tmp_path).returncode == 2
    assert serve({}, "--port", "http", cwd=tmp_path).returncode == 2


def test_missing_database_and_rejected_token_are_one_line(tmp_path: Path, demo_url: str,
                                                          slack: FakeSlack) -> None:
    settings = {"SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "xoxb-1",
                "SLACK_API_URL": slack.api_url}
    line = one_line_error(serve({**settings, "DATABASE_URL": f"sqlite:///{tmp_path}/none.db"},
                                cwd=tmp_path))
    assert "db init" in line
    line = one_line_error(serve({**settings, "DATABASE_URL": demo_url,
                                 "SLACK_BOT_TOKEN": "xoxb-revoked-1"}, cwd=tmp_path))
    assert "SLACK_BOT_TOKEN" in line and "invalid_auth" in line


def test_two_workers_answer_a_retried_event_once_and_sigterm_drains(
        slack: FakeSlack, demo_url: str) -> None:
    server = start_server(slack, demo_url, "--workers", "2")
    try:
        # the event and its retry at the same moment, maybe on both workers
        body = json.dumps(event_callback(dm_event("U0MARIA", "ciao", channel="D0WORKERS"),
                                         event_id="Ev0WORKERS01"))
        threads = [threading.Thread(target=server.post_signed,
                                    args=(body, "application/json"), kwargs={"retry": retry})
                   for retry in (None, 1, 2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        server.logs.wait_for("duplicate delivery skipped", count=2)
        slack.wait_for(lambda calls: [c for c in calls if c.method == "chat.postMessage"
                                      and c.answered and c.args["channel"] == "D0WORKERS"])
        assert len([c for c in slack.calls_to("chat.postMessage")
                    if c.args["channel"] == "D0WORKERS"]) == 1

        # SIGTERM while a reply is on its way: the worker waits for it before exiting
        release = slack.hold("chat.postMessage")
        server.event(dm_event("U0MARIA", "chi è il nostro contatto di fatturazione?",
                              channel="D0DRAIN"))
        slack.wait_for(lambda calls: [c for c in calls if c.method == "chat.postMessage"
                                      and c.args["channel"] == "D0DRAIN"])
        server.process.send_signal(signal.SIGTERM)
        server.logs.wait_for("draining 1 slack work item")
        assert server.process.poll() is None  # still finishing the acknowledged work
        release.set()
        assert server.process.wait(timeout=60) == 0
        drained = [c for c in slack.calls_to("chat.postMessage")
                   if c.args["channel"] == "D0DRAIN"]
        assert len(drained) == 1 and drained[0].answered
        server.logs.wait_for("slack work drained")
    finally:
        server.stop(signal.SIGKILL)


def test_serves_on_each_database_backend(slack: FakeSlack, empty_database_url: str) -> None:
    """SQLite (the embedded default) and PostgreSQL (production), two workers each."""
    from billing_core import init_database

    init_database(empty_database_url, demo=True)
    server = start_server(slack, empty_database_url, "--workers", "2")
    try:
        channel = f"D0DB{len(slack.calls)}"
        server.event(dm_event("U0MARIA", "riduci a 9 le licenze di GoTo Webinar",
                              channel=channel))
        summary = slack.wait_for(lambda calls: [c for c in calls
                                                if c.method == "chat.postMessage"
                                                and c.answered and c.args["channel"] == channel
                                                and c.buttons()])[0]
        assert "da 10 a 9 licenze" in summary.text()
        assert server.stop() == 0
    finally:
        server.stop(signal.SIGKILL)
