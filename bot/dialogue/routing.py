"""A message with no flow in progress: from its intent to what the bot does (an answer, a
started flow, an offer, "Intendevi…?", an honest "non lo so")."""

from __future__ import annotations

from billing_core.schemas import Refusal
from billing_core.wording import product_name
from bot.dialogue import messages
from bot.dialogue.conversation import Conversation, Message
from bot.dialogue.flows import FLOWS
from bot.dialogue.flows.base import handoff_button
from bot.dialogue.overview import overview_reply
from bot.dialogue.replies import Button, Reply, say
from bot.dialogue.state import SlotValue
from bot.dialogue.summary_facts import answer_from_account
from bot.dialogue.understanding import is_how_to, is_question, normalise

FAQ_INTENTS = frozenset({
    "billing_center.about", "billing_center.access", "billing_contact.who",
    "billing_contact.change", "payment_method.change", "plan.costs", "subscription.reactivate",
    "billing.history", "billing.frequency", "tax.w9", "subscription.cancel", "product.switch",
    "options_icon.missing", "order.status",
})
ACCOUNT_INTENTS = frozenset({"account.overview", "purchase.new"})
"""Answered from the account (and, for a purchase, the help article), never a started flow."""
TRANSACTIONS = frozenset({"licenses.reduce", "seats.add", "plan.change"})
"""Always a transaction; the FAQ intents that are also flows become one for those who may act."""
FLOW_INTENTS = frozenset(FLOWS)
CONVERSATION_INTENTS = frozenset({"greet", "thanks", "help", "handoff", "affirm", "deny",
                                  "acknowledge"})
ASKS_NOTHING = frozenset({"affirm", "deny", "thanks", "greet", "acknowledge", "out_of_scope"})
"""Intents of a message that asks for nothing ("ok", "ah ok", "grazie")."""
MAX_CANDIDATES = 3
MIN_SUGGESTION_SCORE = 0.05

INTENT_LABELS: dict[str, str] = {
    "billing_center.about": "Cos'è il Centro fatturazione",
    "billing_center.access": "Come accedere al Centro fatturazione",
    "billing_contact.who": "Chi è il contatto di fatturazione",
    "billing_contact.change": "Cambiare il contatto di fatturazione",
    "payment_method.change": "Cambiare il metodo di pagamento",
    "plan.costs": "Quanto costa cambiare piano",
    "subscription.reactivate": "Riattivare un abbonamento",
    "billing.history": "Fatture e addebiti",
    "billing.frequency": "Cambiare la frequenza di fatturazione",
    "tax.w9": "Il modulo W-9",
    "subscription.cancel": "Disdire un abbonamento",
    "product.switch": "Passare a un altro prodotto",
    "options_icon.missing": "L'icona Opzioni non c'è",
    "order.status": "Stato di un ordine o preventivo",
    "licenses.reduce": "Ridurre le licenze",
    "seats.add": "Aggiungere licenze o postazioni",
    "plan.change": "Cambiare piano",
    "greet": "Un saluto",
    "thanks": "Un ringraziamento",
    "help": "Cosa sai fare?",
    "handoff": "Parlare con una persona",
    "affirm": "Sì",
    "deny": "No",
    "acknowledge": "Ok",
    "account.overview": "Cosa c'è sul nostro account",
    "purchase.new": "Acquistare un nuovo abbonamento",
    "out_of_scope": "Altro",
}
"""The button label of each intent in "Intendevi…?" and "Cosa vuoi fare con…?"."""

FRAGMENT_INTENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("count", ("licenses.reduce", "seats.add", "plan.change")),
    ("plan", ("plan.change",)),
    ("frequency", ("billing.frequency",)),
    ("product", ("licenses.reduce", "seats.add", "plan.change", "subscription.cancel")),
)
"""What a bare value typed outside a flow may be for: the requests offered for it."""
MAX_FRAGMENT_WORDS = 3


def is_fragment(text: str, slots: dict[str, SlotValue]) -> bool:
    """A bare value ("8", "8 licenze", "webinar", "mensile"): a slot the user typed without
    saying what to do with it. Not a question, a few words at most."""
    known = any(slots.get(slot) is not None for slot, _ in FRAGMENT_INTENTS)
    return known and "?" not in text and len(normalise(text).split()) <= MAX_FRAGMENT_WORDS


def is_a_request(text: str) -> bool:
    """A question or a request of its own ("come faccio a cambiare la password?"), not a
    garbled answer to the pending question."""
    return len(normalise(text).split()) > MAX_FRAGMENT_WORDS


