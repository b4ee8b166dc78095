"""The second out-of-scope round (set D looked at): office matters asked in the words of a
billing-contact question or a license change, plurals and English forms of the office's things,
the firm's taxes. Every phrasing here is new: none is a training phrase or a phrase of an
evaluation set."""

from __future__ import annotations

import pytest

from intents import Classifier
from intents.plurals import with_plurals


@pytest.mark.parametrize("text", [
    "a chi chiedo le chiavi del magazzino?",
    "il monitor è rotto, a chi lo segnalo?",
    "who should I ask about the broken door lock?",
])
def test_a_who_question_about_the_office_is_out_of_scope(classifier: Classifier,
                                                         text: str) -> None:
    # it names nothing of billing: it was the billing contact, answered
    assert classifier.classify(text).intent == "out_of_scope"


@pytest.mark.parametrize("text", [
    "we need more desks for the new hires",
    "servono due lampade nuove per la reception",
    "can we get more parking spaces for the team?",
])
def test_more_of_the_offices_things_is_no_seat(classifier: Classifier, text: str) -> None:
    assert classifier.classify(text).intent == "out_of_scope"


@pytest.mark.parametrize(("text", "intent"), [
    ("chi riceve le fatture GoTo da noi?", "billing_contact.who"),
    ("chi è il referente?", "billing_contact.who"),
    ("servono altre 3 postazioni per i tirocinanti", "seats.add"),
    ("ne servono altre 3", "seats.add"),
    ("abbiamo troppe lincenze, togline un paio", "licenses.reduce"),
])
def test_a_question_or_change_that_names_billing_stays_ours(classifier: Classifier, text: str,
                                                            intent: str) -> None:
    # a billing thing, a role, a count of a license change; a typo still names it
    assert classifier.classify(text).intent == intent


@pytest.mark.parametrize("text", [
    "rinnoviamo gli abbonamenti dei cellulari aziendali?",
    "the desks we ordered haven't arrived",
    "can you pay the invoice from the printing company?",
    "quando scade il saldo IRAP?",
])
def test_plurals_english_owners_and_the_firms_taxes_are_out_of_scope(classifier: Classifier,
                                                                      text: str) -> None:
    assert classifier.classify(text).intent == "out_of_scope"


def test_the_lexicon_names_a_thing_once_and_its_plurals_are_read() -> None:
    forms = with_plurals(["fotocopiatrice", "cellulare aziendale", "cleaning company", "sedia",
                          "commercialista", "chair", "f24"])
    assert {"fotocopiatrici", "cellulari aziendali", "cleaning companies", "sedie",
            "commercialisti", "chairs"} <= set(forms)
    assert "f24" in forms and not any(form.startswith("f24") and form != "f24" for form in forms)
