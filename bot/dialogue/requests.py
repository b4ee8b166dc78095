"""A message with two requests of change ("vorrei ridurre le licenze del webinar di 2 e poi
passare all'annuale", "riduci a 8 le licenze del webinar e disdici GoToAssist").

The second one was once dropped without a word. Two changes of the same subscription's plan
(licenses, tier, billing frequency) go in one summary, and the bot says so; any other pair is
done one at a time: the first now ("Ho preso solo la prima richiesta…"), the second offered
as soon as the first is over (placed, refused or cancelled), to be started only on a yes.
Either way nothing is placed without a summary and a confirmation.

Each request keeps its own words' slots: "aggiungi 2 licenze a GoToAssist e passa GoTo Webinar
all'annuale" once became one GoTo Webinar summary (10 → 12, annual) under a sentence naming
GoToAssist. Two requests go in one summary only when both name the same product (or neither
names one); a second that names none is for the first one's product ("riduci a 8 le licenze di
GoTo Webinar e passa all'annuale": one summary, not "due prodotti diversi"). Otherwise the
first is done alone, or, when only the second names a product (it may be meant for both), the
person is asked to write them one at a time. A message whose parts name different products is
never read as one request; typed while a flow waits, the other product's part is kept and
offered once the request in progress is over (`other_product_later`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.dialogue.combining import CHANGES
from bot.dialogue.confirmation import is_confirmation
from bot.dialogue.conversation import Message
from bot.dialogue.flows import named_goal, wording
from bot.dialogue.flows.step import PRODUCT_FAMILY
from bot.dialogue.products import same_product, target
from bot.dialogue.replies import Reply, say
from bot.dialogue.routing import is_change, text_free
from bot.dialogue.state import PendingSwitch, SlotValue

if TYPE_CHECKING:
    from bot.dialogue.conversation import Conversation

SPLIT = re.compile(r"(?:\s*[,;]\s*|\s+)(?:e\s+poi|e\s+anche|e\s+inoltre|e\s+dopo|poi|inoltre|"
                   r"e|ed|and\s+then|and)\s+|\s*[;.]\s+", re.IGNORECASE)
"""Where a message's requests part: "… e poi …", "…, inoltre …", "…; …"."""
MAX_LENGTH = 300
MAX_PIECES = 4
"""Longer messages, or with more parts, are read as one (a pasted text is no list of requests)."""
PLAN_CHANGES = frozenset({"licenses.reduce", "seats.add", "plan.change", "billing.frequency"})
"""Requests that are all a change of one subscription's plan: two of them make one order."""


def without_flow(conv: Conversation, message: Message) -> list[Reply]:
    """A typed message with no flow in progress: two requests of change, or as one message
    (`routing`). A request kept for later belongs to the flow that is over."""
    conv.state.later = None
    if conv.speaker.can_transact:
        both = two_requests(conv, message.text)
        if both is not None:
            return both
        mixed = mixed_products(conv, message)
        if mixed is not None:
            return [mixed]
    return text_free(conv, message)


def mixed_products(conv: Conversation, message: Message) -> Reply | None:
    """A change asked in a message whose parts name different products ("riduci GoTo Webinar
    a 8 e disdici GoToAssist", read as one request, mixes them): one at a time, please."""
    if is_change(message.intent, conv) and len(products_named(conv, message.text)) > 1:
        return say(wording.ONE_REQUEST_AT_A_TIME)
    return None


def pieces_of(conv: Conversation, text: str) -> list[Message]:
    """The parts of a message that may hold several requests, each as understood alone."""
    if len(text) > MAX_LENGTH:
        return []
    pieces = [piece.strip() for piece in SPLIT.split(text) if piece and piece.strip()]
    if not 2 <= len(pieces) <= MAX_PIECES:
        return []
    classify = conv.services.classifier.classify
    return [Message.of(piece, classify(piece)) for piece in pieces]


def products_named(conv: Conversation, text: str) -> list[tuple[str, str]]:
    """The different products the parts of a message name."""
    found: list[tuple[str, str]] = []
    for message in pieces_of(conv, text):
        named = target(message.values)
        if named is not None and not any(same_product(named, seen) for seen in found):
            found.append(named)
    return found


def requests_in(conv: Conversation, text: str) -> list[Message]:
    """The first two requests of change of `text`, each with its own slots, when it has two
    different ones the matcher is sure of; none otherwise."""
    found = [message for message in pieces_of(conv, text)
             if message.answered and is_change(message.intent, conv)]
    if len({message.intent for message in found}) < 2:
        return []
    first = found[0]
    second = next(message for message in found if message.intent != first.intent)
    return [first, second]


