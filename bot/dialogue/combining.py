"""A new request typed at a summary that adds another kind of change to it ("voglio pagare
annuale il webinar" at the summary of a reduction to 8 licenses): in addition, or instead?

It was once merged into the pending order without a word (10 → 8 licenses and annual billing,
21.990,50 € today). Now the bot asks: both in one order (a new summary that says so), only the
new one (the pending summary is dropped), or only the one before (its summary again). A
correction of the summary ("va bene ma annuale", "si ma a 7") is no new request: it gives a new
summary as before. A request for another product is another request altogether ("Vuoi lasciar
perdere…?"). Nothing is placed without a summary and a yes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from billing_core.wording import frequency_name, tier_name, units
from bot.dialogue import messages
from bot.dialogue.flows import wording
from bot.dialogue.products import same_product, target
from bot.dialogue.questions import article_speaking_of, sure_answer
from bot.dialogue.replies import Button, Reply, say
from bot.dialogue.routing import is_change
from bot.dialogue.state import PendingSwitch, SlotValue
from bot.dialogue.understanding import is_question, normalise

if TYPE_CHECKING:
    from bot.dialogue.conversation import Conversation, Message
    from bot.dialogue.flows import Flow

Combine = Literal["both", "instead", "keep"]

CHANGES = ("count", "plan", "frequency")
_BOTH = re.compile(r"\b(insieme|entramb\w*|tutt[ei] e due|in piu|in più|anche|both)\b")
_INSTEAD = re.compile(r"\b(al posto|invece|sostitu\w*|(?:solo )?(?:la|quella) nuova|instead)\b")
_KEEP = re.compile(r"\b((?:solo )?quella di prima|com'era|come prima|lascia com\w*|solo la "
                   r"prima|solo la vecchia)\b")
READINGS: tuple[tuple[Combine, re.Pattern[str]], ...] = (
    ("keep", _KEEP), ("instead", _INSTEAD), ("both", _BOTH))
BUTTONS: dict[str, Combine] = {"switch.merge": "both", "switch.yes": "instead",
                               "switch.no": "keep"}


def another_request(conv: Conversation, flow: Flow, message: Message) -> bool:
    """The matcher is sure the message is a request of its own for another change than the
    flow's (at a summary: not a correction of it, which it reads with less confidence)."""
    return message.answered and message.intent != flow.name and is_change(message.intent, conv)


def names_another_product(flow: Flow, message: Message) -> bool:
    """The message names a product (or a product line) other than the summary's one."""
    sub = flow.subscription()
    named = target(message.values)
    return sub is not None and named is not None and \
        not same_product(named, ("product", sub.product))


def for_another_product(conv: Conversation, flow: Flow, message: Message,
                        values: dict[str, SlotValue]) -> Reply | None:
    """A message naming another product at a summary ("aggiungi 2 licenze a GoToAssist" at
    GoTo Webinar's): "Vuoi lasciar perdere…?", never applied to the summary's product. None
    for another message, and for a correction of the summary's product ("no, GoToAssist")."""
    if not names_another_product(flow, message):
        return None
    another = another_request(conv, flow, message)
    if "product" in values and not another:
        return None
    return conv.ask_switch(flow, message.intent if another else flow.name, message.slots)


def adds_a_change(flow: Flow, values: dict[str, SlotValue]) -> bool:
    """`values` change something the pending request does not (a frequency at a reduction's
    summary), on the same subscription."""
    changing = {key for key in CHANGES if key in flow.slots}
    return "product" not in values and any(key in values and key not in changing
                                           for key in CHANGES)


def ask(conv: Conversation, flow: Flow, message: Message,
        values: dict[str, SlotValue]) -> Reply:
    """"Vuoi anche …, nello stesso ordine, oppure … al posto di …?" with three buttons."""
    conv.state.pending_switch = PendingSwitch(intent=message.intent, slots=message.slots,
                                              merge=values)
    new = described(flow, values)
    return say(wording.in_addition_or_instead(flow.goal, new, product_of(flow)),
               intent=message.intent,
               buttons=[
                   Button(action_id="switch.merge", label=wording.COMBINE_BOTH, value="both",
                          style="primary"),
                   Button(action_id="switch.yes", label=wording.COMBINE_INSTEAD,
                          value=message.intent),
                   Button(action_id="switch.no", label=wording.COMBINE_KEEP,
                          value=message.intent),
               ])


def described(flow: Flow, values: dict[str, SlotValue]) -> str:
    """The new change in words ("passare alla fatturazione annuale")."""
    sub = flow.subscription()
    plan = values.get("plan")
    frequency = values.get("frequency")
    count = values.get("count")
    counted = None
    if isinstance(count, int):
        counted = (units(count, flow.ctx.account.kind), str(values.get("count_mode") or "set"))
    return wording.change_words(
        tier_name(str(plan), sub.product if sub else None, flow.ctx.catalog) if plan else None,
        frequency_name(str(frequency)) if frequency else None, counted)


def product_of(flow: Flow) -> str:
    """The summary's product by name ("GoTo Webinar")."""
    sub = flow.subscription()
    return sub.product_name if sub is not None else ""


def read(conv: Conversation, message: Message) -> Combine | None:
    """The answer to "in più o al posto?": a button's label typed, or words that say it ("tutte
    e due", "invece", "no"); None for anything else (a plain "sì" says neither)."""
    typed = conv.typed_button(message.text, prefix="switch.")
    if typed is not None:
        return BUTTONS.get(typed.action_id, "keep")
    if message.is_no:
        return "keep"
    words = normalise(message.text)
    found = [choice for choice, pattern in READINGS if pattern.search(words)]
    return found[0] if len(found) == 1 else None


def answer(conv: Conversation, choice: Combine) -> list[Reply]:
    """Both in one order (a new summary), only the new one, or only the one before (what was
    dropped and what stays said plainly)."""
    pending = conv.state.pending_switch
    if choice == "instead" or pending is None or pending.merge is None:
        return conv.answer_switch(choice == "instead")
    conv.state.pending_switch = None
    flow = conv.flow()
    if flow is None:
        return [say(messages.NOTHING_PENDING)]
    values = dict(pending.merge)
    new = described(flow, values)
    if choice == "keep":
        kept = say(wording.new_change_dropped(new, flow.goal, product_of(flow)))
        return [kept, *conv.resume(flow, messages.not_confirmed_yet(flow.cancels))]
    return [say(wording.added_to_order(new)), *conv.apply(flow.revise(values))]


def not_a_choice(conv: Conversation, message: Message) -> list[Reply] | None:
    """Anything else typed at "in più o al posto?": a question answered, then the choice asked
    again (nothing dropped); a request of its own: None (it is read as such); anything else (a
    bare "3", "sì", "ok"): the choices again, by name."""
    flow = conv.flow()
    pending = conv.state.pending_switch
    if flow is None or pending is None or pending.merge is None:
        return None
    if is_question(message.text):
        # "quanto costa in tutto?": what is known for sure, then the same choice
        answered = sure_answer(conv, message) or article_speaking_of(conv, message) or [
            say(wording.COMBINE_QUESTION_NOT_KNOWN)]
        return [*answered, *again(conv, flow, pending.merge)]
    if message.answered and is_change(message.intent, conv) and \
            any(ch.isalpha() for ch in message.text):
        return None
    return again(conv, flow, pending.merge)


def again(conv: Conversation, flow: Flow, values: dict[str, SlotValue]) -> list[Reply]:
    """The three choices by name, then the question with its buttons."""
    sentence = wording.combine_pending(flow.goal, described(flow, values),
                                        product_of(flow))
    return [say(sentence), *conv.pending_question()]
