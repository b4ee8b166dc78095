"""subscription.cancel (at period end), subscription.reactivate, and refusals of ended trials."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from billing_core import BillingService
    from billing_core.clock import FixedClock

from tests.dialogue.conftest import ChatFactory, orders, subscription


def test_cancel_at_period_end_after_confirmation(chat: ChatFactory,
                                                 service: BillingService) -> None:
    maria = chat("maria.rossi@example.com")
    text = maria.say("voglio disdire GoTo Webinar")
    assert "resta utilizzabile fino al 5 dicembre 2026" in text
    assert "Conferma" in maria.labels
    assert not subscription(service, "ACC-1001", "gotowebinar").cancel_at_period_end
    maria.click("Conferma")
    assert subscription(service, "ACC-1001", "gotowebinar").cancel_at_period_end


def test_reactivate_an_expired_subscription(chat: ChatFactory, service: BillingService) -> None:
    anna = chat("anna.bianchi@example.com")
    text = anna.say("il piano è scaduto, riattiva GoTo Meeting")
    assert "riattivazione" in text.lower()
    assert "dal 22 novembre 2026" in text
    text = anna.click("Conferma")
    assert "Fatto!" in text
    assert subscription(service, "ACC-4001", "gotomeeting").status == "active"
    assert len(orders(service, "ACC-4001")) == 1


def test_an_ended_trial_cannot_be_modified(chat: ChatFactory, service: BillingService) -> None:
    paolo = chat("paolo.neri@example.com")
    text = paolo.say("riduci a 1 le licenze di GoTo Webinar")
    assert "Conferma" not in paolo.labels
    assert "prova" in text.lower()
    assert orders(service, "ACC-3001") == []


def test_the_advice_after_a_cancellation_works_riattiva_withdraws_it(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat("maria.rossi@example.com")
    text = maria.say("voglio disdire GoTo Webinar")
    assert "Periodo in corso: dal 5 novembre 2026 al 5 dicembre 2026" in text
    assert "Totale dovuto oggi: 0,00 €" in text
    assert "Costo del piano" not in text and "IVA" not in text
    text = maria.click("Conferma")
    assert "scrivimi \"riattiva l'abbonamento\"" in text
    assert subscription(service, "ACC-1001", "gotowebinar").cancel_at_period_end

    text = maria.say("riattiva l'abbonamento")
    # only the subscription with a pending cancellation is meant: no product question
    assert "Per quale prodotto" not in text
    assert "GoTo Webinar: ritiri la disdetta; l'abbonamento continua e si rinnova il " \
           "5 dicembre 2026." in text
    assert "Costo del piano" not in text and "riattivazione del piano" not in text
    text = maria.click("Conferma")
    assert "La disdetta è ritirata" in text and "di nuovo attivo da oggi" not in text
    webinar = subscription(service, "ACC-1001", "gotowebinar")
    assert not webinar.cancel_at_period_end and webinar.status == "active"
    assert webinar.period_end.isoformat() == "2026-12-05"
    assert sorted(o.kind for o in orders(service, "ACC-1001")) == [
        "subscription.cancel", "subscription.reactivate"]


def test_a_reactivation_that_starts_a_new_period_shows_its_cost(
        chat: ChatFactory, service: BillingService) -> None:
    anna = chat("anna.bianchi@example.com")
    text = anna.say("voglio riattivare l'abbonamento")
    assert "Periodo di fatturazione: dal 22 novembre 2026 al 22 dicembre 2026" in text
    assert "Costo del piano: 70,00 €" in text and "IVA 22%: 15,40 €" in text
    assert "Totale dovuto oggi: 85,40 €" in text
    assert orders(service, "ACC-4001") == []


def test_the_product_question_and_the_switch_question_read_well(chat: ChatFactory,
                                                                 service: BillingService) -> None:
    maria = chat("maria.rossi@example.com")
    text = maria.say("voglio disdire l'abbonamento")
    assert text == "Per quale prodotto vuoi disdire l'abbonamento?"
    text = maria.say("voglio ridurre le licenze di GoTo Webinar")
    assert text == ("Stiamo ancora cercando di disdire l'abbonamento. Vuoi lasciar perdere e "
                    "ridurre le licenze (GoTo Webinar)?")
    assert orders(service, "ACC-1001") == []


def test_riattiva_after_the_cancelled_period_ended_starts_a_new_period(
        chat: ChatFactory, service: BillingService, clock: FixedClock) -> None:
    """The advice after a cancellation also works once the period is over and the subscription
    is cancelled: a new period from today, at the plan's price."""
    from datetime import timedelta

    maria = chat("maria.rossi@example.com")
    maria.say("voglio disdire GoTo Webinar")
    text = maria.click("Conferma")
    assert "riattiva l'abbonamento" in text
    clock.set(clock.now() + timedelta(days=14))  # 6 December 2026, after the 5th
    service.settle()
    assert subscription(service, "ACC-1001", "gotowebinar").status == "cancelled"
    maria = chat("maria.rossi@example.com")
    text = maria.say("riattiva l'abbonamento")
    assert "riattivazione del piano Pro, 10 licenze" in text
    assert "dal 6 dicembre 2026 al 6 gennaio 2027" in text
    assert "Costo del piano: 2.490,00 €" in text
    maria.click("Conferma")
    sub = subscription(service, "ACC-1001", "gotowebinar")
    assert (sub.status, sub.cancel_at_period_end, str(sub.period_start)) == \
        ("active", False, "2026-12-06")
    assert next(o.kind for o in orders(service, "ACC-1001")) == "subscription.reactivate"
