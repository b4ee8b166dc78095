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


def test_interactive_shows_choices_as_numbers_and_a_number_presses_one(
        engine: Engine, service: BillingService) -> None:
    out = io.StringIO()
    session = TerminalSession(engine, "maria.rossi@example.com")
    run_interactive(session, typed("voglio ridurre le licenze", "1", "8", "Conferma",
                                   "/as luca.bianchi@example.com",
                                   "chi è il contatto di fatturazione?"),
                    out, lambda email: email)
    transcript = out.getvalue()
    assert "/as EMAIL" in transcript
    assert "[1] GoTo Webinar" in transcript and "(Scelto: GoTo Webinar)" in transcript
    assert "[Conferma]  [Modifica]  [Annulla]" in transcript
    assert "Fatto!" in transcript
    assert "Ora parli come luca.bianchi@example.com" in transcript
    assert "Maria Rossi (maria.rossi@example.com)" in transcript
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 8


def test_at_a_summary_a_typed_number_is_a_count_never_the_conferma_button(
        engine: Engine, service: BillingService) -> None:
    """The summary's buttons were [1] Conferma [2] Modifica [3] Annulla: a customer who
    answered "1" meaning one license placed the order. A number there is what it says."""
    out = io.StringIO()
    session = TerminalSession(engine, "maria.rossi@example.com")
    run_interactive(session, typed("riduci a 8 le licenze di GoTo Webinar", "1", "3"),
                    out, lambda email: email)
    transcript = out.getvalue()
    assert "[1] Conferma" not in transcript
    assert "per confermare scrivi «sì» o «Conferma»" in transcript
    assert "GoTo Webinar: da 10 a 1 licenza." in transcript
    assert "GoTo Webinar: da 10 a 3 licenze." in transcript
    assert "Fatto!" not in transcript
    assert orders(service, "ACC-1001") == []


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
