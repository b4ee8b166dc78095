"""A number typed at the questions that turn a request around ("Hai 10 licenze: 12 non è una
riduzione. Vuoi aggiungerne 2?", "Hai 10 licenze: passare a 7 è una riduzione. Vuoi ridurle
a 7?"): the number keeps the direction of the question.

At "Vuoi aggiungerne 2?" a number after a yes ("sì ma 3"), or on its own, is how many to add
(13 in all), never a total of 3; at "Vuoi ridurle a 7?" a number is the total to go down to. A
number said with its own direction ("aggiungine 1", "a 13 in tutto", "togline 2") is read as
said, also the other way ("no, a 8", "sì ma a 7": a reduction to it). What could mean either
(a bare 15 with 10 licenses: 15 more, or 15 in all? "facciamo 3": 3 more, or 3 in all?) and a
"no" followed by a bare number are asked about. Nothing is placed either way: a summary
follows, to be confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from billing_core.wording import units
from bot.dialogue.counts import says_a_total, total_after
from bot.dialogue.flows import wording
from bot.dialogue.flows.step import Step
from bot.dialogue.state import SlotValue

if TYPE_CHECKING:
    from bot.dialogue.flows.base import Flow

Way = Literal["turn", "own", "ask"]


@dataclass(frozen=True)
class Reading:
    """What a number typed at a turning question means: go the question's way to `total`
    ("turn"), the flow's own reading of an explicit request the other way ("own", as "no, a 8"
    at "Vuoi aggiungerne 2?" is a reduction to 8), or unclear ("ask")."""

    way: Way
    total: int = 0


def read_turning_answer(*, up: bool, current: int, count: int, mode: str | None,
                        no: bool) -> Reading:
    """`up`: the question proposes more licenses ("Vuoi aggiungerne N?"); otherwise fewer
    ("Vuoi ridurle a N?"). `count`/`mode`: the number typed and how it was said
    (`count_mode`); `no`: the message opens with a no."""
    if mode is None:
        return _bare(up=up, current=current, count=count, no=no)
    if mode == "loose":
        # "facciamo 3", "mettine 4": a total only if it goes the question's way
        if (count > current) == up and count != current and not no:
            return Reading("turn", count)
        return Reading("ask")
    total = total_after(current, count, mode)
    if total <= 0 or total == current:
        return Reading("own")  # the flow says why (at least one; nothing to change)
    # said with its direction: read as said ("no, a 8", "si ma a 7": a reduction to it)
    return Reading("turn", total) if (total > current) == up else Reading("own")


def count_mode(values: dict[str, SlotValue], text: str) -> str | None:
    """How the number was said: "add", "remove", "set" for a total said as one ("a 3", "13 in
    tutto"), "loose" for one the matcher reads as a total from a verb alone ("facciamo 3",
    "mettine 4": after "Vuoi aggiungerne 2?" it may well be 3 more), None for a bare number."""
    mode = values.get("count_mode")
    if mode == "set" and not says_a_total(text):
        return "loose"
    return str(mode) if mode is not None else None


def _bare(*, up: bool, current: int, count: int, no: bool) -> Reading:
    """A number said without a direction ("3", "sì ma 3", "no, 3")."""
    if no or count <= 0:
        return Reading("ask")
    if up:
        # fewer than today cannot be the total asked for after "aggiungerne?": it is how many
        # more; as many as today or more could be either
        return Reading("turn", current + count) if count < current else Reading("ask")
    # "ridurle a 7?" asks for a total: a number below today's is that total
    return Reading("turn", count) if count < current else Reading("ask")


def answer_turning(flow: Flow, values: dict[str, SlotValue], text: str, *, up: bool,
                   no: bool) -> Step | None:
    """A number typed at `flow`'s turning question: the change the question proposes, with
    that number (its summary follows); the question again, saying what is unclear; or None
    for the flow's own reading of a request the other way."""
    count = values.get("count")
    if not isinstance(count, int):
        return None
    current = flow.current_licenses()
    reading = read_turning_answer(up=up, current=current, count=count,
                                  mode=count_mode(values, text), no=no)
    if reading.way == "own":
        return None
    if reading.way == "ask":
        return flow.advance(wording.more_or_in_all(units(count, flow.ctx.account.kind), count,
                                                    current + count))
    flow.drop_pending_question()
    flow.forget("count")
    subscription = flow.slots.get("subscription")
    if up:
        return Step([], done=True, switch_to=("seats.add", {
            "subscription": subscription, "count": reading.total - current,
            "count_mode": "add"}))
    return Step([], done=True, switch_to=("licenses.reduce", {
        "subscription": subscription, "count": reading.total, "count_mode": "set"}))
