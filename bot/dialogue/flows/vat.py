"""The shared VAT-number step: asked when billing_core needs one before the summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from billing_core.privacy import mask_vat_number
from billing_core.schemas import Refusal
from billing_core.vat import EXAMPLE_VAT_NUMBER
from bot.dialogue import messages
from bot.dialogue.flows.step import Step
from bot.dialogue.replies import Reply
from bot.dialogue.understanding import looks_like_vat_number

if TYPE_CHECKING:
    from bot.dialogue.flows.base import Flow


def vat_question(flow: Flow) -> Reply:
    flow.state.awaiting = "vat_number"
    return flow.reply(messages.vat_number_question(EXAMPLE_VAT_NUMBER))


def answer(flow: Flow, text: str) -> Step | None:
    """A message while the VAT number is asked: a VAT number to save ("IT 07643520567", "P.IVA
    …", a sentence with one), or, for a message with no number in it, None (not an answer)."""
    if looks_like_vat_number(text) or (any(ch.isdigit() for ch in text)
                                       and len(text.split()) <= 2):
        return save_vat_number(flow, text)
    return None


def save_vat_number(flow: Flow, text: str) -> Step:
    """What the user typed goes to billing_core, which reads the number out of it ("IT
    07643520567", "P.IVA …", a sentence) and names what is wrong (a check digit, the length);
    saved, the flow goes on to the summary. Only the masked number is ever said back."""
    result = flow.ctx.service.set_vat_number(flow.ctx.actor, flow.ctx.account.id, text.strip())
    if isinstance(result, Refusal):
        return Step([flow.reply(result.message)])
    flow.ctx.account = result
    flow.state.vat_needed = False
    return flow.advance(messages.vat_number_saved(mask_vat_number(result.vat_number or text)))