def is_change(intent: str, conv: Conversation) -> bool:
    """A change this speaker's request starts (a transaction, or a FAQ intent that is a flow
    for those who may act)."""
    return intent in TRANSACTIONS or (intent in FLOW_INTENTS and conv.speaker.can_transact)


def text_free(conv: Conversation, message: Message) -> list[Reply]:
    """A typed message with no flow in progress."""
    result = message.result
    if result.band == "ask" and result.count_problem is not None and not message.values:
        # "-3", "7.5" with nothing else: why that is no count (before any "Intendevi…?")
        return [say(f"{messages.count_problem(result.count_problem)} {messages.EXAMPLES}",
                    intent="fragment")]
    facts = answer_from_account(conv, message)
    if facts:
        # "che partita IVA abbiamo?", "con che carta paghiamo?": the account's answer (the
        # nearest article or the overview says something else)
        return facts
    informational = [intent for intent in suggestions(message)
                     if intent in FAQ_INTENTS or intent in ACCOUNT_INTENTS]
    if result.band == "ask" and is_question(message.text) and informational \
            and informational[0] == suggestions(message)[0]:
        # a question the matcher hesitates on, most likely about information ("se riduco…
        # mi rimborsate qualcosa?"): answered; a question never starts a change anyway
        return route(conv, informational[0], message.slots, message.text)
    if result.band == "ask" and suggestions(message):
        conv.state.suggested_slots = message.slots
        return [did_you_mean(message)]
    small_talk = result.band == "ask" and message.intent in CONVERSATION_INTENTS
    if (result.band != "answer" and not small_talk) or message.intent == "out_of_scope":
        if result.count_problem is not None:
            # "0", "sette e mezzo" with nothing else: why that is no count
            return [say(f"{messages.count_problem(result.count_problem)} {messages.EXAMPLES}",
                        intent="fragment")]
        if is_fragment(message.text, message.slots):
            # "8": an answer without a question, not an unanswered one
            return [what_to_do_with(conv, message)]
        conv.record_unanswered(message)
        return [say(messages.OUT_OF_SCOPE, intent="out_of_scope", buttons=[handoff_button()])]
    return route(conv, message.intent, message.slots, message.text)


def route(conv: Conversation, intent: str, slots: dict[str, SlotValue],
          text: str = "") -> list[Reply]:
    """What the bot does for `intent` (typed, or picked from "Intendevi…?")."""
    if intent == "account.overview":
        return overview(conv, slots)
    if intent == "purchase.new":
        return purchase(conv, slots, text)
    if (intent in TRANSACTIONS or intent in FLOW_INTENTS) and text and is_how_to(text):
        # "come faccio a ridurre le licenze?": the how-to, and an offer to do it now
        return how_to(conv, intent, slots, text)
    if is_change(intent, conv):
        return conv.start_flow(intent, slots)
    if intent in FAQ_INTENTS:
        return conv.faq(intent, slots, text or INTENT_LABELS.get(intent, intent))
    return no_request(conv, intent)


def no_request(conv: Conversation, intent: str) -> list[Reply]:
    """What asks for nothing to be done or answered: a greeting, help, thanks, a person asked
    for, a yes, no or ok with nothing pending; anything else is out of scope."""
    if intent == "greet":
        return [say(messages.greeting(conv.speaker.first_name), intent=intent)]
    if intent == "help":
        return [say(f"{messages.CAPABILITIES} {messages.EXAMPLES}", intent=intent)]
    if intent == "thanks":
        return [say(messages.THANKS, intent=intent)]
    if intent == "handoff":
        return conv.handoff()
    if intent == "affirm" and conv.state.handoff_offered:
        return conv.handoff()  # "sì" to "Se vuoi, ti metto in contatto con una persona"
    if intent == "deny" and conv.state.last_order_id is not None:
        # "no aspetta, ho sbagliato! annulla l'ordine" right after the order was placed
        return [say(messages.order_already_placed(conv.state.last_order_id), intent=intent,
                    buttons=[handoff_button()])]
    if intent in ("affirm", "deny", "acknowledge"):
        return [say(messages.NOTHING_PENDING, intent=intent)]
    return [say(messages.OUT_OF_SCOPE, intent="out_of_scope", buttons=[handoff_button()])]


