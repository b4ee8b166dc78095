"""Reads of people and accounts (who is writing, what they may see) and the VAT number set
on the account at once (`set_vat_number`, an operator's correction). A VAT number typed in the
chat goes with the order instead: the preview carries it and the confirmation stores it
(previews, placement)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from billing_core import refusals, rules
from billing_core.context import Context
from billing_core.eligibility import account_for_change
from billing_core.models import Account
from billing_core.privacy import mask_vat_number
from billing_core.repository import Who
from billing_core.schemas import AccountBasics, AccountView, Actor, Identity, Refusal
from billing_core.unit_of_work import UnitOfWork
from billing_core.views import account_basics, account_view


def who_is(ctx: Context, email: str) -> Identity:
    with ctx.reads() as uow:
        who, account = uow.repo.who_and_account(email)
        return Identity(
            email=who.email, name=who.name, role=cast(Any, who.role),
            account_id=account.id if account else None,
            account_name=account.name if account else None,
            account_kind=cast(Any, account.kind) if account else None,
        )


def find_account(ctx: Context, ref: str) -> AccountView | None:
    """The account with id `ref`, or the account `ref` (an e-mail) is a contact of."""
    ref = ref.strip()
    with ctx.reads() as uow:
        account = uow.repo.account(ref.upper()) or uow.repo.account_of_contact(ref)
        return account_view(uow.repo, account) if account else None


def view(ctx: Context, actor: Actor, account_id: str) -> AccountView | Refusal:
    """The account with its money: its billing contact and agents (see rules.may_view)."""
    with ctx.reads() as uow:
        account = _readable(uow, actor, "account.view", account_id, lambda who, account:
                            rules.may_view(who.role, who.account_id, uow.repo.facts(account)))
        return account if isinstance(account, Refusal) else account_view(uow.repo, account)


def basics(ctx: Context, actor: Actor, account_id: str) -> AccountBasics | Refusal:
    """Who the billing contact is and which products, no amounts: any contact, and agents."""
    with ctx.reads() as uow:
        account = _readable(uow, actor, "account.basics", account_id, lambda who, account:
                            rules.may_view_basics(who.role, who.account_id, account.id))
        return account if isinstance(account, Refusal) else account_basics(uow.repo, account)


def _readable(uow: UnitOfWork, actor: Actor, action: str, account_id: str,
              may: Callable[[Who, Account], Refusal | None]) -> Account | Refusal:
    """The account, if it exists and `may` lets the actor read it (refusals audited)."""
    account = uow.repo.account(account_id)
    if account is None:
        return uow.refuse(actor, action, account_id, refusals.unknown_account(account_id))
    refusal = may(uow.repo.who(actor.email), account)
    return uow.refuse(actor, action, account.id, refusal) if refusal else account


def set_vat_number(ctx: Context, actor: Actor, account_id: str,
                   vat_number: str) -> AccountView | Refusal:
    action = "account.vat_number"
    with ctx.work() as uow:
        account = account_for_change(uow, actor, action, account_id, lock=True)
        if isinstance(account, Refusal):
            return account
        result = rules.normalise_vat_number(vat_number, account.country)
        if isinstance(result, Refusal):
            return uow.refuse(actor, action, account.id, result)
        account.vat_number = result
        uow.audit(actor, action, account.id, "ok", f"partita IVA {mask_vat_number(result)}")
        uow.repo.flush()
        return account_view(uow.repo, account)
