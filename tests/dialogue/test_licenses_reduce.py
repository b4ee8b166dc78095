"""licenses.reduce (article 000) as Maria Rossi, ACC-1001: GoTo Webinar pro, 10 licenses."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from billing_core import BillingService

from tests.dialogue.conftest import ChatFactory, orders, subscription

MARIA = "maria.rossi@example.com"


def test_reduce_in_one_message_shows_the_summary_and_places_the_order_on_confirm(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    text = maria.say("riduci a 8 le licenze di GoTo Webinar")
    assert "da 10 a 8 licenze" in text
    assert "dal 22 novembre 2026 al 22 dicembre 2026" in text
    assert "Totale dovuto oggi: 1.113,86 €" in text
    assert "IVA 22%: 200,86 €" in text
    assert "-1.079,00 €" in text
    assert maria.labels == ["Conferma", "Modifica", "Annulla"]
    assert orders(service, "ACC-1001") == []

    text = maria.click("Conferma")
    assert "Fatto!" in text and "maria.rossi@example.com" in text
    placed = orders(service, "ACC-1001")
    assert [(o.kind, o.status, str(o.total)) for o in placed] == [
        ("licenses.reduce", "placed", "1113.86")]
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 8


def test_missing_product_and_count_are_asked_with_buttons_for_the_accounts_products(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("voglio ridurre le licenze")
    assert sorted(maria.labels) == ["GoTo Webinar", "GoToAssist Supporto remoto v4"]
    text = maria.click("GoTo Webinar")
    assert "Ora hai 10 licenze di GoTo Webinar" in text
    text = maria.say("8")
    assert "Totale dovuto oggi: 1.113,86 €" in text
    text = maria.say("sì")
    assert "Fatto!" in text
    assert len(orders(service, "ACC-1001")) == 1


def test_a_higher_number_is_not_a_reduction_and_offers_to_add_the_difference(
        chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    text = maria.say("riduci a 15 le licenze di GoTo Webinar")
    assert "Hai 10 licenze" in text and "Vuoi aggiungerne 5?" in text
    text = maria.click("Sì, aggiungine 5")
    assert "da 10 a 15 licenze" in text
    assert maria.intents[-1] == "seats.add"
    maria.click("Annulla")
    assert orders(service, "ACC-1001") == []


def test_declining_the_offer_to_add_asks_the_count_again(chat: ChatFactory) -> None:
    maria = chat(MARIA)
    maria.say("riduci a 15 le licenze di GoTo Webinar")
    text = maria.say("no")
    assert "A quante licenze vuoi scendere?" in text


def test_bad_counts_get_a_sentence_and_the_question_again(chat: ChatFactory,
                                                          service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("voglio ridurre le licenze di GoTo Webinar")
    for answer, expected in [
        ("-3", "non può essere negativo"),
        ("tante", "Non ho capito il numero"),
    ]:
        text = maria.say(answer)
        assert expected in text, (answer, text)
        assert "A quante licenze vuoi scendere?" in text
    text = maria.say("0")
    assert "A quante licenze vuoi scendere?" in text
    assert "Conferma" not in maria.labels
    text = maria.say("10")
    assert "A quante licenze vuoi scendere?" in text
    text = maria.say("100000")
    assert "al massimo 10000" in text and "aggiungerne" not in text
    assert "A quante licenze vuoi scendere?" in text
    assert orders(service, "ACC-1001") == []


def test_typed_no_at_the_summary_places_nothing(chat: ChatFactory, service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    text = maria.say("no")
    assert "nessun ordine" in text
    assert orders(service, "ACC-1001") == []
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 10


def test_modifica_asks_what_to_change_and_shows_a_new_summary(chat: ChatFactory,
                                                             service: BillingService) -> None:
    maria = chat(MARIA)
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    maria.click("Modifica")
    assert "Numero di licenze" in maria.labels
    text = maria.click("Numero di licenze")
    assert "A quante licenze vuoi scendere?" in text
    text = maria.say("9")
    assert "da 10 a 9 licenze" in text
    maria.click("Conferma")
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 9


def test_remove_counts_are_relative_to_the_current_licenses(chat: ChatFactory) -> None:
    maria = chat(MARIA)
    text = maria.say("togli 2 licenze da GoTo Webinar")
    assert "da 10 a 8 licenze" in text


def test_thanks_or_a_non_answer_at_the_summary_places_nothing_and_says_how_to_confirm(
        chat: ChatFactory, service: BillingService) -> None:
    """"ok grazie" (thanks), "boh", "forse" at "Confermi l'ordine?" are not a yes: billing_core
    records no order, the user is told how to confirm, and the summary buttons come back."""
    maria = chat(MARIA)
    maria.say("riduci a 8 le licenze di GoTo Webinar")
    for typed in ("ok grazie", "boh", "forse"):
        text = maria.say(typed)
        assert "Per confermarlo scrivi «sì» o premi Conferma" in text, (typed, text)
        assert "non è ancora confermato" in text and "Fatto!" not in text
        assert "Riepilogo dell'ordine" in text and "Totale dovuto oggi: 1.113,86 €" in text
        assert maria.labels == ["Conferma", "Modifica", "Annulla"]
        assert orders(service, "ACC-1001") == []
        assert subscription(service, "ACC-1001", "gotowebinar").licenses == 10
    assert "Prego!" in maria.say("ok grazie")
    maria.click("Conferma")
    assert [(o.kind, str(o.total)) for o in orders(service, "ACC-1001")] == [
        ("licenses.reduce", "1113.86")]
