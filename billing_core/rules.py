"""What may change: pure checks that return a Refusal (the reason, in Italian) or None.

Each rule quotes the help-article sentence it implements; tests/billing_core/test_rules.py has
one test per rule with the same sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from billing_core.catalog import Product
from billing_core.schemas import Refusal
from billing_core.vat import EXAMPLE_VAT_NUMBER, read_vat_number
from billing_core.wording import dated

MAX_LICENSES = 10_000
"""Largest license count a self-service order may reach (absurd numbers are refused)."""

BILLING_CENTER_URL = "https://billing.goto.com"
CORPORATE_SERVICES = "i Servizi per account Corporate"


@dataclass(frozen=True)
class AccountFacts:
    id: str
    kind: str
    country: str
    business: bool
    vat_number: str | None
    payment_method: str | None
    billing_contact_name: str | None
    billing_contact_email: str | None


@dataclass(frozen=True)
class SubscriptionFacts:
    product: Product
    tier: str
    licenses: int
    frequency: str
    status: str
    period_end: date
    cancel_at_period_end: bool


# -- who may act ------------------------------------------------------------------------------

def may_change(role: str, actor_account: str | None, on_behalf_of: str | None,
               account: AccountFacts) -> Refusal | None:
    """"Contatto di fatturazione possono rimuovere licenze utente" (000): only the account's
    billing contact, or a staff agent acting on its behalf, may preview or confirm a change."""
    if role == "agent":
        if on_behalf_of == account.id:
            return None
        return Refusal(code="not_authorized",
                       message=f"Come operatore, indica che agisci per l'account {account.id} "
                               "prima di preparare una modifica.",
                       details={"account_id": account.id})
    if role == "billing_contact" and actor_account == account.id and on_behalf_of is None:
        return None
    if role == "user" and actor_account == account.id:
        return Refusal(code="not_authorized",
                       message="Solo il contatto di fatturazione dell'account, "
                               f"{_billing_contact(account)}, "
                               "può modificare le sottoscrizioni: chiedi a questa persona di "
                               "farlo, oppure di nominarti contatto di fatturazione.",
                       details={"billing_contact": account.billing_contact_email,
                                "billing_contact_name": account.billing_contact_name})
    return Refusal(code="not_authorized",
                   message="Non trovo un account di cui tu sia contatto di fatturazione: posso "
                           "rispondere alle domande generali, ma non fare modifiche.")


def may_view(role: str, actor_account: str | None, account: AccountFacts) -> Refusal | None:
    """The account's money (balance, prices, orders, billing history, renewals) is for its
    billing contact and for staff agents; another contact of the account is told who the
    billing contact is; nobody else sees anything."""
    if role == "agent" or (role == "billing_contact" and actor_account == account.id):
        return None
    if role == "user" and actor_account == account.id:
        return Refusal(code="not_authorized",
                       message="Importi, prezzi e storico di fatturazione li vede il contatto "
                               f"di fatturazione dell'account, {_billing_contact(account)}: "
                               "chiedili a questa persona, oppure chiedile di nominarti "
                               "contatto di fatturazione.",
                       details={"billing_contact": account.billing_contact_email,
                                "billing_contact_name": account.billing_contact_name})
    return _not_a_contact()


def may_view_basics(role: str, actor_account: str | None, account_id: str) -> Refusal | None:
    """Who the billing contact is and which products the account has (no money): any contact
    of the account, and staff agents."""
    if role == "agent" or (role in ("billing_contact", "user") and actor_account == account_id):
        return None
    return _not_a_contact()


def _not_a_contact() -> Refusal:
    return Refusal(code="not_authorized",
                   message="Non posso mostrarti i dati di questo account: non risulti tra i "
                           "suoi contatti.")


def _billing_contact(account: AccountFacts) -> str:
    who = account.billing_contact_name or "il contatto di fatturazione"
    return f"{who} ({account.billing_contact_email})" if account.billing_contact_email else who


# -- the subscription's state -----------------------------------------------------------------

def modifiable(sub: SubscriptionFacts) -> Refusal | None:
    """"Se non vedi la Icona Opzioni, significa che avevi un piano di prova gratuito che è
    terminato. Seleziona Abbonati ora acquistare una GoTo Webinar piano di sottoscrizione." (001)
    An expired subscription must be reactivated first; a cancelled one is left as it is."""
    name = sub.product.name
    if sub.status == "trial_expired":
        return Refusal(code="trial_ended",
                       message=f"La prova gratuita di {name} è terminata, quindi non si può "
                               "modificare: per continuare serve acquistare un nuovo piano "
                               f"(«Abbonati ora» nel Centro fatturazione, {BILLING_CENTER_URL}).",
                       details={"product": sub.product.id})
    if sub.status == "expired":
        return Refusal(code="subscription_expired",
                       message=f"La sottoscrizione a {name} è scaduta {dated(sub.period_end)}: "
                               "prima va riattivata, con un nuovo periodo che parte da oggi.",
                       details={"product": sub.product.id})
    if sub.status == "cancelled":
        return _ended_cancellation(sub)
    if sub.cancel_at_period_end:
        return Refusal(code="already_cancelled",
                       message=f"La sottoscrizione a {name} è già annullata e resta attiva fino "
                               f"{dated(sub.period_end, 'al')}: non si può più modificare.",
                       details={"product": sub.product.id,
                                "period_end": sub.period_end.isoformat()})
    return None


def _ended_cancellation(sub: SubscriptionFacts) -> Refusal:
    return Refusal(code="already_cancelled",
                   message=f"La sottoscrizione a {sub.product.name} è stata annullata e il suo "
                           f"periodo è finito {dated(sub.period_end)}: per usarla di nuovo "
                           "puoi riattivarla, con un nuovo periodo che parte da oggi.",
                   details={"product": sub.product.id, "period_end": sub.period_end.isoformat(),
                            "status": sub.status})


def reactivatable(sub: SubscriptionFacts) -> Refusal | None:
    """"ll mio piano di sottoscrizione è scaduto. Come posso riattivarlo?" (004): an expired
    subscription, or a cancelled one whose period has ended, can be reactivated (a new period
    starts today); a cancellation still pending at the period end can be withdrawn (nothing to
    pay, dates unchanged); an ended trial cannot ("Abbonati ora")."""
    if sub.status in ("expired", "cancelled"):
        return None
    if sub.status in ("active", "trial") and sub.cancel_at_period_end:
        return None
    if sub.status == "trial_expired":
        return modifiable(sub)
    return Refusal(code="subscription_not_expired",
                   message=f"La sottoscrizione a {sub.product.name} non è scaduta: non serve "
                           "riattivarla.",
                   details={"status": sub.status})


def cancellable(sub: SubscriptionFacts) -> Refusal | None:
    """"devi innanzitutto annullare il piano di sottoscrizione esistente (che, in attesa
    dell'annullamento, rimarrà presente nel tuo account in modo che tu possa continuare a usare il
    servizio fino al termine del periodo di fatturazione)" (004)."""
    if sub.status in ("active", "trial") and not sub.cancel_at_period_end:
        return None
    if sub.status == "cancelled":
        return _ended_cancellation(sub)
    if sub.status in ("expired", "trial_expired"):
        return Refusal(code="subscription_expired" if sub.status == "expired" else "trial_ended",
                       message=f"La sottoscrizione a {sub.product.name} è già terminata: non c'è "
                               "niente da annullare.",
                       details={"status": sub.status})
    return Refusal(code="already_cancelled",
                   message=f"La sottoscrizione a {sub.product.name} è già annullata e resta "
                           f"attiva fino {dated(sub.period_end, 'al')}.",
                   details={"period_end": sub.period_end.isoformat()})