def two_requests(conv: Conversation, text: str) -> list[Reply] | None:
    """Both changes in one summary, or the first now and the second offered after it; None
    for a message with fewer than two requests."""
    found = requests_in(conv, text)
    if not found:
        return None
    first, second = found
    mine = target(first.values)
    # "riduci a 8 le licenze di GoTo Webinar e passa all'annuale": a second request that names
    # no product is for the first one's product (the other way round it is not known)
    seconds: dict[str, str | int] = {**second.values, **product_of(first.values)} \
        if target(second.values) is None else dict(second.values)
    catalog = conv.services.service.catalog
    goals = (named_goal(first.intent, first.values, catalog),
             named_goal(second.intent, second.values, catalog))
    if not same_product(mine, target(seconds)):
        if mine is None:
            # "riduci di 2 e disdici GoToAssist": whose is "GoToAssist"? one at a time
            return [say(wording.ONE_REQUEST_AT_A_TIME)]
        conv.state.later = PendingSwitch(intent=second.intent, slots=dict(seconds))
        notice = wording.first_only(*goals)
        return [say(notice), *conv.start_flow(first.intent, dict(first.values))]
    merged = one_order(conv, first.values, seconds) \
        if first.intent in PLAN_CHANGES and second.intent in PLAN_CHANGES else None
    if merged is not None:
        notice = wording.both_in_one_order(*goals)
        return [say(notice), *conv.start_flow("plan.change", merged)]
    conv.state.later = PendingSwitch(intent=second.intent, slots=dict(seconds))
    notice = wording.one_at_a_time(*goals)
    return [say(notice), *conv.start_flow(first.intent, dict(first.values))]


def product_of(values: dict[str, str | int]) -> dict[str, str | int]:
    """The slots that name a request's product (or its product line)."""
    return {key: values[key] for key in ("product", PRODUCT_FAMILY) if key in values}


def one_order(conv: Conversation, first: dict[str, str | int],
              second: dict[str, str | int]) -> dict[str, SlotValue] | None:
    """The slots of one plan change with both requests (the same product, `two_requests`): one
    count at most, and a Billing Center account (a corporate account orders seats alone)."""
    account = conv.account()
    if account is None or account.kind == "corporate":
        return None
    if "count" in first and "count" in second:
        return None
    if not same_product(target(first), target(second)):
        return None
    return {**second, **first}


def other_product_later(conv: Conversation, message: Message) -> tuple[Message, str] | None:
    """A message typed while a flow waits whose parts name the flow's product and another one
    ("riduci GoTo Webinar a 8, anzi no a 6, e GoToAssist a 2" at GoTo Webinar's summary): the
    other product's part is kept and offered once this request is over (it was once lost
    without a word, even after the order); the rest is read as usual. Returns that rest and
    the sentence that says so; None for any other message."""
    flow = conv.flow()
    sub = flow.subscription() if flow is not None else None
    if flow is None or sub is None:
        return None
    ours: list[Message] = []
    theirs: list[Message] = []
    named: tuple[str, str] | None = ("product", sub.product)
    for piece in pieces_of(conv, message.text):
        # a part that names no product goes with the part before it
        named = target(piece.values) or named
        (ours if same_product(named, ("product", sub.product)) else theirs).append(piece)
    if not carry_a_change(ours) or not carry_a_change(theirs):
        return None
    rest = " ".join(piece.text for piece in ours)
    if is_confirmation(rest):  # "sì, e GoToAssist a 2": no yes is made out of a part
        return None
    first = ours[0]
    intent = theirs[0].intent if theirs[0].answered and is_change(theirs[0].intent, conv) \
        else first.intent if first.answered and is_change(first.intent, conv) else flow.name
    slots: dict[str, SlotValue] = {}
    for piece in theirs:
        slots.update(piece.values)
    conv.state.later = PendingSwitch(intent=intent, slots=slots)
    goal = named_goal(intent, slots, conv.services.service.catalog)
    return Message.of(rest, conv.services.classifier.classify(rest)), wording.asked_after(goal)


def carry_a_change(pieces: list[Message]) -> bool:
    """Some of the parts carry a new count, plan or frequency."""
    return any(key in piece.values for piece in pieces for key in CHANGES)
