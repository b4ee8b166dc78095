"""BillingService: the one documented facade of billing_core — who may act, what a change costs,
and the two-phase preview → confirm door.

Every public method is one transaction (a unit of work). A `preview_*` checks the rules, prices
the change and stores the summary it returns (with the VAT number given for the order, if any);
`confirm` places exactly that summary once, with its side effects (ledger entries, the VAT
number on the account, confirmation e-mail in the outbox, audit records) in the same
transaction. Refusals are values; every preview, confirmation and refusal is audited.

The work is done by modules named for what they do (cosmicpython's service layer over a
repository and a unit of work):

- `accounts`     who is writing, the account views, the VAT number
- `eligibility`  who may change what; the load-and-check prologue every change shares
- `quoting`      what a change costs and the warnings under its summary
- `previews`     the six previews and the quote decisions
- `confirmation` the checks of the confirmation door
- `placement`    the order applied: subscription, balance, ledger, outbox, audit
- `settlement`   background completion of corporate orders and ended cancellations
- `views`        rows → boundary views; `repository`, `unit_of_work`, `audit`, `refusals`,
                 `changes` (the typed change stored with a preview)
"""

from __future__ import annotations

from datetime import date, timedelta

from billing_core import accounts, confirmation, eligibility, previews, settlement
from billing_core.catalog import Catalog, load_catalog
from billing_core.clock import Clock, SystemClock
from billing_core.context import Context
from billing_core.db import Database
from billing_core.eligibility import CHANGE_KINDS
from billing_core.placement import CORPORATE_PROCESSING
from billing_core.schemas import (
    AccountBasics,
    AccountView,
    Actor,
    Identity,
    Order,
    Preview,
    QuoteView,
    Refusal,
)

PREVIEW_TTL = timedelta(minutes=15)
MAX_IDEMPOTENCY_KEY = confirmation.MAX_IDEMPOTENCY_KEY

__all__ = ["CHANGE_KINDS", "CORPORATE_PROCESSING", "MAX_IDEMPOTENCY_KEY", "PREVIEW_TTL",
           "BillingService"]


