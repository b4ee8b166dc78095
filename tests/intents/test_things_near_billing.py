"""Third out-of-scope round: what sits next to billing without being ours (the office's
purchasing, other software's licenses, a card of one's own, Slack channels, questions about the
bot, texts to translate), and requests of ours the portal's name or a current count misled."""

from __future__ import annotations

import pytest

from intents import Classifier
from intents.slots import read_count


@pytest.mark.parametrize("text", [
    # the office's purchasing: buying words, nothing of ours bought
    "chi autorizza gli acquisti del reparto?",
    # other software whose name is a common word, as what licenses are of
    "ci servono 4 licenze di Office in più", "do we have enough Teams licenses?",
    # a card of one's own, or stolen, with nothing done with it on the account
    "mi hanno clonato la carta personale", "someone stole my credit card",
    # Slack's own places
    "come rinomino il canale #pagamenti?", "please archive the #invoices channel",
    # what the bot is, a text to work on
    "ma tu sei un umano?", "is this a bot?", "translate into French: thanks, see you soon",
    # one call at its hour
    "cancel the 10am call with the lawyer",
])
def test_what_sits_next_to_billing_is_out_of_scope(classifier: Classifier, text: str) -> None:
    assert classifier.classify(text).intent == "out_of_scope"


@pytest.mark.parametrize(("text", "intent"), [
    # a card of ours: something is done with it on the account
    ("la carta aziendale è stata rubata, va sostituita su GoTo", "payment_method.change"),
    ("posso pagare con la mia carta personale?", "payment_method.change"),
    # an action asked in the portal is the action
    ("come si aggiungono utenti nel Billing Center?", "seats.add"),
    ("how do I cancel in the corporate billing portal?", "subscription.cancel"),
    ("si possono togliere licenze dal Billing Center?", "licenses.reduce"),
    ("where in the Corporate Billing Portal do I change the payment card?",
     "payment_method.change"),
    # getting into the portal stays the portal's question
    ("come accedo al centro fatturazione per aggiungere licenze?", "billing_center.access"),
    # a wish for a person stays one; what the bot does stays help
    ("sei una persona? vorrei parlare con qualcuno", "handoff"),
    ("sei il bot della fatturazione? cosa sai fare?", "help"),
    # getting into the billing part is the portal's access
    ("noi siamo un account standard: da quale pagina si accede alla fatturazione?",
     "billing_center.access"),
    # when a change takes effect is the cost question (the contract's plan.costs)
    ("quando entra in vigore il passaggio al piano standard?", "plan.costs"),
    ("da che giorno si applica la riduzione delle licenze?", "plan.costs"),
    # another frequency asked for; who holds the role asked with no change verb
    ("is a different billing cycle possible for our account?", "billing.frequency"),
    ("qual è il nominativo del nostro referente per la fatturazione?", "billing_contact.who"),
    # "bump up" raises
    ("bump our Training licenses up to 9", "seats.add"),
])
def test_requests_of_ours_beside_those_words_stay_ours(classifier: Classifier, text: str,
                                                       intent: str) -> None:
    assert classifier.classify(text).intent == intent


@pytest.mark.parametrize(("text", "intent", "count"), [
    ("abbiamo 12 licenze di Training, portale a 15", "seats.add", 15),
    ("we currently have 20 seats, bring us down to 16", "licenses.reduce", 16),
])
def test_a_target_after_the_current_count_says_which_way(
        classifier: Classifier, text: str, intent: str, count: int) -> None:
    result = classifier.classify(text)
    assert (result.intent, result.slots.get("count"), result.slots.get("count_mode")) == (
        intent, count, "set")


def test_the_target_is_read_after_the_current_count() -> None:
    assert read_count("siamo a 6 licenze, portale a 9").count == 9


@pytest.mark.parametrize(("text", "intent"), [
    ("sì, fallo", "affirm"), ("esatto, fatelo pure", "affirm"), ("ok, fai pure", "affirm"),
    ("sì, tutto corretto, procedi", "affirm"), ("yes, submit the order", "affirm"),
    ("nope", "deny"), ("no, lascia perdere", "deny"),
    # still no yes with a question or a condition
    ("tutto giusto?", "acknowledge"),
])
def test_short_replies_of_the_closed_sets(classifier: Classifier, text: str, intent: str) -> None:
    assert classifier.classify(text).intent == intent
