"""BillingService: who may act, what a change costs, and the two-phase preview → confirm door.

Every public method is one transaction (unit_of_work). A `preview_*` checks the rules, prices the
change and stores the summary it returns; `confirm` places exactly that summary once, with its
side effects (ledger entries, confirmation e-mail in the outbox, audit record) in the same
transaction. Refusals are values; every preview, confirmation and refusal is audited.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from billing_core import rules
from billing_core.catalog import Catalog, Frequency, Product, load_catalog
from billing_core.clock import Clock, SystemClock, billing_today
from billing_core.db import Database
from billing_core.models import (
    Account,
    AuditRecord,
    Contact,
    LedgerEntry,
    OrderRecord,
    OutboxEmail,
    PreviewRecord,
    Quote,
    Staff,
    Subscription,
)
from billing_core.outbox import completion_email, receipt_email
from billing_core.pricing import (
    ZERO,
    PriceBreakdown,
    nothing_due,
    period_end,
    price_change,
    pro_rata,
    round_cents,
    unused_credit,
)
from billing_core.privacy import mask_vat_number
from billing_core.schemas import (
    AccountBasics,
    AccountView,
    Actor,
    ChargeView,
    Identity,
    Order,
    OrderView,
    PlanState,
    Preview,
    PreviewLine,
    QuoteView,
    Refusal,
    RenewalView,
    SubscriptionView,
)
from billing_core.unit_of_work import unit_of_work
from billing_core.wording import (
    count,
    dated,
    frequency_name,
    order_kind,
    product_name,
    quote_status,
)
from billing_core.wording import licenses as licenses_text
from billing_core.wording import money as euros
from billing_core.wording import seats as seats_text

log = logging.getLogger(__name__)

PREVIEW_TTL = timedelta(minutes=15)
CORPORATE_PROCESSING = timedelta(hours=24)
MAX_IDEMPOTENCY_KEY = 200
CHANGE_KINDS = frozenset({"licenses.reduce", "plan.change", "billing.frequency", "seats.add",
                          "subscription.cancel", "subscription.reactivate"})
"""The kinds of change `may_start` answers for (the bot's flows)."""


def _new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12].upper()}"


def _money(amount: Decimal) -> str:
    return f"{amount:.2f}"


@dataclass(frozen=True)
class _Who:
    """The actor as the database knows them."""

    email: str
    name: str | None
    role: str
    account_id: str | None


@dataclass(frozen=True)
class _Priced:
    """Everything a preview needs besides the account and subscription."""

    kind: str
    before: PlanState | None
    after: PlanState | None
    period_start: date
    period_end: date
    money: PriceBreakdown
    order_status: str
    warnings: list[str]
    change: dict[str, Any]


