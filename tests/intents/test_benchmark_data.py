"""The benchmark's synthetic growth: the sizes `make bench` reports are the sizes it trains on."""

from __future__ import annotations

import random

from benchmarks import __main__ as bench_main
from benchmarks.classify import grown, utterances


def test_growth_multiplies_the_training_phrases_and_keeps_their_intents() -> None:
    examples = [("riduci a 4 le licenze", "licenses.reduce"), ("grazie mille", "thanks")]
    bigger = grown(examples, 10, random.Random(1))
    assert len(bigger) == 20
    assert bigger[:2] == examples
    assert {intent for _, intent in bigger} == {"licenses.reduce", "thanks"}


def test_utterances_are_distinct_so_no_cache_flatters_the_latency() -> None:
    texts = utterances(600, random.Random(2))
    assert len(texts) == len(set(texts)) == 600


def test_make_bench_runs_the_classifier_benchmark() -> None:
    assert "classify" in bench_main.MODULES
