"""Questions at an order summary that the account or the change itself answers, before any help
article is looked for (the nearest article speaks of something else):

- the account's VAT number ("che partita IVA avete sul conto?", "la partita IVA è quella
  giusta?"): masked as billing_core.privacy does, or the one typed for this order;
- how the account pays ("con che carta pago?", "come pagherò?"): the payment method as
  billing_core stores it (a card is only "a card": no card data is kept or shown);
- at a cancellation's summary, reactivating later ("posso riattivarlo dopo?"): not the article
  on expired plans, but what a cancellation leaves open (withdrawn before the period ends,
  reactivated with a new period after).

Nothing is confirmed by these answers; the caller shows the same summary again.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from billing_core.privacy import mask_vat_number
from billing_core.wording import dated
from bot.dialogue import messages
from bot.dialogue.replies import Reply, say
from bot.dialogue.understanding import is_question, names_vat_label, normalise
from kb.portals import PORTALS

if TYPE_CHECKING:
    from bot.dialogue.conversation import Message
    from bot.dialogue.flows import Flow

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
                        "this", "the", "order", "it", "today"})
"""The words that may follow "come pago…" in a question about the payment method: the order,
today; "come pago annualmente?" asks something else."""
_CHANGE = re.compile(r"\b(?:cambi|aggiorn|modific|sostitu|aggiung|rimuov|togli|change|updat)\w*"
                     r"|\b(?:un ?altra|nuova) carta\b|\banother\b")
"""A question about changing how one pays: the help article's (payment_method.change)."""
_REACTIVATE = re.compile(r"\b(?:riattiv|ripristin|reactivat|ripens)\w*|\bcambi\w* idea\b"
                         r"|\b(?:ritir|annull)\w* (?:la )?disdetta\b|\btorna\w* indietro\b")


def asks_vat_number(text: str) -> bool:
    """A question about the account's VAT number ("qual è la nostra partita IVA?"); "e
    l'IVA?" asks about the tax on the summary."""
    return is_question(text) and names_vat_label(text)


def asks_payment_method(text: str) -> bool:
    """A question about how the order is paid ("con che carta pago?", "come pagherò?",
    "il totale va sulla carta?"), not about changing it or about an amount."""
    plain = normalise(text)
    if not is_question(text) or _CHANGE.search(plain) or "quant" in plain:
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
    """The answer the account or the summary's change gives to the question; none when it is
    not one of theirs."""
    text = message.text
    preview = flow.last_preview
    if flow.cancels and preview is not None and asks_reactivation(message, preview.product):
        end = preview.period_end
        sentence = messages.reactivate_after_cancel(preview.product_name, dated(end, "al"),
                                                    dated(end))
        return [say(sentence, intent=flow.name, private=True,
                    title=messages.REACTIVATE_AFTER_CANCEL_TITLE)]
    if asks_vat_number(text):
        return [say(vat_number_sentence(flow), intent=flow.name, private=True,
                    title=messages.VAT_NUMBER_TITLE)]
    if asks_payment_method(text):
        return [say(payment_sentence(flow), intent=flow.name, private=True,
                    title=messages.PAYMENT_TITLE)]
    return []


def portal_name(flow: Flow) -> str:
    return PORTALS["corporate" if flow.ctx.account.kind == "corporate"
                   else "billing_center"].name


def vat_number_sentence(flow: Flow) -> str:
    """The VAT number the order carries: the one typed for it (in full, to the person who
    typed it), else the account's (masked), else none."""
    account = flow.ctx.account
    preview = flow.last_preview
    if preview is not None and preview.vat_number:
        return messages.vat_number_of_order(preview.vat_number)
    if account.vat_number:
        return messages.vat_number_on_account(account.name, mask_vat_number(account.vat_number),
                                              portal_name(flow))
    return messages.no_vat_number_on_account(account.name)


def payment_sentence(flow: Flow) -> str:
    preview = flow.last_preview
    due_today = preview is None or preview.total_due > 0
    return messages.payment_method_on_account(flow.ctx.account.name,
                                              flow.ctx.account.payment_method, due_today,
                                              portal_name(flow))