class BillingService:
    def __init__(self, database: Database, clock: Clock | None = None,
                 catalog: Catalog | None = None, preview_ttl: timedelta = PREVIEW_TTL) -> None:
        self._db = database
        self._clock = clock or SystemClock()
        self._catalog = catalog or load_catalog()
        self._ttl = preview_ttl

    @property
    def catalog(self) -> Catalog:
        return self._catalog

    def today(self) -> date:
        return billing_today(self._clock)

    # -- reads -------------------------------------------------------------------------------

    def who_is(self, email: str) -> Identity:
        with unit_of_work(self._db) as session:
            who = self._who(session, email)
            account = session.get(Account, who.account_id) if who.account_id else None
            return Identity(
                email=who.email, name=who.name, role=cast(Any, who.role),
                account_id=account.id if account else None,
                account_name=account.name if account else None,
                account_kind=cast(Any, account.kind) if account else None,
            )

    def find_account(self, ref: str) -> AccountView | None:
        """The account with id `ref`, or the account `ref` (an e-mail) is a contact of."""
        ref = ref.strip()
        with unit_of_work(self._db) as session:
            account = session.get(Account, ref.upper())
            if account is None:
                contact = session.scalar(select(Contact).where(Contact.email == ref.lower()))
                account = session.get(Account, contact.account_id) if contact else None
            return self._account_view(session, account) if account else None

    def account_view(self, actor: Actor, account_id: str) -> AccountView | Refusal:
        with unit_of_work(self._db) as session:
            who = self._who(session, actor.email)
            account = session.get(Account, account_id)
            if account is None:
                return self._refuse(session, actor, "account.view", account_id,
                                    _unknown_account(account_id))
            refusal = rules.may_view(who.role, who.account_id, self._facts(session, account))
            if refusal:
                return self._refuse(session, actor, "account.view", account.id, refusal)
            return self._account_view(session, account)

    def account_basics(self, actor: Actor, account_id: str) -> AccountBasics | Refusal:
        """Who the billing contact is and which products the account has, without amounts:
        for every contact of the account (a plain user too) and staff agents."""
        with unit_of_work(self._db) as session:
            who = self._who(session, actor.email)
            account = session.get(Account, account_id)
            if account is None:
                return self._refuse(session, actor, "account.basics", account_id,
                                    _unknown_account(account_id))
            refusal = rules.may_view_basics(who.role, who.account_id, account.id)
            if refusal:
                return self._refuse(session, actor, "account.basics", account.id, refusal)
            contact = self._billing_contact(session, account)
            subs = session.scalars(select(Subscription).where(
                Subscription.account_id == account.id).order_by(Subscription.id)).all()
            return AccountBasics(
                id=account.id, name=account.name, kind=cast(Any, account.kind),
                billing_contact=contact.email if contact else None,
                billing_contact_name=contact.name if contact else None,
                subscriptions=[self._subscription_view(sub) for sub in subs])

    # -- eligibility -------------------------------------------------------------------------

    def may_start(self, actor: Actor, account_id: str, kind: str,
                  subscription_id: str | None = None, *,
                  frequency: str | None = None) -> Refusal | None:
        """May `actor` start a change of `kind` on the account (and on the subscription, when
        given)? Asked before the bot collects counts or plans, so a change that can never be
        made is refused at once. Runs the same rule functions, in the same order, as the
        matching `preview_*` (`_eligibility`, which the previews call too, before their own
        checks of counts and tiers). A refusal is audited
        as `eligibility.<kind>`; an allowed start is not (nothing was asked of billing yet).

        `kind`: one of CHANGE_KINDS. `billing.frequency` is a plan change of the frequency
        (corporate accounts: annual only); `frequency`, for `plan.change`, the one asked for.
        """
        if kind not in CHANGE_KINDS:
            raise ValueError(f"unknown change kind {kind!r}")
        action = f"eligibility.{kind}"
        with unit_of_work(self._db) as session:
            account = session.get(Account, account_id)
            if account is None:
                return self._refuse(session, actor, action, account_id,
                                    _unknown_account(account_id))
            refusal = self._may_change(session, actor, account)
            if refusal:
                return self._refuse(session, actor, action, account.id, refusal)
            sub: Subscription | None = None
            if subscription_id is not None:
                sub = session.get(Subscription, subscription_id)
                if sub is None or sub.account_id != account.id:
                    return self._refuse(session, actor, action, account.id, Refusal(
                        code="unknown_subscription",
                        message="Non trovo questa sottoscrizione sul tuo account: dimmi per "
                                "quale prodotto vuoi fare la modifica.",
                        details={"subscription_id": subscription_id}))
            refusal = self._eligibility(self._facts(session, account), kind, sub, frequency)
            if refusal:
                return self._refuse(session, actor, action, account.id, refusal)
            return None

    def _eligibility(self, facts: rules.AccountFacts, kind: str, sub: Subscription | None,
                     frequency: str | None) -> Refusal | None:
        current = sub.frequency if sub is not None else "annual"
        sub_facts = self._sub_facts(sub, self._product(sub.product)) if sub else None
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

    # -- previews ----------------------------------------------------------------------------

    def preview_license_reduction(self, actor: Actor, account_id: str, subscription_id: str,
                                  licenses: int) -> Preview | Refusal:
        action = "preview.licenses.reduce"
        with unit_of_work(self._db) as session:
            found = self._subscription_for_change(session, actor, action, account_id,
                                                  subscription_id)
            if isinstance(found, Refusal):
                return found
            account, sub, product = found
            refusal = (self._eligibility(self._facts(session, account), "licenses.reduce", sub,
                                         None)
                       or rules.license_reduction(sub.licenses, licenses))
            if refusal:
                return self._refuse(session, actor, action, account.id, refusal)
            priced = self._price_plan(session, account, sub, product, "licenses.reduce",
                                      sub.tier, licenses, cast(Frequency, sub.frequency))
            return self._finish_preview(session, actor, account, sub, product, priced, None)

    def preview_plan_change(self, actor: Actor, account_id: str, subscription_id: str, *,
                            tier: str | None = None, licenses: int | None = None,
                            frequency: str | None = None,
                            product: str | None = None) -> Preview | Refusal:
        """Tier up, licenses up or down, frequency: a new full period from today.

        `product`, when given, is the product the user asked for: another product than the
        subscription's is refused (products cannot be swapped).
        """
        action = "preview.plan.change"
        with unit_of_work(self._db) as session:
            found = self._subscription_for_change(session, actor, action, account_id,
                                                  subscription_id)
            if isinstance(found, Refusal):
                return found
            account, sub, current = found
            facts = self._facts(session, account)
            new_tier = tier.strip().lower() if tier else sub.tier
            new_licenses = sub.licenses if licenses is None else licenses
            new_frequency = frequency or sub.frequency
            requested = self._catalog.product(product) if product else None
            refusal = (
                (rules.same_product(current, requested) if requested else None)
                or self._eligibility(facts, "plan.change", sub, frequency)
                or _frequency_check(new_frequency)
                or rules.tier_change(current, sub.tier, new_tier)
                or rules.license_total(new_licenses)
                or rules.nothing_changes((new_tier, new_licenses, new_frequency)
                                         != (sub.tier, sub.licenses, sub.frequency))
            )
            if refusal:
                return self._refuse(session, actor, action, account.id, refusal)
            priced = self._price_plan(session, account, sub, current, "plan.change", new_tier,
                                      new_licenses, cast(Frequency, new_frequency))
            return self._finish_preview(session, actor, account, sub, current, priced, None)

    def preview_corporate_seats(self, actor: Actor, account_id: str, subscription_id: str,
                                additional_seats: int) -> Preview | Refusal:
        action = "preview.seats.add"
        with unit_of_work(self._db) as session:
            found = self._subscription_for_change(session, actor, action, account_id,
                                                  subscription_id)
            if isinstance(found, Refusal):
                return found
            account, sub, product = found
            refusal = (rules.corporate_self_service(self._facts(session, account))
                       or rules.modifiable(self._sub_facts(sub, product))
                       or rules.additional_seats(sub.licenses, additional_seats))
            if refusal:
                return self._refuse(session, actor, action, account.id, refusal)
            open_quotes = self._open_quotes(session, account.id)
            warnings = [
                f"Il preventivo aperto {quote.id} ({seats_text(quote.seats)} di "
                f"{self._product(quote.product).name}) scadrà subito e sarà sostituito da "
                "questo nuovo preventivo. Se ti serve, accettalo o rifiutalo prima."
                for quote in open_quotes
            ]
            priced = self._price_seats(account, sub, product, "seats.add", additional_seats,
                                       warnings)
            return self._finish_preview(session, actor, account, sub, product, priced, None)

    def preview_quote_acceptance(self, actor: Actor, account_id: str,
                                 quote_id: str) -> Preview | Refusal:
        action = "preview.quote.accept"
        with unit_of_work(self._db) as session:
            found = self._quote_for_change(session, actor, action, account_id, quote_id)
            if isinstance(found, Refusal):
                return found
            account, quote = found
            sub = session.get(Subscription, quote.subscription_id)
            assert sub is not None
            product = self._product(sub.product)
            refusal = (rules.corporate_self_service(self._facts(session, account))
                       or rules.modifiable(self._sub_facts(sub, product))
                       or rules.additional_seats(sub.licenses, quote.seats))
            if refusal:
                return self._refuse(session, actor, action, account.id, refusal)
            priced = self._price_seats(account, sub, product, "quote.accept", quote.seats, [])
            return self._finish_preview(session, actor, account, sub, product, priced, quote)

    def reject_quote(self, actor: Actor, account_id: str, quote_id: str) -> QuoteView | Refusal:
        action = "quote.reject"
        with unit_of_work(self._db) as session:
            found = self._quote_for_change(session, actor, action, account_id, quote_id)
            if isinstance(found, Refusal):
                return found
            account, quote = found
            quote.status = "rejected"
            quote.decided_at = self._clock.now()
            self._audit(session, actor, action, account.id, "ok", f"preventivo {quote.id}")
            return _quote_view(quote)

    def preview_cancellation(self, actor: Actor, account_id: str,
                             subscription_id: str) -> Preview | Refusal:
        action = "preview.subscription.cancel"
        with unit_of_work(self._db) as session:
            found = self._subscription_for_change(session, actor, action, account_id,
                                                  subscription_id)
            if isinstance(found, Refusal):
                return found
            account, sub, product = found
            refusal = self._eligibility(self._facts(session, account), "subscription.cancel",
                                        sub, None)
            if refusal:
                return self._refuse(session, actor, action, account.id, refusal)
            priced = self._nothing_to_pay(
                "subscription.cancel", account, sub,
                f"La sottoscrizione a {product.name} resta attiva fino "
                f"{dated(sub.period_end, 'al')}: fino ad allora puoi continuare a usare il "
                "servizio, poi non si rinnova. Non c'è niente da pagare.", {})
            return self._finish_preview(session, actor, account, sub, product, priced, None)

    def _nothing_to_pay(self, kind: str, account: Account, sub: Subscription, warning: str,
                        change: dict[str, Any]) -> _Priced:
        """A change that keeps the plan and the period as they are and costs nothing (a
        cancellation at period end, or withdrawing one)."""
        state = _plan_state(sub)
        return _Priced(kind=kind, before=state, after=state, period_start=sub.period_start,
                       period_end=sub.period_end,
                       money=nothing_due(self._catalog.vat_rate(account.country)),
                       order_status="placed", warnings=[warning], change=change)

    def preview_reactivation(self, actor: Actor, account_id: str, subscription_id: str,
                             frequency: str | None = None) -> Preview | Refusal:
        action = "preview.subscription.reactivate"
        with unit_of_work(self._db) as session:
            found = self._subscription_for_change(session, actor, action, account_id,
                                                  subscription_id)
            if isinstance(found, Refusal):
                return found
            account, sub, product = found
            new_frequency = frequency or sub.frequency
            refusal = (self._eligibility(self._facts(session, account),
                                         "subscription.reactivate", sub, None)
                       or _frequency_check(new_frequency))
            if refusal:
                return self._refuse(session, actor, action, account.id, refusal)
            if sub.status in ("active", "trial"):  # a pending cancellation is withdrawn
                priced = self._nothing_to_pay(
                    "subscription.reactivate", account, sub,
                    f"L'annullamento viene revocato: la sottoscrizione a {product.name} resta "
                    f"com'è e si rinnova {dated(sub.period_end)}. Non c'è niente da pagare.",
                    {"withdraw_cancellation": True})
                return self._finish_preview(session, actor, account, sub, product, priced,
                                            None)
            priced = self._price_plan(session, account, sub, product,
                                      "subscription.reactivate", sub.tier, sub.licenses,
                                      cast(Frequency, new_frequency), reactivation=True)
            return self._finish_preview(session, actor, account, sub, product, priced, None)

    def set_vat_number(self, actor: Actor, account_id: str,
                       vat_number: str) -> AccountView | Refusal:
        action = "account.vat_number"
        with unit_of_work(self._db) as session:
            account = session.get(Account, account_id, with_for_update=True)
            if account is None:
                return self._refuse(session, actor, action, account_id,
                                    _unknown_account(account_id))
            refusal = self._may_change(session, actor, account)
            if refusal:
                return self._refuse(session, actor, action, account.id, refusal)
            result = rules.normalise_vat_number(vat_number, account.country)
            if isinstance(result, Refusal):
                return self._refuse(session, actor, action, account.id, result)
            account.vat_number = result
            self._audit(session, actor, action, account.id, "ok",
                        f"partita IVA {mask_vat_number(result)}")
            session.flush()
            return self._account_view(session, account)

    # -- confirmation ------------------------------------------------------------------------

    def confirm(self, preview_id: str, actor: Actor, idempotency_key: str) -> Order | Refusal:
        """Place exactly what the preview showed, once; the same key again → the same order."""
        key = idempotency_key.strip()
        if not key or len(key) > MAX_IDEMPOTENCY_KEY:
            raise ValueError("an idempotency key is 1 to 200 characters")
        try:
            with unit_of_work(self._db) as session:
                return self._confirm(session, preview_id, actor, key)
        except IntegrityError:
            # A concurrent confirmation placed the order first (unique preview / key).
            with unit_of_work(self._db) as session:
                existing = session.scalar(select(OrderRecord).where(
                    OrderRecord.preview_id == preview_id))
                if existing is None:
                    same_key = session.scalar(select(OrderRecord).where(
                        OrderRecord.actor_email == actor.email.strip().lower(),
                        OrderRecord.idempotency_key == key))
                    if same_key is not None:
                        raise ValueError("this idempotency key was already used for another "
                                         "preview") from None
                    raise
                if existing.actor_email == actor.email.strip().lower() and \
                        existing.idempotency_key == key:
                    return _order(existing)
                return self._refuse(session, actor, "confirm", existing.account_id,
                                    _preview_used())

    def _confirm(self, session: Session, preview_id: str, actor: Actor,
                 key: str) -> Order | Refusal:
        email = actor.email.strip().lower()
        same_key = session.scalar(select(OrderRecord).where(
            OrderRecord.actor_email == email, OrderRecord.idempotency_key == key))
        if same_key is not None and same_key.preview_id == preview_id:
            return _order(same_key)
        if same_key is not None:
            raise ValueError("this idempotency key was already used for another preview")
        record = session.get(PreviewRecord, preview_id, with_for_update=True)
        if record is None:
            return self._refuse(session, actor, "confirm", None, Refusal(
                code="unknown_preview",
                message="Non trovo questo riepilogo: ne preparo uno nuovo?"))
        if record.actor_email != email or record.on_behalf_of != actor.on_behalf_of:
            return self._refuse(session, actor, "confirm", record.account_id, Refusal(
                code="preview_not_yours",
                message="Questo riepilogo è stato preparato per un'altra persona: non posso "
                        "confermarlo a tuo nome."))
        placed = session.scalar(select(OrderRecord).where(OrderRecord.preview_id == record.id))
        if placed is not None:
            if placed.idempotency_key == key:
                return _order(placed)
            return self._refuse(session, actor, "confirm", record.account_id, _preview_used())
        now = self._clock.now()
        if now >= record.expires_at:
            return self._refuse(session, actor, "confirm", record.account_id, Refusal(
                code="preview_expired",
                message=f"Il riepilogo è scaduto (vale {int(self._ttl.total_seconds() // 60)} "
                        "minuti): te ne preparo uno aggiornato prima di confermare.",
                details={"expired_at": record.expires_at.isoformat()}))
        if record.pricing_date != self.today():
            # the summary's period starts on its billing day: placed after midnight (Rome) it
            # would start the new period yesterday
            return self._refuse(session, actor, "confirm", record.account_id, Refusal(
                code="preview_stale",
                message="Il riepilogo era stato preparato ieri e dalla mezzanotte le date del "
                        "periodo e gli importi cambiano: te ne preparo uno aggiornato con i dati "
                        "di oggi.",
                details={"subscription_id": record.subscription_id,
                         "pricing_date": record.pricing_date.isoformat()}))
        account = session.get(Account, record.account_id, with_for_update=True)
        assert account is not None
        refusal = self._may_change(session, actor, account)
        if refusal:
            return self._refuse(session, actor, "confirm", account.id, refusal)
        summary = Preview.model_validate(record.summary)
        sub = (session.get(Subscription, record.subscription_id, with_for_update=True)
               if record.subscription_id else None)
        quote = session.get(Quote, record.quote_id, with_for_update=True) \
            if record.quote_id else None
        stale = (
            (sub is not None and sub.version != record.subscription_version)
            or (quote is not None and quote.status != "open")
            or account.balance < Decimal(record.change.get("balance_used", "0"))
        )
        if stale:
            return self._refuse(session, actor, "confirm", account.id, Refusal(
                code="preview_stale",
                message="La sottoscrizione è cambiata dopo il riepilogo: te ne preparo uno "
                        "aggiornato con i dati di adesso.",
                details={"subscription_id": record.subscription_id}))
        refusal = rules.payment_ready(self._facts(session, account), summary.total_due > 0)
        if refusal:
            return self._refuse(session, actor, "confirm", account.id, refusal)
        return self._place(session, actor, key, record, summary, account, sub, quote)

    def _place(self, session: Session, actor: Actor, key: str, record: PreviewRecord,
               summary: Preview, account: Account, sub: Subscription | None,
               quote: Quote | None) -> Order:
        now = self._clock.now()
        change = record.change
        order = OrderRecord(
            id=_new_id("ORD"), kind=summary.kind, status=summary.order_status,
            account_id=account.id, subscription_id=record.subscription_id,
            quote_id=record.quote_id, preview_id=record.id, actor_email=record.actor_email,
            on_behalf_of=record.on_behalf_of, idempotency_key=key, total=summary.total_due,
            currency=summary.currency, email_to=self._billing_contact_email(session, account),
            created_at=now,
            completes_at=now + CORPORATE_PROCESSING if summary.order_status == "processing"
            else None,
        )
        if summary.kind in ("seats.add", "quote.accept"):
            assert sub is not None
            if summary.kind == "seats.add":
                for stale_quote in self._open_quotes(session, account.id):
                    stale_quote.status = "expired"
                    stale_quote.decided_at = now
                quote = Quote(id=_new_id("Q"), account_id=account.id, subscription_id=sub.id,
                              product=sub.product, seats=int(change["seats"]), status="open",
                              created_at=now)
                session.add(quote)
                session.flush()
            assert quote is not None
            quote.status = "accepted"
            quote.decided_at = now
            order.quote_id = quote.id
            sub.licenses += int(change["seats"])
            sub.charged += Decimal(change["charged_add"])
        elif summary.kind == "subscription.cancel":
            assert sub is not None
            sub.cancel_at_period_end = True
        elif change.get("withdraw_cancellation"):
            assert sub is not None
            sub.cancel_at_period_end = False
        else:
            assert sub is not None
            sub.tier = change["tier"]
            sub.licenses = int(change["licenses"])
            sub.frequency = change["frequency"]
            sub.billing_anchor = date.fromisoformat(change["period_start"])
            sub.period_start = date.fromisoformat(change["period_start"])
            sub.period_end = date.fromisoformat(change["period_end"])
            sub.charged = Decimal(change["charged"])
            sub.status = "active"
            sub.cancel_at_period_end = False
        session.add(order)
        session.flush()
        account.balance = account.balance - Decimal(change.get("balance_used", "0")) \
            + summary.account_credit
        for line in change.get("lines", []):
            session.add(LedgerEntry(
                account_id=account.id, order_id=order.id, subscription_id=record.subscription_id,
                product=summary.product, kind=line["kind"],
                description=f"{summary.product_name} · {line['label']}",
                amount=Decimal(line["amount"]), currency=summary.currency,
                entry_date=summary.pricing_date, created_at=now))
        to, subject, body = receipt_email(order.id, order.email_to, account.name, summary,
                                          order.status)
        session.add(OutboxEmail(order_id=order.id, to_address=to, subject=subject, body=body,
                                created_at=now))
        record.used_at = now
        self._audit(session, actor, "confirm", account.id, order.id,
                    f"{summary.kind} {summary.subscription_id or ''} totale "
                    f"{_money(summary.total_due)} {summary.currency}, ordine {order.status}")
        session.flush()
        log.info("order %s placed for %s (%s)", order.id, account.id, summary.kind)
        return _order(order)

    # -- refusals decided outside billing_core ------------------------------------------------

    def record_refusal(self, actor: Actor, action: str, account_id: str | None,
                       refusal: Refusal) -> Refusal:
        """Audit a refusal the bot decided before asking billing_core anything (a stranger's
        or a plain user's change, someone else's button, a non-agent's agent command, a
        tampered click), like billing_core's own refusals; returns it."""
        with unit_of_work(self._db) as session:
            return self._refuse(session, actor, action[:48], account_id, refusal)

    # -- background work ---------------------------------------------------------------------

    def settle(self) -> list[Order]:
        """Complete corporate service orders whose processing time is over, and end the
        subscriptions cancelled at a period end that has passed. Returns the completed orders."""
        now = self._clock.now()
        today = self.today()
        with unit_of_work(self._db) as session:
            due = session.scalars(select(OrderRecord).where(
                OrderRecord.status == "processing", OrderRecord.completes_at <= now)
                .with_for_update()).all()
            for order in due:
                order.status = "completed"
                order.completed_at = now
                account = session.get(Account, order.account_id)
                assert account is not None
                to, subject, body = completion_email(
                    order.id, order.email_to, account.name, account.id,
                    order_kind(order.kind))
                session.add(OutboxEmail(order_id=order.id, to_address=to, subject=subject,
                                        body=body, created_at=now))
                self._audit(session, Actor(email="system", channel="cli"), "order.complete",
                            account.id, order.id)
            ending = session.scalars(select(Subscription).where(
                Subscription.cancel_at_period_end.is_(True), Subscription.period_end <= today,
                Subscription.status != "cancelled").with_for_update()).all()
            for sub in ending:
                sub.status = "cancelled"
            session.flush()
            return [_order(order) for order in due]

    # -- helpers: people and rights ----------------------------------------------------------

    def _who(self, session: Session, email: str) -> _Who:
        email = email.strip().lower()
        contact = session.scalar(select(Contact).where(Contact.email == email))
        if contact is not None:
            return _Who(email, contact.name, contact.role, contact.account_id)
        staff = session.get(Staff, email)
        if staff is not None:
            return _Who(email, staff.name, "agent", None)
        return _Who(email, None, "stranger", None)

    def _facts(self, session: Session, account: Account) -> rules.AccountFacts:
        contact = self._billing_contact(session, account)
        return rules.AccountFacts(
            id=account.id, kind=account.kind, country=account.country,
            business=account.business, vat_number=account.vat_number,
            payment_method=account.payment_method,
            billing_contact_name=contact.name if contact else None,
            billing_contact_email=contact.email if contact else None,
        )

    @staticmethod
    def _sub_facts(sub: Subscription, product: Product) -> rules.SubscriptionFacts:
        return rules.SubscriptionFacts(product=product, tier=sub.tier, licenses=sub.licenses,
                                       frequency=sub.frequency, status=sub.status,
                                       period_end=sub.period_end,
                                       cancel_at_period_end=sub.cancel_at_period_end)

    @staticmethod
    def _billing_contact(session: Session, account: Account) -> Contact | None:
        return session.scalar(select(Contact).where(
            Contact.account_id == account.id, Contact.role == "billing_contact")
            .order_by(Contact.id))

    def _billing_contact_email(self, session: Session, account: Account) -> str:
        contact = self._billing_contact(session, account)
        return contact.email if contact else ""

    def _may_change(self, session: Session, actor: Actor, account: Account) -> Refusal | None:
        who = self._who(session, actor.email)
        return rules.may_change(who.role, who.account_id, actor.on_behalf_of,
                                self._facts(session, account))

    def _product(self, product_id: str) -> Product:
        return self._catalog.require(product_id)

    def _subscription_for_change(
        self, session: Session, actor: Actor, action: str, account_id: str,
        subscription_id: str,
    ) -> tuple[Account, Subscription, Product] | Refusal:
        account = session.get(Account, account_id)
        if account is None:
            return self._refuse(session, actor, action, account_id, _unknown_account(account_id))
        refusal = self._may_change(session, actor, account)
        if refusal:
            return self._refuse(session, actor, action, account.id, refusal)
        sub = session.get(Subscription, subscription_id)
        if sub is None or sub.account_id != account.id:
            return self._refuse(session, actor, action, account.id, Refusal(
                code="unknown_subscription",
                message="Non trovo questa sottoscrizione sul tuo account: dimmi per quale "
                        "prodotto vuoi fare la modifica.",
                details={"subscription_id": subscription_id}))
        return account, sub, self._product(sub.product)

    def _quote_for_change(self, session: Session, actor: Actor, action: str, account_id: str,
                          quote_id: str) -> tuple[Account, Quote] | Refusal:
        account = session.get(Account, account_id)
        if account is None:
            return self._refuse(session, actor, action, account_id, _unknown_account(account_id))
        refusal = self._may_change(session, actor, account)
        if refusal:
            return self._refuse(session, actor, action, account.id, refusal)
        quote = session.get(Quote, quote_id, with_for_update=True)
        if quote is None or quote.account_id != account.id:
            return self._refuse(session, actor, action, account.id, Refusal(
                code="unknown_quote", message="Non trovo questo preventivo sul tuo account.",
                details={"quote_id": quote_id}))
        if quote.status != "open":
            return self._refuse(session, actor, action, account.id, Refusal(
                code="quote_not_open",
                message=f"Il preventivo {quote.id} non è più aperto (è "
                        f"{_quote_state(quote.status)}): non si può più accettare o rifiutare.",
                details={"status": quote.status}))
        return account, quote

    @staticmethod
    def _open_quotes(session: Session, account_id: str) -> Sequence[Quote]:
        return session.scalars(select(Quote).where(
            Quote.account_id == account_id, Quote.status == "open")
            .order_by(Quote.created_at).with_for_update()).all()

    # -- helpers: prices and previews --------------------------------------------------------

    @staticmethod
    def _charged_for_period(session: Session, sub: Subscription) -> Decimal:
        """What was actually charged for the current period (VAT excluded): the subscription's
        figure, but never more than the ledger's charges dated in the period. A period the
        ledger has no charge for gives no credit."""
        entries = session.scalars(select(LedgerEntry.amount).where(
            LedgerEntry.subscription_id == sub.id, LedgerEntry.kind == "charge",
            LedgerEntry.entry_date >= sub.period_start,
            LedgerEntry.entry_date < sub.period_end)).all()
        in_ledger = sum(entries, ZERO)
        return max(min(sub.charged, in_ledger), ZERO)

    def _price_plan(self, session: Session, account: Account, sub: Subscription,
                    product: Product, kind: str, tier_id: str, licenses: int,
                    frequency: Frequency, *, reactivation: bool = False) -> _Priced:
        today = self.today()
        tier = product.tier(tier_id)
        assert tier is not None
        plan_cost = tier.price(frequency) * licenses
        credit = ZERO if reactivation else unused_credit(
            self._charged_for_period(session, sub), sub.period_start, sub.period_end, today)
        money = price_change(
            plan_cost=plan_cost, credit=credit,
            vat_rate=self._catalog.vat_rate(account.country), available_balance=account.balance,
            plan_label=f"{product.name} {tier.name}, {licenses_text(licenses)}, "
                       f"{frequency_name(frequency)}",
        )
        end = period_end(today, frequency)
        warnings = [f"Il nuovo periodo di fatturazione parte oggi e finisce {dated(end)}: "
                    "la data di fatturazione diventa quella di oggi."]
        old_tier = product.tier(sub.tier)
        old_rate = (old_tier.price(cast(Frequency, sub.frequency)) * sub.licenses
                    if old_tier else ZERO)
        cheaper = licenses < sub.licenses or (
            frequency == sub.frequency and plan_cost < old_rate)
        if cheaper and money.total_due > 0 and not reactivation:
            warnings.append(
                "Anche se riduci, oggi c'è un importo da pagare: la modifica fa partire da oggi "
                "un nuovo periodo, pagato per intero, e del periodo attuale ti viene "
                "riconosciuto solo il credito per i giorni non ancora usati.")
        if money.account_credit > 0:
            warnings.append(
                f"Il credito di {euros(money.account_credit, account.currency)} resta sul "
                "saldo dell'account e verrà usato per la prossima fattura (non è un rimborso).")
        if money.balance_used > 0:
            warnings.append(
                f"Usiamo {euros(money.balance_used, account.currency)} del credito già "
                "presente sull'account.")
        if licenses > sub.licenses and not reactivation:
            warnings.append("Ricorda di assegnare le nuove licenze ai tuoi utenti, così possono "
                            f"accedere a {product.name}.")
        if money.total_due > 0:
            warnings.append("Il totale include l'IVA e sarà addebitato sulla carta registrata.")
        change = {"tier": tier.id, "licenses": licenses, "frequency": frequency,
                  "period_start": today.isoformat(), "period_end": end.isoformat(),
                  "charged": _money(money.plan_cost)}
        return _Priced(kind=kind, before=_plan_state(sub),
                       after=PlanState(tier=tier.id, licenses=licenses, frequency=frequency),
                       period_start=today, period_end=end, money=money, order_status="placed",
                       warnings=warnings, change=change)

    def _price_seats(self, account: Account, sub: Subscription, product: Product, kind: str,
                     seats: int, warnings: list[str]) -> _Priced:
        today = self.today()
        tier = product.tier(sub.tier)
        assert tier is not None
        term_days = (sub.period_end - sub.period_start).days
        remaining = (sub.period_end - today).days
        cost = pro_rata(tier.price(cast(Frequency, sub.frequency)) * seats, remaining, term_days)
        money = price_change(
            plan_cost=cost, credit=ZERO, vat_rate=self._catalog.vat_rate(account.country),
            available_balance=account.balance,
            plan_label=f"{seats_text(seats)} {product.name} {tier.name} "
                       f"per {count(remaining, 'giorno')} su {term_days}",
        )
        warnings = [*warnings,
                    f"Le postazioni aggiuntive sono addebitate in proporzione ai {remaining} "
                    f"giorni che restano del periodo annuale, fino {dated(sub.period_end, 'al')}: "
                    "le date della sottoscrizione non cambiano.",
                    "L'elaborazione dell'ordine di servizio può richiedere fino a 24 ore; la "
                    "ricevuta arriva per e-mail al contatto di fatturazione."]
        if money.balance_used > 0:
            warnings.append(f"Usiamo {euros(money.balance_used, account.currency)} del "
                            "credito già presente sull'account.")
        after = PlanState(tier=sub.tier, licenses=sub.licenses + seats,
                          frequency=cast(Frequency, sub.frequency))
        return _Priced(kind=kind, before=_plan_state(sub), after=after,
                       period_start=today, period_end=sub.period_end, money=money,
                       order_status="processing", warnings=warnings,
                       change={"seats": seats, "charged_add": _money(money.plan_cost)})

    def _finish_preview(self, session: Session, actor: Actor, account: Account,
                        sub: Subscription, product: Product, priced: _Priced,
                        quote: Quote | None) -> Preview | Refusal:
        facts = self._facts(session, account)
        refusal = rules.payment_ready(facts, priced.money.total_due > 0)
        if refusal:
            return self._refuse(session, actor, f"preview.{priced.kind}", account.id, refusal)
        now = self._clock.now()
        money = priced.money
        preview = Preview(
            id=_new_id("PRV"), kind=cast(Any, priced.kind), account_id=account.id,
            account_name=account.name, subscription_id=sub.id,
            quote_id=quote.id if quote else None, product=product.id, product_name=product.name,
            before=priced.before, after=priced.after, period_start=priced.period_start,
            period_end=priced.period_end,
            lines=[PreviewLine(label=line.label, amount=line.amount) for line in money.lines],
            plan_cost=money.plan_cost, credit=money.credit, subtotal=money.subtotal,
            vat_rate=money.vat_rate, vat=money.vat, total_due=money.total_due,
            account_credit=money.account_credit, balance_used=money.balance_used,
            currency=account.currency,
            payment_required=money.total_due > 0,
            payment_method=cast(Any, account.payment_method),
            order_status=cast(Any, priced.order_status), warnings=priced.warnings,
            pricing_date=self.today(), expires_at=now + self._ttl,
        )
        change = {**priced.change, "balance_used": _money(money.balance_used),
                  "lines": [{"kind": line.kind, "label": line.label,
                             "amount": _money(line.amount)} for line in money.lines]}
        session.add(PreviewRecord(
            id=preview.id, kind=preview.kind, account_id=account.id, subscription_id=sub.id,
            subscription_version=sub.version, quote_id=preview.quote_id,
            actor_email=actor.email.strip().lower(), on_behalf_of=actor.on_behalf_of,
            summary=preview.model_dump(mode="json"), change=change,
            pricing_date=preview.pricing_date, created_at=now, expires_at=preview.expires_at,
        ))
        self._audit(session, actor, f"preview.{priced.kind}", account.id, "ok",
                    f"{preview.id} {sub.id} totale {_money(preview.total_due)} "
                    f"{preview.currency}")
        return preview

    # -- helpers: audit and views ------------------------------------------------------------

    def _audit(self, session: Session, actor: Actor, action: str, account_id: str | None,
               result: str, detail: str = "") -> None:
        session.add(AuditRecord(at=self._clock.now(), actor_email=actor.email.strip().lower(),
                                on_behalf_of=actor.on_behalf_of, channel=actor.channel,
                                action=action, account_id=account_id, result=result,
                                detail=detail))

    def _refuse(self, session: Session, actor: Actor, action: str, account_id: str | None,
                refusal: Refusal) -> Refusal:
        self._audit(session, actor, action, account_id, refusal.code, refusal.message)
        log.info("%s refused for %s: %s", action, account_id, refusal.code)
        return refusal

    def _account_view(self, session: Session, account: Account) -> AccountView:
        contact = self._billing_contact(session, account)
        subs = session.scalars(select(Subscription).where(
            Subscription.account_id == account.id).order_by(Subscription.id)).all()
        orders = session.scalars(select(OrderRecord).where(
            OrderRecord.account_id == account.id)
            .order_by(OrderRecord.created_at.desc(), OrderRecord.id)).all()
        quotes = session.scalars(select(Quote).where(Quote.account_id == account.id)
                                 .order_by(Quote.created_at, Quote.id)).all()
        ledger = session.scalars(select(LedgerEntry).where(
            LedgerEntry.account_id == account.id).order_by(LedgerEntry.id)).all()
        return AccountView(
            id=account.id, name=account.name, kind=cast(Any, account.kind),
            country=account.country, currency=account.currency,
            billing_contact=contact.email if contact else None,
            billing_contact_name=contact.name if contact else None,
            balance=account.balance, payment_method=cast(Any, account.payment_method),
            vat_number=account.vat_number,
            subscriptions=[self._subscription_view(sub) for sub in subs],
            orders=[OrderView(id=o.id, status=cast(Any, o.status), kind=cast(Any, o.kind),
                              total=o.total, currency=o.currency, created_at=o.created_at,
                              subscription_id=o.subscription_id, quote_id=o.quote_id)
                    for o in orders],
            quotes=[_quote_view(quote) for quote in quotes],
            charges=_charges(ledger, {o.id: o for o in orders}),
            renewals=sorted((renewal for sub in subs
                             if (renewal := self._renewal(account, sub)) is not None),
                            key=lambda renewal: (renewal.date, renewal.subscription_id)),
        )

    def _renewal(self, account: Account, sub: Subscription) -> RenewalView | None:
        """The next renewal at today's list price (VAT as on the account's invoices)."""
        tier = self._product(sub.product).tier(sub.tier)
        if tier is None or _renews_on(sub) is None:
            return None
        amount = tier.price(cast(Frequency, sub.frequency)) * sub.licenses
        vat = round_cents(amount * self._catalog.vat_rate(account.country))
        return RenewalView(subscription_id=sub.id, product=sub.product, date=sub.period_end,
                           amount=amount, vat=vat, total=amount + vat,
                           currency=account.currency)

    def _subscription_view(self, sub: Subscription) -> SubscriptionView:
        return SubscriptionView(
            id=sub.id, product=sub.product, product_name=self._product(sub.product).name,
            plan=sub.tier, licenses=sub.licenses, frequency=cast(Any, sub.frequency),
            status=cast(Any, sub.status), period_start=sub.period_start,
            period_end=sub.period_end, cancel_at_period_end=sub.cancel_at_period_end,
            version=sub.version, renews_on=_renews_on(sub),
            ends_on=None if _renews_on(sub) else sub.period_end,
        )


