"""subscription.cancel (at period end), subscription.reactivate, and refusals of ended trials."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from billing_core import BillingService

from tests.dialogue.conftest import orders, subscription


def test_cancel_at_period_end_after_confirmation(chat, service: BillingService) -> None:
    maria = chat("maria.rossi@example.com")
    text = maria.say("voglio disdire GoTo Webinar")
    assert "resta utilizzabile fino al 5 dicembre 2026" in text
    assert "Conferma" in maria.labels
    assert not subscription(service, "ACC-1001", "gotowebinar").cancel_at_period_end
    maria.click("Conferma")
    assert subscription(service, "ACC-1001", "gotowebinar").cancel_at_period_end


def test_reactivate_an_expired_subscription(chat, service: BillingService) -> None:
    anna = chat("anna.bianchi@example.com")
    text = anna.say("il piano è scaduto, riattiva GoTo Meeting")
    assert "riattivazione" in text.lower()
    assert "dal 22 novembre 2026" in text
    text = anna.click("Conferma")
    assert "Fatto!" in text
    assert subscription(service, "ACC-4001", "gotomeeting").status == "active"
    assert len(orders(service, "ACC-4001")) == 1


def test_an_ended_trial_cannot_be_modified(chat, service: BillingService) -> None:
    paolo = chat("paolo.neri@example.com")
    text = paolo.say("riduci a 1 le licenze di GoTo Webinar")
    assert "Conferma" not in paolo.labels
    assert "prova" in text.lower()
    assert orders(service, "ACC-3001") == []
