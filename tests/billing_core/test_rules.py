"""Every rule of the help articles, as a user would notice it. Each docstring quotes the
sentence it implements (kb/sources/, the help articles as published)."""

from __future__ import annotations

from decimal import Decimal

from billing_core import BillingService, Database, rules
from billing_core.clock import FixedClock
from billing_core.schemas import Preview, Refusal

from .conftest import ANNA, ELENA, FRANCO, GIULIA, LUCA, MARIA, PAOLO, STRANGER, agent_for


def refused(result: object, code: str) -> Refusal:
    assert isinstance(result, Refusal), result
    assert result.code == code, result
    assert result.message.endswith(".") and len(result.message) > 20
    return result


def test_only_the_billing_contact_may_change_the_plan(service: BillingService) -> None:
    """"Contatto di fatturazione possono rimuovere licenze utente di un piano di sottoscrizione
    esistente." (000)"""
    assert isinstance(service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 8),
                      Preview)
    refusal = refused(service.preview_license_reduction(LUCA, "ACC-1001", "SUB-1001-1", 8),
                      "not_authorized")
    assert "Maria Rossi" in refusal.message and "maria.rossi@example.com" in refusal.message
    stranger = refused(service.preview_license_reduction(STRANGER, "ACC-1001", "SUB-1001-1", 8),
                       "not_authorized")
    assert "Maria" not in stranger.message  # a stranger learns nothing about the account
    refused(service.preview_license_reduction(GIULIA, "ACC-1001", "SUB-1001-1", 8),
            "not_authorized")


def test_a_staff_agent_may_act_for_the_account_only_on_its_behalf(
        service: BillingService) -> None:
    """"Il contatto di fatturazione per un account può essere modificato dal contatto di
    fatturazione corrente oppure rivolgendosi a un rappresentante" (004): staff act for the
    customer, naming the account."""
    assert isinstance(service.preview_license_reduction(agent_for("ACC-1001"), "ACC-1001",
                                                        "SUB-1001-1", 8), Preview)
    refused(service.preview_license_reduction(agent_for("ACC-2001"), "ACC-1001", "SUB-1001-1",
                                              8), "not_authorized")


def test_licenses_can_be_reduced_to_at_least_one_and_below_the_current_count(
        service: BillingService) -> None:
    """"puoi ridurre il numero di licenze utente online" (001)."""
    zero = refused(service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 0),
                   "invalid_count")
    assert zero.details["current_licenses"] == 10
    same = refused(service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 10),
                   "not_a_reduction")
    assert same.details["max_allowed"] == 9 and "da 1 a 9" in same.message
    refused(service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 12),
            "not_a_reduction")
    assert isinstance(service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 1),
                      Preview)


def test_absurd_license_counts_are_refused_with_a_message(service: BillingService) -> None:
    """Adding seats: a positive number, bounded (never an overflow)."""
    refusal = refused(service.preview_plan_change(MARIA, "ACC-1001", "SUB-1001-1",
                                                  licenses=10**12), "too_many_licenses")
    assert refusal.handoff
    refused(service.preview_corporate_seats(GIULIA, "ACC-2001", "SUB-2001-1", 10**9),
            "too_many_licenses")
    refused(service.preview_corporate_seats(GIULIA, "ACC-2001", "SUB-2001-1", 0),
            "invalid_count")
    refused(service.preview_corporate_seats(GIULIA, "ACC-2001", "SUB-2001-1", -3),
            "invalid_count")


def test_a_tier_downgrade_is_handed_to_customer_service(service: BillingService) -> None:
    """"Tieni presente che puoi ridurre il numero di licenze utente online, ma per eseguire il
    downgrade della tua sottoscrizione a un piano inferiore, devi contattare l'Assistenza
    clienti." (002)"""
    refusal = refused(service.preview_plan_change(MARIA, "ACC-1001", "SUB-1001-1",
                                                  tier="standard"), "tier_downgrade")
    assert refusal.handoff
    assert refusal.message == ("Il downgrade del piano non si può fare da qui: va richiesto al "
                               "Servizio clienti.")
    upgrade = service.preview_plan_change(MARIA, "ACC-1001", "SUB-1001-1", tier="enterprise")
    assert isinstance(upgrade, Preview) and upgrade.after and upgrade.after.tier == "enterprise"


