"""FAQ answers from the knowledge base, personalised with the asker's account."""

from __future__ import annotations

from decimal import Decimal

from billing_core.catalog import load_catalog
from billing_core.schemas import AccountBasics, AccountView
from bot.dialogue.formatting import (
    frequency_name,
    licenses,
    long_date,
    money,
    product_name,
    tier_name,
)
from bot.dialogue.replies import Reply, Section
from kb import Answer, AnswerContext, Audience

ORDER_STATUS = {
    "placed": "effettuato, modifiche attive",
    "processing": "in elaborazione (fino a 24 ore)",
    "completed": "completato",
    "failed": "non riuscito",
}
QUOTE_STATUS = {"open": "aperto", "accepted": "accettato", "rejected": "rifiutato",
                "expired": "scaduto"}
ORDER_KINDS = {
    "licenses.reduce": "riduzione licenze",
    "plan.change": "cambio piano",
    "seats.add": "postazioni aggiuntive",
    "quote.accept": "preventivo accettato",
    "subscription.cancel": "disdetta",
    "subscription.reactivate": "riattivazione",
}
SUBSCRIPTION_STATUS = {"active": "attivo", "trial": "in prova", "trial_expired": "prova terminata",
                       "expired": "scaduto", "cancelled": "disdetto"}
PER_PERIOD = {"monthly": "al mese", "annual": "all'anno"}
CHANGES_NEED_CONTACT = frozenset({"billing.frequency", "subscription.cancel",
                                  "subscription.reactivate", "plan.costs", "purchase.new",
                                  "licenses.reduce", "seats.add", "plan.change"})
NO_REFUND = (
    "Una modifica, anche una riduzione delle licenze a metà periodo, non dà un rimborso: fa "
    "partire oggi un nuovo periodo di fatturazione, che si paga per intero, e i giorni non "
    "usati del periodo in corso diventano un credito che si sottrae al costo. Per questo anche "
    "una riduzione ha oggi un importo da pagare; il riepilogo prima della conferma mostra le "
    "cifre esatte."
)
MONEY_INTENTS = frozenset({"billing.history", "plan.costs", "order.status"})
"""Intents whose personal facts carry amounts, prices or orders."""
MAX_CHARGES = 5
MAX_ORDERS = 3
MAX_QUOTES = 3
MAX_FACTS = 12
"""An Answer carries at most 12 facts (kb.limits)."""


def list_price(product: str, tier: str, frequency: str) -> Decimal | None:
    """The catalog's list price of one license for one period, if the catalog has it."""
    found = load_catalog().product(product)
    plan = found.tier(tier) if found is not None else None
    if plan is None or frequency not in PER_PERIOD:
        return None
    return plan.price("monthly" if frequency == "monthly" else "annual")


AccountFacts = AccountView | AccountBasics
"""What the dialogue knows of an account: all of it (billing contact, agents) or, for any other
contact of the account, who the billing contact is and which products it has."""


def contact_line(account: AccountFacts) -> str:
    if account.billing_contact is None:
        return f"{account.name} non ha ancora un contatto di fatturazione."
    name = account.billing_contact_name or account.billing_contact
    return (f"Il contatto di fatturazione di {account.name} è {name} "
            f"({account.billing_contact}).")


def purchase_facts(account: AccountFacts, product: str | None,
                   count: int | None) -> list[str]:
    """What the account has of the product the user wants to buy (or, without a product, the
    trials that ended): a new plan, a plan they already have, or an ended trial."""
    if product is None:
        return [f"La prova gratuita di {product_name(s.product)} è terminata il "
                f"{long_date(s.period_end)}: per continuare a usarlo serve un nuovo piano a "
                "pagamento." for s in account.subscriptions if s.status == "trial_expired"]
    name = product_name(product)
    subs = [s for s in account.subscriptions if s.product == product]
    if not subs:
        unit = "postazioni" if account.kind == "corporate" else "licenze"
        return [f"Sul vostro account non c'è ancora {name}."
                + (f" Quando aggiungi il piano, scegli {count} {unit}." if count else "")]
    sub = subs[0]
    if sub.status == "trial_expired":
        return [f"La prova gratuita di {name} è terminata il {long_date(sub.period_end)}: per "
                "continuare a usarlo serve un nuovo piano a pagamento."]
    if sub.status in ("expired", "cancelled"):
        return [f"Avete già avuto {name} {tier_name(sub.plan)}: è scaduto il "
                f"{long_date(sub.period_end)} e si può riattivare."]
    return [f"Avete già {name} {tier_name(sub.plan)}, {licenses(sub.licenses)}: non serve un "
            "nuovo piano, basta aggiungere licenze a quello che avete."]


