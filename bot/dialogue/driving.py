"""A typed message while a flow waits: the answer to its question, a question about it, a new
value, another request, or nothing it can act on.

At the order summary and at every consequential yes/no question only a confirmation of the
closed set (`bot.dialogue.confirmation`) or the button's label says yes; anything else places
nothing and is answered for what it carries.
"""

from __future__ import annotations

from bot.dialogue import combining, messages
from bot.dialogue.confirmation import is_confirmation, is_plain_yes, is_refusal
from bot.dialogue.conversation import Conversation, Message
from bot.dialogue.counts import says_in_all
from bot.dialogue.flows import Flow, Step, vat
from bot.dialogue.flows.step import with_handoff
from bot.dialogue.questions import answer_pending
from bot.dialogue.replies import Reply, say
from bot.dialogue.routing import (
    ACCOUNT_INTENTS,
    FAQ_INTENTS,
    is_a_request,
    route,
    text_free,
)
from bot.dialogue.state import YES_NO_QUESTIONS
from bot.dialogue.summary_facts import answer_from_facts
from bot.dialogue.understanding import (
    is_how_to,
    is_question,
    is_stop,
    is_thanks,
    mentions_money,
    opens_with_no,
    speaks_of_later,
)


def text_in_flow(conv: Conversation, message: Message) -> list[Reply]:
    flow = conv.flow()
    if flow is None:
        conv.state.flow = None
        return text_free(conv, message)
    awaiting = flow.state.awaiting or ""
    text = message.text
    if awaiting == "confirm" or awaiting in YES_NO_QUESTIONS:
        return at_yes_no(conv, flow, message)
    if awaiting == "vat_number" and any(ch.isdigit() for ch in text):
        # "IT 07643520567", "P.IVA …", "la nostra partita iva è …": a VAT number to read
        # (billing_core names what is wrong with it), never a "no"
        return conv.apply(vat.save_vat_number(flow, text))
    if is_stop(text):
        return conv.apply(flow.cancelled())
    if message.is_no:
        # "no" stops the flow, unless the negative answers its question ("non lo accetto")
        negative = flow.on_negative(text, message.values)
        return conv.apply(negative or flow.cancelled())
    typed = conv.typed_button(text)
    if typed is not None:
        return conv.apply(flow.on_button(typed))
    if awaiting == "edit":
        edited = at_edit(conv, flow, message)
        if edited is not None:
            return edited
    return answer_or_request(conv, flow, message)


def at_edit(conv: Conversation, flow: Flow, message: Message) -> list[Reply] | None:
    """"Cosa vuoi modificare?" answered with the new value itself ("7", "annuale")."""
    values = flow.values_in(message.values, question=is_question(message.text),
                            money=mentions_money(message.text))
    if values:
        return conv.apply(flow.revise(values))
    if message.count_problem is not None and flow.asks_count():
        return [say(messages.count_problem(message.count_problem, flow.noun())), *conv.resume(flow)]
    return None


def answer_or_request(conv: Conversation, flow: Flow, message: Message) -> list[Reply]:
    """The answer to the flow's question, or a message about something else."""
    facts = answer_from_facts(flow, message)
    if facts:  # "con che carta paghiamo?" while the flow asks which product: answered
        return [*facts, *conv.resume(flow)]
    step = flow_answer(conv, flow, message)
    if step is not None:
        return conv.apply(step)
    if message.answered:
        replies = something_else(conv, flow, message)
        if replies is not None:
            return replies
    if message.result.band == "out_of_scope" or message.intent == "out_of_scope":
        conv.record_unanswered(message)
        if is_a_request(message.text):
            return out_of_scope_in_flow(conv, flow)
    return [say(messages.NOT_UNDERSTOOD_IN_FLOW), *conv.resume(flow)]


