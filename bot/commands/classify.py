"""`billing-bot classify`: one utterance per line on stdin, one JSON classification per line.

Output per line (docs/contracts/cli.md): {"text", "intent", "confidence", "slots"}, plus
"band" and "candidates" (added fields), and "count_problem" ("zero", "negative", "fraction") when
the text states a count that cannot be one ("riduci a 0", "-3", "sette e mezzo": then "slots"
has no count). The classifier loads once, so thousands of lines are fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any, TextIO

from bot.settings import Settings

if TYPE_CHECKING:
    from intents import Classification


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "classify",
        help="classifica le frasi lette da stdin (una per riga) e scrive JSON, una riga ciascuna",
        description="Reads one utterance per line on stdin; writes one JSON object per line.",
    )
    parser.set_defaults(handler=run)


def as_json(result: Classification) -> str:
    """The contract's JSON line for one classification."""
    payload = {
        "text": result.text,
        "intent": result.intent,
        "confidence": result.confidence,
        "slots": result.slots,
        "band": result.band,
        "candidates": [{"intent": intent, "confidence": score}
                       for intent, score in result.candidates],
    }
    if result.count_problem is not None:
        payload["count_problem"] = result.count_problem
    return json.dumps(payload, ensure_ascii=False)


def classify_stream(lines: TextIO, out: TextIO) -> int:
    """Classify every line of `lines` into `out`; returns how many lines were read."""
    # bot.loading imports scikit-learn only when called: other commands need not wait for it.
    from bot.loading import load_understanding

    classifier = load_understanding()
    count = 0
    for line in lines:
        text = line.rstrip("\r\n")
        out.write(as_json(classifier.classify(text)) + "\n")
        out.flush()
        count += 1
    return count


def run(args: argparse.Namespace, settings: Settings) -> int:
    classify_stream(sys.stdin, sys.stdout)
    return 0
