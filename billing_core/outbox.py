"""Confirmation e-mails: written to the outbox with the order (same transaction), delivered
later by a separate sender (`billing-bot outbox send`) through a console or file backend.

The sender claims an e-mail in a short transaction (a lease, `claimed_until`), hands it to the
backend with no transaction open and no lock held, then records the outcome in another short
transaction: a slow mail server holds up neither the orders nor other senders, two senders
running at once never take the same e-mail, and an e-mail whose sender died is taken over
when its lease is over (CLAIM_LEASE).

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
from typing import TextIO

from sqlalchemy import or_, select

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
CLAIM_LEASE = timedelta(minutes=10)
"""How long a claimed e-mail stays its sender's. A sender that dies (or hangs) after claiming
one loses it when the lease is over, and the next run takes it over; so a backend call that
outlasts the lease may deliver that e-mail twice: the lease is far longer than any send."""


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
    not given up, due (never refused, or its backoff is over) and not claimed by a sender
    whose lease is still running. Each e-mail is claimed for CLAIM_LEASE in a short
    transaction, handed to the backend with no transaction open, then, in another short
    transaction, marked sent once the backend accepted it, or, if the backend (or composing
    the message) raised, its refusal recorded with the next attempt `retry_delay` later
    (given up after MAX_ATTEMPTS), and the run goes on with the next. A sender that outlived
    its lease records no refusal: the e-mail is another sender's by then."""
    sent = 0
    problems: list[DeliveryProblem] = []
    for _ in range(limit):
        claim = _claim_next(database, clock.now())
        if claim is None:
            break
        try:
            backend(_message(claim))
        except Exception as error:  # whatever the backend refuses this one e-mail with
            problem = _record_refusal(database, claim, error, clock.now())
            if problem is not None:
                problems.append(problem)
        else:
            _record_sent(database, claim, clock.now())
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


@dataclass(frozen=True)
class _Claim:
    """One e-mail claimed by this sender until `until`: what the backend needs, read in the
    claim's transaction and used after it."""

    outbox_id: int
    to_address: str
    subject: str
    body: str
    until: datetime


def _claim_next(database: Database, now: datetime) -> _Claim | None:
    """The oldest pending e-mail, claimed until now + CLAIM_LEASE in a transaction of its own
    (committed on return); None when none is pending. On PostgreSQL the row is selected FOR
    UPDATE SKIP LOCKED: a sender claiming at the same moment takes the next one instead of
    waiting. On SQLite the transaction holds the database's write lock (BEGIN IMMEDIATE)."""
    with unit_of_work(database) as session:
        email = session.scalar(
            select(OutboxEmail)
            .where(OutboxEmail.sent_at.is_(None), OutboxEmail.failed_at.is_(None),
                   or_(OutboxEmail.next_attempt_at.is_(None),
                       OutboxEmail.next_attempt_at <= now),
                   or_(OutboxEmail.claimed_until.is_(None), OutboxEmail.claimed_until <= now))
            .order_by(OutboxEmail.id).limit(1).with_for_update(skip_locked=True))
        if email is None:
            return None
        email.claimed_until = now + CLAIM_LEASE
        return _Claim(outbox_id=email.id, to_address=email.to_address, subject=email.subject,
                      body=email.body, until=email.claimed_until)


def _record_sent(database: Database, claim: _Claim, now: datetime) -> None:
    """The backend accepted the e-mail: marked sent (even if the lease ran out meanwhile: it
    was delivered, and no sender may take it again)."""
    with unit_of_work(database) as session:
        email = session.get(OutboxEmail, claim.outbox_id, with_for_update=True)
        if email is None or email.sent_at is not None:
            return
        email.sent_at = now
        email.next_attempt_at = None
        email.claimed_until = None


def _record_refusal(database: Database, claim: _Claim, error: Exception,
                    now: datetime) -> DeliveryProblem | None:
    """The backend refused the e-mail: the refusal recorded, unless this sender's lease ran
    out and another sender took the e-mail over (or sent it) meanwhile (None)."""
    with unit_of_work(database) as session:
        email = session.get(OutboxEmail, claim.outbox_id, with_for_update=True)
        if email is None or email.sent_at is not None or email.claimed_until != claim.until:
            return None
        email.claimed_until = None
        return _refused(email, error, now)


def _message(claim: _Claim) -> EmailMessage:
    message = EmailMessage()
    message["From"] = SENDER
    message["To"] = claim.to_address
    message["Subject"] = claim.subject
    message["X-Outbox-Id"] = str(claim.outbox_id)
    message.set_content(claim.body, cte="8bit")
    return message


def _refused(email: OutboxEmail, error: Exception, now: datetime) -> DeliveryProblem:
    """Record one refusal on the row: the next attempt after the backoff, or given up."""
    email.attempts += 1
    email.last_error = describe_error(error)
    if email.attempts >= MAX_ATTEMPTS:
        email.failed_at = now
        email.next_attempt_at = None
    else:
        email.next_attempt_at = now + retry_delay(email.attempts)
    return _problem(email)
