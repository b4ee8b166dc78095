"""Questions about the account that the account itself answers, at an order summary and
outside one, before any help article is looked for (the nearest article speaks of something
else):

- the account's VAT number ("che partita IVA avete sul conto?", "la partita IVA è quella
  giusta?"): masked as billing_core.privacy does, or, at a summary, the one typed for this
  order;
- how the account pays ("con che carta pago?", "come paghiamo GoTo?"): the payment method as
  billing_core stores it (a card is only "a card": no card data is kept or shown);
- at a cancellation's summary, reactivating later ("posso riattivarlo dopo?"): not the article
  on expired plans, but what a cancellation leaves open (withdrawn before the period ends,
  reactivated with a new period after);
- at a summary, what the change renews for, and on a corporate account what its open quote
  costs (`price_facts`).

The VAT number and the payment method are for those who may see the account (its billing
contact, an agent acting for it); any other person of the account is told who the billing
contact is. Questions on changing them ("come cambio la carta?") are the help article's.
Nothing is confirmed by these answers; at a summary the caller shows the same summary again.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from billing_core.privacy import mask_vat_number
from billing_core.schemas import AccountView, Preview
from billing_core.wording import dated
from bot.dialogue import facts_wording, messages, price_facts
from bot.dialogue.replies import Reply, say
from bot.dialogue.understanding import is_question, names_vat_label, normalise
from kb.portals import PORTALS

if TYPE_CHECKING:
    from bot.dialogue.conversation import Conversation, Message
    from bot.dialogue.flows import Flow

ACCOUNT_INTENT = "account.overview"
"""The intent of an answer given outside a flow: a question about the account."""

_PAYMENT_MEANS = re.compile(
    r"\b(?:cart[ae]|(?:metod|mezz)[oi] di pagamento|modalit[aà] di pagamento|bonifico"
    r"|payment method|credit card|card)\b")
"""Words naming how one pays."""
_PAID_HOW = re.compile(
    r"\b(?:come|con cosa|con che cosa|in che modo|how)\s+"
    r"(?:(?:lo|la|li|le|si|verr[aà]|sar[aà]|viene|vengono|will|do|i|we)\s+)*"
    r"(?:pag|addebit|pay)\w*(?P<rest>.*)$")
""""come pago?", "come pagherò?", "come verrà addebitato l'ordine?"."""
_PAID_WHAT = frozenset({"", "oggi", "l", "ordine", "questo", "questa", "il", "totale", "importo",
                        "la", "modifica", "tutto", "poi", "io", "noi", "quindi", "allora",
                        "this", "the", "order", "it", "today", "abbonamento", "abbonamenti",
                        "licenze", "postazioni", "goto", "meeting", "webinar", "training",
                        "assist", "gotomeeting", "gotowebinar", "gototraining", "gotoassist",
                        "v4", "v5"})
"""The words that may follow "come pago…" in a question about the payment method: the order,
today, the subscriptions ("come paghiamo GoTo?"); "come pago annualmente?" asks something
else."""
_CHANGE = re.compile(r"\b(?:cambi|aggiorn|modific|sostitu|aggiung|rimuov|togli|scad|change|updat"
                     r"|expir)\w*|\b(?:un ?altra|nuova) carta\b|\banother\b")
"""A question about changing how one pays, or a card that has expired ("la carta è scaduta,
come faccio?"): the help article's (payment_method.change)."""
_MAY_PAY = re.compile(r"\b(?:posso|possiamo|potrei|potremmo|si pu[oò]|[eè] possibile|can i"
                      r"|can we|could i|could we)\b")
"""Whether one may pay some way ("posso pagare con bonifico?"): the help article's too."""
_REACTIVATE = re.compile(r"\b(?:riattiv|ripristin|reactivat|ripens)\w*|\bcambi\w* idea\b"
                         r"|\b(?:ritir|annull)\w* (?:la )?disdetta\b|\btorna\w* indietro\b")


def asks_vat_number(text: str) -> bool:
    """A question about the account's VAT number ("qual è la nostra partita IVA?"); "e
    l'IVA?" asks about the tax on the summary."""
    return is_question(text) and names_vat_label(text)


def asks_payment_method(text: str) -> bool:
    """A question about how the account or the order is paid ("con che carta pago?", "come
    pagherò?", "il totale va sulla carta?"), not about changing it, whether one may pay
    another way, or an amount."""
    plain = normalise(text)
    if not is_question(text) or _CHANGE.search(plain) or _MAY_PAY.search(plain) \
            or "quant" in plain:
        return False
    if _PAYMENT_MEANS.search(plain):
        return True
    how = _PAID_HOW.search(plain)
    return how is not None and set(re.split(r"[\s']+", how.group("rest").strip())) <= _PAID_WHAT


def asks_reactivation(message: Message, product: str) -> bool:
    """"posso riattivarlo dopo?", "e se cambio idea?": reactivating what is being cancelled
    (`product`), not another product ("come riattivo GoTo Meeting?")."""
    named = message.slots.get("product")
    if named is not None and named != product:
        return False
    return message.intent == "subscription.reactivate" or bool(
        _REACTIVATE.search(normalise(message.text)))


def answer_from_facts(flow: Flow, message: Message) -> list[Reply]:
    """The answer the account or the flow's change gives to the question asked while the flow
    waits; none when it is not one of theirs."""
    preview = flow.last_preview
    priced = price_facts.answer_in_flow(flow, message.text)
    if priced:  # "quanto pago al rinnovo?", "quanto costava il preventivo?"
        return priced
    if flow.cancels and preview is not None and asks_reactivation(message, preview.product):
        end = preview.period_end
        sentence = messages.reactivate_after_cancel(preview.product_name, dated(end, "al"),
                                                    dated(end))
        return [say(sentence, intent=flow.name, private=True,
                    title=messages.REACTIVATE_AFTER_CANCEL_TITLE)]
    return account_fact(flow.ctx.account, message.text, preview, flow.name)


def answer_from_account(conv: Conversation, message: Message) -> list[Reply]:
    """The account's VAT number or payment method asked with no flow in progress: the answer
    for its billing contact and an agent acting for it, who the billing contact is for anyone
    else of the account; none when the question is not one of these."""
    text = message.text
    speaker = conv.speaker
    if price_facts.asks_quote_price(text, at_the_quote=False) and speaker.can_transact:
        account = conv.account()
        quote = None if account is None else \
            price_facts.quote_price(conv.services.service, speaker.actor, account)
        if quote is not None:
            return [say(quote, intent=ACCOUNT_INTENT, private=True,
                        title=price_facts.QUOTE_TITLE)]
    if not asks_vat_number(text) and not asks_payment_method(text):
        return []
    if speaker.role == "agent" and speaker.account_id is None:
        return [say(messages.AGENT_NEEDS_ACCOUNT, intent=ACCOUNT_INTENT)]
    account = conv.account() if speaker.can_transact else None
    if account is not None:
        return account_fact(account, text, None, ACCOUNT_INTENT)
    known = conv.known_account()
    if known is None:
        return [say(messages.STRANGER_NO_TRANSACTION, intent=ACCOUNT_INTENT)]
    subject = facts_wording.VAT_NUMBER_RESERVED if asks_vat_number(text) else \
        facts_wording.PAYMENT_RESERVED
    return [say(messages.reserved_for_contact(subject, known.name, known.billing_contact,
                                              known.billing_contact_name),
                intent=ACCOUNT_INTENT, private=True)]


def account_fact(account: AccountView, text: str, preview: Preview | None,
                 intent: str) -> list[Reply]:
    """The account's VAT number or payment method, when `text` asks for one (`preview`: the
    summary shown, if any)."""
    if asks_vat_number(text):
        return [say(vat_number_sentence(account, preview), intent=intent, private=True,
                    title=facts_wording.VAT_NUMBER_TITLE)]
    if asks_payment_method(text):
        return [say(payment_sentence(account, preview), intent=intent, private=True,
                    title=facts_wording.PAYMENT_TITLE)]
    return []


def portal_name(account: AccountView) -> str:
    return PORTALS["corporate" if account.kind == "corporate" else "billing_center"].name


def vat_number_sentence(account: AccountView, preview: Preview | None) -> str:
    """The VAT number: at a summary, the one typed for the order (in full, to the person who
    typed it); else the account's (masked), else none."""
    if preview is not None and preview.vat_number:
        return messages.vat_number_of_order(preview.vat_number)
    if account.vat_number:
        masked = mask_vat_number(account.vat_number)
        return facts_wording.vat_number_on_account(account.name, masked, portal_name(account),
                                                   pending=preview is not None)
    return facts_wording.no_vat_number_on_account(account.name)


def payment_sentence(account: AccountView, preview: Preview | None) -> str:
    """How the account pays; at a summary, whether the order charges anything today."""
    due_today = None if preview is None else preview.total_due > 0
    return facts_wording.payment_method_on_account(account.name, account.payment_method,
                                                   portal_name(account), due_today)