def test_an_ended_free_trial_cannot_be_modified_buy_a_new_plan(service: BillingService) -> None:
    """"Se non vedi la Icona Opzioni, significa che avevi un piano di prova gratuito che è
    terminato. Seleziona Abbonati ora acquistare una GoTo Webinar piano di sottoscrizione." (001)"""
    refusal = refused(service.preview_plan_change(PAOLO, "ACC-3001", "SUB-3001-1", tier="pro"),
                      "trial_ended")
    assert "Abbonati ora" in refusal.message
    refused(service.preview_reactivation(PAOLO, "ACC-3001", "SUB-3001-1"), "trial_ended")


def test_an_expired_subscription_is_reactivated_with_a_new_period_from_today(
        service: BillingService) -> None:
    """"ll mio piano di sottoscrizione è scaduto. Come posso riattivarlo?" (004)"""
    refused(service.preview_license_reduction(ANNA, "ACC-4001", "SUB-4001-1", 2),
            "subscription_expired")
    preview = service.preview_reactivation(ANNA, "ACC-4001", "SUB-4001-1")
    assert isinstance(preview, Preview)
    assert str(preview.period_start) == "2026-11-22" and str(preview.period_end) == "2026-12-22"
    assert preview.credit == 0 and preview.plan_cost == 5 * 14
    refused(service.preview_reactivation(MARIA, "ACC-1001", "SUB-1001-1"),
            "subscription_not_expired")


def test_products_cannot_be_swapped_cancel_and_buy_the_other(service: BillingService) -> None:
    """"Non puoi scambiare o vendere i prodotti. Tutte le sottoscrizioni dei prodotti sono
    indipendenti l'una dall'altra." (004)"""
    refusal = refused(service.preview_plan_change(MARIA, "ACC-1001", "SUB-1001-1",
                                                  product="gototraining", tier="pro"),
                      "product_switch")
    assert "annulla" in refusal.message and "GoTo Training" in refusal.message


def test_cancellation_takes_effect_at_the_end_of_the_period(service: BillingService) -> None:
    """"devi innanzitutto annullare il piano di sottoscrizione esistente (che, in attesa
    dell'annullamento, rimarrà presente nel tuo account in modo che tu possa continuare a usare
    il servizio fino al termine del periodo di fatturazione)" (004)"""
    preview = service.preview_cancellation(MARIA, "ACC-1001", "SUB-1001-1")
    assert isinstance(preview, Preview)
    assert preview.total_due == 0 and "5 dicembre 2026" in preview.warnings[0]
    order = service.confirm(preview.id, MARIA, "cancel-1")
    assert not isinstance(order, Refusal)
    view = service.find_account("ACC-1001")
    assert view is not None
    sub = next(s for s in view.subscriptions if s.id == "SUB-1001-1")
    assert sub.status == "active" and sub.cancel_at_period_end
    assert str(sub.period_end) == "2026-12-05"
    refused(service.preview_cancellation(MARIA, "ACC-1001", "SUB-1001-1"), "already_cancelled")


