"""What a flow works with and gives back: its context for one turn, the `Step` of a turn, and the
names shared by the flows and their shared steps."""

from __future__ import annotations

from dataclasses import dataclass

from billing_core import BillingService
from billing_core.catalog import Catalog
from billing_core.schemas import AccountView, Actor, Order
from bot.dialogue import messages
from bot.dialogue.replies import Button, Reply
from bot.dialogue.state import SlotValue

COUNT_PROBLEM = "count_problem"
"""The message's `count_problem` ("zero", "negative", "fraction"), passed with its slots to a
flow for this turn only (never stored)."""
PRODUCT_FAMILY = "product_family"
"""The flow slot of a product family the user named without saying which product ("GoToAssist":
v4 or v5): only the account's products of that family are offered (one: that one)."""
COUNT_REFUSALS = frozenset({"invalid_count", "too_many_licenses", "nothing_to_change"})
NOT_ALLOWED_REFUSALS = frozenset({"not_authorized", "preview_not_yours"})
REPREVIEW_REFUSALS = frozenset({"preview_expired", "preview_stale"})
HANDOFF_OFFER = messages.HANDOFF_OFFER


@dataclass
class FlowContext:
    """What a flow may use for one turn: the service, who acts, and the account acted on."""

    service: BillingService
    actor: Actor
    account: AccountView
    conversation_key: str

    @property
    def catalog(self) -> Catalog:
        """billing_core's catalog, as the service has it (product and plan names)."""
        return self.service.catalog


@dataclass
class Step:
    """The outcome of one turn of a flow."""

    replies: list[Reply]
    done: bool = False
    switch_to: tuple[str, dict[str, SlotValue]] | None = None
    """Start this flow (intent, slots) next, e.g. "vuoi aggiungerne 5?" → yes."""
    placed: Order | None = None
    """The order this step placed (a confirmation)."""
    not_allowed: bool = False
    """billing_core refused because this person may not act (a press of Conferma is refused)."""
    offer: tuple[str, dict[str, SlotValue], str] | None = None
    """After this step, offer to start a flow (intent, slots, question): it starts only on a
    clear yes ("Vuoi che la riattivi ora?")."""


def handoff_button() -> Button:
    return Button(action_id="handoff", label=messages.HANDOFF_BUTTON, value="flow")


def with_handoff(resumed: list[Reply]) -> list[Reply]:
    """The pending question shown again, with the handoff button on it when it is answered
    with buttons (a typed answer, a count, gets none: "8" would press button 8 in the
    terminal) and does not have one yet."""
    question = resumed[-1] if resumed else None
    if question is not None and question.buttons and \
            not any(b.action_id == "handoff" for b in question.buttons):
        question.buttons.append(handoff_button())
    return resumed
