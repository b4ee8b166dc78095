"""An agent choosing the customer account they act for ("per conto di ACC-1001", "ACC1001",
"acc 1001"), and what happens to the request around it:

- a change asked before any customer was chosen («Per quale cliente vuoi operare?») goes on
  once the next message names the account: its summary or its next question follows;
- a request in progress for another customer is set aside, and the agent is told so (nothing
  was registered for it);
- naming the customer already chosen changes nothing: the pending question comes again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.dialogue import messages
from bot.dialogue.conversation import Conversation, Services
from bot.dialogue.faq import contact_line
from bot.dialogue.flows import named_goal
from bot.dialogue.replies import Reply, say
from bot.dialogue.speaker import speaker_for

if TYPE_CHECKING:
    from billing_core.schemas import Identity
    from bot.dialogue.state import ConversationState, PendingSwitch
    from bot.dialogue.turns import Turn


def act_for(services: Services, reference: str, state: ConversationState, identity: Identity,
            turn: Turn) -> list[Reply]:
    """The agent now acts for the account `reference` names (an id or a contact's e-mail); the
    replies say so, or that no account has that reference (the current one stays)."""
    service = services.service
    account = service.find_account(reference)
    if account is None:
        current = service.find_account(state.acting_for) if state.acting_for else None
        still = f"{current.name} ({current.id})" if current else state.acting_for
        return [say(messages.no_account_for(reference, still))]
    chosen = say(messages.acting_for(account.name, account.id, contact_line(account)),
                 private=True)
    before = Conversation(services, state, speaker_for(identity, turn, state.acting_for))
    if account.id == state.acting_for:
        # the same customer again: the request in progress stays as it was
        return [chosen, *before.ask_again()]
    set_aside = set_aside_request(before)
    state.acting_for = account.id
    state.flow = None
    state.pending_switch = None
    state.later = None
    return [*set_aside, chosen]


def set_aside_request(conv: Conversation) -> list[Reply]:
    """What is said of the request in progress for the customer the agent leaves (none when
    there is none)."""
    flow = conv.flow()
    account = conv.account()
    if flow is None or account is None:
        return []
    sub = flow.subscription()
    goal = named_goal(flow.name, {"product": sub.product} if sub is not None else {},
                      conv.services.service.catalog)
    return [say(messages.request_set_aside(goal, f"{account.name} ({account.id})"),
                private=True)]


def carry_on(services: Services, waiting: PendingSwitch | None, chosen_before: str | None,
             state: ConversationState, identity: Identity, turn: Turn) -> list[Reply]:
    """After a message that only named an account: the change asked before the customer was
    chosen (`waiting`), now for the customer just chosen; when no account was found, it still
    waits for one."""
    if waiting is None:
        return []
    if state.acting_for is None or state.acting_for == chosen_before:
        state.for_customer = waiting
        return []
    conv = Conversation(services, state, speaker_for(identity, turn, state.acting_for))
    goal = named_goal(waiting.intent, waiting.slots, services.service.catalog)
    return [say(messages.carrying_on(goal)), *conv.start_flow(waiting.intent, waiting.slots)]
