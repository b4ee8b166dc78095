"""Issue 7 part 3 (dialogue side): relative and corrected counts, numbers that are no count
refused wherever they stand, edits after Modifica, the downgrade guard over a whole request, a
reactivation that says what it does not do, and a cancellation withdrawn by a second thought."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.dialogue.conftest import ChatFactory, orders, subscription

if TYPE_CHECKING:
    from billing_core import BillingService

MARIA = "maria.rossi@example.com"


@pytest.mark.parametrize(("request_", "change"), [
    ("riduci le licenze webinar perché 3 colleghi sono andati via", "da 10 a 7 licenze"),
    ("riduci webinar di 2", "da 10 a 8 licenze"),
    ("riduci webinar a 5", "da 10 a 5 licenze"),
    ("abbassa a 7 gli utenti webinar", "da 10 a 7 licenze"),
])
def test_relative_reasoned_and_plain_reductions(chat: ChatFactory,
                                                request_: str, change: str) -> None:
    maria = chat(MARIA)
    text = maria.say(request_)
    assert change in text and "Riepilogo dell'ordine" in text


@pytest.mark.parametrize(("answer", "change"), [
    ("di tre unità", "da 10 a 7 licenze"),
    ("a 8 anzi 6", "da 10 a 6 licenze"),
    ("sette", "da 10 a 7 licenze"),
])
def test_counts_typed_at_the_count_question(chat: ChatFactory, answer: str, change: str) -> None:
    maria = chat(MARIA)
    maria.say("voglio ridurre le licenze di GoTo Webinar")
    assert change in maria.say(answer)


@pytest.mark.parametrize(("typed", "why"), [
    ("0", "non può essere 0"),
    ("a 0", "non può essere 0"),
    ("-3", "non può essere negativo"),
    ("sette e mezzo", "numeri interi"),
    ("7.5", "numeri interi"),
])
def test_a_number_that_is_no_count_is_refused_wherever_it_stands(
        chat: ChatFactory, service: BillingService, typed: str, why: str) -> None:
    maria = chat(MARIA)
    # at the count question
    maria.say("voglio ridurre le licenze di GoTo Webinar")
    text = maria.say(typed)
    assert why in text and "A quante licenze vuoi scendere?" in text
    # at the summary
    maria.say("8")
    text = maria.say(typed)
    assert why in text and "non è ancora confermato" in text
    assert "da 10 a 8 licenze" in text and maria.labels == ["Conferma", "Modifica", "Annulla"]
    # after Modifica
    maria.click("Modifica")
    text = maria.say(typed)
    assert why in text and "Cosa vuoi modificare?" in text
    maria.say("annulla")
    # alone, with nothing going on
    text = maria.say(typed)
    assert why in text
    assert orders(service, "ACC-1001") == []


def test_zero_inside_a_request_is_refused_with_the_reason(chat: ChatFactory) -> None:
    maria = chat(MARIA)
    text = maria.say("riduci a 0 le licenze di webinar")
    assert "non può essere 0" in text and "disdire" in text
    assert "A quante licenze vuoi scendere?" in text


def test_a_value_typed_after_modifica_gives_a_new_summary(chat: ChatFactory,
                                                        service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    maria.click("Modifica")
    assert maria.text == "Cosa vuoi modificare?"
    text = maria.say("7")
    assert "da 10 a 7 licenze" in text and maria.labels == ["Conferma", "Modifica", "Annulla"]
    maria.say("voglio pagare annuale il webinar")  # in più o al posto?
    maria.click("Tutte e due, un solo ordine")
    maria.click("Modifica")
    text = maria.say("facciamo 9 licenze")
    assert "da 10 a 9 licenze, fatturazione da mensile ad annuale" in text
    assert orders(service, "ACC-1001") == []


@pytest.mark.parametrize("request_", [
    "passa webinar a standard con 12 licenze",
    "vorrei scendere al piano standard per webinar, costa troppo",
])
def test_a_lower_tier_anywhere_in_a_request_stops_it_with_a_handoff(
        chat: ChatFactory, service: BillingService, request_: str) -> None:
    maria = chat(MARIA)
    text = maria.say(request_)
    assert "downgrade" in text.lower()
    assert "Parla con una persona" in maria.labels and "Conferma" not in maria.labels
    assert "A quante licenze" not in text and "Quante licenze" not in text
    assert orders(service, "ACC-1001") == []
    webinar = subscription(service, "ACC-1001", "gotowebinar")
    assert (webinar.plan, webinar.licenses) == ("pro", 10)


def test_the_rest_of_a_refused_downgrade_is_named_not_done(chat: ChatFactory) -> None:
    maria = chat(MARIA)
    text = maria.say("passa webinar a standard con 12 licenze")
    assert "Non ho fatto neanche il resto della richiesta (12 licenze)" in text


def test_a_reactivation_says_the_tier_change_is_not_part_of_it(
        chat: ChatFactory, service: BillingService) -> None:
    anna = chat("anna.bianchi@example.com")
    text = anna.say("riattiva meeting con piano business")
    if "Intendevi" in text:  # the matcher hesitates between reactivation and plan change
        text = anna.click("Riattivare un abbonamento")
    assert "riparte con il piano che avevi, Professional" in text
    assert "il passaggio a Business non è compreso" in text
    assert "Riepilogo dell'ordine" in text
    anna.say("sì")
    assert subscription(service, "ACC-4001", "gotomeeting").plan == "professional"


def test_a_plan_change_of_an_expired_plan_offers_the_reactivation_first(
        chat: ChatFactory, service: BillingService) -> None:
    anna = chat("anna.bianchi@example.com")
    # a plan change ("riattiva GoTo Meeting con il piano Business" is a reactivation since the
    # matcher's second round: the test above)
    text = anna.say("passa GoTo Meeting al piano Business")
    assert "prima va riattivata" in text and "Vuoi che riattivi GoTo Meeting ora?" in text
    assert orders(service, "ACC-4001") == []
    text = anna.click("Sì, fallo ora")
    assert "il passaggio a Business non è compreso" in text and "Riepilogo dell'ordine" in text
    assert orders(service, "ACC-4001") == []


def test_a_second_thought_after_a_cancellation_withdraws_it(chat: ChatFactory,
                                                            service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("disdici GoTo Webinar")
    maria.say("sì")
    assert subscription(service, "ACC-1001", "gotowebinar").cancel_at_period_end
    text = maria.say("ah no ci ho ripensato, riattiva webinar")
    assert "ritiri la disdetta" in text
    maria.say("sì")
    assert not subscription(service, "ACC-1001", "gotowebinar").cancel_at_period_end


def test_a_story_with_several_numbers_counts_those_who_left(
        chat: ChatFactory, service: BillingService) -> None:
    """"avevamo 9 persone, 2 sono andate via" was read as 9 fewer: a summary from 10 to 1
    license with 0,00 € to pay, placed by one "sì". The 2 who left are the count."""
    maria = chat(MARIA)
    text = maria.say("avevamo 9 persone, 2 sono andate via: riducete le licenze del webinar")
    assert "GoTo Webinar: da 10 a 8 licenze." in text, text
    assert orders(service, "ACC-1001") == []


def test_several_numbers_and_no_way_to_tell_which_one_asks(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    text = maria.say("abbiamo 10 licenze ma ne usiamo 6, vorrei ridurre il webinar")
    assert "A quante licenze vuoi scendere?" in text, text
    assert "Riepilogo" not in text
    assert "da 10 a 6 licenze" in maria.say("6")
    assert orders(service, "ACC-1001") == []
