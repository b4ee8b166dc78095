"""Confirmation e-mails: written to the outbox with the order (same transaction), delivered
later by a separate sender (`billing-bot outbox send`) through a console or file backend."""

from __future__ import annotations

import sys
from collections.abc import Callable
from decimal import Decimal
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import TextIO

from sqlalchemy import select

from billing_core.clock import Clock
from billing_core.db import Database
from billing_core.models import OutboxEmail
from billing_core.schemas import Preview
from billing_core.unit_of_work import unit_of_work
from billing_core.wording import money, money_lines, order_kind, period, plan_summary

SENDER = "GoTo Billing <billing@goto.example>"
STATUS_TEXT = {
    "placed": "L'ordine è stato effettuato ed è già effettivo.",
    "processing": "L'ordine di servizio è in elaborazione: può richiedere fino a 24 ore.",
}


def _amount(value: Decimal, currency: str) -> str:
    return money(value, currency)


def receipt_email(order_id: str, to: str, account_name: str, summary: Preview,
                  status: str) -> tuple[str, str, str]:
    """(to, subject, body) of the confirmation e-mail with the receipt of one order."""
    title = order_kind(summary.kind)
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
    body.append(f"  Totale dovuto (IVA inclusa): {_amount(summary.total_due, summary.currency)}")
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


def send_pending(database: Database, clock: Clock, backend: Backend, limit: int = 100) -> int:
    """Deliver e-mails not sent yet, oldest first; each is marked sent in its own transaction
    once the backend accepted it. Returns how many were sent."""
    sent = 0
    while sent < limit:
        with unit_of_work(database) as session:
            email = session.scalar(select(OutboxEmail).where(OutboxEmail.sent_at.is_(None))
                                   .order_by(OutboxEmail.id).limit(1).with_for_update())
            if email is None:
                break
            message = EmailMessage()
            message["From"] = SENDER
            message["To"] = email.to_address
            message["Subject"] = email.subject
            message["X-Outbox-Id"] = str(email.id)
            message.set_content(email.body, cte="8bit")
            backend(message)
            email.sent_at = clock.now()
        sent += 1
    return sent