def overview(conv: Conversation, slots: dict[str, SlotValue]) -> list[Reply]:
    """What the account has now: for its billing contact and for agents; anyone else is told
    who the billing contact is."""
    speaker = conv.speaker
    if speaker.role == "agent" and speaker.account_id is None:
        return [say(messages.AGENT_NEEDS_ACCOUNT, intent="account.overview")]
    if speaker.role == "user" and speaker.account_id is not None:
        basics = conv.services.service.account_basics(speaker.actor, speaker.account_id)
        if not isinstance(basics, Refusal):
            return [say(messages.overview_for_contact(
                basics.name, basics.billing_contact, basics.billing_contact_name),
                intent="account.overview", private=True)]
    account = conv.account()
    if account is None or not speaker.can_transact:
        return [say(messages.STRANGER_NO_TRANSACTION, intent="account.overview")]
    product = slots.get("product")
    return [overview_reply(account, conv.services.service.catalog,
                           str(product) if product is not None else None,
                           on_behalf=speaker.role == "agent")]


def purchase(conv: Conversation, slots: dict[str, SlotValue], text: str) -> list[Reply]:
    """Buying what the account does not have: the article's steps with the account's facts (an
    ended trial, a product already there), then what the bot can do: a change of a product the
    account has, or a person and the link for a new one."""
    answer = conv.faq("purchase.new", slots, text or "purchase.new")
    account = conv.account()
    product = slots.get("product")
    if account is not None and conv.speaker.can_transact and product is not None:
        name = product_name(str(product), conv.services.service.catalog)
        sub = next((s for s in account.subscriptions if s.product == product), None)
        count = slots.get("count")
        if sub is not None and may_start(conv, "seats.add", sub.id):
            offered: dict[str, SlotValue] = {"product": product}
            if count is not None:
                offered.update(count=count, count_mode="add")
            return [*answer, conv.offer("seats.add", offered,
                                        messages.offer_more_licenses(name, count))]
        if sub is not None and may_start(conv, "subscription.reactivate", sub.id):
            return [*answer, conv.offer("subscription.reactivate", {"product": product},
                                        messages.offer_reactivation(name))]
    return [*answer, say(messages.PURCHASE_NOT_HERE, intent="purchase.new",
                         buttons=[handoff_button()])]


def how_to(conv: Conversation, intent: str, slots: dict[str, SlotValue],
           text: str) -> list[Reply]:
    """A question about how to make a change: the help article's steps, then (for those who
    may make it) "Vuoi che lo faccia ora?"; nothing is started."""
    answer = conv.faq(intent, slots, text)
    speaker = conv.speaker
    if not speaker.can_transact or intent not in FLOW_INTENTS:
        return answer
    if not may_start(conv, intent):
        return answer
    return [*answer, conv.offer(intent, slots, messages.OFFER_TO_DO_IT)]


def may_start(conv: Conversation, kind: str, subscription_id: str | None = None) -> bool:
    """Whether billing_core lets this speaker start a change of `kind` (on that subscription):
    the bot offers only what the core would allow."""
    speaker = conv.speaker
    return conv.services.service.may_start(speaker.actor, speaker.account_id or "", kind,
                                           subscription_id) is None


def what_to_do_with(conv: Conversation, message: Message) -> Reply:
    """A bare value ("8", "webinar"): which requests it could be for, as buttons."""
    intents: list[str] = []
    for slot, offered in FRAGMENT_INTENTS:
        if message.slots.get(slot) is not None:
            intents += [intent for intent in offered if intent not in intents]
    conv.state.suggested_slots = {**message.values}
    buttons = [Button(action_id=f"intent.{index}", label=INTENT_LABELS[intent], value=intent)
               for index, intent in enumerate(intents[:4])]
    return say(messages.what_to_do_with(message.text), intent="fragment", buttons=buttons)


def suggestions(message: Message) -> list[str]:
    """The candidates worth a "Intendevi…?" button: requests the bot serves, not unlikely."""
    return [intent for intent, score in message.result.candidates[:MAX_CANDIDATES]
            if (intent in FAQ_INTENTS or intent in FLOW_INTENTS or intent in ACCOUNT_INTENTS)
            and score >= MIN_SUGGESTION_SCORE]


def did_you_mean(message: Message) -> Reply:
    buttons = [Button(action_id=f"intent.{index}", label=INTENT_LABELS.get(intent, intent),
                      value=intent)
               for index, intent in enumerate(suggestions(message))]
    return say(messages.DID_YOU_MEAN, intent=message.intent, buttons=buttons)
