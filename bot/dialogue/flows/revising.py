"""A message typed at the summary or at a yes/no question that changes the request ("si ma a 7",
"va bene ma annuale"): the values it carries, and the request revised with them. The summary or
question shown is dropped (nothing was confirmed) and a new one made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.dialogue.flows.step import Step
from bot.dialogue.state import SlotValue

if TYPE_CHECKING:
    from bot.dialogue.flows.base import Flow


def values_in(flow: Flow, slots: dict[str, str | int], *, question: bool,
              money: bool = False) -> dict[str, SlotValue]:
    """The new values a message carries for this flow: a count ("si ma a 7", "nove"; in a
    question or next to money words only with a direction: "pago 1113?" is no count), a product
    other than the chosen one (not in a question: there it is what the question is about), and
    the plan or frequency where this flow can change them.
    Values equal to the current ones are no change."""
    found: dict[str, SlotValue] = {}
    if "count" in slots and flow.asks_count() and (
            "count_mode" in slots or not (question or money)):
        found["count"] = slots["count"]
        if "count_mode" in slots:
            found["count_mode"] = slots["count_mode"]
    sub = flow.subscription()
    now = {"plan": sub.plan, "frequency": sub.frequency} if sub is not None else {}
    for key in ("plan", "frequency"):
        # "quanto pago al mese?" on a monthly plan names the frequency it already has
        current = flow.slots.get(key, now.get(key))
        if key in slots and key in flow.revisable and slots[key] != current:
            found[key] = slots[key]
    if "product" in slots and not question and (sub is None or slots["product"] != sub.product):
        # "quante postazioni abbiamo di training?" at the Meeting summary is a question about
        # Training, not a request to move the order to it
        found["product"] = slots["product"]
    return found


def revise(flow: Flow, values: dict[str, SlotValue], notice: str | None = None) -> Step:
    """The flow goes on with the new values; a tier or a frequency typed at a reduction's or an
    addition's summary makes the request a plan change."""
    if flow.tier_is_a_plan_change and ("plan" in values or "frequency" in values):
        return as_plan_change(flow, values)
    flow.forget_preview()
    flow.drop_pending_question()
    if "count" in values:
        flow.forget("count")
    return flow.merge(values, notice)


def as_plan_change(flow: Flow, values: dict[str, SlotValue]) -> Step:
    """A tier or a frequency typed at the summary ("va bene ma annuale"): the same licenses (or
    the count typed with them) as a plan change, where those are changed."""
    flow.drop_pending_question()
    if "count" in values:
        flow.forget("count")
        flow.slots.update({k: values[k] for k in ("count", "count_mode") if k in values})
    slots: dict[str, SlotValue] = {"subscription": flow.slots.get("subscription")}
    target = flow.licenses_after()
    if target is not None:
        slots.update(count=target, count_mode="set")
    slots.update({key: values[key] for key in ("plan", "frequency") if key in values})
    return Step([], done=True, switch_to=("plan.change", slots))
