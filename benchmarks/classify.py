"""Classifier throughput and latency per utterance as the training phrases grow.

The training phrases of intents/data/training.yaml are grown synthetically to 1×, 10× and 100×
(each copy a variant: typos, missing accents, case, Slack mentions, emoji, polite prefixes and
suffixes), a classifier is trained on each (with the stored temperature: calibration is a one-off
cost measured separately by `python -m intents.evaluate --calibrate`), and then classifies
distinct utterances one at a time (the phrases of the three held-out sets, long stories
included, and variants of them, each text once, so no cache helps; before issue 7's second
round only heldout.yaml's phrases were used). Reported: training time, model size, throughput,
p50/p99/max latency (wall clock), and p50/p99 of the CPU time each message took (on a machine
shared with other work the wall clock also counts the waits for a core; the CPU time is what the
message itself cost).
"""

from __future__ import annotations

import random
import statistics
import time

from intents.calibrate import stored_temperature
from intents.classifier import Classifier
from intents.training_data import DATA_DIR, load_evaluation_set, load_training_set

SCALES = (1, 10, 100)
QUICK_SCALES = (1, 10)
UTTERANCES = 2000
QUICK_UTTERANCES = 300
SEED = 20261122
HELD_OUT = ("heldout.yaml", "fresh.yaml", "fresh2.yaml")
LONG_WORDS = 14
"""A message this long may tell a story (the classifier reads it sentence by sentence too)."""

_PREFIXES = ("", "", "<@U024BE7LH> ", "ciao, ", "buongiorno, ", "scusa, ", "hey ", "allora ")
_SUFFIXES = ("", "", " grazie", " :pray:", " 🙂", " per favore", "!!", "?", " pls", " :+1:")
_ACCENTS = str.maketrans("àèéìòù", "aeeiou")


def _typo(text: str, rng: random.Random) -> str:
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    if len(letters) < 4:
        return text
    i = rng.choice(letters[1:-1])
    kind = rng.randrange(4)
    if kind == 0:  # drop a letter
        return text[:i] + text[i + 1:]
    if kind == 1:  # double a letter
        return text[:i] + text[i] + text[i:]
    if kind == 2:  # swap two letters
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    return text[:i] + rng.choice("aeiourstln") + text[i + 1:]  # wrong letter


def variant(text: str, rng: random.Random) -> str:
    """A plausible rewrite of a phrase, as users type it."""
    out = text
    for _ in range(rng.randrange(3)):
        out = _typo(out, rng)
    if rng.random() < 0.4:
        out = out.translate(_ACCENTS)
    if rng.random() < 0.2:
        out = out.upper() if rng.random() < 0.3 else out.capitalize()
    return f"{rng.choice(_PREFIXES)}{out}{rng.choice(_SUFFIXES)}"


def grown(examples: list[tuple[str, str]], scale: int, rng: random.Random) -> list[tuple[str, str]]:
    """The examples plus scale-1 variants of each."""
    result = list(examples)
    for _ in range(scale - 1):
        result.extend((variant(text, rng), intent) for text, intent in examples)
    return result


def utterances(count: int, rng: random.Random) -> list[str]:
    base = [phrase.text for name in HELD_OUT
            for phrase in load_evaluation_set(DATA_DIR / name).phrases]
    seen: set[str] = set()
    result: list[str] = []
    while len(result) < count:
        text = base[len(result)] if len(result) < len(base) else variant(rng.choice(base), rng)
        if text not in seen:
            seen.add(text)
            result.append(text)
    return result


def _tail(values: list[float]) -> str:
    """ "p99 1.234 ms (n=1900)" of unsorted CPU times."""
    return f"p99 {_percentile(sorted(values), 0.99):.3f} ms (n={len(values)})" if values else "-"


def _percentile(sorted_values: list[float], fraction: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


def run(quick: bool = False) -> None:
    rng = random.Random(SEED)
    examples = load_training_set().examples()
    temperature = stored_temperature() or 0.6
    texts = utterances(QUICK_UTTERANCES if quick else UTTERANCES, rng)
    print(f"{len(examples)} training phrases at 1x; {len(texts)} distinct utterances, "
          f"classified one at a time\n")
    print(f"{'scale':>5} {'phrases':>8} {'train s':>8} {'features':>9} {'utt/s':>8} "
          f"{'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'cpu p50':>8} {'cpu p99':>8}")
    rows: list[tuple[int, float, float, float]] = []
    tails: list[tuple[int, str, str]] = []
    for scale in QUICK_SCALES if quick else SCALES:
        training = grown(examples, scale, rng)
        started = time.perf_counter()
        classifier = Classifier(training, temperature=temperature)
        train_seconds = time.perf_counter() - started
        for text in texts[:20]:  # warm-up: first calls allocate
            classifier.classify(text + " warmup")
        latencies: list[float] = []
        cpu: list[float] = []
        by_length: dict[bool, list[float]] = {False: [], True: []}
        total_started = time.perf_counter()
        for text in texts:
            t0, c0 = time.perf_counter_ns(), time.thread_time_ns()
            classifier.classify(text)
            cpu.append((time.thread_time_ns() - c0) / 1e6)
            latencies.append((time.perf_counter_ns() - t0) / 1e6)
            by_length[len(text.split()) >= LONG_WORDS].append(cpu[-1])
        total = time.perf_counter() - total_started
        tails.append((scale, _tail(by_length[False]), _tail(by_length[True])))
        latencies.sort()
        cpu.sort()
        p50, p99 = statistics.median(latencies), _percentile(latencies, 0.99)
        rows.append((scale, train_seconds, p50, p99))
        print(f"{scale:>4}x {len(training):>8} {train_seconds:>8.2f} {classifier.feature_count:>9} "
              f"{len(texts) / total:>8.0f} {p50:>7.3f} {p99:>7.3f} {latencies[-1]:>7.3f} "
              f"{statistics.median(cpu):>8.3f} {_percentile(cpu, 0.99):>8.3f}", flush=True)
    print(f"\nCPU p99 by length (messages of {LONG_WORDS} words or more are the long ones):")
    for scale, short, long in tails:
        print(f"  {scale}x: shorter {short}, longer {long}")
    _, base_train, base_p50, base_p99 = rows[0]
    print("\ngrowth against 1x:")
    for scale, train_seconds, p50, p99 in rows[1:]:
        print(f"  {scale}x phrases: training x{train_seconds / base_train:.1f}, "
              f"p50 x{p50 / base_p50:.2f}, p99 x{p99 / base_p99:.2f}")
