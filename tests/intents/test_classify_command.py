"""`billing-bot classify`: one utterance per line in, one JSON object per line out."""

from __future__ import annotations

import io
import json
import sys

import pytest

from bot.cli import main
from tests.conftest import Cli


def test_each_line_gets_one_json_object_in_order(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    lines = ["<@U024BE7LH> riduci a 4 le licenze di GoTo Webinar :pray:", "annulla", "",
             "annulla il mio abbonamento", "come attivo la webcam?", "cinque"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["classify"]) == 0
    results = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["text"] for r in results] == lines
    assert [r["intent"] for r in results[:5]] == [
        "licenses.reduce", "deny", "out_of_scope", "subscription.cancel", "out_of_scope",
    ]
    assert results[0]["slots"] == {"product": "gotowebinar", "count": 4, "count_mode": "set"}
    # a bare number fills the count but says nothing of what is wanted: never answered
    assert results[5]["slots"] == {"count": 5}
    assert results[5]["band"] != "answer"
    for result in results:
        assert set(result) >= {"text", "intent", "confidence", "slots", "band", "candidates"}
        assert 0.0 <= result["confidence"] <= 1.0
        assert result["band"] in ("answer", "ask", "out_of_scope")


def test_thousands_of_lines_get_one_answer_each_in_order(cli: Cli) -> None:
    """Throughput is measured by `make bench` (benchmarks/cli.py), not asserted here."""
    phrases = ["vorrei ridurre le licenze di GoTo Webinar a {n}", "aggiungi {n} postazioni",
               "chi è il contatto di fatturazione? ({n})", "come attivo la webcam {n}"]
    texts = [phrases[n % 4].format(n=n) for n in range(3000)]
    done = cli("classify", stdin="".join(text + "\n" for text in texts))
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [result["text"] for result in out] == texts
    assert out[1]["intent"] == "seats.add"


def test_a_count_that_cannot_be_one_says_why(monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    lines = ["riduci a 0 le licenze del webinar", "togli -3 licenze", "sette e mezzo",
             "riduci a 5 le licenze"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["classify"]) == 0
    results = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r.get("count_problem") for r in results] == ["zero", "negative", "fraction", None]
    assert all("count" not in r["slots"] for r in results[:3])
    assert "count_problem" not in results[3]
