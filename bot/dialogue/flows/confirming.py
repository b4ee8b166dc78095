"""The shared last steps of every flow: the order summary, and its confirmation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from billing_core.schemas import Order, Refusal
from bot.dialogue import messages
from bot.dialogue.flows import vat
from bot.dialogue.flows.step import NOT_ALLOWED_REFUSALS, REPREVIEW_REFUSALS, Step
from bot.dialogue.replies import Reply
from bot.dialogue.summaries import confirmation_reply, summary_reply, withdraws_cancellation

if TYPE_CHECKING:
    from bot.dialogue.flows.base import Flow


def show_summary(flow: Flow, notice: str | None) -> Step:
    """billing_core's preview of the change collected, as the summary to confirm."""
    result = flow.preview()
    if isinstance(result, Refusal):
        return flow.refused_step(result, notice)
    flow.last_preview = result
    vat.carried(flow, result)
    flow.state.preview_id = result.id
    flow.state.awaiting = "confirm"
    flow.state.preview_kind = "subscription.withdraw" if withdraws_cancellation(result) \
        else result.kind
    summary = summary_reply(result, flow.name, editable=bool(flow.editable()),
                            on_behalf=flow.ctx.actor.on_behalf_of is not None)
    return Step([flow.with_notice(notice, summary)])


def confirm(flow: Flow) -> Step:
    """Place exactly the summary shown (billing_core: single use, idempotent per conversation
    and preview). An expired or outdated summary is made again, never placed."""
    preview_id = flow.state.preview_id
    if preview_id is None:
        return flow.advance()
    key = f"{flow.ctx.conversation_key}:{preview_id}"
    result = flow.ctx.service.confirm(preview_id, flow.ctx.actor, key)
    if isinstance(result, Refusal):
        if result.code in REPREVIEW_REFUSALS:
            flow.forget_preview()
            return flow.advance(result.message + messages.SUMMARY_REFRESHED)
        step = flow.end_refused(result)
        step.not_allowed = result.code in NOT_ALLOWED_REFUSALS
        return step
    reply = confirmed(flow, result)
    if flow.state.vat_preview == preview_id:  # the order carried the VAT number typed for it
        reply.sections[-1].text += "\n" + messages.VAT_NUMBER_STORED
    return Step([reply], done=True, placed=result)


def confirmed(flow: Flow, order: Order) -> Reply:
    kind = flow.state.preview_kind or flow.name
    sub = flow.subscription()
    after = flow.licenses_after()
    return confirmation_reply(order, kind, flow.name,
                              added_licenses=after is not None
                              and after > flow.current_licenses(),
                              on_behalf=flow.ctx.actor.on_behalf_of is not None,
                              ends_on=sub.period_end if sub is not None else None)
