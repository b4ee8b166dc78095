"""Confirmation e-mails: written to the outbox with the order (same transaction), delivered
later by a separate sender (`billing-bot outbox send`) through a console or file backend.

An e-mail the backend refuses does not hold up the others: its refusal is counted and recorded
(masked), it is tried again after an exponential backoff, and given up after MAX_ATTEMPTS."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Literal, TextIO

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from billing_core.clock import Clock
from billing_core.db import Database
from billing_core.models import OutboxEmail
from billing_core.privacy import mask_personal_data
from billing_core.schemas import Preview
from billing_core.unit_of_work import unit_of_work
from billing_core.wording import money, money_lines, order_kind, period, plan_summary

SENDER = "GoTo Billing <billing@goto.example>"
STATUS_TEXT = {
    "placed": "L'ordine è stato effettuato ed è già effettivo.",
    "processing": "L'ordine di servizio è in elaborazione: può richiedere fino a 24 ore.",
}


def receipt_email(order_id: str, to: str, account_name: str, summary: Preview,
                  status: str) -> tuple[str, str, str]:
    """(to, subject, body) of the confirmation e-mail with the receipt of one order."""
    title = order_kind(summary.kind, summary.account_kind)
    subject = f"Conferma d'ordine {order_id}: {title.lower()} di {summary.product_name}"
    body = [
        "Gentile contatto di fatturazione,",
        "",
        f"confermiamo l'ordine {order_id} per l'account {account_name} ({summary.account_id}).",
        STATUS_TEXT.get(status, ""),
        "",
        f"{title}: {summary.product_name}",
    ]
    if summary.after is not None and summary.kind != "subscription.cancel":
        after = summary.after
        body.append("Piano: " + plan_summary(after.tier, after.licenses, after.frequency,
                                             summary.product))
    body.append(f"Periodo di fatturazione: {period(summary.period_start, summary.period_end)}")
    body.append("")
    body.append("Ricevuta")
    # the same lines as the chat summary (a credit note when the credit exceeds the plan)
    for label, amount in money_lines(summary):
        body.append(f"  {label}: {amount}")
    body.append(f"  Totale dovuto (IVA inclusa): {money(summary.total_due, summary.currency)}")
    body += ["", "Grazie,", "GoTo Billing"]
    return to, subject, "\n".join(body) + "\n"


def completion_email(order_id: str, to: str, account_name: str, account_id: str,
                     title: str) -> tuple[str, str, str]:
    """(to, subject, body) of the e-mail that says a corporate service order is completed."""
    subject = f"Ordine {order_id} completato"
    body = "\n".join([
        "Gentile contatto di fatturazione,",
        "",
        f"l'ordine di servizio {order_id} per l'account {account_name} ({account_id}) è stato "
        "elaborato ed è completato.",
        f"{title}: le nuove postazioni sono disponibili e si possono assegnare agli utenti.",
        "",
        "Grazie,",
        "GoTo Billing",
    ])
    return to, subject, body + "\n"


Backend = Callable[[EmailMessage], None]
READABLE = default_policy.clone(utf8=True, max_line_length=None)
"""Headers in UTF-8 and not folded, lines ending in "\n": an e-mail printed for a person."""


def console_backend(stream: TextIO | None = None) -> Backend:
    """Each e-mail printed as a person reads it: headers and body in plain UTF-8 text (never
    base64 or quoted-printable)."""
    def send(message: EmailMessage) -> None:
        out = stream or sys.stdout
        out.write(message.as_bytes(policy=READABLE).decode("utf-8"))
        out.write("\n" + "-" * 72 + "\n")
        out.flush()
    return send


def file_backend(directory: Path) -> Backend:
    """One .eml file per e-mail in `directory` (created if missing)."""
    def send(message: EmailMessage) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        name = str(message["X-Outbox-Id"]).zfill(8)
        (directory / f"{name}.eml").write_bytes(message.as_bytes())  # 8bit UTF-8 body
    return send


MAX_ATTEMPTS = 8
"""Refusals after which an e-mail is given up (`failed_at`): never retried automatically."""
FIRST_RETRY = timedelta(minutes=1)
"""The wait after the first refusal; it doubles with each refusal after it..."""
LONGEST_WAIT = timedelta(hours=1)
"""...up to this (1, 2, 4, 8, 16, 32, 60, 60 minutes)."""
ERROR_LENGTH = 200
"""Characters of `last_error` kept (the column's length)."""


@dataclass(frozen=True)
class DeliveryProblem:
    """One e-mail the backend refused in this run."""

    outbox_id: int
    order_id: str | None
    to_address: str
    """Masked (first letter and domain)."""
    attempts: int
    """Refusals so far, this one included."""
    error: str
    """Short, personal data masked (as stored in `last_error`)."""
    retry_at: datetime | None
    """When it is pending again; None: given up."""


@dataclass(frozen=True)
class SendReport:
    """What one `send_pending` run did."""

    sent: int = 0
    problems: tuple[DeliveryProblem, ...] = ()

    @property
    def failed(self) -> int:
        """Refused in this run, to be retried after their backoff."""
        return sum(problem.retry_at is not None for problem in self.problems)

    @property
    def gave_up(self) -> int:
        """Refused for the last allowed time in this run: given up."""
        return sum(problem.retry_at is None for problem in self.problems)


def retry_delay(attempts: int) -> timedelta:
    """The wait after the `attempts`-th refusal: 1 minute, doubled each time, at most 1 hour."""
    doublings = min(max(attempts - 1, 0), 16)
    return min(FIRST_RETRY * (1 << doublings), LONGEST_WAIT)


def describe_error(error: BaseException) -> str:
    """The backend's error, on one line, personal data masked, at most ERROR_LENGTH long."""
    text = " ".join(mask_personal_data(f"{type(error).__name__}: {error}").split())
    return text if len(text) <= ERROR_LENGTH else text[:ERROR_LENGTH - 1] + "…"


def send_pending(database: Database, clock: Clock, backend: Backend,
                 limit: int = 100) -> SendReport:
    """Deliver the pending e-mails, oldest first, at most `limit` attempts. Pending: not sent,
    not given up, and due (never refused, or its backoff is over). Each is handled in its own
    transaction, its row locked: marked sent once the backend accepted it, or, if the backend
    (or composing the message) raised, its refusal recorded with the next attempt
    `retry_delay` later (given up after MAX_ATTEMPTS), and the run goes on with the next."""
    sent = 0
    problems: list[DeliveryProblem] = []
    for _ in range(limit):
        outcome = _send_next(database, clock, backend)
        if outcome is None:
            break
        if isinstance(outcome, DeliveryProblem):
            problems.append(outcome)
        else:
            sent += 1
    return SendReport(sent=sent, problems=tuple(problems))


def undelivered(database: Database, limit: int = 50) -> list[DeliveryProblem]:
    """The e-mails a backend refused and that are not sent yet, newest refusal first: those
    waiting for their next attempt (`retry_at`) and those given up (`retry_at` None), for
    `billing-bot report outbox`. Addresses masked."""
    with unit_of_work(database) as session:
        rows = session.scalars(
            select(OutboxEmail)
            .where(OutboxEmail.sent_at.is_(None), OutboxEmail.attempts > 0)
            .order_by(OutboxEmail.failed_at.is_(None), OutboxEmail.id.desc())
            .limit(limit)).all()
        return [_problem(email) for email in rows]


def _problem(email: OutboxEmail) -> DeliveryProblem:
    return DeliveryProblem(outbox_id=email.id, order_id=email.order_id,
                           to_address=mask_personal_data(email.to_address),
                           attempts=email.attempts, error=email.last_error or "",
                           retry_at=email.next_attempt_at)


def _send_next(database: Database, clock: Clock,
               backend: Backend) -> Literal["sent"] | DeliveryProblem | None:
    """The oldest pending e-mail sent or its refusal recorded; None when none is pending."""
    with unit_of_work(database) as session:
        email = _lock_oldest_pending(session, clock.now())
        if email is None:
            return None
        try:
            backend(_message(email))
        except Exception as error:  # whatever the backend refuses this one e-mail with
            return _refused(email, error, clock.now())
        email.sent_at = clock.now()
        email.next_attempt_at = None
        return "sent"


def _lock_oldest_pending(session: Session, now: datetime) -> OutboxEmail | None:
    """The oldest pending e-mail, its row locked until the transaction ends (PostgreSQL; on
    SQLite the transaction already holds the database's write lock)."""
    return session.scalar(
        select(OutboxEmail)
        .where(OutboxEmail.sent_at.is_(None), OutboxEmail.failed_at.is_(None),
               or_(OutboxEmail.next_attempt_at.is_(None), OutboxEmail.next_attempt_at <= now))
        .order_by(OutboxEmail.id).limit(1).with_for_update())


def _message(email: OutboxEmail) -> EmailMessage:
    message = EmailMessage()
    message["From"] = SENDER
    message["To"] = email.to_address
    message["Subject"] = email.subject
    message["X-Outbox-Id"] = str(email.id)
    message.set_content(email.body, cte="8bit")
    return message


def _refused(email: OutboxEmail, error: Exception, now: datetime) -> DeliveryProblem:
    """Record one refusal on the locked row: the next attempt after the backoff, or given up."""
    email.attempts += 1
    email.last_error = describe_error(error)
    if email.attempts >= MAX_ATTEMPTS:
        email.failed_at = now
        email.next_attempt_at = None
    else:
        email.next_attempt_at = now + retry_delay(email.attempts)
    return _problem(email)
