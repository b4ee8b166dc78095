"""Issue 7 part 6: out of scope is a class of its own (other vendors, office life, product
usage, small talk, emoji, gibberish) with GoTo's products and this account's nouns as evidence;
long messages, negations, English forms and business words read right."""

from __future__ import annotations

import pytest

from intents import Classifier


@pytest.mark.parametrize("text", [
    # another company's thing, however billing-like the verb
    "disdici Spotify", "aggiorna la carta su Booking", "voglio annullare Netflix",
    "rinnova la licenza di Adobe Acrobat", "togli 2 utenti da Microsoft 365",
    "cancel our Zoom subscription", "where are my Amazon invoices",
    # a name never seen where the object of a billing word stands
    "disdici Deezer", "annulla l'abbonamento a Tidal", "update my card on Patreon",
    "rinnova Hostinger",
    # office life in billing words
    "rinnova il dominio del sito", "paga l'F24", "ordina i toner",
    "paga la bolletta della luce", "rinnova la polizza dell'auto aziendale",
    "devo rinnovare il passaporto", "il piano terra è allagato", "annulla le ferie di agosto",
    # using the product, in billing words
    "annulla la riunione di domani", "cancella il webinar di giovedì", "come condivido lo schermo?",
    "la webcam non funziona", "dove trovo la registrazione della sessione?",
    # small talk, emoji only, gibberish, currencies
    "che tempo fa a Torino?", "🎉🎉", "😅", "sdfgsdfg", "posso pagare in dollari?",
])
def test_what_is_not_gotos_nor_this_accounts_is_out_of_scope(classifier: Classifier,
                                                             text: str) -> None:
    assert classifier.classify(text).intent == "out_of_scope"


@pytest.mark.parametrize(("text", "intent"), [
    ("disdici GoTo Webinar", "subscription.cancel"),
    ("aggiorna la carta di credito", "payment_method.change"),
    ("Zoom costa meno, voglio disdire l'abbonamento", "subscription.cancel"),
    ("riduci le licenze del reparto vendite", "licenses.reduce"),
    ("il nuovo contatto di fatturazione deve essere Giulia", "billing_contact.change"),
    ("passa la gestione della fatturazione a Marco", "billing_contact.change"),
])
def test_our_own_requests_stay_ours_beside_other_names(classifier: Classifier, text: str,
                                                       intent: str) -> None:
    assert classifier.classify(text).intent == intent


@pytest.mark.parametrize(("text", "intent"), [
    ("non è che voglio ridurre, chiedo solo quanto costa", "plan.costs"),
    ("non voglio disdire, volevo solo sapere quando scade l'abbonamento", "account.overview"),
    ("non intendo aggiungere postazioni, voglio vedere le fatture", "billing.history"),
    ("se riduco le licenze a metà mese mi rimborsate qualcosa?", "plan.costs"),
])
def test_a_denied_or_hypothetical_action_is_not_the_request(classifier: Classifier, text: str,
                                                            intent: str) -> None:
    assert classifier.classify(text).intent == intent


def test_a_story_before_the_request_does_not_hide_it(classifier: Classifier) -> None:
    text = ("Buongiorno, sono il responsabile di un piccolo studio: a settembre abbiamo chiuso la "
            "sede di Bari e i colleghi di lì ora usano altri strumenti. Vorrei disdire GoTo "
            "Training, non lo usiamo più.")
    result = classifier.classify(text)
    assert (result.intent, result.band) == ("subscription.cancel", "answer")


@pytest.mark.parametrize(("text", "intent"), [
    ("make Anna our billing admin", "billing_contact.change"),
    ("we want to pay once a year", "billing.frequency"),
    ("we'd like to buy GoTo Meeting", "purchase.new"),
    ("how many licenses do we have?", "account.overview"),
    ("please cancel GoTo Webinar", "subscription.cancel"),
    ("ci servono webinar più grandi", "plan.change"),
    ("vogliamo le funzioni del piano sopra", "plan.change"),
])
def test_english_forms_and_business_words(classifier: Classifier, text: str,
                                          intent: str) -> None:
    assert classifier.classify(text).intent == intent
