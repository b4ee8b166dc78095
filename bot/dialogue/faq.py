"""FAQ answers from the knowledge base, personalised with the asker's account."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from billing_core.catalog import Catalog
from billing_core.schemas import AccountBasics, AccountView, SubscriptionView
from billing_core.wording import (
    PER_PERIOD,
    dated,
    frequency_name,
    licenses,
    long_date,
    money,
    order_kind,
    order_status,
    per_period,
    period,
    plan_status,
    product_name,
    quote_status,
    tier_name,
    units_noun,
)
from bot.dialogue.replies import Reply, Section
from kb import Answer, AnswerContext, Audience
from kb.limits import MAX_FACTS

CHANGES_NEED_CONTACT = frozenset({"billing.frequency", "subscription.cancel",
                                  "subscription.reactivate", "plan.costs", "purchase.new",
                                  "licenses.reduce", "seats.add", "plan.change"})
STATUS_INTENTS = frozenset({"subscription.reactivate", "options_icon.missing",
                            "subscription.cancel"})
"""Questions answered with the state of each subscription ("attivo", "scaduto dal …")."""
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


def list_price(catalog: Catalog, product: str, tier: str, frequency: str) -> Decimal | None:
    """The catalog's list price of one license for one period, if the catalog has it."""
    found = catalog.product(product)
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


def purchase_facts(account: AccountFacts, product: str | None, count: int | None,
                   catalog: Catalog) -> list[str]:
    """What the account has of the product the user wants to buy (or, without a product, the
    trials that ended): a new plan, a plan they already have, or an ended trial."""
    if product is None:
        return [f"La prova gratuita di {s.product_name} è terminata "
                f"{dated(s.period_end)}: per continuare a usarlo serve un nuovo piano a "
                "pagamento." for s in account.subscriptions if s.status == "trial_expired"]
    name = product_name(product, catalog)
    subs = [s for s in account.subscriptions if s.product == product]
    if not subs:
        return [f"Sul vostro account non c'è ancora {name}."
                + (f" Quando aggiungi il piano, scegli {count} {units_noun(account.kind)}."
                   if count else "")]
    sub = subs[0]
    if sub.status == "trial_expired":
        return [f"La prova gratuita di {name} è terminata {dated(sub.period_end)}: per "
                "continuare a usarlo serve un nuovo piano a pagamento."]
    if sub.status in ("expired", "cancelled"):
        return [f"Avete già avuto {name} {tier_name(sub.plan)}: è scaduto "
                f"{dated(sub.period_end)} e si può riattivare."]
    return [f"Avete già {name} {tier_name(sub.plan)}, {licenses(sub.licenses)}: non serve un "
            "nuovo piano, basta aggiungere licenze a quello che avete."]


# -- the facts with amounts: the billing contact's and the agents' ------------------------------

MoneyFacts = Callable[[AccountView, list[SubscriptionView], Catalog], list[str]]


def cost_facts(account: AccountView, subs: list[SubscriptionView],
               catalog: Catalog) -> list[str]:
    """plan.costs: no refund (standard accounts), each plan with its list price and period."""
    facts = [NO_REFUND] if account.kind != "corporate" else []
    for sub in subs:
        price = list_price(catalog, sub.product, sub.plan, sub.frequency)
        cost = (f" a {money(price, account.currency)} per licenza "
                f"{per_period(sub.frequency)} (IVA esclusa)" if price else "")
        facts.append(
            f"{sub.product_name} {tier_name(sub.plan)}: {licenses(sub.licenses)}"
            f"{cost}, fatturazione {frequency_name(sub.frequency)}; periodo in corso "
            f"{period(sub.period_start, sub.period_end)}."
        )
    return facts


def history_facts(account: AccountView, subs: list[SubscriptionView],
                  catalog: Catalog) -> list[str]:
    """billing.history: the last charges."""
    charges = sorted(account.charges, key=lambda c: c.date, reverse=True)[:MAX_CHARGES]
    if not charges:
        return ["Sul vostro account non ci sono ancora addebiti."]
    return ["Gli ultimi addebiti:", *(f"{long_date(c.date)}: {c.description}, "
                                      f"{money(c.amount, account.currency)}" for c in charges)]


def order_facts(account: AccountView, subs: list[SubscriptionView],
                catalog: Catalog) -> list[str]:
    """order.status: the last orders and quotes."""
    orders = sorted(account.orders, key=lambda o: o.created_at, reverse=True)[:MAX_ORDERS]
    facts = [f"Ordine {o.id} ({order_kind(o.kind, account.kind).lower()}) del "
             f"{long_date(o.created_at.date())}: {order_status(o.status, noted=True)}, "
             f"{money(o.total, account.currency)}." for o in orders]
    facts.extend(f"Preventivo {q.id}: {q.seats} postazioni di {product_name(q.product, catalog)}"
                 f", {quote_status(q.status)}." for q in account.quotes[-MAX_QUOTES:])
    return facts or ["Sul vostro account non ci sono ordini né preventivi."]


MONEY_FACTS: dict[str, MoneyFacts] = {"plan.costs": cost_facts, "billing.history": history_facts,
                                      "order.status": order_facts}


def status_facts(subs: list[SubscriptionView]) -> list[str]:
    """Each subscription's state ("GoTo Meeting Business: scaduto dal 5 novembre 2026.")."""
    return [f"{s.product_name} {tier_name(s.plan)}: {plan_status(s.status)}"
            + (f" {dated(s.period_end, 'dal')}" if s.status in ("expired", "trial_expired")
               else "") + "." for s in subs]


def personal_facts(intent: str, account: AccountFacts, email: str, product: str | None,
                   may_act: bool, count: int | None = None, *,
                   catalog: Catalog) -> list[str]:
    """Facts of the asker's account that make the answer theirs (`catalog`: the service's, for
    names and list prices)."""
    if intent in MONEY_INTENTS and (not may_act or not isinstance(account, AccountView)):
        # amounts, prices and the billing history are for the billing contact and agents
        return [f"Importi, prezzi e cronologia di fatturazione li vede il contatto di "
                f"fatturazione. {contact_line(account)}"]
    subs = [s for s in account.subscriptions if product is None or s.product == product]
    facts: list[str] = []
    if intent in ("billing_contact.who", "billing_contact.change"):
        is_contact = (account.billing_contact or "").lower() == email.lower()
        facts.append(contact_line(account) + (" Sei tu." if is_contact else ""))
    elif isinstance(account, AccountView) and intent in MONEY_FACTS:
        facts.extend(MONEY_FACTS[intent](account, subs, catalog))
    if intent == "purchase.new":
        facts.extend(purchase_facts(account, product, count, catalog))
    elif intent in STATUS_INTENTS:
        facts.extend(status_facts(subs))
    if intent in CHANGES_NEED_CONTACT and not may_act:
        facts.append("Le modifiche all'abbonamento le può fare solo il contatto di "
                     f"fatturazione. {contact_line(account)}")
    return facts[:MAX_FACTS]


def audience(account: AccountFacts | None) -> Audience | None:
    if account is None:
        return None
    return "corporate" if account.kind == "corporate" else "billing_center"


def context_for(intent: str, account: AccountFacts | None, email: str,
                product: str | None, may_act: bool, count: int | None = None, *,
                catalog: Catalog) -> AnswerContext:
    facts = (personal_facts(intent, account, email, product, may_act, count, catalog=catalog)
             if account is not None else [])
    return AnswerContext(audience=audience(account), product=product, facts=facts)


def answer_reply(answer: Answer, intent: str,
                 facts_title: str = "Per il vostro account") -> Reply:
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
