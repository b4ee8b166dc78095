"""billing_core's refusals in a flow: whether the change may start at all (asked before anything
else, once per subscription and frequency chosen), and what the flow says when billing_core
says no (the flow's own answer, the VAT number asked for, the count asked again, or the refusal
with a person to ask). The rules stay in billing_core; a flow only asks and answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from billing_core.schemas import Refusal
from bot.dialogue.flows import vat
from bot.dialogue.flows.step import COUNT_REFUSALS, HANDOFF_OFFER, Step, handoff_button

if TYPE_CHECKING:
    from bot.dialogue.flows.base import Flow


def may_start(flow: Flow) -> Refusal | None:
    """billing_core's eligibility check for the flow's change, once per subscription (and
    frequency) chosen."""
    sub = flow.subscription()
    frequency = flow.requested_frequency()
    key = f"{sub.id if sub else '*'}:{frequency or ''}"
    if flow.state.eligible_for == key:
        return None
    refusal = flow.ctx.service.may_start(flow.ctx.actor, flow.ctx.account.id, flow.name,
                                         sub.id if sub else None, frequency=frequency)
    if refusal is None:
        flow.state.eligible_for = key
    return refusal


def refused_step(flow: Flow, refusal: Refusal, notice: str | None) -> Step:
    """billing_core said no: the flow's own answer, the VAT question, the count asked again,
    or the refusal with a person to ask."""
    step = flow.refused(refusal)
    if step is not None:
        return step
    if refusal.code == "vat_number_required":
        flow.state.vat_needed = True
        return flow.advance(notice)
    if refusal.code == "vat_number_invalid":
        return vat.refused(flow, refusal)
    if refusal.code in COUNT_REFUSALS and flow.asks_count():
        flow.forget("count")
        return flow.advance(refusal.message)
    return end_refused(flow, refusal)


def end_refused(flow: Flow, refusal: Refusal) -> Step:
    """The refusal ends the flow, with a person to ask when billing_core says one can help."""
    buttons = [handoff_button()] if refusal.handoff else []
    text = refusal.message
    if refusal.handoff:
        # the refusal already says who handles it (Servizio clienti, Servizi per account
        # Corporate): the offer does not name them again
        text += " " + HANDOFF_OFFER
    return Step([flow.reply(text, buttons)], done=True)
