"""The account's VAT number and payment method asked with no order summary open: once a "non lo
so", the account overview or the article on changing the card, whatever was asked. They are
answered from the account as at a summary (VAT number masked, a card is only "a card"), for the
billing contact and an agent acting for the account; anyone else of the account is told who the
billing contact is. How to change them is still the help article's, and nothing is ordered."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.dialogue.conftest import orders

if TYPE_CHECKING:
    from billing_core import BillingService
    from tests.dialogue.conftest import ChatFactory

MARIA = "maria.rossi@example.com"
LUCA = "luca.bianchi@example.com"
AGENT = "supporto@example.com"
NOT_KNOWN = "questo non lo so"
MASKED = "La partita IVA registrata sull'account Rossi Consulting S.r.l. è IT********567"
CARD = ("Sull'account Rossi Consulting S.r.l. è registrata una carta: rinnovi e ordini vengono "
        "addebitati lì.")
CHANGE_ARTICLE = "Cambiare il metodo di pagamento"
VAT_QUESTIONS = ["che partita IVA avete sul nostro account?", "la nostra partita IVA è registrata?"]
PAYMENT_QUESTIONS = ["con che carta paghiamo?", "come paghiamo GoTo?",
                     "che metodo di pagamento abbiamo?"]


@pytest.mark.parametrize("question", VAT_QUESTIONS)
def test_the_billing_contact_gets_the_vat_number_masked(chat: ChatFactory,
                                                        service: BillingService,
                                                        question: str) -> None:
    maria = chat(MARIA)
    text = maria.say(question)
    assert MASKED in text, text
    assert "07643520567" not in text and NOT_KNOWN not in text
    assert "Se non è giusta, il contatto di fatturazione la aggiorna" in text
    assert "non confermare" not in text  # no order waits for a confirmation
    assert maria.replies[0].private
    assert orders(service, "ACC-1001") == []


@pytest.mark.parametrize("question", PAYMENT_QUESTIONS)
def test_the_billing_contact_gets_the_payment_method_without_card_data(
        chat: ChatFactory, service: BillingService, question: str) -> None:
    maria = chat(MARIA)
    text = maria.say(question)
    assert CARD in text, text
    assert "I dati della carta non li vedo e non li scrivo in chat" in text
    assert CHANGE_ARTICLE not in text and NOT_KNOWN not in text
    assert "Il vostro account:" not in text  # not the overview either
    assert orders(service, "ACC-1001") == []


@pytest.mark.parametrize("question", ["come cambio la carta?", "la carta è scaduta, come faccio?",
                                      "posso pagare con bonifico?"])
def test_changing_how_one_pays_is_still_the_help_article(chat: ChatFactory,
                                                         question: str) -> None:
    text = chat(MARIA).say(question)
    assert CHANGE_ARTICLE in text and CARD not in text, text


def test_an_account_without_a_vat_number_and_one_paying_by_transfer_are_told_so(
        chat: ChatFactory) -> None:
    text = chat("elena.ferri@example.com").say("la nostra partita IVA è registrata?")
    assert "Sull'account Ferri Design non è registrata una partita IVA" in text, text
    text = chat("franco.verdi@example.com").say("come paghiamo GoTo?")
    assert "L'account Verdi Logistica S.p.A. paga con bonifico bancario" in text, text
    assert "Corporate Billing Portal" in text


@pytest.mark.parametrize("question", [*VAT_QUESTIONS, *PAYMENT_QUESTIONS])
def test_a_plain_user_is_told_who_the_billing_contact_is(chat: ChatFactory,
                                                         question: str) -> None:
    text = chat(LUCA).say(question)
    assert ("Per Rossi Consulting S.r.l. è Maria Rossi (maria.rossi@example.com): puoi chiedere "
            "a questa persona.") in text, text
    assert "IT***" not in text and "registrata una carta" not in text and NOT_KNOWN not in text


def test_an_agent_gets_them_for_the_customer_acted_for(chat: ChatFactory,
                                                       service: BillingService) -> None:
    agent = chat(AGENT)
    assert "Per quale cliente vuoi operare?" in agent.say("che partita IVA hanno?")
    text = agent.say("per conto di ACC-1001 che partita IVA hanno sull'account?")
    assert "ora operi per conto di Rossi Consulting S.r.l." in text and MASKED in text, text
    assert "07643520567" not in text
    assert CARD in agent.say("con che carta pagano?")
    text = agent.say("per conto di ACC-5001 come pagano GoTo?")
    assert "L'account Verdi Logistica S.p.A. paga con bonifico bancario" in text, text
    assert orders(service, "ACC-1001") == [] and orders(service, "ACC-5001") == []


def test_asked_while_a_change_asks_which_product_the_question_comes_again(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("voglio ridurre le licenze")
    text = maria.say("con che carta paghiamo?")
    assert CARD in text and "Per quale prodotto vuoi ridurre le licenze?" in text, text
    assert maria.labels == ["GoTo Webinar", "GoToAssist Supporto remoto v4"]
    text = maria.say("la nostra partita IVA è registrata?")
    assert MASKED in text and "Per quale prodotto vuoi ridurre le licenze?" in text, text
    assert orders(service, "ACC-1001") == []