# -- counts -----------------------------------------------------------------------------------

def license_reduction(current: int, new_total: int) -> Refusal | None:
    """"puoi ridurre il numero di licenze utente online" (001): the new total is at least 1 and
    below the current count."""
    details = {"current_licenses": current, "min_allowed": 1, "max_allowed": current - 1}
    if new_total < 1:
        return Refusal(code="invalid_count",
                       message="Il numero di licenze deve essere almeno 1. Per non usare più il "
                               "prodotto puoi annullare la sottoscrizione.",
                       details=details)
    if new_total >= current:
        if current <= 1:
            message = ("La sottoscrizione ha già una sola licenza, il minimo: non si può ridurre "
                       "ancora. Se non ti serve più, puoi annullarla.")
        else:
            message = (f"Adesso le licenze sono {current}: per ridurle indica un numero da 1 a "
                       f"{current - 1}.")
            if new_total > current:
                message += " Per aggiungerne, chiedimi di aggiungere licenze."
        return Refusal(code="not_a_reduction", message=message, details=details)
    return None


def license_total(new_total: int) -> Refusal | None:
    """A license total for a plan change: at least 1 and at most MAX_LICENSES."""
    if new_total < 1:
        return Refusal(code="invalid_count", message="Il numero di licenze deve essere almeno 1.",
                       details={"min_allowed": 1, "max_allowed": MAX_LICENSES})
    if new_total > MAX_LICENSES:
        return Refusal(code="too_many_licenses",
                       message=f"{new_total} licenze sono più di quante se ne possano ordinare "
                               f"da qui (al massimo {MAX_LICENSES}): per un numero così grande "
                               "contatta il Servizio clienti.",
                       handoff=True, details={"max_allowed": MAX_LICENSES})
    return None