def test_a_price_increase_needs_a_card_and_an_italian_vat_number(
        service: BillingService) -> None:
    """"se la selezione del nuovo piano determina un aumento del prezzo della sottoscrizione, ti
    verrà chiesto di effettuare un pagamento e dovrai fornire i tuoi dettagli di pagamento e/o
    aggiungere il tuo numero di partita IVA." (001)"""
    missing = refused(service.preview_plan_change(ELENA, "ACC-6001", "SUB-6001-1", licenses=6),
                      "vat_number_required")
    # the example is itself a valid partita IVA (python-stdnum), so copying it is not an error
    example = missing.details["example"]
    assert example in missing.message and example == "IT01234560017"
    assert rules.normalise_vat_number(example, "IT") == example
    bad = refused(service.set_vat_number(ELENA, "ACC-6001", "IT12345678901"),
                  "vat_number_invalid")
    # 11 digits: what is wrong is the tax office code (890), not the count or the prefix
    assert "(890) non sono il codice di nessun ufficio provinciale" in bad.message
    assert "IT seguito da 11 cifre" not in bad.message
    refused(service.set_vat_number(ELENA, "ACC-6001", "abc"), "vat_number_invalid")
    view = service.set_vat_number(ELENA, "ACC-6001", "it 076 4352 0567")
    assert not isinstance(view, Refusal) and view.vat_number == "IT07643520567"
    assert isinstance(service.preview_plan_change(ELENA, "ACC-6001", "SUB-6001-1", licenses=6),
                      Preview)


def test_corporate_seats_need_an_automatic_card_payment(service: BillingService) -> None:
    """"Il tuo account deve disporre di un metodo di pagamento automatico (carta di
    credito/debito) selezionato. [...] Se non riesci a aggiungere altre postazioni al tuo
    abbonamento, contatta un Servizi per Account Corporate." (003)"""
    refusal = refused(service.preview_corporate_seats(FRANCO, "ACC-5001", "SUB-5001-1", 5),
                      "corporate_not_self_service")
    assert refusal.handoff and "Servizi per account Corporate" in refusal.message
    refused(service.preview_corporate_seats(MARIA, "ACC-1001", "SUB-1001-1", 5),
            "corporate_only")


def test_an_open_quote_expires_at_once_and_is_replaced_by_the_new_one(
        service: BillingService) -> None:
    """"Prima di creare un nuovo ordine per aggiungere più postazioni al tuo abbonamento, devi
    innanzitutto accettare o rifiutare le offerte esistenti nella I preventivi sezione. In caso
    contrario, il preventivo esistente scadrà immediatamente e sarà sostituito con un preventivo
    del nuovo ordine." (003)"""
    preview = service.preview_corporate_seats(GIULIA, "ACC-2001", "SUB-2001-1", 3)
    assert isinstance(preview, Preview)
    assert any("Q-2001-1" in warning and "scadrà subito" in warning
               for warning in preview.warnings)
    order = service.confirm(preview.id, GIULIA, "seats-1")
    assert not isinstance(order, Refusal)
    view = service.find_account("ACC-2001")
    assert view is not None
    statuses = {quote.id: quote.status for quote in view.quotes}
    assert statuses["Q-2001-1"] == "expired"
    assert statuses[order.quote_id or ""] == "accepted"


def test_a_corporate_order_is_processing_for_up_to_24_hours(service: BillingService,
                                                             clock: FixedClock) -> None:
    """"L'elaborazione del tuo ordine può richiedere fino a 24 ore." (003)"""
    from datetime import timedelta

    preview = service.preview_quote_acceptance(GIULIA, "ACC-2001", "Q-2001-1")
    assert isinstance(preview, Preview) and preview.order_status == "processing"
    order = service.confirm(preview.id, GIULIA, "accept-1")
    assert not isinstance(order, Refusal) and order.status == "processing"
    clock.advance(timedelta(hours=23))
    assert service.settle() == []
    clock.advance(timedelta(hours=1))
    assert [o.id for o in service.settle()] == [order.id]
    view = service.find_account("ACC-2001")
    assert view is not None and view.orders[0].status == "completed"
    assert service.settle() == []


