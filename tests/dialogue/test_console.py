"""The terminal adapter in-process: numbered buttons, /as, JSON lines and clicks."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from bot.console import TerminalSession, run_interactive, run_json
from tests.dialogue.conftest import orders, subscription

if TYPE_CHECKING:
    from billing_core import BillingService
    from bot.dialogue.engine import Engine


def typed(*lines: str) -> Callable[[str], str]:
    feed: Iterator[str] = iter(lines)

    def read(prompt: str) -> str:
        try:
            return next(feed)
        except StopIteration as end:
            raise EOFError from end
    return read


def test_interactive_shows_buttons_as_numbers_and_a_number_presses_one(
        engine: Engine, service: BillingService) -> None:
    out = io.StringIO()
    session = TerminalSession(engine, "maria.rossi@example.com")
    run_interactive(session, typed("riduci a 8 le licenze di GoTo Webinar", "1",
                                   "/as luca.bianchi@example.com",
                                   "chi è il contatto di fatturazione?"),
                    out, lambda email: email)
    transcript = out.getvalue()
    assert "/as EMAIL" in transcript
    assert "[1] Conferma" in transcript and "[3] Annulla" in transcript
    assert "Fatto!" in transcript
    assert "(Ordine confermato da Maria Rossi alle" in transcript
    assert "Ora parli come luca.bianchi@example.com" in transcript
    assert "Maria Rossi (maria.rossi@example.com)" in transcript
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 8


def test_json_lines_clicks_by_action_id_or_label_and_reports_unknown_ones(
        engine: Engine, service: BillingService) -> None:
    out = io.StringIO()
    session = TerminalSession(engine, "maria.rossi@example.com")
    script = [json.dumps(line) for line in (
        {"click": "Conferma"},
        {"text": "riduci a 8 le licenze di GoTo Webinar"},
        {"click": "MODIFICA"},
        {"click": "flow.cancel"},
    )] + ["non json"]
    run_json(session, script, out)
    messages = [json.loads(line) for line in out.getvalue().splitlines()]
    assert "Non c'è nessun pulsante «Conferma»" in messages[0]["text"]
    assert messages[1]["intent"] == "licenses.reduce"
    assert [b["label"] for b in messages[1]["buttons"]] == ["Conferma", "Modifica", "Annulla"]
    assert messages[2]["text"] == "Cosa vuoi modificare?"
    assert "Non c'è nessun pulsante «flow.cancel»" in messages[3]["text"]
    assert "Riga non valida" in messages[4]["text"]
    assert orders(service, "ACC-1001") == []
