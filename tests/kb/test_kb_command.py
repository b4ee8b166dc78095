"""`billing-bot kb list` and `billing-bot kb show ID`."""

from __future__ import annotations

import pytest

from bot.cli import main
from kb import KnowledgeBase


def test_list_shows_every_entry_with_audience_and_intents(
        knowledge: KnowledgeBase, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["id", "pubblico", "intent", "titolo"]
    assert len(lines) == 1 + len(knowledge.entries)
    row = next(line for line in lines if line.startswith("plan-change "))
    assert row.split()[:4] == ["plan-change", "billing_center", "plan.change,", "seats.add"]
    assert row.endswith("Cambiare piano o aggiungere licenze")


def test_show_renders_the_answer_and_names_the_source_article(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "show", "licenses-reduce", "--product", "gotomeeting"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Ridurre le licenze utente di GoTo Meeting\n")
    assert "1. Accedi al Centro fatturazione all'indirizzo https://billing.goto.com." in out
    assert ("Fonte: articolo 000, «Come posso rimuovere licenze utente dal mio piano di "
            "sottoscrizione a GoToWebinar?» (kb/sources/000_6c5be8fd3f089087.txt)") in out


def test_show_of_an_unknown_id_says_how_to_find_ids(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "show", "tax-w8"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "nessuna voce con id «tax-w8»" in err
    assert "billing-bot kb list" in err and "Forse intendevi: tax-w9" in err