def test_a_completed_corporate_order_is_announced_by_e_mail(service: BillingService,
                                                            clock: FixedClock,
                                                            database: Database) -> None:
    """"Viene inviata un'e-mail di conferma con ricevuta all'indirizzo e-mail del contatto di
    fatturazione." (003) — and the bot promises a second one when processing ends."""
    from datetime import timedelta

    from sqlalchemy import select

    from billing_core.models import OutboxEmail
    from billing_core.unit_of_work import unit_of_work

    preview = service.preview_quote_acceptance(GIULIA, "ACC-2001", "Q-2001-1")
    assert isinstance(preview, Preview)
    order = service.confirm(preview.id, GIULIA, "accept-mail")
    assert not isinstance(order, Refusal)
    clock.advance(timedelta(hours=24))
    service.settle()
    service.settle()
    with unit_of_work(database) as session:
        mails = session.scalars(select(OutboxEmail).where(OutboxEmail.order_id == order.id)
                                .order_by(OutboxEmail.id)).all()
        assert [m.to_address for m in mails] == ["giulia.verdi@example.com"] * 2
        assert "completato" in mails[1].subject and order.id in mails[1].body


def test_corporate_billing_is_annual_only(service: BillingService) -> None:
    """"Per gli account Corporate, LogMeIn offre la fatturazione annuale. Il contatto di
    fatturazione può richiedere di modificare la frequenza di fatturazione contattando Corporate
    Account Services." (004)"""
    refusal = refused(service.preview_plan_change(GIULIA, "ACC-2001", "SUB-2001-1",
                                                  frequency="monthly"), "corporate_annual_only")
    assert refusal.handoff


def test_corporate_seats_do_not_move_the_annual_term(service: BillingService) -> None:
    """"Le modifiche alle sottoscrizioni esistenti hanno effetto immediato" (004), and a corporate
    add-seats quote is charged pro rata for the rest of the annual term."""
    preview = service.preview_corporate_seats(GIULIA, "ACC-2001", "SUB-2001-1", 5)
    assert isinstance(preview, Preview)
    # term 2026-07-25 → 2027-07-25 (365 days), 245 days left: 5 × 192.00 × 245/365
    assert preview.plan_cost.to_eng_string() == "644.38"
    assert str(preview.period_end) == "2027-07-25"
    service.confirm(preview.id, GIULIA, "seats-2")
    view = service.find_account("ACC-2001")
    assert view is not None
    sub = next(s for s in view.subscriptions if s.id == "SUB-2001-1")
    assert sub.licenses == 55 and str(sub.period_start) == "2026-07-25"


def test_a_reduction_mid_period_still_costs_today_and_says_why(service: BillingService) -> None:
    """"Le modifiche che apporti al tuo piano hanno effetto immediato e vengono automaticamente
    adeguate e ripartite proporzionalmente in base al saldo corrente dell'account." (000)"""
    preview = service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 8)
    assert isinstance(preview, Preview)
    assert [str(amount) for amount in (preview.credit, preview.plan_cost, preview.subtotal,
                                       preview.vat, preview.total_due)] == \
        ["1079.00", "1992.00", "913.00", "200.86", "1113.86"]
    assert any("nuovo periodo, pagato per intero" in w for w in preview.warnings)
    assert str(preview.period_start) == "2026-11-22"


def test_an_invalid_vat_number_on_file_is_asked_for_again(service: BillingService,
                                                          database: Database) -> None:
    """"dovrai fornire i tuoi dettagli di pagamento e/o aggiungere il tuo numero di partita
    IVA" (001): a number on file that python-stdnum rejects is as good as none."""
    from billing_core.models import Account
    from billing_core.unit_of_work import unit_of_work

    with unit_of_work(database) as session:
        account = session.get(Account, "ACC-6001")
        assert account is not None
        account.vat_number = "IT12345678901"  # wrong check digit
    refusal = refused(service.preview_plan_change(ELENA, "ACC-6001", "SUB-6001-1", licenses=6),
                      "vat_number_required")
    assert refusal.details["invalid_on_file"] is True and "non è valida" in refusal.message
    assert not isinstance(service.set_vat_number(ELENA, "ACC-6001", "IT02845610365"), Refusal)
    assert isinstance(service.preview_plan_change(ELENA, "ACC-6001", "SUB-6001-1", licenses=6),
                      Preview)