def additional_seats(current: int, seats: int) -> Refusal | None:
    """Seats to add: a positive number, and the new total at most MAX_LICENSES."""
    room = max(MAX_LICENSES - current, 0)
    if seats < 1:
        return Refusal(code="invalid_count",
                       message="Indica quante postazioni aggiungere: almeno una.",
                       details={"current_licenses": current, "max_allowed": room})
    if current + seats > MAX_LICENSES:
        return Refusal(code="too_many_licenses",
                       message=f"Si possono aggiungere al massimo {room} postazioni da qui: per "
                               f"numeri più grandi contatta {CORPORATE_SERVICES}.",
                       handoff=True, details={"current_licenses": current, "max_allowed": room})
    return None


# -- plans ------------------------------------------------------------------------------------

def tier_change(product: Product, current_tier: str, new_tier: str) -> Refusal | None:
    """"per eseguire il downgrade della tua sottoscrizione a un piano inferiore, devi contattare
    l'Assistenza clienti" (002): a tier lower in the upgrade order is refused, with a handoff."""
    if product.tier(new_tier) is None:
        names = ", ".join(tier.name for tier in product.tiers)
        return Refusal(code="unknown_plan",
                       message=f"{product.name} non ha un piano «{new_tier}»: i piani sono "
                               f"{names}.",
                       details={"tiers": [tier.id for tier in product.tiers]})
    if product.rank(new_tier) < product.rank(current_tier):
        return Refusal(code="tier_downgrade",
                       message="Il downgrade del piano non si può fare da qui: va richiesto al "
                               "Servizio clienti.",
                       handoff=True, details={"current_tier": current_tier, "tier": new_tier})
    return None


def same_product(current: Product, requested: Product) -> Refusal | None:
    """"Non puoi scambiare o vendere i prodotti. Tutte le sottoscrizioni dei prodotti sono
    indipendenti l'una dall'altra." (004): cancel (active until the period ends), then buy."""
    if current.id == requested.id:
        return None
    return Refusal(code="product_switch",
                   message=f"I prodotti non si possono scambiare né vendere: per passare da "
                           f"{current.name} a {requested.name} annulla la sottoscrizione a "
                           f"{current.name} (resta attiva fino alla fine del periodo) e poi "
                           f"acquista {requested.name}.",
                   details={"from": current.id, "to": requested.id})


def billing_frequency(frequency: str) -> Refusal | None:
    """A billing frequency is monthly or annual (the catalog's two prices per plan)."""
    if frequency in ("monthly", "annual"):
        return None
    return Refusal(code="invalid_frequency",
                   message="La frequenza di fatturazione può essere mensile o annuale.",
                   details={"allowed": ["monthly", "annual"]})


def nothing_changes(changed: bool) -> Refusal | None:
    if changed:
        return None
    return Refusal(code="nothing_to_change",
                   message="La sottoscrizione ha già questo piano, queste licenze e questa "
                           "frequenza di fatturazione: non c'è niente da cambiare.")


# -- account kind -----------------------------------------------------------------------------

def standard_account(account: AccountFacts) -> Refusal | None:
    """Billing Center changes are for standard accounts; corporate accounts use the Corporate
    Billing Portal with their representative ("lavorano in genere con un rappresentante
    LogMeIn dedicato (oppure contattano i Servizi per account aziendali)", 000)."""
    if account.kind == "standard":
        return None
    return Refusal(code="standard_only",
                   message="Per gli account Corporate questa modifica non si fa da qui: se ne "
                           f"occupano {CORPORATE_SERVICES} o il vostro rappresentante GoTo.",
                   handoff=True)