def flow_answer(conv: Conversation, flow: Flow, message: Message) -> Step | None:
    """The message read by the flow as the answer to its question; None when it is not one."""
    intent = message.intent
    if flow.state.awaiting == "subscription" and combining.another_request(conv, flow, message):
        # "voglio ridurre le licenze di GoTo Webinar" names a product, but it is another
        # request, not the answer to "Per quale prodotto vuoi disdire l'abbonamento?"
        return None
    # a request the matcher is sure of, or a question of its own that the bot cannot answer,
    # is no answer unless it carries the value asked for
    elsewhere = message.answered and intent not in (flow.name, "affirm", "deny", "out_of_scope")
    unrelated = elsewhere or (intent == "out_of_scope" and is_a_request(message.text))
    answer = {k: v for k, v in message.slots.items() if v is not None}
    return flow.on_text(message.text, intent, answer, unrelated)


def something_else(conv: Conversation, flow: Flow, message: Message) -> list[Reply] | None:
    """A message the matcher is sure of that does not answer the question: more of the same
    request, a question (answered, then the flow goes on), another change (asked whether to
    switch), a greeting or a thanks; None when it is none of these."""
    text, intent, slots = message.text, message.intent, message.slots
    other_change = combining.another_request(conv, flow, message)
    if intent == flow.name and not is_how_to(text):
        return conv.apply(flow.merge(slots))
    if intent in ACCOUNT_INTENTS:
        return [*route(conv, intent, slots, text), *conv.resume(flow)]
    if (intent == flow.name or other_change) and is_how_to(text):
        # a question about a change is answered; the flow in progress goes on
        return [*conv.faq(intent, slots, text), *conv.resume(flow)]
    if other_change:
        return [conv.ask_switch(flow, intent, slots)]
    if intent in FAQ_INTENTS:
        return [*conv.faq(intent, slots, text), *conv.resume(flow)]
    if intent in ("greet", "thanks", "help", "handoff"):
        return [*route(conv, intent, slots), *conv.resume(flow)]
    if intent == "acknowledge":  # "ok", "ah ok": the question stays open
        return conv.resume(flow)
    return None


def out_of_scope_in_flow(conv: Conversation, flow: Flow) -> list[Reply]:
    """An honest "non lo so" with a person to ask, then the pending question again."""
    return [say(messages.OUT_OF_SCOPE_IN_FLOW, intent="out_of_scope"),
            *with_handoff(conv.resume(flow))]


def at_yes_no(conv: Conversation, flow: Flow, message: Message) -> list[Reply]:
    """A typed message at the order summary ("Confermi l'ordine?") or at another consequential
    yes/no question ("Vuoi aggiungerne 5?", "Vuoi davvero rifiutare il preventivo?"). Only a
    confirmation of the closed set (or the button's label) says yes; anything else places
    nothing and is answered for what it carries: a new value gives a new summary, a question
    its answer and the same question again, hesitation "non è ancora confermato"."""
    at_summary = flow.state.awaiting == "confirm"
    replies = plain_answer(conv, flow, message.text, at_summary)
    if replies is None and at_summary:
        replies = new_vat_number(conv, flow, message.text)
    if replies is None:
        replies = new_values(conv, flow, message, at_summary)
    if replies is None and at_summary:
        fixed = flow.cannot_change(message.values)
        if fixed is not None:  # "ok ma con 3 licenze" at a reactivation's summary
            replies = [say(fixed, intent=flow.name),
                       *conv.resume(flow, messages.not_confirmed_yet(flow.cancels))]
    if replies is None:
        replies = not_an_answer(conv, flow, message, at_summary)
    return replies


def plain_answer(conv: Conversation, flow: Flow, text: str,
                 at_summary: bool) -> list[Reply] | None:
    """A button's label typed, a confirmation of the closed set (yes) or a plain no."""
    awaiting = flow.state.awaiting or ""
    typed = conv.typed_button(text)
    if typed is not None:
        return conv.apply(flow.on_button(typed))
    if is_confirmation(text):
        if conv.state.handoff_offered and is_plain_yes(text):
            # "sì" right after "non lo so … ti metto in contatto con una persona" and the
            # summary again: a yes to which of the two? Nothing is done; both ways are said
            return [say(messages.YES_TO_WHICH), *conv.resume(flow)]
        step = flow.confirm() if at_summary else flow.answer_yes_no(awaiting, True)
        return conv.apply(step or flow.advance())
    if is_refusal(text) or is_stop(text):
        step = flow.cancelled() if at_summary else flow.answer_yes_no(awaiting, False)
        return conv.apply(step or flow.advance())
    return None


