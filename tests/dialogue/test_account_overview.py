"""The account overview when there is nothing to show: no subscription to the product asked
about, or none at all (no demo account is without one, so the view is emptied here)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.dialogue.overview import overview_reply
from tests.dialogue.conftest import account

if TYPE_CHECKING:
    from billing_core import BillingService


def test_the_overview_of_a_product_the_account_does_not_have_says_so(
        service: BillingService) -> None:
    # Maria Rossi's ACC-1001 has GoTo Webinar and GoToAssist, no GoTo Meeting
    reply = overview_reply(account(service, "ACC-1001"), service.catalog, "gotomeeting")
    text = reply.plain_text()
    assert "Sul vostro account non c'è un abbonamento a GoTo Meeting." in text
    assert "GoTo Webinar" not in text and reply.private


def test_the_overview_of_an_account_without_subscriptions_says_so(
        service: BillingService) -> None:
    empty = account(service, "ACC-1001").model_copy(update={"subscriptions": [], "renewals": []})
    text = overview_reply(empty, service.catalog).plain_text()
    assert "Sul vostro account non ci sono abbonamenti." in text
    assert "Modifiche in sospeso: nessuna." in text
