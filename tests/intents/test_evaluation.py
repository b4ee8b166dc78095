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



def test_a_reading_the_set_notes_is_counted_apart_from_the_labels(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "aspetta un attimo" labelled out_of_scope by a writer whose list had no `acknowledge`:
    # the figures as labelled stay, the noted reading is printed beside them
    path = tmp_path / "noted.yaml"
    path.write_text(
        "phrases:\n"
        '  - {text: "come attivo la webcam?", intent: out_of_scope}\n'
        '  - {text: "aspetta un attimo", intent: out_of_scope, also: acknowledge}\n'
        '  - {text: "voglio disdire GoTo Meeting", intent: subscription.cancel,'
        " slots: {product: gotomeeting}}\n",
        encoding="utf-8")
    assert main(["--set", str(path)]) == 1  # judged as labelled: 1/2 out of scope
    out = capsys.readouterr().out
    assert "out-of-scope recall        50.0%  (1/2;" in out
    assert "with the noted readings  intent 100.0%, out-of-scope recall 100.0%  (1/1 noted" in out
    assert "out_of_scope -> acknowledge: 1" in out


@pytest.mark.parametrize("also", ["out_of_scope", "no.such.intent"])
def test_a_noted_reading_must_be_another_known_intent(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], also: str) -> None:
    path = tmp_path / "noted.yaml"
    path.write_text(f'phrases:\n  - {{text: "boh", intent: out_of_scope, also: {also}}}\n',
                    encoding="utf-8")
    assert main(["--set", str(path)]) == 2
    assert "'also' must be another known intent" in capsys.readouterr().err