def new_vat_number(conv: Conversation, flow: Flow, text: str) -> list[Reply] | None:
    """A corrected VAT number typed at the summary of an order that carries one ("la partita
    IVA giusta è IT12345670017"): a new summary with it (or what is wrong with it, and the
    summary as it was); nothing is confirmed either way."""
    step = vat.correction(flow, text)
    return None if step is None else [say(messages.NOT_CONFIRMED_REVISED), *conv.apply(step)]


def new_values(conv: Conversation, flow: Flow, message: Message,
               at_summary: bool) -> list[Reply] | None:
    """A number that is no count, or new values ("si ma a 7"): why, or a new summary; nothing
    is confirmed either way."""
    if message.count_problem is not None and flow.asks_count():
        # "a 0", "sette e mezzo" at the summary: why that is no count; nothing confirmed
        sentence = messages.count_problem(message.count_problem, flow.noun())
        if at_summary:
            sentence += " " + messages.not_confirmed_yet(flow.cancels)
        return [say(sentence, intent=flow.name), *conv.resume(flow)]
    values = flow.values_in(message.values, question=is_question(message.text),
                            money=mentions_money(message.text))
    if not values:
        return None
    other = combining.for_another_product(conv, flow, message, values) if at_summary else None
    if other is not None:  # another product: another request altogether
        return [other]
    if at_summary and combining.another_request(conv, flow, message) and \
            combining.adds_a_change(flow, values):
        # "voglio pagare annuale il webinar" at a reduction's summary: in più o al posto?
        return [combining.ask(conv, flow, message, values)]
    if not at_summary:
        # "sì ma 3" at "Vuoi aggiungerne 2?": 3 more, the question's direction
        turned = flow.turning_count(flow.state.awaiting or "", values, message.text,
                                    no=opens_with_no(message.text))
        if turned is not None:
            return conv.apply(turned)
    flow.in_all = says_in_all(message.text)
    revised = conv.apply(flow.revise(values))
    if not at_summary:
        return revised
    return [say(messages.not_confirmed_revised(flow.cancels)), *revised]


def reactivating_later(flow: Flow, message: Message, at_summary: bool) -> bool:
    """"ok, tanto poi lo riattivo" at a cancellation's summary: a remark about later, answered
    as "posso riattivarlo dopo?" is; no request to drop the cancellation for a reactivation."""
    return at_summary and flow.cancels and message.intent == "subscription.reactivate" \
        and speaks_of_later(message.text)


def not_an_answer(conv: Conversation, flow: Flow, message: Message,
                  at_summary: bool) -> list[Reply]:
    """Neither a yes nor new values: a no to a question, a question (its answer, then the same
    question), another request, or hesitation (how to answer, the question again)."""
    text, intent = message.text, message.intent
    question = is_question(text)
    if not at_summary and message.is_no and not question:
        return conv.apply(flow.answer_yes_no(flow.state.awaiting or "", False) or flow.advance())
    if question or reactivating_later(flow, message, at_summary):
        return answer_pending(conv, flow, message)
    if combining.another_request(conv, flow, message):
        return [conv.ask_switch(flow, intent, message.slots)]
    if at_summary and message.answered and intent == flow.name:
        # "sì, disdici" at the cancellation's summary: the request it shows, asked again
        return [say(messages.confirm_pending(False, flow.cancels)), *conv.resume(flow)]
    if message.answered and intent in ("help", "handoff"):
        return [*route(conv, intent, message.slots), *conv.resume(flow)]
    if message.answered and (intent in FAQ_INTENTS or intent in ACCOUNT_INTENTS):
        return answer_pending(conv, flow, message)
    if intent == "out_of_scope" and is_a_request(text):
        conv.record_unanswered(message)
        return out_of_scope_in_flow(conv, flow)
    if not at_summary:
        return [say(messages.YES_NO_PENDING), *conv.resume(flow)]
    thanks = is_thanks(text) or (message.answered and intent == "thanks")
    # "ok aspetta", "boh", "ok grazie": not an answer; how to confirm, the summary again
    return [say(messages.confirm_pending(thanks, flow.cancels)), *conv.resume(flow)]