def _quote_state(status: str) -> str:
    """"già accettato", "già rifiutato", "scaduto"."""
    return ("già " if status in ("accepted", "rejected") else "") + quote_status(status)


def _renews_on(sub: Subscription) -> date | None:
    """An active subscription with no cancellation pending renews at its period end."""
    if sub.status == "active" and not sub.cancel_at_period_end:
        return sub.period_end
    return None


def _plan_state(sub: Subscription) -> PlanState:
    return PlanState(tier=sub.tier, licenses=sub.licenses,
                     frequency=cast(Frequency, sub.frequency))


def _quote_view(quote: Quote) -> QuoteView:
    return QuoteView(id=quote.id, status=cast(Any, quote.status), product=quote.product,
                     seats=quote.seats, subscription_id=quote.subscription_id,
                     created_at=quote.created_at)


def _charges(ledger: Sequence[LedgerEntry],
             orders: dict[str, OrderRecord]) -> list[ChargeView]:
    """The billing history: one charge per order (the sum of its ledger lines, VAT included),
    newest first."""
    by_order: dict[str, list[LedgerEntry]] = {}
    for entry in ledger:
        key: str
        if entry.order_id:
            key = entry.order_id
        elif entry.subscription_id:  # a period charged outside an order (e.g. the demo's)
            key = f"period-{entry.subscription_id}-{entry.entry_date.isoformat()}"
        else:
            key = f"entry-{entry.id}"
        by_order.setdefault(key, []).append(entry)
    charges = []
    for key, entries in sorted(by_order.items(),
                               key=lambda item: (item[1][0].entry_date, item[1][0].id)):
        first = entries[0]
        order = orders.get(key or "")
        description = (f"{order_kind(order.kind)}, {product_name(first.product)} "
                       f"(ordine {order.id})" if order and first.product else first.description)
        charges.append(ChargeView(date=first.entry_date, description=description,
                                  amount=sum((e.amount for e in entries), ZERO),
                                  currency=first.currency))
    return list(reversed(charges))


def _order(order: OrderRecord) -> Order:
    return Order(id=order.id, kind=cast(Any, order.kind), status=cast(Any, order.status),
                 account_id=order.account_id, subscription_id=order.subscription_id,
                 quote_id=order.quote_id, total=order.total, currency=order.currency,
                 created_at=order.created_at, email_to=order.email_to)


def _unknown_account(account_id: str) -> Refusal:
    return Refusal(code="unknown_account",
                   message=f"Non trovo l'account {account_id}: controlla il codice (per esempio "
                           "ACC-1001) o l'e-mail del contatto.",
                   details={"account_id": account_id})


def _preview_used() -> Refusal:
    return Refusal(code="preview_used",
                   message="Questo riepilogo è già stato usato per un ordine: se vuoi fare "
                           "un'altra modifica, te ne preparo uno nuovo.")


def _frequency_check(frequency: str) -> Refusal | None:
    if frequency in ("monthly", "annual"):
        return None
    return Refusal(code="invalid_frequency",
                   message="La frequenza di fatturazione può essere mensile o annuale.",
                   details={"allowed": ["monthly", "annual"]})
