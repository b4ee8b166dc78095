"""Reading a number of licenses from a reply, and saying why a number is no count.

The intent matcher reads the count and its mode from the text ("a 8" set, "di 2" remove, "a 8
anzi 6" set 6) and says when the number stated is no count (`Classification.count_problem`:
"zero", "negative", "fraction"); this module turns that into what the flow stores, or into the
sentence the user reads (`messages.count_problem`). The arithmetic (what a count means against
today's licenses) is `total_after`, the one place it is done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.dialogue import messages


def total_after(current: int, count: int, mode: str | None) -> int:
    """The number of licenses a count means against today's `current`: this many more
    ("add"), this many fewer ("remove"), or a new total (any other mode)."""
    if mode == "add":
        return current + count
    if mode == "remove":
        return current - count
    return count


_BARE_INTEGER = re.compile(r"\s*(\d+)\s*[.!]?\s*")
_NEGATIVE = re.compile(r"(?<![\w])-\s*\d+")
_FRACTION = re.compile(r"\d+[.,]\d+")
_TOTAL = re.compile(r"\b(?:a|ad|fino a|sino a|to)\s+\w+|\bin (?:tutto|totale)\b|\btotal\w*|"
                    r"\bda\s+\w+\s+a\s+\w+")


def says_a_total(text: str) -> bool:
    """The number is said as a total ("a 3", "13 in tutto", "da 10 a 7"), not only read as
    one from a verb ("facciamo 3", "mettine 4")."""
    return bool(_TOTAL.search(text.lower()))


_IN_ALL = re.compile(r"\b(?:in tutto|in totale|complessiv\w*|totali|in all|total)\b")


def says_in_all(text: str) -> bool:
    """The number is said as the total in all ("45 in tutto"), which no reading turns into
    a number to add."""
    return bool(_IN_ALL.search(text.lower()))


@dataclass(frozen=True)
class CountReading:
    """A count read from an answer: the number and whether it is a total or a difference, or
    the sentence that says why there is none."""

    count: int | None = None
    mode: str | None = None
    problem: str | None = None


def read_count(text: str, slots: dict[str, str | int], noun: str = "licenze",
               problem: str | None = None) -> CountReading:
    """The count of a reply: the matcher's slots (`problem`: its `count_problem`), or a bare
    integer; otherwise the sentence that says what is wrong."""
    if problem is None and "count" not in slots:
        # the matcher read no count: a sign or a decimal point in a bare answer still says why
        if _NEGATIVE.search(text):
            problem = "negative"
        elif _FRACTION.search(text):
            problem = "fraction"
    if problem is not None:
        return CountReading(problem=messages.count_problem(problem, noun))
    mode = str(slots["count_mode"]) if "count_mode" in slots else None
    raw = slots.get("count")
    bare = _BARE_INTEGER.fullmatch(text)
    if isinstance(raw, int) or (isinstance(raw, str) and raw.isdigit()):
        count = int(raw)
    elif bare:
        # a number alone that the matcher did not take for a count; a number inside other
        # text it did not read ("IT 07643520567", a VAT number) is no count
        count = int(bare.group(1))
    else:
        return CountReading(problem=messages.count_problem("unknown", noun))
    if count == 0:
        return CountReading(problem=messages.count_problem("zero", noun))
    return CountReading(count=count, mode=mode)
