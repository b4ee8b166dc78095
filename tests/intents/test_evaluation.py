"""The held-out evaluation meets its targets: a regression of the matcher fails CI. Any set in
the same format can be measured with `--set PATH` (the blind sets)."""

from __future__ import annotations

from pathlib import Path

import pytest

from intents import load_classifier
from intents.evaluate import TARGETS, evaluate, main
from intents.training_data import load_heldout_set

LABELS = ("intent accuracy", "confusions", "out-of-scope recall", "false out-of-scope rate",
          "slot accuracy")


def test_heldout_targets_are_met() -> None:
    report = evaluate(load_classifier(), load_heldout_set().phrases)
    assert report.intent_accuracy >= TARGETS["intent_accuracy"]
    assert report.out_of_scope_recall >= TARGETS["out_of_scope_recall"]
    assert report.false_out_of_scope_rate <= TARGETS["false_out_of_scope_rate"]
    assert report.slot_accuracy >= TARGETS["slot_accuracy"]
    assert report.misses() == []


def test_make_eval_prints_every_figure_of_every_set(capsys: pytest.CaptureFixture[str]) -> None:
    main([])
    out = capsys.readouterr().out
    for name in ("heldout.yaml", "fresh.yaml", "fresh2.yaml", "dev_set_c.yaml"):
        assert f"{name})" in out or f"{name};" in out, name
    for label in LABELS:
        assert out.count(label) == 4, label
    assert out.count("not gated") == 1 and "summary" in out


def test_make_eval_gates_on_the_heldout_sets_only(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # a development set missing every target does not fail `make eval`; a held-out set does
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text('phrases:\n  - {text: "disdici GoTo Webinar", intent: subscription.cancel,'
                    ' slots: {product: gotowebinar}}\n'
                    '  - {text: "come attivo la webcam?", intent: out_of_scope}\n',
                    encoding="utf-8")
    bad.write_text('phrases:\n  - {text: "disdici GoTo Webinar", intent: greet}\n',
                   encoding="utf-8")
    monkeypatch.setattr("intents.evaluate.DEFAULT_SETS", (good,))
    monkeypatch.setattr("intents.evaluate.DEVELOPMENT_SETS", (bad,))
    assert main([]) == 0
    monkeypatch.setattr("intents.evaluate.DEFAULT_SETS", (bad,))
    assert main([]) == 1


def test_another_set_is_measured_with_the_same_figures(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "blind.yaml"
    path.write_text(
        "phrases:\n"
        '  - {text: "riduci a 4 le licenze di GoTo Webinar", intent: licenses.reduce,'
        " slots: {product: gotowebinar, count: 4, count_mode: set}}\n"
        '  - {text: "come attivo la webcam?", intent: out_of_scope}\n'
        '  - {text: "voglio disdire GoTo Meeting", intent: subscription.cancel,'
        " slots: {product: gotomeeting}}\n",
        encoding="utf-8")
    assert main(["--set", str(path)]) == 0
    out = capsys.readouterr().out
    assert "3 phrases" in out and "heldout.yaml" not in out
    for label in LABELS:
        assert label in out
    assert "(2/2 in-scope phrases" in out and "(1/1; target" in out
    assert "targets: all met" in out


def test_a_missing_or_broken_set_is_one_clear_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--set", str(tmp_path / "missing.yaml")]) == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text("phrases:\n  - {text: x, intent: no.such.intent}\n", encoding="utf-8")
    assert main(["--set", str(broken)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "missing.yaml" in err[0] and "no.such.intent" in err[1]