def corporate_frequency(account: AccountFacts, frequency: str | None,
                        current: str) -> Refusal | None:
    """"Per gli account Corporate, LogMeIn offre la fatturazione annuale. Il contatto di
    fatturazione può richiedere di modificare la frequenza di fatturazione contattando Corporate
    Account Services." (004)"""
    if account.kind != "corporate" or frequency is None or frequency == current:
        return None
    return Refusal(code="corporate_annual_only",
                   message="Gli account Corporate hanno la fatturazione annuale: per cambiarla "
                           f"bisogna contattare {CORPORATE_SERVICES}.",
                   handoff=True)


def corporate_self_service(account: AccountFacts) -> Refusal | None:
    """"I contatti di fatturazione degli account Corporate possono aggiungere postazioni" and
    "Il tuo account deve disporre di un metodo di pagamento automatico (carta di credito/debito)
    selezionato. […] Se non riesci a aggiungere altre postazioni al tuo abbonamento, contatta un
    Servizi per Account Corporate." (003)"""
    if account.kind != "corporate":
        return Refusal(code="corporate_only",
                       message="I preventivi per aggiungere postazioni sono degli account "
                               "Corporate: per il tuo account le licenze si aggiungono con una "
                               "modifica del piano.",
                       details={"use": "plan.change"})
    if account.payment_method != "card":
        return Refusal(code="corporate_not_self_service",
                       message="Per questo account le postazioni non si possono aggiungere in "
                               "self-service: serve un metodo di pagamento automatico (carta di "
                               f"credito o di debito). Contatta {CORPORATE_SERVICES}.",
                       handoff=True)
    return None


# -- payment ----------------------------------------------------------------------------------

def payment_ready(account: AccountFacts, amount_due: bool) -> Refusal | None:
    """"se la selezione del nuovo piano determina un aumento del prezzo della sottoscrizione, ti
    verrà chiesto di effettuare un pagamento e dovrai fornire i tuoi dettagli di pagamento e/o
    aggiungere il tuo numero di partita IVA." (001)"""
    if not amount_due:
        return None
    if account.payment_method != "card":
        return Refusal(code="payment_method_required",
                       message="Per questo ordine serve un pagamento, ma sull'account non c'è una "
                               "carta: aggiungila nel Centro fatturazione "
                               f"({BILLING_CENTER_URL}) e poi riprova.",
                       details={"payment_method": account.payment_method})
    if account.country == "IT" and account.business:
        if not account.vat_number:
            return Refusal(code="vat_number_required",
                           message="Per completare l'ordine serve la partita IVA dell'azienda, "
                                   "che non risulta sull'account: scrivimela, per esempio "
                                   f"{EXAMPLE_VAT_NUMBER}.",
                           details={"example": EXAMPLE_VAT_NUMBER})
        on_file = read_vat_number(account.vat_number, "IT")
        if on_file is None or not on_file.valid:
            # Asked for again, like a missing one: an invalid number cannot go on an invoice.
            return Refusal(code="vat_number_required",
                           message="La partita IVA registrata sull'account non è valida, e per "
                                   "completare l'ordine ne serve una corretta: scrivimela, per "
                                   f"esempio {EXAMPLE_VAT_NUMBER}.",
                           details={"example": EXAMPLE_VAT_NUMBER, "invalid_on_file": True})
    return None


def normalise_vat_number(raw: str, country: str) -> str | Refusal:
    """The VAT number a person typed (labels, spaces, dots and dashes allowed), validated with
    python-stdnum, in its stored form with the country prefix ("IT07643520567"); or the refusal
    that names what is wrong: no number at all, the wrong length, a wrong check digit, another
    country's prefix (`details["problem"]`: missing, length, checksum, format, country)."""
    reading = read_vat_number(raw, country)
    if reading is None:
        return Refusal(code="vat_number_invalid",
                       message="Non trovo una partita IVA in quello che hai scritto: scrivila "
                               f"con le sue cifre, per esempio {EXAMPLE_VAT_NUMBER}.",
                       details={"problem": "missing", "example": EXAMPLE_VAT_NUMBER})
    if not reading.valid:
        return Refusal(code="vat_number_invalid", message=reading.message or "",
                       details={"problem": reading.problem, "example": EXAMPLE_VAT_NUMBER})
    return reading.full

