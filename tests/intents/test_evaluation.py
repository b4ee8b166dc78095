"""The held-out evaluation meets its targets: a regression of the matcher fails CI."""

from __future__ import annotations

from intents import load_classifier
from intents.evaluate import TARGETS, evaluate, main
from intents.training_data import load_heldout_set


def test_heldout_targets_are_met() -> None:
    report = evaluate(load_classifier(), load_heldout_set().phrases)
    assert report.intent_accuracy >= TARGETS["intent_accuracy"]
    assert report.out_of_scope_recall >= TARGETS["out_of_scope_recall"]
    assert report.false_out_of_scope_rate <= TARGETS["false_out_of_scope_rate"]
    assert report.slot_accuracy >= TARGETS["slot_accuracy"]
    assert report.misses() == []


def test_make_eval_prints_every_figure_and_succeeds(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main([]) == 0
    out = capsys.readouterr().out
    for label in ("intent accuracy", "confusions", "out-of-scope recall",
                  "false out-of-scope rate", "slot accuracy", "targets: all met"):
        assert label in out
