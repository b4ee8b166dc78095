"""`billing-bot chat --json` and `billing-bot report unanswered` as separate processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.dialogue.conftest import orders


def billing_bot(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, text=True,
                           capture_output=True, env=env, timeout=120, check=False)


def lines(*messages: dict[str, str]) -> str:
    return "".join(json.dumps(m, ensure_ascii=False) + "\n" for m in messages)


@pytest.fixture
def demo_url(tmp_path: Path) -> str:
    from billing_core import init_database

    url = f"sqlite:///{tmp_path / 'chat.db'}"
    init_database(url, demo=True)
    return url


def test_a_conversation_continues_in_a_second_process(demo_url: str) -> None:
    first = billing_bot("chat", "--as", "maria.rossi@example.com", "--json", "--db", demo_url,
                        stdin=lines({"text": "voglio ridurre le licenze di GoTo Webinar"}))
    assert first.returncode == 0, first.stderr
    out = [json.loads(line) for line in first.stdout.splitlines()]
    assert out[-1]["intent"] == "licenses.reduce"
    assert "A quante licenze vuoi scendere?" in out[-1]["text"]

    second = billing_bot("chat", "--as", "maria.rossi@example.com", "--json", "--db", demo_url,
                         stdin=lines({"text": "8"}, {"click": "conferma"}))
    assert second.returncode == 0, second.stderr
    out = [json.loads(line) for line in second.stdout.splitlines()]
    assert [b["label"] for b in out[0]["buttons"]] == ["Conferma", "Modifica", "Annulla"]
    assert {"action_id", "label", "value"} <= set(out[0]["buttons"][0])  # contract fields
    assert "Fatto!" in out[-1]["text"]

    from billing_core import BillingService, open_database

    service = BillingService(open_database(demo_url))
    assert [o.kind for o in orders(service, "ACC-1001")] == ["licenses.reduce"]


def test_an_unknown_click_is_a_message_not_a_crash(demo_url: str) -> None:
    result = billing_bot("chat", "--as", "maria.rossi@example.com", "--json", "--db", demo_url,
                         stdin=lines({"click": "Conferma"}, {"text": "buongiorno"}) + "rotto\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert "Non c'è nessun pulsante «Conferma»" in out[0]["text"]
    assert out[1]["intent"] == "greet"
    assert "Riga non valida" in out[2]["text"]


def test_report_unanswered_lists_the_most_frequent_first(demo_url: str) -> None:
    billing_bot("chat", "--as", "maria.rossi@example.com", "--json", "--db", demo_url,
                stdin=lines({"text": "come attivo la webcam?"},
                            {"text": "come attivo la webcam?"},
                            {"text": "qual è la ricetta della carbonara?"}))
    result = billing_bot("report", "unanswered", "--db", demo_url)
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()
    assert "webcam" in rows[1] and rows[1].split()[0] == "2"
    assert "carbonara" in rows[2]


@pytest.mark.parametrize("mode", ["interactive", "json"])
def test_a_reader_that_goes_away_ends_the_chat_quietly(demo_url: str, mode: str) -> None:
    """`billing-bot chat | head -1`: the first line is read, the pipe closed, then more input
    arrives; the bot stops without a traceback and places nothing after the reader left."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    json_flag = ["--json"] if mode == "json" else []
    first, rest = (
        (lines({"text": "buongiorno"}), lines({"text": "riduci a 8 le licenze di GoTo Webinar"},
                                              {"click": "Conferma"}))
        if mode == "json" else ("", "riduci a 8 le licenze di GoTo Webinar\n1\n"))
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "chat", "--as", "maria.rossi@example.com", *json_flag,
         "--db", demo_url],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env)
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(first)
    process.stdin.flush()
    assert process.stdout.readline()  # the greeting (json) or the banner (interactive)
    process.stdout.close()
    try:
        process.stdin.write(rest)
        process.stdin.close()
    except BrokenPipeError:
        pass  # the bot already stopped
    assert process.stderr is not None
    stderr = process.stderr.read()
    assert process.wait(timeout=120) == 0
    assert stderr == ""

    from billing_core import BillingService, open_database

    service = BillingService(open_database(demo_url))
    assert orders(service, "ACC-1001") == []
