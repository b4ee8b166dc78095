"""At a summary, "premo Conferma", "ho premuto Conferma", "Conferma ordine" and an agent's
"Maria conferma" got the article on order status («non ci sono ordini né preventivi»). They
are no yes of the closed set (and still place nothing), but they speak of confirming: the
answer is how to confirm, with the same summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.dialogue.confirmation import is_confirmation
from tests.dialogue.conftest import ChatFactory, orders, subscription

if TYPE_CHECKING:
    from billing_core import BillingService
    from tests.dialogue.conftest import Chat

REDUCE = "riduci a 8 le licenze di GoTo Webinar"
HINT = "non è ancora confermato e non ho registrato niente. Per confermarlo scrivi «sì» o " \
       "premi Conferma"
ORDER_ARTICLE = "non ci sono ordini né preventivi"
SAID = ["premo Conferma", "ho premuto Conferma", "Conferma ordine", "premo conferma?"]


def hinted_and_nothing_placed(person: Chat, service: BillingService, text: str) -> None:
    assert HINT in text and ORDER_ARTICLE not in text, text
    assert "Riepilogo dell'ordine" in text and "da 10 a 8 licenze" in text
    assert person.labels == ["Conferma", "Modifica", "Annulla"]
    assert orders(service, "ACC-1001") == []
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 10


@pytest.mark.parametrize("said", SAID)
def test_speaking_of_confirming_gets_how_to_confirm(chat: ChatFactory, service: BillingService,
                                                    said: str) -> None:
    assert not is_confirmation(said)  # the closed set stays as it is
    maria = chat("maria.rossi@example.com")
    maria.say(REDUCE)
    hinted_and_nothing_placed(maria, service, maria.say(said))
    assert "Fatto!" in maria.say("sì")
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 8


def test_an_agent_relaying_the_customers_yes_gets_how_to_confirm(
        chat: ChatFactory, service: BillingService) -> None:
    agent = chat("supporto@example.com")
    agent.say(f"per conto di ACC-1001 {REDUCE}")
    hinted_and_nothing_placed(agent, service, agent.say("Maria conferma"))


def test_a_question_about_the_confirmation_email_still_gets_its_article(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat("maria.rossi@example.com")
    maria.say(REDUCE)
    text = maria.say("quando arriva l'e-mail di conferma?")
    assert HINT not in text
    assert orders(service, "ACC-1001") == []
