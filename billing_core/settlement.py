"""Background work (`billing-bot orders settle`): corporate service orders complete once their
processing time is over (the billing contact gets a "completato" e-mail), and subscriptions
cancelled at a period end that has passed are marked cancelled."""

from __future__ import annotations

from billing_core.context import Context
from billing_core.models import OutboxEmail
from billing_core.outbox import completion_email
from billing_core.schemas import Actor, Order
from billing_core.views import order
from billing_core.wording import order_kind

SYSTEM = Actor(email="system", channel="cli")


def settle(ctx: Context) -> list[Order]:
    """Returns the orders completed by this call."""
    now = ctx.now()
    today = ctx.today()
    with ctx.work() as uow:
        due = uow.repo.orders_due(now)
        for record in due:
            record.status = "completed"
            record.completed_at = now
            account = uow.repo.account(record.account_id)
            assert account is not None
            to, subject, body = completion_email(record.id, record.email_to, account.name,
                                                 account.id,
                                                 order_kind(record.kind, account.kind))
            uow.repo.add(OutboxEmail(order_id=record.id, to_address=to, subject=subject,
                                     body=body, created_at=now))
            uow.audit(SYSTEM, "order.complete", account.id, record.id)
        for sub in uow.repo.subscriptions_ending(today):
            sub.status = "cancelled"
        uow.repo.flush()
        return [order(record) for record in due]