def test_a_cancellation_can_be_withdrawn_and_an_ended_one_reactivated(
        service: BillingService, clock: FixedClock) -> None:
    """"rimarrà presente nel tuo account in modo che tu possa continuare a usare il servizio
    fino al termine del periodo di fatturazione" (004): until then the cancellation can be
    withdrawn for free; once the period has ended it is reactivated like an expired one ("ll mio
    piano di sottoscrizione è scaduto. Come posso riattivarlo?", 004)."""
    from datetime import timedelta

    cancel = service.preview_cancellation(MARIA, "ACC-1001", "SUB-1001-1")
    assert isinstance(cancel, Preview)
    assert not isinstance(service.confirm(cancel.id, MARIA, "cancel"), Refusal)
    undo = service.preview_reactivation(MARIA, "ACC-1001", "SUB-1001-1")
    assert isinstance(undo, Preview)
    assert undo.total_due == 0 and str(undo.period_end) == "2026-12-05"
    assert not isinstance(service.confirm(undo.id, MARIA, "undo"), Refusal)
    view = service.find_account("ACC-1001")
    assert view is not None
    sub = next(s for s in view.subscriptions if s.id == "SUB-1001-1")
    assert not sub.cancel_at_period_end and sub.status == "active"
    assert (sub.licenses, str(sub.period_start)) == (10, "2026-11-05")

    again = service.preview_cancellation(MARIA, "ACC-1001", "SUB-1001-1")
    assert isinstance(again, Preview)
    assert not isinstance(service.confirm(again.id, MARIA, "cancel-2"), Refusal)
    clock.advance(timedelta(days=14))  # 6 December: the period is over
    service.settle()
    ended = refused(service.preview_license_reduction(MARIA, "ACC-1001", "SUB-1001-1", 8),
                    "already_cancelled")
    assert "5 dicembre 2026" in ended.message and "riattivarla" in ended.message
    back = service.preview_reactivation(MARIA, "ACC-1001", "SUB-1001-1")
    assert isinstance(back, Preview)
    assert (str(back.period_start), str(back.period_end)) == ("2026-12-06", "2027-01-06")
    assert back.credit == 0 and back.total_due == Decimal("3037.80")


def test_an_open_quote_is_accepted_or_rejected_once(service: BillingService) -> None:
    """"devi innanzitutto accettare o rifiutare le offerte esistenti nella I preventivi sezione"
    (003): a rejected quote is no longer open, cannot be accepted, and leaves no warning."""
    from billing_core.schemas import QuoteView

    refused(service.reject_quote(MARIA, "ACC-1001", "Q-2001-1"), "unknown_quote")
    refused(service.reject_quote(GIULIA, "ACC-2001", "Q-NOPE"), "unknown_quote")
    refused(service.reject_quote(FRANCO, "ACC-2001", "Q-2001-1"), "not_authorized")
    acceptance = service.preview_quote_acceptance(GIULIA, "ACC-2001", "Q-2001-1")
    assert isinstance(acceptance, Preview)
    rejected = service.reject_quote(GIULIA, "ACC-2001", "Q-2001-1")
    assert isinstance(rejected, QuoteView) and rejected.status == "rejected"
    refused(service.reject_quote(GIULIA, "ACC-2001", "Q-2001-1"), "quote_not_open")
    refused(service.preview_quote_acceptance(GIULIA, "ACC-2001", "Q-2001-1"), "quote_not_open")
    refused(service.confirm(acceptance.id, GIULIA, "too-late"), "preview_stale")
    seats = service.preview_corporate_seats(GIULIA, "ACC-2001", "SUB-2001-1", 2)
    assert isinstance(seats, Preview)
    assert not any("scadrà subito" in warning for warning in seats.warnings)