def personal_facts(intent: str, account: AccountFacts, email: str,
                   product: str | None, may_act: bool, count: int | None = None) -> list[str]:
    """Facts of the asker's account that make the answer theirs."""
    subs = [s for s in account.subscriptions if product is None or s.product == product]
    is_contact = (account.billing_contact or "").lower() == email.lower()
    facts: list[str] = []
    if intent in MONEY_INTENTS and (not may_act or not isinstance(account, AccountView)):
        # amounts, prices and the billing history are for the billing contact and agents
        return [f"Importi, prezzi e cronologia di fatturazione li vede il contatto di "
                f"fatturazione. {contact_line(account)}"]
    if intent in ("billing_contact.who", "billing_contact.change"):
        facts.append(contact_line(account) + (" Sei tu." if is_contact else ""))
    elif not isinstance(account, AccountView):
        pass  # the money facts below are the billing contact's and the agents'
    elif intent == "plan.costs":
        if account.kind != "corporate":
            facts.append(NO_REFUND)
        for sub in subs:
            price = list_price(sub.product, sub.plan, sub.frequency)
            cost = (f" a {money(price, account.currency)} per licenza "
                    f"{PER_PERIOD.get(sub.frequency, '')} (IVA esclusa)" if price else "")
            facts.append(
                f"{product_name(sub.product)} {tier_name(sub.plan)}: {licenses(sub.licenses)}"
                f"{cost}, fatturazione {frequency_name(sub.frequency)}; periodo in corso dal "
                f"{long_date(sub.period_start)} al {long_date(sub.period_end)}."
            )
    elif intent == "billing.history":
        charges = sorted(account.charges, key=lambda c: c.date, reverse=True)[:MAX_CHARGES]
        if charges:
            facts.append("Gli ultimi addebiti:")
            facts.extend(f"{long_date(c.date)}: {c.description}, "
                         f"{money(c.amount, account.currency)}" for c in charges)
        else:
            facts.append("Sul vostro account non ci sono ancora addebiti.")
    elif intent == "order.status":
        orders = sorted(account.orders, key=lambda o: o.created_at, reverse=True)[:MAX_ORDERS]
        facts.extend(
            f"Ordine {o.id} ({ORDER_KINDS.get(o.kind, o.kind)}) del "
            f"{long_date(o.created_at.date())}: {ORDER_STATUS.get(o.status, o.status)}, "
            f"{money(o.total, account.currency)}."
            for o in orders
        )
        facts.extend(
            f"Preventivo {q.id}: {q.seats} postazioni di {product_name(q.product)}, "
            f"{QUOTE_STATUS.get(q.status, q.status)}."
            for q in account.quotes[-MAX_QUOTES:]
        )
        if not facts:
            facts.append("Sul vostro account non ci sono ordini né preventivi.")
    if intent == "purchase.new":
        facts.extend(purchase_facts(account, product, count))
    elif intent in ("subscription.reactivate", "options_icon.missing", "subscription.cancel"):
        facts.extend(
            f"{product_name(s.product)} {tier_name(s.plan)}: "
            f"{SUBSCRIPTION_STATUS.get(s.status, s.status)}"
            + (f" dal {long_date(s.period_end)}" if s.status in ("expired", "trial_expired")
               else "") + "."
            for s in subs
        )
    if intent in CHANGES_NEED_CONTACT and not may_act:
        facts.append("Le modifiche all'abbonamento le può fare solo il contatto di "
                     f"fatturazione. {contact_line(account)}")
    return facts[:MAX_FACTS]


def audience(account: AccountFacts | None) -> Audience | None:
    if account is None:
        return None
    return "corporate" if account.kind == "corporate" else "billing_center"


def context_for(intent: str, account: AccountFacts | None, email: str,
                product: str | None, may_act: bool, count: int | None = None) -> AnswerContext:
    facts = (personal_facts(intent, account, email, product, may_act, count)
             if account is not None else [])
    return AnswerContext(audience=audience(account), product=product, facts=facts)


def answer_reply(answer: Answer, intent: str, facts_title: str = "Per il tuo account") -> Reply:
    """An Answer as sections: the account's facts first, then the answer, steps, notes, links."""
    sections: list[Section] = []
    if answer.facts:
        sections.append(Section(title=facts_title, text="\n".join(answer.facts)))
    sections.append(Section(title=answer.title, text=answer.summary, steps=list(answer.steps)))
    if answer.notes:
        sections.append(Section(text="\n".join(answer.notes)))
    if answer.links:
        sections.append(Section(text="\n".join(f"{link.label}: {link.url}"
                                               for link in answer.links)))
    return Reply(intent=intent, sections=sections, private=bool(answer.facts))
