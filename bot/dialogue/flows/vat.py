"""The shared VAT-number step: asked when billing_core needs one before the summary.

The number typed goes with the order, never straight to the account: billing_core reads and
validates it with the preview, the summary shows it, and it is stored on the account only when
the order is confirmed (in the order's transaction). The conversation state keeps only the id
of the summary that carries it (`FlowState.vat_preview`); each new summary of the same request
carries it on, and a corrected number typed at the summary makes a new one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from billing_core.schemas import Preview, Refusal
from billing_core.vat import EXAMPLE_VAT_NUMBER
from bot.dialogue import messages
from bot.dialogue.flows.step import Step
from bot.dialogue.replies import Reply
from bot.dialogue.understanding import looks_like_vat_number, names_vat_number

if TYPE_CHECKING:
    from bot.dialogue.flows.base import Flow


def vat_question(flow: Flow) -> Reply:
    flow.state.awaiting = "vat_number"
    return flow.reply(messages.vat_number_question(EXAMPLE_VAT_NUMBER))


def answer(flow: Flow, text: str) -> Step | None:
    """A message while the VAT number is asked: a VAT number for the order ("IT 07643520567",
    "P.IVA …", a sentence with one), or, for a message with no number in it, None (not an
    answer)."""
    if looks_like_vat_number(text) or (any(ch.isdigit() for ch in text)
                                       and len(text.split()) <= 2):
        return save_vat_number(flow, text)
    return None


def save_vat_number(flow: Flow, text: str) -> Step:
    """What the user typed goes with the order's summary: billing_core reads the number out of
    it ("IT 07643520567", "P.IVA …", a sentence) and names what is wrong (a check digit, the
    length); valid, the summary shows it, and the account gets it only with the order."""
    flow.typed_vat_number = text.strip()
    flow.state.vat_needed = False
    return flow.advance(messages.VAT_NUMBER_WITH_ORDER)


def correction(flow: Flow, text: str) -> Step | None:
    """At the summary of an order that carries a VAT number typed in this request, a message
    with another one ("la partita IVA giusta è IT12345670017", "P.IVA …", the 11 digits
    alone): a new summary with it, nothing confirmed. None for any other message."""
    if flow.state.vat_preview is None or not names_vat_number(text):
        return None
    flow.forget_preview()
    flow.typed_vat_number = text.strip()
    return flow.advance(messages.VAT_NUMBER_CORRECTED)


def for_summary(flow: Flow) -> str | None:
    """The VAT number the next summary carries: the one typed this turn, or the one the last
    summary of this request carried (billing_core keeps it with that summary)."""
    if flow.typed_vat_number is not None:
        return flow.typed_vat_number
    if flow.state.vat_preview is None:
        return None
    shown = flow.ctx.service.stored_preview(flow.ctx.actor, flow.state.vat_preview)
    return shown.vat_number if isinstance(shown, Preview) else None


def carried(flow: Flow, preview: Preview) -> None:
    """A summary was made: when it carries a VAT number, it is the one to carry on."""
    flow.typed_vat_number = None
    if preview.vat_number is not None:
        flow.state.vat_preview = preview.id
        flow.state.vat_needed = False


def refused(flow: Flow, refusal: Refusal) -> Step:
    """billing_core found no valid VAT number in what was typed, and says what is wrong: a
    correction typed at the summary leaves the summary with the number it had; at the VAT
    question, the question stays."""
    typed, flow.typed_vat_number = flow.typed_vat_number, None
    if typed is not None and flow.state.vat_preview is not None:
        return flow.advance(f"{refusal.message} {messages.VAT_NUMBER_KEPT}")
    flow.state.vat_preview = None
    flow.state.vat_needed = True
    flow.state.awaiting = "vat_number"
    return Step([flow.reply(refusal.message)])
