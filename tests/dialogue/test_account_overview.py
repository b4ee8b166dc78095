"""The account overview when there is nothing to show: no subscription to the product asked
about, or none at all (no demo account is without one, so the view is emptied here). To an
agent acting for a customer it names the customer's account, not "il vostro"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.dialogue.overview import overview_reply
from tests.dialogue.conftest import account

if TYPE_CHECKING:
    from billing_core import BillingService
    from tests.dialogue.conftest import ChatFactory


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


def test_an_agent_acting_for_a_customer_reads_the_customers_account_named(
        chat: ChatFactory) -> None:
    agent = chat("supporto@example.com")
    text = agent.say("per conto di ACC-1001 quante licenze di GoTo Training hanno?")
    assert ("Sull'account di Rossi Consulting S.r.l. (ACC-1001) non c'è un abbonamento a GoTo "
            "Training.") in text, text
    assert "vostro account" not in text
    text = agent.say("riduci le licenze di GoTo Meeting")
    assert ("Sull'account di Rossi Consulting S.r.l. (ACC-1001) non c'è un abbonamento a GoTo "
            "Meeting.") in text, text
    agent.say("annulla")
    # the customer's own wording is unchanged
    text = chat("maria.rossi@example.com").say("quante licenze di GoTo Training abbiamo?")
    assert "Sul vostro account non c'è un abbonamento a GoTo Training." in text, text


def test_the_overview_for_an_agent_of_an_account_without_subscriptions_names_it(
        service: BillingService) -> None:
    empty = account(service, "ACC-1001").model_copy(update={"subscriptions": [], "renewals": []})
    text = overview_reply(empty, service.catalog, on_behalf=True).plain_text()
    assert "Sull'account di Rossi Consulting S.r.l. (ACC-1001) non ci sono abbonamenti." in text