class BillingService:
    def __init__(self, database: Database, clock: Clock | None = None,
                 catalog: Catalog | None = None, preview_ttl: timedelta = PREVIEW_TTL) -> None:
        self._ctx = Context(database=database, clock=clock or SystemClock(),
                            catalog=catalog or load_catalog(), preview_ttl=preview_ttl)

    @property
    def catalog(self) -> Catalog:
        return self._ctx.catalog

    def today(self) -> date:
        """The billing day: the date in Europe/Rome."""
        return self._ctx.today()

    # -- reads -------------------------------------------------------------------------------

    def who_is(self, email: str) -> Identity:
        """Who writes: billing contact, user, agent or stranger, and their account."""
        return accounts.who_is(self._ctx, email)

    def find_account(self, ref: str) -> AccountView | None:
        """The account with id `ref`, or the account `ref` (an e-mail) is a contact of
        (operator CLI; no actor check)."""
        return accounts.find_account(self._ctx, ref)

    def account_view(self, actor: Actor, account_id: str) -> AccountView | Refusal:
        """The account with its money (balance, orders, billing history, renewals)."""
        return accounts.view(self._ctx, actor, account_id)

    def account_basics(self, actor: Actor, account_id: str) -> AccountBasics | Refusal:
        """Who the billing contact is and which products the account has, without amounts:
        for every contact of the account (a plain user too) and agents."""
        return accounts.basics(self._ctx, actor, account_id)

    # -- eligibility -------------------------------------------------------------------------

    def may_start(self, actor: Actor, account_id: str, kind: str,
                  subscription_id: str | None = None, *,
                  frequency: str | None = None) -> Refusal | None:
        """May `actor` start a change of `kind` on the account (and on the subscription, when
        given)? Asked before the bot collects counts or plans, so a change that can never be
        made is refused at once. Runs the same rule functions, in the same order, as the
        matching `preview_*` (which run them too, before their own checks of counts and
        tiers). A refusal is audited as `eligibility.<kind>`; an allowed start is not.

        `kind`: one of CHANGE_KINDS (another is a ValueError). `billing.frequency` is a plan
        change of the frequency (corporate accounts: annual only); `frequency`, for
        `plan.change`, the one asked for.
        """
        if kind not in CHANGE_KINDS:
            raise ValueError(f"unknown change kind {kind!r}")
        with self._ctx.reads() as uow:
            return eligibility.may_start(uow, actor, account_id, kind, subscription_id,
                                         frequency)

    # -- previews ----------------------------------------------------------------------------

    def preview_license_reduction(self, actor: Actor, account_id: str, subscription_id: str,
                                  licenses: int, *,
                                  vat_number: str | None = None) -> Preview | Refusal:
        """Fewer licenses (`licenses` is the new total): a new full period from today."""
        return previews.license_reduction(self._ctx, actor, account_id, subscription_id,
                                          licenses, vat_number=vat_number)

    def preview_plan_change(self, actor: Actor, account_id: str, subscription_id: str, *,
                            tier: str | None = None, licenses: int | None = None,
                            frequency: str | None = None, product: str | None = None,
                            vat_number: str | None = None) -> Preview | Refusal:
        """Tier up, licenses up or down, frequency: a new full period from today.

        `product`, when given, is the product the user asked for: another product than the
        subscription's is refused (products cannot be swapped).
        """
        return previews.plan_change(self._ctx, actor, account_id, subscription_id, tier=tier,
                                    licenses=licenses, frequency=frequency, product=product,
                                    vat_number=vat_number)

    def preview_corporate_seats(self, actor: Actor, account_id: str, subscription_id: str,
                                additional_seats: int, *,
                                vat_number: str | None = None) -> Preview | Refusal:
        """Corporate seats through a new quote (an open one expires and is replaced)."""
        return previews.corporate_seats(self._ctx, actor, account_id, subscription_id,
                                        additional_seats, vat_number=vat_number)

    def preview_quote_acceptance(self, actor: Actor, account_id: str, quote_id: str, *,
                                 vat_number: str | None = None) -> Preview | Refusal:
        return previews.quote_acceptance(self._ctx, actor, account_id, quote_id,
                                         vat_number=vat_number)

    def reject_quote(self, actor: Actor, account_id: str, quote_id: str) -> QuoteView | Refusal:
        return previews.reject_quote(self._ctx, actor, account_id, quote_id)

    def preview_cancellation(self, actor: Actor, account_id: str, subscription_id: str, *,
                             vat_number: str | None = None) -> Preview | Refusal:
        """Cancellation at the period end (nothing to pay)."""
        return previews.cancellation(self._ctx, actor, account_id, subscription_id,
                                     vat_number=vat_number)

    def preview_reactivation(self, actor: Actor, account_id: str, subscription_id: str,
                             frequency: str | None = None, *,
                             vat_number: str | None = None) -> Preview | Refusal:
        """An expired (or cancelled and ended) subscription: a new period from today; one
        cancelled at its period end: the cancellation withdrawn, nothing to pay."""
        return previews.reactivation(self._ctx, actor, account_id, subscription_id, frequency,
                                     vat_number=vat_number)

    def stored_preview(self, actor: Actor, preview_id: str) -> Preview | Refusal:
        """A summary as it was shown (expired or used too), for the person it was made for:
        the chat reads the VAT number given with it to carry it into the next summary."""
        return previews.stored(self._ctx, actor, preview_id)

    def set_vat_number(self, actor: Actor, account_id: str,
                       vat_number: str) -> AccountView | Refusal:
        """The VAT number read out of what the user typed (billing_core.vat), validated, stored
        on the account at once (an operator's correction). The chat does not use it: a number
        typed for an order goes with the order (`vat_number=` of the previews) and is stored
        only when the order is confirmed."""
        return accounts.set_vat_number(self._ctx, actor, account_id, vat_number)

    # -- confirmation ------------------------------------------------------------------------

    def confirm(self, preview_id: str, actor: Actor, idempotency_key: str) -> Order | Refusal:
        """Place exactly what the preview showed, once; the same key again → the same order."""
        return confirmation.confirm(self._ctx, preview_id, actor, idempotency_key)

    # -- refusals decided outside billing_core ------------------------------------------------

    def record_refusal(self, actor: Actor, action: str, account_id: str | None,
                       refusal: Refusal) -> Refusal:
        """Audit a refusal the bot decided before asking billing_core anything (a stranger's
        or a plain user's change, someone else's button, a non-agent's agent command, a
        tampered click), like billing_core's own refusals; returns it."""
        with self._ctx.work() as uow:
            return uow.refuse(actor, action[:48], account_id, refusal)

    # -- background work ---------------------------------------------------------------------

    def settle(self) -> list[Order]:
        """Complete corporate service orders whose processing time is over, and end the
        subscriptions cancelled at a period end that has passed. Returns the completed orders."""
        return settlement.settle(self._ctx)
