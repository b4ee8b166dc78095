"""Money questions the account's own records answer, before any help article is looked for
(the article on costs speaks of prices in general, not of this order or this quote):

- at an order summary, what the change shown renews for ("quanto pago al rinnovo?"): when,
  what and how much, from the summary's own preview (today's list price, as the summary's
  explanation says it); a cancellation renews nothing;
- on a corporate account with an open quote, what that quote costs ("quanto costava il
  preventivo?", "rifiuta pure però prima dimmi quanto costava" at the quote's questions): the
  figures of the summary accepting it would show. Nothing is accepted or rejected: asking is
  no choice, and the quote stays open.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from billing_core.schemas import AccountView, Actor, Preview, QuoteView, Refusal
from billing_core.wording import (
    dated,
    frequency_name,
    money,
    per_period,
    percent,
    period,
    product_name,
    tier_name,
    units,
)
from bot.dialogue.replies import Reply, say
from bot.dialogue.understanding import is_question, normalise

if TYPE_CHECKING:
    from billing_core import BillingService
    from bot.dialogue.flows import Flow

RENEWAL_TITLE = "Quanto paghi al rinnovo"
QUOTE_TITLE = "Quanto costa il preventivo aperto"
QUOTE_QUESTIONS = frozenset({"quote_choice", "yes_no.reject_quote"})
"""The questions about the open quote (accept, reject or a new order; really reject it?)."""

_RENEWAL = re.compile(r"\b(?:rinnov\w*|renew\w*)")
_PRICE = re.compile(r"\b(?:quant[oaie]|prezz\w*|cost\w*|import\w*|total\w*|cifr\w*|spes\w*"
                    r"|pag\w*|price\w*|cost)\b")
_ASKS = re.compile(r"\b(?:dimmi|dicci|mi dici|mi dite|fammi (?:vedere|sapere)|vorrei sapere"
                   r"|mostrami|tell me)\b")
"""A question put as a request, anywhere in the message ("rifiuta pure però prima dimmi
quanto costava")."""
_QUOTE = re.compile(r"\b(?:preventiv|rifiut|accett|scart)\w*|\bquote\b")
"""The quote, or a choice about it ("rifiuta pure, ma prima dimmi quanto costava")."""
_ANOTHER = re.compile(r"\b(?:nuov[oaie]|altr[oaie]|another|new)\b")
""""quanto costa un nuovo preventivo per 10 postazioni?" is not about the open one."""


def asks_for_figure(text: str) -> bool:
    """A question, or a request to be told ("dimmi quanto costava"), about an amount."""
    plain = normalise(text)
    return (is_question(text) or bool(_ASKS.search(plain))) and bool(_PRICE.search(plain))


def asks_renewal_price(text: str) -> bool:
    """"quanto pago al rinnovo?", "ok ma quanto costa quando si rinnova?"."""
    return asks_for_figure(text) and bool(_RENEWAL.search(normalise(text)))


def asks_quote_price(text: str, *, at_the_quote: bool) -> bool:
    """A question about what the open quote costs: naming it ("quanto costava il
    preventivo?"), or, while the bot asks about the quote (`at_the_quote`), any question
    about an amount ("prima dimmi quanto costava")."""
    plain = normalise(text)
    if not asks_for_figure(text) or _ANOTHER.search(plain):
        return False
    return at_the_quote or bool(_QUOTE.search(plain))


def renewal_sentence(preview: Preview) -> str | None:
    """What the change shown renews for (None when the preview does not say)."""
    currency = preview.currency
    if preview.kind == "subscription.cancel":
        return (f"Con la disdetta {preview.product_name} non si rinnova: resta attivo fino "
                f"{dated(preview.period_end, 'al')} e dopo non paghi più niente.")
    renewal, after = preview.renewal, preview.after
    if renewal is None or after is None:
        return None
    today = money(preview.total_due, currency)
    return (f"Al rinnovo {dated(renewal.date, 'del')} {preview.product_name} "
            f"{tier_name(after.tier)} ({units(after.licenses, preview.account_kind)}, "
            f"fatturazione {frequency_name(after.frequency)}) costa "
            f"{money(renewal.amount, currency)} più IVA ({money(renewal.vat, currency)}): "
            f"{money(renewal.total, currency)} IVA inclusa {per_period(after.frequency)}, al "
            f"prezzo di listino di oggi. Oggi, con questo ordine, il totale dovuto è {today}.")


def open_quote(account: AccountView) -> QuoteView | None:
    return next((quote for quote in account.quotes if quote.status == "open"), None)


def quote_sentence(service_preview: Preview | Refusal, quote: QuoteView,
                   account: AccountView, product: str) -> str:
    """What the open quote costs if accepted today (the figures its summary shows); only
    what it is for when billing_core prices no acceptance (its summary says why)."""
    what = (f"Il preventivo aperto {quote.id} è per {units(quote.seats, account.kind)} in più "
            f"di {product}.")
    kept = " Il preventivo resta aperto: non l'ho né accettato né rifiutato."
    if isinstance(service_preview, Refusal):
        return what + kept
    preview = service_preview
    currency = preview.currency
    lines = [what,
             f"Se lo accetti oggi costa {money(preview.plan_cost, currency)} IVA esclusa (per "
             f"i giorni che restano del periodo in corso, "
             f"{period(preview.period_start, preview.period_end)}), più l'IVA al "
             f"{percent(preview.vat_rate)} ({money(preview.vat, currency)}): in tutto "
             f"{money(preview.total_due, currency)} IVA inclusa."]
    renewal, after = preview.renewal, preview.after
    if renewal is not None and after is not None:
        lines.append(f"Dal rinnovo {dated(renewal.date, 'del')} l'abbonamento, con "
                     f"{units(after.licenses, account.kind)}, costa "
                     f"{money(renewal.total, currency)} IVA inclusa "
                     f"{per_period(after.frequency)} (al prezzo di listino di oggi).")
    return " ".join(lines) + kept


def quote_price(service: BillingService, actor: Actor, account: AccountView) -> str | None:
    """The open quote's figures, priced by billing_core as its acceptance would be (a summary
    nobody confirms: nothing is placed); None when the account has no open quote (only
    corporate accounts have quotes)."""
    quote = open_quote(account) if account.kind == "corporate" else None
    if quote is None:
        return None
    priced = service.preview_quote_acceptance(actor, account.id, quote.id)
    return quote_sentence(priced, quote, account, product_name(quote.product, service.catalog))


def answer_in_flow(flow: Flow, text: str) -> list[Reply]:
    """At a summary, what the change renews for; at another question of a corporate account
    (the open-quote question, «Vuoi davvero rifiutare…?»), what the open quote costs. The
    summary accepting the quote explains its own figures, and a new order's summary is no
    quote. None of these when `text` asks none of them."""
    preview = flow.last_preview
    awaiting = flow.state.awaiting
    if awaiting == "confirm":
        renewal = renewal_sentence(preview) \
            if preview is not None and asks_renewal_price(text) else None
        return [] if renewal is None else [say(renewal, intent=flow.name, private=True,
                                               title=RENEWAL_TITLE)]
    if not asks_quote_price(text, at_the_quote=awaiting in QUOTE_QUESTIONS):
        return []
    quote = quote_price(flow.ctx.service, flow.ctx.actor, flow.ctx.account)
    return [] if quote is None else [say(quote, intent=flow.name, private=True,
                                         title=QUOTE_TITLE)]
