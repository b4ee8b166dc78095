"""seats.add: standard accounts change plan with more licenses; corporate accounts get a quote."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from billing_core import BillingService
    from tests.conftest import Cli

from tests.dialogue.conftest import ChatFactory, account, orders, subscription


def test_standard_account_adds_licenses_through_a_plan_change(chat: ChatFactory,
                                                             service: BillingService) -> None:
    maria = chat("maria.rossi@example.com")
    text = maria.say("aggiungi 2 licenze a GoTo Webinar")
    assert "da 10 a 12 licenze" in text
    assert maria.intents[-1] == "seats.add"
    text = maria.click("Conferma")
    assert "assegna" in text.lower()
    assert subscription(service, "ACC-1001", "gotowebinar").licenses == 12
    assert len(orders(service, "ACC-1001")) == 1


def test_licenses_added_on_a_billing_center_account_are_recorded_as_an_addition(
        chat: ChatFactory, cli: Cli, database_url: str) -> None:
    """The order's kind is `seats.add` (as for corporate seats), not `plan.change`; what Maria
    reads and pays is as before: a plan change with two more licenses, placed at once."""
    maria = chat("maria.rossi@example.com")
    text = maria.say("aggiungi 2 licenze a GoTo Webinar")
    assert "GoTo Webinar: da 10 a 12 licenze." in text and "Licenze: 12" in text, text
    assert "postazioni" not in text.lower()
    assert "Totale dovuto oggi: 2.328,98 €" in text
    text = maria.say("sì")
    assert "Le modifiche sono già attive." in text and "24 ore" not in text, text
    assert ("Da oggi inizia il nuovo periodo di fatturazione. Ricordati di assegnare le nuove "
            "licenze ai tuoi utenti.") in text
    shown = cli("account", "show", "ACC-1001", "--json", "--db", database_url)
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert [(o["kind"], o["status"], o["total"]) for o in data["orders"]] == [
        ("seats.add", "placed", "2328.98")]
    webinar = next(s for s in data["subscriptions"] if s["product"] == "gotowebinar")
    assert (webinar["plan"], webinar["licenses"], webinar["frequency"]) == ("pro", 12, "monthly")
    assert data["quotes"] == []  # no corporate quote behind it


def test_corporate_open_quote_can_be_accepted(chat: ChatFactory, service: BillingService) -> None:
    giulia = chat("giulia.verdi@example.com")
    text = giulia.say("ci servono 6 postazioni in più di GoTo Meeting")
    assert "preventivo aperto" in text
    assert giulia.labels == ["Accetta il preventivo", "Rifiuta il preventivo", "Nuovo ordine"]
    text = giulia.click("Accetta il preventivo")
    assert "Riepilogo dell'ordine" in text and "24 ore" in text
    text = giulia.click("Conferma")
    assert "24 ore" in text
    placed = orders(service, "ACC-2001")
    assert [o.status for o in placed] == ["processing"]
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["accepted"]


def test_corporate_open_quote_can_be_rejected_then_a_new_order_placed(
        chat: ChatFactory, service: BillingService) -> None:
    giulia = chat("giulia.verdi@example.com")
    giulia.say("ci servono 6 postazioni in più di GoTo Meeting")
    text = giulia.click("Rifiuta il preventivo")
    assert "Vuoi davvero rifiutare il preventivo Q-2001-1" in text
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["open"]
    text = giulia.click("Sì, rifiuta il preventivo")
    assert "Ho rifiutato il preventivo" in text
    assert "6 postazioni in più (da 50 a 56)" in text
    giulia.click("Conferma")
    quotes = {q.status for q in account(service, "ACC-2001").quotes}
    assert "rejected" in quotes
    assert [o.status for o in orders(service, "ACC-2001")] == ["processing"]


def test_corporate_new_order_warns_that_the_open_quote_expires_and_annulla_keeps_it(
        chat: ChatFactory, service: BillingService) -> None:
    giulia = chat("giulia.verdi@example.com")
    giulia.say("aggiungi postazioni a GoTo Meeting")
    text = giulia.click("Nuovo ordine")
    assert "Quante postazioni vuoi aggiungere?" in text
    text = giulia.say("3")
    assert "3 postazioni in più" in text
    text = giulia.click("Annulla")
    assert "nessun ordine" in text
    assert orders(service, "ACC-2001") == []
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["open"]


def test_corporate_account_without_automatic_payment_is_refused_with_a_handoff(
        chat: ChatFactory, service: BillingService) -> None:
    franco = chat("franco.verdi@example.com")
    franco.say("aggiungi 5 postazioni a GoTo Webinar")
    assert "Parla con una persona" in franco.labels
    assert orders(service, "ACC-5001") == []


def test_a_lower_total_when_adding_offers_the_reduction_instead(chat: ChatFactory,
                                                                service: BillingService) -> None:
    maria = chat("maria.rossi@example.com")
    maria.say("aggiungi licenze a GoTo Webinar")
    text = maria.say("portale a 8")
    assert "è una riduzione" in text
    text = maria.click("Sì, riduci a 8")
    assert maria.intents[-1] == "licenses.reduce"
    assert "da 10 a 8 licenze" in text
    maria.click("Annulla")
    assert orders(service, "ACC-1001") == []


@pytest.mark.parametrize("typed", ["accetta", "Accetto il preventivo", "ok, accettalo"])
def test_corporate_open_quote_accepted_by_typing(chat: ChatFactory, service: BillingService,
                                                 typed: str) -> None:
    giulia = chat("giulia.verdi@example.com")
    giulia.say("aggiungi postazioni a GoTo Meeting")
    text = giulia.say(typed)
    assert "accetti il preventivo per passare a 55 postazioni" in text
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["open"]
    text = giulia.say("sì")
    assert "Fatto!" in text and "24 ore" in text
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["accepted"]
    assert [(o.kind, o.status) for o in orders(service, "ACC-2001")] == [
        ("quote.accept", "processing")]
    assert subscription(service, "ACC-2001", "gotomeeting").licenses == 55


@pytest.mark.parametrize("typed", ["rifiuta", "rifiutalo, grazie", "non lo accetto"])
def test_corporate_open_quote_rejected_by_typing(chat: ChatFactory, service: BillingService,
                                                 typed: str) -> None:
    giulia = chat("giulia.verdi@example.com")
    giulia.say("aggiungi postazioni a GoTo Meeting")
    text = giulia.say(typed)
    assert "Vuoi davvero rifiutare il preventivo Q-2001-1" in text
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["open"]
    text = giulia.say("sì")
    assert "Ho rifiutato il preventivo Q-2001-1." in text
    assert "Quante postazioni vuoi aggiungere?" in text
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["rejected"]
    giulia.say("annulla")
    assert orders(service, "ACC-2001") == []
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["rejected"]


def test_rejecting_an_open_quote_asks_for_a_confirmation_and_a_hedge_keeps_it(
        chat: ChatFactory, service: BillingService) -> None:
    giulia = chat("giulia.verdi@example.com")
    giulia.say("aggiungi postazioni a GoTo Meeting")
    giulia.click("Rifiuta il preventivo")
    for hedge in ("ok ma aspetta", "si ma posso riaprirlo dopo?", "mmm ok", "va bene grazie"):
        text = giulia.say(hedge)
        assert "Ho rifiutato" not in text, hedge
        assert "Vuoi davvero rifiutare il preventivo Q-2001-1" in text, (hedge, text)
        assert [q.status for q in account(service, "ACC-2001").quotes] == ["open"]
    text = giulia.click("No, tienilo")
    assert "il preventivo resta aperto" in text and "Accetta il preventivo" in giulia.labels
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["open"]
    assert orders(service, "ACC-2001") == []


@pytest.mark.parametrize("typed", ["procedi con un nuovo ordine", "vai avanti con un nuovo ordine",
                                   "Nuovo ordine"])
def test_corporate_open_quote_new_order_by_typing(chat: ChatFactory, service: BillingService,
                                                  typed: str) -> None:
    giulia = chat("giulia.verdi@example.com")
    giulia.say("aggiungi postazioni a GoTo Meeting")
    text = giulia.say(typed)
    assert "Quante postazioni vuoi aggiungere?" in text
    text = giulia.say("3")
    assert "3 postazioni in più (da 50 a 53)" in text
    assert "Q-2001-1" in text and "scadrà subito" in text
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["open"]
    giulia.say("conferma")
    quotes = {q.id: q.status for q in account(service, "ACC-2001").quotes}
    assert quotes.pop("Q-2001-1") == "expired"
    assert list(quotes.values()) == ["accepted"]
    assert [(o.kind, o.status) for o in orders(service, "ACC-2001")] == [
        ("seats.add", "processing")]
    assert subscription(service, "ACC-2001", "gotomeeting").licenses == 53


def test_an_unclear_or_contradictory_answer_to_the_open_quote_changes_nothing(
        chat: ChatFactory, service: BillingService) -> None:
    giulia = chat("giulia.verdi@example.com")
    giulia.say("aggiungi postazioni a GoTo Meeting")
    for typed, said in (("accetta o rifiuta?", "Se accetti il preventivo Q-2001-1"),
                        ("sì", "puoi fare tre cose: accettarlo, rifiutarlo oppure fare")):
        text = giulia.say(typed)
        assert said in text
        assert giulia.labels == ["Accetta il preventivo", "Rifiuta il preventivo",
                                 "Nuovo ordine"]
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["open"]
    assert orders(service, "ACC-2001") == []


def test_a_number_of_seats_at_the_open_quote_question_means_a_new_order(
        chat: ChatFactory, service: BillingService) -> None:
    giulia = chat("giulia.verdi@example.com")
    giulia.say("aggiungi postazioni a GoTo Meeting")
    text = giulia.say("ne aggiungo 4")
    assert "4 postazioni in più (da 50 a 54)" in text
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["open"]
    assert orders(service, "ACC-2001") == []


def test_no_at_the_open_quote_question_stops_and_keeps_the_quote_open(
        chat: ChatFactory, service: BillingService) -> None:
    giulia = chat("giulia.verdi@example.com")
    giulia.say("aggiungi postazioni a GoTo Meeting")
    text = giulia.say("no")
    assert "nessun ordine è stato effettuato" in text
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["open"]
    assert orders(service, "ACC-2001") == []


def test_bad_counts_for_corporate_seats_speak_of_postazioni(chat: ChatFactory,
                                                             service: BillingService) -> None:
    giulia = chat("giulia.verdi@example.com")
    giulia.say("aggiungi postazioni a GoTo Training")
    text = giulia.say("-3")
    assert "Non ho capito la risposta." in text and "Q-2001-1" in text
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["open"]
    giulia.click("Nuovo ordine")
    text = giulia.say("-3")
    assert text.startswith("Il numero di postazioni non può essere negativo")
    assert "Quante postazioni vuoi aggiungere?" in text
    text = giulia.say("tante")
    assert "Non ho capito il numero" in text and "Quante postazioni vuoi aggiungere?" in text
    assert orders(service, "ACC-2001") == []
    assert subscription(service, "ACC-2001", "gototraining").licenses == 10


def test_seats_for_another_product_still_get_the_open_quote_question(
        chat: ChatFactory, service: BillingService) -> None:
    """billing_core expires any open quote of the account at a new seats order (article 003),
    so the choice is offered whatever product the new order is for."""
    giulia = chat("giulia.verdi@example.com")
    giulia.say("aggiungi postazioni a GoTo Meeting")
    text = giulia.say("aggiungi 3 postazioni a GoTo Training")
    assert "C'è un preventivo aperto (Q-2001-1) per 5 postazioni in più di GoTo Meeting" in text
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["open"]
    text = giulia.say("nuovo ordine")
    assert "GoTo Training: 3 postazioni in più (da 10 a 13)" in text
    giulia.say("annulla")
    assert [q.status for q in account(service, "ACC-2001").quotes] == ["open"]
    assert orders(service, "ACC-2001") == []
    assert subscription(service, "ACC-2001", "gototraining").licenses == 10
