"""The refusals of the service's own checks (what a request names, the confirmation door), each
written once. The business rules' refusals live in `rules`."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from billing_core.models import Quote
from billing_core.schemas import Refusal
from billing_core.wording import quote_status


def unknown_account(account_id: str) -> Refusal:
    return Refusal(code="unknown_account",
                   message=f"Non trovo l'account {account_id}: controlla il codice (per esempio "
                           "ACC-1001) o l'e-mail del contatto.",
                   details={"account_id": account_id})


def unknown_subscription(subscription_id: str) -> Refusal:
    return Refusal(code="unknown_subscription",
                   message="Non trovo questa sottoscrizione sul tuo account: dimmi per quale "
                           "prodotto vuoi fare la modifica.",
                   details={"subscription_id": subscription_id})


def unknown_quote(quote_id: str) -> Refusal:
    return Refusal(code="unknown_quote", message="Non trovo questo preventivo sul tuo account.",
                   details={"quote_id": quote_id})


def quote_not_open(quote: Quote) -> Refusal:
    state = ("già " if quote.status in ("accepted", "rejected") else "") \
        + quote_status(quote.status)
    return Refusal(code="quote_not_open",
                   message=f"Il preventivo {quote.id} non è più aperto (è {state}): non si può "
                           "più accettare o rifiutare.",
                   details={"status": quote.status})


def unknown_preview() -> Refusal:
    return Refusal(code="unknown_preview",
                   message="Non trovo questo riepilogo: ne preparo uno nuovo?")


def preview_not_yours() -> Refusal:
    return Refusal(code="preview_not_yours",
                   message="Questo riepilogo è stato preparato per un'altra persona: non posso "
                           "confermarlo a tuo nome.")


def preview_used() -> Refusal:
    return Refusal(code="preview_used",
                   message="Questo riepilogo è già stato usato per un ordine: se vuoi fare "
                           "un'altra modifica, te ne preparo uno nuovo.")


def preview_expired(ttl: timedelta, expired_at: datetime) -> Refusal:
    return Refusal(code="preview_expired",
                   message=f"Il riepilogo è scaduto (vale {int(ttl.total_seconds() // 60)} "
                           "minuti): te ne preparo uno aggiornato prima di confermare.",
                   details={"expired_at": expired_at.isoformat()})


def preview_of_another_day(subscription_id: str | None, pricing_date: date) -> Refusal:
    """A summary's period starts on its billing day: placed after midnight (Rome) it would
    start the new period yesterday. The bot re-previews, as for any stale summary."""
    return Refusal(code="preview_stale",
                   message="Il riepilogo era stato preparato ieri e dalla mezzanotte le date del "
                           "periodo e gli importi cambiano: te ne preparo uno aggiornato con i "
                           "dati di oggi.",
                   details={"subscription_id": subscription_id,
                            "pricing_date": pricing_date.isoformat()})


def preview_stale(subscription_id: str | None) -> Refusal:
    return Refusal(code="preview_stale",
                   message="La sottoscrizione è cambiata dopo il riepilogo: te ne preparo uno "
                           "aggiornato con i dati di adesso.",
                   details={"subscription_id": subscription_id})
