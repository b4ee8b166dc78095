"""`billing-bot chat --json` and `billing-bot report unanswered`: in this process through the
CLI's main (the `cli` fixture), and in real processes where the process itself is what is tested
(`python -m bot chat` whose reader goes away)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import Cli
from tests.dialogue.conftest import orders

if TYPE_CHECKING:
    from billing_core import BillingService

MARIA = "maria.rossi@example.com"


def lines(*messages: dict[str, str]) -> str:
    return "".join(json.dumps(m, ensure_ascii=False) + "\n" for m in messages)


@pytest.fixture
def demo_url(tmp_path: Path) -> str:
    from billing_core import init_database

    url = f"sqlite:///{tmp_path / 'chat.db'}"
    init_database(url, demo=True)
    return url


@pytest.fixture
def service(demo_url: str) -> Iterator[BillingService]:
    from billing_core import BillingService, open_database

    database = open_database(demo_url)
    yield BillingService(database)
    database.dispose()


def test_a_conversation_continues_in_a_second_invocation(cli: Cli, demo_url: str,
                                                         service: BillingService) -> None:
    """Each invocation builds its own engine: the conversation lives in the database."""
    first = cli("chat", "--as", MARIA, "--json", "--db", demo_url,
                stdin=lines({"text": "voglio ridurre le licenze di GoTo Webinar"}))
    assert first.returncode == 0, first.stderr
    out = [json.loads(line) for line in first.stdout.splitlines()]
    assert out[-1]["intent"] == "licenses.reduce"
    assert "A quante licenze vuoi scendere?" in out[-1]["text"]

    second = cli("chat", "--as", MARIA, "--json", "--db", demo_url,
                 stdin=lines({"text": "8"}, {"click": "conferma"}))
    assert second.returncode == 0, second.stderr
    out = [json.loads(line) for line in second.stdout.splitlines()]
    assert [b["label"] for b in out[0]["buttons"]] == ["Conferma", "Modifica", "Annulla"]
    assert {"action_id", "label", "value"} <= set(out[0]["buttons"][0])  # contract fields
    assert "Fatto!" in out[-1]["text"]
    assert [o.kind for o in orders(service, "ACC-1001")] == ["licenses.reduce"]


def test_an_unknown_click_is_a_message_not_a_crash(cli: Cli, demo_url: str) -> None:
    result = cli("chat", "--as", MARIA, "--json", "--db", demo_url,
                 stdin=lines({"click": "Conferma"}, {"text": "buongiorno"}) + "rotto\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert "Non c'è nessun pulsante «Conferma»" in out[0]["text"]
    assert out[1]["intent"] == "greet"
    assert "Riga non valida" in out[2]["text"]


def test_report_unanswered_lists_the_most_frequent_first(cli: Cli, demo_url: str) -> None:
    cli("chat", "--as", MARIA, "--json", "--db", demo_url,
        stdin=lines({"text": "come attivo la webcam?"},
                    {"text": "come attivo la webcam?"},
                    {"text": "qual è la ricetta della carbonara?"}))
    result = cli("report", "unanswered", "--db", demo_url)
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()
    assert "webcam" in rows[1] and rows[1].split()[0] == "2"
    assert "carbonara" in rows[2]


def test_a_reader_that_goes_away_ends_the_chat_quietly(demo_url: str,
                                                       service: BillingService) -> None:
    """`python -m bot chat --json | head -1`, a real process: the first line is read, the pipe
    closed, then more input arrives; the bot stops without a traceback (not even the
    interpreter's last flush) and places nothing after the reader left."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "chat", "--as", MARIA, "--json", "--db", demo_url],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env)
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(lines({"text": "buongiorno"}))
    process.stdin.flush()
    assert process.stdout.readline()  # the greeting
    process.stdout.close()
    try:
        process.stdin.write(lines({"text": "riduci a 8 le licenze di GoTo Webinar"},
                                  {"click": "Conferma"}))
        process.stdin.close()
    except BrokenPipeError:
        pass  # the bot already stopped
    assert process.stderr is not None
    stderr = process.stderr.read()
    assert process.wait(timeout=120) == 0
    assert stderr == ""
    assert orders(service, "ACC-1001") == []


class ReaderGoneAway(io.StringIO):
    """Standard output whose reader took what was flushed first and closed the pipe
    (`billing-bot chat | head -1`): every later write fails as it would, BrokenPipeError."""

    def __init__(self) -> None:
        super().__init__()
        self.flushed = False

    def write(self, text: str) -> int:
        if self.flushed:
            raise BrokenPipeError(32, "Broken pipe")
        return super().write(text)

    def flush(self) -> None:
        self.flushed = True


def test_a_reader_that_goes_away_ends_the_interactive_chat_quietly(
        demo_url: str, service: BillingService, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The interactive chat, in this process: the banner is read, the reader leaves, the next
    reply cannot be written; exit 0, nothing on stderr, the "1" typed after it presses
    nothing."""
    from bot.cli import main

    stdout = ReaderGoneAway()
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO("riduci a 8 le licenze di GoTo Webinar\n1\n"))
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["chat", "--as", MARIA, "--db", demo_url]) == 0
    assert stdout.getvalue().startswith("Assistente di fatturazione GoTo: parli come Maria")
    assert "Riepilogo" not in stdout.getvalue()
    assert capsys.readouterr().err == ""
    assert orders(service, "ACC-1001") == []
