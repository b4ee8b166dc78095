"""Who may act and what may start: the load-and-check prologue every change shares (the
account, the actor's right to change it, the subscription or quote it names) and the rules a
kind of change must pass before anything is asked or priced (`may_start` and the previews run
the same list)."""

from __future__ import annotations

from dataclasses import dataclass

from billing_core import refusals, rules
from billing_core.catalog import Product
from billing_core.models import Account, Quote, Subscription
from billing_core.schemas import Actor, Refusal
from billing_core.unit_of_work import UnitOfWork

CHANGE_KINDS = frozenset({"licenses.reduce", "plan.change", "billing.frequency", "seats.add",
                          "subscription.cancel", "subscription.reactivate"})
"""The kinds of change `may_start` answers for (the bot's flows)."""


@dataclass(frozen=True)
class Target:
    """What a change is about, loaded and checked: the account the actor may change, its facts,
    the subscription and its product (and the quote, for a quote decision)."""

    account: Account
    facts: rules.AccountFacts
    sub: Subscription
    product: Product
    quote: Quote | None = None


def may_change(uow: UnitOfWork, actor: Actor, account: Account) -> Refusal | None:
    who = uow.repo.who(actor.email)
    return rules.may_change(who.role, who.account_id, actor.on_behalf_of,
                            uow.repo.facts(account))


def account_for_change(uow: UnitOfWork, actor: Actor, action: str,
                       account_id: str, *, lock: bool = False) -> Account | Refusal:
    """The account, if it exists and the actor may change it (refusals audited)."""
    account = uow.repo.account(account_id, lock=lock)
    if account is None:
        return uow.refuse(actor, action, account_id, refusals.unknown_account(account_id))
    refusal = may_change(uow, actor, account)
    if refusal:
        return uow.refuse(actor, action, account.id, refusal)
    return account


def subscription_of(uow: UnitOfWork, actor: Actor, action: str, account: Account,
                    subscription_id: str) -> Subscription | Refusal:
    """The account's subscription with that id (another account's is unknown here)."""
    sub = uow.repo.subscription(subscription_id)
    if sub is None or sub.account_id != account.id:
        return uow.refuse(actor, action, account.id,
                          refusals.unknown_subscription(subscription_id))
    return sub


def subscription_target(uow: UnitOfWork, actor: Actor, action: str, account_id: str,
                        subscription_id: str) -> Target | Refusal:
    account = account_for_change(uow, actor, action, account_id)
    if isinstance(account, Refusal):
        return account
    sub = subscription_of(uow, actor, action, account, subscription_id)
    if isinstance(sub, Refusal):
        return sub
    return Target(account=account, facts=uow.repo.facts(account), sub=sub,
                  product=uow.repo.product(sub.product))


def quote_target(uow: UnitOfWork, actor: Actor, action: str, account_id: str,
                 quote_id: str) -> Target | Refusal:
    """An open quote of the account (locked), with the subscription it adds seats to."""
    account = account_for_change(uow, actor, action, account_id)
    if isinstance(account, Refusal):
        return account
    quote = uow.repo.quote(quote_id, lock=True)
    if quote is None or quote.account_id != account.id:
        return uow.refuse(actor, action, account.id, refusals.unknown_quote(quote_id))
    if quote.status != "open":
        return uow.refuse(actor, action, account.id, refusals.quote_not_open(quote))
    sub = uow.repo.subscription(quote.subscription_id)
    assert sub is not None
    return Target(account=account, facts=uow.repo.facts(account), sub=sub,
                  product=uow.repo.product(sub.product), quote=quote)


def eligibility(uow: UnitOfWork, facts: rules.AccountFacts, kind: str,
                sub: Subscription | None, frequency: str | None) -> Refusal | None:
    """The rules a change of `kind` must pass, in order: the account's kind (standard,
    corporate annual billing, corporate self-service seats), then the subscription's state."""
    current = sub.frequency if sub is not None else "annual"
    sub_facts = uow.repo.subscription_facts(sub) if sub else None
    if kind == "billing.frequency":
        # any change of frequency: the other one than the current
        frequency = "monthly" if current == "annual" else "annual"
    if kind in ("plan.change", "billing.frequency"):
        refusal = (rules.corporate_frequency(facts, frequency, current)
                   or rules.standard_account(facts))
    elif kind == "seats.add":
        refusal = rules.corporate_self_service(facts) if facts.kind == "corporate" else None
    else:
        refusal = rules.standard_account(facts)
    if refusal or sub_facts is None:
        return refusal
    if kind == "subscription.cancel":
        return rules.cancellable(sub_facts)
    if kind == "subscription.reactivate":
        return rules.reactivatable(sub_facts)
    return rules.modifiable(sub_facts)


def may_start(uow: UnitOfWork, actor: Actor, account_id: str, kind: str,
              subscription_id: str | None, frequency: str | None) -> Refusal | None:
    """See BillingService.may_start."""
    if kind not in CHANGE_KINDS:
        raise ValueError(f"unknown change kind {kind!r}")
    action = f"eligibility.{kind}"
    account = account_for_change(uow, actor, action, account_id)
    if isinstance(account, Refusal):
        return account
    sub: Subscription | None = None
    if subscription_id is not None:
        found = subscription_of(uow, actor, action, account, subscription_id)
        if isinstance(found, Refusal):
            return found
        sub = found
    refusal = eligibility(uow, uow.repo.facts(account), kind, sub, frequency)
    if refusal:
        return uow.refuse(actor, action, account.id, refusal)
    return None
